package oa

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// vectors returns the wrapped documents in testdata by name (file name
// without .json); names starting with "bad-" are ones the library rejects.
func vectors(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors in testdata: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = b
	}
	return out
}

func goodVectors(t testing.TB) map[string][]byte {
	out := vectors(t)
	for name := range out {
		if strings.HasPrefix(name, "bad-") {
			delete(out, name)
		}
	}
	return out
}

func mustParse(t testing.TB, b []byte) *Document {
	t.Helper()
	d, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// decode reads JSON keeping numbers as written.
func decode(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func encode(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVectorsVerify(t *testing.T) {
	for name, b := range goodVectors(t) {
		d := mustParse(t, b)
		if err := d.CheckIntegrity(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if err := d.CheckProof(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		hs := d.IntermediateHashes()
		if s := d.Signature(); len(hs) != len(s.Proof)+1 || hs[0] != s.TargetHash || hs[len(hs)-1] != s.MerkleRoot {
			t.Errorf("%s: intermediate hashes do not run from targetHash to merkleRoot", name)
		}
	}
}

// TestBatchShape checks the batch of seven: one root, proofs of three
// hashes except for the leaf promoted unpaired, which has two.
func TestBatchShape(t *testing.T) {
	lengths := map[int]int{}
	var root [32]byte
	for i := range 7 {
		s := mustParse(t, vectors(t)["batch7-"+strconv.Itoa(i)]).Signature()
		if i > 0 && s.MerkleRoot != root {
			t.Errorf("batch7-%d has another merkle root", i)
		}
		root = s.MerkleRoot
		lengths[len(s.Proof)]++
	}
	if !reflect.DeepEqual(lengths, map[int]int{3: 6, 2: 1}) {
		t.Errorf("proof lengths %v, want six of 3 and one of 2", lengths)
	}
	s := mustParse(t, vectors(t)["single"]).Signature()
	if len(s.Proof) != 0 || s.MerkleRoot != s.TargetHash || s.Type != SignatureType {
		t.Errorf("single: %+v", s)
	}
}

// The library leaves a hole when it obfuscates an array element; written
// as JSON the hole is null, and neither the library nor this package
// verifies the document.
func TestBadVector(t *testing.T) {
	d := mustParse(t, vectors(t)["bad-obfuscated-array"])
	if err := d.CheckIntegrity(); !errors.Is(err, ErrTargetHash) {
		t.Errorf("CheckIntegrity = %v, want ErrTargetHash", err)
	}
	if err := d.CheckProof(); err != nil {
		t.Errorf("CheckProof = %v", err)
	}
}

// leafSetters returns, for every flattened leaf under v, a function that
// sets it to a given value.
func leafSetters(v any) []func(any) any {
	var out []func(any) any
	var walk func(v any)
	add := func(get func() any, set func(any)) {
		child := get()
		switch c := child.(type) {
		case map[string]any:
			if len(c) > 0 {
				walk(c)
				return
			}
		case []any:
			if len(c) > 0 {
				walk(c)
				return
			}
		}
		out = append(out, func(nv any) any { old := get(); set(nv); return old })
	}
	walk = func(v any) {
		switch c := v.(type) {
		case map[string]any:
			for k := range c {
				add(func() any { return c[k] }, func(nv any) { c[k] = nv })
			}
		case []any:
			for i := range c {
				add(func() any { return c[i] }, func(nv any) { c[i] = nv })
			}
		}
	}
	walk(v)
	return out
}

// altered returns a different value of the same kind.
func altered(v any) any {
	switch x := v.(type) {
	case string:
		return x + "x"
	case json.Number:
		if x == "7" {
			return json.Number("8")
		}
		return json.Number("7")
	case bool:
		return !x
	case nil:
		return "x"
	case []any:
		return []any{"x"}
	}
	return map[string]any{"k": "x"}
}

func TestTamperEveryDataValue(t *testing.T) {
	for name, b := range goodVectors(t) {
		doc := decode(t, b).(map[string]any)
		setters := leafSetters(doc["data"])
		if len(setters) < 3 {
			t.Fatalf("%s: only %d leaves", name, len(setters))
		}
		for i, set := range setters {
			old := set(nil)
			set(altered(old))
			d, err := Parse(encode(t, doc))
			set(old)
			if err != nil {
				t.Fatalf("%s leaf %d: %v", name, i, err)
			}
			if err := d.CheckIntegrity(); !errors.Is(err, ErrTargetHash) {
				t.Errorf("%s: altering leaf %d (%v): CheckIntegrity = %v", name, i, old, err)
			}
			if err := d.CheckProof(); err != nil {
				t.Errorf("%s: altering data broke the proof: %v", name, err)
			}
		}
		// Re-encoding with Go's escaping changes no hash.
		if err := mustParse(t, encode(t, doc)).CheckIntegrity(); err != nil {
			t.Errorf("%s re-encoded: %v", name, err)
		}
	}
}

func TestTamperStructure(t *testing.T) {
	b := vectors(t)["batch7-3"]
	check := func(what string, edit func(data map[string]any)) {
		t.Helper()
		doc := decode(t, b).(map[string]any)
		edit(doc["data"].(map[string]any))
		if err := mustParse(t, encode(t, doc)).CheckIntegrity(); !errors.Is(err, ErrTargetHash) {
			t.Errorf("%s: CheckIntegrity = %v, want ErrTargetHash", what, err)
		}
	}
	check("drop a field", func(d map[string]any) { delete(d, "id") })
	check("add a field", func(d map[string]any) { d["extra"] = "x" })
	check("move a value", func(d map[string]any) { d["id2"] = d["id"]; delete(d, "id") })
	check("swap two array elements", func(d map[string]any) {
		g := d["grades"].([]any)
		g[0], g[1] = g[1], g[0]
	})
}

// flip changes the first hex digit of a 64-digit hash.
func flip(h string) string {
	c := "1"
	if h[0] == '1' {
		c = "2"
	}
	return c + h[1:]
}

func TestTamperSignature(t *testing.T) {
	b := vectors(t)["batch7-0"]
	run := func(what string, wantIntegrity, wantProof error, edit func(sig map[string]any)) {
		t.Helper()
		doc := decode(t, b).(map[string]any)
		edit(doc["signature"].(map[string]any))
		d := mustParse(t, encode(t, doc))
		if err := d.CheckIntegrity(); !errors.Is(err, wantIntegrity) || (err == nil) != (wantIntegrity == nil) {
			t.Errorf("%s: CheckIntegrity = %v, want %v", what, err, wantIntegrity)
		}
		if err := d.CheckProof(); !errors.Is(err, wantProof) || (err == nil) != (wantProof == nil) {
			t.Errorf("%s: CheckProof = %v, want %v", what, err, wantProof)
		}
	}
	proof := func(s map[string]any) []any { return s["proof"].([]any) }
	run("targetHash", ErrTargetHash, ErrMerkleProof, func(s map[string]any) { s["targetHash"] = flip(s["targetHash"].(string)) })
	// The library compares targetHash as text, so upper case fails
	// integrity, while the proof reads it as bytes.
	run("upper-case targetHash", ErrTargetHash, nil, func(s map[string]any) { s["targetHash"] = strings.ToUpper(s["targetHash"].(string)) })
	run("upper-case merkleRoot", nil, nil, func(s map[string]any) { s["merkleRoot"] = strings.ToUpper(s["merkleRoot"].(string)) })
	run("merkleRoot", nil, ErrMerkleProof, func(s map[string]any) { s["merkleRoot"] = flip(s["merkleRoot"].(string)) })
	for i := range 3 {
		run("proof element "+strconv.Itoa(i), nil, ErrMerkleProof, func(s map[string]any) { p := proof(s); p[i] = flip(p[i].(string)) })
		run("drop proof element "+strconv.Itoa(i), nil, ErrMerkleProof, func(s map[string]any) {
			s["proof"] = append(append([]any{}, proof(s)[:i]...), proof(s)[i+1:]...)
		})
	}
	run("reorder proof", nil, ErrMerkleProof, func(s map[string]any) { p := proof(s); p[0], p[1] = p[1], p[0] })
	run("reverse proof", nil, ErrMerkleProof, func(s map[string]any) { p := proof(s); p[0], p[2] = p[2], p[0] })
	run("extra proof element", nil, ErrMerkleProof, func(s map[string]any) { s["proof"] = append(proof(s), s["targetHash"]) })
	run("empty proof", nil, ErrMerkleProof, func(s map[string]any) { s["proof"] = []any{} })
}

func TestTamperObfuscated(t *testing.T) {
	b := vectors(t)["obfuscated"]
	if n := mustParse(t, b).Obfuscated(); n != 4 {
		t.Errorf("Obfuscated = %d, want 4", n)
	}
	if n := mustParse(t, vectors(t)["single"]).Obfuscated(); n != 0 {
		t.Errorf("single: Obfuscated = %d", n)
	}
	for what, edit := range map[string]func([]any) []any{
		"drop a hidden hash":  func(h []any) []any { return h[1:] },
		"alter a hidden hash": func(h []any) []any { h[0] = flip(h[0].(string)); return h },
		"add a hidden hash":   func(h []any) []any { return append(h, strings.Repeat("ab", 32)) },
	} {
		doc := decode(t, b).(map[string]any)
		p := doc["privacy"].(map[string]any)
		p["obfuscatedData"] = edit(p["obfuscatedData"].([]any))
		if err := mustParse(t, encode(t, doc)).CheckIntegrity(); !errors.Is(err, ErrTargetHash) {
			t.Errorf("%s: CheckIntegrity = %v", what, err)
		}
	}
	d := mustParse(t, b)
	for _, hidden := range []string{"recipient.email", "recipient.address.city", "honours"} {
		if v, ok := d.Field(hidden); ok {
			t.Errorf("hidden field %s = %q", hidden, v)
		}
	}
	if v, _ := d.Field("recipient.name"); v != "🎓 Ana 👩🏽‍🎓 Lima" {
		t.Errorf("recipient.name = %q", v)
	}
}

// expectedFields flattens the library's getData output as the library
// does, each value as its display text.
func expectedFields(prefix string, v any, out map[string]string) {
	var kids map[string]any
	switch c := v.(type) {
	case map[string]any:
		kids = c
	case []any:
		kids = map[string]any{}
		for i, e := range c {
			kids[strconv.Itoa(i)] = e
		}
	}
	for k, e := range kids {
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		switch c := e.(type) {
		case map[string]any:
			if len(c) > 0 {
				expectedFields(path, c, out)
				continue
			}
			out[path] = ""
		case []any:
			if len(c) > 0 {
				expectedFields(path, c, out)
				continue
			}
			out[path] = ""
		case string:
			out[path] = c
		case json.Number:
			out[path] = string(c) // JSON.stringify writes String(n) for finite n
		case bool:
			out[path] = strconv.FormatBool(c)
		case nil:
			out[path] = "null"
		}
	}
}

func TestFieldMatchesGetData(t *testing.T) {
	for name, b := range goodVectors(t) {
		u, err := os.ReadFile(filepath.Join("testdata", "unsalted", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		expectedFields("", decode(t, u), want)
		d := mustParse(t, b)
		if len(want) != len(d.byPath) {
			t.Errorf("%s: %d fields, getData has %d", name, len(d.byPath), len(want))
		}
		for path, w := range want {
			if got, ok := d.Field(path); !ok || got != w {
				t.Errorf("%s: Field(%q) = %q, %v; want %q", name, path, got, ok, w)
			}
		}
		if _, ok := d.Field("no.such.path"); ok {
			t.Errorf("%s: Field of a missing path is ok", name)
		}
	}
	// Spot checks of the library's unsalting quirks.
	d := mustParse(t, vectors(t)["batch7-6"])
	for path, want := range map[string]string{
		"recipient.name": " trailing space", // unsalt trims the end
		"grades.1":       "1e+21",
		"grades.3":       "0", // -0
		"thesis":         "null",
		"honours":        "true",
		"nested.0.1.1":   "",
		"10":             "ten",
	} {
		if got, ok := d.Field(path); !ok || got != want {
			t.Errorf("Field(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
}

func TestIssuers(t *testing.T) {
	const store = "0x8bA63EAB43342AAc3AdBB4B827b68Cf4aAE5Caca"
	v := vectors(t)
	for name, want := range map[string][]Issuer{
		"batch7-2": {{Name: "Example University", DocumentStore: store, IdentityProofType: "DNS-TXT", IdentityProofLocation: "example.edu"}},
		"pair-0": {
			{Name: "First & Co", DocumentStore: store, IdentityProofType: "DNS-TXT", IdentityProofLocation: "example.edu"},
			// written in lower case, returned checksummed
			{Name: "Second </script>", DocumentStore: store, IdentityProofType: "DNS-TXT", IdentityProofLocation: "example.edu"},
		},
		"pair-1": {{Name: "Token Issuer", TokenRegistry: "0x13249BA1Ec6B957Eb35D34D7b9fE5D91dF225B5B", IdentityProofType: "DNS-TXT", IdentityProofLocation: "tradetrust.example"}},
	} {
		got, err := mustParse(t, v[name]).Issuers()
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Issuers = %+v, %v; want %+v", name, got, err, want)
		}
	}
	if _, err := mustParse(t, v["raw-values"]).Issuers(); !errors.Is(err, ErrMalformed) {
		t.Errorf("no issuers: %v", err)
	}
	for what, value := range map[string]any{
		"bad checksum":  "0x8Ba63EAB43342AAc3AdBB4B827b68Cf4aAE5Caca",
		"short address": "0x8bA63EAB43342AAc3AdBB4B827b68Cf4aAE5Cac",
		"a number":      json.Number("5"),
		"salted number": "3cf9ea51-ceae-4c81-b79e-add0ce81b25a:number:5",
	} {
		doc := decode(t, v["single"]).(map[string]any)
		doc["data"].(map[string]any)["issuers"].([]any)[0].(map[string]any)["documentStore"] = value
		if _, err := mustParse(t, encode(t, doc)).Issuers(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Issuers error = %v, want ErrMalformed", what, err)
		}
	}
	doc := decode(t, v["single"]).(map[string]any)
	is := doc["data"].(map[string]any)["issuers"].([]any)[0].(map[string]any)
	is["certificateStore"] = "0x13249ba1ec6b957eb35d34d7b9fe5d91df225b5b"
	got, err := mustParse(t, encode(t, doc)).Issuers()
	if err != nil || got[0].DocumentStore != "0x13249BA1Ec6B957Eb35D34D7b9fE5D91dF225B5B" {
		t.Errorf("certificateStore not preferred: %+v, %v", got, err)
	}
}

func TestParseErrors(t *testing.T) {
	single := string(vectors(t)["single"])
	// edit returns single with the first occurrence of old replaced.
	edit := func(old, new string) string {
		if !strings.Contains(single, old) {
			t.Fatalf("vector has no %q", old)
		}
		return strings.Replace(single, old, new, 1)
	}
	sig := decode(t, []byte(single)).(map[string]any)["signature"].(map[string]any)
	target := sig["targetHash"].(string)
	for _, c := range []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrNotOpenAttestation},
		{"not JSON", "hello", ErrNotOpenAttestation},
		{"null", "null", ErrNotOpenAttestation},
		{"array", "[1]", ErrNotOpenAttestation},
		{"no version", `{"data":{}}`, ErrNotOpenAttestation},
		{"v3", `{"version":"https://schema.openattestation.com/3.0/schema.json"}`, ErrNotOpenAttestation},
		{"W3C VC", `{"@context":["https://www.w3.org/2018/credentials/v1"],"type":["VerifiableCredential"]}`, ErrNotOpenAttestation},
		{"trailing data", single + "{}", ErrNotOpenAttestation},
		{"too large", single + strings.Repeat(" ", MaxDocumentSize), ErrTooLarge},
		{"no data", edit(`"data"`, `"datum"`), ErrMalformed},
		{"data array", `{"version":"` + SchemaV2 + `","data":[]}`, ErrMalformed},
		{"no signature", edit(`"signature"`, `"signatures"`), ErrMalformed},
		{"signature type", edit(`"SHA3MerkleProof"`, `"OpenAttestationSignature2018"`), ErrMalformed},
		{"short targetHash", edit(`"`+target+`"`, `"`+target[2:]+`"`), ErrMalformed},
		{"0x targetHash", edit(`"`+target+`"`, `"0x`+target[2:]+`"`), ErrMalformed},
		{"non-hex merkleRoot", edit(`"merkleRoot": "`+target[:1], `"merkleRoot": "g`), ErrMalformed},
		{"targetHash number", edit(`"`+target+`"`, `1`), ErrMalformed},
		{"proof not array", edit(`"proof": []`, `"proof": "x"`), ErrMalformed},
		{"bad proof element", edit(`"proof": []`, `"proof": ["ab"]`), ErrMalformed},
		{"obfuscatedData null", edit(`"signature"`, `"privacy":{"obfuscatedData":null},"signature"`), ErrMalformed},
		{"obfuscated not hex", edit(`"signature"`, `"privacy":{"obfuscatedData":["zz"]},"signature"`), ErrMalformed},
		{"privacy array", edit(`"signature"`, `"privacy":[],"signature"`), ErrMalformed},
		{"dotted key", edit(`"recipient"`, `"recip.ient"`), ErrMalformed},
		{"top-level __proto__", edit(`"data": {`, `"data": {"__proto__": "x",`), ErrMalformed},
		{"empty key collision", edit(`"data": {`, `"data": {"": {"recipient": {"name": "x"}},`), ErrMalformed},
		{"dotted targetHash key", edit(`"signature"`, `"signature.targetHash":"`+target+`","signature"`), ErrMalformed},
		{"dotted privacy key", edit(`"signature"`, `"privacy.obfuscatedData":[],"signature"`), ErrMalformed},
		{"lone high surrogate", edit(`"data": {`, `"data": {"s": "\ud800x",`), ErrMalformed},
		{"lone low surrogate", edit(`"data": {`, `"data": {"s": "\udc00",`), ErrMalformed},
		{"invalid UTF-8", edit(`"data": {`, "\"data\": {\"s\": \"\xff\","), ErrMalformed},
		// encoding/json refuses nesting deeper than 10000 before the version is read.
		{"too deep", edit(`"data": {`, `"data": {"s": `+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+`,`), ErrNotOpenAttestation},
		{"too wide", edit(`"data": {`, `"data": {"`+strings.Repeat("k", 1000)+`": [`+strings.Repeat("1,", 9000)+`1],`), ErrMalformed},
	} {
		_, err := Parse([]byte(c.in))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: Parse error = %v, want %v", c.name, err, c.want)
		}
	}
	// What is accepted: a paired surrogate escape, a null or missing proof,
	// a null privacy, a nested "__proto__", "" below the top level.
	for name, in := range map[string]string{
		"surrogate pair": edit(`"data": {`, `"data": {"s": "\ud83d\ude00 \\ud800",`),
		"null proof":     edit(`"proof": []`, `"proof": null`),
		"no proof":       edit(`"proof": [],`, ``),
		"null privacy":   edit(`"signature"`, `"privacy":null,"signature"`),
		"nested proto":   edit(`"data": {`, `"data": {"a": {"__proto__": "x", "": "y"},`),
	} {
		d, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := d.CheckProof(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDigestEmptyData(t *testing.T) {
	d := mustParse(t, []byte(`{"version":"`+SchemaV2+`","data":{},"signature":{"type":"SHA3MerkleProof","targetHash":"`+
		strings.Repeat("0", 64)+`","merkleRoot":"`+strings.Repeat("0", 64)+`"}}`))
	sum, err := d.Digest()
	// keccak256("[]"), as the library computes for no fields.
	if want := "518674ab2b227e5f11e9084f615d57663cde47bce1ba168b4c19c7ee22a73d70"; err != nil || hex.EncodeToString(sum[:]) != want {
		t.Errorf("Digest = %x, %v; want %s", sum, err, want)
	}
}
