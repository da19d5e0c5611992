package chain_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/oa"
)

// fakeCaller answers every call with out and err, and records the call.
type fakeCaller struct {
	out  []byte
	err  error
	call ethereum.CallMsg
}

func (f *fakeCaller) CallContract(_ context.Context, call ethereum.CallMsg, _ *big.Int) ([]byte, error) {
	f.call = call
	return f.out, f.err
}

func TestStoreCalls(t *testing.T) {
	ctx := context.Background()
	addr := common.HexToAddress("0x8bA63EAB43342AAc3AdBB4B827b68Cf4aAE5Caca")
	h := [32]byte{1, 2, 3}
	word := func(b byte) []byte { w := make([]byte, 32); w[31] = b; return w }

	f := &fakeCaller{out: word(1)}
	s := chain.NewDocumentStore(f, addr)
	if ok, err := s.IsIssued(ctx, h); !ok || err != nil {
		t.Errorf("IsIssued = %v, %v", ok, err)
	}
	want := append(crypto.Keccak256([]byte("isIssued(bytes32)"))[:4], h[:]...)
	if *f.call.To != addr || !bytes.Equal(f.call.Data, want) {
		t.Errorf("call to %v with %x, want %v with %x", f.call.To, f.call.Data, addr, want)
	}
	f.out = word(0)
	if ok, err := s.IsRevoked(ctx, h); ok || err != nil {
		t.Errorf("IsRevoked = %v, %v", ok, err)
	}
	if want := crypto.Keccak256([]byte("isRevoked(bytes32)"))[:4]; !bytes.Equal(f.call.Data[:4], want) {
		t.Errorf("isRevoked selector %x, want %x", f.call.Data[:4], want)
	}
	f.out = nil
	if _, err := s.IsIssued(ctx, h); !errors.Is(err, chain.ErrNoContract) || !strings.Contains(err.Error(), "no contract at "+addr.Hex()) {
		t.Errorf("empty answer: %v", err)
	}
	for name, out := range map[string][]byte{"short": {1}, "long": append(word(0), word(1)...), "not a bool": word(2)} {
		f.out = out
		if ok, err := s.IsRevoked(ctx, h); err == nil {
			t.Errorf("%s answer: %v, no error", name, ok)
		}
	}
	f.out, f.err = nil, errors.New("execution reverted")
	if _, err := s.IsIssued(ctx, h); err == nil || !strings.Contains(err.Error(), "execution reverted") {
		t.Errorf("revert: %v", err)
	}
}

// InteropEnv names an npm install directory holding
// @govtechsg/document-store (2.6.1), for TestStoreOnSimulatedChain.
const InteropEnv = "CREDSEAL_INTEROP"

// docStoreBytecode reads DocumentStore's creation bytecode from the
// package's generated ethers factory.
func docStoreBytecode(t *testing.T, dir string) []byte {
	t.Helper()
	const rel = "@govtechsg/document-store/dist/contracts/factories/DocumentStore__factory.js"
	src, err := os.ReadFile(filepath.Join(dir, "node_modules", rel))
	if errors.Is(err, os.ErrNotExist) {
		src, err = os.ReadFile(filepath.Join(dir, rel)) // dir is node_modules itself
	}
	if err != nil {
		t.Fatalf("%s=%s: %v", InteropEnv, dir, err)
	}
	m := regexp.MustCompile(`const _bytecode = "0x([0-9a-fA-F]+)"`).FindSubmatch(src)
	if m == nil {
		t.Fatalf("no _bytecode in %s", rel)
	}
	code, err := hex.DecodeString(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// The DocumentStore functions the test calls: constructor(string, address),
// issue(bytes32), revoke(bytes32).
const docStoreWriteABI = `[
 {"type":"constructor","inputs":[{"name":"_name","type":"string"},{"name":"owner","type":"address"}]},
 {"type":"function","name":"issue","inputs":[{"name":"document","type":"bytes32"}],"outputs":[]},
 {"type":"function","name":"revoke","inputs":[{"name":"document","type":"bytes32"}],"outputs":[{"name":"","type":"bool"}]}
]`

func TestStoreOnSimulatedChain(t *testing.T) {
	dir := os.Getenv(InteropEnv)
	if dir == "" {
		t.Skipf("set %s to an npm install directory with @govtechsg/document-store@2.6.1 to run DocumentStore on a simulated chain", InteropEnv)
	}
	code := docStoreBytecode(t, dir)
	wabi, err := abi.JSON(strings.NewReader(docStoreWriteABI))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	owner := crypto.PubkeyToAddress(key.PublicKey)
	sim := simulated.NewBackend(types.GenesisAlloc{owner: {Balance: new(big.Int).Exp(big.NewInt(10), big.NewInt(20), nil)}})
	t.Cleanup(func() { sim.Close() })
	client := sim.Client()

	// send mines one transaction and returns its receipt.
	send := func(to *common.Address, data []byte) *types.Receipt {
		t.Helper()
		chainID, err := client.ChainID(ctx)
		if err != nil {
			t.Fatal(err)
		}
		nonce, err := client.PendingNonceAt(ctx, owner)
		if err != nil {
			t.Fatal(err)
		}
		tip, err := client.SuggestGasTipCap(ctx)
		if err != nil {
			t.Fatal(err)
		}
		head, err := client.HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		gas, err := client.EstimateGas(ctx, ethereum.CallMsg{From: owner, To: to, Data: data})
		if err != nil {
			t.Fatalf("estimate gas: %v", err)
		}
		tx, err := types.SignNewTx(key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
			ChainID: chainID, Nonce: nonce, GasTipCap: tip, Gas: gas,
			GasFeeCap: new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))),
			To:        to, Data: data,
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := client.SendTransaction(ctx, tx); err != nil {
			t.Fatal(err)
		}
		sim.Commit()
		r, err := client.TransactionReceipt(ctx, tx.Hash())
		if err != nil || r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("transaction failed: %v %+v", err, r)
		}
		return r
	}
	var storeAddr common.Address
	call := func(method string, args ...any) {
		t.Helper()
		data, err := wabi.Pack(method, args...)
		if err != nil {
			t.Fatal(err)
		}
		send(&storeAddr, data)
	}
	ctorArgs, err := wabi.Pack("", "credseal oa test", owner)
	if err != nil {
		t.Fatal(err)
	}
	storeAddr = send(nil, append(code, ctorArgs...)).ContractAddress
	store := chain.NewDocumentStore(client, storeAddr)

	raw, err := os.ReadFile("../oa/testdata/batch7-0.json") // wrapped by OpenAttestation (pkg/oa/testdata/SOURCE.md)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := oa.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	sig := doc.Signature()
	check := func(what string, got bool, err error, want bool) {
		t.Helper()
		if err != nil || got != want {
			t.Errorf("%s = %v, %v; want %v", what, got, err, want)
		}
	}
	ok, err := store.IsIssued(ctx, sig.MerkleRoot)
	check("IsIssued before issue", ok, err, false)
	call("issue", sig.MerkleRoot)
	ok, err = store.IsIssued(ctx, sig.MerkleRoot)
	check("IsIssued after issue", ok, err, true)
	ok, err = store.IsIssued(ctx, sig.TargetHash)
	check("IsIssued(targetHash)", ok, err, false)

	// Revoking an intermediate hash revokes part of the batch.
	mid := doc.IntermediateHashes()[1]
	for _, h := range doc.IntermediateHashes() {
		ok, err = store.IsRevoked(ctx, h)
		check("IsRevoked before revoke", ok, err, false)
	}
	call("revoke", mid)
	ok, err = store.IsRevoked(ctx, mid)
	check("IsRevoked after revoke", ok, err, true)
	ok, err = store.IsRevoked(ctx, sig.TargetHash)
	check("IsRevoked(targetHash)", ok, err, false)

	// An address with no code, and the owner's account, answer no data.
	for _, addr := range []common.Address{{0x42}, owner} {
		if _, err := chain.NewDocumentStore(client, addr).IsIssued(ctx, sig.MerkleRoot); !errors.Is(err, chain.ErrNoContract) {
			t.Errorf("IsIssued at %s: %v, want chain.ErrNoContract", addr.Hex(), err)
		}
		if _, err := chain.NewDocumentStore(client, addr).IsRevoked(ctx, sig.MerkleRoot); !errors.Is(err, chain.ErrNoContract) {
			t.Errorf("IsRevoked at %s: %v, want chain.ErrNoContract", addr.Hex(), err)
		}
	}
}
