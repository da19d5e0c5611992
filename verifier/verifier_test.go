package verifier_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/seal"
	"github.com/credseal/credseal/verifier"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newVerifier() *verifier.Verifier {
	return verifier.New(verifier.Options{Now: func() time.Time { return now }})
}

// batch issues the sample cohort and returns it.
func batch(t testing.TB) *issuer.Batch {
	t.Helper()
	docs, err := issuer.ReadCSVFile("../testdata/cohort.csv", issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	bits, _ := seal.BitsForDifficulty(10)
	b, err := issuer.BuildBatch(context.Background(), docs, issuer.BatchOptions{Bits: bits, Time: now.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func bundleJSON(t testing.TB, b *issuer.Batch, i int) []byte {
	t.Helper()
	bun, err := b.Bundle(i)
	if err != nil {
		t.Fatal(err)
	}
	js, err := bun.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// TestGenuineBundlesOffline: genuine bundles pass every offline check, and
// without a registry the verdict is offline-only, never verified.
func TestGenuineBundlesOffline(t *testing.T) {
	b := batch(t)
	v := newVerifier()
	for i := range b.Credentials {
		res := v.VerifyBytes(context.Background(), bundleJSON(t, b, i))
		if res.Verdict != verifier.OfflineOnly || len(res.Failed()) > 0 {
			t.Fatalf("credential %d: %s %+v", i, res.Verdict, res.Failed())
		}
		if res.Credential.Learner != b.Credentials[i].Document.Subject.Name {
			t.Fatalf("summary %+v", res.Credential)
		}
	}
}

// TestHomeMadeBundleIsNotVerifiedOffline plays a forger without any
// registry: one leaf, the easiest bits, any issuer name. Every offline
// check passes, and the verdict must still not read "verified".
func TestHomeMadeBundleIsNotVerifiedOffline(t *testing.T) {
	doc := &credential.Document{Context: credential.DefaultContext, ID: "urn:uuid:forged", Type: credential.CredentialType,
		Issuer:    credential.Profile{ID: "https://harvard.edu", Type: credential.ProfileType, Name: "Harvard University", URL: "https://harvard.edu"},
		ValidFrom: "2020-01-01T00:00:00Z",
		Subject: credential.Subject{Type: credential.SubjectType, Name: "Mallory",
			Achievement: credential.Achievement{Type: credential.AchievementType, Name: "PhD in Everything"}}}
	bits, _ := seal.BitsForDifficulty(0)
	b, err := issuer.BuildBatch(context.Background(), []*credential.Document{doc}, issuer.BatchOptions{Bits: bits})
	if err != nil {
		t.Fatal(err)
	}
	res := newVerifier().VerifyBytes(context.Background(), bundleJSON(t, b, 0))
	if len(res.Failed()) > 0 {
		t.Fatalf("the forgery fails an offline check, so this test shows nothing: %+v", res.Failed())
	}
	if res.Verdict == verifier.Verified || strings.Contains(string(res.Verdict), "verified") && res.Verdict != verifier.NotVerified {
		t.Fatalf("a home-made bundle checked offline reads %q", res.Verdict)
	}
	if res.Verdict != verifier.OfflineOnly {
		t.Fatalf("verdict %s, want %s", res.Verdict, verifier.OfflineOnly)
	}
	if res.Credential.AccreditedIssuer != "" {
		t.Fatalf("offline, the issuer %q is shown as accredited", res.Credential.AccreditedIssuer)
	}
}

func TestSelectiveDisclosureVerifies(t *testing.T) {
	b := batch(t)
	bun, _ := b.Bundle(1) // has skills
	shown, disc, err := credential.Hide(bun.Credential, bun.Disclosure, "/credentialSubject/identifier", "/credentialSubject/achievement/skills")
	if err != nil {
		t.Fatal(err)
	}
	bun.Credential, bun.Disclosure = shown, disc
	res := newVerifier().Verify(context.Background(), bun)
	if res.Verdict != verifier.OfflineOnly || len(res.Failed()) > 0 || res.Credential.HiddenCount < 2 {
		t.Fatalf("%s, %d hidden, %+v", res.Verdict, res.Credential.HiddenCount, res.Failed())
	}
	want := []string{"skills", "student number or e-mail (identifier)"}
	if !slices.Equal(res.Credential.Hidden, want) {
		t.Fatalf("hidden fields %q, want %q", res.Credential.Hidden, want)
	}
	c, _ := res.Check(verifier.CheckDisclosure)
	if c.Status != verifier.Pass || !strings.Contains(c.Reason, "identifier") || !strings.Contains(c.Reason, "skills") {
		t.Fatalf("disclosure check %+v", c)
	}
}

// TestLocalizeChangesOnlyWords: in French, the disclosure reasons name the
// fields in French (a list joined with "et"), while the verdict, the
// statuses, the details and the hidden fields' names, which programs
// read, stay as they were.
func TestLocalizeChangesOnlyWords(t *testing.T) {
	b := batch(t)
	bun, _ := b.Bundle(1)
	shown, disc, err := credential.Hide(bun.Credential, bun.Disclosure, "/credentialSubject/identifier", "/credentialSubject/achievement/skills")
	if err != nil {
		t.Fatal(err)
	}
	hiding := *bun
	hiding.Credential, hiding.Disclosure = shown, disc
	expiring, _ := firstExpiring(b)
	required, _ := b.Bundle(expiring)
	shown, disc, err = credential.Hide(required.Credential, required.Disclosure, "/validFrom", "/validUntil")
	if err != nil {
		t.Fatal(err)
	}
	required.Credential, required.Disclosure = shown, disc

	for _, tc := range []struct {
		bun  *bundle.Bundle
		want string
	}{
		{&hiding, " et "},
		{required, "la date de début (validFrom) – champ masqué et la date de fin (validUntil) – champ masqué"},
	} {
		english := newVerifier().Verify(context.Background(), tc.bun)
		french := newVerifier().Verify(context.Background(), tc.bun)
		french.Localize(i18n.NewPrinter("fr"))
		if french.Verdict != english.Verdict || !slices.Equal(french.Credential.Hidden, english.Credential.Hidden) {
			t.Fatalf("the result changed: %+v\nEnglish: %+v", french, english)
		}
		for i, c := range french.Checks {
			e := english.Checks[i]
			if c.ID != e.ID || c.Status != e.Status || c.Detail != e.Detail || c.Reason == e.Reason {
				t.Errorf("check %d: %+v\nEnglish: %+v", i, c, e)
			}
		}
		if c, _ := french.Check(verifier.CheckDisclosure); !strings.Contains(c.Reason, tc.want) || strings.Contains(c.Reason, " and ") {
			t.Errorf("disclosure reason %q, want it to hold %q", c.Reason, tc.want)
		}
	}
}

// TestHidingARequiredFieldFails plays a holder who hides what a verdict
// depends on: the end date of an expired credential (it then looked
// valid for ever), the start date, the issuer's address (that skipped the
// domain check), its name and id, the type, the title, the learner's name.
func TestHidingARequiredFieldFails(t *testing.T) {
	b := batch(t)
	expiring, until := firstExpiring(b)
	late := verifier.New(verifier.Options{Now: func() time.Time { return until.Add(24 * time.Hour) }})
	for _, p := range []string{"/validUntil", "/validFrom", "/issuer/url", "/issuer/name", "/issuer/id", "/issuer", "/type",
		"/credentialSubject/achievement/name", "/credentialSubject/name"} {
		bun, _ := b.Bundle(expiring)
		shown, disc, err := credential.Hide(bun.Credential, bun.Disclosure, p)
		if err != nil {
			t.Fatal(err)
		}
		bun.Credential, bun.Disclosure = shown, disc
		res := late.Verify(context.Background(), bun)
		c, _ := res.Check(verifier.CheckDisclosure)
		if res.Verdict != verifier.NotVerified || c.Status != verifier.Fail || !strings.Contains(c.Reason, "hidden") {
			t.Fatalf("hiding %s: verdict %s, disclosure %+v", p, res.Verdict, c)
		}
		name := p[strings.LastIndexByte(p, '/')+1:]
		if !strings.Contains(c.Reason, name) {
			t.Fatalf("hiding %s: the reason does not name the field: %s", p, c.Reason)
		}
		if p == "/validUntil" || p == "/validFrom" {
			if v, _ := res.Check(verifier.CheckValidity); v.Status != verifier.NotChecked || strings.Contains(v.Reason, "does not expire") {
				t.Fatalf("hiding %s: the validity check says %+v", p, v)
			}
		}
	}
}

// firstExpiring returns the first credential of b with an end date, and the date.
func firstExpiring(b *issuer.Batch) (int, time.Time) {
	for i, c := range b.Credentials {
		if c.Document.ValidUntil != "" {
			until, _ := time.Parse(time.RFC3339, c.Document.ValidUntil)
			return i, until
		}
	}
	panic("the sample cohort has no credential with an end date")
}

func TestValidityPeriod(t *testing.T) {
	b := batch(t)
	expiring, until := firstExpiring(b)
	late := verifier.New(verifier.Options{Now: func() time.Time { return until.Add(time.Second) }})
	res := late.VerifyBytes(context.Background(), bundleJSON(t, b, expiring))
	if c, _ := res.Check(verifier.CheckValidity); c.Status != verifier.Fail || !strings.Contains(c.Reason, "expired") {
		t.Fatalf("after validUntil: %+v", c)
	}
	early := verifier.New(verifier.Options{Now: func() time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }})
	res = early.VerifyBytes(context.Background(), bundleJSON(t, b, 0))
	if c, _ := res.Check(verifier.CheckValidity); c.Status != verifier.Fail || !strings.Contains(c.Reason, "not valid yet") {
		t.Fatalf("before validFrom: %+v", c)
	}
}

// TestEveryBundleValueTampered changes every value of a bundle's JSON, one at
// a time, and requires that verification fails and says which check.
func TestEveryBundleValueTampered(t *testing.T) {
	b := batch(t)
	bun, _ := b.Bundle(9)
	// A selective bundle too, so salts and hidden hashes are covered.
	shown, disc, _ := credential.Hide(bun.Credential, bun.Disclosure, "/credentialSubject/identifier")
	selective := bun.Clone()
	selective.Credential, selective.Disclosure = shown, disc
	v := newVerifier()
	for name, x := range map[string]*bundle.Bundle{"full": bun, "selective": selective} {
		js, _ := x.MarshalJSON()
		var doc any
		json.Unmarshal(js, &doc)
		n := 0
		forEachMutation(doc, "", func(where string, mutated any) {
			n++
			// anchor is a hint, checked against trusted registries by the chain checks.
			if strings.HasPrefix(where, "/anchor") {
				return
			}
			data, _ := json.Marshal(mutated)
			res := v.VerifyBytes(context.Background(), data)
			if res.Verdict == verifier.OfflineOnly || res.Verdict == verifier.Verified {
				if where == "/proof/treeSize" && sameShape(x, data) {
					return // RFC 6962 cannot tell these sizes apart (docs/FORMAT.md)
				}
				t.Errorf("%s bundle: changing %s still verifies", name, where)
				return
			}
			if len(res.Failed()) == 0 || res.Failed()[0].Reason == "" {
				t.Errorf("%s bundle: changing %s: no failing check named", name, where)
			}
		})
		if n < 30 {
			t.Fatalf("only %d mutations tried", n)
		}
	}
}

func sameShape(orig *bundle.Bundle, data []byte) bool {
	b, err := bundle.ParseJSON(data)
	return err == nil && len(b.Proof.Path) == len(orig.Proof.Path)
}

// forEachMutation calls fn with a copy of v in which the value at one place
// (every string, number and array element in turn) is changed.
func forEachMutation(v any, where string, fn func(where string, mutated any)) {
	var walk func(node any, path []any, where string)
	walk = func(node any, path []any, where string) {
		switch x := node.(type) {
		case map[string]any:
			for k, c := range x {
				walk(c, append(path, k), where+"/"+k)
				// The member's name too: a salt, a hidden field or a credential member renamed.
				renamed := make(map[string]any, len(x))
				for k2, c2 := range x {
					renamed[k2] = c2
				}
				delete(renamed, k)
				renamed[tweak(k)] = c
				fn(where+"/"+k+" (renamed)", replaceAt(v, path, renamed))
			}
		case []any:
			for i, c := range x {
				walk(c, append(path, i), fmt.Sprintf("%s/%d", where, i))
			}
			if len(x) > 1 {
				fn(where+" (swapped)", replaceAt(v, path, append([]any{x[1], x[0]}, x[2:]...)))
			}
		case string:
			fn(where, replaceAt(v, path, tweak(x)))
		case float64:
			fn(where, replaceAt(v, path, x+1))
		}
	}
	walk(v, nil, where)
}

// tweak changes one character: a hex digit stays hex, a letter stays a letter.
func tweak(s string) string {
	if s == "" {
		return "x"
	}
	i := len(s) / 2
	c := s[i]
	switch {
	case c >= '0' && c <= '8', c >= 'a' && c <= 'e':
		c++
	case c == '9':
		c = '0'
	case c == 'f':
		c = 'a'
	default:
		c = 'q'
		if s[i] == 'q' {
			c = 'r'
		}
	}
	return s[:i] + string(c) + s[i+1:]
}

func replaceAt(root any, path []any, value any) any {
	if len(path) == 0 {
		return value
	}
	switch x := root.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, c := range x {
			out[k] = c
		}
		out[path[0].(string)] = replaceAt(x[path[0].(string)], path[1:], value)
		return out
	case []any:
		out := append([]any(nil), x...)
		out[path[0].(int)] = replaceAt(x[path[0].(int)], path[1:], value)
		return out
	}
	return value
}

func TestNamedTampers(t *testing.T) {
	b := batch(t)
	other := batch(t) // a second, unrelated batch
	v := newVerifier()
	cases := []struct {
		desc    string
		mutate  func(x *bundle.Bundle)
		failing string
	}{
		{"changed learner name", func(x *bundle.Bundle) {
			x.Credential = bytes.Replace(x.Credential, []byte("Renée"), []byte("Renee"), 1)
		}, verifier.CheckInclusion},
		{"swapped path elements", func(x *bundle.Bundle) { x.Proof.Path[0], x.Proof.Path[1] = x.Proof.Path[1], x.Proof.Path[0] }, verifier.CheckInclusion},
		{"wrong leaf index", func(x *bundle.Bundle) { x.Proof.LeafIndex ^= 1 }, verifier.CheckInclusion},
		{"header from another batch", func(x *bundle.Bundle) { x.Proof.Header = other.Header }, verifier.CheckInclusion},
		{"unsealed header", func(x *bundle.Bundle) { x.Proof.Header.Nonce++ }, verifier.CheckSeal},
		{"different seed", func(x *bundle.Bundle) { x.Disclosure.Seed[0] ^= 1 }, verifier.CheckInclusion},
		{"invalid credential JSON", func(x *bundle.Bundle) { x.Credential = []byte(`{"a":1,"a":2}`) }, verifier.CheckIntegrity},
	}
	for _, c := range cases {
		x, _ := b.Bundle(11) // Renée O'Connor
		c.mutate(x)
		res := v.Verify(context.Background(), x)
		got, _ := res.Check(c.failing)
		if res.Verdict != verifier.NotVerified || got.Status != verifier.Fail {
			t.Errorf("%s: verdict %s, %s = %s (%s)", c.desc, res.Verdict, c.failing, got.Status, got.Reason)
		}
	}
}

func TestUnreadableInput(t *testing.T) {
	res := newVerifier().VerifyBytes(context.Background(), []byte("definitely not a bundle"))
	if res.Verdict != verifier.NotVerified {
		t.Fatalf("verdict %s", res.Verdict)
	}
	if c, _ := res.Check(verifier.CheckFormat); c.Status != verifier.Fail {
		t.Fatalf("format %+v", c)
	}
	if len(res.Checks) != 10 {
		t.Fatalf("%d checks listed, want all 10", len(res.Checks))
	}
}

func BenchmarkVerifyOffline(b *testing.B) {
	bat := batch(b)
	js := bundleJSON(b, bat, 3)
	v := newVerifier()
	for b.Loop() {
		if res := v.VerifyBytes(context.Background(), js); res.Verdict != verifier.OfflineOnly {
			b.Fatal(res.Verdict)
		}
	}
}

// movingReader answers as a chain that reorganised between the two reads:
// the batch's record moved from block 10 to block 11. (The simulated chain
// cannot re-mine a transaction at another height, so this one is a stub.)
type movingReader struct{}

func (movingReader) Batch(context.Context, [32]byte) (verifier.RegistryBatch, error) {
	return verifier.RegistryBatch{Anchored: true, Block: 10, Head: 20}, nil
}

func (movingReader) Status(context.Context, [32]byte, [32]byte) (verifier.StatusRecord, error) {
	return verifier.StatusRecord{IssuerRegistered: true, IssuerActive: true, IssuerDomain: "registrar.example.edu",
		Cutoff: verifier.NoCutoff, BatchBlock: 11, Head: 20}, nil
}

func TestRecordMovedIsNotChecked(t *testing.T) {
	b := batch(t)
	bun, _ := b.Bundle(0)
	bun.Anchor = nil
	v := verifier.New(verifier.Options{Now: func() time.Time { return now }, Registries: []verifier.Registry{{Reader: movingReader{}}}})
	res := v.Verify(context.Background(), bun)
	c, _ := res.Check(verifier.CheckAnchored)
	if res.Verdict != verifier.Incomplete || c.Status != verifier.NotChecked || !strings.Contains(c.Detail, "moved") {
		t.Fatalf("verdict %s, anchored %+v", res.Verdict, c)
	}
}
