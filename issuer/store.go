package issuer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// State is where a credential or a batch is in the pipeline. A credential
// is pending until it is batched; from then on its state is its batch's.
//
//	pending → batched → sealed → submitted → confirmed → final
//
// A confirmed batch is in a block; it is final once the chain says so (the
// configured confirmations, or the endpoint's finalized block). Until then
// a reorganisation can send it back to sealed, to be anchored again.
// Revocation is recorded beside the state, at any point after confirmed.
type State string

// The pipeline's states, in order.
const (
	Pending   State = "pending"   // stored, waiting for a batch
	Batched   State = "batched"   // in a batch whose leaves are fixed
	Sealed    State = "sealed"    // the batch header is sealed on the issuer's previous seal
	Submitted State = "submitted" // the anchoring transaction may have been sent
	Confirmed State = "confirmed" // anchored in a block that may still be undone
	Final     State = "final"     // anchored in a final block
)

// States lists the pipeline's states in order.
var States = []State{Pending, Batched, Sealed, Submitted, Confirmed, Final}

// Anchored reports whether the state is confirmed or final.
func (s State) Anchored() bool { return s == Confirmed || s == Final }

// StoredCredential is a stored credential.
type StoredCredential struct {
	Seq         uint64 // arrival order, from 1
	ID          string
	Document    *credential.Document
	DocJSON     []byte // Document as JSON; filled by Submit so stores need not encode it
	Seed        credential.Seed
	Digest      credential.Hash
	Version     credential.Version // of the digest: credential.V1 for records issued before v2
	ContentHash [32]byte           // of the document without its id; detects re-imports
	TokenHash   [32]byte           // SHA-256 of the learner's claim token; zero when none
	Created     time.Time
	Revoked     uint8     // reason code; 0: not revoked
	RevokeTx    [32]byte  // the revocation's transaction; zero when found on chain after a lost receipt
	RevokedAt   time.Time // when the issuer recorded the revocation
	Batch       uint64    // 0 while pending
	State       State     // derived from the batch when read
}

// StoredBatch is a stored batch: the credentials with sequence numbers
// First … First+Size-1, in leaf order.
type StoredBatch struct {
	Seq    uint64 // from 1
	First  uint64
	Size   uint64
	State  State
	Header seal.Header // valid from Sealed on
	Cost   SealCost    // of sealing it (every time, if sealed again)
	// Where it was anchored, from Confirmed on.
	Tx       [32]byte
	Block    uint64
	ChainID  uint64
	Registry [20]byte
	Issuer   [20]byte
	Created  time.Time
	Updated  time.Time
}

// Seal returns the batch's seal (meaningful from Sealed on).
func (b StoredBatch) Seal() [32]byte { return b.Header.Hash() }

// AnchorTx is the anchoring transaction in flight: it is stored before it
// is broadcast, so after a crash it is followed, never sent again at a new
// nonce. There is at most one.
type AnchorTx struct {
	Nonce  uint64
	Hashes [][32]byte // every version broadcast: the first and its replacements
	Raw    []byte     // the latest version, signed
	First  uint64     // the batches it anchors: First … Last
	Last   uint64
	Sent   time.Time // when the node accepted the latest version
	// Accepted: the node took the latest version. Fees are raised only
	// from an accepted version, so refusals (no funds, say) do not compound.
	Accepted bool
	// Replacements counts fee bumps.
	Replacements int
}

// AdoptedSeal is a seal anchored by the issuer's key that this database did
// not make (a restored backup, or `credseal batch --anchor`), recorded by
// `credseal issuer recover` so new batches may extend it.
type AdoptedSeal struct {
	Seal  [32]byte
	Root  [32]byte
	Block uint64
	Tx    [32]byte
}

// AddResult says what became of one submitted credential.
type AddResult struct {
	Seq       uint64
	ID        string
	Duplicate bool   // already stored (same content); nothing was added
	Existing  string // the stored credential's id, for duplicates
}

// Store keeps the issuer's state. Every method that changes state does so in
// one transaction, so a crash leaves each change whole or absent.
type Store interface {
	// Add stores credentials as pending, in order. A credential whose
	// ContentHash is already stored is reported as a duplicate and skipped
	// unless allowDuplicates is set.
	Add(ctx context.Context, recs []*StoredCredential, allowDuplicates bool) ([]AddResult, error)
	// Unbatched returns the digests of up to limit pending credentials,
	// oldest first, and when the oldest arrived.
	Unbatched(ctx context.Context, limit int) ([]credential.Hash, time.Time, error)
	// CreateBatch makes a batch of the oldest n pending credentials with
	// their leaf hashes, in state Batched.
	CreateBatch(ctx context.Context, n int, leaves []merkle.Hash, now time.Time) (StoredBatch, error)
	// UpdateBatch stores a batch's new state and header or anchor.
	UpdateBatch(ctx context.Context, b StoredBatch) error
	// BatchesIn returns the batches in any of the states, in order.
	BatchesIn(ctx context.Context, states ...State) ([]StoredBatch, error)
	// Batches lists batches after seq, in order, at most limit.
	Batches(ctx context.Context, after uint64, limit int) ([]StoredBatch, error)
	Batch(ctx context.Context, seq uint64) (StoredBatch, error)
	BatchBySeal(ctx context.Context, s [32]byte) (StoredBatch, error)
	Leaves(ctx context.Context, batch uint64) ([]merkle.Hash, error)
	// Credential finds a credential by id; BySeq by sequence number;
	// ByToken by the hash of its claim token.
	Credential(ctx context.Context, id string) (*StoredCredential, error)
	ByToken(ctx context.Context, tokenHash [32]byte) (*StoredCredential, error)
	ByDigest(ctx context.Context, digest [32]byte) (*StoredCredential, error)
	// FindDigests returns the sequence numbers of the stored credentials
	// among digests, in one pass.
	FindDigests(ctx context.Context, digests map[[32]byte]bool) (map[[32]byte]uint64, error)
	BySeq(ctx context.Context, seq uint64) (*StoredCredential, error)
	// Range returns the credentials First … First+Size-1 of a batch.
	Range(ctx context.Context, first, size uint64) ([]*StoredCredential, error)
	// SetRevoked records a revocation made at time at.
	SetRevoked(ctx context.Context, seq uint64, reason uint8, tx [32]byte, at time.Time) error
	// Counts returns how many credentials are in each state, and revoked.
	Counts(ctx context.Context) (map[State]int, int, error)
	// LastSeal is the seal of the newest batch sealed or later, if any.
	LastSeal(ctx context.Context) ([32]byte, bool, error)
	// PendingAnchor returns the anchoring transaction in flight, if any;
	// SetPendingAnchor stores it (nil clears it).
	PendingAnchor(ctx context.Context) (*AnchorTx, error)
	SetPendingAnchor(ctx context.Context, tx *AnchorTx) error
	// Adopt records seals of the issuer's key made outside this database;
	// Adopted looks one up.
	Adopt(ctx context.Context, seals []AdoptedSeal) error
	Adopted(ctx context.Context, seal [32]byte) (AdoptedSeal, bool, error)
}

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

// TokenStore keeps registrar API tokens under their SHA-256 (TokenHash);
// the tokens themselves are stored nowhere.
type TokenStore interface {
	// PutAPIToken stores a new token's record. It fails with ErrBadToken
	// when the hash is stored already or the name is a live token's.
	PutAPIToken(ctx context.Context, hash [32]byte, t APIToken) error
	// APIToken finds a token by its hash; ok is false when it is unknown
	// or revoked.
	APIToken(ctx context.Context, hash [32]byte) (t APIToken, ok bool, err error)
	// RevokeAPIToken revokes the live token with that name.
	RevokeAPIToken(ctx context.Context, name string) error
	// APITokens lists every token, revoked ones included.
	APITokens(ctx context.Context) ([]APIToken, error)
}

// Errors callers branch on.
var (
	ErrNotFound       = errors.New("issuer: not found")
	ErrAlreadyRevoked = errors.New("issuer: already revoked")
	ErrNotAnchored    = errors.New("issuer: credential is not anchored yet")
	// ErrNotFinal is also an ErrNotAnchored: bundles wait for finality.
	ErrNotFinal = fmt.Errorf("%w: anchored, waiting for the block to be final", ErrNotAnchored)
	// ErrDatabaseBehind: the registry holds seals of the issuer's key that
	// the database does not know. The pipeline stops rather than guess;
	// `credseal issuer recover` reconciles the two.
	ErrDatabaseBehind = errors.New("issuer: the database is behind the registry")
)
