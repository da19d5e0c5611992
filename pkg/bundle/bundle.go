// Package bundle defines the proof bundle a learner holds (formats
// credseal-bundle/2, and credseal-bundle/1 as issued before): the credential
// with its disclosure, the Merkle proof and sealed batch header that tie it
// to a batch, and a hint of where the batch was anchored. It reads and
// writes the JSON form and the compact CS1 form that fits in a QR code.
package bundle

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// The "format" member of each bundle version: a v2 bundle's credential
// digest is credential.V2's (hidden fields named), a v1 bundle's V1's.
const (
	FormatV1 = "credseal-bundle/1"
	FormatV2 = "credseal-bundle/2"
)

// FormatOf names the bundle format of a digest version.
func FormatOf(v credential.Version) string {
	if v == credential.V1 {
		return FormatV1
	}
	return FormatV2
}

// maxLeaves bounds the scalars and empty containers of a bundle's JSON: a
// credential's fields, a salt and a hidden entry for each, the path and
// the rest, with room to spare. Anything larger is refused while reading.
const maxLeaves = 4*credential.MaxFields + 256

// MaxSize bounds a bundle in any encoding once decoded (JSON bytes, or the
// inflated compact form), so hostile input cannot exhaust memory.
const MaxSize = 256 << 10

// ErrInvalid wraps every reason a bundle is rejected while decoding.
var ErrInvalid = errors.New("bundle: invalid")

// Bundle is a decoded, structurally valid proof bundle. Decoding checks shapes
// and sizes only; whether the proofs hold is the verifier's business. The
// disclosure's version is the bundle's.
type Bundle struct {
	Credential []byte // the credential JSON as shown (hidden fields removed)
	Disclosure credential.Disclosure
	Proof      Proof
	Anchor     *Anchor // nil before the batch is anchored
}

// Proof ties the credential's digest to a sealed batch header.
type Proof struct {
	LeafIndex uint64
	TreeSize  uint64
	Path      []merkle.Hash
	Header    seal.Header
}

// Anchor says where to look for the batch on chain. It is a hint: verifiers
// check the seal on the registries they trust, never on the one named here.
type Anchor struct {
	ChainID  uint64
	Registry [20]byte
	Issuer   [20]byte
	Tx       [32]byte
	Block    uint64
}

// wire is the JSON form; every byte string is lowercase hex.
type wire struct {
	Format     string          `json:"format"`
	Credential json.RawMessage `json:"credential"`
	Disclosure wireDisclosure  `json:"disclosure"`
	Proof      wireProof       `json:"proof"`
	Anchor     *wireAnchor     `json:"anchor,omitempty"`
}

type wireDisclosure struct {
	Seed  string            `json:"seed,omitempty"`
	Salts map[string]string `json:"salts,omitempty"`
	// Hidden is a list of field hashes in v1, an object pointer →
	// commitment in v2.
	Hidden json.RawMessage `json:"hidden,omitempty"`
}

type wireProof struct {
	LeafIndex uint64   `json:"leafIndex"`
	TreeSize  uint64   `json:"treeSize"`
	Path      []string `json:"path"`
	Header    string   `json:"header"`
}

type wireAnchor struct {
	ChainID  uint64 `json:"chainId"`
	Registry string `json:"registry"`
	Issuer   string `json:"issuer"`
	Tx       string `json:"tx"`
	Block    uint64 `json:"block"`
}

// MarshalJSON writes the bundle in its JSON form, indented for people.
func (b *Bundle) MarshalJSON() ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	w := wire{Format: FormatOf(b.Disclosure.Version), Credential: b.Credential}
	d := b.Disclosure
	if d.Seed != nil {
		w.Disclosure.Seed = hex.EncodeToString(d.Seed[:])
	} else {
		w.Disclosure.Salts = make(map[string]string, len(d.Salts))
		for p, s := range d.Salts {
			w.Disclosure.Salts[p] = hex.EncodeToString(s[:])
		}
		var hidden any
		switch {
		case d.Version == credential.V1 && len(d.Hidden) > 0:
			list := make([]string, len(d.Hidden))
			for i, h := range d.Hidden {
				list[i] = hex.EncodeToString(h[:])
			}
			hidden = list
		case len(d.Withheld) > 0:
			named := make(map[string]string, len(d.Withheld))
			for p, c := range d.Withheld {
				named[p] = hex.EncodeToString(c[:])
			}
			hidden = named
		}
		if hidden != nil {
			var err error
			if w.Disclosure.Hidden, err = marshalNoEscape(hidden); err != nil {
				return nil, err
			}
		}
	}
	w.Proof = wireProof{LeafIndex: b.Proof.LeafIndex, TreeSize: b.Proof.TreeSize, Path: []string{}}
	for _, h := range b.Proof.Path {
		w.Proof.Path = append(w.Proof.Path, hex.EncodeToString(h[:]))
	}
	hdr, _ := b.Proof.Header.MarshalBinary()
	w.Proof.Header = hex.EncodeToString(hdr)
	if a := b.Anchor; a != nil {
		w.Anchor = &wireAnchor{ChainID: a.ChainID, Registry: "0x" + hex.EncodeToString(a.Registry[:]),
			Issuer: "0x" + hex.EncodeToString(a.Issuer[:]), Tx: "0x" + hex.EncodeToString(a.Tx[:]), Block: a.Block}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(w); err != nil {
		return nil, fmt.Errorf("encode bundle: %w", err)
	}
	return buf.Bytes(), nil
}

// ParseJSON strictly decodes a bundle's JSON form: no unknown or duplicate
// members, exact hex lengths, and a proof whose shape fits its tree.
func ParseJSON(data []byte) (*Bundle, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes is over the %d-byte limit", ErrInvalid, len(data), MaxSize)
	}
	if err := credential.CheckJSONMembers(data, credential.MaxDepth+3, maxLeaves, members); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w wire
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return w.bundle()
}

// members are the exact member names of a bundle's objects (encoding/json
// would also take "Credential" for "credential").
var members = map[string][]string{
	"":           {"format", "credential", "disclosure", "proof", "anchor"},
	"disclosure": {"seed", "salts", "hidden"},
	"proof":      {"leafIndex", "treeSize", "path", "header"},
	"anchor":     {"chainId", "registry", "issuer", "tx", "block"},
}

func (w *wire) bundle() (*Bundle, error) {
	b := &Bundle{Credential: []byte(w.Credential)}
	d := &b.Disclosure
	switch w.Format {
	case FormatV2:
		d.Version = credential.V2
	case FormatV1:
		d.Version = credential.V1
	default:
		return nil, fmt.Errorf("%w: format %q, want %q (or %q)", ErrInvalid, w.Format, FormatV2, FormatV1)
	}
	if w.Disclosure.Seed != "" {
		var seed credential.Seed
		if err := decodeHex(seed[:], w.Disclosure.Seed, "disclosure.seed"); err != nil {
			return nil, err
		}
		d.Seed = &seed
	}
	if w.Disclosure.Salts != nil {
		d.Salts = make(map[string]credential.Salt, len(w.Disclosure.Salts))
		for p, s := range w.Disclosure.Salts {
			var salt credential.Salt
			if err := decodeHex(salt[:], s, fmt.Sprintf("salt of %.80q", p)); err != nil {
				return nil, err
			}
			d.Salts[p] = salt
		}
	}
	if err := w.Disclosure.decodeHidden(d); err != nil {
		return nil, err
	}
	b.Proof.LeafIndex, b.Proof.TreeSize = w.Proof.LeafIndex, w.Proof.TreeSize
	for i, s := range w.Proof.Path {
		var h merkle.Hash
		if err := decodeHex(h[:], s, fmt.Sprintf("proof.path[%d]", i)); err != nil {
			return nil, err
		}
		b.Proof.Path = append(b.Proof.Path, h)
	}
	var hdr [seal.HeaderSize]byte
	if err := decodeHex(hdr[:], w.Proof.Header, "proof.header"); err != nil {
		return nil, err
	}
	b.Proof.Header, _ = seal.ParseHeader(hdr[:])
	if a := w.Anchor; a != nil {
		b.Anchor = &Anchor{ChainID: a.ChainID, Block: a.Block}
		for _, f := range []struct {
			dst  []byte
			src  string
			name string
		}{{b.Anchor.Registry[:], a.Registry, "anchor.registry"}, {b.Anchor.Issuer[:], a.Issuer, "anchor.issuer"}, {b.Anchor.Tx[:], a.Tx, "anchor.tx"}} {
			if !strings.HasPrefix(f.src, "0x") {
				return nil, fmt.Errorf("%w: %s must start with 0x", ErrInvalid, f.name)
			}
			if err := decodeHex(f.dst, strings.ToLower(f.src[2:]), f.name); err != nil {
				return nil, err
			}
		}
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// decodeHidden reads disclosure.hidden: in v1 a list of field hashes, in v2
// an object of pointer → commitment.
func (w *wireDisclosure) decodeHidden(d *credential.Disclosure) error {
	if len(w.Hidden) == 0 {
		return nil
	}
	if d.Version == credential.V1 {
		var list []string
		if err := json.Unmarshal(w.Hidden, &list); err != nil || len(list) == 0 {
			return fmt.Errorf("%w: disclosure.hidden of a %s bundle must be a non-empty list of field hashes", ErrInvalid, FormatV1)
		}
		for i, s := range list {
			var h credential.Hash
			if err := decodeHex(h[:], s, fmt.Sprintf("disclosure.hidden[%d]", i)); err != nil {
				return err
			}
			d.Hidden = append(d.Hidden, h)
		}
		return nil
	}
	var named map[string]string
	if err := json.Unmarshal(w.Hidden, &named); err != nil || len(named) == 0 {
		return fmt.Errorf("%w: disclosure.hidden of a %s bundle must be a non-empty object of JSON pointer → commitment", ErrInvalid, FormatV2)
	}
	d.Withheld = make(map[string]credential.Hash, len(named))
	for p, s := range named {
		var c credential.Hash
		if err := decodeHex(c[:], s, fmt.Sprintf("hidden %.80q", p)); err != nil {
			return err
		}
		d.Withheld[p] = c
	}
	return nil
}

func marshalNoEscape(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode bundle: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// decodeHex decodes exactly len(dst) bytes of lowercase hex.
func decodeHex(dst []byte, s, what string) error {
	if len(s) != 2*len(dst) {
		return fmt.Errorf("%w: %s has %d hex digits, want %d", ErrInvalid, what, len(s), 2*len(dst))
	}
	if s != strings.ToLower(s) {
		return fmt.Errorf("%w: %s must be lowercase hex", ErrInvalid, what)
	}
	if _, err := hex.Decode(dst, []byte(s)); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalid, what, err)
	}
	return nil
}

// Validate checks the bundle's shape: what decoding guarantees and encoding requires.
func (b *Bundle) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
	}
	c := bytes.TrimSpace(b.Credential)
	if len(c) == 0 || c[0] != '{' {
		return bad("credential must be a JSON object")
	}
	if len(b.Credential) > credential.MaxDocumentSize {
		return bad("credential is larger than %d bytes", credential.MaxDocumentSize)
	}
	d := b.Disclosure
	switch {
	case d.Version != credential.V1 && d.Version != credential.V2:
		return bad("unknown version %d", d.Version)
	case d.Seed != nil && (d.Salts != nil || d.HiddenCount() > 0):
		return bad("disclosure has both a seed and salts")
	case d.Seed == nil && len(d.Salts) == 0:
		return bad("disclosure needs a seed or salts")
	case len(d.Salts) > credential.MaxFields || d.HiddenCount() > credential.MaxFields:
		return bad("disclosure lists more than %d fields", credential.MaxFields)
	case d.Version == credential.V1 && d.Withheld != nil, d.Version == credential.V2 && d.Hidden != nil:
		return bad("disclosure.hidden is in the other version's form")
	}
	for p := range d.Withheld {
		if !credential.ValidHiddenPointer(p) {
			return bad("hidden field %.80q is not a JSON pointer of at most %d bytes and %d levels", p, credential.MaxPointerLength, credential.MaxDepth)
		}
	}
	// Hidden hashes are strictly ascending: one encoding for one disclosure.
	for i := 1; i < len(d.Hidden); i++ {
		if bytes.Compare(d.Hidden[i-1][:], d.Hidden[i][:]) >= 0 {
			return bad("disclosure.hidden must be sorted and without repeats")
		}
	}
	p := b.Proof
	if p.TreeSize == 0 || p.LeafIndex >= p.TreeSize {
		return bad("proof.leafIndex %d is not below proof.treeSize %d", p.LeafIndex, p.TreeSize)
	}
	if want := merkle.ProofLength(p.LeafIndex, p.TreeSize); len(p.Path) != want {
		return bad("proof.path has %d hashes; leaf %d of a %d-leaf tree needs %d", len(p.Path), p.LeafIndex, p.TreeSize, want)
	}
	if a := b.Anchor; a != nil && a.ChainID == 0 {
		return bad("anchor.chainId must not be zero")
	}
	return nil
}

// Clone returns a deep copy, so a caller can change one without the other.
func (b *Bundle) Clone() *Bundle {
	c := *b
	c.Credential = bytes.Clone(b.Credential)
	c.Proof.Path = slices.Clone(b.Proof.Path)
	if b.Disclosure.Seed != nil {
		seed := *b.Disclosure.Seed
		c.Disclosure.Seed = &seed
	}
	if b.Disclosure.Salts != nil {
		c.Disclosure.Salts = make(map[string]credential.Salt, len(b.Disclosure.Salts))
		for k, v := range b.Disclosure.Salts {
			c.Disclosure.Salts[k] = v
		}
	}
	c.Disclosure.Hidden = slices.Clone(b.Disclosure.Hidden)
	c.Disclosure.Withheld = maps.Clone(b.Disclosure.Withheld)
	if b.Anchor != nil {
		a := *b.Anchor
		c.Anchor = &a
	}
	return &c
}
