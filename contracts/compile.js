// Compiles CredentialRegistry.sol with the solc pinned in package.json and
// writes its ABI, deployment bytecode and metadata into registry/ (or the
// directory given as the first argument). Run by `make contracts`; the
// outputs are committed.
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const name = "CredentialRegistry";
const source = fs.readFileSync(path.join(__dirname, name + ".sol"), "utf8");
const input = {
  language: "Solidity",
  sources: { [name + ".sol"]: { content: source } },
  settings: {
    evmVersion: "paris",
    viaIR: true,
    optimizer: { enabled: true, runs: 10000 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "metadata"] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === "error");
for (const e of out.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);
const c = out.contracts[name + ".sol"][name];
const dir = process.argv[2] || path.join(__dirname, "registry");
fs.writeFileSync(path.join(dir, name + ".abi"), JSON.stringify(c.abi, null, 1) + "\n");
fs.writeFileSync(path.join(dir, name + ".bin"), c.evm.bytecode.object + "\n");
fs.writeFileSync(path.join(dir, name + ".metadata.json"), c.metadata);
console.log("solc " + solc.version() + ": " + name + " " + c.evm.bytecode.object.length / 2 + " bytes");
