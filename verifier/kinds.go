package verifier

import (
	"bytes"
	"encoding/json"
)

// Kind is the kind of credential a result is about.
type Kind string

// Kinds the verifier reads.
const (
	KindCredseal Kind = "credseal"
	// KindVC is a W3C Verifiable Credential, Open Badges 3.0 among them.
	KindVC Kind = "verifiable-credential"
	// KindOpenAttestation is an OpenAttestation v2 wrapped document.
	KindOpenAttestation Kind = "openattestation"
)

// Check IDs of the other kinds' checks (credseal's are in checks).
const (
	CheckSignature = "signature"
	CheckIdentity  = "identity"
)

// Detect says which kind of credential data holds, by its outermost
// shape: a JSON object with "@context" and "proof" is a Verifiable
// Credential, one with OpenAttestation's version and "signature" an
// OpenAttestation document; everything else is read as a credseal bundle.
func Detect(data []byte) Kind {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return KindCredseal
	}
	var probe struct {
		Context   json.RawMessage `json:"@context"`
		Proof     json.RawMessage `json:"proof"`
		Version   string          `json:"version"`
		Signature json.RawMessage `json:"signature"`
	}
	if json.Unmarshal(data, &probe) != nil {
		return KindCredseal
	}
	switch {
	case probe.Context != nil && probe.Proof != nil:
		return KindVC
	case probe.Version == openAttestationV2 && probe.Signature != nil:
		return KindOpenAttestation
	}
	return KindCredseal
}

const openAttestationV2 = "https://schema.openattestation.com/2.0/schema.json"

// Label names the kind for people.
func (k Kind) Label() string {
	switch k {
	case KindVC:
		return "Verifiable Credential (W3C; Open Badges 3.0)"
	case KindOpenAttestation:
		return "OpenAttestation document"
	}
	return "credseal proof"
}
