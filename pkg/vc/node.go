package vc

import (
	"fmt"
	"slices"
)

// IRIs of the terms credseal reads from an expanded credential.
const (
	IRIVerifiableCredential = "https://www.w3.org/2018/credentials#VerifiableCredential"
	IRIIssuer               = "https://www.w3.org/2018/credentials#issuer"
	IRISubject              = "https://www.w3.org/2018/credentials#credentialSubject"
	IRIValidFrom            = "https://www.w3.org/2018/credentials#validFrom"
	IRIValidUntil           = "https://www.w3.org/2018/credentials#validUntil"
	IRIIssuanceDate         = "https://www.w3.org/2018/credentials#issuanceDate"
	IRIExpirationDate       = "https://www.w3.org/2018/credentials#expirationDate"
	IRIStatus               = "https://www.w3.org/2018/credentials#credentialStatus"
	IRIEvidence             = "https://www.w3.org/2018/credentials#evidence"
	IRIName                 = "https://schema.org/name"
	IRIGenre                = "https://schema.org/genre"
	IRIStatusEntry          = "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry"
	IRIStatusPurpose        = "https://www.w3.org/ns/credentials/status#statusPurpose"
	IRIStatusIndex          = "https://www.w3.org/ns/credentials/status#statusListIndex"
	IRIStatusList           = "https://www.w3.org/ns/credentials/status#statusListCredential"
	IRIStatusListCredential = "https://www.w3.org/ns/credentials/status#BitstringStatusListCredential"
	IRIEncodedList          = "https://www.w3.org/ns/credentials/status#encodedList"
	IRIOpenBadge            = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"
	obVocab                 = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
	IRIAchievement          = obVocab + "achievement"
	IRINarrative            = obVocab + "narrative"
	IRIIdentifier           = obVocab + "identifier"
	IRIIdentityType         = obVocab + "identityType"
	IRIIdentityHash         = obVocab + "identityHash"
	IRIHashed               = obVocab + "hashed"
)

// Node is a node object of an expanded JSON-LD document, as Expand returns
// it: every property a full IRI, every value in an array. It is what a
// signature covers, whatever shape the JSON had: read decisions and what
// is shown from it, never from the JSON.
type Node map[string]any

// Expand returns the one node of a JSON-LD document (a credential without
// its proof), expanded with the shipped contexts and checked strictly (no
// member, type or id that the RDF would leave out; see Canonicalize).
func Expand(doc map[string]any) (Node, error) {
	expanded, err := expand(doc)
	if err != nil {
		return nil, err
	}
	n, ok := expanded[0].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: the top level is not a node", ErrNotCanonical)
	}
	return Node(n), nil
}

// ID is the node's @id, "" for a blank node.
func (n Node) ID() string { s, _ := n["@id"].(string); return s }

// HasType reports whether the node has type iri.
func (n Node) HasType(iri string) bool {
	ts, _ := n["@type"].([]any)
	return slices.Contains(ts, any(iri))
}

// Nodes returns the node objects (or references) that are values of iri.
func (n Node) Nodes(iri string) []Node {
	var out []Node
	vals, _ := n[iri].([]any)
	for _, v := range vals {
		if m, ok := v.(map[string]any); ok {
			if _, isValue := m["@value"]; !isValue {
				out = append(out, Node(m))
			}
		}
	}
	return out
}

// Values returns the literal values of iri as strings (numbers and
// booleans in their JSON form), and how many values iri has in all.
func (n Node) Values(iri string) (strs []string, count int) {
	vals, _ := n[iri].([]any)
	for _, v := range vals {
		if m, ok := v.(map[string]any); ok {
			if lit, isValue := m["@value"]; isValue {
				switch x := lit.(type) {
				case string:
					strs = append(strs, x)
				default:
					strs = append(strs, fmt.Sprint(x))
				}
			}
		}
	}
	return strs, len(vals)
}

// Value returns iri's one literal value; ok is false unless there is
// exactly one value and it is a literal.
func (n Node) Value(iri string) (string, bool) {
	strs, count := n.Values(iri)
	if count != 1 || len(strs) != 1 {
		return "", false
	}
	return strs[0], true
}

// Ref returns the @id of iri's one value, if it has exactly one and that
// is a node with an @id.
func (n Node) Ref(iri string) (string, bool) {
	nodes := n.Nodes(iri)
	if len(nodes) != 1 || len(n[iri].([]any)) != 1 || nodes[0].ID() == "" {
		return "", false
	}
	return nodes[0].ID(), true
}
