package chain_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/seal"
)

// OpenAttestation DocumentStore v2.6.1 on go-ethereum v1.17.10's simulated
// backend (the peer's figures, as recorded in testdata/peers/README.md;
// `make bench-gas` measures them again next to ours).
const (
	peerIssueGas     uint64 = 135_506
	peerBulkIssue10  uint64 = 1_142_978
	newSlotStateGas  uint64 = 64 * 1530 // EIP-8037: StorageCreationSize × CostPerStateByte
	txIntrinsicGas   uint64 = 21_000
	gasBudgetPercent uint64 = 110
)

// gasFigures anchors one header (an issuer's second batch: its first also
// pays nothing extra, see the contract), ten headers in one anchorMany, and
// revokes one credential and one batch.
type gasFigures struct{ anchor, anchorFirst, anchorMany10, revoke, revokeBatch uint64 }

func measureGas(t testing.TB, e *chaintest.Env) gasFigures {
	iss := e.Issuer("Example University", "example.edu")
	c := e.Client(iss)
	hs := chainOf(t, 12, chain.Genesis(iss.Address), chaintest.MinDifficulty)
	var g gasFigures
	g.anchorFirst = anchorGas(t, e, c, hs[:1])
	g.anchor = anchorGas(t, e, c, hs[1:2])
	g.anchorMany10 = anchorGas(t, e, c, hs[2:12])
	r, err := c.Revoke(ctx, [32]byte{1}, 1)
	if err != nil {
		t.Fatal(err)
	}
	g.revoke = r.GasUsed
	if r, err = c.RevokeBatch(ctx, hs[0].Hash(), 1); err != nil {
		t.Fatal(err)
	}
	g.revokeBatch = r.GasUsed
	return g
}

func anchorGas(t testing.TB, e *chaintest.Env, c *chain.Client, hs []seal.Header) uint64 {
	t.Helper()
	hint, err := c.Anchor(ctx, hs)
	if err != nil {
		t.Fatal(err)
	}
	rcpt, err := e.RPC().TransactionReceipt(ctx, hint.Tx)
	if err != nil {
		t.Fatal(err)
	}
	return rcpt.GasUsed
}

// TestGasBudget keeps anchoring within 1.1x of DocumentStore's issue and
// bulkIssue, and shows that each batch costs exactly one new storage slot:
// under EIP-8037 a new slot costs newSlotStateGas, more than everything else
// an anchor does, so the gas used brackets the slot count.
func TestGasBudget(t *testing.T) {
	g := measureGas(t, chaintest.New(t))
	t.Logf("gas: anchor %d (first %d), anchorMany(10) %d, revoke %d, revokeBatch %d",
		g.anchor, g.anchorFirst, g.anchorMany10, g.revoke, g.revokeBatch)
	if limit := peerIssueGas * gasBudgetPercent / 100; g.anchor > limit || g.anchorFirst > limit {
		t.Errorf("anchor uses %d (first %d) gas, budget %d (1.1x DocumentStore.issue)", g.anchor, g.anchorFirst, limit)
	}
	if limit := peerBulkIssue10 * gasBudgetPercent / 100; g.anchorMany10 > limit {
		t.Errorf("anchorMany(10) uses %d gas, budget %d (1.1x DocumentStore.bulkIssue(10))", g.anchorMany10, limit)
	}
	// Nothing but a new slot costs newSlotStateGas or more, so a cost in
	// [1, 2) slots' worth means exactly one new slot.
	oneSlot := func(what string, gas uint64) {
		t.Helper()
		if gas < newSlotStateGas || gas >= 2*newSlotStateGas {
			t.Errorf("%s costs %d gas: not exactly one new storage slot", what, gas)
		}
	}
	oneSlot("anchoring an issuer's first batch", g.anchorFirst-txIntrinsicGas)
	oneSlot("anchoring a batch", g.anchor-txIntrinsicGas)
	oneSlot("each further batch of anchorMany", (g.anchorMany10-g.anchor)/9)
	// A revocation, of a credential or a batch, is one new slot: its block
	// and reason, kept per revoking key so that a key's revocations from
	// its cutoff on can be discounted.
	oneSlot("revoking a credential", g.revoke-txIntrinsicGas)
	oneSlot("revoking a batch", g.revokeBatch-txIntrinsicGas)
}

// PeerEnv names the JSON file ({"abi": …, "bytecode": "0x…"}) of
// OpenAttestation's DocumentStore that `make bench-gas` extracts from npm.
const PeerEnv = "CREDSEAL_PEER_DOCSTORE"

// BenchmarkGas reports gas, not time: credseal's anchor, anchorMany(10) and
// revoke, and with $CREDSEAL_PEER_DOCSTORE set, DocumentStore's issue,
// bulkIssue(10) and revoke on the same simulated chain in the same run.
// Gas is deterministic, so one measurement serves every iteration.
func BenchmarkGas(b *testing.B) {
	e := chaintest.New(b)
	g := measureGas(b, e)
	var p gasFigures
	path := os.Getenv(PeerEnv)
	if path != "" {
		p = measurePeer(b, e, path)
	}
	for b.Loop() {
	}
	b.ReportMetric(float64(g.anchor), "gas/anchor")
	b.ReportMetric(float64(g.anchorMany10), "gas/anchorMany10")
	b.ReportMetric(float64(g.revoke), "gas/revoke")
	b.ReportMetric(float64(g.revokeBatch), "gas/revokeBatch")
	if path != "" {
		b.ReportMetric(float64(p.anchor), "peer-gas/issue")
		b.ReportMetric(float64(p.anchorMany10), "peer-gas/bulkIssue10")
		b.ReportMetric(float64(p.revoke), "peer-gas/revoke")
		b.ReportMetric(float64(g.anchor)/float64(p.anchor), "ratio/anchor")
		b.ReportMetric(float64(g.anchorMany10)/float64(p.anchorMany10), "ratio/anchorMany10")
		b.ReportMetric(float64(g.revoke)/float64(p.revoke), "ratio/revoke")
	}
	b.ReportMetric(0, "ns/op")
}

// measurePeer deploys DocumentStore and measures issue (a second root, as
// anchor is a second batch), bulkIssue of 10 roots and revoke.
func measurePeer(b *testing.B, e *chaintest.Env, path string) gasFigures {
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var art struct {
		ABI      json.RawMessage `json:"abi"`
		Bytecode string          `json:"bytecode"`
	}
	if err := json.Unmarshal(raw, &art); err != nil {
		b.Fatal(err)
	}
	pabi, err := abi.JSON(bytes.NewReader(art.ABI))
	if err != nil {
		b.Fatal(err)
	}
	c := e.Client(e.Owner)
	args, err := pabi.Pack("", "credseal gas benchmark", common.Address(e.Owner.Address))
	if err != nil {
		b.Fatal(err)
	}
	code, err := hex.DecodeString(strings.TrimPrefix(art.Bytecode, "0x"))
	if err != nil {
		b.Fatal(err)
	}
	_, store, err := chain.SendRaw(ctx, c, nil, append(code, args...))
	if err != nil {
		b.Fatalf("deploy DocumentStore: %v", err)
	}
	send := func(method string, a ...any) uint64 {
		data, err := pabi.Pack(method, a...)
		if err != nil {
			b.Fatal(err)
		}
		r, _, err := chain.SendRaw(ctx, c, &store, data)
		if err != nil {
			b.Fatalf("DocumentStore.%s: %v", method, err)
		}
		return r.GasUsed
	}
	root := func(i int) [32]byte { return sha256.Sum256([]byte{byte(i), 'r'}) }
	var g gasFigures
	g.anchorFirst = send("issue", root(0))
	g.anchor = send("issue", root(1))
	ten := make([][32]byte, 10)
	for i := range ten {
		ten[i] = root(2 + i)
	}
	g.anchorMany10 = send("bulkIssue", ten)
	g.revoke = send("revoke", root(20))
	return g
}
