package bundle_test

import (
	"testing"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

// withHidden returns a copy of b that shows doc with the fields at pointers
// hidden under b's disclosure.
func withHidden(t testing.TB, b *bundle.Bundle, doc []byte, pointers ...string) *bundle.Bundle {
	t.Helper()
	shown, d, err := credential.Hide(doc, b.Disclosure, pointers...)
	if err != nil {
		t.Fatal(err)
	}
	hidden := b.Clone()
	hidden.Credential, hidden.Disclosure = shown, d
	return hidden
}

// roundTrip encodes b, parses the encoding back and checks it is b again;
// it returns the encoding and what was parsed.
func roundTrip[E any](t *testing.T, b *bundle.Bundle, encode func() (E, error), parse func(E) (*bundle.Bundle, error)) (E, *bundle.Bundle) {
	t.Helper()
	enc, err := encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := parse(enc)
	if err != nil {
		t.Fatal(err)
	}
	equalBundles(t, b, back)
	return enc, back
}
