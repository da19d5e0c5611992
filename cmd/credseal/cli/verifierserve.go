package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/httpx"
	"github.com/credseal/credseal/verifier"
	"github.com/credseal/credseal/verifier/httpapi"
)

func newVerifierCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verifier",
		Short: "Run the employer's verification page and API",
		Long: `verifier serves the page employers open to verify a credential (camera QR
scanning, QR photo upload, file drop, paste, and links of the form /#CS1:…)
and the API behind it, POST /api/v1/verify. It trusts only the registry given
by its flags (or the local dev chain's), exactly as 'credseal verify' does.`,
		Example: `  credseal verifier serve
  credseal verifier serve --listen 0.0.0.0:8090 --rpc https://rpc.example.org --registry 0x… --confirmations 12`,
	}
	cmd.AddCommand(newVerifierServeCommand())
	return cmd
}

func newVerifierServeCommand() *cobra.Command {
	var flags verifierFlags
	var listen string
	var perIP float64
	var proxies []string
	cmd := &cobra.Command{
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			trusted, err := httpx.ParseCIDRs(proxies)
			if err != nil {
				return badInput(err)
			}
			opts, closeChain, err := flags.verifierOptions(cmd)
			if err != nil {
				return err
			}
			defer closeChain()
			if len(opts.Registries) == 0 && !flags.offline {
				return badInput(errors.New("no trusted registry: give --rpc and --registry (or start the dev chain), " +
					"or --offline to serve a page that checks nothing on a registry"))
			}
			log := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			srv := httpapi.New(httpapi.Config{Verifier: verifier.New(opts), Logger: log, RatePerIP: perIP, TrustedProxies: trusted})
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return badInput(err)
			}
			hs := srv.NewHTTPServer(listen)
			go func() {
				<-ctx.Done()
				shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				_ = hs.Shutdown(shutdown)
			}()
			mode := "OFFLINE: no registry is checked, no credential can be verified"
			if len(opts.Registries) > 0 {
				mode = fmt.Sprintf("trusting registry 0x%x on chain %d", opts.Registries[0].Address, opts.Registries[0].ChainID)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "verifier serving on http://%s, %s\n", ln.Addr(), mode)
			if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	flags.AddFlags(cmd)
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8090", "address to serve on")
	cmd.Flags().Float64Var(&perIP, "rate-limit", 20, "verifications per second per client IP (burst twice that; 0: no limit)")
	cmd.Flags().StringSliceVar(&proxies, "trusted-proxy", nil, "CIDR of a reverse proxy whose X-Forwarded-For names the client (repeatable)")
	return cmd
}
