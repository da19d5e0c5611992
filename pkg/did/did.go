// Package did reads the decentralised identifiers credseal's credentials
// name as issuers: did:key, whose key is the identifier itself, and
// did:web, whose DID document a web server publishes. A Resolver finds the
// Ed25519 key of a verification method, fetching did:web documents only for
// the DIDs its configuration lists, so a credential can never make the
// verifier fetch from a host of the credential's choosing.
package did

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/credseal/credseal/pkg/vc"
)

// Verification method types whose publicKeyMultibase is an Ed25519 key.
const (
	TypeMultikey         = "Multikey"
	TypeEd25519Key2020   = "Ed25519VerificationKey2020"
	maxDocumentSize      = 64 << 10
	wellKnownDIDDocument = "/.well-known/did.json"
)

// Errors callers branch on.
var (
	ErrUnsupported = errors.New("did: unsupported DID")
	ErrNotTrusted  = errors.New("did: DID not in the configured list")
	ErrNoKey       = errors.New("did: no such key for that purpose")
	ErrDocument    = errors.New("did: bad DID document")
)

// Document is a DID document, the parts credseal reads and writes.
type Document struct {
	Context            []string             `json:"@context"`
	ID                 string               `json:"id"`
	VerificationMethod []VerificationMethod `json:"verificationMethod"`
	Authentication     []string             `json:"authentication,omitempty"`
	AssertionMethod    []string             `json:"assertionMethod"`
}

// VerificationMethod is a public key.
type VerificationMethod struct {
	ID                 string `json:"id"`
	Type               string `json:"type"`
	Controller         string `json:"controller"`
	PublicKeyMultibase string `json:"publicKeyMultibase"`
}

// NewDocument returns the DID document of an issuer with one Ed25519 key,
// key-1, for assertions (signing credentials) and authentication.
func NewDocument(id string, pub ed25519.PublicKey) *Document {
	vm := id + "#key-1"
	return &Document{
		Context: []string{vc.ContextDID, vc.ContextMultikey},
		ID:      id,
		VerificationMethod: []VerificationMethod{{ID: vm, Type: TypeMultikey, Controller: id,
			PublicKeyMultibase: vc.EncodeMultikey(pub)}},
		Authentication:  []string{vm},
		AssertionMethod: []string{vm},
	}
}

// ParseDocument reads a DID document and checks it is the one for id.
func ParseDocument(data []byte, id string) (*Document, error) {
	if len(data) > maxDocumentSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrDocument, maxDocumentSize)
	}
	var raw struct {
		ID                 string               `json:"id"`
		VerificationMethod []VerificationMethod `json:"verificationMethod"`
		AssertionMethod    []json.RawMessage    `json:"assertionMethod"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDocument, err)
	}
	if raw.ID != id {
		return nil, fmt.Errorf("%w: it is the document of %q, not %q", ErrDocument, raw.ID, id)
	}
	d := &Document{ID: raw.ID, VerificationMethod: raw.VerificationMethod}
	// assertionMethod entries are references or embedded methods.
	for _, m := range raw.AssertionMethod {
		var ref string
		if json.Unmarshal(m, &ref) == nil {
			d.AssertionMethod = append(d.AssertionMethod, ref)
			continue
		}
		var vm VerificationMethod
		if err := json.Unmarshal(m, &vm); err != nil {
			return nil, fmt.Errorf("%w: assertionMethod: %v", ErrDocument, err)
		}
		d.VerificationMethod = append(d.VerificationMethod, vm)
		d.AssertionMethod = append(d.AssertionMethod, vm.ID)
	}
	return d, nil
}

// AssertionKey returns the Ed25519 key of verification method vm (absolute,
// or relative "#key-1") if the document lists it for assertions.
func (d *Document) AssertionKey(vm string) (ed25519.PublicKey, error) {
	abs := d.absolute(vm)
	if !slices.ContainsFunc(d.AssertionMethod, func(ref string) bool { return d.absolute(ref) == abs }) {
		return nil, fmt.Errorf("%w: %s is not an assertion method of %s", ErrNoKey, vm, d.ID)
	}
	for _, m := range d.VerificationMethod {
		if d.absolute(m.ID) != abs {
			continue
		}
		if m.Type != TypeMultikey && m.Type != TypeEd25519Key2020 {
			return nil, fmt.Errorf("%w: %s is a %s, not an Ed25519 key", ErrNoKey, vm, m.Type)
		}
		if m.Controller != "" && m.Controller != d.ID {
			return nil, fmt.Errorf("%w: %s is controlled by %s", ErrNoKey, vm, m.Controller)
		}
		return vc.DecodeMultikey(m.PublicKeyMultibase)
	}
	return nil, fmt.Errorf("%w: %s not in %s", ErrNoKey, vm, d.ID)
}

func (d *Document) absolute(ref string) string {
	if strings.HasPrefix(ref, "#") {
		return d.ID + ref
	}
	return ref
}

// KeyFromDIDKey returns the Ed25519 key a did:key DID encodes.
func KeyFromDIDKey(id string) (ed25519.PublicKey, error) {
	mb, ok := strings.CutPrefix(id, "did:key:")
	if !ok {
		return nil, fmt.Errorf("%w: %s is not a did:key", ErrUnsupported, id)
	}
	pub, err := vc.DecodeMultikey(mb)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnsupported, id, err)
	}
	return pub, nil
}

// WebURL returns where a did:web DID's document is published (did:web
// method specification): did:web:example.edu is
// https://example.edu/.well-known/did.json, did:web:example.edu:dept:a is
// https://example.edu/dept/a/did.json, and %3A in the host is a port.
func WebURL(id string) (string, error) {
	rest, ok := strings.CutPrefix(id, "did:web:")
	if !ok || rest == "" {
		return "", fmt.Errorf("%w: %s is not a did:web", ErrUnsupported, id)
	}
	parts := strings.Split(rest, ":")
	host, err := url.PathUnescape(parts[0])
	if err != nil || host == "" || strings.ContainsAny(host, "/?#@") {
		return "", fmt.Errorf("%w: %s: bad host", ErrUnsupported, id)
	}
	if len(parts) == 1 {
		return "https://" + host + wellKnownDIDDocument, nil
	}
	path := make([]string, len(parts)-1)
	for i, p := range parts[1:] {
		seg, err := url.PathUnescape(p)
		if err != nil || seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "/?#") {
			return "", fmt.Errorf("%w: %s: bad path", ErrUnsupported, id)
		}
		path[i] = url.PathEscape(seg)
	}
	return "https://" + host + "/" + strings.Join(path, "/") + "/did.json", nil
}

// WebDID returns the did:web DID of a web origin with an optional path:
// https://registrar.example.edu gives did:web:registrar.example.edu,
// http://127.0.0.1:8080 gives did:web:127.0.0.1%3A8080.
func WebDID(origin string) (string, error) {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("%w: %q is not a web address", ErrUnsupported, origin)
	}
	id := "did:web:" + strings.ReplaceAll(u.Host, ":", "%3A")
	for _, seg := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if seg != "" {
			id += ":" + url.PathEscape(seg)
		}
	}
	return id, nil
}
