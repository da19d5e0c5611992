package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

func newDiscloseCommand() *cobra.Command {
	return newCommand(&discloseOptions{}, &cobra.Command{
		Use:   "disclose BUNDLE --hide FIELD",
		Short: "Make a copy of a credential that hides some of its fields, still verifiable",
		Long: `disclose is for the learner: it writes a copy of a proof bundle without the
chosen fields. The copy verifies like the original, and verifiers see which
fields were hidden (by name, for version 2 bundles) but not their values. BUNDLE is a bundle file,
a QR image, a CS1 string or - for standard input.

Fields a verdict depends on (the dates, the issuer, the type, the title and
the learner's name) cannot be hidden: a verifier would reject the copy.`,
		Example: `  credseal disclose 0003-zoe-muller.credseal.json --hide identifier --hide skills -o zoe-for-employer.json
  credseal disclose 0003-zoe-muller.qr.png --hide identifier --qr zoe-for-employer.png -o zoe-for-employer.json`,
		Args: cobra.ExactArgs(1),
	})
}

type discloseOptions struct {
	hide []string
	out  string
	qr   string
}

func (o *discloseOptions) flags(f *pflag.FlagSet) {
	names := make([]string, len(credential.Hideable))
	for i, h := range credential.Hideable {
		names[i] = h.Name
	}
	f.StringSliceVar(&o.hide, "hide", nil, "field to hide: "+strings.Join(names, ", ")+", or a JSON pointer (repeatable)")
	f.StringVarP(&o.out, "out", "o", "", "write the selective bundle here (default: standard output)")
	f.StringVar(&o.qr, "qr", "", "also write its QR code (PNG) here")
	_ = cobra.MarkFlagRequired(f, "hide")
}

func (o *discloseOptions) run(cmd *cobra.Command, args []string) error {
	input, err := readVerifyInput(cmd.InOrStdin(), args[0])
	if err != nil {
		return badInput(err)
	}
	b, err := bundle.Parse(input)
	if err != nil {
		return badInput(err)
	}
	pointers, err := hiddenPointers(o.hide)
	if err != nil {
		return badInput(err)
	}
	doc, d, err := credential.Hide(b.Credential, b.Disclosure, pointers...)
	if err != nil {
		return badInput(err)
	}
	b.Credential, b.Disclosure = doc, d
	js, err := b.MarshalJSON()
	if err != nil {
		return err
	}
	if o.qr != "" {
		cs1, err := b.EncodeCompact()
		if err != nil {
			return err
		}
		q, err := bundle.EncodeQR(cs1)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteFile(o.qr, q.PNG, 0o600); err != nil {
			return err
		}
	}
	if o.out == "" {
		_, err = cmd.OutOrStdout().Write(js)
		return err
	}
	if err := atomicfile.WriteFile(o.out, js, 0o600); err != nil {
		return err
	}
	hidden := credential.HiddenMembers(d)
	for i, h := range hidden {
		hidden[i] = safeText(h)
	}
	what := strings.Join(hidden, ", ")
	if d.Version == credential.V1 {
		what = fmt.Sprintf("%d field(s); a version 1 bundle does not name them", d.HiddenCount())
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s, hiding %s\n", o.out, what)
	return nil
}

// hiddenPointers turns --hide values (names or JSON pointers) into
// pointers, refusing the fields a verifier requires.
func hiddenPointers(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		p := n
		if !strings.HasPrefix(n, "/") {
			p = ""
			for _, h := range credential.Hideable {
				if h.Name == n {
					p = h.Pointer
				}
			}
			if p == "" {
				return nil, fmt.Errorf("--hide %q: not a field name or a JSON pointer", n)
			}
		}
		for _, r := range credential.RequiredFields {
			if credential.Overlaps(p, r.Pointer) {
				return nil, fmt.Errorf("--hide %q: %s cannot be hidden; verifiers require it", n, r.Label)
			}
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, errors.New("nothing to hide: give --hide")
	}
	return out, nil
}
