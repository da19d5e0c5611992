package cli

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/chain/keys"
	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/pkg/vc"
)

func newIssuerInitCommand() *cobra.Command {
	return newCommand(&issuerInitOptions{}, &cobra.Command{
		Use:   "init --name NAME --url URL",
		Short: "Set up an issuer: data directory, key, registry and RPC",
		Long: `init creates the issuer's data directory. Without --keystore it creates a new
key (keystore file in DIR/keystore, passphrase in DIR/passphrase, mode 0600).

On the local dev chain (no --rpc given) it also funds the key from the dev
chain's developer account and accredits it on the registry for the domain of
--url. On any other chain, the registry's owner accredits the printed address
with 'credseal registry register-issuer'.`,
		Example: `  credseal issuer init --name "Université de Lumière" --url https://registrar.example.edu
  credseal issuer init --dir /srv/credseal --name "Example University" --url https://example.edu \
      --rpc https://rpc.example.org --registry 0x… --keystore issuer.json --passphrase-file /run/secrets/pass \
      --difficulty 20 --batch-size 5000 --batch-age 10m --portal-url https://credentials.example.edu`,
		Args: cobra.NoArgs,
	})
}

type issuerInitOptions struct {
	dir          string
	chain        chainOptions
	profile      issuer.Institution
	difficulty   int
	guard        difficultyGuard
	batchSize    int
	batchAge     time.Duration
	portalURL    string
	verifierURL  string
	replaceAfter time.Duration
	did          string
}

func (o *issuerInitOptions) flags(f *pflag.FlagSet) {
	addIssuerDirFlag(f, &o.dir)
	f.StringVar(&o.profile.Name, "name", "", "the issuing organisation's name")
	f.StringVar(&o.profile.URL, "url", "", "its web address; credentials name it, and verifiers check it against the registry's domain")
	f.StringVar(&o.profile.ID, "issuer-id", "", "issuer identifier (URL or DID; default the URL)")
	f.IntVar(&o.difficulty, "difficulty", issuer.DefaultDifficulty, fmt.Sprintf("seal difficulty, at least the registry's minimum for this issuer (above %d warns with the expected time and energy, above %d needs --force)", warnDifficulty, forceDifficulty))
	o.guard.flags(f)
	f.IntVar(&o.batchSize, "batch-size", 1000, "most credentials in one batch")
	f.DurationVar(&o.batchAge, "batch-age", time.Minute, "seal a smaller batch once its oldest credential waited this long")
	f.StringVar(&o.portalURL, "portal-url", "http://127.0.0.1:8080", "public base URL of 'issuer serve', for claim links")
	f.StringVar(&o.verifierURL, "verifier-url", "", "make QR codes links to this verifier page")
	f.StringVar(&o.did, "did", "", "the did:web DID that signs Open Badges 3.0 credentials (default: --issuer-id when a did:web, else the DID of --url)")
	f.Uint64Var(&o.chain.maxFeeGwei, "max-fee", 0, "most fee per gas, in gwei, an anchoring transaction and its replacements may pay (0: no cap)")
	f.DurationVar(&o.replaceAfter, "replace-after", 3*time.Minute, "replace an anchoring transaction not mined after this long, at the same nonce with higher fees")
	o.chain.flags(f, true)
	_ = cobra.MarkFlagRequired(f, "name")
	_ = cobra.MarkFlagRequired(f, "url")
}

func (o *issuerInitOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	u, err := url.Parse(o.profile.URL)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Hostname() == "" {
		return badInput(fmt.Errorf("--url %q must be an http(s) URL", o.profile.URL))
	}
	if o.did == "" && strings.HasPrefix(o.profile.ID, "did:web:") {
		o.did = o.profile.ID
	}
	if o.did == "" {
		if o.did, err = did.WebDID(o.profile.URL); err != nil {
			return badInput(err)
		}
	}
	if _, err := did.WebURL(o.did); err != nil {
		return badInput(fmt.Errorf("--did: %w", err))
	}
	if err := o.guard.check(cmd.Context(), cmd.ErrOrStderr(), o.difficulty); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(o.dir, issuerConfigFile)); err == nil {
		return badInput(fmt.Errorf("%s already holds an issuer", o.dir))
	}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return err
	}
	onDevchain, ownKey := o.chain.rpc == "", o.chain.keystore != ""
	if err := o.chain.resolve(); err != nil {
		return badInput(err)
	}
	out := cmd.OutOrStdout()
	var dev *chain.Client
	if onDevchain {
		// The dev chain's developer key owns the registry: it funds and accredits.
		c, closeChain, err := o.chain.connect(ctx, true)
		if err != nil {
			return err
		}
		defer closeChain()
		dev = c
		if !ownKey { // the issuer gets its own key, not the developer's
			o.chain.keystore, o.chain.passphraseFile = "", ""
		}
	}
	addr, err := o.key(out, onDevchain)
	if err != nil {
		return err
	}
	signingKey, err := o.signingKey(out, onDevchain)
	if err != nil {
		return err
	}
	// Pin the chain: every later connect refuses an endpoint serving another.
	ec, chainID, err := o.chain.dial(ctx)
	if err != nil {
		return err
	}
	ec.Close()
	o.chain.chainID = chainID
	if o.chain.confirmations == 0 && onDevchain {
		o.chain.confirmations = 1
	}
	if dev != nil {
		if err := devchain.AccreditIssuer(ctx, dev, addr, o.profile.Name, u.Hostname()); err != nil {
			return err
		}
		fmt.Fprintf(out, "funded and accredited %s on the dev chain for %s\n", hexAddr(addr), u.Hostname())
	}
	cfg := &issuerConfig{RPC: o.chain.rpc, Quorum: o.chain.quorum, Registry: o.chain.registry, ChainID: o.chain.chainID, Keystore: o.chain.keystore,
		PassphraseFile: o.chain.passphraseFile, Address: hexAddr(addr), Profile: o.profile, Difficulty: o.difficulty,
		BatchSize: o.batchSize, BatchAge: o.batchAge.String(), Confirmations: o.chain.confirmations,
		MaxFeeGwei: o.chain.maxFeeGwei, ReplaceAfter: o.replaceAfter.String(), Finality: 1,
		PortalURL: strings.TrimRight(o.portalURL, "/"), VerifierURL: o.verifierURL, DID: o.did, SigningKey: signingKey}
	if err := createIssuer(o.dir, cfg); err != nil {
		return err
	}
	fmt.Fprintf(out, "issuer %s set up in %s\n  address   %s\n  registry  %s\n  rpc       %s\n", o.profile.Name, o.dir, cfg.Address, cfg.Registry, cfg.RPC)
	if dev == nil {
		fmt.Fprintf(out, "ask the registry owner to run:\n  credseal registry register-issuer %s --name %q --domain %s --rpc %s --registry %s\n",
			cfg.Address, o.profile.Name, u.Hostname(), cfg.RPC, cfg.Registry)
	}
	return nil
}

// key returns the issuer's address: of the key given with --keystore, or of
// a new one made in the data directory (with a fast KDF when light).
func (o *issuerInitOptions) key(out io.Writer, light bool) ([20]byte, error) {
	if o.chain.keystore != "" {
		s, err := keys.Load(o.chain.keystore, o.chain.passphraseFile)
		if err != nil {
			return [20]byte{}, badInput(err)
		}
		return s.Address(), nil
	}
	k, err := keys.New(o.dir, light)
	if err != nil {
		return [20]byte{}, err
	}
	o.chain.keystore, o.chain.passphraseFile = k.Keystore, k.PassphraseFile
	fmt.Fprintf(out, "created a new key in %s (passphrase in %s: move it to a secret store for production)\n", k.Keystore, k.PassphraseFile)
	return k.Address, nil
}

// signingKey creates the Ed25519 key that signs Open Badges 3.0
// credentials, in the data directory's keystore, encrypted with the chain
// key's passphrase (with a fast KDF when light).
func (o *issuerInitOptions) signingKey(out io.Writer, light bool) (string, error) {
	path := filepath.Join(o.dir, keys.KeystoreDir, keys.SigningKeyFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	pub, err := keys.NewSigningKey(path, o.chain.passphraseFile, light)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(out, "created the Open Badges signing key %s in %s for %s\n  (issuer serve publishes its DID document at /.well-known/did.json; serve it at %s)\n",
		vc.EncodeMultikey(pub), path, o.did, mustWebURL(o.did))
	return path, nil
}

func mustWebURL(id string) string {
	u, _ := did.WebURL(id) // checked in run
	return u
}
