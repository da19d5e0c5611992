package oa

import (
	"encoding/json"
	"testing"
)

// The expected outputs in these tables were printed by Node.js 20.
func TestJSString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                          `"plain"`,
		"</script>":                      `"</script>"`,
		"a&b<c>d":                        `"a&b<c>d"`,
		"\u2028\u2029":                   "\"\u2028\u2029\"",
		"\x00\x01\x1f\x7f\u0080":         "\"\\u0000\\u0001\\u001f\x7f\u0080\"",
		"\b\f\n\r\t\"\\/":                `"\b\f\n\r\t\"\\/"`,
		"Zoë Müller-Øberg":               `"Zoë Müller-Øberg"`,
		"👩🏽‍🎓":                           `"👩🏽‍🎓"`,
		"\ufeff\ufffd":                   "\"\ufeff\ufffd\"",
		"\x0b\x0e":                       `"\u000b\u000e"`,
		"":                               `""`,
		"tab\tnl\n\x01\"\\ end \x1a\x1b": `"tab\tnl\n\u0001\"\\ end \u001a\u001b"`,
	} {
		if got := string(appendJSString(nil, in)); got != want {
			t.Errorf("JSON.stringify(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestJSONNumber(t *testing.T) {
	for in, want := range map[string]string{
		"4.25": "4.25", "1e21": "1e+21", "0.1": "0.1", "-0": "0", "1e-7": "1e-7",
		"0.000001": "0.000001", "123456789012345680000": "123456789012345680000",
		"1e400": "null", "-1e400": "null", "5e-324": "5e-324",
		"1.7976931348623157e308": "1.7976931348623157e+308", "100": "100", "1E2": "100",
		"2.50": "2.5", "9007199254740993": "9007199254740992", "1e-400": "0",
		"0.30000000000000004": "0.30000000000000004", "1.5e300": "1.5e+300",
		"12345678901234567890123": "1.2345678901234568e+22", "-1.23e-10": "-1.23e-10",
		"1e20": "100000000000000000000", "-1e-6": "-0.000001", "1.5e-7": "1.5e-7",
	} {
		if got := jsonNumber(json.Number(in)); got != want {
			t.Errorf("JSON.stringify(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestJSToNumber(t *testing.T) {
	for in, want := range map[string]string{
		"": "0", " 5 ": "5", "0x1F": "31", "0o17": "15", "0b101": "5",
		"Infinity": "Infinity", "-Infinity": "-Infinity", "+1.5": "1.5",
		"1_000": "NaN", "abc": "NaN", ".5": "0.5", "5.": "5", "1e+21": "1e+21",
		"0X10": "16", "-0x10": "NaN", " \u2028 7": "7", "0x": "NaN", "1e": "NaN",
		"inf": "NaN", "NaN": "NaN", "0x-1": "NaN", "\ufeff3": "3", "\u00853": "NaN",
	} {
		if got := jsNumberString(jsToNumber(in)); got != want {
			t.Errorf("String(Number(%q)) = %s, want %s", in, got, want)
		}
	}
}

func TestUnsalt(t *testing.T) {
	const u = "6659214a-8957-4109-ba7d-c2ff00dd36b2"
	for _, c := range []struct {
		in, typ, val string
		salted       bool
	}{
		{u + ":string: Bob ", "string", " Bob", true},
		{u + ":string:a:b:c", "string", "a:b:c", true},
		{u + ":number:4.25\u2028", "number", "4.25", true},
		{"6659214A-8957-4109-BA7D-C2FF00DD36B2:boolean:true", "boolean", "true", true},
		{u, "", "", true},
		{u + ":", "", "", true},
		{"6659214a-8957-1109-ba7d-c2ff00dd36b2:string:v1 uuid", "", "6659214a-8957-1109-ba7d-c2ff00dd36b2:string:v1 uuid", false},
		{"6659214a-8957-4109-7a7d-c2ff00dd36b2:string:bad variant", "", "6659214a-8957-4109-7a7d-c2ff00dd36b2:string:bad variant", false},
		{"plain text", "", "plain text", false},
		{"", "", "", false},
	} {
		typ, val, salted := unsalt(c.in)
		if typ != c.typ || val != c.val || salted != c.salted {
			t.Errorf("unsalt(%q) = %q, %q, %v; want %q, %q, %v", c.in, typ, val, salted, c.typ, c.val, c.salted)
		}
	}
}
