package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
)

func newIssueCommand() *cobra.Command {
	return newCommand(&issueOptions{}, &cobra.Command{
		Use:   "issue --input FILE",
		Short: "Issue credentials from a CSV or JSON-lines file into the issuer's pipeline",
		Long: `issue validates every record of FILE (CSV with a header row, or JSON lines when
the name ends in .jsonl, .ndjson or .json; columns in docs/FORMAT.md), gives
each credential a fresh seed and a claim link, and stores them as pending in
the issuer's database. Records already issued (same content, ignoring the id)
are reported and skipped unless --allow-duplicates.

FILE is read twice, as a stream, holding a few thousand records at a time
whatever its size: a first pass checks every record and lists every bad one
with its line, storing nothing if there is any; a second stores them, in
transactions of 25,000.

Without --wait it then moves the pipeline on once (full batches are sealed and
sent); 'credseal issuer serve' does the rest. With --wait it seals every
pending credential and waits until all are anchored and final, retrying the
chain with backoff; it stops at once on what no retry fixes (the registry
refuses the key or its seals, fees over the cap, the database behind the
registry). Killing it at any point is safe: run it again.`,
		Example: `  credseal issue --input testdata/cohort.csv --wait
  credseal issue -i spring-2026.jsonl --dir /srv/credseal`,
		Args: cobra.NoArgs,
	})
}

type issueOptions struct {
	dir             string
	input           string
	allowDuplicates bool
	wait            bool
	timeout         time.Duration
}

func (o *issueOptions) flags(f *pflag.FlagSet) {
	addIssuerDirFlag(f, &o.dir)
	f.StringVarP(&o.input, "input", "i", "", "registrar file: CSV, or JSON lines (.jsonl/.ndjson/.json)")
	f.BoolVar(&o.allowDuplicates, "allow-duplicates", false, "issue records even when the same content was issued before")
	f.BoolVar(&o.wait, "wait", false, "seal everything pending and wait until it is anchored and final")
	f.DurationVar(&o.timeout, "timeout", 0, "with --wait, give up after this long (0: never)")
	_ = cobra.MarkFlagRequired(f, "input")
}

func (o *issueOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	return withIssuer(ctx, o.dir, false, func(e *issuerEnv) error {
		// Two passes over the file: every record is checked before any is
		// stored, and a few thousand records are held at a time.
		stderr, out := cmd.ErrOrStderr(), cmd.OutOrStdout()
		update, finish := func(int) {}, func() {}
		added, dups := 0, 0
		err := e.svc.SubmitFile(ctx, o.input, e.cfg.Profile, o.allowDuplicates,
			func(n int) { update, finish = progress(stderr, n, "storing") },
			func(res []issuer.AddResult) {
				for _, r := range res {
					if !r.Duplicate {
						added++
						continue
					}
					if dups < 5 {
						fmt.Fprintf(out, "already issued: %s (as %s)\n", r.ID, r.Existing)
					}
					dups++
				}
				update(added + dups)
			})
		finish()
		var pathErr *fs.PathError // the file cannot be read
		if errors.Is(err, issuer.ErrInput) || errors.As(err, &pathErr) {
			return badInput(err)
		}
		if err != nil {
			return err
		}
		if dups > 5 {
			fmt.Fprintf(out, "… and %d more already issued\n", dups-5)
		}
		fmt.Fprintf(out, "stored %d new credential(s), %d duplicate(s) skipped\n", added, dups)
		if !o.wait {
			if _, err := e.svc.Step(ctx, false); err != nil {
				fmt.Fprintf(stderr, "credseal: the credentials are stored; anchoring waits: %v\n(run again with --wait, or 'credseal issuer serve')\n", err)
			}
		} else {
			if o.timeout > 0 {
				var cancel func()
				ctx, cancel = context.WithTimeout(ctx, o.timeout)
				defer cancel()
			}
			fmt.Fprintln(stderr, "sealing and anchoring…")
			ctx, stop := context.WithCancelCause(ctx)
			defer stop(nil)
			err := e.svc.Drain(ctx, func(err error) {
				if permanent(err) { // retrying cannot help: say why and stop
					stop(err)
					return
				}
				fmt.Fprintf(stderr, "credseal: %v; retrying\n", err)
			})
			if cause := context.Cause(ctx); cause != nil && permanent(cause) {
				return &ExitError{Code: ExitIncomplete, Err: fmt.Errorf("the credentials are stored; anchoring stopped: %w", cause)}
			}
			if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
				return &ExitError{Code: ExitIncomplete, Err: fmt.Errorf("not everything was anchored: %w", err)}
			}
			if err != nil {
				return err
			}
		}
		counts, revoked, err := e.db.Counts(ctx)
		if err != nil {
			return err
		}
		states := make([]string, 0, len(issuer.States))
		for _, st := range issuer.States {
			states = append(states, fmt.Sprintf("%s %d", st, counts[st]))
		}
		fmt.Fprintf(out, "%s, revoked %d\n", strings.Join(states, ", "), revoked)
		return nil
	})
}

// permanent reports chain errors that no retry fixes: the registry refuses
// the key or its seals, or fees over the operator's cap.
func permanent(err error) bool {
	for _, p := range []error{chain.ErrBitsTooEasy, chain.ErrInvalidBits, chain.ErrInvalidDifficulty, chain.ErrIssuerNotActive,
		chain.ErrUnknownIssuer, chain.ErrKeyRotated, chain.ErrAnchoredByOther, chain.ErrFeeCap, chain.ErrTooMuchGas,
		chain.ErrWrongChain, chain.ErrNoRegistry, chain.ErrNoSigner} {
		if errors.Is(err, p) {
			return true
		}
	}
	return false
}
