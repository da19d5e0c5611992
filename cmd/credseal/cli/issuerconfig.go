package cli

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/chain/keys"
	"github.com/credseal/credseal/pkg/ob3"
	"github.com/credseal/credseal/pkg/seal"
)

// IssuerEnv overrides the issuer's data directory.
const IssuerEnv = "CREDSEAL_ISSUER"

func defaultIssuerDir() string { return defaultDataDir(IssuerEnv, "issuer") }

const issuerDirUsage = "issuer data directory (env " + IssuerEnv + ")"

// addIssuerDirFlag adds --dir, the issuer's data directory.
func addIssuerDirFlag(f *pflag.FlagSet, dir *string) {
	f.StringVar(dir, "dir", defaultIssuerDir(), issuerDirUsage)
}

// issuerConfig is DIR/issuer.json: what `credseal issuer init` set up.
type issuerConfig struct {
	RPC            string             `json:"rpc"`              // one URL, or several separated by commas
	Quorum         int                `json:"quorum,omitempty"` // of several: how many must agree (0: a majority)
	Registry       string             `json:"registry"`
	ChainID        uint64             `json:"chainId"`
	Keystore       string             `json:"keystore"`
	PassphraseFile string             `json:"passphraseFile,omitempty"` // else $CREDSEAL_PASSPHRASE
	Address        string             `json:"address"`
	Profile        issuer.Institution `json:"profile"`
	Difficulty     int                `json:"difficulty"`
	BatchSize      int                `json:"batchSize"`
	BatchAge       string             `json:"batchAge"`
	Confirmations  uint64             `json:"confirmations"` // 0: the finalized block (12 where none)
	// Finality is 1 in files written since confirmations 0 meant "final":
	// before, 1 was only the flag's default, which no public chain should
	// keep.
	Finality     int    `json:"finality,omitempty"`
	MaxFeeGwei   uint64 `json:"maxFeeGwei,omitempty"`
	ReplaceAfter string `json:"replaceAfter,omitempty"`
	PortalURL    string `json:"portalUrl,omitempty"`   // public base URL of `issuer serve`
	VerifierURL  string `json:"verifierUrl,omitempty"` // QR codes link here
	Listen       string `json:"listen,omitempty"`      // recorded by serve, for backup
	// DID is the did:web DID that signs Open Badges 3.0 credentials with
	// the Ed25519 key in SigningKey (encrypted with the chain key's
	// passphrase). Both are empty for issuers set up before they existed.
	DID        string `json:"did,omitempty"`
	SigningKey string `json:"signingKey,omitempty"`
}

const (
	issuerConfigFile = "issuer.json"
	issuerDBFile     = "issuer.db"
	tokenKeyFile     = "token.key"
)

func readIssuerConfig(dir string) (*issuerConfig, error) {
	b, err := os.ReadFile(filepath.Join(dir, issuerConfigFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, badInput(fmt.Errorf("no issuer in %s: run `credseal issuer init` first", dir))
	}
	if err != nil {
		return nil, err
	}
	var c issuerConfig
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, issuerConfigFile), err)
	}
	return &c, nil
}

func writeIssuerConfig(dir string, c *issuerConfig) error {
	b, _ := json.MarshalIndent(c, "", "  ")
	return atomicfile.WriteFile(filepath.Join(dir, issuerConfigFile), append(b, '\n'), 0o600)
}

// createIssuer sets up an issuer in dir: the secret claim tokens derive
// from, an empty database, and, last, the configuration that marks the
// directory as holding an issuer.
func createIssuer(dir string, cfg *issuerConfig) error {
	if err := newTokenKey(dir); err != nil {
		return err
	}
	db, err := boltstore.Open(filepath.Join(dir, issuerDBFile))
	if err != nil {
		return err
	}
	db.Close()
	return writeIssuerConfig(dir, cfg)
}

// issuerEnv is an opened issuer: its config, store, chain and service.
type issuerEnv struct {
	dir   string
	cfg   *issuerConfig
	db    *boltstore.DB
	chain *lazyChain // connects on first use, so the chain may be down at start
	svc   *issuer.Service
}

// openIssuer opens the issuer in dir. With needChain the chain must answer
// now; otherwise the service stores credentials and reaches the chain when
// it can.
func openIssuer(ctx context.Context, dir string, needChain bool) (*issuerEnv, error) {
	cfg, err := readIssuerConfig(dir)
	if err != nil {
		return nil, err
	}
	bits, err := seal.BitsForDifficulty(cfg.Difficulty)
	if err != nil {
		return nil, badInput(err)
	}
	key, err := os.ReadFile(filepath.Join(dir, tokenKeyFile))
	if err != nil {
		return nil, fmt.Errorf("claim token key: %w", err)
	}
	db, err := boltstore.Open(filepath.Join(dir, issuerDBFile))
	if err != nil {
		if errors.Is(err, boltstore.ErrLocked) {
			return nil, badInput(fmt.Errorf("%w (is `credseal issuer serve` running? use its API instead)", err))
		}
		return nil, err
	}
	co := chainOptions{rpc: cfg.RPC, quorum: cfg.Quorum, registry: cfg.Registry, chainID: cfg.ChainID, keystore: cfg.Keystore,
		passphraseFile: cfg.PassphraseFile, confirmations: cfg.Confirmations, timeout: 2 * time.Minute, maxFeeGwei: cfg.MaxFeeGwei,
		devchainDir: defaultDevchainDir()}
	if cfg.Finality == 0 && cfg.Confirmations <= 1 && cfg.ChainID != devchain.ChainID {
		co.confirmations = 0 // the old default: 1 on the dev chain, finality elsewhere
	}
	e := &issuerEnv{dir: dir, cfg: cfg, db: db,
		chain: &lazyChain{connect: func(ctx context.Context) (*chain.Client, func(), error) { return co.connect(ctx, true) }}}
	if needChain {
		if _, err := e.chain.client(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	age, err := time.ParseDuration(cfg.BatchAge)
	if err != nil {
		age = time.Minute
	}
	replaceAfter, err := time.ParseDuration(cfg.ReplaceAfter)
	if err != nil {
		replaceAfter = 0 // the default
	}
	e.svc = issuer.NewService(db, e.chain, issuer.Config{BatchSize: cfg.BatchSize, BatchAge: age, Bits: bits, TokenKey: key,
		ReplaceAfter: replaceAfter, Log: func(msg string) { fmt.Fprintln(os.Stderr, "credseal: "+msg) }})
	return e, nil
}

// withIssuer runs f with the issuer in dir open (see openIssuer), then
// closes it.
func withIssuer(ctx context.Context, dir string, needChain bool, f func(*issuerEnv) error) error {
	e, err := openIssuer(ctx, dir, needChain)
	if err != nil {
		return err
	}
	defer e.close()
	return f(e)
}

func (e *issuerEnv) close() {
	e.chain.close()
	e.db.Close()
}

// claimURL is a credential's portal link, or "" without a portal URL.
func (e *issuerEnv) claimURL(id string) string {
	if e.cfg.PortalURL == "" {
		return ""
	}
	return e.cfg.PortalURL + "/claim/" + e.svc.ClaimToken(id)
}

// printURL is a credential's print link, or "" without a portal URL.
func (e *issuerEnv) printURL(id string) string {
	path := e.svc.PrintPath(id)
	if e.cfg.PortalURL == "" || path == "" {
		return ""
	}
	return e.cfg.PortalURL + path
}

// newTokenKey writes the secret that claim tokens derive from.
func newTokenKey(dir string) error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, tokenKeyFile), key, 0o600)
}

func hexAddr(a [20]byte) string { return common.Address(a).Hex() }

// errNoSigningKey: the issuer was set up before Open Badges export.
var errNoSigningKey = errors.New("this issuer has no Open Badges signing key (set up before credseal signed Open Badges 3.0): run 'credseal issuer init' in a new directory to get one")

// openBadges returns what signs the issuer's Open Badges 3.0 credentials.
func (c *issuerConfig) openBadges() (*issuer.OpenBadges, error) {
	if c.SigningKey == "" || c.DID == "" {
		return nil, errNoSigningKey
	}
	key, err := keys.LoadSigningKey(c.SigningKey, c.PassphraseFile)
	if err != nil {
		return nil, err
	}
	return &issuer.OpenBadges{Issuer: ob3.Issuer{DID: c.DID, Key: key}, BaseURL: c.PortalURL}, nil
}
