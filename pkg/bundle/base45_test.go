package bundle

import (
	"bytes"
	"testing"
)

func TestBase45RFC9285Examples(t *testing.T) {
	// RFC 9285 §4.3 and §4.4.
	for in, want := range map[string]string{"AB": "BB8", "Hello!!": "%69 VD92EX0", "base-45": "UJCLQE7W581", "ietf!": "QED8WEX0"} {
		if got := base45Encode([]byte(in)); got != want {
			t.Errorf("encode(%q) = %q, want %q", in, got, want)
		}
		if got, err := base45Decode(want); err != nil || string(got) != in {
			t.Errorf("decode(%q) = %q, %v; want %q", want, got, err, in)
		}
	}
	for _, bad := range []string{"GGW", ":::", "A", "ABCD", "ab", "BB8\n", "Z:"} {
		if _, err := base45Decode(bad); err == nil {
			t.Errorf("decode(%q) accepted", bad)
		}
	}
}

func FuzzBase45(f *testing.F) {
	f.Add([]byte("Hello!!"), "%69 VD92EX0")
	f.Add([]byte{0xff, 0xff, 0}, ":::")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		got, err := base45Decode(base45Encode(data))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("round trip of %x: %x, %v", data, got, err)
		}
		// Whatever decodes is canonical: it encodes back to the same text.
		if b, err := base45Decode(text); err == nil && base45Encode(b) != text {
			t.Fatalf("%q decodes but is not canonical", text)
		}
	})
}
