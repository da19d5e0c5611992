package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
)

func newIssuerStatusCommand() *cobra.Command {
	return newCommand(&issuerStatusOptions{}, &cobra.Command{
		Use:   "status",
		Short: "Show credentials per state, batches, the last seal and the gas pending anchoring needs",
		Long: `status prints how many of the issuer's credentials are in each state
(pending → batched → sealed → submitted → confirmed → final) and how many are
revoked, the batches waiting to be anchored with the gas that takes, and the
last seal in the database and on the registry (or that the chain does not
answer). It opens the database: while 'credseal issuer serve' holds it, read
/healthz and /metrics instead.`,
		Example: `  credseal issuer status
  credseal issuer status --dir /srv/credseal`,
		Args: cobra.NoArgs,
	})
}

type issuerStatusOptions struct {
	dir string
}

func (o *issuerStatusOptions) flags(f *pflag.FlagSet) {
	addIssuerDirFlag(f, &o.dir)
}

func (o *issuerStatusOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	return withIssuer(ctx, o.dir, false, func(e *issuerEnv) error {
		counts, revoked, err := e.db.Counts(ctx)
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		fmt.Fprintf(out, "issuer %s (%s)\n", e.cfg.Profile.Name, e.cfg.Address)
		for _, st := range issuer.States {
			fmt.Fprintf(out, "  %-10s %d\n", st, counts[st])
		}
		fmt.Fprintf(out, "  %-10s %d\n", "revoked", revoked)
		waiting, _ := e.db.BatchesIn(ctx, issuer.Batched, issuer.Sealed, issuer.Submitted)
		batches := len(waiting)
		if counts[issuer.Pending] > 0 {
			batches += (counts[issuer.Pending] + e.cfg.BatchSize - 1) / e.cfg.BatchSize
		}
		fmt.Fprintf(out, "batches waiting to anchor: %d, about %d gas (%s)\n", batches, anchorGas(batches), gasBasis)
		sealed, err := e.db.BatchesIn(ctx, issuer.Sealed, issuer.Submitted, issuer.Confirmed, issuer.Final)
		if err != nil {
			return err
		}
		var total issuer.SealCost
		for _, b := range sealed {
			total = total.Plus(b.Cost)
		}
		if len(sealed) > 0 {
			fmt.Fprintf(out, "sealing: %d batches, %d hashes in %.1f s, %s (%s)\n", len(sealed), total.Hashes, total.Seconds,
				humanEnergy(total.Joules), energySourceText(total.EnergySource))
		}
		if s, ok, _ := e.db.LastSeal(ctx); ok {
			fmt.Fprintf(out, "last seal (local)  %x\n", s)
		}
		last, err := e.chain.LastSeal(ctx)
		if err != nil {
			fmt.Fprintf(out, "chain: unreachable: %v\n", err)
			return nil
		}
		fmt.Fprintf(out, "last seal (chain)  %x\n", last)
		if n := len(sealed); n > 0 && sealed[n-1].State.Anchored() {
			b := sealed[n-1]
			line := fmt.Sprintf("last anchored batch %d: sealed with %d hashes, %s (%s); transaction 0x%x", b.Seq, b.Cost.Hashes,
				humanEnergy(b.Cost.Joules), energySourceText(b.Cost.EnergySource), b.Tx)
			if c, err := e.chain.client(ctx); err == nil {
				if gas, err := c.GasUsed(ctx, b.Tx); err == nil {
					line += fmt.Sprintf(", %d gas", gas)
				}
			}
			fmt.Fprintln(out, line)
		}
		return nil
	})
}

// Gas per anchored batch on go-ethereum 1.17 rules (docs/PERFORMANCE.md):
// one anchorMany transaction for all waiting batches.
const gasBasis = "148,869 for one batch, 118,228 per batch in an anchorMany"

func anchorGas(batches int) int {
	if batches == 0 {
		return 0
	}
	return 148_869 + (batches-1)*118_228
}

// energySourceText says where an energy figure comes from.
func energySourceText(source string) string {
	switch source {
	case "rapl":
		return "measured by RAPL"
	case "":
		return "not recorded"
	}
	return "estimated, docs/PERFORMANCE.md"
}
