package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain/devchain"
)

func newDevchainCommand() *cobra.Command {
	return newCommand(&devchainOptions{}, &cobra.Command{
		Use:   "devchain",
		Short: "Run the embedded, persistent go-ethereum dev chain with the registry deployed",
		Long: `devchain runs a local go-ethereum development node in the foreground, as
geth --dev --datadir does, until interrupted. Its chain, a prefunded developer
key (keystore + passphrase file) and the CredentialRegistry, with the developer
accredited as an issuer, persist in --datadir across restarts.

The other commands (batch --anchor, verify, revoke) use its RPC URL, registry
and key by default. Point them at any other EVM node with --rpc and --registry.`,
		Example: `  credseal devchain
  credseal devchain --datadir /tmp/chain --port 0 --period 2`,
		Args: cobra.NoArgs,
	})
}

type devchainOptions struct {
	cfg devchain.NodeConfig
}

func (o *devchainOptions) flags(f *pflag.FlagSet) {
	f.StringVar(&o.cfg.DataDir, "datadir", defaultDevchainDir(), "where the chain, keystore and registry record live (env "+DevchainEnv+")")
	f.IntVar(&o.cfg.HTTPPort, "port", 8545, "JSON-RPC port on 127.0.0.1 (0: any free port)")
	f.Uint64Var(&o.cfg.Period, "period", 0, "seconds between blocks (0: mine a block when a transaction arrives)")
	f.StringVar(&o.cfg.IssuerName, "issuer-name", "", "name the developer key is accredited under on first start")
	f.StringVar(&o.cfg.IssuerDomain, "issuer-domain", "", "domain the developer key is accredited for on first start (default example.edu)")
}

// run serves the chain until the command's context ends.
func (o *devchainOptions) run(cmd *cobra.Command, _ []string) error {
	n, err := devchain.Start(cmd.Context(), o.cfg)
	if err != nil {
		return err
	}
	defer n.Close()
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "credseal dev chain running (Ctrl-C to stop)\n")
	fmt.Fprintf(out, "  rpc       %s\n  chain id  %d\n  registry  %s\n  issuer    %s\n  keystore  %s\n  passphrase file %s\n  data dir  %s\n",
		n.Info.RPCURL, n.Info.ChainID, n.Info.Registry, n.Info.Developer, n.Info.Keystore, n.Info.PassphraseFile, o.cfg.DataDir)
	<-cmd.Context().Done()
	fmt.Fprintln(out, "stopping: flushing the chain to disk")
	return nil
}
