// Copied from oa-wrapbench.js in the project's shared brief (peers/, a folder
// outside this repository) on 2026-12-01; unchanged below this note. See
// README.md here for the steps; `make bench-peer` runs it:
//   node oa-wrapbench.js [N]   (from the directory where the package is installed)
// Peer: OpenAttestation v2 wrapDocuments (salted per-field hashing + keccak Merkle batch) on N micro-credential records.
// Resolve the library from the directory it was installed in (the current directory), not from this file.
const req = require("module").createRequire(process.cwd() + "/");
const { wrapDocuments, verifySignature } = req("@govtechsg/open-attestation");
const N = parseInt(process.argv[2] || "10000", 10);
const docs = [];
for (let i = 0; i < N; i++) {
  docs.push({
    $template: { name: "MICRO_CRED", type: "EMBEDDED_RENDERER", url: "https://renderer.example.edu" },
    issuers: [{ name: "Example University", documentStore: "0x9178F546D3FF57D7A6352bD61B80cCCD46199C2d",
      identityProof: { type: "DNS-TXT", location: "example.edu" } }],
    id: "cred-" + i,
    recipient: { name: "Learner " + i, email: "learner" + i + "@example.edu", studentId: "S" + (100000 + i) },
    achievement: { title: "Applied Machine Learning Micro-credential", credits: 5, level: "EQF 6", grade: "A",
      skills: ["python", "statistics", "model evaluation"] },
    issuedOn: "2026-06-30", validUntil: "2031-06-30",
  });
}
let t0 = process.hrtime.bigint();
const wrapped = wrapDocuments(docs);
let t1 = process.hrtime.bigint();
const wrapS = Number(t1 - t0) / 1e9;
let ok = 0;
const M = Math.min(N, 2000);
t0 = process.hrtime.bigint();
for (let i = 0; i < M; i++) if (verifySignature(wrapped[i])) ok++;
t1 = process.hrtime.bigint();
const verS = Number(t1 - t0) / 1e9;
console.log(JSON.stringify({ N, wrap_s: wrapS, wrap_per_s: N / wrapS, verified: ok, verify_per_s: M / verS,
  root: wrapped[0].signature.merkleRoot, proofLen: wrapped[0].signature.proof.length, bytes: JSON.stringify(wrapped[0]).length }));
