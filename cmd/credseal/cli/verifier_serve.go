package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/verifier"
	"github.com/credseal/credseal/verifier/httpapi"
)

func newVerifierServeCommand() *cobra.Command {
	return newCommand(&verifierServeOptions{}, &cobra.Command{
		Use:   "serve",
		Short: "Serve the verification page and POST /api/v1/verify",
		Long: `serve runs the employer's page and the verify API. It trusts only the registry
given by --rpc and --registry (or the local dev chain's) and refuses to start
without one: a page that checks no registry cannot tell a genuine credential
from a well-made forgery. --offline starts it anyway, and the page then says
plainly that nothing is checked on a registry.

Rate limits and logs use the client's address: the direct peer, or, behind
a reverse proxy named with --trusted-proxy, the address that proxy put in
X-Forwarded-For. The header is ignored from anyone else.`,
		Example: `  credseal verifier serve --listen 127.0.0.1:8090
  credseal verifier serve --rpc https://rpc.example.org --registry 0x… --confirmations 12 --trusted-proxy 10.0.0.0/8
  credseal verifier serve --offline --rate-limit 0   # no registry, no per-IP limit (demos, load tests)`,
		Args: cobra.NoArgs,
	})
}

type verifierServeOptions struct {
	verifierFlags
	serve serveOptions
	perIP float64
}

func (o *verifierServeOptions) flags(f *pflag.FlagSet) {
	o.verifierFlags.flags(f)
	o.serve.flags(f, "127.0.0.1:8090", "CIDR of a reverse proxy whose X-Forwarded-For names the client (repeatable)")
	f.Float64Var(&o.perIP, "rate-limit", 20, "verifications per second per client IP (burst twice that; 0: no limit)")
}

func (o *verifierServeOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	trusted, err := o.serve.trustedProxies()
	if err != nil {
		return err
	}
	opts, closeChain, err := o.verifierOptions(cmd)
	if err != nil {
		return err
	}
	defer closeChain()
	if len(opts.Registries) == 0 && !o.offline {
		return badInput(errors.New("no trusted registry: give --rpc and --registry (or start the dev chain), " +
			"or --offline to serve a page that checks nothing on a registry"))
	}
	log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
	srv := httpapi.New(httpapi.VerifierConfig{Verifier: verifier.New(opts), Logger: log, RatePerIP: o.perIP, TrustedProxies: trusted})
	ln, err := o.serve.listener()
	if err != nil {
		return err
	}
	mode := "OFFLINE: no registry is checked, no credential can be verified"
	if len(opts.Registries) > 0 {
		mode = fmt.Sprintf("trusting registry 0x%x on chain %d", opts.Registries[0].Address, opts.Registries[0].ChainID)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "verifier serving on http://%s, %s\n", ln.Addr(), mode)
	return srv.Serve(ctx, ln, 10*time.Second)
}
