package cli

import (
	"fmt"
	"strings"

	"github.com/credseal/credseal/pkg/credential"
)

// safeText is how every value that comes from a credential, a bundle or a
// chain is printed: control and bidirectional formatting characters become
// visible escapes, so a forged value cannot rewrite a verdict on a terminal.
func safeText(s string) string { return credential.Printable(s) }

// jsonSafe writes the bidirectional formatting characters of a JSON text
// as \u escapes, which mean the same to a JSON reader and nothing to a
// terminal (encoding/json already escapes control characters).
func jsonSafe(js string) string {
	return bidiEscaper.Replace(js)
}

// bidiEscaper replaces each bidirectional formatting character and mark by
// its JSON escape.
var bidiEscaper = func() *strings.Replacer {
	var pairs []string
	for _, r := range []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069} {
		pairs = append(pairs, string(r), fmt.Sprintf(`\u%04x`, r))
	}
	return strings.NewReplacer(pairs...)
}()
