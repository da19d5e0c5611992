// Package jsstring writes a string as ECMAScript's JSON.stringify does,
// which is also RFC 8785 (JCS) §3.2.2.2: only '"', '\\' and the control
// characters below U+0020 are escaped (the short forms, else \u00xx in
// lower case), and '<', '>', '&', U+007F, U+2028 and U+2029 are written as
// they are, unlike Go's encoding/json. Both credseal's field hashes and
// OpenAttestation's target hashes depend on these exact bytes.
package jsstring

const hexDigits = "0123456789abcdef"

// Append appends s, quoted, to buf; s must be valid UTF-8.
func Append(buf []byte, s string) []byte {
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
