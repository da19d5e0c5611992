package cli

import (
	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistryRotateKeyCommand() *cobra.Command {
	return newCommand(&registryRotateKeyOptions{}, &cobra.Command{
		Use:   "rotate-key OLD NEW",
		Short: "Move an issuer to a new key: NEW takes over its record and chain of seals, OLD can no longer anchor or revoke (owner only)",
		Long: `rotate-key moves an issuer from the key OLD to the key NEW, which must not be
registered. NEW takes over the issuer's name, domain, minimum difficulty and
chain of seals and may anchor at once; OLD can no longer anchor or revoke.
Batches anchored by OLD keep verifying, up to its cutoff if it was suspended
with --from-block first (after a key compromise: suspend from the block of
the leak, then rotate). Revocations by OLD and NEW both count.`,
		Example: `  credseal registry suspend-issuer 0x8f40…b64b --from-block 18234567
  credseal registry rotate-key 0x8f40…b64b 0x1c2d…77e0`,
		Args: cobra.ExactArgs(2),
	})
}

type registryRotateKeyOptions struct {
	registryTxOptions
}

func (o *registryRotateKeyOptions) run(cmd *cobra.Command, args []string) error {
	return o.transactOnKeys(cmd, args, "moved issuer "+args[0]+" to key "+args[1], func(c *chain.Client, keys [][20]byte) (*chain.Receipt, error) {
		return c.RotateIssuerKey(cmd.Context(), keys[0], keys[1])
	})
}
