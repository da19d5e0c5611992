package issuer

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/credseal/credseal/pkg/seal"
)

// Config tunes the pipeline. Zero values get the defaults.
type Config struct {
	// BatchSize is the most credentials in one batch (default 1000).
	BatchSize int
	// BatchAge seals a smaller batch once its oldest credential has waited
	// this long (default 1 minute).
	BatchAge time.Duration
	// Bits is the seal's compact target (default: difficulty 16).
	Bits uint32
	// Workers hash and seal (default GOMAXPROCS).
	Workers int
	// Now is the clock (tests).
	Now func() time.Time
	// TokenKey, when set, gives each credential a claim token derived from
	// it (see ClaimToken), whose hash is stored.
	TokenKey []byte
	// ReplaceAfter is how long an anchoring transaction may wait unmined
	// before it is replaced at the same nonce with higher fees (default 3
	// minutes).
	ReplaceAfter time.Duration
	// LagLimit: health is degraded while a credential has waited longer
	// than this to be anchored (default BatchAge + 10 minutes).
	LagLimit time.Duration
	// MinAnchors: health is degraded while the key's balance pays for fewer
	// anchoring transactions than this at current fees (default 20).
	MinAnchors int64
	// StallAfter: health is degraded while no step has finished for this
	// long (default 2 minutes).
	StallAfter time.Duration
	// RecheckEvery spaces out the re-reading of confirmed batches until
	// they are final (default 10 s; each costs a few calls per batch).
	RecheckEvery time.Duration
	// Log receives notable events (reorganisations, replacements); nil
	// discards them.
	Log func(msg string)
}

func (c Config) withDefaults() Config {
	if c.BatchSize <= 0 {
		c.BatchSize = 1000
	}
	if c.BatchAge <= 0 {
		c.BatchAge = time.Minute
	}
	if c.Bits == 0 {
		c.Bits, _ = seal.BitsForDifficulty(DefaultDifficulty)
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.ReplaceAfter <= 0 {
		c.ReplaceAfter = 3 * time.Minute
	}
	if c.LagLimit <= 0 {
		c.LagLimit = c.BatchAge + 10*time.Minute
	}
	if c.MinAnchors <= 0 {
		c.MinAnchors = 20
	}
	if c.StallAfter <= 0 {
		c.StallAfter = 2 * time.Minute
	}
	if c.RecheckEvery <= 0 {
		c.RecheckEvery = 10 * time.Second
	}
	return c
}

// Service runs the issuer's pipeline over a Store and a Chain: intake,
// batching, sealing, anchoring and revocation. Each step reads what the
// store says and moves it on by one state, so after a crash the next step
// simply continues; anchoring asks the chain first, so nothing is anchored
// twice.
type Service struct {
	store Store
	chain Chain
	cfg   Config
	// step serialises pipeline steps: batches are sealed and anchored in
	// chain order by one goroutine at a time.
	step                          sync.Mutex
	replacements, reverts, reorgs atomic.Int64
	// revocations counts revocations recorded, so that cached status
	// lists know they are stale.
	revocations atomic.Uint64
	health      healthState
	rechecked   time.Time // when settle last re-read the confirmed batches (guarded by step)
	// revSync is where Run's reading of revocations from the registry
	// goes on (guarded by step).
	revSync struct {
		next uint64
		at   time.Time
	}
}

// NewService returns a service; chain may be nil for a store-only service
// (intake and status keep working; batches wait to be sealed).
func NewService(store Store, chain Chain, cfg Config) *Service {
	return &Service{store: store, chain: chain, cfg: cfg.withDefaults()}
}

// note reports a notable event to the configured log.
func (s *Service) note(msg string) {
	if s.cfg.Log != nil {
		s.cfg.Log(msg)
	}
}

// ErrNoChain is returned by steps that need the chain when none is configured.
var ErrNoChain = errors.New("issuer: no chain configured")

// Store returns the service's store, for read-only queries.
func (s *Service) Store() Store { return s.store }
