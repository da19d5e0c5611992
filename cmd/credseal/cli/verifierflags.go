package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/verifier"
)

// verifierFlags configure the verification engine, the same for the CLI
// and the server: which registry to trust and how long to cache.
type verifierFlags struct {
	offline   bool
	trust     string // a trust file: chains, registries, stores, issuers
	statusTTL time.Duration
	chain     chainOptions
	// Other kinds of credential: the issuers and stores trusted.
	issuers []string
	stores  []string
}

func (o *verifierFlags) flags(f *pflag.FlagSet) {
	f.BoolVar(&o.offline, "offline", false, "skip the chain checks even when a registry is configured (the verdict is then never \"verified\")")
	f.StringVar(&o.trust, "trust", "", "trust file listing the chains (with their RPC endpoints and quorum), registries, document stores and issuers to trust (see docs/OPERATIONS.md); replaces --rpc, --registry and --trust-document-store")
	f.DurationVar(&o.statusTTL, "status-ttl", 10*time.Second, "how long revocations and issuer standing are cached")
	f.StringArrayVar(&o.issuers, "trust-issuer", nil, "trust Verifiable Credentials (Open Badges 3.0) from this DID: did:key:…, or did:web:… with an optional =URL its DID document is fetched from instead of the address the DID names (repeatable)")
	f.StringArrayVar(&o.stores, "trust-document-store", nil, "trust OpenAttestation documents issued by this DocumentStore address, read on the --rpc chain (repeatable)")
	o.chain.flags(f, false)
}

// trustLists reads --trust-issuer and --trust-document-store; the stores
// are read through caller (nil when no chain answers).
func (o *verifierFlags) trustLists(opts *verifier.Options, caller ethereum.ContractCaller, chainID uint64, chainErr error) error {
	for _, spec := range o.issuers {
		id, docURL, _ := strings.Cut(spec, "=")
		switch {
		case strings.HasPrefix(id, "did:key:"):
			if _, err := did.KeyFromDIDKey(id); err != nil || docURL != "" {
				return badInput(fmt.Errorf("--trust-issuer %q: a did:key takes no URL and must hold an Ed25519 key", spec))
			}
		case strings.HasPrefix(id, "did:web:"):
			if _, err := did.WebURL(id); err != nil {
				return badInput(fmt.Errorf("--trust-issuer %q: %w", spec, err))
			}
			if u, err := url.Parse(docURL); docURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
				return badInput(fmt.Errorf("--trust-issuer %q: the document URL must be http(s)", spec))
			}
		default:
			return badInput(fmt.Errorf("--trust-issuer %q: give a did:key or did:web DID", spec))
		}
		opts.Issuers = append(opts.Issuers, verifier.TrustedIssuer{DID: id, DocumentURL: docURL})
	}
	for _, a := range o.stores {
		if !common.IsHexAddress(a) {
			return badInput(fmt.Errorf("--trust-document-store %q is not an address", a))
		}
		addr := common.HexToAddress(a)
		var reader verifier.StoreReader = unreachableStore{chainErr}
		if caller != nil {
			reader = chain.NewDocumentStore(caller, addr)
		}
		opts.DocumentStores = append(opts.DocumentStores, verifier.DocumentStore{ChainID: chainID, Address: addr, Reader: reader})
	}
	return nil
}

// unreachableStore answers for a store on a chain that did not answer.
type unreachableStore struct{ err error }

func (u unreachableStore) IsIssued(context.Context, [32]byte) (bool, error) {
	return false, fmt.Errorf("no chain to read the document store: %v", u.err)
}

func (u unreachableStore) IsRevoked(context.Context, [32]byte) (bool, error) {
	return false, fmt.Errorf("no chain to read the document store: %v", u.err)
}

// verifierOptions builds the verifier's configuration: the one registry
// trusted comes from the flags (or the local dev chain's record), never
// from a bundle. With neither, it verifies offline.
func (o *verifierFlags) verifierOptions(cmd *cobra.Command) (verifier.Options, func(), error) {
	opts := verifier.Options{MinConfirmations: o.chain.confirmations}
	offline := errors.New("offline: no chain configured")
	if o.offline {
		if o.trust != "" {
			// Offline, the file's issuers still say whose signatures count.
			t, err := readTrustFile(o.trust)
			if err != nil {
				return opts, nil, err
			}
			for _, is := range t.Issuers {
				opts.Issuers = append(opts.Issuers, verifier.TrustedIssuer{DID: is.DID, Name: is.Name, DocumentURL: is.DIDDocument})
			}
		}
		return opts, func() {}, o.trustLists(&opts, nil, 0, offline)
	}
	if o.trust != "" {
		if o.chain.rpc != "" || o.chain.registry != "" || len(o.stores) > 0 {
			return opts, nil, badInput(errors.New("--trust lists the chains, registries and stores: give it without --rpc, --registry or --trust-document-store"))
		}
		t, err := readTrustFile(o.trust)
		if err != nil {
			return opts, nil, err
		}
		return o.trustFileOptions(cmd.Context(), cmd.ErrOrStderr(), t)
	}
	if o.chain.rpc == "" || o.chain.registry == "" {
		if _, err := devchain.ReadInfo(o.chain.devchainDir); err != nil {
			if o.chain.rpc != "" || o.chain.registry != "" {
				return opts, nil, badInput(errors.New("give both --rpc and --registry"))
			}
			return opts, func() {}, o.trustLists(&opts, nil, 0, offline) // nothing configured: offline
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
		return opts, func() {}, o.trustLists(&opts, nil, 0, err)
	}
	if err := o.trustLists(&opts, c.Caller(), c.ChainID(), nil); err != nil {
		closeChain()
		return opts, nil, err
	}
	reg := trustedRegistry(c)
	// A record is final no sooner than it is deep enough to verify.
	reg.Reader = verifier.NewCache(reg.Reader, verifier.CacheOptions{StatusTTL: o.statusTTL, FinalDepth: max(verifier.DefaultFinalDepth, o.chain.confirmations)})
	opts.Registries = []verifier.Registry{reg}
	return opts, closeChain, nil
}
