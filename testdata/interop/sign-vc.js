// sign-vc.js OUTDIR [STATUS_BASE]: writes Verifiable Credentials signed by the
// Digital Credentials Consortium's libraries (see README.md), with fresh keys
// on each run. Each is verified with the same libraries before it is written.
// The status list credential is STATUS_BASE/status/1 (default
// https://vc.example.test), so a test can serve it where it says it is.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { load, createLoader } = require("./loader.js");

const VC_V2 = "https://www.w3.org/ns/credentials/v2";
const OB_303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const ED25519_2020 = "https://w3id.org/security/suites/ed25519-2020/v1";
const DID_WEB = "did:web:vc.example.test";
const STATUS_BASE = (process.argv[3] || "https://vc.example.test").replace(/\/+$/, "");
const STATUS_LIST = STATUS_BASE + "/status/1";

const seconds = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
const NOW = Date.now();

// badge: an unsigned OB 3.0 OpenBadgeCredential on the VC 2.0 data model.
function badge(issuerDid, extra = {}) {
  return {
    "@context": [VC_V2, OB_303],
    id: "urn:uuid:" + crypto.randomUUID(),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuerDid, type: ["Profile"], name: "Example Academy" },
    validFrom: seconds(NOW - 60 * 1000),
    name: "Interoperability Test Badge",
    credentialSubject: {
      id: "urn:uuid:" + crypto.randomUUID(),
      type: ["AchievementSubject"],
      achievement: {
        id: "https://vc.example.test/achievements/interop-1",
        type: ["Achievement"],
        name: "Interoperability Test Badge",
        description: "Awarded to a credential that DCC's libraries signed and credseal checks.",
        criteria: { narrative: "Be issued by the credseal interop harness." },
      },
    },
    ...extra,
  };
}

async function main(outDir) {
  const vc = await load("@digitalcredentials/vc");
  const { DataIntegrityProof } = await load("@digitalcredentials/data-integrity");
  const { cryptosuite: eddsa } = await load("@digitalcredentials/eddsa-rdfc-2022-cryptosuite");
  const Ed25519Multikey = await load("@digitalcredentials/ed25519-multikey");
  const { Ed25519Signature2020 } = await load("@digitalcredentials/ed25519-signature-2020");
  const { Ed25519VerificationKey2020 } = await load("@digitalcredentials/ed25519-verification-key-2020");
  const bsl = await load("@digitalcredentials/vc-bitstring-status-list");

  // Keys. did:key for eddsa-rdfc-2022: a Multikey whose id is did#multibase.
  const seed = crypto.randomBytes(32);
  const mk0 = await Ed25519Multikey.generate({ seed });
  const didKey = "did:key:" + mk0.publicKeyMultibase;
  const eddsaKey = await Ed25519Multikey.generate({ seed, controller: didKey });

  // did:key for Ed25519Signature2020: an Ed25519VerificationKey2020.
  const k2020 = await Ed25519VerificationKey2020.generate();
  const didKey2020 = "did:key:" + k2020.fingerprint();
  k2020.controller = didKey2020;
  k2020.id = didKey2020 + "#" + k2020.fingerprint();

  // did:web: a Multikey #key-1 in a DID document we write out.
  const webKey = await Ed25519Multikey.generate({ controller: DID_WEB, id: DID_WEB + "#key-1" });
  const didWebDoc = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: DID_WEB,
    verificationMethod: [{ id: webKey.id, type: "Multikey", controller: DID_WEB, publicKeyMultibase: webKey.publicKeyMultibase }],
    assertionMethod: [webKey.id],
    authentication: [webKey.id],
  };

  const eddsaSuite = (key) => new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsa });

  // The status list: revocation, index 7 set.
  const list = await bsl.createList({ length: 131072 });
  list.setStatus(7, true);
  const slUnsigned = await bsl.createCredential({ id: STATUS_LIST, list, statusPurpose: "revocation" });
  Object.assign(slUnsigned, { issuer: DID_WEB, validFrom: seconds(NOW - 60 * 1000) });

  const documentLoader = await createLoader({ [DID_WEB]: didWebDoc });
  const statusList = await vc.issue({ credential: slUnsigned, suite: eddsaSuite(webKey), documentLoader });
  const loaderWithList = await createLoader({ [DID_WEB]: didWebDoc, [STATUS_LIST]: statusList });

  const entry = (index) => ({
    credentialStatus: {
      id: `${STATUS_LIST}#${index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(index),
      statusListCredential: STATUS_LIST,
    },
  });
  const sign = (credential, suite) => vc.issue({ credential, suite, documentLoader });
  const out = {
    "eddsa-didkey.json": await sign(badge(didKey), eddsaSuite(eddsaKey)),
    // The 2020 suite needs its context in the credential: VC 2.0 + OB 3.0.3 + ed25519-2020.
    "ed25519-2020-didkey.json": await sign(
      { ...badge(didKey2020), "@context": [VC_V2, OB_303, ED25519_2020] },
      new Ed25519Signature2020({ key: k2020 })
    ),
    "eddsa-didweb.json": await sign(badge(DID_WEB), eddsaSuite(webKey)),
    "expired.json": await sign(
      badge(didKey, { validFrom: seconds(NOW - 2 * 86400 * 1000), validUntil: seconds(NOW - 86400 * 1000) }),
      eddsaSuite(eddsaKey)
    ),
    "status-list.json": statusList,
    "status-revoked.json": await sign(badge(DID_WEB, entry(7)), eddsaSuite(webKey)),
    "status-active.json": await sign(badge(DID_WEB, entry(8)), eddsaSuite(webKey)),
  };

  // Check each with the same libraries before writing anything.
  const suite = [new DataIntegrityProof({ cryptosuite: eddsa }), new Ed25519Signature2020()];
  for (const [name, credential] of Object.entries(out)) {
    const now = name === "expired.json" ? new Date(NOW - 1.5 * 86400 * 1000) : undefined; // inside its validity
    const checkStatus = credential.credentialStatus ? bsl.checkStatus : undefined;
    const r = await vc.verifyCredential({ credential, suite, documentLoader: loaderWithList, checkStatus, now });
    // The library reports a revoked credential as verified: false with a
    // good signature and a status result that ran but is not verified.
    const revoked = r.statusResult && !r.statusResult.error && r.statusResult.verified === false;
    const ok = name === "status-revoked.json" ? !r.error && revoked && r.results[0].verified : r.verified;
    if (!ok) {
      throw new Error(`${name} does not verify as expected: ${(r.error && r.error.message) || JSON.stringify(r.statusResult || r.results)}`);
    }
  }

  fs.mkdirSync(outDir, { recursive: true });
  out["didweb-did.json"] = didWebDoc;
  out["keys.json"] = { eddsaDidKey: didKey, ed25519Signature2020DidKey: didKey2020, didWeb: DID_WEB, statusListCredential: STATUS_LIST };
  for (const [name, doc] of Object.entries(out)) {
    fs.writeFileSync(path.join(outDir, name), JSON.stringify(doc, null, 2) + "\n");
  }
  console.error(`sign-vc: wrote ${Object.keys(out).length} files to ${outDir} (did:key ${didKey}, ${didKey2020}; ${DID_WEB})`);
}

if (process.argv.length !== 3 && process.argv.length !== 4) {
  console.error("usage: node sign-vc.js OUTDIR [STATUS_BASE]   (STATUS_BASE default https://vc.example.test)");
  process.exit(2);
}
if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(STATUS_BASE)) {
  console.error(`sign-vc: STATUS_BASE ${JSON.stringify(STATUS_BASE)} is not an http(s) URL without query or fragment`);
  process.exit(2);
}
main(process.argv[2]).catch((e) => {
  console.error("sign-vc:", e && e.stack ? e.stack : e);
  process.exit(1);
});
