// verify-vc.js DIR: verifies every DIR/credentials/*.json with DCC's
// @digitalcredentials/vc (eddsa-rdfc-2022 DataIntegrityProof and
// Ed25519Signature2020 suites; BitstringStatusList checkStatus when the
// credential has credentialStatus), offline: the loader holds DIR/dids/*.json
// (DID documents) and DIR/status/*.json (status list credentials), each keyed
// by its "id". Prints one JSON line per credential file (see README.md).
"use strict";
const fs = require("fs");
const path = require("path");
const { load, createLoader, readJSONDir } = require("./loader.js");

// message flattens an error, the errors it aggregates and its cause
// (jsonld.js keeps the loader's error in details.cause).
function message(e) {
  if (!e) return "";
  if (Array.isArray(e.errors) && e.errors.length) return e.errors.map(message).join("; ");
  const cause = e.cause || (e.details && e.details.cause);
  return (e.message || String(e)) + (cause ? ` (cause: ${message(cause)})` : "");
}

async function main(dir) {
  const vc = await load("@digitalcredentials/vc");
  const { DataIntegrityProof } = await load("@digitalcredentials/data-integrity");
  const { cryptosuite: eddsa } = await load("@digitalcredentials/eddsa-rdfc-2022-cryptosuite");
  const { Ed25519Signature2020 } = await load("@digitalcredentials/ed25519-signature-2020");
  const { checkStatus } = await load("@digitalcredentials/vc-bitstring-status-list");

  const documentLoader = await createLoader({
    ...readJSONDir(path.join(dir, "dids")),
    ...readJSONDir(path.join(dir, "status")),
  });
  const suite = [new DataIntegrityProof({ cryptosuite: eddsa }), new Ed25519Signature2020()];

  const credDir = path.join(dir, "credentials");
  for (const file of fs.readdirSync(credDir).filter((f) => f.endsWith(".json")).sort()) {
    const line = { file, verified: false, revoked: null, error: "" };
    try {
      const credential = JSON.parse(fs.readFileSync(path.join(credDir, file), "utf8"));
      const hasStatus = credential.credentialStatus !== undefined;
      const r = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus: hasStatus ? checkStatus : undefined });
      line.verified = r.verified === true;
      // statusResult exists only when the signature verified and the status
      // was checked; it is {verified:false, error} when the check failed, and
      // {verified, results:[{verified, credentialStatus}]} when it ran, an
      // entry not verified meaning its bit is set.
      const st = r.statusResult;
      if (st && !st.error) {
        line.revoked = (st.results || []).some((x) => x.credentialStatus.statusPurpose === "revocation" && x.verified === false);
      }
      line.error = message(r.error) || message(((r.results || []).find((x) => x.error) || {}).error) || (st && message(st.error)) || "";
      if (!line.error && line.revoked) line.error = "revoked: the status list credential has this credential's revocation bit set";
    } catch (e) {
      line.error = message(e);
    }
    process.stdout.write(JSON.stringify(line) + "\n");
  }
}

if (process.argv.length !== 3) {
  console.error("usage: node verify-vc.js DIR   (DIR/credentials/*.json, DIR/dids/*.json, DIR/status/*.json)");
  process.exit(2);
}
main(process.argv[2]).catch((e) => {
  console.error("verify-vc:", e && e.stack ? e.stack : e);
  process.exit(1);
});
