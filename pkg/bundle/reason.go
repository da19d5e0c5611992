package bundle

import "fmt"

// Revocation reason codes, as issuers record them on the registry
// (docs/FORMAT.md). Both the issuer's portal and the verifier name them.
var revocationReasons = map[uint8]string{
	1: "issued in error",
	2: "superseded by another credential",
	3: "obtained by misconduct",
	4: "withdrawn at the holder's request",
	5: "issuer's key compromised",
}

// UnknownRevocationReason is how RevocationReason names a code it does
// not know (a format with the code as its one argument).
const UnknownRevocationReason = "reason code %d"

// RevocationReason describes a revocation reason code.
func RevocationReason(code uint8) string {
	if s, ok := KnownRevocationReason(code); ok {
		return s
	}
	return fmt.Sprintf(UnknownRevocationReason, code)
}

// KnownRevocationReason is the description of a code credseal names, and
// false for any other.
func KnownRevocationReason(code uint8) (string, bool) {
	s, ok := revocationReasons[code]
	return s, ok
}
