package issuer

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

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

// ClaimToken is the learner's claim token for a credential: 128 bits of
// HMAC-SHA256 under the issuer's token key, so it is unguessable, only its
// hash is stored, and the issuer can show it again (export) without keeping it.
func (s *Service) ClaimToken(id string) string { return s.derivedToken("credseal/claim/v1", id) }

// PrintPath is the path, under the portal, of a credential's print link:
// /print/{id, base64url}/{token}. A printed certificate carries it (the
// print QR) for phones that cannot read the large code, so it opens only
// the bundle as that certificate shows it, never the learner's claim page.
// Its token is an HMAC under the token key like the claim token, for
// another purpose, so neither gives the other. "" without a token key.
func (s *Service) PrintPath(id string) string {
	tok := s.printToken(id)
	if tok == "" {
		return ""
	}
	return "/print/" + base64.RawURLEncoding.EncodeToString([]byte(id)) + "/" + tok
}

// PrintLinkID returns the credential id of a print link's two parts, or
// false when they do not belong together.
func (s *Service) PrintLinkID(encodedID, token string) (string, bool) {
	id, err := base64.RawURLEncoding.DecodeString(encodedID)
	if err != nil || len(id) == 0 || len(id) > 1024 {
		return "", false
	}
	want := s.printToken(string(id))
	return string(id), want != "" && hmac.Equal([]byte(want), []byte(token))
}

func (s *Service) printToken(id string) string { return s.derivedToken("credseal/print/v1", id) }

// derivedToken is 128 bits of HMAC-SHA256 under the token key over the
// purpose, a NUL byte and the credential id, in unpadded base64url; ""
// without a token key. Each purpose gives tokens unrelated to the others'.
func (s *Service) derivedToken(purpose, id string) string {
	if s.cfg.TokenKey == nil {
		return ""
	}
	m := hmac.New(sha256.New, s.cfg.TokenKey)
	m.Write([]byte(purpose + "\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// TokenHash is what the store keeps of a claim or API token.
func TokenHash(token string) [32]byte { return sha256.Sum256([]byte(token)) }
