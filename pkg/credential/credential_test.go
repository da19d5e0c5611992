package credential

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"
)

// sampleDocument is a realistic credential with every optional member set.
func sampleDocument() *Document {
	return &Document{
		Context: DefaultContext,
		ID:      "urn:uuid:0b5e2a54-8a44-4c1a-9a55-6f2f3f1a9d01",
		Type:    CredentialType,
		Issuer: Profile{ID: "did:web:registrar.example.edu", Type: ProfileType,
			Name: "Université de Lumière", URL: "https://registrar.example.edu"},
		ValidFrom:  "2026-06-30T00:00:00Z",
		ValidUntil: "2029-06-30T00:00:00Z",
		Subject: Subject{Type: SubjectType, Name: "Zoë Müller-Øberg", Identifier: "s1234567@student.example.edu",
			Achievement: Achievement{ID: "https://registrar.example.edu/achievements/de-101", Type: AchievementType,
				Name: "Data Engineering Foundations", Description: "Design and operate reliable data pipelines.",
				Criteria: &Criteria{Narrative: "Passed four projects and a proctored exam."},
				Credits:  7.5, Level: "EQF 6", Skills: []string{"SQL", "Apache Kafka", "Data modelling"}}},
	}
}

func mustJSON(t testing.TB, d *Document) []byte {
	t.Helper()
	b, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readVector reads a digest vector into v and returns its document's
// fields and its seed, after checking it lists as many fields as Parse finds.
func readVector(t *testing.T, path string, v any, doc, seedHex *string, listed func() int) ([]Field, Seed) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
	fields, err := Parse([]byte(*doc))
	if err != nil {
		t.Fatal(err)
	}
	var seed Seed
	hex.Decode(seed[:], []byte(*seedHex))
	if len(fields) != listed() {
		t.Fatalf("%d fields, vector has %d", len(fields), listed())
	}
	return fields, seed
}

func TestGoldenDigestV1FromIndependentImplementation(t *testing.T) {
	var v struct {
		Document, Seed, Digest string
		Fields                 []struct{ Pointer, Salt, Hash string }
	}
	fields, seed := readVector(t, "../../testdata/digest-vector-v1.json", &v, &v.Document, &v.Seed, func() int { return len(v.Fields) })
	for i, f := range fields {
		want := v.Fields[i]
		salt := seed.Salt(f.Pointer)
		if f.Pointer != want.Pointer || hex.EncodeToString(salt[:]) != want.Salt {
			t.Fatalf("field %d: %s salt %x, want %s salt %s", i, f.Pointer, salt, want.Pointer, want.Salt)
		}
		if h := FieldHashV1(salt, f); hex.EncodeToString(h[:]) != want.Hash {
			t.Errorf("field %s: hash %x, want %s", f.Pointer, h, want.Hash)
		}
	}
	got, err := Digest(fields, Disclosure{Version: V1, Seed: &seed})
	if err != nil || hex.EncodeToString(got[:]) != v.Digest {
		t.Fatalf("digest %x (%v), want %s", got, err, v.Digest)
	}
}

// TestGoldenDigestV2FromIndependentImplementation checks every salt,
// commitment, field hash and the digest against testdata/digest_vector.py,
// and that hiding the vector's fields shows exactly its commitments.
func TestGoldenDigestV2FromIndependentImplementation(t *testing.T) {
	var v struct {
		Document, Seed, Digest string
		Fields                 []struct{ Pointer, Value, Salt, Commitment, Hash string }
		Hide                   []string
		Withheld               map[string]string
	}
	fields, seed := readVector(t, "../../testdata/digest-vector.json", &v, &v.Document, &v.Seed, func() int { return len(v.Fields) })
	for i, f := range fields {
		want := v.Fields[i]
		salt := seed.Salt(f.Pointer)
		c := Commit(salt, f.Value)
		h := V2.FieldHash(salt, f)
		if f.Pointer != want.Pointer || string(f.Value) != want.Value || hex.EncodeToString(salt[:]) != want.Salt {
			t.Fatalf("field %d: %s = %s salt %x; vector %s = %s salt %s", i, f.Pointer, f.Value, salt, want.Pointer, want.Value, want.Salt)
		}
		if hex.EncodeToString(c[:]) != want.Commitment || hex.EncodeToString(h[:]) != want.Hash {
			t.Errorf("field %s: commitment %x hash %x; vector %s %s", f.Pointer, c, h, want.Commitment, want.Hash)
		}
	}
	got, err := Digest(fields, Disclosure{Version: V2, Seed: &seed})
	if err != nil || hex.EncodeToString(got[:]) != v.Digest {
		t.Fatalf("digest %x (%v), want %s", got, err, v.Digest)
	}
	shown, d, err := Hide([]byte(v.Document), Disclosure{Version: V2, Seed: &seed}, v.Hide...)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Withheld) != len(v.Withheld) {
		t.Fatalf("%d withheld, vector %d", len(d.Withheld), len(v.Withheld))
	}
	for p, c := range d.Withheld {
		if hex.EncodeToString(c[:]) != v.Withheld[p] {
			t.Errorf("withheld %s: %x, vector %s", p, c, v.Withheld[p])
		}
	}
	sf, _ := Parse(shown)
	if again, err := Digest(sf, d); err != nil || again != got {
		t.Fatalf("selective digest %x, %v", again, err)
	}
}

func TestFieldArrayIsJCS(t *testing.T) {
	values := []string{`"plain"`, `"Zoë \"Zee\" Müller\\"`, "\"tab\\there\\u0001\\u001f\\u007f\"", `"emoji 🎓 and \u2028"`,
		`7.5`, `1e21`, `1E-7`, `0.1`, `-0`, `100`, `123456789012345678901`, `true`, `null`, `{}`, `[]`}
	for _, v := range values {
		f := Field{Pointer: "/a~1b/ünï\"q", Value: nil}
		switch {
		case v[0] == '"':
			var s string
			if err := json.Unmarshal([]byte(v), &s); err != nil {
				t.Fatal(err)
			}
			f.Value = appendString(nil, s)
		case v == "{}" || v == "[]" || v == "true" || v == "null":
			f.Value = []byte(v)
		default:
			var err error
			if f.Value, err = canonicalNumber(v); err != nil {
				t.Fatal(err)
			}
		}
		arr := appendFieldArray(nil, Salt{1, 2, 3}, f)
		canon, err := jcs.Transform(arr)
		if err != nil {
			t.Fatalf("%s: %v", arr, err)
		}
		if !bytes.Equal(arr, canon) {
			t.Errorf("value %s: ours %s, JCS %s", v, arr, canon)
		}
	}
}

func FuzzFieldArrayIsJCS(f *testing.F) {
	f.Add("/credentialSubject/name", "Zoë", 7.5)
	f.Add("/a~0b", "\x00\x1f\"\\\u2028", 1e-7)
	f.Fuzz(func(t *testing.T, pointer, s string, num float64) {
		if !utf8Valid(pointer) || !utf8Valid(s) {
			return
		}
		for _, value := range [][]byte{appendString(nil, s), mustFloat(num)} {
			if value == nil {
				continue
			}
			arr := appendFieldArray(nil, Salt{9}, Field{Pointer: pointer, Value: value})
			canon, err := jcs.Transform(arr)
			if err != nil {
				t.Fatalf("%q: %v", arr, err)
			}
			if !bytes.Equal(arr, canon) {
				t.Fatalf("ours %q, JCS %q", arr, canon)
			}
		}
	})
}

func utf8Valid(s string) bool { _, err := canonicalString(s); return err == nil }

func mustFloat(f float64) []byte {
	b, err := canonicalFloat(f)
	if err != nil {
		return nil
	}
	return b
}

// randomDocument varies every optional and list member, including empty ones.
func randomDocument(r *rand.Rand) *Document {
	texts := []string{"", "Ada", "Zoë \"Zee\" Müller", "tab\tnew\nline", "<b>&amp;</b>", "日本語", "a/b~c", "🎓"}
	pick := func() string { return texts[r.IntN(len(texts))] }
	list := func() []string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		l := make([]string, 1+r.IntN(3))
		for i := range l {
			l[i] = pick()
		}
		return l
	}
	d := sampleDocument()
	d.Context, d.Type, d.Issuer.Type, d.Subject.Type = list(), list(), list(), list()
	d.ID, d.Issuer.URL, d.ValidUntil, d.Subject.Identifier = pick(), pick(), pick(), pick()
	a := &d.Subject.Achievement
	a.ID, a.Description, a.Level, a.Skills, a.Type = pick(), pick(), pick(), list(), list()
	a.Credits = []float64{0, 7.5, 1e21, 0.1, 3, 1e-7}[r.IntN(6)]
	switch r.IntN(3) {
	case 0:
		a.Criteria = nil
	case 1:
		a.Criteria = &Criteria{}
	default:
		a.Criteria = &Criteria{Narrative: pick()}
	}
	return d
}

func TestTypedFieldsMatchParsedJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for i := range 2000 {
		d := randomDocument(r)
		parsed, err := Parse(mustJSON(t, d))
		if err != nil {
			t.Fatal(err)
		}
		typed := d.Fields()
		if len(parsed) != len(typed) {
			t.Fatalf("doc %d: %d parsed fields, %d typed\n%s", i, len(parsed), len(typed), mustJSON(t, d))
		}
		for k := range parsed {
			if parsed[k].Pointer != typed[k].Pointer || !bytes.Equal(parsed[k].Value, typed[k].Value) {
				t.Fatalf("doc %d field %d: parsed %s=%s, typed %s=%s", i, k, parsed[k].Pointer, parsed[k].Value, typed[k].Pointer, typed[k].Value)
			}
		}
	}
}

func TestParseRejects(t *testing.T) {
	big := `{"x":"` + strings.Repeat("a", MaxDocumentSize) + `"}`
	deep := strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1)
	cases := []struct {
		name, doc string
		want      error
	}{
		{"malformed", `{"a":`, ErrInvalidJSON},
		{"single quotes", `{'a':1}`, ErrInvalidJSON},
		{"trailing comma", `{"a":1,}`, ErrInvalidJSON},
		{"trailing data", `{"a":1} {}`, ErrInvalidJSON},
		{"duplicate key", `{"a":1,"a":2}`, ErrDuplicateKey},
		{"nested duplicate", `{"a":{"b":1,"b":1}}`, ErrDuplicateKey},
		{"not UTF-8", "{\"a\":\"\xff\"}", ErrInvalidUTF8},
		{"too large", big, ErrTooLarge},
		{"array", `[1,2]`, ErrNotObject},
		{"string", `"x"`, ErrNotObject},
		{"too deep", deep, ErrTooDeep},
		{"infinite number", `{"a":1e400}`, ErrInvalidJSON},
		{"empty", ``, ErrInvalidJSON},
	}
	for _, c := range cases {
		if _, err := Parse([]byte(c.doc)); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := Parse([]byte(`{"a":{},"b":[],"c":null,"d":[{}],"e/~":1}`)); err != nil {
		t.Errorf("valid document rejected: %v", err)
	}
}

func TestValidate(t *testing.T) {
	if err := sampleDocument().Validate(); err != nil {
		t.Fatalf("sample: %v", err)
	}
	cases := map[string]func(d *Document){
		"no name":            func(d *Document) { d.Subject.Name = "" },
		"no title":           func(d *Document) { d.Subject.Achievement.Name = "" },
		"no issuer":          func(d *Document) { d.Issuer.Name = "" },
		"bad date":           func(d *Document) { d.ValidFrom = "30/06/2026" },
		"until before from":  func(d *Document) { d.ValidUntil = "2020-01-01T00:00:00Z" },
		"negative credits":   func(d *Document) { d.Subject.Achievement.Credits = -1 },
		"invalid UTF-8":      func(d *Document) { d.Subject.Name = "Zo\xeb" },
		"overlong skill":     func(d *Document) { d.Subject.Achievement.Skills = []string{strings.Repeat("x", maxText+1)} },
		"invalid UTF-8 list": func(d *Document) { d.Subject.Achievement.Skills = []string{"ok", "\xff"} },
	}
	for name, mutate := range cases {
		d := sampleDocument()
		mutate(d)
		if err := d.Validate(); !errors.Is(err, ErrInvalidDocument) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestEveryValueChangeChangesDigest(t *testing.T) {
	d := sampleDocument()
	seed := Seed{7}
	doc := mustJSON(t, d)
	fields, _ := Parse(doc)
	want, _ := Digest(fields, Disclosure{Version: V2, Seed: &seed})
	if want != d.Digest(seed) {
		t.Fatal("typed and parsed digests differ")
	}
	// Change each character of every string value in turn.
	for i := range doc {
		c := doc[i]
		if c < 'a' || c > 'z' {
			continue
		}
		mutated := bytes.Clone(doc)
		mutated[i] = 'a' + (c-'a'+1)%26
		f, err := Parse(mutated)
		if err != nil {
			continue // the change broke a key; Digest never sees it
		}
		got, err := Digest(f, Disclosure{Version: V2, Seed: &seed})
		if err == nil && got == want {
			t.Fatalf("changing byte %d (%q) kept the digest", i, c)
		}
	}
	other := seed
	other[0]++
	if d.Digest(other) == want {
		t.Fatal("a different seed gave the same digest")
	}
}

func TestHideKeepsDigestAndRemovesValues(t *testing.T) {
	d := sampleDocument()
	seed, _ := NewSeed()
	doc := mustJSON(t, d)
	want := d.Digest(seed)
	full := Disclosure{Version: V2, Seed: &seed}

	shown, disc, err := Hide(doc, full, "/credentialSubject/identifier", "/credentialSubject/achievement/skills", "/validUntil")
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"s1234567", "Apache Kafka", "2029-06-30"} {
		if bytes.Contains(shown, []byte(secret)) {
			t.Errorf("hidden value %q still in %s", secret, shown)
		}
	}
	if disc.Seed != nil || len(disc.Withheld) != 5 || disc.Hidden != nil {
		t.Fatalf("disclosure: seed %v, %d withheld; want no seed, 5 withheld", disc.Seed, len(disc.Withheld))
	}
	wantHidden := []string{"/credentialSubject/achievement/skills/0", "/credentialSubject/achievement/skills/1",
		"/credentialSubject/achievement/skills/2", "/credentialSubject/identifier", "/validUntil"}
	if got := slices.Sorted(mapKeys(disc.Withheld)); !slices.Equal(got, wantHidden) {
		t.Fatalf("withheld pointers %v, want %v", got, wantHidden)
	}
	fields, err := Parse(shown)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Digest(fields, disc); err != nil || got != want {
		t.Fatalf("digest after hiding = %x, %v; want %x", got, err, want)
	}

	// Hiding more from a selective bundle, and a parent with its child, works too.
	shown2, disc2, err := Hide(shown, disc, "/issuer/url", "/credentialSubject/achievement", "/credentialSubject/achievement/level")
	if err != nil {
		t.Fatal(err)
	}
	fields2, _ := Parse(shown2)
	if got, err := Digest(fields2, disc2); err != nil || got != want {
		t.Fatalf("digest after hiding twice = %x, %v; want %x", got, err, want)
	}
}

func TestHidePrunesEmptiedObjects(t *testing.T) {
	doc := []byte(`{"a":{"b":{"c":1}},"keep":true,"empty":{}}`)
	seed := Seed{1}
	fields, _ := Parse(doc)
	want, _ := Digest(fields, Disclosure{Version: V2, Seed: &seed})
	shown, disc, err := Hide(doc, Disclosure{Version: V2, Seed: &seed}, "/a/b/c")
	if err != nil {
		t.Fatal(err)
	}
	if string(shown) != `{"keep":true,"empty":{}}` {
		t.Fatalf("shown = %s", shown)
	}
	f, _ := Parse(shown)
	if got, err := Digest(f, disc); err != nil || got != want {
		t.Fatalf("digest = %x, %v", got, err)
	}
}

func TestHideErrors(t *testing.T) {
	doc := mustJSON(t, sampleDocument())
	seed := Seed{2}
	full := Disclosure{Version: V2, Seed: &seed}
	cases := map[string]struct {
		pointers []string
		want     error
	}{
		"array element": {[]string{"/credentialSubject/achievement/skills/1"}, ErrCannotHide},
		"missing":       {[]string{"/credentialSubject/nickname"}, ErrNoSuchField},
		"everything":    {[]string{"/@context", "/id", "/type", "/issuer", "/validFrom", "/validUntil", "/credentialSubject"}, ErrCannotHide},
	}
	for name, c := range cases {
		if _, _, err := Hide(doc, full, c.pointers...); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
	if _, _, err := Hide(doc, full, "no-slash"); err == nil {
		t.Error("pointer without a leading slash accepted")
	}
	if _, _, err := Hide(doc, full, "/a~2b"); err == nil {
		t.Error("bad ~ escape accepted")
	}
}

func TestDisclosureMustFitDocument(t *testing.T) {
	doc := mustJSON(t, sampleDocument())
	seed := Seed{3}
	for _, v := range []Version{V1, V2} {
		shown, disc, err := Hide(doc, Disclosure{Version: v, Seed: &seed}, "/credentialSubject/identifier")
		if err != nil {
			t.Fatal(err)
		}
		fields, _ := Parse(shown)
		if _, err := Digest(fields, disc); err != nil {
			t.Fatalf("v%d: %v", v, err)
		}
		extra := disc
		extra.Salts = cloneSalts(disc.Salts)
		extra.Salts["/invented"] = Salt{}
		if _, err := Digest(fields, extra); !errors.Is(err, ErrUnusedSalt) {
			t.Errorf("v%d extra salt: %v", v, err)
		}
		missing := disc
		missing.Salts = cloneSalts(disc.Salts)
		delete(missing.Salts, "/id")
		if _, err := Digest(fields, missing); !errors.Is(err, ErrMissingSalt) {
			t.Errorf("v%d missing salt: %v", v, err)
		}
		both := Disclosure{Version: v, Seed: &seed, Salts: disc.Salts}
		if _, err := Digest(fields, both); !errors.Is(err, ErrSeedAndSalts) {
			t.Errorf("v%d seed and salts: %v", v, err)
		}
		if _, err := Digest(fields, Disclosure{Version: v}); !errors.Is(err, ErrNoDisclosure) {
			t.Errorf("v%d empty disclosure: %v", v, err)
		}
		// Adding a field to a disclosed document fails for lack of a salt.
		added := bytes.Replace(shown, []byte(`"validFrom"`), []byte(`"extra":{},"validFrom"`), 1)
		f2, _ := Parse(added)
		if _, err := Digest(f2, disc); !errors.Is(err, ErrMissingSalt) {
			t.Errorf("v%d added field: %v", v, err)
		}
		wrongForm := disc
		wrongForm.Version = 3 - v
		if _, err := Digest(fields, wrongForm); !errors.Is(err, ErrWrongHiddenForm) {
			t.Errorf("v%d hidden fields read as the other version: %v", v, err)
		}
		unknown := disc
		unknown.Version = 9
		if _, err := Digest(fields, unknown); !errors.Is(err, ErrUnknownVersion) {
			t.Errorf("version 9: %v", err)
		}
	}

	shown, disc, _ := Hide(doc, Disclosure{Version: V1, Seed: &seed}, "/credentialSubject/identifier")
	fields, _ := Parse(shown)
	twice := disc
	twice.Hidden = append(slices.Clone(disc.Hidden), disc.Hidden...)
	if _, err := Digest(fields, twice); !errors.Is(err, ErrHiddenRepeats) {
		t.Errorf("repeated hidden hash: %v", err)
	}

	shown, disc, _ = Hide(doc, Disclosure{Version: V2, Seed: &seed}, "/credentialSubject/identifier")
	fields, _ = Parse(shown)
	for name, c := range map[string]struct {
		pointer string
		want    error
	}{
		"also shown":          {"/credentialSubject/name", ErrHiddenAlsoShown},
		"above a shown field": {"/issuer", ErrHiddenAlsoShown},
		"below a shown field": {"/validFrom/day", ErrHiddenAlsoShown},
		"not a pointer":       {"validFrom", ErrBadHiddenPointer},
		"bad escape":          {"/a~2", ErrBadHiddenPointer},
	} {
		bad := disc
		bad.Withheld = maps.Clone(disc.Withheld)
		bad.Withheld[c.pointer] = Hash{1}
		if _, err := Digest(fields, bad); !errors.Is(err, c.want) {
			t.Errorf("withheld %s (%q): %v, want %v", name, c.pointer, err, c.want)
		}
	}
}

// TestHiddenPointerIsBound plays a holder who hides one field and claims
// it was another: moving a v2 commitment to any other pointer changes the
// digest, while a v1 hidden hash says nothing of its pointer.
func TestHiddenPointerIsBound(t *testing.T) {
	doc := mustJSON(t, sampleDocument())
	seed := Seed{5}
	want := sampleDocument().Digest(seed)
	shown, disc, err := Hide(doc, Disclosure{Version: V2, Seed: &seed}, "/validUntil")
	if err != nil {
		t.Fatal(err)
	}
	fields, _ := Parse(shown)
	if got, err := Digest(fields, disc); err != nil || got != want {
		t.Fatalf("genuine disclosure: %x, %v", got, err)
	}
	for _, claim := range []string{"/credentialSubject/achievement/level", "/validUntilX", "/x", "/credentialSubject/nickname"} {
		lie := disc
		lie.Withheld = map[string]Hash{claim: disc.Withheld["/validUntil"]}
		if got, err := Digest(fields, lie); err == nil && got == want {
			t.Fatalf("the hidden end date passed for %s", claim)
		}
	}
}

func TestCheckRequired(t *testing.T) {
	doc := mustJSON(t, sampleDocument())
	seed := Seed{6}
	check := func(v Version, pointers ...string) error {
		t.Helper()
		d := Disclosure{Version: v, Seed: &seed}
		shown := doc
		if len(pointers) > 0 {
			var err error
			if shown, d, err = Hide(doc, d, pointers...); err != nil {
				t.Fatal(err)
			}
		}
		fields, err := Parse(shown)
		if err != nil {
			t.Fatal(err)
		}
		return CheckRequired(fields, d)
	}
	if err := check(V2); err != nil {
		t.Fatalf("full disclosure: %v", err)
	}
	if err := check(V2, "/credentialSubject/identifier", "/credentialSubject/achievement/skills"); err != nil {
		t.Fatalf("optional fields hidden: %v", err)
	}
	for _, p := range []string{"/validUntil", "/validFrom", "/issuer/url", "/issuer/name", "/issuer/id", "/issuer",
		"/type", "/credentialSubject/name", "/credentialSubject/achievement/name", "/credentialSubject/achievement"} {
		err := check(V2, p)
		var re *RequiredError
		if !errors.As(err, &re) || !errors.Is(err, ErrRequired) || re.Problems[0].Why != "hidden" {
			t.Fatalf("hiding %s: %v", p, err)
		}
		if !strings.Contains(err.Error(), strings.TrimPrefix(re.Problems[0].Pointer, "/")) {
			t.Fatalf("hiding %s: error does not name the field: %v", p, err)
		}
	}
	// v1 hides anonymously: hiding anything leaves the end date unproven.
	if err := check(V1, "/credentialSubject/identifier"); err != nil {
		t.Fatalf("v1 hiding the identifier, end date shown: %v", err)
	}
	if err := check(V1, "/validUntil"); !errors.Is(err, ErrRequired) || !strings.Contains(err.Error(), "validUntil") {
		t.Fatalf("v1 hiding the end date: %v", err)
	}
	// Left out by an issuer, or of the wrong type.
	for name, js := range map[string]string{
		"no url":         `{"type":["VerifiableCredential"],"issuer":{"id":"x","name":"X"},"validFrom":"2026-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":"A","achievement":{"name":"T"}}}`,
		"type empty":     `{"type":[],"issuer":{"id":"x","name":"X","url":"https://x"},"validFrom":"2026-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":"A","achievement":{"name":"T"}}}`,
		"name a number":  `{"type":"VerifiableCredential","issuer":{"id":"x","name":"X","url":"https://x"},"validFrom":"2026-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":7,"achievement":{"name":"T"}}}`,
		"no valid until": `{"type":"VerifiableCredential","issuer":{"id":"x","name":"X","url":"https://x"},"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"name":"A","achievement":{"name":"T"}}}`,
	} {
		fields, err := Parse([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckRequired(fields, Disclosure{Version: V2, Seed: &seed}); !errors.Is(err, ErrRequired) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A v1 full disclosure without validUntil had no end date.
	fields, _ := Parse([]byte(`{"type":["VerifiableCredential"],"issuer":{"id":"x","name":"X","url":"https://x"},"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"name":"A","achievement":{"name":"T"}}}`))
	if err := CheckRequired(fields, Disclosure{Version: V1, Seed: &seed}); err != nil {
		t.Errorf("v1 full disclosure without an end date: %v", err)
	}
}

func TestHiddenMembers(t *testing.T) {
	doc := mustJSON(t, sampleDocument())
	seed := Seed{8}
	_, d, err := Hide(doc, Disclosure{Version: V2, Seed: &seed}, "/credentialSubject/identifier", "/credentialSubject/achievement/skills", "/@context")
	if err != nil {
		t.Fatal(err)
	}
	got := HiddenMembers(d)
	want := []string{"/@context", "skills", "student number or e-mail (identifier)"}
	if !slices.Equal(got, want) {
		t.Fatalf("hidden members %q, want %q", got, want)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return maps.Keys(m)
}

func cloneSalts(m map[string]Salt) map[string]Salt {
	out := make(map[string]Salt, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"a":[1,"x",{"b":null}],"c":{}}`))
	f.Add(mustJSON(f, sampleDocument()))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		root, err := parseTree(doc)
		if err != nil {
			return
		}
		fields, err := root.fields()
		if err != nil {
			return
		}
		// Writing the tree back out and parsing again gives the same fields.
		again, err := Parse(root.appendJSON(nil))
		if err != nil {
			t.Fatalf("re-encoded document rejected: %v", err)
		}
		if len(again) != len(fields) {
			t.Fatalf("%d fields, %d after re-encoding", len(fields), len(again))
		}
		for i := range fields {
			if fields[i].Pointer != again[i].Pointer || !bytes.Equal(fields[i].Value, again[i].Value) {
				t.Fatalf("field %d changed on re-encoding", i)
			}
		}
	})
}

func BenchmarkDocumentDigest(b *testing.B) {
	d := sampleDocument()
	seed := Seed{4}
	for b.Loop() {
		d.Digest(seed)
	}
	b.ReportMetric(float64(len(d.Fields())), "fields/doc")
}

func BenchmarkParseAndDigest(b *testing.B) {
	doc, _ := sampleDocument().JSON()
	seed := Seed{4}
	for b.Loop() {
		fields, err := Parse(doc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Digest(fields, Disclosure{Version: V2, Seed: &seed}); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = fmt.Sprint
