package cli

import (
	"context"
	"fmt"
	"math/big"
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
	_ issuer.Chain            = (*chain.Client)(nil)
	_ issuer.ChainMonitor     = (*chain.Client)(nil)
	_ issuer.ChainMonitor     = (*lazyChain)(nil)
	_ issuer.RevocationLister = (*lazyChain)(nil)
	_ verifier.RegistryReader = registryReader{}
)

// registryReader answers the verifier's questions with a registry client.
type registryReader struct{ c *chain.Client }

func (r registryReader) Batch(ctx context.Context, s [32]byte) (verifier.RegistryBatch, error) {
	b, err := r.c.Batch(ctx, s)
	if err != nil || !b.Anchored {
		return verifier.RegistryBatch{}, err
	}
	tx, err := r.c.AnchorTx(ctx, s, b.Block)
	if err != nil {
		return verifier.RegistryBatch{}, err
	}
	head, err := r.c.Head(ctx)
	if err != nil {
		return verifier.RegistryBatch{}, err
	}
	gas, err := r.c.GasUsed(ctx, tx)
	if err != nil {
		return verifier.RegistryBatch{}, err
	}
	return verifier.RegistryBatch{Anchored: true, Issuer: b.Issuer, Block: b.Block, Time: time.Unix(int64(b.Time), 0), Tx: tx, Head: head, GasUsed: gas}, nil
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

// anchorEvents are the registry's anchor events as the issuer service takes them.
func anchorEvents(evs []chain.AnchorEvent) []issuer.RegistryAnchor {
	return convertAll(evs, func(ev chain.AnchorEvent) issuer.RegistryAnchor { return issuer.RegistryAnchor(ev) })
}

// revocationEvents are the registry's revocation events as the issuer
// service takes them.
func revocationEvents(evs []chain.RevocationEvent) []issuer.RegistryRevocation {
	return convertAll(evs, func(ev chain.RevocationEvent) issuer.RegistryRevocation { return issuer.RegistryRevocation(ev) })
}

func convertAll[S, T any](in []S, convert func(S) T) []T {
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = convert(v)
	}
	return out
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

func (f failingReader) Batch(context.Context, [32]byte) (verifier.RegistryBatch, error) {
	return verifier.RegistryBatch{}, f.err
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

// onClient calls f with the connected client.
func onClient[T any](ctx context.Context, l *lazyChain, f func(*chain.Client) (T, error)) (T, error) {
	c, err := l.client(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	return f(c)
}

func (l *lazyChain) LastSeal(ctx context.Context) ([32]byte, error) {
	return onClient(ctx, l, func(c *chain.Client) ([32]byte, error) { return c.LastSeal(ctx) })
}

func (l *lazyChain) Locate(ctx context.Context, s [32]byte) (bundle.Anchor, bool, error) {
	type located struct {
		a     bundle.Anchor
		found bool
	}
	r, err := onClient(ctx, l, func(c *chain.Client) (located, error) {
		a, found, err := c.Locate(ctx, s)
		return located{a, found}, err
	})
	return r.a, r.found, err
}

func (l *lazyChain) SendAnchor(ctx context.Context, hs []seal.Header, keep func(uint64, [32]byte, []byte, int) error) (int, error) {
	return onClient(ctx, l, func(c *chain.Client) (int, error) { return c.SendAnchor(ctx, hs, keep) })
}

func (l *lazyChain) Replace(ctx context.Context, raw []byte, keep func(uint64, [32]byte, []byte, int) error) error {
	_, err := onClient(ctx, l, func(c *chain.Client) (struct{}, error) { return struct{}{}, c.Replace(ctx, raw, keep) })
	return err
}

func (l *lazyChain) Reprice(ctx context.Context, raw []byte, keep func(uint64, [32]byte, []byte, int) error) error {
	_, err := onClient(ctx, l, func(c *chain.Client) (struct{}, error) { return struct{}{}, c.Reprice(ctx, raw, keep) })
	return err
}

func (l *lazyChain) Broadcast(ctx context.Context, raw []byte) (bool, error) {
	return onClient(ctx, l, func(c *chain.Client) (bool, error) { return c.Broadcast(ctx, raw) })
}

func (l *lazyChain) Where(ctx context.Context) (uint64, [20]byte, error) {
	type where struct {
		id  uint64
		reg [20]byte
	}
	w, err := onClient(ctx, l, func(c *chain.Client) (where, error) { return where{c.ChainID(), c.Registry()}, nil })
	return w.id, w.reg, err
}

func (l *lazyChain) Outcome(ctx context.Context, h [32]byte) (uint64, bool, bool, error) {
	type outcome struct {
		block           uint64
		mined, accepted bool
	}
	r, err := onClient(ctx, l, func(c *chain.Client) (outcome, error) {
		b, m, a, err := c.Outcome(ctx, h)
		return outcome{b, m, a}, err
	})
	return r.block, r.mined, r.accepted, err
}

func (l *lazyChain) MinedNonce(ctx context.Context) (uint64, error) {
	return onClient(ctx, l, func(c *chain.Client) (uint64, error) { return c.MinedNonce(ctx) })
}

func (l *lazyChain) Final(ctx context.Context, block uint64) (bool, error) {
	return onClient(ctx, l, func(c *chain.Client) (bool, error) { return c.Final(ctx, block) })
}

func (l *lazyChain) RevokeDigest(ctx context.Context, digest [32]byte, reason uint8) ([32]byte, error) {
	return onClient(ctx, l, func(c *chain.Client) ([32]byte, error) { return c.RevokeDigest(ctx, digest, reason) })
}

func (l *lazyChain) OwnRevocation(ctx context.Context, digest [32]byte) (uint8, error) {
	return onClient(ctx, l, func(c *chain.Client) (uint8, error) { return c.OwnRevocation(ctx, digest) })
}

func (l *lazyChain) RevocationsSince(ctx context.Context, from uint64) ([]issuer.RegistryRevocation, uint64, error) {
	type read struct {
		events []issuer.RegistryRevocation
		head   uint64
	}
	r, err := onClient(ctx, l, func(c *chain.Client) (read, error) {
		head, err := c.Head(ctx)
		if err != nil {
			return read{}, err
		}
		evs, err := c.RevocationsOf(ctx, c.Account(), from)
		return read{revocationEvents(evs), head}, err
	})
	return r.events, r.head, err
}

func (l *lazyChain) Balance(ctx context.Context) (*big.Int, error) {
	return onClient(ctx, l, func(c *chain.Client) (*big.Int, error) { return c.Balance(ctx) })
}

func (l *lazyChain) AnchorCost(ctx context.Context) (*big.Int, error) {
	return onClient(ctx, l, func(c *chain.Client) (*big.Int, error) { return c.AnchorCost(ctx) })
}

func (l *lazyChain) Standing(ctx context.Context) (bool, uint8, error) {
	type standing struct {
		active bool
		min    uint8
	}
	r, err := onClient(ctx, l, func(c *chain.Client) (standing, error) {
		a, m, err := c.Standing(ctx)
		return standing{a, m}, err
	})
	return r.active, r.min, err
}
