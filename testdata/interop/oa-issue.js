// oa-issue.js RPC_URL PRIVATE_KEY_HEX OUTDIR: issues OpenAttestation v2
// documents on a DocumentStore that it deploys on the node at RPC_URL (see
// README.md). Writes OUTDIR/store.json, oa-issued-1.json, oa-issued-2.json,
// oa-revoked.json, oa-unissued.json and oa-expired.json (issued, with an
// expiresOn in the past). The key is used, never written.
"use strict";
const fs = require("fs");
const path = require("path");
const { req } = require("./loader.js");

const { ethers } = req("ethers"); // v5, as @govtechsg/document-store 2.6.1 needs
const { DocumentStoreFactory } = req("@govtechsg/document-store");
const oa = req("@govtechsg/open-attestation");

// doc: an OpenAttestation v2 document (before wrapping) issued by the store.
function doc(store, recipient, course) {
  return {
    $template: { name: "main", type: "EMBEDDED_RENDERER", url: "https://tutorial-renderer.openattestation.com" },
    issuers: [
      { name: "Example Academy", documentStore: store, identityProof: { type: "DNS-TXT", location: "example.openattestation.com" } },
    ],
    recipient: { name: recipient },
    course,
    grade: "Pass",
    awardedOn: "2025-06-30",
  };
}

async function main(rpcUrl, keyHex, outDir) {
  const provider = new ethers.providers.JsonRpcProvider(rpcUrl);
  const wallet = new ethers.Wallet(keyHex.startsWith("0x") ? keyHex : "0x" + keyHex, provider);
  const { chainId } = await provider.getNetwork();

  // Deploy the store directly from its typechain factory: the package's
  // deployAndWait goes through a DocumentStoreCreator at per-chain addresses
  // that a dev chain does not have.
  const store = await new DocumentStoreFactory(wallet).deploy("Example Academy", wallet.address);
  await store.deployed();

  const batch = oa.wrapDocuments([
    doc(store.address, "Ada Lovelace", "Analytical Engines 101"),
    doc(store.address, "Alan Turing", "Computability"),
    doc(store.address, "Grace Hopper", "Compilers"),
  ]);
  const [unissued] = oa.wrapDocuments([doc(store.address, "Never Issued", "Nothing")]);
  const [expired] = oa.wrapDocuments([{ ...doc(store.address, "Katherine Johnson", "Orbital Mechanics"), expiresOn: "2020-01-01T00:00:00Z" }]);
  const out = { "oa-issued-1.json": batch[0], "oa-issued-2.json": batch[1], "oa-revoked.json": batch[2], "oa-unissued.json": unissued,
    "oa-expired.json": expired };
  for (const [name, d] of Object.entries(out)) {
    if (!oa.validateSchema(d)) throw new Error(`${name}: OpenAttestation validateSchema failed`);
    if (!oa.verifySignature(d)) throw new Error(`${name}: OpenAttestation verifySignature failed`);
  }

  const root = "0x" + batch[0].signature.merkleRoot;
  await (await store.issue(root)).wait();
  await (await store.revoke("0x" + batch[2].signature.targetHash)).wait();
  await (await store.issue("0x" + expired.signature.merkleRoot)).wait();
  if (!(await store.isIssued(root)) || !(await store.isRevoked("0x" + batch[2].signature.targetHash))) {
    throw new Error("the store does not report the batch issued and the third document revoked");
  }

  fs.mkdirSync(outDir, { recursive: true });
  out["store.json"] = { address: store.address, chainId };
  for (const [name, d] of Object.entries(out)) {
    fs.writeFileSync(path.join(outDir, name), JSON.stringify(d, null, 2) + "\n");
  }
  console.error(`oa-issue: DocumentStore ${store.address} on chain ${chainId}, merkle root ${root}; wrote ${Object.keys(out).length} files to ${outDir}`);
}

if (process.argv.length !== 5) {
  console.error("usage: node oa-issue.js RPC_URL PRIVATE_KEY_HEX OUTDIR");
  process.exit(2);
}
main(...process.argv.slice(2)).catch((e) => {
  console.error("oa-issue:", e && e.stack ? e.stack : e);
  process.exit(1);
});
