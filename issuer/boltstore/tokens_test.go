package boltstore_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/credseal/credseal/issuer"
)

func TestAPITokens(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	h := issuer.TokenHash("secret")
	rec := issuer.APIToken{Name: "registrar", Scopes: []issuer.Scope{issuer.ScopeRevoke}, Created: time.Now().UTC()}
	if err := db.PutAPIToken(ctx, h, rec); err != nil {
		t.Fatal(err)
	}
	if err := db.PutAPIToken(ctx, issuer.TokenHash("other"), rec); !errors.Is(err, issuer.ErrBadToken) {
		t.Fatalf("two live tokens with one name: %v", err)
	}
	if tok, ok, err := db.APIToken(ctx, h); !ok || err != nil || tok.Name != "registrar" || !tok.Allows(issuer.ScopeRevoke) || tok.Allows(issuer.ScopeIssue) {
		t.Fatalf("lookup: %+v %v %v", tok, ok, err)
	}
	if err := db.RevokeAPIToken(ctx, "registrar"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.APIToken(ctx, h); ok {
		t.Fatal("revoked token still valid")
	}
	if err := db.RevokeAPIToken(ctx, "registrar"); !errors.Is(err, issuer.ErrNotFound) {
		t.Fatalf("revoking again: %v", err)
	}
	toks, err := db.APITokens(ctx)
	if err != nil || len(toks) != 1 || !toks[0].Revoked {
		t.Fatalf("list: %+v %v", toks, err)
	}
	// A token made with issuer.CreateAPIToken is found by its hash.
	tok, _, err := issuer.CreateAPIToken(ctx, db, "office", []issuer.Scope{issuer.ScopeIssue}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got, ok, err := db.APIToken(ctx, issuer.TokenHash(tok)); !ok || err != nil || got.Name != "office" {
		t.Fatalf("created token: %+v %v %v", got, ok, err)
	}
}
