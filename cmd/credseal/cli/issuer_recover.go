package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newIssuerRecoverCommand() *cobra.Command {
	return newCommand(&issuerRecoverOptions{}, &cobra.Command{
		Use:   "recover",
		Short: "Reconcile issuer.db with the registry after a restore or an anchor made elsewhere",
		Long: `recover reads every seal the issuer's key anchored on the registry (its
Anchored events, from the block the key was accredited in) and brings the
database in line with them:

  - batches of this database the chain holds but the database does not
    record as anchored (a backup older than the chain) are confirmed, also
    those the backup holds unsealed: they are recognised by their Merkle
    root and given back the header that was anchored;
  - revocations the key made that the database lacks (a lost receipt,
    'credseal revoke' while the server held the database) are recorded;
  - seals the database never made (a restored backup missing later batches,
    'credseal batch --anchor' run with the issuer's key) are adopted, so new
    batches extend them, and listed: the credentials in them cannot be
    recovered from this database, because their seeds are not in it. Their
    learners need the bundles written at the time, or new credentials.

'credseal issuer serve' and 'credseal issue' stop with "the database is
behind the registry" until this has run. Stop the server first.`,
		Example: "  credseal issuer recover\n  credseal issuer recover --dir /srv/credseal --from-block 5120000",
		Args:    cobra.NoArgs,
	})
}

type issuerRecoverOptions struct {
	dir       string
	fromBlock uint64
}

func (o *issuerRecoverOptions) flags(f *pflag.FlagSet) {
	addIssuerDirFlag(f, &o.dir)
	f.Uint64Var(&o.fromBlock, "from-block", 0, "first block to read events from (default: the block the key was accredited in)")
}

func (o *issuerRecoverOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	return withIssuer(ctx, o.dir, true, func(e *issuerEnv) error {
		c, err := e.chain.client(ctx)
		if err != nil {
			return err
		}
		if !cmd.Flags().Changed("from-block") {
			iss, err := c.Issuer(ctx, c.Account())
			if err != nil {
				return err
			}
			o.fromBlock = iss.RegisteredAt
		}
		evs, err := c.AnchorsOf(ctx, c.Account(), o.fromBlock)
		if err != nil {
			return err
		}
		events := anchorEvents(evs)
		rep, err := e.svc.Recover(ctx, events, c.AnchoredHeaders)
		if err != nil {
			return err
		}
		revs, err := c.RevocationsOf(ctx, c.Account(), o.fromBlock)
		if err != nil {
			return err
		}
		marked, err := e.svc.SyncRevocations(ctx, revocationEvents(revs))
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		fmt.Fprintf(out, "read %d revocations: %d credential(s) newly recorded as revoked\n", len(revs), marked)
		fmt.Fprintf(out, "read %d anchors of %s from block %d on\n", len(events), hexAddr(c.Account()), o.fromBlock)
		fmt.Fprintf(out, "confirmed %d batch(es) of this database the registry holds\n", rep.Confirmed)
		fmt.Fprintf(out, "%d batch(es) waiting to be anchored on the chain's head\n", rep.Waiting)
		if len(rep.Unrecoverable) == 0 {
			fmt.Fprintln(out, "every anchor of this key is in the database: nothing lost")
			return nil
		}
		fmt.Fprintf(out, "%d anchored batch(es) are not in this database; their credentials cannot be recovered from it\n"+
			"(their seeds are not here: give those learners the bundles written at the time, or issue again):\n", len(rep.Unrecoverable))
		for _, a := range rep.Unrecoverable {
			fmt.Fprintf(out, "  block %d  tx 0x%x\n    seal 0x%x  root 0x%x\n", a.Block, a.Tx, a.Seal, a.Root)
		}
		fmt.Fprintln(out, "new batches extend the last of them")
		return nil
	})
}
