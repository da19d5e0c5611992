package bundle

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/fxamacker/cbor/v2"

	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// Prefix starts every compact bundle.
const Prefix = "CS1:"

// compact is the CBOR form: small integer keys, raw bytes instead of hex.
type compact struct {
	Credential []byte            `cbor:"1,keyasint"`
	Seed       []byte            `cbor:"2,keyasint,omitempty"`
	Salts      map[string][]byte `cbor:"3,keyasint,omitempty"`
	Hidden     []byte            `cbor:"4,keyasint,omitempty"` // v1: concatenated 32-byte field hashes
	LeafIndex  uint64            `cbor:"5,keyasint"`
	TreeSize   uint64            `cbor:"6,keyasint"`
	Path       []byte            `cbor:"7,keyasint"` // concatenated 32-byte hashes
	Header     []byte            `cbor:"8,keyasint"`
	Anchor     *compactAnchor    `cbor:"9,keyasint,omitempty"`
	Version    uint64            `cbor:"10,keyasint,omitempty"` // 2; absent in v1
	Withheld   map[string][]byte `cbor:"11,keyasint,omitempty"` // v2: pointer → 32-byte commitment
}

type compactAnchor struct {
	ChainID  uint64 `cbor:"1,keyasint"`
	Registry []byte `cbor:"2,keyasint"`
	Issuer   []byte `cbor:"3,keyasint"`
	Tx       []byte `cbor:"4,keyasint"`
	Block    uint64 `cbor:"5,keyasint"`
}

var (
	cborEnc cbor.EncMode
	cborDec cbor.DecMode
)

func init() {
	var err error
	if cborEnc, err = cbor.CoreDetEncOptions().EncMode(); err != nil {
		panic(err)
	}
	cborDec, err = cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		MaxNestedLevels:   4,
		MaxArrayElements:  credential.MaxFields,
		MaxMapPairs:       credential.MaxFields,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
	}.DecMode()
	if err != nil {
		panic(err)
	}
}

// EncodeCompact returns the bundle as "CS1:" + base45(zlib(CBOR)).
func (b *Bundle) EncodeCompact() (string, error) {
	if err := b.Validate(); err != nil {
		return "", err
	}
	c := compact{Credential: b.Credential, LeafIndex: b.Proof.LeafIndex, TreeSize: b.Proof.TreeSize}
	if b.Disclosure.Version != credential.V1 {
		c.Version = uint64(b.Disclosure.Version)
	}
	if b.Disclosure.Seed != nil {
		c.Seed = b.Disclosure.Seed[:]
	} else {
		c.Salts = make(map[string][]byte, len(b.Disclosure.Salts))
		for p, s := range b.Disclosure.Salts {
			c.Salts[p] = bytes.Clone(s[:])
		}
		for _, h := range b.Disclosure.Hidden {
			c.Hidden = append(c.Hidden, h[:]...)
		}
		if len(b.Disclosure.Withheld) > 0 {
			c.Withheld = make(map[string][]byte, len(b.Disclosure.Withheld))
			for p, h := range b.Disclosure.Withheld {
				c.Withheld[p] = bytes.Clone(h[:])
			}
		}
	}
	for _, h := range b.Proof.Path {
		c.Path = append(c.Path, h[:]...)
	}
	c.Header, _ = b.Proof.Header.MarshalBinary()
	if a := b.Anchor; a != nil {
		c.Anchor = &compactAnchor{ChainID: a.ChainID, Registry: a.Registry[:], Issuer: a.Issuer[:], Tx: a.Tx[:], Block: a.Block}
	}
	raw, err := cborEnc.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode compact bundle: %w", err)
	}
	return Prefix + base45Encode(deflate(raw)), nil
}

// deflate compresses with zlib at its best compression.
func deflate(raw []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(raw)
	zw.Close() // writing to memory cannot fail
	return z.Bytes()
}

// ParseCompact decodes a "CS1:" string with the same strictness as ParseJSON.
func ParseCompact(s string) (*Bundle, error) {
	if !strings.HasPrefix(s, Prefix) {
		return nil, fmt.Errorf("%w: compact bundle must start with %q", ErrInvalid, Prefix)
	}
	body := s[len(Prefix):]
	if len(body) > 2*MaxSize {
		return nil, fmt.Errorf("%w: compact bundle longer than %d characters", ErrInvalid, 2*MaxSize)
	}
	z, err := base45Decode(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, fmt.Errorf("%w: not zlib data: %v", ErrInvalid, err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: inflate: %v", ErrInvalid, err)
	}
	if len(raw) > MaxSize {
		return nil, fmt.Errorf("%w: inflates to more than %d bytes", ErrInvalid, MaxSize)
	}
	var c compact
	if err := cborDec.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("%w: CBOR: %v", ErrInvalid, err)
	}
	return c.bundle()
}

func (c *compact) bundle() (*Bundle, error) {
	b := &Bundle{Credential: c.Credential}
	switch c.Version {
	case 0: // version 1 writes no version
		b.Disclosure.Version = credential.V1
	case uint64(credential.V2):
		b.Disclosure.Version = credential.V2
	default:
		return nil, fmt.Errorf("%w: unknown compact bundle version %d", ErrInvalid, c.Version)
	}
	if b.Disclosure.Version == credential.V1 && c.Withheld != nil || b.Disclosure.Version == credential.V2 && c.Hidden != nil {
		return nil, fmt.Errorf("%w: compact bundle of version %d with hidden fields in the other version's form", ErrInvalid, b.Disclosure.Version)
	}
	b.Proof.LeafIndex, b.Proof.TreeSize = c.LeafIndex, c.TreeSize
	if c.Seed != nil {
		if len(c.Seed) != len(credential.Seed{}) {
			return nil, fmt.Errorf("%w: seed has %d bytes", ErrInvalid, len(c.Seed))
		}
		seed := credential.Seed(c.Seed)
		b.Disclosure.Seed = &seed
	}
	if c.Salts != nil {
		b.Disclosure.Salts = make(map[string]credential.Salt, len(c.Salts))
		for p, s := range c.Salts {
			if len(s) != len(credential.Salt{}) {
				return nil, fmt.Errorf("%w: salt of %.80q has %d bytes", ErrInvalid, p, len(s))
			}
			b.Disclosure.Salts[p] = credential.Salt(s)
		}
	}
	var err error
	if b.Disclosure.Hidden, err = splitHashes(c.Hidden, "hidden"); err != nil {
		return nil, err
	}
	if c.Withheld != nil {
		if len(c.Withheld) == 0 {
			return nil, fmt.Errorf("%w: empty map of hidden fields", ErrInvalid)
		}
		b.Disclosure.Withheld = make(map[string]credential.Hash, len(c.Withheld))
		for p, h := range c.Withheld {
			if len(h) != len(credential.Hash{}) {
				return nil, fmt.Errorf("%w: commitment of hidden %s has %d bytes", ErrInvalid, p, len(h))
			}
			b.Disclosure.Withheld[p] = credential.Hash(h)
		}
	}
	if b.Proof.Path, err = splitHashes(c.Path, "path"); err != nil {
		return nil, err
	}
	if b.Proof.Header, err = seal.ParseHeader(c.Header); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if a := c.Anchor; a != nil {
		if len(a.Registry) != 20 || len(a.Issuer) != 20 || len(a.Tx) != 32 {
			return nil, fmt.Errorf("%w: anchor addresses must be 20 bytes and tx 32", ErrInvalid)
		}
		b.Anchor = &Anchor{ChainID: a.ChainID, Registry: [20]byte(a.Registry), Issuer: [20]byte(a.Issuer), Tx: [32]byte(a.Tx), Block: a.Block}
	}
	if err := credential.CheckJSON(b.Credential, credential.MaxDepth, credential.MaxFields); err != nil {
		return nil, fmt.Errorf("%w: credential: %w", ErrInvalid, err)
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

func splitHashes(b []byte, what string) ([]merkle.Hash, error) {
	if len(b)%32 != 0 {
		return nil, fmt.Errorf("%w: %s is %d bytes, not a multiple of 32", ErrInvalid, what, len(b))
	}
	var out []merkle.Hash
	for ; len(b) > 0; b = b[32:] {
		out = append(out, merkle.Hash(b[:32]))
	}
	return out, nil
}

// VerifierURL returns base with the compact bundle as its fragment, escaped
// so that base45's space and '%' survive a browser.
func VerifierURL(base, compactForm string) string {
	return strings.TrimSuffix(base, "#") + "#" + fragmentEscaper.Replace(compactForm)
}

var fragmentEscaper = strings.NewReplacer("%", "%25", " ", "%20")

// ErrUnrecognised is returned by Parse for input in no bundle encoding.
var ErrUnrecognised = errors.New("bundle: not a bundle: expected JSON, a CS1: string or a verifier URL ending in #CS1:")

// Parse accepts any text form a learner may hand over: bundle JSON, a CS1
// string, or a verifier URL whose fragment holds one.
func Parse(data []byte) (*Bundle, error) {
	text := bytes.TrimSpace(data)
	switch {
	case len(text) > 0 && text[0] == '{':
		return ParseJSON(text)
	case bytes.HasPrefix(text, []byte(Prefix)):
		return ParseCompact(string(text))
	}
	if i := bytes.Index(text, []byte("#"+Prefix)); i >= 0 {
		frag, err := url.PathUnescape(string(text[i+1:]))
		if err != nil {
			return nil, fmt.Errorf("%w: URL fragment: %v", ErrInvalid, err)
		}
		return ParseCompact(frag)
	}
	return nil, ErrUnrecognised
}
