package chain_test

import (
	"testing"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/seal"
)

// exampleIssuer accredits Example University (example.edu) in e's registry
// and returns its account, a client signing as it, and n sealed headers
// chained from its genesis, not anchored yet.
func exampleIssuer(t *testing.T, e *chaintest.Env, n int) (chaintest.Account, *chain.Client, []seal.Header) {
	t.Helper()
	iss := e.Issuer("Example University", "example.edu")
	return iss, e.Client(iss), chainOf(t, n, chain.Genesis(iss.Address), chaintest.MinDifficulty)
}
