package chaintest

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
)

// StartDevchain runs an embedded dev chain in dir until the test ends.
func StartDevchain(t testing.TB, dir string) *devchain.Node {
	t.Helper()
	n, err := devchain.Start(context.Background(), devchain.NodeConfig{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// DevClient returns a registry client of the dev chain n that reaches it at
// rpcURL (its own endpoint or a Proxy's) and signs as the dev chain's
// developer, with opts (PollInterval defaults to 20 ms), and that signer.
func DevClient(t testing.TB, n *devchain.Node, rpcURL string, opts chain.TxOptions) (*chain.Client, *chain.Signer) {
	t.Helper()
	ctx := context.Background()
	ec, _, err := chain.Dial(ctx, rpcURL, devchain.ChainID)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ec.Close)
	signer, err := n.Signer()
	if err != nil {
		t.Fatal(err)
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 20 * time.Millisecond
	}
	c, err := chain.New(ctx, ec, common.HexToAddress(n.Info.Registry), signer, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c, signer
}
