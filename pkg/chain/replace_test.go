package chain_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/seal"
)

// kept records what SendAnchor and Replace hand to keep.
type kept struct{ raws [][]byte }

func (k *kept) keep(_ uint64, _ [32]byte, raw []byte, _ int) error {
	k.raws = append(k.raws, raw)
	return nil
}

func (k *kept) tx(t *testing.T, i int) *types.Transaction {
	t.Helper()
	var tx types.Transaction
	if err := tx.UnmarshalBinary(k.raws[i]); err != nil {
		t.Fatal(err)
	}
	return &tx
}

// atLeastAnEighthMore reports whether b ≥ a + a/8 (rounded up) and b > a.
func atLeastAnEighthMore(a, b *big.Int) bool {
	min := new(big.Int).Add(a, new(big.Int).Div(new(big.Int).Add(a, big.NewInt(7)), big.NewInt(8)))
	return b.Cmp(min) >= 0 && b.Cmp(a) > 0
}

// TestReplaceBumpsFees: with the market unchanged, a replacement keeps the
// nonce, gas and data and raises both the tip and the fee cap by at least
// 12.5% (the strictest nodes' rule; geth asks 10%); it never goes over the operator's --max-fee; and a node takes it.
func TestReplaceBumpsFees(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(chain.Backend) chain.Backend
	}{
		{"market fees", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := chaintest.New(t)
			iss := env.Issuer("Example University", "example.edu")
			c := env.Manual(iss, env.Opts, tc.wrap)
			var k kept
			h := sealed(t, chain.Genesis(iss.Address), 1, chaintest.MinDifficulty)
			if _, err := c.SendAnchor(ctx, []seal.Header{h}, k.keep); err != nil {
				t.Fatal(err)
			}
			for i := range 3 { // replacements of replacements
				if err := c.Replace(ctx, k.raws[i], k.keep); err != nil {
					t.Fatalf("replacement %d: %v", i+1, err)
				}
				old, next := k.tx(t, i), k.tx(t, i+1)
				if next.Nonce() != old.Nonce() || next.Gas() != old.Gas() || string(next.Data()) != string(old.Data()) {
					t.Fatalf("replacement %d changed the transaction", i+1)
				}
				if !atLeastAnEighthMore(old.GasTipCap(), next.GasTipCap()) || !atLeastAnEighthMore(old.GasFeeCap(), next.GasFeeCap()) {
					t.Fatalf("replacement %d: tip %s → %s, cap %s → %s", i+1, old.GasTipCap(), next.GasTipCap(), old.GasFeeCap(), next.GasFeeCap())
				}
			}
			env.Backend.Commit()
			last := k.tx(t, 3)
			if _, mined, ok, err := c.Outcome(ctx, last.Hash()); err != nil || !mined || !ok {
				t.Fatalf("the last replacement: mined %v ok %v %v", mined, ok, err)
			}
			if _, mined, _, _ := c.Outcome(ctx, k.tx(t, 0).Hash()); mined {
				t.Fatal("the replaced transaction was mined too")
			}

			// Under a cap that leaves no room for a valid bump: refused.
			capped := env.Opts
			capped.MaxFee = new(big.Int).Set(last.GasFeeCap())
			cc := env.Manual(iss, capped, tc.wrap)
			var k2 kept
			h2 := sealed(t, h.Hash(), 2, chaintest.MinDifficulty)
			if _, err := cc.SendAnchor(ctx, []seal.Header{h2}, k2.keep); err != nil {
				t.Fatal(err)
			}
			if first := k2.tx(t, 0); first.GasFeeCap().Cmp(capped.MaxFee) > 0 {
				t.Fatalf("the first send pays %s over the cap %s", first.GasFeeCap(), capped.MaxFee)
			}
			if err := cc.Replace(ctx, k2.raws[0], k2.keep); err != nil && !errors.Is(err, chain.ErrFeeCap) {
				t.Fatalf("replace under the cap: %v", err)
			} else if err == nil && k2.tx(t, 1).GasFeeCap().Cmp(capped.MaxFee) > 0 {
				t.Fatalf("replacement pays %s over the cap %s", k2.tx(t, 1).GasFeeCap(), capped.MaxFee)
			}
		})
	}
}
