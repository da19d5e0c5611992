package oa

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Issuer is one entry of data.issuers, unsalted.
type Issuer struct {
	// Name is the issuer's name.
	Name string
	// DocumentStore is the EIP-55 checksummed address of the issuer's
	// DocumentStore: certificateStore (its older name) if set, else
	// documentStore, as the library's getIssuerAddress prefers; "" if neither.
	DocumentStore string
	// TokenRegistry is the EIP-55 checksummed tokenRegistry address, or "".
	TokenRegistry string
	// IdentityProofType is identityProof.type, such as "DNS-TXT".
	IdentityProofType string
	// IdentityProofLocation is identityProof.location, such as a domain.
	IdentityProofLocation string
}

// Issuers returns data.issuers, unsalted. It fails with ErrMalformed when
// there are none, when a field is not a string, or when an address is not
// a 20-byte hex address or has mixed case that is not its EIP-55 checksum
// (ethers refuses such an address).
func (d *Document) Issuers() ([]Issuer, error) {
	list, ok := d.data["issuers"].([]any)
	if !ok || len(list) == 0 {
		return nil, malformed("data.issuers is not a non-empty array")
	}
	out := make([]Issuer, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, malformed("data.issuers.%d is not an object", i)
		}
		proof, _ := m["identityProof"].(map[string]any)
		var err error
		get := func(obj map[string]any, key string) string {
			if err != nil {
				return ""
			}
			var s string
			s, err = text(obj[key], "issuers."+strconv.Itoa(i)+"."+key)
			return s
		}
		is := &out[i]
		is.Name = get(m, "name")
		is.DocumentStore = get(m, "certificateStore")
		if is.DocumentStore == "" {
			is.DocumentStore = get(m, "documentStore")
		}
		is.TokenRegistry = get(m, "tokenRegistry")
		is.IdentityProofType = get(proof, "type")
		is.IdentityProofLocation = get(proof, "location")
		if err != nil {
			return nil, err
		}
		if is.DocumentStore, err = checksummed(is.DocumentStore); err != nil {
			return nil, malformed("issuers.%d document store: %v", i, err)
		}
		if is.TokenRegistry, err = checksummed(is.TokenRegistry); err != nil {
			return nil, malformed("issuers.%d token registry: %v", i, err)
		}
	}
	return out, nil
}

// Field returns the unsalted value at a flattened data path such as
// "recipient.name" or "issuers.0.name", for display: as JavaScript's
// String() gives the value the library's getData returns ("null" for null),
// "" for an empty array or object. It reports false when no leaf has that
// path or the value's type annotation is unknown (getData throws).
func (d *Document) Field(path string) (string, bool) {
	v, ok := d.byPath[path]
	if !ok {
		return "", false
	}
	switch x := v.(type) {
	case string:
		typ, val, salted := unsalt(x)
		if !salted {
			return x, true
		}
		switch typ {
		case "string":
			return val, true
		case "number":
			return jsNumberString(jsToNumber(val)), true
		case "boolean":
			return strconv.FormatBool(val == "true"), true
		case "null", "undefined":
			return typ, true
		}
		return "", false
	case json.Number:
		f, _ := strconv.ParseFloat(string(x), 64)
		return jsNumberString(f), true
	case bool:
		return strconv.FormatBool(x), true
	case nil:
		return "null", true
	}
	return "", true // an empty array or object
}

// text unsalts a value that must be a string; absent, null and undefined
// give "".
func text(v any, path string) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		typ, val, salted := unsalt(x)
		switch {
		case !salted:
			return x, nil
		case typ == "string":
			return val, nil
		case typ == "null" || typ == "undefined":
			return "", nil
		}
	}
	return "", malformed("%s is not a string", path)
}

// unsalt splits a salted value "uuid:type:value" as the library's unsalt
// does: only when the text before the first ':' is a version 4 UUID; the
// rest after the 37th character is trimmed (so trailing white space of a
// string value is lost) and split at its first ':'.
func unsalt(s string) (typ, val string, salted bool) {
	head, _, _ := strings.Cut(s, ":")
	if !isUUIDv4(head) {
		return "", s, false
	}
	typ, val, _ = strings.Cut(jsTrim(s[min(len(s), 37):]), ":")
	return typ, val, true
}

// isUUIDv4 matches validator.js isUUID(s, 4), case-insensitively.
func isUUIDv4(s string) bool {
	if len(s) != 36 || s[14] != '4' || !strings.ContainsRune("89abAB", rune(s[19])) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
			return false
		}
	}
	return true
}

// checksummed returns an address in EIP-55 form; mixed-case input must
// already be that form.
func checksummed(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	a, ok := eip55(s)
	if !ok {
		return "", fmt.Errorf("%q is not a 20-byte hex address", s)
	}
	body := s[len(s)-40:]
	if body != strings.ToLower(body) && body != strings.ToUpper(body) && s != a {
		return "", fmt.Errorf("%s has a bad EIP-55 checksum", s)
	}
	return a, nil
}

// eip55 returns a 20-byte hex address (with or without 0x) in EIP-55
// mixed-case form: a hex letter is upper case where the Keccak-256 of the
// lower-case address has a nibble of 8 or more.
func eip55(s string) (string, bool) {
	body := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(body) != 40 {
		return "", false
	}
	if _, err := hex.DecodeString(body); err != nil {
		return "", false
	}
	lower := strings.ToLower(body)
	sum := keccak256([]byte(lower))
	out := []byte("0x" + lower)
	for i := range 40 {
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0xf
		}
		if out[2+i] >= 'a' && nibble >= 8 {
			out[2+i] -= 'a' - 'A'
		}
	}
	return string(out), true
}
