// Extracts OpenAttestation DocumentStore's ABI and deployment bytecode from
// its npm package (installed in the current directory) for `make bench-gas`.
// Usage: node peer-docstore.js > docstore.json
"use strict";
const fs = require("fs");
const vm = require("vm");
const req = require("module").createRequire(process.cwd() + "/");
const file = req.resolve("@govtechsg/document-store/dist/contracts/factories/DocumentStore__factory.js");
const src = fs.readFileSync(file, "utf8");
const abi = src.match(/const _abi = (\[[\s\S]*?\]);\s*const _bytecode/);
const bin = src.match(/const _bytecode = "(0x[0-9a-fA-F]+)"/);
if (!abi || !bin) {
  console.error("DocumentStore__factory.js no longer has the expected _abi and _bytecode");
  process.exit(1);
}
const parsed = vm.runInNewContext("(" + abi[1] + ")");
process.stdout.write(JSON.stringify({ abi: parsed, bytecode: bin[1] }) + "\n");
