package cli

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistryBatchCommand() *cobra.Command {
	return newCommand(&registryBatchOptions{}, &cobra.Command{
		Use:   "batch SEAL",
		Short: "Show the registry's record of a batch seal",
		Long: `batch prints what the registry records of the batch whose seal is SEAL (64
hex digits, as manifest.json and 'credseal verify' show it): the issuer key
that anchored it, the block and time, and whether it is revoked. The exit
status is 1 when no batch with that seal is anchored on the registry.`,
		Example: `  credseal registry batch 07900ef8…90000
  credseal registry batch 07900ef8…90000 --rpc https://rpc.example.org --registry 0x…`,
		Args: cobra.ExactArgs(1),
	})
}

type registryBatchOptions struct {
	registryReadOptions
}

func (o *registryBatchOptions) run(cmd *cobra.Command, args []string) error {
	b, err := hex.DecodeString(strings.TrimPrefix(args[0], "0x"))
	if err != nil || len(b) != 32 {
		return badInput(fmt.Errorf("seal %q is not 64 hex digits", args[0]))
	}
	s := [32]byte(b)
	return o.read(cmd, func(c *chain.Client) error {
		rec, err := c.Batch(cmd.Context(), s)
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		if !rec.Anchored {
			fmt.Fprintf(out, "seal %x is not anchored on this registry\n", s)
			return &ExitError{Code: ExitFailure}
		}
		fmt.Fprintf(out, "batch %x\n  issuer   %s\n  block    %d\n  time     %d\n  revoked  %v\n",
			s, common.Address(rec.Issuer).Hex(), rec.Block, rec.Time, rec.RevokedReason != 0)
		return nil
	})
}
