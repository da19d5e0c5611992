package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/trust"
	"github.com/credseal/credseal/verifier"
)

// readTrustFile reads --trust: a missing or invalid file is the user's
// mistake, reported as such.
func readTrustFile(path string) (*trust.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, badInput(fmt.Errorf("--trust: %w", err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, trust.MaxSize+1))
	if err != nil {
		return nil, badInput(fmt.Errorf("--trust %s: %w", path, err))
	}
	t, err := trust.Parse(data)
	if err != nil {
		return nil, badInput(fmt.Errorf("--trust %s: %w", path, err))
	}
	return t, nil
}

// trustFileOptions configures the verifier from a trust file: every chain
// it lists is read through its endpoints' quorum, and only the registries
// and stores it names count. A chain whose endpoints cannot be reached now
// is reported by the checks ("not checked"), not as an error, so a server
// starts while one provider is down.
func (o *verifierFlags) trustFileOptions(ctx context.Context, warn io.Writer, t *trust.File) (verifier.Options, func(), error) {
	opts := verifier.Options{MinConfirmations: o.chain.confirmations}
	var closers []func()
	closeAll := func() {
		for _, c := range closers {
			c()
		}
	}
	for _, c := range t.Chains {
		timeout := time.Duration(c.CallTimeout)
		e, err := chain.DialEndpoints(ctx, c.RPC, c.Quorum, c.ChainID, timeout)
		if err != nil {
			fmt.Fprintf(warn, "credseal: chain %q (%d): %v\n", c.Name, c.ChainID, err)
		} else {
			closers = append(closers, e.Close)
		}
		depth := max(verifier.DefaultFinalDepth, o.chain.confirmations, c.Confirmations)
		for _, r := range c.Registries {
			reg := verifier.Registry{ChainID: c.ChainID, Address: r.Address, Name: r.Name, MinConfirmations: c.Confirmations,
				Reader: failingReader{err}}
			if err == nil {
				// A verifier retries a read once: a disagreement that
				// persists is reported, not waited out.
				client, cerr := chain.New(ctx, e, r.Address, nil, chain.TxOptions{CallTimeout: 2 * timeout, Retries: 1})
				if cerr != nil {
					fmt.Fprintf(warn, "credseal: registry %q on chain %d: %v\n", r.Name, c.ChainID, cerr)
					reg.Reader = failingReader{cerr}
				} else {
					reg.Reader = verifier.NewCache(registryReader{client}, verifier.CacheOptions{StatusTTL: o.statusTTL, FinalDepth: depth})
				}
			}
			opts.Registries = append(opts.Registries, reg)
		}
		for _, s := range c.DocumentStores {
			var reader verifier.StoreReader = unreachableStore{err}
			if err == nil {
				reader = chain.NewDocumentStore(e, s.Address)
			}
			opts.DocumentStores = append(opts.DocumentStores, verifier.DocumentStore{ChainID: c.ChainID, Address: s.Address, Name: s.Name, Reader: reader})
		}
	}
	for _, is := range t.Issuers {
		opts.Issuers = append(opts.Issuers, verifier.TrustedIssuer{DID: is.DID, Name: is.Name, DocumentURL: is.DIDDocument})
	}
	// --trust-issuer adds to the file's issuers; the chain shorthands do
	// not mix with a file that lists chains.
	if err := o.trustLists(&opts, nil, 0, errors.New("unused")); err != nil {
		closeAll()
		return opts, nil, err
	}
	return opts, closeAll, nil
}
