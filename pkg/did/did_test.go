package did_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/pkg/vc"
)

// TestWebURL: the did:web method specification's examples.
func TestWebURL(t *testing.T) {
	for id, want := range map[string]string{
		"did:web:w3c-ccg.github.io":                                "https://w3c-ccg.github.io/.well-known/did.json",
		"did:web:w3c-ccg.github.io:user:alice":                     "https://w3c-ccg.github.io/user/alice/did.json",
		"did:web:example.com%3A3000:user:alice":                    "https://example.com:3000/user/alice/did.json",
		"did:web:registrar.example.edu":                            "https://registrar.example.edu/.well-known/did.json",
		"did:web:evil.example%2Fpath":                              "",
		"did:web:example.com:..":                                   "",
		"did:web:":                                                 "",
		"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK": "",
	} {
		got, err := did.WebURL(id)
		if want == "" {
			if err == nil {
				t.Errorf("%s: got %s, want an error", id, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("%s: got %q %v, want %q", id, got, err, want)
		}
	}
	for origin, want := range map[string]string{
		"https://registrar.example.edu":   "did:web:registrar.example.edu",
		"http://127.0.0.1:8080/":          "did:web:127.0.0.1%3A8080",
		"https://example.edu/faculty/law": "did:web:example.edu:faculty:law",
	} {
		if got, err := did.WebDID(origin); err != nil || got != want {
			t.Errorf("%s: got %q %v, want %q", origin, got, err, want)
		}
	}
}

// TestResolverTrustsOnlyItsList: did:web documents are fetched only for
// listed DIDs, must be the document of the DID asked for, and give only
// keys listed for assertions.
func TestResolverTrustsOnlyItsList(t *testing.T) {
	ctx := context.Background()
	pub, _, _ := ed25519.GenerateKey(nil)
	const id = "did:web:registrar.example.edu"
	fetched := 0
	serve := did.NewDocument(id, pub)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fetched++
		_ = json.NewEncoder(w).Encode(serve)
	}))
	defer srv.Close()
	r := &did.Resolver{Web: map[string]string{id: srv.URL}}

	if _, err := r.ResolveKey(ctx, "did:web:evil.example#key-1", vc.PurposeAssertion); !errors.Is(err, did.ErrNotTrusted) || fetched != 0 {
		t.Fatalf("untrusted DID: %v, %d fetches", err, fetched)
	}
	got, err := r.ResolveKey(ctx, id+"#key-1", vc.PurposeAssertion)
	if err != nil || !got.Equal(pub) {
		t.Fatalf("trusted DID: %v", err)
	}
	if _, err := r.ResolveKey(ctx, id+"#key-1", vc.PurposeAssertion); err != nil || fetched != 1 {
		t.Fatalf("cached: %v, %d fetches", err, fetched)
	}
	if _, err := r.ResolveKey(ctx, id+"#key-2", vc.PurposeAssertion); !errors.Is(err, did.ErrNoKey) {
		t.Fatalf("unknown key: %v", err)
	}

	// A server answering with another DID's document is refused.
	serve = did.NewDocument("did:web:evil.example", pub)
	r2 := &did.Resolver{Web: map[string]string{id: srv.URL}}
	if _, err := r2.ResolveKey(ctx, id+"#key-1", vc.PurposeAssertion); !errors.Is(err, did.ErrDocument) {
		t.Fatalf("another DID's document: %v", err)
	}

	// A key listed only for authentication does not sign credentials.
	doc := did.NewDocument(id, pub)
	doc.AssertionMethod = nil
	r3 := &did.Resolver{Documents: map[string]*did.Document{id: doc}}
	if _, err := r3.ResolveKey(ctx, id+"#key-1", vc.PurposeAssertion); !errors.Is(err, did.ErrNoKey) {
		t.Fatalf("authentication-only key: %v", err)
	}
}

// TestDIDKey: a did:key's one key is its own fragment.
func TestDIDKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	id := "did:key:" + vc.EncodeMultikey(pub)
	r := &did.Resolver{}
	if got, err := r.ResolveKey(context.Background(), id+"#"+strings.TrimPrefix(id, "did:key:"), vc.PurposeAssertion); err != nil || !got.Equal(pub) {
		t.Fatalf("did:key: %v", err)
	}
	if _, err := r.ResolveKey(context.Background(), id+"#key-1", vc.PurposeAssertion); !errors.Is(err, did.ErrNoKey) {
		t.Fatalf("did:key with another fragment: %v", err)
	}
}

func FuzzParseDocument(f *testing.F) {
	pub, _, _ := ed25519.GenerateKey(nil)
	js, _ := json.Marshal(did.NewDocument("did:web:a.example", pub))
	f.Add(js)
	f.Add([]byte(`{"id":"did:web:a.example","assertionMethod":[{"id":"#k","type":"Multikey","publicKeyMultibase":"z6Mk"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := did.ParseDocument(data, "did:web:a.example")
		if err != nil {
			return
		}
		for _, m := range d.AssertionMethod {
			_, _ = d.AssertionKey(m)
		}
	})
}
