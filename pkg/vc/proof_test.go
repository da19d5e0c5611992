package vc_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/pkg/vc"
)

// keyOf resolves only the one key of the test's did:key issuer.
type keyOf map[string]ed25519.PublicKey

func (k keyOf) ResolveKey(_ context.Context, vm, _ string) (ed25519.PublicKey, error) {
	if pub, ok := k[vm]; ok {
		return pub, nil
	}
	return nil, fmt.Errorf("no key %s", vm)
}

func testKey(t testing.TB) (ed25519.PrivateKey, string, keyOf) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	did := "did:key:" + vc.EncodeMultikey(pub)
	vm := did + "#" + vc.EncodeMultikey(pub)
	return priv, vm, keyOf{vm: pub}
}

const credentialJSON = `{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:2f5a0f24-1c4e-4c53-9a2e-7d0d4c1f0a11",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "name": "Data Engineering Foundations",
  "issuer": {"id": "ISSUER", "type": ["Profile"], "name": "Université de Lumière"},
  "validFrom": "2026-01-30T00:00:00Z",
  "credentialSubject": {
    "type": ["AchievementSubject"],
    "creditsEarned": 4.25,
    "achievement": {"id": "https://registrar.example.edu/achievements/de-101", "type": ["Achievement"],
      "name": "Data Engineering Foundations", "description": "Pipelines.", "criteria": {"narrative": "Four projects."}}
  }
}`

func newCredential(t testing.TB, issuer string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(strings.Replace(credentialJSON, "ISSUER", issuer, 1)), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// roundTrip re-reads a document as a verifier receives it.
func roundTrip(t testing.TB, doc map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSignThenVerify(t *testing.T) {
	priv, vm, keys := testKey(t)
	issuer, _, _ := strings.Cut(vm, "#")
	doc := newCredential(t, issuer)
	if err := vc.Sign(doc, priv, vm, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	got, err := vc.Verify(context.Background(), roundTrip(t, doc), keys)
	if err != nil {
		t.Fatal(err)
	}
	if got.Suite() != vc.SuiteEdDSARDFC2022 || got.Issuer != issuer || got.VerificationMethod != vm {
		t.Fatalf("verified %+v", got)
	}
}

// TestTamperedFails: any change to a signed member, to the proof options or
// to the signature, and any unsigned member a forger adds, fails.
func TestTamperedFails(t *testing.T) {
	priv, vm, keys := testKey(t)
	issuer, _, _ := strings.Cut(vm, "#")
	doc := newCredential(t, issuer)
	if err := vc.Sign(doc, priv, vm, time.Now()); err != nil {
		t.Fatal(err)
	}
	_, otherVM, otherKeys := testKey(t)
	for name, tc := range map[string]struct {
		edit func(d map[string]any)
		keys vc.KeyResolver
		want error
	}{
		"name":          {func(d map[string]any) { d["name"] = "Data Engineering Mastery" }, keys, vc.ErrSignature},
		"credits":       {func(d map[string]any) { subject(d)["creditsEarned"] = 42.0 }, keys, vc.ErrSignature},
		"validFrom":     {func(d map[string]any) { d["validFrom"] = "2020-01-30T00:00:00Z" }, keys, vc.ErrSignature},
		"added member":  {func(d map[string]any) { subject(d)["narrative"] = "with honours" }, keys, vc.ErrSignature},
		"unknown term":  {func(d map[string]any) { d["@context"] = []any{vc.ContextVC1}; d["honours"] = "yes" }, keys, vc.ErrNotCanonical},
		"created":       {func(d map[string]any) { proof(d)["created"] = "2020-01-01T00:00:00Z" }, keys, vc.ErrSignature},
		"proof value":   {func(d map[string]any) { proof(d)["proofValue"] = "z" + strings.Repeat("1", 88) }, keys, vc.ErrSignature},
		"purpose":       {func(d map[string]any) { proof(d)["proofPurpose"] = "authentication" }, keys, vc.ErrMalformed},
		"no proof":      {func(d map[string]any) { delete(d, "proof") }, keys, vc.ErrNoProof},
		"other suite":   {func(d map[string]any) { proof(d)["cryptosuite"] = "ecdsa-rdfc-2019" }, keys, vc.ErrUnsupportedProof},
		"issuer":        {func(d map[string]any) { d["issuer"].(map[string]any)["id"] = "did:web:evil.example" }, keys, vc.ErrIssuerBinding},
		"another's key": {func(d map[string]any) { proof(d)["verificationMethod"] = otherVM }, otherKeys, vc.ErrIssuerBinding},
		"unknown ctx":   {func(d map[string]any) { d["@context"] = append(d["@context"].([]any), "https://evil.example/ctx") }, keys, vc.ErrNotCanonical},
	} {
		t.Run(name, func(t *testing.T) {
			d := roundTrip(t, doc)
			tc.edit(d)
			if _, err := vc.Verify(context.Background(), d, tc.keys); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func subject(d map[string]any) map[string]any { return d["credentialSubject"].(map[string]any) }
func proof(d map[string]any) map[string]any   { return d["proof"].([]any)[0].(map[string]any) }

func TestStatusList(t *testing.T) {
	l := vc.NewStatusList(10)
	if len(l)*8 != vc.MinStatusListBits {
		t.Fatalf("%d bits", len(l)*8)
	}
	l.Set(0)
	l.Set(94567)
	back, err := vc.DecodeStatusList(l.Encode())
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int]bool{0: true, 1: false, 94567: true, 94568: false} {
		if got, ok := back.Get(i); !ok || got != want {
			t.Fatalf("bit %d = %v %v", i, got, ok)
		}
	}
	if back[0] != 0x80 {
		t.Fatalf("bit 0 is not the first byte's most significant: %08b", back[0])
	}
	if _, ok := back.Get(vc.MinStatusListBits); ok {
		t.Fatal("past the end reads as inside")
	}
}

// TestCanonicalizeIsStrict: what JSON-LD would drop silently, so no
// signature covers it, is refused.
func TestCanonicalizeIsStrict(t *testing.T) {
	for name, doc := range map[string]map[string]any{
		"undefined term":   {"@context": []any{vc.ContextVC1}, "type": []any{"VerifiableCredential"}, "honours": "yes"},
		"relative type":    {"@context": []any{vc.ContextVC1}, "type": []any{"VerifiableCredential", "Forged"}},
		"relative id":      {"@context": []any{vc.ContextVC1}, "id": "forged", "type": []any{"VerifiableCredential"}},
		"fetched ctx":      {"@context": []any{"https://evil.example/ctx"}, "type": []any{"VerifiableCredential"}},
		"named graph":      {"@context": []any{vc.ContextVC2}, "type": []any{"VerifiableCredential"}, "@graph": []any{map[string]any{"id": "urn:x", "name": "x"}}},
		"included node":    {"@context": []any{vc.ContextVC2}, "type": []any{"VerifiableCredential"}, "@included": []any{map[string]any{"id": "urn:x", "name": "x"}}},
		"space in an IRI":  {"@context": []any{vc.ContextVC2}, "id": "https://x y/", "type": []any{"VerifiableCredential"}},
		"blank node label": {"@context": []any{vc.ContextVC2}, "id": "_:b0", "type": []any{"VerifiableCredential"}},
		"overlong URL":     {"@context": []any{vc.ContextVC2}, "id": "https://a.example/" + strings.Repeat("a", 2100), "type": []any{"VerifiableCredential"}},
	} {
		if _, err := vc.Canonicalize(doc); !errors.Is(err, vc.ErrNotCanonical) {
			t.Errorf("%s: got %v, want ErrNotCanonical", name, err)
		}
	}
}

func FuzzDecodeStatusList(f *testing.F) {
	l := vc.NewStatusList(0)
	l.Set(5)
	f.Add(l.Encode())
	f.Add("uH4sIAAAAAAAA")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := vc.DecodeStatusList(s)
		if err == nil {
			_, _ = l.Get(len(l) * 8)
		}
	})
}

func FuzzVerify(f *testing.F) {
	priv, vm, keys := testKey(f)
	issuer, _, _ := strings.Cut(vm, "#")
	doc := newCredential(f, issuer)
	if err := vc.Sign(doc, priv, vm, time.Now()); err != nil {
		f.Fatal(err)
	}
	js, _ := json.Marshal(doc)
	f.Add(js)
	f.Fuzz(func(t *testing.T, data []byte) {
		var d map[string]any
		if json.Unmarshal(data, &d) != nil {
			return
		}
		_, _ = vc.Verify(context.Background(), d, keys)
	})
}
