package oa

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/gowebpki/jcs"

	"github.com/credseal/credseal/internal/jsstring"
)

// appendJSString appends s as JavaScript's JSON.stringify writes a string
// (see internal/jsstring); s must be valid UTF-8.
func appendJSString(b []byte, s string) []byte { return jsstring.Append(b, s) }

// jsonNumber is JSON.stringify(JSON.parse(n)) for a JSON number literal:
// the nearest double, in JavaScript's shortest form, "null" if infinite.
func jsonNumber(n json.Number) string {
	f, _ := strconv.ParseFloat(string(n), 64) // out of range gives ±Inf, as in JS
	if math.IsInf(f, 0) {
		return "null"
	}
	return jsNumberString(f)
}

// jsNumberString is JavaScript's String(f) (Number::toString with radix 10).
func jsNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0" // and -0
	}
	// Number::toString is the ECMAScript form JCS uses too.
	n, err := jcs.NumberToJSON(f)
	if err != nil {
		return "NaN" // not reached: NaN and infinities are handled above
	}
	return n
}

// jsToNumber is JavaScript's Number(s) for a string: surrounding white
// space trimmed, "" is 0, 0x/0o/0b integers, [+-]Infinity, decimal
// literals; anything else is NaN.
func jsToNumber(s string) float64 {
	s = jsTrim(s)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			i, ok := new(big.Int).SetString(s[2:], base)
			if !ok || strings.ContainsAny(s[2:], "+-_") {
				return math.NaN()
			}
			f, _ := new(big.Float).SetInt(i).Float64()
			return f
		}
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if !isDecimalLiteral(s) {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// isDecimalLiteral reports whether s is a StrDecimalLiteral without
// Infinity: [+-] digits [. digits] [e [+-] digits], with at least one digit
// before the exponent.
func isDecimalLiteral(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// jsTrim is String.prototype.trim: JavaScript's WhiteSpace and
// LineTerminator set, which differs from unicode.IsSpace (U+FEFF is in it,
// U+0085 is not).
func jsTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
			return true
		}
		return r >= 0x2000 && r <= 0x200A
	})
}
