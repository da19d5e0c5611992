package issuer

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/credseal/credseal/pkg/seal"
)

// ChainMonitor is what health asks of the chain beyond the pipeline: the
// key's balance, what an anchor costs, and the key's standing on the
// registry. The chain adapter implements it.
type ChainMonitor interface {
	Balance(ctx context.Context) (*big.Int, error)
	AnchorCost(ctx context.Context) (*big.Int, error)
	Standing(ctx context.Context) (active bool, minDifficulty uint8, err error)
}

// Health is the pipeline's condition, for /healthz and /metrics.
type Health struct {
	Checked time.Time
	// Problems says why the issuer is degraded; empty when it is healthy.
	Problems []string
	// OldestWaiting is when the oldest credential not yet anchored arrived;
	// zero when every credential is anchored.
	OldestWaiting time.Time
	Lag           time.Duration // how long it has waited
	// PendingTx is the anchoring transaction in flight, if any.
	PendingTx                     *AnchorTx
	Balance                       *big.Int // wei; nil when unknown
	AnchorsLeft                   int64    // anchors the balance pays for; -1 when unknown
	Replacements, Reverts, Reorgs int64    // since start
	LastError                     string   // of the last step; "" after a good one
	Stopped                       bool     // the pipeline stopped (the database is behind the registry)
}

// Degraded reports whether anything needs an operator.
func (h Health) Degraded() bool { return len(h.Problems) > 0 }

// healthState keeps the last Health and what it is computed from.
type healthState struct {
	mu           sync.Mutex
	last         Health
	lastErr      error
	failingSince time.Time // first of the failing steps in a row; zero after a good one
	stopped      bool
	chainRead    time.Time // when balance and standing were last read
	balance      *big.Int
	left         int64
	standing     string // a problem with the key's standing; "" when none
}

// chainReadEvery spaces out the balance and standing reads: they change
// slowly, and a public endpoint may rate-limit.
const chainReadEvery = 30 * time.Second

// noteStep records a step's outcome for Health.
func (s *Service) noteStep(err error) {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	now := s.cfg.Now()
	s.health.lastErr = err
	switch {
	case err == nil:
		s.health.failingSince = time.Time{}
	case s.health.failingSince.IsZero():
		s.health.failingSince = now
	}
	if errors.Is(err, ErrDatabaseBehind) {
		s.health.stopped = true
	}
}

// failingFor is how long steps may fail in a row (a chain outage ridden
// out with backoff) before health says so.
const failingFor = time.Minute

// Health returns the condition as of the last check (each pipeline step
// checks it), degraded when that check is older than StallAfter: a step
// that does not end is itself the problem.
func (s *Service) Health() Health {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	h := s.health.last
	if age := s.cfg.Now().Sub(h.Checked); !h.Checked.IsZero() && age > s.cfg.StallAfter {
		h.Problems = append(slices.Clone(h.Problems), fmt.Sprintf("no pipeline step has finished for %s", age.Round(time.Second)))
	}
	return h
}

// CheckHealth computes the condition now and returns it.
func (s *Service) CheckHealth(ctx context.Context) Health {
	now := s.cfg.Now()
	h := Health{Checked: now.UTC(), AnchorsLeft: -1, Replacements: s.replacements.Load(), Reverts: s.reverts.Load(),
		Reorgs: s.reorgs.Load()}
	if oldest, ok, err := s.oldestWaiting(ctx); err != nil {
		h.Problems = append(h.Problems, "cannot read the database: "+err.Error())
	} else if ok {
		h.OldestWaiting, h.Lag = oldest, now.Sub(oldest)
		if h.Lag > s.cfg.LagLimit {
			h.Problems = append(h.Problems, fmt.Sprintf("a credential has waited %s to be anchored and final (limit %s)",
				h.Lag.Round(time.Second), s.cfg.LagLimit))
		}
	}
	if p, err := s.store.PendingAnchor(ctx); err == nil {
		h.PendingTx = p
	}
	if m, ok := s.chain.(ChainMonitor); ok {
		s.readChain(ctx, m, now)
	}
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	h.Balance, h.AnchorsLeft = s.health.balance, s.health.left
	if h.AnchorsLeft >= 0 && h.AnchorsLeft < s.cfg.MinAnchors {
		h.Problems = append(h.Problems, fmt.Sprintf("the key's balance pays for %d more anchors at current fees (fewer than %d): fund it",
			h.AnchorsLeft, s.cfg.MinAnchors))
	}
	if s.health.standing != "" {
		h.Problems = append(h.Problems, s.health.standing)
	}
	if err := s.health.lastErr; err != nil {
		h.LastError = err.Error()
		if since := now.Sub(s.health.failingSince); since > failingFor && !s.health.stopped {
			h.Problems = append(h.Problems, fmt.Sprintf("pipeline steps have failed for %s: %s", since.Round(time.Second), h.LastError))
		}
	}
	if s.health.stopped {
		h.Stopped = true
		h.Problems = append(h.Problems, "the pipeline stopped: "+h.LastError)
	}
	s.health.last = h
	return h
}

// readChain refreshes the balance and standing, at most every chainReadEvery.
func (s *Service) readChain(ctx context.Context, m ChainMonitor, now time.Time) {
	s.health.mu.Lock()
	due := now.Sub(s.health.chainRead) >= chainReadEvery
	s.health.mu.Unlock()
	if !due {
		return
	}
	balance, left := (*big.Int)(nil), int64(-1)
	if b, err := m.Balance(ctx); err == nil {
		balance = b
		if cost, err := m.AnchorCost(ctx); err == nil && cost.Sign() > 0 {
			left = new(big.Int).Div(b, cost).Int64()
		}
	}
	standing := ""
	if active, minD, err := m.Standing(ctx); err == nil {
		switch {
		case !active:
			standing = "the registry does not let this key anchor (suspended, rotated or not accredited)"
		case !s.meetsDifficulty(minD):
			standing = fmt.Sprintf("the seal difficulty is below the registry's minimum of %d for this key: raise --difficulty", minD)
		}
	}
	s.health.mu.Lock()
	s.health.chainRead, s.health.balance, s.health.left, s.health.standing = now, balance, left, standing
	s.health.mu.Unlock()
}

// meetsDifficulty reports whether the configured bits' target is at most
// 2^(256-d), the registry's test.
func (s *Service) meetsDifficulty(d uint8) bool {
	t, err := seal.Target(s.cfg.Bits)
	if err != nil {
		return false
	}
	return t.Cmp(new(big.Int).Lsh(big.NewInt(1), 256-uint(d))) <= 0
}

// oldestWaiting returns when the oldest credential not yet final arrived.
func (s *Service) oldestWaiting(ctx context.Context) (time.Time, bool, error) {
	// Confirmed counts too: a batch stuck short of finality is not done.
	waiting, err := s.store.BatchesIn(ctx, Batched, Sealed, Submitted, Confirmed)
	if err != nil {
		return time.Time{}, false, err
	}
	if len(waiting) > 0 {
		r, err := s.store.BySeq(ctx, waiting[0].First)
		if err != nil {
			return time.Time{}, false, err
		}
		return r.Created, true, nil
	}
	digests, oldest, err := s.store.Unbatched(ctx, 1)
	if err != nil || len(digests) == 0 {
		return time.Time{}, false, err
	}
	return oldest, true, nil
}
