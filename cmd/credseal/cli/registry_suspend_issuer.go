package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistrySuspendIssuerCommand() *cobra.Command {
	return newCommand(&registrySuspendIssuerOptions{}, &cobra.Command{
		Use:   "suspend-issuer ADDRESS",
		Short: "Suspend an issuer: it can no longer anchor, and its batches from --from-block on no longer verify (owner only)",
		Example: `  credseal registry suspend-issuer 0x8f40…b64b                      # every batch of the issuer stops verifying
  credseal registry suspend-issuer 0x8f40…b64b --from-block 18234567  # the key leaked at that block: earlier batches stay valid
  credseal registry suspend-issuer 0x8f40…b64b --from-block now`,
		Args: cobra.ExactArgs(1),
	})
}

type registrySuspendIssuerOptions struct {
	registryTxOptions
	fromBlock string
}

func (o *registrySuspendIssuerOptions) flags(f *pflag.FlagSet) {
	o.registryTxOptions.flags(f)
	f.StringVar(&o.fromBlock, "from-block", "0", `first block whose batches stop counting: a number, "now" (the chain's head), or 0 for every batch`)
}

func (o *registrySuspendIssuerOptions) run(cmd *cobra.Command, args []string) error {
	return o.transactOnKeys(cmd, args, "suspended issuer "+args[0], func(c *chain.Client, keys [][20]byte) (*chain.Receipt, error) {
		block, err := o.cutoff(cmd, c)
		if err != nil {
			return nil, err
		}
		return c.SuspendIssuer(cmd.Context(), keys[0], block)
	})
}

// cutoff reads --from-block: a block number or "now".
func (o *registrySuspendIssuerOptions) cutoff(cmd *cobra.Command, c *chain.Client) (uint64, error) {
	if o.fromBlock == "now" {
		return c.Head(cmd.Context())
	}
	n, err := strconv.ParseUint(o.fromBlock, 10, 64)
	if err != nil {
		return 0, badInput(fmt.Errorf("--from-block %q is not a block number or \"now\"", o.fromBlock))
	}
	return n, nil
}
