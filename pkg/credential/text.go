package credential

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text that reaches a person (a terminal, a page, a certificate) can be
// made to lie by characters that are not shown but change what is: a
// terminal obeys ESC sequences, and bidirectional overrides reorder what
// follows them ("‮fdp.exe" reads as "exe.pdf").

// IsControl reports whether r is a C0 or C1 control character or DEL, or a
// line or paragraph separator.
func IsControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029
}

// IsBidiControl reports whether r is one of Unicode's bidirectional
// formatting characters (UAX #9): the embeddings and overrides
// U+202A..U+202E and the isolates U+2066..U+2069, which reorder the text
// after them. The implicit marks (U+200E, U+200F, U+061C) are not: names
// in right-to-left scripts use them, and they move no other text.
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// CheckName returns an error naming the first control or bidirectional
// formatting character of a name, and nil for a name fit to show.
func CheckName(s string) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return fmt.Errorf("%w at byte %d", ErrInvalidUTF8, i)
		case IsControl(r):
			return fmt.Errorf("control character U+%04X at byte %d", r, i)
		case IsBidiControl(r):
			return fmt.Errorf("bidirectional formatting character U+%04X at byte %d", r, i)
		}
	}
	return nil
}

// Unsafe reports whether r is not to be printed as it is: a control
// character, a bidirectional formatting character, or a bidirectional mark.
func Unsafe(r rune) bool { return IsControl(r) || IsBidiControl(r) || isBidiMark(r) }

// Printable returns s with every Unsafe character and invalid UTF-8 byte
// written as a visible escape (\u202e, \x1b, \xff), so that printing it
// can neither drive a terminal nor reorder the text around it.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || Unsafe(r) || r == '\\' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isBidiMark(r rune) bool { return r == 0x200e || r == 0x200f || r == 0x061c }
