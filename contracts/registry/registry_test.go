package registry_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/credseal/credseal/contracts/registry"
)

// TestArtefactsMatchSource ties the committed bytecode to the committed
// Solidity without a compiler: solc embeds the IPFS hash of the contract's
// metadata in the bytecode, and the metadata records the keccak256 of the
// source. So editing the source, the bytecode or the bindings alone fails
// here; `make contracts` regenerates all of them together (and CI's
// check-contracts recompiles to prove it byte for byte).
func TestArtefactsMatchSource(t *testing.T) {
	source := read(t, "../CredentialRegistry.sol")
	metaJSON := read(t, "CredentialRegistry.metadata.json")
	bin := strings.TrimSpace(string(read(t, "CredentialRegistry.bin")))

	var meta struct {
		Sources map[string]struct {
			Keccak256 string `json:"keccak256"`
		} `json:"sources"`
		Output struct {
			ABI json.RawMessage `json:"abi"`
		} `json:"output"`
	}
	if err := json.Unmarshal(metaJSON, &meta); err != nil {
		t.Fatal(err)
	}
	src, ok := meta.Sources["CredentialRegistry.sol"]
	if !ok {
		t.Fatal("metadata does not list CredentialRegistry.sol")
	}
	if want := "0x" + hex.EncodeToString(crypto.Keccak256(source)); src.Keccak256 != want {
		t.Fatalf("CredentialRegistry.sol changed since it was compiled (keccak %s, metadata has %s): run make contracts", want, src.Keccak256)
	}

	code, err := hex.DecodeString(bin)
	if err != nil {
		t.Fatal(err)
	}
	if got := ipfsHashInBytecode(t, code); !bytes.Equal(got, cidV0(metaJSON)) {
		t.Fatalf("bytecode embeds metadata hash %x, but the committed metadata hashes to %x", got, cidV0(metaJSON))
	}
	if strings.TrimPrefix(registry.CredentialRegistryMetaData.Bin, "0x") != bin {
		t.Fatal("the Go bindings carry other bytecode than CredentialRegistry.bin: run make contracts")
	}
	abiFile := read(t, "CredentialRegistry.abi")
	if !jsonEqual(t, abiFile, meta.Output.ABI) || !jsonEqual(t, abiFile, []byte(registry.CredentialRegistryMetaData.ABI)) {
		t.Fatal("ABI file, metadata and bindings disagree: run make contracts")
	}
}

// ipfsHashInBytecode finds the "ipfs" entry of the CBOR map solc appends:
// ... a2 64 'ipfs' 58 22 <34 bytes> 64 'solc' 43 <3 bytes>, then its length.
func ipfsHashInBytecode(t *testing.T, code []byte) []byte {
	t.Helper()
	if len(code) < 2 {
		t.Fatal("bytecode too short")
	}
	n := int(binary.BigEndian.Uint16(code[len(code)-2:]))
	if n+2 > len(code) {
		t.Fatal("bytecode has no CBOR metadata")
	}
	cbor := code[len(code)-2-n : len(code)-2]
	key := []byte("\x64ipfs\x58\x22")
	i := bytes.Index(cbor, key)
	if i < 0 || i+len(key)+34 > len(cbor) {
		t.Fatalf("no ipfs hash in CBOR metadata %x", cbor)
	}
	return cbor[i+len(key) : i+len(key)+34]
}

// cidV0 is the IPFS multihash of a file under 256 KiB: sha2-256 of the
// dag-pb node that wraps one UnixFS file chunk.
func cidV0(content []byte) []byte {
	unixfs := []byte{0x08, 0x02, 0x12}
	unixfs = binary.AppendUvarint(unixfs, uint64(len(content)))
	unixfs = append(unixfs, content...)
	unixfs = append(unixfs, 0x18)
	unixfs = binary.AppendUvarint(unixfs, uint64(len(content)))
	node := []byte{0x0a}
	node = binary.AppendUvarint(node, uint64(len(unixfs)))
	node = append(node, unixfs...)
	sum := sha256.Sum256(node)
	return append([]byte{0x12, 0x20}, sum[:]...)
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parisOpcodes are the instructions of the EVM as of the Paris fork (the
// Merge): what every EVM chain in common use runs. Shanghai added PUSH0,
// Cancun TLOAD, TSTORE, MCOPY, BLOBHASH and BLOBBASEFEE, later forks more.
var parisOpcodes = func() (ok [256]bool) {
	for _, r := range [][2]int{
		{0x00, 0x0b}, // STOP … SIGNEXTEND
		{0x10, 0x1d}, // LT … SAR
		{0x20, 0x20}, // KECCAK256
		{0x30, 0x3f}, // ADDRESS … EXTCODEHASH
		{0x40, 0x48}, // BLOCKHASH … BASEFEE
		{0x50, 0x5b}, // POP … JUMPDEST
		{0x60, 0xa4}, // PUSH1 … PUSH32, DUP, SWAP, LOG0 … LOG4
		{0xf0, 0xf5}, // CREATE … CREATE2
		{0xfa, 0xfa}, // STATICCALL
		{0xfd, 0xff}, // REVERT, INVALID, SELFDESTRUCT
	} {
		for op := r[0]; op <= r[1]; op++ {
			ok[op] = true
		}
	}
	return ok
}()

// TestBytecodeRunsOnOlderEVMs walks the deployment bytecode (constructor
// and runtime code, without the CBOR metadata solc appends) instruction by
// instruction, skipping push data, and fails on any instruction newer than
// Paris: compiled for a later EVM, the registry deploys on an older chain
// but its views fail at the first such instruction.
func TestBytecodeRunsOnOlderEVMs(t *testing.T) {
	code, err := hex.DecodeString(strings.TrimSpace(string(read(t, "CredentialRegistry.bin"))))
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.BigEndian.Uint16(code[len(code)-2:]))
	code = code[:len(code)-2-n]
	for pc := 0; pc < len(code); pc++ {
		op := code[pc]
		if !parisOpcodes[op] {
			t.Fatalf("instruction 0x%02x at byte %d is newer than the Paris EVM: compile for paris (contracts/compile.js)", op, pc)
		}
		if op >= 0x60 && op <= 0x7f {
			pc += int(op - 0x5f)
		}
	}
	var meta struct {
		Settings struct {
			EVMVersion string `json:"evmVersion"`
		} `json:"settings"`
	}
	if err := json.Unmarshal(read(t, "CredentialRegistry.metadata.json"), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Settings.EVMVersion != "paris" {
		t.Fatalf("compiled for EVM %q, want paris", meta.Settings.EVMVersion)
	}
}
