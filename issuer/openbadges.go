package issuer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/pkg/ob3"
	"github.com/credseal/credseal/pkg/vc"
)

// OpenBadges makes the signed Open Badges 3.0 form of credentials and the
// status lists that carry their revocations.
type OpenBadges struct {
	Issuer ob3.Issuer
	// BaseURL is the public base URL of `issuer serve`, which publishes the
	// status lists at BaseURL/status/N and the DID document.
	BaseURL string
	// Now is the clock (tests).
	Now func() time.Time

	mu    sync.Mutex
	lists map[uint64]statusListCache
}

type statusListCache struct {
	body  []byte
	built time.Time
	gen   uint64
}

// statusListTTL bounds how stale a served status list may be when a
// revocation reached the store by another way than this service.
const statusListTTL = time.Minute

// StatusPosition is where credential seq's bit lives: list n (from 1) and
// the index in it. Arrival order fills each list of vc.MinStatusListBits.
func StatusPosition(seq uint64) (list uint64, index int) {
	const per = vc.MinStatusListBits
	return (seq-1)/per + 1, int((seq - 1) % per)
}

// StatusListURL is the URL of status list n.
func (o *OpenBadges) StatusListURL(n uint64) string {
	return strings.TrimRight(o.BaseURL, "/") + "/status/" + strconv.FormatUint(n, 10)
}

// DIDDocumentPath is the URL path where the DID says its document is:
// /.well-known/did.json, or /dept/law/did.json for did:web:host:dept:law.
func (o *OpenBadges) DIDDocumentPath() (string, error) {
	u, err := did.WebURL(o.Issuer.DID)
	if err != nil {
		return "", err
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return "", err
	}
	return parsed.EscapedPath(), nil
}

// DIDDocument is the issuer's DID document, served at DIDDocumentPath.
func (o *OpenBadges) DIDDocument() ([]byte, error) {
	return marshalJSON(did.NewDocument(o.Issuer.DID, o.Issuer.Key.Public().(ed25519.PublicKey)))
}

func (o *OpenBadges) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Credential returns credential seq as a signed OpenBadgeCredential
// carrying its proof bundle b as evidence. The evidence is a disclosed
// copy: without the seed, and without the learner's identifier, which the
// badge itself only shows hashed; a badge is made to be shared.
func (o *OpenBadges) Credential(doc *credential.Document, seq uint64, seed credential.Seed, b *bundle.Bundle) ([]byte, error) {
	shared := b.Clone()
	var hide []string
	if doc.Subject.Identifier != "" {
		hide = append(hide, "/credentialSubject/identifier")
	}
	var err error
	if shared.Credential, shared.Disclosure, err = credential.Hide(b.Credential, b.Disclosure, hide...); err != nil {
		return nil, fmt.Errorf("open badge %s: %w", doc.ID, err)
	}
	cs1, err := shared.EncodeCompact()
	if err != nil {
		return nil, fmt.Errorf("open badge %s: %w", doc.ID, err)
	}
	list, index := StatusPosition(seq)
	opts := ob3.Options{StatusList: o.StatusListURL(list), StatusIndex: index, Bundle: cs1, Salt: identitySalt(seed)}
	c, err := ob3.Credential(doc, o.Issuer.DID, opts)
	if err != nil {
		return nil, fmt.Errorf("open badge %s: %w", doc.ID, err)
	}
	if err := ob3.Sign(c, o.Issuer, o.now()); err != nil {
		return nil, fmt.Errorf("open badge %s: %w", doc.ID, err)
	}
	return marshalJSON(c)
}

// identitySalt salts the hashed learner identifier: derived from the
// credential's seed, so a re-export is identical and nobody without the
// seed could have chosen it.
func identitySalt(seed credential.Seed) string {
	m := hmac.New(sha256.New, seed[:])
	m.Write([]byte("credseal ob3 identity salt"))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// StatusList returns status list n, signed: a bit set for each revoked
// credential among those whose StatusPosition is in it. Lists are cached
// until a revocation through s, or for statusListTTL.
func (o *OpenBadges) StatusList(ctx context.Context, s *Service, n uint64) ([]byte, error) {
	if n == 0 {
		return nil, fmt.Errorf("%w: status list 0", ErrNotFound)
	}
	gen := s.revocations.Load()
	o.mu.Lock()
	defer o.mu.Unlock() // one build at a time: a burst of requests builds once
	if c, ok := o.lists[n]; ok && c.gen == gen && o.now().Sub(c.built) < statusListTTL {
		return c.body, nil
	}
	const per = vc.MinStatusListBits
	first := (n-1)*per + 1
	bits := vc.NewStatusList(per)
	states, _, err := s.store.Counts(ctx)
	if err != nil {
		return nil, fmt.Errorf("status list %d: %w", n, err)
	}
	total := 0
	for _, c := range states {
		total += c
	}
	if first > uint64(total) && n > 1 {
		return nil, fmt.Errorf("%w: status list %d", ErrNotFound, n)
	}
	last := min(first+per-1, uint64(total))
	const chunk = 4096 // records read at a time, bounding memory
	for at := first; at <= last; at += chunk {
		recs, err := s.store.Range(ctx, at, min(chunk, last-at+1))
		if err != nil {
			return nil, fmt.Errorf("status list %d: %w", n, err)
		}
		for _, r := range recs {
			if r.Revoked != 0 {
				_, i := StatusPosition(r.Seq)
				bits.Set(i)
			}
		}
	}
	now := o.now()
	c := ob3.StatusListCredential(o.StatusListURL(n), o.Issuer.DID, bits, now)
	if err := ob3.Sign(c, o.Issuer, now); err != nil {
		return nil, fmt.Errorf("status list %d: %w", n, err)
	}
	body, err := marshalJSON(c)
	if err != nil {
		return nil, err
	}
	if o.lists == nil {
		o.lists = make(map[uint64]statusListCache)
	}
	o.lists[n] = statusListCache{body: body, built: now, gen: gen}
	return body, nil
}

// marshalJSON writes v indented, without HTML escaping (the text is shown
// and signed as it is).
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
