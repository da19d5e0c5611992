package cli

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/chain/keys"
)

// DefaultConfirmations is the finality depth on chains whose endpoint has
// no finalized block.
const DefaultConfirmations = 12

// DevchainEnv overrides where the local dev chain keeps its data.
const DevchainEnv = "CREDSEAL_DEVCHAIN"

// defaultDevchainDir is $CREDSEAL_DEVCHAIN, else ~/.local/share/credseal/devchain.
func defaultDevchainDir() string { return defaultDataDir(DevchainEnv, "devchain") }

// defaultDataDir is $env, else ~/.local/share/credseal/name.
func defaultDataDir(env, name string) string {
	if d := os.Getenv(env); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "credseal-"+name)
	}
	return filepath.Join(home, ".local", "share", "credseal", name)
}

// chainOptions select an endpoint, a registry and (for transactions) a key.
// Left empty, they default to the local dev chain's recorded values.
type chainOptions struct {
	rpc            string // one URL, or several separated by commas
	quorum         int    // how many of several endpoints must agree (0: a majority)
	registry       string
	chainID        uint64
	keystore       string
	passphraseFile string
	devchainDir    string
	confirmations  uint64 // 0: 1 on the dev chain, else the finalized block (12 where unsupported)
	timeout        time.Duration
	maxFeeGwei     uint64 // 0: no cap
	onDevchain     bool   // the endpoint is the local dev chain's (set by resolve)
}

// flags declares the chain flags; with signing, also the key's and those
// a transaction needs.
func (o *chainOptions) flags(f *pflag.FlagSet, signing bool) {
	f.StringVar(&o.rpc, "rpc", "", "JSON-RPC URL of an EVM node, or several separated by commas, read through a quorum (default: the local dev chain's)")
	f.IntVar(&o.quorum, "quorum", 0, "with several --rpc endpoints, how many must give identical answers for a read to count (0: a majority)")
	f.StringVar(&o.registry, "registry", "", "CredentialRegistry address (default: the local dev chain's)")
	f.Uint64Var(&o.chainID, "chain-id", 0, "refuse an endpoint that serves another chain (0: accept any)")
	f.StringVar(&o.devchainDir, "devchain-dir", defaultDevchainDir(), "data directory of the local dev chain whose values are the defaults (env "+DevchainEnv+")")
	if signing {
		f.Uint64Var(&o.confirmations, "confirmations", 0, "blocks, counting the including one, a record needs to be final (0: 1 on the dev chain; elsewhere the endpoint's finalized block, or 12 where it has none)")
	} else {
		f.Uint64Var(&o.confirmations, "confirmations", 1, "blocks, counting the including one, a record needs")
	}
	if signing {
		f.StringVar(&o.keystore, "keystore", "", "go-ethereum keystore file of the signing key (default: the dev chain's developer key)")
		f.StringVar(&o.passphraseFile, "passphrase-file", "", "file whose first line is the keystore passphrase (else env "+chain.PassphraseEnv+")")
		f.DurationVar(&o.timeout, "timeout", 20*time.Minute, "how long to wait for a transaction to be mined (and, for anchors, final)")
	}
}

// defaultRegistry sets the registry and the chain ID, where they were not
// given, to those of a record (a batch's resume state, an issuer's
// configuration).
func (o *chainOptions) defaultRegistry(registry string, chainID uint64) {
	if o.registry == "" {
		o.registry = registry
	}
	if o.chainID == 0 {
		o.chainID = chainID
	}
}

// resolve fills what was left empty from the dev chain's record. The dev
// chain's key is a default only for the dev chain itself, never for an
// endpoint given with --rpc.
func (o *chainOptions) resolve() error {
	info, err := devchain.ReadInfo(o.devchainDir)
	if o.rpc != "" && o.registry != "" {
		o.onDevchain = err == nil && o.rpc == info.RPCURL
		return nil
	}
	if err != nil {
		return fmt.Errorf("no --rpc/--registry given and %w", err)
	}
	devRPC := o.rpc == "" || o.rpc == info.RPCURL
	o.onDevchain = devRPC
	if o.rpc == "" {
		o.rpc = info.RPCURL
	}
	if o.registry == "" {
		o.registry = info.Registry
	}
	if o.keystore == "" && devRPC {
		o.keystore = info.Keystore
		if o.passphraseFile == "" {
			o.passphraseFile = info.PassphraseFile
		}
	}
	return nil
}

// connect dials the endpoint and returns a registry client, signing when
// signing is set. close releases the connection.
func (o *chainOptions) connect(ctx context.Context, signing bool) (c *chain.Client, closeFn func(), err error) {
	if err := o.resolve(); err != nil {
		return nil, nil, badInput(err)
	}
	if !common.IsHexAddress(o.registry) {
		return nil, nil, badInput(fmt.Errorf("--registry %q is not an address", o.registry))
	}
	var signer *chain.Signer
	if signing {
		if o.keystore == "" {
			return nil, nil, badInput(errors.New("no --keystore given and no dev chain key found"))
		}
		var err error
		if signer, err = keys.Load(o.keystore, o.passphraseFile); err != nil {
			return nil, nil, badInput(err)
		}
	}
	ec, _, err := o.dial(ctx)
	if err != nil {
		return nil, nil, err
	}
	opts := chain.TxOptions{Confirmations: o.confirmations, Timeout: o.timeout, PollInterval: 200 * time.Millisecond}
	if opts.Confirmations == 0 {
		// A dev node mines at once and never reorganises; a real chain is
		// final at its finalized block.
		if o.onDevchain {
			opts.Confirmations = 1
		} else {
			opts.Confirmations, opts.Finalized = DefaultConfirmations, true
		}
	}
	if o.maxFeeGwei > 0 {
		opts.MaxFee = new(big.Int).Mul(new(big.Int).SetUint64(o.maxFeeGwei), big.NewInt(1e9))
	}
	c, err = chain.New(ctx, ec, common.HexToAddress(o.registry), signer, opts)
	if err != nil {
		ec.Close()
		return nil, nil, err
	}
	return c, ec.Close, nil
}

// dial connects to the endpoint, or to the endpoints of a comma-separated
// --rpc, of which --quorum must agree on every read.
func (o *chainOptions) dial(ctx context.Context) (closingBackend, uint64, error) {
	urls := strings.Split(o.rpc, ",")
	if len(urls) == 1 && o.quorum <= 1 {
		ec, id, err := chain.Dial(ctx, o.rpc, o.chainID)
		if err != nil {
			return closingBackend{}, 0, err
		}
		return closingBackend{ec, ec.Close}, id, nil
	}
	for i := range urls {
		urls[i] = strings.TrimSpace(urls[i])
	}
	need := o.quorum
	if need == 0 {
		need = len(urls)/2 + 1
	}
	if need > len(urls) {
		return closingBackend{}, 0, badInput(fmt.Errorf("--quorum %d: only %d --rpc endpoint(s) given", need, len(urls)))
	}
	e, err := chain.DialEndpoints(ctx, urls, need, o.chainID, 0)
	if err != nil {
		return closingBackend{}, 0, err
	}
	id, _ := e.ChainID(ctx)
	return closingBackend{e, e.Close}, id.Uint64(), nil
}

// closingBackend is a connection and how to close it.
type closingBackend struct {
	chain.Backend
	Close func()
}

// parseAddress reads an account address given on the command line.
func parseAddress(s string) ([20]byte, error) {
	if !common.IsHexAddress(s) {
		return [20]byte{}, badInput(errors.New("not an address: " + s))
	}
	return common.HexToAddress(s), nil
}
