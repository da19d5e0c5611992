package verifier

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

// text is a sentence for people: its English format and its arguments,
// kept apart so that Result.Localize can print it in another language
// (the format is the message's key in the catalogues of internal/i18n).
type text struct {
	format string
	args   []any
}

// say makes a text. Its format must be a string literal: the catalogue
// test finds every message by looking for say("…").
func say(format string, args ...any) text { return text{format, args} }

// String is the English sentence.
func (t text) String() string {
	if len(t.args) == 0 {
		return t.format
	}
	return fmt.Sprintf(t.format, t.args...)
}

// term is a message without arguments inside a sentence: a field's label,
// looked up in the reader's catalogue and never formatted, so a name a
// bundle chose (a JSON pointer) prints exactly as it is.
type term string

// wordList is items in a sentence, each a term, a text or a value:
// "a, b and c", with the reader's word for "and".
type wordList []any

// String is the English list.
func (l wordList) String() string { return l.join(nil) }

func (l wordList) join(p Printer) string {
	items := make([]string, len(l))
	for i, it := range l {
		items[i] = fmt.Sprint(localizeArg(p, it))
	}
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	head := strings.Join(items[:len(items)-1], ", ")
	last := say("%s and %s", head, items[len(items)-1])
	if p == nil {
		return last.String()
	}
	return p.Sprintf(last.format, last.args...)
}

// day is a date in a sentence, written the way each language writes one.
type day time.Time

func (d day) String() string { return time.Time(d).UTC().Format("2 January 2006") }

// Printer prints a message in one language: golang.org/x/text/message's
// Printer with credseal's catalogues (internal/i18n) is one.
type Printer interface {
	// Sprintf looks format up and prints it with args.
	Sprintf(format string, args ...any) string
	// T looks a message up, without formatting it.
	T(english string) string
}

// localize prints t with p, its arguments first.
func (t text) localize(p Printer) string {
	args := make([]any, len(t.args))
	for i, a := range t.args {
		args[i] = localizeArg(p, a)
	}
	return p.Sprintf(t.format, args...)
}

// localizeArg prints the parts of a sentence that are words in the
// reader's language (texts, terms, lists, dates); a nil p is English.
// Everything else stays as it is.
func localizeArg(p Printer, a any) any {
	if p == nil {
		return a
	}
	switch a := a.(type) {
	case text:
		return a.localize(p)
	case term:
		return p.T(string(a))
	case wordList:
		return a.join(p)
	case day:
		tt := time.Time(a).UTC()
		// Written as the language writes a date, with the month's name
		// from the catalogue; numbers as strings, never grouped.
		dayOfMonth := strconv.Itoa(tt.Day())
		if tr := p.T(firstOfMonth); tt.Day() == 1 && tr != firstOfMonth {
			dayOfMonth = tr // French writes "1er janvier"
		}
		return p.Sprintf("%[1]s %[2]s %[3]s", dayOfMonth, p.T(tt.Month().String()), strconv.Itoa(tt.Year()))
	}
	return a
}

// Localize rewrites the result's check titles and reasons with p. The
// details (technical evidence: hashes, addresses, errors), the codes, and
// the credential's content (hidden fields' names included) stay as they
// are, so a program reads the same result in every language.
func (r *Result) Localize(p Printer) {
	for i := range r.Checks {
		c := &r.Checks[i]
		if c.Title != "" {
			c.Title = p.T(c.Title)
		}
		if c.reason.format != "" {
			c.Reason = c.reason.localize(p)
		}
	}
}

// firstOfMonth is the message for the day number 1 in a date, where a
// language writes it otherwise; English writes "1".
const firstOfMonth = "1 (the first day of a month, in a date)"

// MessageKeys lists the messages the verifier prints that are not written
// as say("…") where they are used: the checks' titles, the kinds, the
// revocation reasons, the months and the date pattern. The catalogue test joins
// them to those it finds in the source.
func MessageKeys() []string {
	keys := []string{"%[1]s %[2]s %[3]s", firstOfMonth, "%s and %s"}
	for _, f := range credential.RequiredFields {
		keys = append(keys, f.Label)
	}
	for _, t := range titles {
		keys = append(keys, t)
	}
	keys = append(keys, bundle.UnknownRevocationReason, KindCredseal.Label(), KindVC.Label(), KindOpenAttestation.Label())
	for code := range 256 {
		if r, ok := bundle.KnownRevocationReason(uint8(code)); ok && !slices.Contains(keys, r) {
			keys = append(keys, r)
		}
	}
	for m := time.January; m <= time.December; m++ {
		keys = append(keys, m.String())
	}
	return keys
}
