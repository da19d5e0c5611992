package cli

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/seal"
)

type batchOptions struct {
	input, out  string
	difficulty  int
	issuer      issuer.Profile
	verifierURL string
	workers     int
	anchor      bool
	chain       chainOptions
}

func (o *batchOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.input, "input", "i", "", "registrar CSV: a header row, then one learner a row (columns in docs/FORMAT.md)")
	f.StringVarP(&o.out, "out", "o", "", "directory to create for the bundles, QR codes and manifest.json")
	f.IntVar(&o.difficulty, "difficulty", issuer.DefaultDifficulty, fmt.Sprintf("seal difficulty: about 2^N hashes (0..%d)", seal.MaxDifficulty))
	f.StringVar(&o.issuer.Name, "issuer-name", "", "issuing organisation's name, where the CSV has no issuerName column")
	f.StringVar(&o.issuer.URL, "issuer-url", "", "issuing organisation's web address, where the CSV has no issuerUrl column")
	f.StringVar(&o.issuer.ID, "issuer-id", "", "issuer identifier (a URL or DID); defaults to the issuer URL")
	f.StringVar(&o.verifierURL, "verifier-url", "", "make each QR code a link to this verifier page (the proof travels after '#')")
	f.IntVar(&o.workers, "workers", 0, "hashing and sealing goroutines (0: one per CPU)")
	f.BoolVar(&o.anchor, "anchor", false, "anchor the batch on the registry (chain flags below; default the local dev chain)")
	o.chain.AddFlags(cmd, true)
	_ = cmd.MarkFlagRequired("input")
	_ = cmd.MarkFlagRequired("out")
}

func newBatchCommand() *cobra.Command {
	o := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch --input FILE --out DIR",
		Short: "Issue a cohort offline: hash, batch and seal credentials, write bundles and QR codes",
		Long: `batch reads a registrar CSV, builds one Open Badges 3.0 shaped credential per
row, gives each a fresh secret seed, batches their digests in a Merkle tree and
seals the batch header with proof of work. It writes, for every learner, a
proof bundle (NNNN-name.credseal.json) and a QR code (NNNN-name.qr.png), plus
manifest.json. Every bad row is reported with its line number and nothing is
written. The output directory appears complete or not at all.

With --anchor, the header extends the issuer's last seal on the registry and
is anchored there before anything is written, and every bundle carries the
anchor (chain, registry, issuer, transaction, block).`,
		Example: `  credseal batch --input testdata/cohort.csv --out /tmp/cohort
  credseal batch -i grads.csv -o out/2026-06 --issuer-name "Example University" \
      --issuer-url https://example.edu --difficulty 20
  credseal batch -i testdata/cohort.csv -o /tmp/c --anchor
  credseal batch -i grads.csv -o out/2026-06 --anchor --rpc https://rpc.example.org \
      --registry 0x… --keystore issuer.json --passphrase-file pass.txt --confirmations 3`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBatch(cmd, o) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runBatch(cmd *cobra.Command, o *batchOptions) error {
	bits, err := seal.BitsForDifficulty(o.difficulty)
	if err != nil {
		return badInput(err)
	}
	docs, err := issuer.ReadCSVFile(o.input, o.issuer)
	if err != nil {
		return badInput(err)
	}
	if entries, err := os.ReadDir(o.out); err == nil && len(entries) > 0 {
		return badInput(fmt.Errorf("%w: %s", issuer.ErrOutputExists, o.out))
	}

	ctx := cmd.Context()
	var anchorer issuer.Anchorer
	var prev [32]byte
	if o.anchor {
		c, closeChain, err := o.chain.connect(ctx, true)
		if err != nil {
			return err
		}
		defer closeChain()
		if prev, err = c.LastSeal(ctx); err != nil {
			return err
		}
		anchorer = c
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
	if anchorer != nil {
		fmt.Fprintln(stderr, "anchoring the batch header…")
		if err := issuer.AnchorBatch(ctx, anchorer, b); err != nil {
			return err
		}
	}

	update, finish = progress(stderr, len(docs), "writing")
	m, err := issuer.Export(o.out, b, issuer.ExportOptions{VerifierURL: o.verifierURL, Progress: update})
	finish()
	if errors.Is(err, issuer.ErrOutputExists) {
		return badInput(err)
	}
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	maxQR := 0
	for _, e := range m.Entries {
		maxQR = max(maxQR, e.QRVersion)
	}
	fmt.Fprintf(out, "sealed a batch of %d credentials in %s (core %s)\n", m.Size, built.Round(time.Millisecond), seal.Core())
	fmt.Fprintf(out, "  root   %s\n  seal   %s\n  bits   %08x  nonce %d\n", m.Root, m.Seal, b.Header.Bits, b.Header.Nonce)
	if a := m.Anchor; a != nil {
		fmt.Fprintf(out, "anchored on chain %d, registry %s, block %d\n  tx     %s\n", a.ChainID, a.Registry, a.Block, a.Tx)
	}
	fmt.Fprintf(out, "wrote %d bundles and QR codes (largest QR version %d) to %s\n", len(m.Entries), maxQR, o.out)
	return nil
}
