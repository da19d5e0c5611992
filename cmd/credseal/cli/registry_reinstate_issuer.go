package cli

import (
	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistryReinstateIssuerCommand() *cobra.Command {
	return newCommand(&registryReinstateIssuerOptions{}, &cobra.Command{
		Use:   "reinstate-issuer ADDRESS",
		Short: "Lift an issuer's suspension: it anchors again and all its batches verify again (owner only)",
		Long: `reinstate-issuer lifts the suspension of the issuer key ADDRESS made with
suspend-issuer: the key may anchor again, and its batches from the cutoff
on verify again. Only the registry's owner may send it.`,
		Example: `  credseal registry reinstate-issuer 0x8f40…b64b
  credseal registry reinstate-issuer 0x8f40…b64b --keystore owner.json --passphrase-file pass.txt`,
		Args: cobra.ExactArgs(1),
	})
}

type registryReinstateIssuerOptions struct {
	registryTxOptions
}

func (o *registryReinstateIssuerOptions) run(cmd *cobra.Command, args []string) error {
	return o.transactOnKeys(cmd, args, "reinstated issuer "+args[0], func(c *chain.Client, keys [][20]byte) (*chain.Receipt, error) {
		return c.ReinstateIssuer(cmd.Context(), keys[0])
	})
}
