package credential

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/gowebpki/jcs"

	"github.com/credseal/credseal/internal/jsstring"
)

// A field hash needs RFC 8785 (JCS) only for a three-element array of
// scalars, so member sorting never arises: what remains is JCS's string
// escaping (below) and its ECMAScript number format (the jcs library). Tests
// check both against the library's full Transform.

// appendString appends s as a JCS string (RFC 8785 §3.2.2.2); s must be
// valid UTF-8.
func appendString(buf []byte, s string) []byte { return jsstring.Append(buf, s) }

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
