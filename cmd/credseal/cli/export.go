package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/issuer"
)

func newExportCommand() *cobra.Command {
	return newCommand(&exportOptions{}, &cobra.Command{
		Use:   "export --out DIR",
		Short: "Write bundles, QR codes, HTML and PDF certificates and claim links of anchored batches",
		Long: `export writes, for every final batch (or only --batch N), a directory
DIR/batch-NNNNNN with each learner's proof bundle, QR code PNG, printable
HTML certificate, PDF certificate (NNNN-name.certificate.pdf, fonts
embedded, so it prints the same anywhere) and signed Open Badges 3.0
credential (NNNN-name.ob3.json, for wallets), and manifest.json listing
them with each learner's claim link; and DIR/did.json, the issuer's DID
document, to publish where its did:web DID says. Bundles hold the
learners' seeds: hand them out privately.

Where a QR code is larger than version 25 and the issuer has a portal
(portal URL in its configuration), both certificates also carry a small
print QR linking to the learner's bundle on the portal, for phones whose
cameras cannot read the large one.

The certificates' own words (headings, labels, the verification note) are in
--lang: English, French, German or Spanish.`,
		Example: `  credseal export --out /tmp/export
  credseal export --out /tmp/export --batch 3
  credseal export --out /tmp/export-fr --lang fr`,
		Args: cobra.NoArgs,
	})
}

type exportOptions struct {
	dir   string
	out   string
	batch uint64
	lang  string
}

func (o *exportOptions) flags(f *pflag.FlagSet) {
	addIssuerDirFlag(f, &o.dir)
	f.StringVarP(&o.out, "out", "o", "", "directory to write into (one subdirectory a batch)")
	f.Uint64Var(&o.batch, "batch", 0, "export only this batch")
	addLangFlag(f, &o.lang, "the certificates' own words (the credential's content stays as issued)")
	_ = cobra.MarkFlagRequired(f, "out")
}

func (o *exportOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	lang, err := checkLang(o.lang)
	if err != nil {
		return err
	}
	return withIssuer(ctx, o.dir, false, func(e *issuerEnv) error {
		var seqs []uint64
		if o.batch != 0 {
			seqs = []uint64{o.batch}
		} else {
			// Only final batches: a bundle of a block a reorganisation
			// can still undo would carry a wrong anchor.
			bs, err := e.db.BatchesIn(ctx, issuer.Final)
			if err != nil {
				return err
			}
			for _, b := range bs {
				seqs = append(seqs, b.Seq)
			}
		}
		if len(seqs) == 0 {
			return badInput(fmt.Errorf("no final batches yet (see 'credseal issuer status')"))
		}
		out := cmd.OutOrStdout()
		badges, err := e.cfg.openBadges()
		switch {
		case errors.Is(err, errNoSigningKey):
			fmt.Fprintf(cmd.ErrOrStderr(), "note: no Open Badges 3.0 credentials: %v\n", err)
		case err != nil:
			return err
		default:
			if err := writeDIDDocument(o.out, badges); err != nil {
				return err
			}
		}
		for _, seq := range seqs {
			b, stored, err := e.svc.LoadBatch(ctx, seq)
			if err != nil {
				return badInput(err)
			}
			dir := filepath.Join(o.out, fmt.Sprintf("batch-%06d", seq))
			update, finish := progress(cmd.ErrOrStderr(), len(b.Credentials), fmt.Sprintf("batch %d", seq))
			m, err := issuer.Export(dir, b, issuer.ExportOptions{VerifierURL: e.cfg.VerifierURL, Certificates: true, Lang: lang,
				ClaimURL: e.claimURL, PrintURL: e.printURL, OpenBadges: badges, FirstSeq: stored.First, Progress: update})
			finish()
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "batch %d: %d credentials → %s\n", seq, m.Size, dir)
			for i, en := range m.Entries {
				if i == 3 {
					fmt.Fprintf(out, "  … claim links of all %d in %s\n", len(m.Entries), filepath.Join(dir, "manifest.json"))
					break
				}
				if en.ClaimURL != "" {
					fmt.Fprintf(out, "  %s  %s\n", en.Name, en.ClaimURL)
				}
			}
		}
		return nil
	})
}

// writeDIDDocument writes the issuer's DID document as out/did.json, to be
// published where the did:web DID says (issuer serve publishes it too).
func writeDIDDocument(out string, badges *issuer.OpenBadges) error {
	doc, err := badges.DIDDocument()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(out, "did.json"), doc, 0o644)
}
