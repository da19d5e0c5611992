package issuer

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Scope is what a registrar API token may do.
type Scope string

// The scopes. Each route of the registrar API needs one; a token without
// it is refused, so a token that only submits credentials cannot revoke
// them, nor download every learner's data.
const (
	ScopeIssue  Scope = "issue"  // submit credentials
	ScopeRevoke Scope = "revoke" // revoke credentials
	ScopeRead   Scope = "read"   // read credentials, batches and metrics
	ScopeAdmin  Scope = "admin"  // backups and API tokens; implies the others
)

// Scopes lists every scope.
var Scopes = []Scope{ScopeIssue, ScopeRevoke, ScopeRead, ScopeAdmin}

// LegacyScopes are those of tokens created before scopes existed: they
// keep submitting and reading, and lose revoking and backups.
var LegacyScopes = []Scope{ScopeIssue, ScopeRead}

// APIToken is a registrar API token's record; the token itself is never
// stored, only its SHA-256 (TokenHash).
type APIToken struct {
	Name    string    `json:"name"`
	Scopes  []Scope   `json:"scopes"`
	Created time.Time `json:"created"`
	Revoked bool      `json:"revoked,omitempty"`
}

// Allows reports whether the token has scope s (admin has every scope).
func (t APIToken) Allows(s Scope) bool {
	return slices.Contains(t.Scopes, s) || slices.Contains(t.Scopes, ScopeAdmin)
}

// ErrBadToken wraps the reasons a token cannot be created.
var ErrBadToken = errors.New("issuer: bad API token")

// ParseScopes reads scope names ("issue", "read", …), rejecting unknown ones.
func ParseScopes(names []string) ([]Scope, error) {
	var out []Scope
	for _, n := range names {
		s := Scope(strings.TrimSpace(n))
		if !slices.Contains(Scopes, s) {
			return nil, fmt.Errorf("%w: unknown scope %q (scopes: issue, revoke, read, admin)", ErrBadToken, n)
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: a token needs at least one scope", ErrBadToken)
	}
	return out, nil
}

// TokenCreator stores a new token's record under the token's hash; names
// are unique among live tokens.
type TokenCreator interface {
	PutAPIToken(ctx context.Context, hash [32]byte, t APIToken) error
}

// CreateAPIToken makes a random token with a name and scopes, stores its
// hash and returns the token, which is shown once and kept nowhere.
func CreateAPIToken(ctx context.Context, store TokenCreator, name string, scopes []Scope, now time.Time) (string, APIToken, error) {
	if !validTokenName(name) {
		return "", APIToken{}, fmt.Errorf("%w: name %q: use 1 to 64 letters, digits, '.', '_' or '-'", ErrBadToken, name)
	}
	if len(scopes) == 0 {
		return "", APIToken{}, fmt.Errorf("%w: a token needs at least one scope", ErrBadToken)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", APIToken{}, fmt.Errorf("new API token: %w", err)
	}
	tok := "cst_" + base64.RawURLEncoding.EncodeToString(raw)
	rec := APIToken{Name: name, Scopes: scopes, Created: now.UTC()}
	if err := store.PutAPIToken(ctx, TokenHash(tok), rec); err != nil {
		return "", APIToken{}, err
	}
	return tok, rec, nil
}

// validTokenName keeps names fit for logs and URLs.
func validTokenName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
