package bundle_test

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/bundle/hostile"
	"github.com/credseal/credseal/pkg/credential"
)

// TestPNGBombRefusedFromItsHeader: an image that declares 1.6 gigapixels is
// refused before any pixel is decoded (the decoder would allocate 1.6 GB).
func TestPNGBombRefusedFromItsHeader(t *testing.T) {
	bomb := hostile.PNGBomb(40_000, 40_000, 1<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := bundle.DecodeQRImage(bomb)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, bundle.ErrImageTooLarge) {
		t.Fatalf("PNG bomb: %v, want ErrImageTooLarge", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("refusing the bomb allocated %d bytes", grew)
	}
	// A real QR code of sane size still decodes.
	qr, err := bundle.EncodeQR("CS1:HELLO")
	if err != nil {
		t.Fatal(err)
	}
	if text, err := bundle.DecodeQRImage(qr.PNG); err != nil || text != "CS1:HELLO" {
		t.Fatalf("genuine QR: %q, %v", text, err)
	}
}

func TestParseJSONCountsMembersWhileReading(t *testing.T) {
	many := hostile.ManyMembers(30_000)
	if len(many) > bundle.MaxSize {
		t.Fatalf("%d bytes: over the size limit, so the member count is never reached", len(many))
	}
	if _, err := bundle.ParseJSON(many); !errors.Is(err, credential.ErrTooManyFields) {
		t.Fatalf("30,000 members: %v, want ErrTooManyFields", err)
	}
}

// TestParseCompactVersionForms: a compact bundle says its version in key
// 10 (absent for v1) and keeps hidden fields in that version's key only.
func TestParseCompactVersionForms(t *testing.T) {
	b := bundleInBatch(t, cohort(t)[2], 0, 3)
	doc, _ := cohort(t)[2].JSON()
	sel := withHidden(t, b, doc, "/credentialSubject/identifier")
	shown, disc := sel.Credential, sel.Disclosure
	header, _ := b.Proof.Header.MarshalBinary()
	var path []byte
	for _, h := range b.Proof.Path {
		path = append(path, h[:]...)
	}
	salts := map[string][]byte{}
	for p, s := range disc.Salts {
		salts[p] = append([]byte(nil), s[:]...)
	}
	withheld := map[string][]byte{}
	for p, c := range disc.Withheld {
		withheld[p] = append([]byte(nil), c[:]...)
	}
	base := func() map[int]any {
		return map[int]any{1: shown, 3: salts, 5: b.Proof.LeafIndex, 6: b.Proof.TreeSize, 7: path, 8: header}
	}
	good := base()
	good[10], good[11] = 2, withheld
	cs1, err := bundle.CompactOf(good)
	if err != nil {
		t.Fatal(err)
	}
	got, err := bundle.ParseCompact(cs1)
	if err != nil || got.Disclosure.Version != credential.V2 || len(got.Disclosure.Withheld) != 1 {
		t.Fatalf("hand-made v2 compact bundle: %+v, %v", got, err)
	}
	cases := map[string]func(m map[int]any){
		"v2 without its version": func(m map[int]any) { m[11] = withheld },
		"explicit version 1":     func(m map[int]any) { m[10] = 1; m[4] = bytes.Repeat([]byte{1}, 32) },
		"version 3":              func(m map[int]any) { m[10] = 3; m[11] = withheld },
		"v2 with v1 hidden":      func(m map[int]any) { m[10] = 2; m[4] = bytes.Repeat([]byte{1}, 32) },
		"v2 empty hidden":        func(m map[int]any) { m[10] = 2; m[11] = map[string][]byte{} },
		"v2 short commitment":    func(m map[int]any) { m[10] = 2; m[11] = map[string][]byte{"/credentialSubject/identifier": {1}} },
		"v2 hidden not a pointer": func(m map[int]any) {
			m[10] = 2
			m[11] = map[string][]byte{"identifier": bytes.Repeat([]byte{1}, 32)}
		},
		"unknown key 12": func(m map[int]any) { m[10], m[11], m[12] = 2, withheld, 1 },
	}
	for name, f := range cases {
		m := base()
		f(m)
		s, err := bundle.CompactOf(m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.ParseCompact(s); !errors.Is(err, bundle.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzDecodeQRImage feeds the image path arbitrary bytes (seeded with a
// real QR code, a JPEG header and a PNG bomb): it returns text or an
// error, never panics, and never decodes more than MaxImagePixels.
func FuzzDecodeQRImage(f *testing.F) {
	qr, err := bundle.EncodeQR("CS1:6BFA0")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(qr.PNG)
	f.Add(hostile.PNGBomb(100_000, 100_000, 1<<16))
	f.Add(hostile.PNGBomb(1, 1, 1))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := bundle.DecodeQRImage(data)
		if err == nil && strings.ContainsRune(text, 0) && len(text) > 1<<20 {
			t.Fatalf("implausible QR text of %d bytes", len(text))
		}
	})
}

// TestInflationBombRefused: a CS1 string that inflates to 100 MB is refused
// after at most MaxSize bytes are inflated.
func TestInflationBombRefused(t *testing.T) {
	bomb := hostile.InflationBomb(100 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := bundle.Parse([]byte(bomb))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, bundle.ErrInvalid) || !strings.Contains(err.Error(), "inflates to more than") {
		t.Fatalf("inflation bomb: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Fatalf("refusing the bomb allocated %d bytes", grew)
	}
}

// TestDeepHiddenPointerRefused: one hidden pointer of 250,000 '/' (a 1 KB
// CS1 string) would make the overlap check hash every prefix of it; it is
// refused as no pointer of a document, before any of that.
func TestDeepHiddenPointerRefused(t *testing.T) {
	b := bundleInBatch(t, cohort(t)[0], 0, 3)
	doc, _ := cohort(t)[0].JSON()
	b = withHidden(t, b, doc, "/credentialSubject/identifier")
	b.Disclosure.Withheld[strings.Repeat("/", 250_000)] = credential.Hash{1}
	if err := b.Validate(); !errors.Is(err, bundle.ErrInvalid) {
		t.Fatalf("Validate: %v", err)
	}
	fields, _ := credential.Parse(b.Credential)
	if _, err := credential.Digest(fields, b.Disclosure); !errors.Is(err, credential.ErrBadHiddenPointer) {
		t.Fatalf("Digest: %v", err)
	}
}
