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

// RevocationReason describes a revocation reason code.
func RevocationReason(code uint8) string {
	if s, ok := revocationReasons[code]; ok {
		return s
	}
	return fmt.Sprintf("reason code %d", code)
}
