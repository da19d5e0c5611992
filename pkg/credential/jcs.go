package credential

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// A field hash needs RFC 8785 (JCS) only for a three-element array of
// scalars, so member sorting never arises: what remains is JCS's string
// escaping (below) and its ECMAScript number format (the jcs library). Tests
// check both against the library's full Transform.

const hexDigits = "0123456789abcdef"

// appendString appends s as a JCS string (RFC 8785 §3.2.2.2): only '"', '\\'
// and control characters are escaped; s must be valid UTF-8.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		buf = append(buf, s[start:i]...)
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\f':
			buf = append(buf, '\\', 'f')
		case '\r':
			buf = append(buf, '\\', 'r')
		default:
			buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// canonicalString returns the JCS form of a string value.
func canonicalString(s string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return nil, ErrInvalidUTF8
	}
	return appendString(nil, s), nil
}

// canonicalNumber returns the JCS (ECMAScript) form of a JSON number literal.
func canonicalNumber(literal string) ([]byte, error) {
	f, err := strconv.ParseFloat(literal, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%w: number %s is not a finite IEEE 754 double", ErrInvalidJSON, literal)
	}
	return canonicalFloat(f)
}

func canonicalFloat(f float64) ([]byte, error) {
	s, err := jcs.NumberToJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	return []byte(s), nil
}
