package did

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/credseal/credseal/internal/fetch"
	"github.com/credseal/credseal/pkg/vc"
)

// Resolver finds verification keys. did:key resolves from the DID alone;
// did:web only for the DIDs in Web, from the source given there, through a
// cache. It implements vc.KeyResolver.
type Resolver struct {
	// Web maps each did:web DID that may be resolved to where its document
	// is fetched: "" for the standard https address (WebURL), or another
	// URL (an internal mirror, a test server).
	Web map[string]string
	// Documents are DID documents known without fetching (e.g. read from
	// files); they take precedence over Web.
	Documents map[string]*Document
	// Client fetches documents; nil means fetch.NewClient (10 s timeout,
	// no redirects).
	Client *http.Client
	// TTL is how long a fetched document is reused; 0 means 10 minutes.
	TTL time.Duration

	mu    sync.Mutex
	cache map[string]cached
}

type cached struct {
	doc     *Document
	fetched time.Time
}

// ResolveKey returns the Ed25519 key of a verification method authorised
// for purpose (only assertionMethod is supported).
func (r *Resolver) ResolveKey(ctx context.Context, vm, purpose string) (ed25519.PublicKey, error) {
	if purpose != vc.PurposeAssertion {
		return nil, fmt.Errorf("%w: purpose %s", ErrNoKey, purpose)
	}
	id, fragment, _ := strings.Cut(vm, "#")
	if strings.HasPrefix(id, "did:key:") {
		pub, err := KeyFromDIDKey(id)
		if err != nil {
			return nil, err
		}
		// A did:key's one key is named by its own multibase value.
		if fragment != strings.TrimPrefix(id, "did:key:") {
			return nil, fmt.Errorf("%w: %s", ErrNoKey, vm)
		}
		return pub, nil
	}
	doc, err := r.Resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	return doc.AssertionKey(vm)
}

// Resolve returns the DID document of a configured did:web DID.
func (r *Resolver) Resolve(ctx context.Context, id string) (*Document, error) {
	if d, ok := r.Documents[id]; ok {
		return d, nil
	}
	if !strings.HasPrefix(id, "did:web:") {
		return nil, fmt.Errorf("%w: %s", ErrUnsupported, id)
	}
	source, ok := r.Web[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotTrusted, id)
	}
	ttl := r.TTL
	if ttl == 0 {
		ttl = 10 * time.Minute
	}
	r.mu.Lock()
	c, hit := r.cache[id]
	r.mu.Unlock()
	if hit && time.Since(c.fetched) < ttl {
		return c.doc, nil
	}
	if source == "" {
		var err error
		if source, err = WebURL(id); err != nil {
			return nil, err
		}
	}
	doc, err := r.fetch(ctx, id, source)
	if err != nil {
		return nil, fmt.Errorf("resolve %s from %s: %w", id, source, err)
	}
	r.mu.Lock()
	if r.cache == nil {
		r.cache = make(map[string]cached)
	}
	r.cache[id] = cached{doc: doc, fetched: time.Now()}
	r.mu.Unlock()
	return doc, nil
}

func (r *Resolver) fetch(ctx context.Context, id, source string) (*Document, error) {
	client := r.Client
	if client == nil {
		client = fetch.NewClient()
	}
	body, err := fetch.Get(ctx, client, source, "application/did+json, application/json", maxDocumentSize)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDocument, err)
	}
	return ParseDocument(body, id)
}
