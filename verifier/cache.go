package verifier

import (
	"container/list"
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// CacheOptions tune NewCache.
type CacheOptions struct {
	// StatusTTL is how long revocations, issuer standing and the head are
	// reused (default 10 s): a revocation shows within that time.
	StatusTTL time.Duration
	// MaxEntries bounds the batch and the status caches (default 100,000).
	MaxEntries int
	// MaxMisses bounds the seals looked up and not found (default 10,000),
	// kept apart so that a stream of made-up seals cannot push real
	// records out.
	MaxMisses int
	// FinalDepth is how many blocks deep (counting its own) a batch record
	// must be to be kept for good (default 12); a shallower one may still
	// be reorganised away, so it is asked again after StatusTTL.
	FinalDepth uint64
	// Now is the clock (tests).
	Now func() time.Time
}

// DefaultFinalDepth is how deep a batch record must be to be cached for
// good, unless CacheOptions say otherwise: Ethereum's usual finality.
const DefaultFinalDepth = 12

// NewCache wraps a registry reader: batch records, immutable once anchored
// FinalDepth deep, are kept (least recently used first out); statuses for
// StatusTTL; a record never found, or not yet final, is asked again after
// StatusTTL. Concurrent look-ups of the same key share one call, so a burst
// of verifications of one credential costs one round-trip. Errors are
// never cached. Keys are a batch's seal and a credential's digest, both
// fixed by a bundle that passed the offline checks: a client cannot vary
// anything else to force fresh reads.
func NewCache(r RegistryReader, opts CacheOptions) RegistryReader {
	if opts.StatusTTL <= 0 {
		opts.StatusTTL = 10 * time.Second
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 100_000
	}
	if opts.MaxMisses <= 0 {
		opts.MaxMisses = 10_000
	}
	if opts.FinalDepth == 0 {
		opts.FinalDepth = DefaultFinalDepth
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &cache{r: r, opts: opts, batches: newLRU(opts.MaxEntries), misses: newLRU(opts.MaxMisses),
		statuses: newLRU(opts.MaxEntries)}
}

type cache struct {
	r        RegistryReader
	opts     CacheOptions
	group    singleflight.Group
	batches  *lru
	misses   *lru // seals not found, each for StatusTTL
	statuses *lru
}

type statusKey struct{ seal, digest [32]byte }

type entry struct {
	value   any
	expires time.Time // zero: never
}

func (c *cache) Batch(ctx context.Context, s [32]byte) (RegistryBatch, error) {
	if v, ok := c.cachedBatch(s); ok {
		return v, nil
	}
	v, err, _ := c.group.Do(string(s[:])+"b", func() (any, error) {
		if v, ok := c.cachedBatch(s); ok { // filled since our miss
			return v, nil
		}
		rec, err := c.r.Batch(ctx, s)
		if err != nil {
			return nil, err
		}
		e := entry{value: rec, expires: c.opts.Now().Add(c.opts.StatusTTL)} // may appear, move or vanish
		switch {
		case !rec.Anchored:
			c.misses.put(s, e)
		case rec.Head >= rec.Block && rec.Head-rec.Block+1 >= c.opts.FinalDepth:
			e.expires = time.Time{} // final
			fallthrough
		default:
			c.batches.put(s, e)
		}
		return rec, nil
	})
	if err != nil {
		return RegistryBatch{}, err
	}
	return v.(RegistryBatch), nil
}

// cachedBatch finds a seal among the records, then among the misses.
func (c *cache) cachedBatch(s [32]byte) (RegistryBatch, bool) {
	now := c.opts.Now()
	if v, ok := c.batches.get(s, now); ok {
		return v.(RegistryBatch), true
	}
	if v, ok := c.misses.get(s, now); ok {
		return v.(RegistryBatch), true
	}
	return RegistryBatch{}, false
}

func (c *cache) Status(ctx context.Context, s, digest [32]byte) (StatusRecord, error) {
	k := statusKey{s, digest}
	if v, ok := c.statuses.get(k, c.opts.Now()); ok {
		return v.(StatusRecord), nil
	}
	v, err, _ := c.group.Do(string(s[:])+string(digest[:])+"s", func() (any, error) {
		if v, ok := c.statuses.get(k, c.opts.Now()); ok { // filled since our miss
			return v, nil
		}
		st, err := c.r.Status(ctx, s, digest)
		if err != nil {
			return nil, err
		}
		c.statuses.put(k, entry{value: st, expires: c.opts.Now().Add(c.opts.StatusTTL)})
		return st, nil
	})
	if err != nil {
		return StatusRecord{}, err
	}
	return v.(StatusRecord), nil
}

// lru is a bounded map that forgets the least recently used entry first.
type lru struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recent; values are *lruItem
	items map[any]*list.Element
}

type lruItem struct {
	key any
	entry
}

func newLRU(max int) *lru { return &lru{max: max, order: list.New(), items: map[any]*list.Element{}} }

func (l *lru) get(k any, now time.Time) (any, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	el, ok := l.items[k]
	if !ok {
		return nil, false
	}
	it := el.Value.(*lruItem)
	if !it.expires.IsZero() && now.After(it.expires) {
		l.order.Remove(el)
		delete(l.items, k)
		return nil, false
	}
	l.order.MoveToFront(el)
	return it.value, true
}

func (l *lru) put(k any, e entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.items[k]; ok {
		el.Value.(*lruItem).entry = e
		l.order.MoveToFront(el)
		return
	}
	l.items[k] = l.order.PushFront(&lruItem{key: k, entry: e})
	for l.order.Len() > l.max {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*lruItem).key)
	}
}
