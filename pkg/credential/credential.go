// Package credential models a credseal credential (an Open Badges 3.0 shaped
// JSON document) and computes its digest: every leaf of the document is a
// field named by its JSON Pointer, hashed with its own salt, so fields can
// later be hidden without changing the digest.
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

// digestDomain separates credential digests from every other SHA-256 use.
const digestDomain = "credseal/digest/v1"

// Errors that describe why a disclosure does not fit a document.
var (
	ErrNoDisclosure  = errors.New("credential: disclosure has neither a seed nor salts")
	ErrSeedAndSalts  = errors.New("credential: disclosure has both a seed and salts")
	ErrMissingSalt   = errors.New("credential: field has no salt")
	ErrUnusedSalt    = errors.New("credential: salt for a field that is not in the document")
	ErrHiddenRepeats = errors.New("credential: hidden field hash listed twice")
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

// FieldHash returns SHA-256 of the RFC 8785 encoding of [salt hex, pointer, value].
func FieldHash(salt Salt, f Field) Hash {
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

// digestOf sorts the field hashes in place and returns
// SHA-256("credseal/digest/v1" ‖ sorted hashes).
func digestOf(hashes []Hash) Hash {
	slices.SortFunc(hashes, func(a, b Hash) int { return bytes.Compare(a[:], b[:]) })
	h := sha256.New()
	h.Write([]byte(digestDomain))
	for i := range hashes {
		h.Write(hashes[i][:])
	}
	var out Hash
	h.Sum(out[:0])
	return out
}

// Disclosure says how to salt the fields a document shows. A full disclosure
// carries the seed; a selective one the salts of the shown fields and the
// hashes of the hidden ones.
type Disclosure struct {
	Seed   *Seed
	Salts  map[string]Salt
	Hidden []Hash
}

// Full reports whether the disclosure carries the seed (nothing can be hidden).
func (d Disclosure) Full() bool { return d.Seed != nil }

// Digest recomputes the credential digest from the fields a document shows
// and the disclosure that came with it. Every shown field needs a salt and
// every salt a field, so nothing can be added to or removed from a document.
func Digest(fields []Field, d Disclosure) (Hash, error) {
	hashes := make([]Hash, 0, len(fields)+len(d.Hidden))
	switch {
	case d.Seed != nil && (len(d.Salts) > 0 || len(d.Hidden) > 0):
		return Hash{}, ErrSeedAndSalts
	case d.Seed != nil:
		s := newSalter(*d.Seed)
		for _, f := range fields {
			hashes = append(hashes, FieldHash(s.salt(f.Pointer), f))
		}
	case d.Salts != nil:
		for _, f := range fields {
			salt, ok := d.Salts[f.Pointer]
			if !ok {
				return Hash{}, fmt.Errorf("%w: %q", ErrMissingSalt, f.Pointer)
			}
			hashes = append(hashes, FieldHash(salt, f))
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
	return digestOf(hashes), nil
}
