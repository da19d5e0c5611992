package cli

import "github.com/credseal/credseal/pkg/credential"

// safeText is how every value that comes from a credential, a bundle or a
// chain is printed: control and bidirectional formatting characters become
// visible escapes, so a forged value cannot rewrite a verdict on a terminal.
func safeText(s string) string { return credential.Printable(s) }
