// Writes the OpenAttestation v2 test vectors in this directory with the real
// library. Not run by the Go tests; see SOURCE.md.
//
// Usage, from an npm directory holding @govtechsg/open-attestation@6.9.7:
//   node /path/to/pkg/oa/testdata/make-vectors.js /path/to/pkg/oa/testdata
"use strict";
const fs = require("fs");
const path = require("path");
const req = require("module").createRequire(process.cwd() + "/");
const oa = req("@govtechsg/open-attestation");

const out = process.argv[2];
if (!out) {
  console.error("usage: node make-vectors.js OUTDIR");
  process.exit(2);
}
fs.mkdirSync(path.join(out, "unsalted"), { recursive: true });

// write saves a document that the library verifies as read back from JSON,
// and its unsalted data (getData) under unsalted/.
function write(name, doc) {
  const text = JSON.stringify(doc, null, 2) + "\n";
  const back = JSON.parse(text);
  if (!oa.verifySignature(back)) throw new Error(name + " does not verify");
  fs.writeFileSync(path.join(out, name + ".json"), text);
  fs.writeFileSync(path.join(out, "unsalted", name + ".json"), JSON.stringify(oa.getData(back), null, 2) + "\n");
}

// writeBad saves a document that the library itself rejects once read back.
function writeBad(name, doc) {
  const text = JSON.stringify(doc, null, 2) + "\n";
  if (oa.verifySignature(JSON.parse(text))) throw new Error(name + " unexpectedly verifies");
  fs.writeFileSync(path.join(out, name + ".json"), text);
}

const store = "0x8bA63EAB43342AAc3AdBB4B827b68Cf4aAE5Caca";
const issuer = (name, extra) =>
  Object.assign({ name, documentStore: store, identityProof: { type: "DNS-TXT", location: "example.edu" } }, extra);
const tmpl = { $template: { name: "main", type: "EMBEDDED_RENDERER", url: "https://renderer.example.edu" } };

const names = [
  "Zoë Müller-Øberg",
  "🎓 Ana 👩🏽‍🎓 Lima",
  "</script><script>alert(1)</script>",
  "Tom & Jerry <tj@example.com>",
  "line\u2028sep\u2029end",
  "quote \" backslash \\ tab \t nl \n nul \u0000 us \u001f del \u007f",
  " trailing space ",
];

const records = names.map((name, i) =>
  Object.assign({}, tmpl, {
    id: "DEG-" + (1000 + i),
    issuers: [issuer("Example University")],
    recipient: { name, email: "student" + i + "@example.edu", address: { street: "1 Main St", city: "Zürich" } },
    grades: [4.25, 1e21, 0.1, -0, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, i],
    honours: i % 2 === 0,
    thesis: null,
    nested: [[1, [2, []]], { a: {}, b: [{ c: "d" }] }, []],
    empty: {},
    none: [],
    "10": "ten",
    "2": "two",
  })
);

// A batch of seven (odd: the last leaf is promoted unpaired at each level).
oa.wrapDocuments(records).forEach((d, i) => write("batch7-" + i, d));

// A single document: empty proof, merkleRoot == targetHash.
write("single", oa.wrapDocument(Object.assign({}, tmpl, {
  issuers: [issuer("Solo Institute", { url: "https://solo.example" })],
  recipient: { name: "Zoë Müller-Øberg" },
})));

// A pair with two issuers and a token registry issuer.
oa.wrapDocuments([
  Object.assign({}, tmpl, {
    issuers: [issuer("First & Co"), issuer("Second </script>", { documentStore: store.toLowerCase() })],
    recipient: { name: "Pair One" },
  }),
  Object.assign({}, tmpl, {
    issuers: [{ name: "Token Issuer", tokenRegistry: "0x13249BA1Ec6B957Eb35D34D7b9fE5D91dF225B5B",
      identityProof: { type: "DNS-TXT", location: "tradetrust.example" } }],
    recipient: { name: "Pair Two" },
  }),
]).forEach((d, i) => write("pair-" + i, d));

// Obfuscated by the holder: a string, a nested object and a boolean.
const base = oa.wrapDocuments(records.slice(0, 3))[1];
write("obfuscated", oa.obfuscateDocument(base, ["recipient.email", "recipient.address", "honours"]));
// Obfuscating an array element leaves a hole that JSON writes as null: the
// library verifies the object in memory but not the saved JSON.
writeBad("bad-obfuscated-array", oa.obfuscateDocument(base, ["grades.1"]));

// Unusual keys: unicode, U+2028, "</script>", control characters, an empty
// key below the top level, a nested "__proto__", integer-like keys.
const iss = { issuers: [issuer("Odd Keys Ltd")] };
oa.wrapDocuments([
  { ...iss, "Zoë\u2028</script>&<>": "v", "tab\tnl\n\u0001\"\\": "w", x: { "": "empty key", __proto__x: 1 }, "0": [true, false] },
  { ...iss, y: JSON.parse('{"__proto__": {"p": "nested proto"}}'), "😀": { "0": null } },
  { ...iss, z: [{}, [], [[]]] },
]).forEach((d, i) => write("oddkeys-" + i, d));

// Leaves that are not salted strings: a document whose data was never salted,
// with a targetHash computed by the library's digestDocument. Exercises
// JSON.stringify of numbers, booleans and null.
const raw = {
  version: "https://schema.openattestation.com/2.0/schema.json",
  data: {
    n: [4.25, 1e21, 1e-7, 0.000001, 123e-20, -0, 0.1, 100, 1.5e300, 2 ** 53, -1e-7, 1e400, 5e-324],
    b: [true, false], z: null, s: "plain, unsalted", e: [], o: {},
  },
};
const rawHash = oa.digestDocument(raw);
write("raw-values", Object.assign({}, raw, {
  signature: { type: "SHA3MerkleProof", targetHash: rawHash, proof: [], merkleRoot: rawHash },
}));
