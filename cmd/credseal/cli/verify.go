package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/verifier"
)

// maxInputFile bounds what verify reads from a file: a photo of a QR code
// may be a few megabytes, a bundle far less.
const maxInputFile = 16 << 20

func newVerifyCommand() *cobra.Command {
	return newCommand(&verifyOptions{}, &cobra.Command{
		Use:   "verify ARG",
		Short: "Verify a credential: a credseal bundle, QR image or CS1 link, an Open Badges 3.0 / W3C VC, or an OpenAttestation document",
		Long: `verify checks a credential proof and prints each check with ✓ (pass),
✗ (fail), ! (warning) or – (not checked) and a reason. ARG is a bundle JSON
file, a QR code image (PNG or JPEG), a file holding a CS1: string or a
verifier link, such a string itself, or - for standard input.

The chain checks (anchored, confirmations, issuer, revocation) use the
registry given by --rpc and --registry, or the local dev chain's when one has
been set up; the registry a bundle names is never trusted. Without either, or
with --offline, they are not checked, and the credential is not verified:
anyone can make a bundle that passes the checks made without a registry.

It also verifies credentials from other systems, with the same ordered
checks: W3C Verifiable Credentials such as Open Badges 3.0 (eddsa-rdfc-2022
or Ed25519Signature2020 proofs) from the issuers given with --trust-issuer,
and OpenAttestation v2 documents issued by a DocumentStore given with
--trust-document-store on the --rpc chain. A did:web issuer's DID document is
fetched only for a trusted DID, from its own address or the URL given; a
status list only from that same host. Nothing a credential names is fetched
otherwise. An OpenAttestation issuer's DNS identity is not checked.

Every value from the credential is printed with control and bidirectional
formatting characters escaped (\u202e, \x1b), so a forged bundle cannot
rewrite the verdict on the terminal.

The verdict, the checks and their reasons are printed in --lang (English,
French, German or Spanish); --json keeps its keys and codes, with the
titles and reasons in that language.

Exit status: 0 verified, 1 a check failed, 2 ARG cannot be read, 3 nothing
failed but some checks could not be made, 4 nothing failed but no registry
was checked, 5 nothing failed but the record is not yet confirmed deeply
enough (try again later).`,
		Example: `  credseal verify /tmp/cohort/0003-zoe-muller.credseal.json
  credseal verify /tmp/cohort/0003-zoe-muller.qr.png
  credseal verify 'CS1:6BF…' --json
  credseal verify 'https://verify.example.edu/#CS1:6BF…'
  credseal verify grad.credseal.json --rpc https://rpc.example.org --registry 0x… --confirmations 12
  credseal verify badge.ob3.json --trust-issuer did:web:registrar.example.edu
  credseal verify cert.oa.json --rpc http://127.0.0.1:8545 --registry 0x… --trust-document-store 0x…`,
		Args: cobra.ExactArgs(1),
	})
}

type verifyOptions struct {
	json bool
	lang string
	verifierFlags
}

func (o *verifyOptions) flags(f *pflag.FlagSet) {
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	addLangFlag(f, &o.lang, "the verdict, the checks and their reasons")
	o.verifierFlags.flags(f)
}

func (o *verifyOptions) run(cmd *cobra.Command, args []string) error {
	lang, err := checkLang(o.lang)
	if err != nil {
		return err
	}
	input, err := readVerifyInput(cmd.InOrStdin(), args[0])
	if err != nil {
		return badInput(err)
	}
	opts, closeChain, err := o.verifierOptions(cmd)
	if err != nil {
		return err
	}
	defer closeChain()
	res := verifier.New(opts).VerifyBytes(cmd.Context(), input)
	p := i18n.NewPrinter(lang)
	if p.Lang != "en" {
		// English is as the verifier wrote it, numbers ungrouped, as the
		// API answers it.
		res.Localize(p)
	}
	out := cmd.OutOrStdout()
	if o.json {
		js, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintln(out, jsonSafe(string(js))); err != nil {
			return err
		}
	} else {
		printResult(out, res, p)
	}
	switch res.Verdict {
	case verifier.Verified:
		return nil
	case verifier.Incomplete:
		return &ExitError{Code: ExitIncomplete}
	case verifier.OfflineOnly:
		return &ExitError{Code: ExitOffline}
	case verifier.PendingConfirmation:
		return &ExitError{Code: ExitPending}
	}
	return &ExitError{Code: ExitFailure}
}

// readVerifyInput returns the text of a bundle in any form: a file's content
// (a QR image decoded to its text), standard input, or arg itself.
func readVerifyInput(stdin io.Reader, arg string) ([]byte, error) {
	var data []byte
	switch {
	case arg == "-":
		b, err := io.ReadAll(io.LimitReader(stdin, maxInputFile+1))
		if err != nil {
			return nil, err
		}
		data = b
	case strings.HasPrefix(arg, bundle.Prefix) || strings.Contains(arg, "#"+bundle.Prefix):
		return []byte(arg), nil
	default:
		f, err := os.Open(arg)
		if err != nil {
			return nil, fmt.Errorf("%w (ARG is a bundle file, a QR image, or a CS1: string or link)", err)
		}
		defer f.Close()
		if data, err = io.ReadAll(io.LimitReader(f, maxInputFile+1)); err != nil {
			return nil, err
		}
	}
	if len(data) > maxInputFile {
		return nil, fmt.Errorf("%s is larger than %d MiB", arg, maxInputFile>>20)
	}
	if isImage(data) {
		text, err := bundle.DecodeQRImage(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		return []byte(text), nil
	}
	return data, nil
}

func isImage(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff})
}

var marks = map[verifier.CheckStatus]string{
	verifier.Pass: "✓", verifier.Fail: "✗", verifier.Warning: "!", verifier.Pending: "…", verifier.NotChecked: "–",
}

var headlines = map[verifier.Verdict]string{
	verifier.Verified:            T("✓ VERIFIED"),
	verifier.PendingConfirmation: T("… PENDING: recorded on chain, not yet confirmed deeply enough; check again later"),
	verifier.OfflineOnly:         T("– NOT VERIFIED: no registry was checked. The proof is consistent, but anyone can make such a proof"),
	verifier.NotVerified:         T("✗ NOT VERIFIED"),
	verifier.Incomplete:          T("! INCOMPLETE: some checks could not be made"),
}

// printResult prints a result for people, in p's language (the checks'
// titles and reasons are already in it: Result.Localize). Every value
// from the credential or the chain goes through safeText.
func printResult(w io.Writer, r *verifier.Result, p i18n.Printer) {
	fmt.Fprintln(w, p.T(headlines[r.Verdict]))
	c := r.Credential
	type line struct{ label, value string }
	var lines []line
	add := func(label, value string) {
		if value != "" {
			lines = append(lines, line{p.T(label), value})
		}
	}
	add(T("Kind"), p.T(r.Kind.Label()))
	add(T("Learner"), safeText(c.Learner))
	add(T("Credential"), safeText(c.Title))
	claimed := func() {
		if c.ClaimedIssuer != "" && c.ClaimedIssuer != c.AccreditedIssuer {
			lines = append(lines, line{"", p.Tf("the credential calls it \"%s\"", safeText(c.ClaimedIssuer))})
		}
	}
	switch {
	case c.AccreditedIssuer != "" && r.Kind != verifier.KindCredseal:
		add(T("Issuer"), p.Tf("%s, on this verifier's trust list", safeText(c.AccreditedIssuer)))
		claimed()
	case c.AccreditedIssuer != "":
		add(T("Issuer"), p.Tf("%s (%s), as the registry accredits it", safeText(c.AccreditedIssuer), safeText(c.IssuerDomain)))
		claimed()
	case c.ClaimedIssuer != "":
		add(T("Issuer"), p.Tf("not confirmed by a registry; the credential claims \"%s\"", safeText(c.ClaimedIssuer)))
	}
	add(T("Valid from"), safeText(c.ValidFrom))
	if c.ValidFrom != "" && c.ValidUntil == "" && r.Verdict != verifier.NotVerified {
		add(T("Valid until"), p.T("no end date"))
	} else {
		add(T("Valid until"), safeText(c.ValidUntil))
	}
	switch {
	case len(c.Hidden) > 0:
		hidden := make([]string, len(c.Hidden))
		for i, h := range c.Hidden {
			hidden[i] = safeText(p.T(h))
		}
		add(T("Hidden"), strings.Join(hidden, ", "))
	case c.HiddenCount > 0:
		add(T("Hidden"), p.Tf("%d field(s), not named (a version 1 proof)", c.HiddenCount))
	}
	// Columns as wide as their longest entry in this language (fmt pads
	// by runes).
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l.label))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s %s\n", width, l.label, l.value)
	}
	fmt.Fprintln(w)
	width = 0
	for _, ch := range r.Checks {
		width = max(width, utf8.RuneCountInString(ch.Title))
	}
	for _, ch := range r.Checks {
		fmt.Fprintf(w, "%s %-*s %s\n", marks[ch.Status], width, ch.Title, safeText(ch.Reason))
		// Why a check failed, or could not be made (the endpoints and what
		// each said, when they disagree), is what the reader acts on.
		if (ch.Status == verifier.Fail || ch.Status == verifier.NotChecked) && ch.Detail != "" {
			fmt.Fprintf(w, "  %-*s %s\n", width, "", safeText(ch.Detail))
		}
	}
}
