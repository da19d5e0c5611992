package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistrySetDifficultyCommand() *cobra.Command {
	return newCommand(&registrySetDifficultyOptions{}, &cobra.Command{
		Use:   "set-difficulty D",
		Short: "Set the minimum seal difficulty (8..127) for new issuers, or for one with --issuer (owner only)",
		Example: `  credseal registry set-difficulty 20
  credseal registry set-difficulty 24 --issuer 0x8f40…b64b`,
		Args: cobra.ExactArgs(1),
	})
}

type registrySetDifficultyOptions struct {
	registryTxOptions
	issuer string // set this issuer's minimum instead of the default
}

func (o *registrySetDifficultyOptions) flags(f *pflag.FlagSet) {
	o.registryTxOptions.flags(f)
	f.StringVar(&o.issuer, "issuer", "", "set this issuer's minimum instead of the default")
}

func (o *registrySetDifficultyOptions) run(cmd *cobra.Command, args []string) error {
	n, err := strconv.ParseUint(args[0], 10, 8)
	if err != nil {
		return badInput(fmt.Errorf("difficulty %q is not a number from 8 to 127", args[0]))
	}
	d := uint8(n)
	if o.issuer == "" {
		return o.transact(cmd, "set the default minimum difficulty to "+args[0], func(c *chain.Client) (*chain.Receipt, error) {
			return c.SetMinDifficulty(cmd.Context(), d)
		})
	}
	addr, err := parseAddress(o.issuer)
	if err != nil {
		return err
	}
	return o.transact(cmd, "set "+o.issuer+"'s minimum difficulty to "+args[0], func(c *chain.Client) (*chain.Receipt, error) {
		return c.SetIssuerMinDifficulty(cmd.Context(), addr, d)
	})
}
