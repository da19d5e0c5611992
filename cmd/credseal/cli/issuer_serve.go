package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer/httpapi"
)

func newIssuerServeCommand() *cobra.Command {
	return newCommand(&issuerServeOptions{}, &cobra.Command{
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
	})
}

type issuerServeOptions struct {
	dir, metrics    string
	serve           serveOptions
	interval        time.Duration
	shutdownTimeout time.Duration
}

func (o *issuerServeOptions) flags(f *pflag.FlagSet) {
	addIssuerDirFlag(f, &o.dir)
	o.serve.flags(f, "127.0.0.1:8080", "CIDR of a reverse proxy whose X-Forwarded-For names the client in logs (repeatable)")
	f.DurationVar(&o.interval, "interval", time.Second, "how often the pipeline looks for work")
	f.StringVar(&o.metrics, "metrics", httpapi.MetricsToken, "who may read /metrics: token (the read scope), public or off")
	f.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGTERM or SIGINT, how long requests in flight may take to finish, and the pipeline's step to stop")
}

// run serves until cmd's context ends (main cancels it on SIGTERM and
// SIGINT) or the pipeline stops, then drains: HTTP first (httpx.Serve: the
// requests in flight, up to --shutdown-timeout), then the pipeline, then
// the database.
func (o *issuerServeOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	trusted, err := o.serve.trustedProxies()
	if err != nil {
		return err
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
	badges, err := e.cfg.openBadges()
	switch {
	case errors.Is(err, errNoSigningKey):
		log.Warn("no Open Badges 3.0 downloads, DID document or status lists", "reason", err)
		badges = nil
	case err != nil:
		return err
	}
	srv := httpapi.New(httpapi.IssuerConfig{Service: e.svc, Tokens: e.db, Backup: e.db, Profile: e.cfg.Profile,
		PortalURL: e.cfg.PortalURL, VerifierURL: e.cfg.VerifierURL, Logger: log, ChainUp: chainUp.Load,
		Metrics: o.metrics, TrustedProxies: trusted, OpenBadges: badges})
	ln, err := o.serve.listener()
	if err != nil {
		return err
	}
	e.cfg.Listen = ln.Addr().String()
	_ = writeIssuerConfig(o.dir, e.cfg)

	// HTTP serves until ctx ends or the pipeline stops; stopping records
	// when its shutdown started.
	serving, stopServing := context.WithCancel(ctx)
	defer stopServing()
	stopping := make(chan time.Time, 1)
	context.AfterFunc(serving, func() { stopping <- time.Now() })

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
			stopServing()
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

	fmt.Fprintf(cmd.OutOrStdout(), "issuer %s serving on http://%s (API /api/v1, portal /claim, /healthz, /metrics)\n", e.cfg.Profile.Name, ln.Addr())
	serveErr := srv.Serve(serving, ln, o.shutdownTimeout) // returns once the requests in flight drained
	stopServing()
	start := <-stopping
	log.Info("shutting down: stopping the pipeline")
	stopBG()
	stopped := make(chan struct{})
	go func() { bgDone.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(max(time.Until(start.Add(o.shutdownTimeout)), 5*time.Second)):
		// Closing the database under a running step could block for ever;
		// bbolt recovers from an unclosed file on the next open.
		closeDB = false
		log.Error("the pipeline's step did not stop; exiting without closing the database")
		return errors.New("shutdown: the pipeline's step did not stop in time")
	}
	e.close()
	closeDB = false
	log.Info("stopped", "after", time.Since(start).Round(time.Millisecond))
	select {
	case err := <-pipelineStopped:
		return fmt.Errorf("the pipeline stopped: %w", err)
	default:
	}
	if serveErr != nil {
		return fmt.Errorf("serve: %w", serveErr)
	}
	return nil
}
