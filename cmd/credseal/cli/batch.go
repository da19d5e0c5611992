package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/sha256simd"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/seal"
)

func newBatchCommand() *cobra.Command {
	return newCommand(&batchOptions{}, &cobra.Command{
		Use:   "batch --input FILE --out DIR | --resume DIR",
		Short: "Issue a cohort offline: hash, batch and seal credentials, write bundles and QR codes",
		Long: `batch reads a registrar CSV, builds one Open Badges 3.0 shaped credential per
row, gives each a fresh secret seed, batches their digests in a Merkle tree and
seals the batch header with proof of work. It writes, for every learner, a
proof bundle (NNNN-name.credseal.json) and a QR code (NNNN-name.qr.png), plus
manifest.json. Every bad row is reported with its line number and nothing is
written. The output directory appears complete or not at all.

With --anchor, the header extends the issuer's last seal on the registry, and
every bundle carries the anchor (chain, registry, issuer, transaction, block).
The seeds are written to disk before the header is sent: the output directory
first appears in the "anchoring" state (manifest.json "state": "anchoring",
bundles without the anchor, and resume.json holding the documents, seeds and
header; do not hand these bundles out), and is replaced by the final output
once the header is anchored.

If anchoring or the final write fails or is interrupted, the directory stays
in the anchoring state: 'batch --resume DIR' finishes it. It asks the chain
whether the header is already anchored and sends it only if not, so running
it twice, or after a transaction that did land, never anchors twice. If the
issuer anchored another batch in the meantime, the batch is sealed again on
the chain's head (same credentials and seeds) before it is sent. The registry
and chain id default to those in resume.json, the endpoint and key to the
local dev chain's; the key must be the one that started the batch.`,
		Example: `  credseal batch --input testdata/cohort.csv --out /tmp/cohort
  credseal batch -i grads.csv -o out/2026-06 --issuer-name "Example University" \
      --issuer-url https://example.edu --difficulty 20
  credseal batch -i testdata/cohort.csv -o /tmp/c --anchor
  credseal batch -i grads.csv -o out/2026-06 --anchor --rpc https://rpc.example.org \
      --registry 0x… --keystore issuer.json --passphrase-file pass.txt --confirmations 3
  credseal batch --resume out/2026-06 --rpc https://rpc.example.org \
      --keystore issuer.json --passphrase-file pass.txt --confirmations 3`,
		Args: cobra.NoArgs,
	})
}

type batchOptions struct {
	input, out  string
	difficulty  int
	guard       difficultyGuard
	issuer      issuer.Institution
	verifierURL string
	workers     int
	anchor      bool
	resume      string
	chain       chainOptions
}

func (o *batchOptions) flags(f *pflag.FlagSet) {
	f.StringVarP(&o.input, "input", "i", "", "registrar CSV: a header row, then one learner a row (columns in docs/FORMAT.md)")
	f.StringVarP(&o.out, "out", "o", "", "directory to create for the bundles, QR codes and manifest.json")
	f.IntVar(&o.difficulty, "difficulty", issuer.DefaultDifficulty, fmt.Sprintf("seal difficulty: about 2^N hashes (0..%d; above %d warns with the expected time and energy, above %d needs --force)", seal.MaxDifficulty, warnDifficulty, forceDifficulty))
	o.guard.flags(f)
	f.StringVar(&o.issuer.Name, "issuer-name", "", "issuing organisation's name, where the CSV has no issuerName column")
	f.StringVar(&o.issuer.URL, "issuer-url", "", "issuing organisation's web address, where the CSV has no issuerUrl column")
	f.StringVar(&o.issuer.ID, "issuer-id", "", "issuer identifier (a URL or DID); defaults to the issuer URL")
	f.StringVar(&o.verifierURL, "verifier-url", "", "make each QR code a link to this verifier page (the proof travels after '#')")
	f.IntVar(&o.workers, "workers", 0, "hashing and sealing goroutines (0: one per CPU)")
	f.BoolVar(&o.anchor, "anchor", false, "anchor the batch on the registry, saving its seeds first (chain flags below; default the local dev chain)")
	f.StringVar(&o.resume, "resume", "", "finish the interrupted 'batch --anchor' whose output is DIR: anchor it unless the chain has it, then write the final bundles (instead of --input and --out)")
	o.chain.flags(f, true)
}

// The chain client finds a batch anchored earlier, so resuming is idempotent.
var _ issuer.Locator = (*chain.Client)(nil)

// Test hooks around the anchoring transaction of 'batch --anchor': an error
// stops the command there, as a crash or a failed write would.
var batchHookBeforeAnchor, batchHookAfterAnchor func() error

func (o *batchOptions) run(cmd *cobra.Command, _ []string) error {
	if o.resume != "" {
		for _, name := range []string{"input", "out", "difficulty", "issuer-name", "issuer-url", "issuer-id", "verifier-url"} {
			if cmd.Flags().Changed(name) {
				return badInput(fmt.Errorf("--resume takes the batch from its directory: --%s does not apply", name))
			}
		}
		return o.resumeBatch(cmd)
	}
	if o.input == "" || o.out == "" {
		return badInput(errors.New("--input and --out are required (or --resume DIR)"))
	}
	bits, err := seal.BitsForDifficulty(o.difficulty)
	if err != nil {
		return badInput(err)
	}
	if err := o.guard.check(cmd.Context(), cmd.ErrOrStderr(), o.difficulty); err != nil {
		return err
	}
	docs, err := issuer.ReadCSVFile(o.input, o.issuer)
	if err != nil {
		return badInput(err)
	}
	if entries, err := os.ReadDir(o.out); err == nil && len(entries) > 0 {
		return badInput(fmt.Errorf("%w: %s", issuer.ErrOutputExists, o.out))
	}

	ctx := cmd.Context()
	var c *chain.Client
	var prev [32]byte
	if o.anchor {
		var closeChain func()
		if c, closeChain, err = o.chain.connect(ctx, true); err != nil {
			return err
		}
		defer closeChain()
		if prev, err = c.LastSeal(ctx); err != nil {
			return err
		}
	}

	stderr := cmd.ErrOrStderr()
	update, finish := progress(stderr, len(docs), "hashing")
	start := time.Now()
	b, err := issuer.BuildBatch(ctx, docs, issuer.BatchOptions{Prev: prev, Bits: bits, Workers: o.workers, Progress: update})
	finish()
	if err != nil {
		return err
	}
	built := time.Since(start)
	opts := issuer.ExportOptions{VerifierURL: o.verifierURL}
	var m *issuer.Manifest
	if c == nil {
		update, finish = progress(stderr, len(docs), "writing")
		opts.Progress = update
		m, err = issuer.Export(o.out, b, opts)
		finish()
	} else {
		// The seeds go to disk before the header goes to the chain.
		to := issuer.AnchorTarget{ChainID: c.ChainID(), Registry: c.Registry(), Issuer: c.Account()}
		update, finish = progress(stderr, len(docs), "saving")
		opts.Progress = update
		_, err = issuer.ExportAnchoring(o.out, b, to, opts)
		finish()
		if err == nil {
			fmt.Fprintf(stderr, "saved the batch and its seeds in %s (state %q) before anchoring\n", o.out, issuer.StateAnchoring)
			m, err = anchorAndFinish(cmd, c, o.out, b, to, opts, o.workers)
		}
	}
	if errors.Is(err, issuer.ErrOutputExists) {
		return badInput(err)
	}
	if err != nil {
		return err
	}
	printBatch(cmd.OutOrStdout(), fmt.Sprintf("sealed a batch of %d credentials in %s (core %s)", m.Size, built.Round(time.Millisecond), sha256simd.Active().Name()),
		m, b, o.out)
	return nil
}

// anchorAndFinish anchors a batch whose anchoring state is in dir, then
// replaces that state with the final output. A batch that went stale before
// it was anchored is sealed again, and saved, before it is sent. Errors say
// how to resume.
func anchorAndFinish(cmd *cobra.Command, c *chain.Client, dir string, b *issuer.Batch, to issuer.AnchorTarget,
	opts issuer.ExportOptions, workers int) (*issuer.Manifest, error) {
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	resumable := func(err error) error {
		return fmt.Errorf("%w (the batch and its seeds are saved in %s: finish it with 'credseal batch --resume %s')", err, dir, dir)
	}
	if b.Anchor == nil {
		if batchHookBeforeAnchor != nil {
			if err := batchHookBeforeAnchor(); err != nil {
				return nil, resumable(err)
			}
		}
		fmt.Fprintln(stderr, "anchoring the batch header…")
		err := issuer.AnchorBatch(ctx, c, b)
		if errors.Is(err, issuer.ErrStaleBatch) {
			// Not on chain, and the issuer's chain has moved past its Prev:
			// it can never be anchored as it is. Seal it again on the head.
			last, lerr := c.LastSeal(ctx)
			if lerr != nil {
				return nil, resumable(lerr)
			}
			old := b.Header.Hash()
			if err := issuer.Reseal(ctx, b, last, workers); err != nil {
				return nil, resumable(err)
			}
			fmt.Fprintf(stderr, "the issuer anchored another batch since this one was sealed (%x); sealed it again on %x\n", old, last)
			opts.Progress = nil
			if _, err := issuer.ReexportAnchoring(dir, b, to, opts); err != nil {
				return nil, resumable(err)
			}
			err = issuer.AnchorBatch(ctx, c, b)
		}
		if err != nil {
			return nil, resumable(err)
		}
	}
	if batchHookAfterAnchor != nil {
		if err := batchHookAfterAnchor(); err != nil {
			return nil, resumable(err)
		}
	}
	update, finish := progress(stderr, len(b.Credentials), "writing")
	opts.Progress = update
	m, err := issuer.ExportFinal(dir, b, opts)
	finish()
	if err != nil {
		return nil, resumable(err)
	}
	return m, nil
}

// resumeBatch finishes an interrupted 'batch --anchor' (see the help).
func (o *batchOptions) resumeBatch(cmd *cobra.Command) error {
	ctx := cmd.Context()
	dir, out, stderr := o.resume, cmd.OutOrStdout(), cmd.ErrOrStderr()
	p, err := issuer.ReadResume(dir)
	switch {
	case errors.Is(err, issuer.ErrComplete):
		fmt.Fprintf(out, "%s is already final: nothing to resume\n", dir)
		return nil
	case errors.Is(err, issuer.ErrNothingToResume):
		return badInput(err)
	case err != nil:
		return err
	}
	b, to := p.Batch, p.Target
	o.chain.defaultRegistry(hexAddr(to.Registry), to.ChainID)
	c, closeChain, err := o.chain.connect(ctx, true)
	if err != nil {
		return err
	}
	defer closeChain()
	if got := (issuer.AnchorTarget{ChainID: c.ChainID(), Registry: c.Registry(), Issuer: c.Account()}); got != to {
		return badInput(fmt.Errorf("%s is to be anchored on chain %d, registry %s, by %s; the chain flags give chain %d, registry %s, key %s",
			dir, to.ChainID, hexAddr(to.Registry), hexAddr(to.Issuer), got.ChainID, hexAddr(got.Registry), hexAddr(got.Issuer)))
	}
	s := b.Header.Hash()
	fmt.Fprintf(stderr, "resuming the batch of %d credentials in %s (seal %x)\n", len(b.Credentials), dir, s)
	hint, found, err := c.Locate(ctx, s)
	if err != nil {
		return fmt.Errorf("resume %s: %w", dir, err)
	}
	if found {
		fmt.Fprintf(stderr, "the header is already anchored (block %d): not sending it again\n", hint.Block)
		b.Anchor = &hint
	}
	m, err := anchorAndFinish(cmd, c, dir, b, to, p.Options, o.workers)
	if err != nil {
		return err
	}
	printBatch(out, fmt.Sprintf("resumed a batch of %d credentials", m.Size), m, b, dir)
	return nil
}

// printBatch prints what a batch run wrote.
func printBatch(out io.Writer, headline string, m *issuer.Manifest, b *issuer.Batch, dir string) {
	maxQR := 0
	for _, e := range m.Entries {
		maxQR = max(maxQR, e.QRVersion)
	}
	fmt.Fprintln(out, headline)
	fmt.Fprintf(out, "  root   %s\n  seal   %s\n  bits   %08x  nonce %d\n", m.Root, m.Seal, b.Header.Bits, b.Header.Nonce)
	if a := m.Anchor; a != nil {
		fmt.Fprintf(out, "anchored on chain %d, registry %s, block %d\n  tx     %s\n", a.ChainID, a.Registry, a.Block, a.Tx)
	}
	fmt.Fprintf(out, "wrote %d bundles and QR codes (largest QR version %d) to %s\n", len(m.Entries), maxQR, dir)
}
