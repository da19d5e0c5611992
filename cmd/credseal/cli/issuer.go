package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/issuer/httpapi"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/httpx"
)

func newIssuerCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "issuer",
		Short: "Run an issuer: set up, status, the HTTP API and portal, tokens, backups",
		Long: `issuer manages a registrar's issuing service. Its state lives in a data
directory (--dir, default $CREDSEAL_ISSUER or ~/.local/share/credseal/issuer):
issuer.json (chain, registry, key, batching), issuer.db (bbolt: credentials,
seeds, batches, anchors, revocations, token hashes) and token.key (the secret
claim links derive from).

Credentials go in with 'credseal issue' or the HTTP API and move through
pending → batched → sealed → submitted → confirmed → final; a crash at any point
loses nothing and anchors nothing twice.`,
		Example: `  credseal issuer init --name "Université de Lumière" --url https://registrar.example.edu
  credseal issue --input testdata/cohort.csv --wait
  credseal issuer status
  credseal issuer serve --listen 127.0.0.1:8080`,
	}
	cmd.AddCommand(newIssuerInitCommand(), newIssuerStatusCommand(), newIssuerServeCommand(), newIssuerTokenCommand(),
		newIssuerBackupCommand(), newIssuerRecoverCommand())
	return cmd
}

type issuerInitOptions struct {
	dir          string
	chain        chainOptions
	profile      issuer.Profile
	difficulty   int
	batchSize    int
	batchAge     time.Duration
	portalURL    string
	verifierURL  string
	replaceAfter time.Duration
}

func newIssuerInitCommand() *cobra.Command {
	o := &issuerInitOptions{}
	cmd := &cobra.Command{
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
		RunE: func(cmd *cobra.Command, _ []string) error { return runIssuerInit(cmd, o) },
	}
	f := cmd.Flags()
	addIssuerDirFlag(f, &o.dir)
	f.StringVar(&o.profile.Name, "name", "", "the issuing organisation's name")
	f.StringVar(&o.profile.URL, "url", "", "its web address; credentials name it, and verifiers check it against the registry's domain")
	f.StringVar(&o.profile.ID, "issuer-id", "", "issuer identifier (URL or DID; default the URL)")
	f.IntVar(&o.difficulty, "difficulty", issuer.DefaultDifficulty, "seal difficulty, at least the registry's minimum for this issuer")
	f.IntVar(&o.batchSize, "batch-size", 1000, "most credentials in one batch")
	f.DurationVar(&o.batchAge, "batch-age", time.Minute, "seal a smaller batch once its oldest credential waited this long")
	f.StringVar(&o.portalURL, "portal-url", "http://127.0.0.1:8080", "public base URL of 'issuer serve', for claim links")
	f.StringVar(&o.verifierURL, "verifier-url", "", "make QR codes links to this verifier page")
	f.Uint64Var(&o.chain.maxFeeGwei, "max-fee", 0, "most fee per gas, in gwei, an anchoring transaction and its replacements may pay (0: no cap)")
	f.DurationVar(&o.replaceAfter, "replace-after", 3*time.Minute, "replace an anchoring transaction not mined after this long, at the same nonce with higher fees")
	o.chain.AddFlags(cmd, true)
	_ = cmd.MarkFlagRequired("name")
	_ = cmd.MarkFlagRequired("url")
	return cmd
}

func runIssuerInit(cmd *cobra.Command, o *issuerInitOptions) error {
	ctx := cmd.Context()
	u, err := url.Parse(o.profile.URL)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Hostname() == "" {
		return badInput(fmt.Errorf("--url %q must be an http(s) URL", o.profile.URL))
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
	var devOwner *chain.Client
	if onDevchain {
		// The dev chain's developer key owns the registry: it funds and accredits.
		c, closeChain, err := o.chain.connect(ctx, true)
		if err != nil {
			return err
		}
		defer closeChain()
		devOwner = c
		if !ownKey { // the issuer gets its own key, not the developer's
			o.chain.keystore, o.chain.passphraseFile = "", ""
		}
	}
	if o.chain.keystore == "" {
		pass := make([]byte, 24)
		if _, err := rand.Read(pass); err != nil {
			return err
		}
		o.chain.passphraseFile = filepath.Join(o.dir, "passphrase")
		if err := os.WriteFile(o.chain.passphraseFile, []byte(hex.EncodeToString(pass)+"\n"), 0o600); err != nil {
			return err
		}
		if o.chain.keystore, _, err = chain.NewKeystoreFile(filepath.Join(o.dir, "keystore"), hex.EncodeToString(pass), onDevchain); err != nil {
			return err
		}
		fmt.Fprintf(out, "created a new key in %s (passphrase in %s: move it to a secret store for production)\n", o.chain.keystore, o.chain.passphraseFile)
	}
	pass, err := chain.ReadPassphrase(o.chain.passphraseFile)
	if err != nil {
		return badInput(err)
	}
	signer, err := chain.LoadSigner(o.chain.keystore, pass)
	if err != nil {
		return badInput(err)
	}
	addr := signer.Address()
	// Pin the chain: every later connect refuses an endpoint serving another.
	ec, chainID, err := chain.Dial(ctx, o.chain.rpc, o.chain.chainID)
	if err != nil {
		return err
	}
	ec.Close()
	o.chain.chainID = chainID
	if o.chain.confirmations == 0 && onDevchain {
		o.chain.confirmations = 1
	}
	if devOwner != nil {
		if _, err := devOwner.Transfer(ctx, addr, new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))); err != nil {
			return fmt.Errorf("fund the issuer key: %w", err)
		}
		if _, err := devOwner.RegisterIssuer(ctx, addr, o.profile.Name, u.Hostname()); err != nil {
			return fmt.Errorf("accredit the issuer: %w", err)
		}
		fmt.Fprintf(out, "funded and accredited %s on the dev chain for %s\n", hexAddr(addr), u.Hostname())
	}
	cfg := &issuerConfig{RPC: o.chain.rpc, Registry: o.chain.registry, ChainID: o.chain.chainID, Keystore: o.chain.keystore,
		PassphraseFile: o.chain.passphraseFile, Address: hexAddr(addr), Profile: o.profile, Difficulty: o.difficulty,
		BatchSize: o.batchSize, BatchAge: o.batchAge.String(), Confirmations: o.chain.confirmations,
		MaxFeeGwei: o.chain.maxFeeGwei, ReplaceAfter: o.replaceAfter.String(), Finality: 1,
		PortalURL: strings.TrimRight(o.portalURL, "/"), VerifierURL: o.verifierURL}
	if err := newTokenKey(o.dir); err != nil {
		return err
	}
	db, err := boltstore.Open(filepath.Join(o.dir, issuerDBFile))
	if err != nil {
		return err
	}
	db.Close()
	if err := writeIssuerConfig(o.dir, cfg); err != nil {
		return err
	}
	fmt.Fprintf(out, "issuer %s set up in %s\n  address   %s\n  registry  %s\n  rpc       %s\n", o.profile.Name, o.dir, cfg.Address, cfg.Registry, cfg.RPC)
	if devOwner == nil {
		fmt.Fprintf(out, "ask the registry owner to run:\n  credseal registry register-issuer %s --name %q --domain %s --rpc %s --registry %s\n",
			cfg.Address, o.profile.Name, u.Hostname(), cfg.RPC, cfg.Registry)
	}
	return nil
}

func newIssuerStatusCommand() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:     "status",
		Short:   "Show credentials per state, batches, the last seal and the gas pending anchoring needs",
		Example: "  credseal issuer status\n  credseal issuer status --dir /srv/credseal",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			e, err := openIssuer(ctx, dir, false)
			if err != nil {
				return err
			}
			defer e.close()
			counts, revoked, err := e.db.Counts(ctx)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "issuer %s (%s)\n", e.cfg.Profile.Name, e.cfg.Address)
			for _, st := range issuer.States {
				fmt.Fprintf(out, "  %-10s %d\n", st, counts[st])
			}
			fmt.Fprintf(out, "  %-10s %d\n", "revoked", revoked)
			waiting, _ := e.db.BatchesIn(ctx, issuer.Batched, issuer.Sealed, issuer.Submitted)
			batches := len(waiting)
			if counts[issuer.Pending] > 0 {
				batches += (counts[issuer.Pending] + e.cfg.BatchSize - 1) / e.cfg.BatchSize
			}
			fmt.Fprintf(out, "batches waiting to anchor: %d, about %d gas (%s)\n", batches, anchorGas(batches), gasBasis)
			if s, ok, _ := e.db.LastSeal(ctx); ok {
				fmt.Fprintf(out, "last seal (local)  %x\n", s)
			}
			last, err := e.chain.LastSeal(ctx)
			if err != nil {
				fmt.Fprintf(out, "chain: unreachable: %v\n", err)
				return nil
			}
			fmt.Fprintf(out, "last seal (chain)  %x\n", last)
			return nil
		},
	}
	addIssuerDirFlag(cmd.Flags(), &dir)
	return cmd
}

// Gas per anchored batch on go-ethereum 1.17 rules (docs/PERFORMANCE.md):
// one anchorMany transaction for all waiting batches.
const gasBasis = "148,869 for one batch, 118,228 per batch in an anchorMany"

func anchorGas(batches int) int {
	if batches == 0 {
		return 0
	}
	return 148_869 + (batches-1)*118_228
}

func newIssuerServeCommand() *cobra.Command {
	o := &issuerServeOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the pipeline and serve the registrar API and the learner portal",
		Long: `serve runs the issuing pipeline in the background (batching by size or age,
sealing, anchoring in chain order, retrying the chain with backoff) and serves:

  /api/v1/…      the registrar API (Authorization: Bearer TOKEN; tokens from
                 'credseal issuer token create', each with scopes); every
                 change is written to the log with the token's name
  /claim/TOKEN   each learner's portal page: status, bundle, QR code,
                 printable certificate, and selective disclosure
  /healthz       liveness and chain status
  /metrics       Prometheus text format (--metrics: a token with the read
                 scope by default, or public, or off)

It keeps accepting credentials while the chain is unreachable.

On SIGTERM or SIGINT it shuts down gracefully: it stops accepting
connections, lets the requests in flight finish (up to --shutdown-timeout;
then their connections are closed), stops the pipeline and waits for its
running step to return, and only then closes the database. A step stopped
midway loses nothing: the next start picks its batches up. A second signal
stops at once, as a crash would.`,
		Example: `  credseal issuer serve
  credseal issuer serve --listen 0.0.0.0:8080 --dir /srv/credseal --trusted-proxy 10.0.0.0/8 --metrics public
  credseal issuer serve --shutdown-timeout 2m   # long bulk uploads drain before a restart`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runIssuerServe(cmd, o) },
	}
	f := cmd.Flags()
	addIssuerDirFlag(f, &o.dir)
	f.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to serve on")
	f.DurationVar(&o.interval, "interval", time.Second, "how often the pipeline looks for work")
	f.StringVar(&o.metrics, "metrics", httpapi.MetricsToken, "who may read /metrics: token (the read scope), public or off")
	f.StringSliceVar(&o.proxies, "trusted-proxy", nil, "CIDR of a reverse proxy whose X-Forwarded-For names the client in logs (repeatable)")
	f.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGTERM or SIGINT, how long requests in flight may take to finish, and the pipeline's step to stop")
	return cmd
}

type issuerServeOptions struct {
	dir, listen, metrics string
	interval             time.Duration
	proxies              []string
	shutdownTimeout      time.Duration
}

// runIssuerServe serves until cmd's context ends (main cancels it on SIGTERM
// and SIGINT), then drains: HTTP first, then the pipeline, then the database.
func runIssuerServe(cmd *cobra.Command, o *issuerServeOptions) error {
	ctx := cmd.Context()
	trusted, err := httpx.ParseCIDRs(o.proxies)
	if err != nil {
		return badInput(err)
	}
	if o.metrics != httpapi.MetricsToken && o.metrics != httpapi.MetricsPublic && o.metrics != httpapi.MetricsOff {
		return badInput(fmt.Errorf("--metrics %q: want token, public or off", o.metrics))
	}
	if o.shutdownTimeout <= 0 {
		return badInput(fmt.Errorf("--shutdown-timeout %s: want a positive duration", o.shutdownTimeout))
	}
	e, err := openIssuer(ctx, o.dir, false)
	if err != nil {
		return err
	}
	closeDB := true // unless a pipeline step would not stop
	defer func() {
		if closeDB {
			e.close()
		}
	}()
	log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
	var chainUp atomic.Bool
	_, err = e.chain.client(ctx)
	chainUp.Store(err == nil)
	srv := httpapi.New(httpapi.Config{Service: e.svc, Tokens: e.db, Backup: e.db, Profile: e.cfg.Profile,
		PortalURL: e.cfg.PortalURL, VerifierURL: e.cfg.VerifierURL, Logger: log, ChainUp: chainUp.Load,
		Metrics: o.metrics, TrustedProxies: trusted})
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return badInput(err)
	}
	e.cfg.Listen = ln.Addr().String()
	_ = writeIssuerConfig(o.dir, e.cfg)
	hs := srv.NewHTTPServer(o.listen)
	var inflight atomic.Int64 // handlers running, which may outlive a closed connection
	handler := hs.Handler
	hs.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inflight.Add(1)
		defer inflight.Add(-1)
		handler.ServeHTTP(w, r)
	})

	// The pipeline and the chain probe run on their own context, cancelled
	// only once HTTP has drained, and are waited for.
	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBG()
	var bgDone sync.WaitGroup
	pipelineStopped := make(chan error, 1)
	bgDone.Go(func() {
		err := e.svc.Run(bg, o.interval, func(err error) {
			log.Warn("pipeline step failed; retrying with backoff", "err", err)
		})
		if err != nil { // the database is behind the registry: stop rather than guess
			log.Error("pipeline stopped; shutting down", "err", err)
			pipelineStopped <- err
		}
	})
	bgDone.Go(func() { // whether the chain answers, for /healthz
		t := time.NewTicker(o.interval)
		defer t.Stop()
		for {
			select {
			case <-bg.Done():
				return
			case <-t.C:
			}
			_, err := e.chain.LastSeal(bg)
			chainUp.Store(err == nil)
		}
	})

	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	fmt.Fprintf(cmd.OutOrStdout(), "issuer %s serving on http://%s (API /api/v1, portal /claim, /healthz, /metrics)\n", e.cfg.Profile.Name, ln.Addr())
	var serveErr error
	var pipelineErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served: // the listener failed
	case pipelineErr = <-pipelineStopped:
	}

	log.Info("shutting down: draining requests in flight, then the pipeline", "timeout", o.shutdownTimeout)
	start := time.Now()
	deadline := start.Add(o.shutdownTimeout)
	drainHTTP(log, hs, &inflight, deadline)
	stopBG()
	stopped := make(chan struct{})
	go func() { bgDone.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(max(time.Until(deadline), 5*time.Second)):
		// Closing the database under a running step could block for ever;
		// bbolt recovers from an unclosed file on the next open.
		closeDB = false
		log.Error("the pipeline's step did not stop; exiting without closing the database")
		return errors.New("shutdown: the pipeline's step did not stop in time")
	}
	e.close()
	closeDB = false
	log.Info("stopped", "after", time.Since(start).Round(time.Millisecond))
	if pipelineErr != nil {
		return fmt.Errorf("the pipeline stopped: %w", pipelineErr)
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", serveErr)
	}
	return nil
}

// drainHTTP stops accepting connections and waits until deadline for the
// requests in flight; then it closes their connections and gives their
// handlers, whose requests' contexts end with them, a moment to return.
func drainHTTP(log *slog.Logger, hs *http.Server, inflight *atomic.Int64, deadline time.Time) {
	drain, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := hs.Shutdown(drain); err != nil {
		log.Warn("requests still in flight at the shutdown timeout; closing their connections", "requests", inflight.Load(), "err", err)
		_ = hs.Close()
	}
	for grace := time.Now().Add(5 * time.Second); inflight.Load() > 0 && time.Now().Before(grace); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := inflight.Load(); n > 0 {
		log.Warn("handlers still running after their connections closed", "requests", n)
		return
	}
	log.Info("shutting down: requests drained; stopping the pipeline")
}

// tokenCommandOptions are the token subcommands' shared flags.
type tokenCommandOptions struct {
	dir    string
	token  string // an admin token, for a running server
	scopes []string
}

func newIssuerTokenCommand() *cobra.Command {
	o := &tokenCommandOptions{}
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Create, list or revoke registrar API tokens",
		Long: `token manages the bearer tokens of the registrar API (/api/v1). A token is
printed once when created; the database keeps only its SHA-256, a name and
its scopes:

  issue    submit credentials
  revoke   revoke credentials
  read     read credentials, batches and /metrics
  admin    download backups and manage tokens; implies the others

While 'issuer serve' runs it holds the database, and these commands go
through its API instead, with an admin token (--token or $CREDSEAL_API_TOKEN).
Tokens created before scopes existed have issue and read.`,
		Example: `  credseal issuer token create registrar-office --scope issue,read
  credseal issuer token create backups --scope admin
  credseal issuer token list
  CREDSEAL_API_TOKEN=cst_… credseal issuer token revoke registrar-office   # while serve runs`,
	}
	f := cmd.PersistentFlags()
	addIssuerDirFlag(f, &o.dir)
	f.StringVar(&o.token, "token", "", "admin API token, to manage tokens while 'issuer serve' runs (else $"+apiTokenEnv+")")
	create := &cobra.Command{
		Use: "create NAME", Short: "Create a token; it is printed once and only its hash is kept",
		Example: "  credseal issuer token create registrar-office --scope issue,read", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runTokenCreate(cmd, o, args[0]) },
	}
	create.Flags().StringSliceVar(&o.scopes, "scope", []string{string(issuer.ScopeIssue), string(issuer.ScopeRead)}, "what the token may do: issue, revoke, read, admin")
	cmd.AddCommand(create, &cobra.Command{
		Use: "list", Short: "List tokens by name, with their scopes", Example: "  credseal issuer token list", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTokenList(cmd, o) },
	}, &cobra.Command{
		Use: "revoke NAME", Short: "Revoke a token, at once", Example: "  credseal issuer token revoke registrar-office", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runTokenRevoke(cmd, o, args[0]) },
	})
	return cmd
}

// apiTokenEnv holds an API token for commands that reach a running server.
const apiTokenEnv = "CREDSEAL_API_TOKEN"

// withIssuerDB runs local with the issuer database in dir, or, when a
// running server holds it, remote with the server's API address and an
// admin token (token, else $CREDSEAL_API_TOKEN).
func withIssuerDB(dir, token string, local func(*boltstore.DB) error, remote func(base, token string) error) error {
	cfg, err := readIssuerConfig(dir)
	if err != nil {
		return err
	}
	db, err := boltstore.Open(filepath.Join(dir, issuerDBFile))
	if err == nil {
		defer db.Close()
		return local(db)
	}
	if !errors.Is(err, boltstore.ErrLocked) || cfg.Listen == "" {
		return badInput(err)
	}
	if token == "" {
		token = os.Getenv(apiTokenEnv)
	}
	if token == "" {
		return badInput(fmt.Errorf("'issuer serve' holds the database: give an admin token with --token or $%s", apiTokenEnv))
	}
	return remote("http://"+cfg.Listen, token)
}

func runTokenCreate(cmd *cobra.Command, o *tokenCommandOptions, name string) error {
	scopes, err := issuer.ParseScopes(o.scopes)
	if err != nil {
		return badInput(err)
	}
	out := cmd.OutOrStdout()
	return withIssuerDB(o.dir, o.token, func(db *boltstore.DB) error {
		tok, _, err := issuer.CreateAPIToken(cmd.Context(), db, name, scopes, time.Now())
		if errors.Is(err, issuer.ErrBadToken) {
			return badInput(err)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(out, tok)
		return nil
	}, func(base, admin string) error {
		var created struct{ Token string }
		body := map[string]any{"name": name, "scopes": scopes}
		if err := apiCall(cmd.Context(), http.MethodPost, base+"/api/v1/tokens", admin, body, &created); err != nil {
			return err
		}
		fmt.Fprintln(out, created.Token)
		return nil
	})
}

func runTokenList(cmd *cobra.Command, o *tokenCommandOptions) error {
	show := func(toks []issuer.APIToken) {
		for _, t := range toks {
			state := "active"
			if t.Revoked {
				state = "revoked"
			}
			scopes := make([]string, len(t.Scopes))
			for i, s := range t.Scopes {
				scopes[i] = string(s)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%-24s %-8s %-24s created %s\n", t.Name, state, strings.Join(scopes, ","), t.Created.Format(time.RFC3339))
		}
	}
	return withIssuerDB(o.dir, o.token, func(db *boltstore.DB) error {
		toks, err := db.APITokens(cmd.Context())
		show(toks)
		return err
	}, func(base, admin string) error {
		var list struct{ Tokens []issuer.APIToken }
		if err := apiCall(cmd.Context(), http.MethodGet, base+"/api/v1/tokens", admin, nil, &list); err != nil {
			return err
		}
		show(list.Tokens)
		return nil
	})
}

func runTokenRevoke(cmd *cobra.Command, o *tokenCommandOptions, name string) error {
	err := withIssuerDB(o.dir, o.token, func(db *boltstore.DB) error {
		if err := db.RevokeAPIToken(cmd.Context(), name); errors.Is(err, issuer.ErrNotFound) {
			return badInput(err)
		} else if err != nil {
			return err
		}
		return nil
	}, func(base, admin string) error {
		return apiCall(cmd.Context(), http.MethodPost, base+"/api/v1/tokens/"+url.PathEscape(name)+"/revoke", admin, nil, nil)
	})
	if err == nil {
		fmt.Fprintf(cmd.OutOrStdout(), "revoked %s\n", name)
	}
	return err
}

// apiCall sends a JSON request to the registrar API and decodes the answer
// into out; an error answer becomes an error carrying its message.
func apiCall(ctx context.Context, method, url, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("issuer API: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("issuer API: %w", err)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(data, &e) == nil && e.Error.Message != "" {
			return fmt.Errorf("issuer API: %s (%s)", e.Error.Message, e.Error.Code)
		}
		return fmt.Errorf("issuer API: %s", resp.Status)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func newIssuerBackupCommand() *cobra.Command {
	var dir, token string
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the issuer database, also while it is being served",
		Long: `backup writes a consistent snapshot of issuer.db to FILE. When 'issuer serve'
holds the database, the snapshot is taken through its API (GET /api/v1/backup)
with an admin token: --token or $CREDSEAL_API_TOKEN.`,
		Example: `  credseal issuer backup /backups/issuer-$(date +%F).db
  CREDSEAL_API_TOKEN=cst_… credseal issuer backup /backups/issuer.db`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := cmd.OutOrStdout()
			return withIssuerDB(dir, token, func(db *boltstore.DB) error {
				if err := db.BackupFile(args[0]); err != nil {
					return err
				}
				fmt.Fprintf(out, "wrote %s\n", args[0])
				return nil
			}, func(base, token string) error {
				if err := backupOverHTTP(cmd.Context(), base+"/api/v1/backup", token, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(out, "wrote %s (online, from the running server)\n", args[0])
				return nil
			})
		},
	}
	addIssuerDirFlag(cmd.Flags(), &dir)
	cmd.Flags().StringVar(&token, "token", "", "admin API token for an online backup (else $CREDSEAL_API_TOKEN)")
	return cmd
}

func backupOverHTTP(ctx context.Context, url, token, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("online backup: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return fmt.Errorf("online backup: %s: %s", resp.Status, msg)
	}
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return fmt.Errorf("online backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
