package cli

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/seal"
	"github.com/credseal/credseal/verifier"
)

// The adapters meet the services here, and only here.
var (
	_ issuer.Anchorer         = (*chain.Client)(nil)
	_ issuer.Chain            = (*chain.Client)(nil)
	_ verifier.RegistryReader = registryReader{}
)

// registryReader answers the verifier's questions with a registry client.
type registryReader struct{ c *chain.Client }

func (r registryReader) Batch(ctx context.Context, s [32]byte) (verifier.BatchRecord, error) {
	b, err := r.c.Batch(ctx, s)
	if err != nil || !b.Anchored {
		return verifier.BatchRecord{}, err
	}
	tx, err := r.c.AnchorTx(ctx, s, b.Block)
	if err != nil {
		return verifier.BatchRecord{}, err
	}
	head, err := r.c.Head(ctx)
	if err != nil {
		return verifier.BatchRecord{}, err
	}
	return verifier.BatchRecord{Anchored: true, Issuer: b.Issuer, Block: b.Block, Time: time.Unix(int64(b.Time), 0), Tx: tx, Head: head}, nil
}

func (r registryReader) Status(ctx context.Context, s, digest [32]byte) (verifier.StatusRecord, error) {
	st, err := r.c.Status(ctx, s, digest)
	if err != nil {
		return verifier.StatusRecord{}, err
	}
	if !st.Batch.Anchored {
		return verifier.StatusRecord{}, fmt.Errorf("%w: it is gone", verifier.ErrRecordMoved)
	}
	iss, err := r.c.Issuer(ctx, st.IssuerKey)
	if err != nil {
		return verifier.StatusRecord{}, err
	}
	head, err := r.c.Head(ctx)
	if err != nil {
		return verifier.StatusRecord{}, err
	}
	return verifier.StatusRecord{BatchRevoked: st.Batch.RevokedReason, CredentialRevoked: st.CredentialRevokedReason,
		IssuerKey: st.IssuerKey, IssuerRegistered: iss.Registered, IssuerActive: st.IssuerActive, IssuerName: iss.Name,
		IssuerDomain: iss.Domain, Cutoff: st.Cutoff, BatchBlock: st.Batch.Block, Head: head}, nil
}

// trustedRegistry makes a verifier registry of a connected client.
func trustedRegistry(c *chain.Client) verifier.Registry {
	return verifier.Registry{ChainID: c.ChainID(), Address: c.Registry(), Reader: registryReader{c}}
}

// unreachableRegistry stands for a configured registry the command could not
// connect to, so that the chain checks say "not checked: unreachable"
// instead of the verifier silently working offline.
func unreachableRegistry(o chainOptions, err error) verifier.Registry {
	return verifier.Registry{ChainID: o.chainID, Address: common.HexToAddress(o.registry), Reader: failingReader{err}}
}

type failingReader struct{ err error }

func (f failingReader) Batch(context.Context, [32]byte) (verifier.BatchRecord, error) {
	return verifier.BatchRecord{}, f.err
}

func (f failingReader) Status(context.Context, [32]byte, [32]byte) (verifier.StatusRecord, error) {
	return verifier.StatusRecord{}, f.err
}

// lazyChain is the issuer service's chain: it connects on first use, and
// again after a failed attempt, so an issuer started while its RPC endpoint
// is down anchors once the endpoint is back.
type lazyChain struct {
	connect func(ctx context.Context) (*chain.Client, func(), error)
	mu      sync.Mutex
	c       *chain.Client
	closeFn func()
}

var _ issuer.Chain = (*lazyChain)(nil)

func (l *lazyChain) client(ctx context.Context) (*chain.Client, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.c == nil {
		c, closeFn, err := l.connect(ctx)
		if err != nil {
			return nil, err
		}
		l.c, l.closeFn = c, closeFn
	}
	return l.c, nil
}

func (l *lazyChain) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closeFn != nil {
		l.closeFn()
	}
}

func (l *lazyChain) LastSeal(ctx context.Context) ([32]byte, error) {
	c, err := l.client(ctx)
	if err != nil {
		return [32]byte{}, err
	}
	return c.LastSeal(ctx)
}

func (l *lazyChain) Anchor(ctx context.Context, hs []seal.Header) (bundle.Anchor, error) {
	c, err := l.client(ctx)
	if err != nil {
		return bundle.Anchor{}, err
	}
	return c.Anchor(ctx, hs)
}

func (l *lazyChain) Locate(ctx context.Context, s [32]byte) (bundle.Anchor, bool, error) {
	c, err := l.client(ctx)
	if err != nil {
		return bundle.Anchor{}, false, err
	}
	return c.Locate(ctx, s)
}

func (l *lazyChain) RevokeDigest(ctx context.Context, digest [32]byte, reason uint8) ([32]byte, error) {
	c, err := l.client(ctx)
	if err != nil {
		return [32]byte{}, err
	}
	return c.RevokeDigest(ctx, digest, reason)
}
