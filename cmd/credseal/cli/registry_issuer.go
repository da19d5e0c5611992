package cli

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistryIssuerCommand() *cobra.Command {
	return newCommand(&registryIssuerOptions{}, &cobra.Command{
		Use:   "issuer ADDRESS",
		Short: "Show an issuer's record and last seal",
		Long: `issuer prints what the registry records of the issuer key ADDRESS: its
name and domain, whether it is active, its minimum seal difficulty, the
block it was registered in, from which block its batches stop counting if
it was suspended, and its last seal, or the key it was moved to. The exit
status is 1 when ADDRESS is not a registered issuer.`,
		Example: `  credseal registry issuer 0x8f40…b64b
  credseal registry issuer 0x8f40…b64b --rpc https://rpc.example.org --registry 0x…`,
		Args: cobra.ExactArgs(1),
	})
}

type registryIssuerOptions struct {
	registryReadOptions
}

func (o *registryIssuerOptions) run(cmd *cobra.Command, args []string) error {
	addr, err := parseAddress(args[0])
	if err != nil {
		return err
	}
	return o.read(cmd, func(c *chain.Client) error {
		rec, err := c.Issuer(cmd.Context(), addr)
		if err != nil {
			return err
		}
		last, err := c.LastSealOf(cmd.Context(), addr)
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		if !rec.Registered {
			fmt.Fprintf(out, "%s is not a registered issuer\n", args[0])
			return &ExitError{Code: ExitFailure}
		}
		fmt.Fprintf(out, "issuer %s\n  name            %s\n  domain          %s\n  active          %v\n  min difficulty  %d\n  registered at   block %d\n",
			common.Address(addr).Hex(), safeText(rec.Name), safeText(rec.Domain), rec.Active, rec.MinDifficulty, rec.RegisteredAt)
		if rec.Cutoff != chain.NoCutoff {
			fmt.Fprintf(out, "  suspended       batches from block %d on do not count\n", rec.Cutoff)
		}
		if rec.Rotated() {
			fmt.Fprintf(out, "  rotated to      %s (this key can no longer anchor or revoke)\n", common.Address(rec.Successor).Hex())
		} else {
			fmt.Fprintf(out, "  last seal       %x\n", last)
		}
		return nil
	})
}
