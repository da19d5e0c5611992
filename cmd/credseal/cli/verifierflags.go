package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/verifier"
)

// verifierFlags configure the verification engine, the same for the CLI
// and the server: which registry to trust and how long to cache.
type verifierFlags struct {
	offline   bool
	statusTTL time.Duration
	chain     chainOptions
}

func (o *verifierFlags) flags(f *pflag.FlagSet) {
	f.BoolVar(&o.offline, "offline", false, "skip the chain checks even when a registry is configured (the verdict is then never \"verified\")")
	f.DurationVar(&o.statusTTL, "status-ttl", 10*time.Second, "how long revocations and issuer standing are cached")
	o.chain.flags(f, false)
}

// verifierOptions builds the verifier's configuration: the one registry
// trusted comes from the flags (or the local dev chain's record), never
// from a bundle. With neither, it verifies offline.
func (o *verifierFlags) verifierOptions(cmd *cobra.Command) (verifier.Options, func(), error) {
	opts := verifier.Options{MinConfirmations: o.chain.confirmations}
	if o.offline {
		return opts, func() {}, nil
	}
	if o.chain.rpc == "" || o.chain.registry == "" {
		if _, err := devchain.ReadInfo(o.chain.devchainDir); err != nil {
			if o.chain.rpc != "" || o.chain.registry != "" {
				return opts, nil, badInput(errors.New("give both --rpc and --registry"))
			}
			return opts, func() {}, nil // nothing configured: offline
		}
	}
	c, closeChain, err := o.chain.connect(cmd.Context(), false)
	if err != nil {
		// An unreachable chain is reported by the checks, not as an error.
		var exit *ExitError
		if errors.As(err, &exit) {
			return opts, nil, err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "credseal: chain: %v\n", err)
		opts.Registries = []verifier.Registry{unreachableRegistry(o.chain, err)}
		return opts, func() {}, nil
	}
	reg := trustedRegistry(c)
	// A record is final no sooner than it is deep enough to verify.
	reg.Reader = verifier.NewCache(reg.Reader, verifier.CacheOptions{StatusTTL: o.statusTTL, FinalDepth: max(verifier.DefaultFinalDepth, o.chain.confirmations)})
	opts.Registries = []verifier.Registry{reg}
	return opts, closeChain, nil
}
