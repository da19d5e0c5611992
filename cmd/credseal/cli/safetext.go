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

// jsonSafe writes every character of a JSON text that credential.Unsafe
// names and encoding/json leaves as it is (DEL, C1 controls such as CSI,
// bidirectional formatting characters) as a \u escape, which means the
// same to a JSON reader and nothing to a terminal.
func jsonSafe(js string) string {
	var b strings.Builder
	for _, r := range js {
		if r >= 0x7f && credential.Unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
