// Package credential models a credseal credential (an Open Badges 3.0 shaped
// JSON document) and computes its digest: every leaf of the document is a
// field named by its JSON Pointer, hashed with its own salt, so fields can
// later be hidden without changing the digest. Digests computes many
// credentials' digests at once on internal/sha256simd's multi-buffer SHA-256.
package credential

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strings"
)

// Hash is a SHA-256 digest.
type Hash = [32]byte

// Salt is the 16-byte salt of one field.
type Salt [16]byte

// Seed is the 32-byte secret from which all of a credential's salts derive.
type Seed [32]byte

// Field is one leaf of a credential: a scalar, or an empty object or array.
type Field struct {
	Pointer string // RFC 6901 JSON Pointer
	Value   []byte // the value's RFC 8785 canonical JSON
}

// Version is a digest scheme: how field hashes and the digest are built,
// and how a disclosure names what it hides.
type Version uint8

const (
	// V1: fieldHash = SHA-256(JCS([salt hex, pointer, value])); a hidden
	// field is its bare field hash, so a verifier cannot tell which it was.
	V1 Version = 1
	// V2: fieldHash = SHA-256(pointer ‖ commitment), commitment =
	// SHA-256(salt ‖ value): a hidden field is its pointer and commitment,
	// and the pointer is bound, so a holder cannot lie about which it was.
	V2 Version = 2
	// Latest is what issuers use.
	Latest = V2
)

// Domain tags of the digests: a v1 and a v2 digest never collide.
const (
	digestDomainV1 = "credseal/digest/v1"
	digestDomainV2 = "credseal/digest/v2"
)

// Errors that describe why a disclosure does not fit a document.
var (
	ErrNoDisclosure     = errors.New("credential: disclosure has neither a seed nor salts")
	ErrSeedAndSalts     = errors.New("credential: disclosure has both a seed and salts")
	ErrMissingSalt      = errors.New("credential: field has no salt")
	ErrUnusedSalt       = errors.New("credential: salt for a field that is not in the document")
	ErrHiddenRepeats    = errors.New("credential: hidden field hash listed twice")
	ErrHiddenAlsoShown  = errors.New("credential: a hidden field overlaps a shown one")
	ErrWrongHiddenForm  = errors.New("credential: hidden fields in the other version's form")
	ErrUnknownVersion   = errors.New("credential: unknown digest version")
	ErrBadHiddenPointer = errors.New("credential: hidden field's pointer is not a JSON pointer")
)

// NewSeed returns a fresh random seed.
func NewSeed() (Seed, error) {
	var s Seed
	if _, err := rand.Read(s[:]); err != nil {
		return s, fmt.Errorf("credential seed: %w", err)
	}
	return s, nil
}

// Salt derives the salt of the field at pointer: HMAC-SHA256(seed, pointer)[:16].
func (s Seed) Salt(pointer string) Salt {
	return newSalter(s).salt(pointer)
}

// salter derives many salts from one seed; HMAC keeps its keyed state between
// calls, so each salt costs two compressions.
type salter struct {
	mac     hash.Hash
	scratch []byte
}

func newSalter(s Seed) *salter {
	return &salter{mac: hmac.New(sha256.New, s[:]), scratch: make([]byte, 0, 64)}
}

func (s *salter) salt(pointer string) Salt {
	s.mac.Reset()
	s.scratch = append(s.scratch[:0], pointer...)
	s.mac.Write(s.scratch)
	s.scratch = s.mac.Sum(s.scratch[:0])
	return Salt(s.scratch[:16])
}

// FieldHashV1 returns SHA-256 of the RFC 8785 encoding of [salt hex, pointer, value].
func FieldHashV1(salt Salt, f Field) Hash {
	var stack [256]byte
	return sha256.Sum256(appendFieldArray(stack[:0], salt, f))
}

func appendFieldArray(buf []byte, salt Salt, f Field) []byte {
	buf = append(buf, `["`...)
	buf = hex.AppendEncode(buf, salt[:])
	buf = append(buf, `",`...)
	buf = appendString(buf, f.Pointer)
	buf = append(buf, ',')
	buf = append(buf, f.Value...)
	return append(buf, ']')
}

// Commit returns a v2 field's commitment to its value: SHA-256(salt ‖
// value), the value in its RFC 8785 form. It is what a disclosure shows
// of a hidden field.
func Commit(salt Salt, value []byte) Hash {
	var stack [256]byte
	return sha256.Sum256(append(append(stack[:0], salt[:]...), value...))
}

// FieldHashV2 returns a v2 field hash: SHA-256(pointer ‖ commitment). The
// commitment's fixed length makes the split unambiguous, and the pointer
// is hashed in the clear, so a hidden field's hash proves its pointer.
func FieldHashV2(pointer string, commitment Hash) Hash {
	var stack [256]byte
	return sha256.Sum256(append(append(stack[:0], pointer...), commitment[:]...))
}

// FieldHash returns f's field hash under version v.
func (v Version) FieldHash(salt Salt, f Field) Hash {
	if v == V1 {
		return FieldHashV1(salt, f)
	}
	return FieldHashV2(f.Pointer, Commit(salt, f.Value))
}

// digestOf sorts the field hashes in place and returns
// SHA-256(domain ‖ sorted hashes).
func digestOf(domain string, hashes []Hash) Hash {
	slices.SortFunc(hashes, func(a, b Hash) int { return bytes.Compare(a[:], b[:]) })
	h := sha256.New()
	h.Write([]byte(domain))
	for i := range hashes {
		h.Write(hashes[i][:])
	}
	var out Hash
	h.Sum(out[:0])
	return out
}

// Disclosure says how to salt the fields a document shows. A full
// disclosure carries the seed; a selective one the salts of the shown
// fields and, for the hidden ones, their field hashes (v1) or their
// pointers and commitments (v2).
type Disclosure struct {
	Version Version
	Seed    *Seed
	Salts   map[string]Salt
	// Hidden are the field hashes of a v1 disclosure's hidden fields.
	Hidden []Hash
	// Withheld are a v2 disclosure's hidden fields: pointer → commitment.
	Withheld map[string]Hash
}

// Full reports whether the disclosure carries the seed (nothing can be hidden).
func (d Disclosure) Full() bool { return d.Seed != nil }

// HiddenCount is how many fields the disclosure hides.
func (d Disclosure) HiddenCount() int { return len(d.Hidden) + len(d.Withheld) }

// Digest recomputes the credential digest from the fields a document shows
// and the disclosure that came with it. Every shown field needs a salt and
// every salt a field, so nothing can be added to or removed from a document.
func Digest(fields []Field, d Disclosure) (Hash, error) {
	var domain string
	switch d.Version {
	case V1:
		domain = digestDomainV1
		if d.Withheld != nil {
			return Hash{}, ErrWrongHiddenForm
		}
	case V2:
		domain = digestDomainV2
		if d.Hidden != nil {
			return Hash{}, ErrWrongHiddenForm
		}
	default:
		return Hash{}, fmt.Errorf("%w %d", ErrUnknownVersion, d.Version)
	}
	hashes := make([]Hash, 0, len(fields)+d.HiddenCount())
	switch {
	case d.Seed != nil && (len(d.Salts) > 0 || d.HiddenCount() > 0):
		return Hash{}, ErrSeedAndSalts
	case d.Seed != nil:
		s := newSalter(*d.Seed)
		for _, f := range fields {
			hashes = append(hashes, d.Version.FieldHash(s.salt(f.Pointer), f))
		}
	case d.Salts != nil:
		for _, f := range fields {
			salt, ok := d.Salts[f.Pointer]
			if !ok {
				return Hash{}, fmt.Errorf("%w: %q", ErrMissingSalt, f.Pointer)
			}
			hashes = append(hashes, d.Version.FieldHash(salt, f))
		}
		if len(d.Salts) != len(fields) {
			shown := make(map[string]bool, len(fields))
			for _, f := range fields {
				shown[f.Pointer] = true
			}
			for p := range d.Salts {
				if !shown[p] {
					return Hash{}, fmt.Errorf("%w: %q", ErrUnusedSalt, p)
				}
			}
		}
	default:
		return Hash{}, ErrNoDisclosure
	}
	seen := make(map[Hash]bool, len(d.Hidden))
	for _, h := range d.Hidden {
		if seen[h] {
			return Hash{}, fmt.Errorf("%w: %x", ErrHiddenRepeats, h)
		}
		seen[h] = true
	}
	hashes = append(hashes, d.Hidden...)
	if len(d.Withheld) > 0 {
		if err := checkWithheld(fields, d.Withheld); err != nil {
			return Hash{}, err
		}
		for p, c := range d.Withheld {
			hashes = append(hashes, FieldHashV2(p, c))
		}
	}
	return digestOf(domain, hashes), nil
}

// checkWithheld requires every hidden pointer to be a JSON pointer that is
// neither a shown field nor above or below one, nor below another hidden
// one: the leaves of one JSON document never overlap.
func checkWithheld(fields []Field, withheld map[string]Hash) error {
	all := make(map[string]bool, len(fields)+len(withheld))
	for _, f := range fields {
		all[f.Pointer] = true
	}
	for p := range withheld {
		if !ValidHiddenPointer(p) {
			return fmt.Errorf("%w: %.80q", ErrBadHiddenPointer, p)
		}
		if all[p] {
			return fmt.Errorf("%w: %q", ErrHiddenAlsoShown, p)
		}
		all[p] = true
	}
	for p := range all {
		if a := overlappingAncestor(p, all); a != "" {
			return fmt.Errorf("%w: %q and %q", ErrHiddenAlsoShown, a, p)
		}
	}
	return nil
}

// MaxPointerLength bounds a hidden field's pointer. The fields of a
// document are at most MaxDepth deep, so a longer or deeper pointer names
// no field; refusing it keeps the overlap checks linear in the bundle.
const MaxPointerLength = 1024

// ValidHiddenPointer reports whether p can name a hidden field: an RFC 6901
// pointer of at most MaxPointerLength bytes and MaxDepth reference tokens.
func ValidHiddenPointer(p string) bool {
	if len(p) > MaxPointerLength || strings.Count(p, "/") > MaxDepth {
		return false
	}
	_, err := splitPointer(p)
	return err == nil
}

// overlappingAncestor returns the first proper ancestor of pointer p that
// is in set, or "".
func overlappingAncestor(p string, set map[string]bool) string {
	for i := 1; i < len(p); i++ {
		if p[i] == '/' && set[p[:i]] {
			return p[:i]
		}
	}
	return ""
}
