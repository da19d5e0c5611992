package bundle_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/credseal/credseal/internal/fixtures"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/bundle/hostile"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// cohort is the sample cohort.
func cohort(t testing.TB) []*credential.Document { return fixtures.Cohort(t) }

// bundleInBatch returns the bundle of doc placed at index in a batch of size
// leaves (the others random), sealed at difficulty 8.
func bundleInBatch(t testing.TB, doc *credential.Document, index, size int) *bundle.Bundle {
	t.Helper()
	seed, _ := credential.NewSeed()
	digest := doc.Digest(seed)
	r := rand.New(rand.NewPCG(uint64(size), 1))
	leaves := make([]merkle.Hash, size)
	for i := range leaves {
		for j := range leaves[i] {
			leaves[i][j] = byte(r.Uint32())
		}
	}
	leaves[index] = merkle.LeafHash(digest[:])
	tree := merkle.Build(leaves)
	bits, _ := seal.BitsForDifficulty(8)
	h, err := seal.Seal(context.Background(), seal.Header{Version: 1, Root: tree.Root(), Time: 1780000000, Bits: bits}, 1)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := tree.Proof(uint64(index))
	js, _ := doc.JSON()
	return &bundle.Bundle{Credential: js, Disclosure: credential.Disclosure{Version: credential.V2, Seed: &seed},
		Proof:  bundle.Proof{LeafIndex: uint64(index), TreeSize: uint64(size), Path: path, Header: h},
		Anchor: &bundle.Anchor{ChainID: 1337, Registry: [20]byte{0xaa}, Issuer: [20]byte{0xbb}, Tx: [32]byte{0xcc}, Block: 12}}
}

func equalBundles(t *testing.T, a, b *bundle.Bundle) {
	t.Helper()
	ja, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	jb, err := b.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja, jb) {
		t.Fatalf("bundles differ:\n%s\n%s", ja, jb)
	}
}

func TestJSONAndCompactRoundTrip(t *testing.T) {
	doc := cohort(t)[0]
	full := bundleInBatch(t, doc, 5, 1000)
	js, _ := doc.JSON()
	selective := withHidden(t, full, js, "/credentialSubject/identifier")
	selective.Anchor = nil
	v1 := full.Clone()
	v1.Disclosure.Version = credential.V1
	v1Selective := withHidden(t, v1, js, "/credentialSubject/identifier")

	for name, b := range map[string]*bundle.Bundle{"full": full, "selective": selective, "v1 full": v1, "v1 selective": v1Selective} {
		t.Run(name, func(t *testing.T) {
			js, fromJSON := roundTrip(t, b, b.MarshalJSON, bundle.ParseJSON)
			if fromJSON.Disclosure.Version != b.Disclosure.Version || !bytes.Contains(js, []byte(bundle.FormatOf(b.Disclosure.Version))) {
				t.Fatalf("version %d came back as %d", b.Disclosure.Version, fromJSON.Disclosure.Version)
			}
			cs1, fromCompact := roundTrip(t, b, b.EncodeCompact, bundle.ParseCompact)
			if fromCompact.Disclosure.Version != b.Disclosure.Version {
				t.Fatalf("compact: version %d came back as %d", b.Disclosure.Version, fromCompact.Disclosure.Version)
			}
			// Parse accepts all three text forms, including a URL with base45's space and '%'.
			url := bundle.VerifierURL("https://verify.example.edu/", cs1)
			if strings.ContainsAny(url[strings.Index(url, "#"):], " ") {
				t.Fatalf("unescaped space in %s", url)
			}
			for _, text := range []string{string(js), cs1, url, "  " + cs1 + "\n"} {
				got, err := bundle.Parse([]byte(text))
				if err != nil {
					t.Fatalf("Parse(%.40q…): %v", text, err)
				}
				equalBundles(t, b, got)
			}
		})
	}
}

// TestQRRoundTripWithIndependentDecoder renders every cohort credential in a
// 65,536-leaf batch and reads it back with gozxing, a separate QR implementation.
func TestQRRoundTripWithIndependentDecoder(t *testing.T) {
	docs := cohort(t)
	if testing.Short() {
		docs = docs[:3]
	}
	worst := 0
	for i, doc := range docs {
		b := bundleInBatch(t, doc, 40000+i, 1<<16)
		cs1, err := b.EncodeCompact()
		if err != nil {
			t.Fatal(err)
		}
		qr, err := bundle.EncodeQR(cs1)
		if err != nil {
			t.Fatalf("%s: %v (%d characters)", doc.Subject.Name, err, len(cs1))
		}
		worst = max(worst, qr.Version)
		text, err := bundle.DecodeQRImage(qr.PNG)
		if err != nil {
			t.Fatalf("%s: decode: %v", doc.Subject.Name, err)
		}
		if text != cs1 {
			t.Fatalf("%s: QR text differs from the CS1 string", doc.Subject.Name)
		}
		got, err := bundle.Parse([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		equalBundles(t, b, got)
	}
	t.Logf("largest QR version for a full-disclosure bundle in a 65,536-leaf batch: %d (level M)", worst)
	if worst > 40 {
		t.Fatalf("QR version %d", worst)
	}
}

func TestParseJSONRejects(t *testing.T) {
	b := bundleInBatch(t, cohort(t)[1], 3, 10)
	good, _ := b.MarshalJSON()
	doc, _ := cohort(t)[1].JSON()
	selective, _ := withHidden(t, b, doc, "/credentialSubject/identifier").MarshalJSON()
	var ms map[string]any
	mutateSelective := func(f func(d map[string]any)) []byte {
		json.Unmarshal(selective, &ms)
		f(ms["disclosure"].(map[string]any))
		out, _ := json.Marshal(ms)
		return out
	}
	var m map[string]any
	mutate := func(f func(m map[string]any)) []byte {
		json.Unmarshal(good, &m)
		f(m)
		out, _ := json.Marshal(m)
		return out
	}
	proof := func(m map[string]any) map[string]any { return m["proof"].(map[string]any) }
	cases := map[string][]byte{
		"wrong format":    mutate(func(m map[string]any) { m["format"] = "credseal-bundle/3" }),
		"unknown member":  mutate(func(m map[string]any) { m["extra"] = 1 }),
		"short header":    mutate(func(m map[string]any) { proof(m)["header"] = proof(m)["header"].(string)[2:] }),
		"uppercase hex":   mutate(func(m map[string]any) { proof(m)["header"] = strings.ToUpper(proof(m)["header"].(string)) }),
		"index past size": mutate(func(m map[string]any) { proof(m)["leafIndex"] = 10 }),
		"zero tree size":  mutate(func(m map[string]any) { proof(m)["treeSize"] = 0 }),
		"path too long":   mutate(func(m map[string]any) { proof(m)["path"] = append(proof(m)["path"].([]any), strings.Repeat("00", 32)) }),
		"path too short":  mutate(func(m map[string]any) { proof(m)["path"] = proof(m)["path"].([]any)[1:] }),
		"bad path hex":    mutate(func(m map[string]any) { proof(m)["path"].([]any)[0] = strings.Repeat("zz", 32) }),
		"seed and salts": mutate(func(m map[string]any) {
			m["disclosure"].(map[string]any)["salts"] = map[string]any{"/id": strings.Repeat("00", 16)}
		}),
		"no disclosure":       mutate(func(m map[string]any) { m["disclosure"] = map[string]any{} }),
		"credential array":    mutate(func(m map[string]any) { m["credential"] = []any{1} }),
		"negative index":      bytes.Replace(good, []byte(`"leafIndex": 3`), []byte(`"leafIndex": -3`), 1),
		"duplicate member":    bytes.Replace(good, []byte(`"format"`), []byte(`"format": "x", "format"`), 1),
		"trailing garbage":    append(bytes.Clone(good), []byte("{}")...),
		"address without 0x":  mutate(func(m map[string]any) { m["anchor"].(map[string]any)["registry"] = strings.Repeat("aa", 20) }),
		"not JSON":            []byte("{nope"),
		"oversized":           append(bytes.Clone(good), bytes.Repeat([]byte(" "), bundle.MaxSize)...),
		"v2 hidden as a list": mutateSelective(func(d map[string]any) { d["hidden"] = []any{strings.Repeat("00", 32)} }),
		"v2 hidden empty":     mutateSelective(func(d map[string]any) { d["hidden"] = map[string]any{} }),
		"v2 hidden not a pointer": mutateSelective(func(d map[string]any) {
			d["hidden"] = map[string]any{"credentialSubject": strings.Repeat("00", 32)}
		}),
		"v2 hidden short commitment": mutateSelective(func(d map[string]any) {
			d["hidden"] = map[string]any{"/credentialSubject/identifier": "00"}
		}),
		"v1 hidden as an object": mutateSelective(func(d map[string]any) {
			ms["format"] = bundle.FormatV1
		}),
		"v1 hidden empty": mutateSelective(func(d map[string]any) {
			ms["format"] = bundle.FormatV1
			d["hidden"] = []any{}
		}),
		"hidden null":                 mutateSelective(func(d map[string]any) { d["hidden"] = nil }),
		"30,000-member object":        hostile.ManyMembers(30_000),
		"member name in another case": bytes.Replace(good, []byte(`"credential"`), []byte(`"Credential"`), 1),
		"nested name in another case": bytes.Replace(good, []byte(`"leafIndex"`), []byte(`"LeafIndex"`), 1),
	}
	for name, data := range cases {
		if _, err := bundle.ParseJSON(data); !errors.Is(err, bundle.ErrInvalid) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := bundle.ParseJSON(good); err != nil {
		t.Fatalf("good bundle rejected: %v", err)
	}
	if _, err := bundle.ParseJSON(selective); err != nil {
		t.Fatalf("good selective bundle rejected: %v", err)
	}
}

func TestParseCompactRejects(t *testing.T) {
	b := bundleInBatch(t, cohort(t)[2], 0, 3)
	cs1, _ := b.EncodeCompact()
	body := cs1[len(bundle.Prefix):]
	cases := map[string]string{
		"no prefix":        body,
		"lowercase prefix": "cs1:" + body,
		"truncated":        cs1[:len(cs1)-7],
		"bad character":    bundle.Prefix + "ab" + body[2:],
		"base45 overflow":  bundle.Prefix + ":::" + body,  // 44+44*45+44*2025 > 65535 (RFC 9285 §4)
		"not zlib":         bundle.Prefix + "%69 VD92EX0", // base45 of "Hello!!"
		"dangling char":    cs1 + "A",
		"final overflow":   bundle.Prefix + body[:len(body)/3*3] + "::",
		"empty":            bundle.Prefix,
	}
	for name, s := range cases {
		if _, err := bundle.ParseCompact(s); !errors.Is(err, bundle.ErrInvalid) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := bundle.Parse([]byte("hello")); !errors.Is(err, bundle.ErrUnrecognised) {
		t.Errorf("plain text: err = %v", err)
	}
}

// fuzzSeeds are a full and a selective bundle of each version.
func fuzzSeeds(f *testing.F) []*bundle.Bundle {
	b := bundleInBatch(f, cohort(f)[0], 1, 5)
	js, _ := cohort(f)[0].JSON()
	out := []*bundle.Bundle{b}
	for _, v := range []credential.Version{credential.V2, credential.V1} {
		full := b.Clone()
		full.Disclosure.Version = v
		out = append(out, full, withHidden(f, full, js, "/credentialSubject/identifier", "/credentialSubject/achievement/skills"))
	}
	return out
}

func FuzzParseJSON(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		good, _ := b.MarshalJSON()
		f.Add(good)
	}
	f.Add([]byte(`{"format":"credseal-bundle/1"}`))
	f.Add([]byte(`{"format":"credseal-bundle/2","disclosure":{"salts":{},"hidden":{"/a":"00"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := bundle.ParseJSON(data)
		if err != nil {
			return
		}
		// Whatever decodes re-encodes and decodes to the same bundle.
		again, err := got.MarshalJSON()
		if err != nil {
			t.Fatalf("decoded bundle does not re-encode: %v", err)
		}
		if _, err := bundle.ParseJSON(again); err != nil {
			t.Fatalf("re-encoded bundle rejected: %v", err)
		}
	})
}

func FuzzParseCompact(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		cs1, _ := b.EncodeCompact()
		f.Add(cs1)
	}
	f.Add("CS1:")
	f.Add("CS1:::::")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := bundle.Parse([]byte(s))
		if err != nil {
			return
		}
		if _, err := got.EncodeCompact(); err != nil {
			t.Fatalf("decoded bundle does not re-encode: %v", err)
		}
	})
}
