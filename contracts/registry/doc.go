// Package registry holds the CredentialRegistry contract's compiled ABI,
// bytecode and metadata and its abigen v2 Go bindings. Everything here but
// this file and its test is generated from ../CredentialRegistry.sol by
// `make contracts`; edit the Solidity, never the outputs.
package registry

//go:generate make -C ../.. contracts
