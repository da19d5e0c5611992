package bundle

import (
	"errors"
	"fmt"
	"strings"
)

// RFC 9285 base45, written here because the one Go library the module proxy
// offers panics on malformed input and accepts values above 65535, both of
// which a verifier reading untrusted QR codes must not do.

const base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

var base45Values = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := range len(base45Alphabet) {
		v[base45Alphabet[i]] = int8(i)
	}
	return v
}()

var errBase45 = errors.New("not valid base45 (RFC 9285)")

// Base45 encodes src in RFC 9285 base45, the alphabet of the compact form.
func Base45(src []byte) string { return base45Encode(src) }

// base45Encode encodes each two bytes as three characters, a final odd byte as two.
func base45Encode(src []byte) string {
	var b strings.Builder
	b.Grow(len(src)/2*3 + 2)
	for ; len(src) >= 2; src = src[2:] {
		n := int(src[0])<<8 | int(src[1])
		b.WriteByte(base45Alphabet[n%45])
		b.WriteByte(base45Alphabet[n/45%45])
		b.WriteByte(base45Alphabet[n/2025])
	}
	if len(src) == 1 {
		b.WriteByte(base45Alphabet[src[0]%45])
		b.WriteByte(base45Alphabet[src[0]/45])
	}
	return b.String()
}

// base45Decode rejects characters outside the alphabet, a dangling single
// character, and groups whose value does not fit their bytes.
func base45Decode(s string) ([]byte, error) {
	if len(s)%3 == 1 {
		return nil, fmt.Errorf("%w: length %d leaves a single character", errBase45, len(s))
	}
	out := make([]byte, 0, len(s)/3*2+1)
	for i := 0; i < len(s); i += 3 {
		group := s[i:min(i+3, len(s))]
		n := 0
		for j := len(group) - 1; j >= 0; j-- {
			v := base45Values[group[j]]
			if v < 0 {
				return nil, fmt.Errorf("%w: character %q at %d", errBase45, group[j], i+j)
			}
			n = n*45 + int(v)
		}
		if len(group) == 3 {
			if n > 0xffff {
				return nil, fmt.Errorf("%w: group at %d exceeds 65535", errBase45, i)
			}
			out = append(out, byte(n>>8), byte(n))
		} else {
			if n > 0xff {
				return nil, fmt.Errorf("%w: final group at %d exceeds 255", errBase45, i)
			}
			out = append(out, byte(n))
		}
	}
	return out, nil
}
