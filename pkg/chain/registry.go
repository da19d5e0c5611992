package chain

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/credseal/credseal/contracts/registry"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/seal"
)

// Deploy creates a CredentialRegistry owned by signer, giving new issuers
// the minimum difficulty minDifficulty (8..127), and returns its address
// once confirmed.
func Deploy(ctx context.Context, backend Backend, signer *Signer, minDifficulty uint8, opts TxOptions) ([20]byte, *Receipt, error) {
	opts = opts.withDefaults()
	backend = deadlineBackend{Backend: backend, d: opts.CallTimeout}
	c := &Client{backend: backend, signer: signer, opts: opts, binding: registry.NewCredentialRegistry()}
	a := c.binding.GetABI()
	c.abi = &a
	id, err := retry(ctx, c.opts, func() (*big.Int, error) { return backend.ChainID(ctx) })
	if err != nil {
		return [20]byte{}, nil, fmt.Errorf("deploy registry: chain ID: %w", err)
	}
	c.chainID = id
	code := append(common.FromHex(registry.CredentialRegistryMetaData.Bin), c.binding.PackConstructor(minDifficulty)...)
	r, err := c.send(ctx, "deploy registry", nil, code)
	if err != nil {
		return [20]byte{}, nil, err
	}
	rcpt, err := backend.TransactionReceipt(ctx, r.Tx)
	if err != nil {
		return [20]byte{}, nil, fmt.Errorf("deploy registry: receipt: %w", err)
	}
	return rcpt.ContractAddress, r, nil
}

// RegisterIssuer accredits an issuer (owner only).
func (c *Client) RegisterIssuer(ctx context.Context, issuer [20]byte, name, domain string) (*Receipt, error) {
	return c.transact(ctx, "register issuer", c.binding.PackRegisterIssuer(issuer, name, domain))
}

// SuspendIssuer stops an issuer from anchoring (owner only). Batches it
// anchored in block fromBlock or later stop counting; earlier ones stay
// valid. fromBlock 0 voids every batch of the issuer.
func (c *Client) SuspendIssuer(ctx context.Context, issuer [20]byte, fromBlock uint64) (*Receipt, error) {
	return c.transact(ctx, "suspend issuer", c.binding.PackSuspendIssuer(issuer, fromBlock))
}

// RotateIssuerKey moves an issuer to a new key (owner only): the new key
// takes over the record and the chain of seals; the old one can no longer
// anchor or revoke.
func (c *Client) RotateIssuerKey(ctx context.Context, oldKey, newKey [20]byte) (*Receipt, error) {
	return c.transact(ctx, "rotate issuer key", c.binding.PackRotateIssuerKey(oldKey, newKey))
}

// CurrentKey returns the key an issuer uses now: key itself, or the key the
// owner rotated it to.
func (c *Client) CurrentKey(ctx context.Context, key [20]byte) ([20]byte, error) {
	return call(ctx, c, "current key", c.binding.PackCurrentKey(key), c.binding.UnpackCurrentKey)
}

// Genesis is the prev of an issuer's first header: its address followed by
// twelve zero bytes, so no other account's chain can hold that header.
func Genesis(issuer [20]byte) [32]byte {
	var g [32]byte
	copy(g[:], issuer[:])
	return g
}

// ReinstateIssuer lifts a suspension (owner only).
func (c *Client) ReinstateIssuer(ctx context.Context, issuer [20]byte) (*Receipt, error) {
	return c.transact(ctx, "reinstate issuer", c.binding.PackReinstateIssuer(issuer))
}

// SetMinDifficulty sets the minimum difficulty new issuers get (owner only):
// their headers' targets must be below 2^(256-d).
func (c *Client) SetMinDifficulty(ctx context.Context, d uint8) (*Receipt, error) {
	return c.transact(ctx, "set minimum difficulty", c.binding.PackSetMinDifficulty(d))
}

// SetIssuerMinDifficulty sets one issuer's minimum difficulty (owner only).
func (c *Client) SetIssuerMinDifficulty(ctx context.Context, issuer [20]byte, d uint8) (*Receipt, error) {
	return c.transact(ctx, "set issuer minimum difficulty", c.binding.PackSetIssuerMinDifficulty(issuer, d))
}

// TransferOwnership starts handing the registry to a new owner, who must
// call AcceptOwnership.
func (c *Client) TransferOwnership(ctx context.Context, to [20]byte) (*Receipt, error) {
	return c.transact(ctx, "transfer ownership", c.binding.PackTransferOwnership(to))
}

// AcceptOwnership completes a transfer to the signer.
func (c *Client) AcceptOwnership(ctx context.Context) (*Receipt, error) {
	return c.transact(ctx, "accept ownership", c.binding.PackAcceptOwnership())
}

// LastSeal returns the signer's last anchored seal: the prev of its next
// header (its Genesis before its first batch).
func (c *Client) LastSeal(ctx context.Context) ([32]byte, error) {
	return c.LastSealOf(ctx, c.Account())
}

// LastSealOf returns an issuer's last anchored seal.
func (c *Client) LastSealOf(ctx context.Context, issuer [20]byte) ([32]byte, error) {
	return call(ctx, c, "last seal", c.binding.PackLastSeal(issuer), c.binding.UnpackLastSeal)
}

// Anchor records sealed headers, in chain order, and waits for them to be
// final: in one transaction when they fit (anchorMany when there are
// several), else in as many as the chain's gas limits need. Headers already
// anchored by the signer are not sent again, so calling Anchor after a
// crash or timeout is safe. It returns where the last header was anchored,
// as the bundle's hint.
func (c *Client) Anchor(ctx context.Context, headers []seal.Header) (bundle.Anchor, error) {
	if len(headers) == 0 {
		return bundle.Anchor{}, errors.New("anchor: no headers")
	}
	var todo []seal.Header
	var last AnchoredBatch
	for i, h := range headers {
		s := h.Hash()
		rec, err := c.Batch(ctx, s)
		if err != nil {
			return bundle.Anchor{}, fmt.Errorf("anchor header %d: %w", i, err)
		}
		if rec.Anchored {
			if err := c.mustBeOurs(ctx, s, rec.Issuer); err != nil {
				return bundle.Anchor{}, fmt.Errorf("anchor header %d: %w", i, err)
			}
		}
		switch {
		case !rec.Anchored:
			todo = append(todo, h)
		case i == len(headers)-1:
			last = rec
		}
	}
	if todo == nil { // all there already: find the transaction of the last one
		tx, err := c.AnchorTx(ctx, headers[len(headers)-1].Hash(), last.Block)
		if err != nil {
			return bundle.Anchor{}, err
		}
		if err := c.waitFinal(ctx, last.Block); err != nil {
			return bundle.Anchor{}, fmt.Errorf("anchor: %w", err)
		}
		return c.hint(tx, last.Block), nil
	}
	var r *Receipt
	for len(todo) > 0 {
		tx, err := c.sendAnchor(ctx, todo, nil)
		if err != nil {
			return bundle.Anchor{}, err
		}
		var signed types.Transaction
		if err := signed.UnmarshalBinary(tx.Raw); err != nil {
			return bundle.Anchor{}, err
		}
		msg := ethereum.CallMsg{From: c.signer.addr, To: &c.registry, Data: signed.Data()}
		if r, err = c.await(ctx, fmt.Sprintf("anchor %d headers", tx.Headers), &signed, msg); err != nil {
			return bundle.Anchor{}, err
		}
		todo = todo[tx.Headers:]
	}
	if err := c.waitFinal(ctx, r.Block); err != nil {
		return bundle.Anchor{}, fmt.Errorf("anchor: tx %x: %w", r.Tx, err)
	}
	return c.hint(r.Tx, r.Block), nil
}

func (c *Client) hint(tx [32]byte, block uint64) bundle.Anchor {
	return bundle.Anchor{ChainID: c.ChainID(), Registry: c.registry, Issuer: c.Account(), Tx: tx, Block: block}
}

// AnchorTx finds the transaction whose Anchored event recorded seal in block.
func (c *Client) AnchorTx(ctx context.Context, s [32]byte, block uint64) ([32]byte, error) {
	ev := c.abi.Events["Anchored"]
	n := new(big.Int).SetUint64(block)
	q := ethereum.FilterQuery{FromBlock: n, ToBlock: n, Addresses: []common.Address{c.registry},
		Topics: [][]common.Hash{{ev.ID}, nil, {common.Hash(s)}}}
	logs, err := retry(ctx, c.opts, func() ([]types.Log, error) { return c.backend.FilterLogs(ctx, q) })
	if err != nil {
		return [32]byte{}, fmt.Errorf("find anchor of %x: %w", s, err)
	}
	if len(logs) == 0 {
		return [32]byte{}, fmt.Errorf("find anchor of %x: no Anchored event in block %d", s, block)
	}
	return logs[0].TxHash, nil
}

// Revoke revokes a credential by its digest, with a reason code (1..255).
func (c *Client) Revoke(ctx context.Context, digest [32]byte, reason uint8) (*Receipt, error) {
	return c.transact(ctx, "revoke credential", c.binding.PackRevoke(digest, reason))
}

// RevokeDigest is Revoke returning the transaction only (the issuer
// service's view of revocation).
func (c *Client) RevokeDigest(ctx context.Context, digest [32]byte, reason uint8) ([32]byte, error) {
	r, err := c.Revoke(ctx, digest, reason)
	if err != nil {
		return [32]byte{}, err
	}
	return r.Tx, nil
}

// Locate says where the signer anchored a seal: chain, registry, issuer,
// transaction and block; found is false when the registry does not have it.
// A seal anchored by an account that is not the signer (nor a key the owner
// rotated to the signer) is an error wrapping ErrAnchoredByOther, never
// found: the batch would otherwise be confirmed under someone else. It does
// not wait for confirmations: Final says when the record is final.
func (c *Client) Locate(ctx context.Context, s [32]byte) (bundle.Anchor, bool, error) {
	rec, err := c.Batch(ctx, s)
	if err != nil || !rec.Anchored {
		return bundle.Anchor{}, false, err
	}
	if err := c.mustBeOurs(ctx, s, rec.Issuer); err != nil {
		return bundle.Anchor{}, false, fmt.Errorf("locate: %w", err)
	}
	tx, err := c.AnchorTx(ctx, s, rec.Block)
	if err != nil {
		return bundle.Anchor{}, false, err
	}
	return bundle.Anchor{ChainID: c.ChainID(), Registry: c.registry, Issuer: rec.Issuer, Tx: tx, Block: rec.Block}, true, nil
}

// mustBeOurs fails with ErrAnchoredByOther unless the signer anchored the
// seal, itself or under a key the owner has since rotated to it.
func (c *Client) mustBeOurs(ctx context.Context, s [32]byte, anchoredBy [20]byte) error {
	me := c.Account()
	if anchoredBy == me {
		return nil
	}
	now, err := c.CurrentKey(ctx, anchoredBy)
	if err != nil {
		return err
	}
	if now != me {
		return fmt.Errorf("%w: seal %x, anchored by %x", ErrAnchoredByOther, s, anchoredBy)
	}
	return nil
}

// RevokeBatch revokes every credential of a batch the signer anchored.
func (c *Client) RevokeBatch(ctx context.Context, s [32]byte, reason uint8) (*Receipt, error) {
	return c.transact(ctx, "revoke batch", c.binding.PackRevokeBatch(s, reason))
}

// AnchoredBatch is what the registry holds of an anchored batch.
type AnchoredBatch struct {
	Anchored      bool
	Issuer        [20]byte
	Block         uint64
	Time          uint64 // unix seconds of the anchoring block
	RevokedReason uint8  // 0: not revoked
}

// Batch looks up a seal.
func (c *Client) Batch(ctx context.Context, s [32]byte) (AnchoredBatch, error) {
	out, err := call(ctx, c, "batch", c.binding.PackBatch(s), c.binding.UnpackBatch)
	if err != nil {
		return AnchoredBatch{}, err
	}
	return AnchoredBatch{Anchored: out.BatchIssuer != (common.Address{}), Issuer: out.BatchIssuer,
		Block: out.BlockNumber, Time: out.Time, RevokedReason: out.RevokedReason}, nil
}

// NoCutoff is the cutoff of an issuer key in good standing.
const NoCutoff = math.MaxUint64

// CredentialStatus is everything a verifier asks of the registry about one credential.
type CredentialStatus struct {
	Batch AnchoredBatch
	// IssuerKey is the key the batch's issuer uses now (Batch.Issuer, or
	// the key the owner rotated it to).
	IssuerKey               [20]byte
	CredentialRevokedReason uint8 // by the batch's issuer, any of its keys; 0: not revoked
	IssuerActive            bool  // the issuer may anchor now
	// Cutoff is the first block from which batches of the issuer's keys
	// stop counting (a dated suspension); NoCutoff when none.
	Cutoff uint64
}

// Stands reports whether the batch is anchored before its issuer's cutoff.
func (s CredentialStatus) Stands() bool { return s.Batch.Block < s.Cutoff }

// Status reads the batch, the credential's revocation by the batch's issuer,
// the issuer's current key and standing, in one call.
func (c *Client) Status(ctx context.Context, s, digest [32]byte) (CredentialStatus, error) {
	out, err := call(ctx, c, "status", c.binding.PackStatus(s, digest), c.binding.UnpackStatus)
	if err != nil {
		return CredentialStatus{}, err
	}
	return CredentialStatus{
		Batch: AnchoredBatch{Anchored: out.BatchIssuer != (common.Address{}), Issuer: out.BatchIssuer,
			Block: out.BlockNumber, Time: out.Time, RevokedReason: out.BatchRevokedReason},
		IssuerKey:               out.IssuerKey,
		CredentialRevokedReason: out.CredentialRevokedReason,
		IssuerActive:            out.IssuerActive,
		Cutoff:                  out.Cutoff,
	}, nil
}

// Revocation is an issuer's revocation of one credential.
type Revocation struct {
	Revoked bool
	Reason  uint8
	Block   uint64
}

// IsRevoked reports whether issuer revoked the credential with digest.
func (c *Client) IsRevoked(ctx context.Context, issuer [20]byte, digest [32]byte) (Revocation, error) {
	out, err := call(ctx, c, "is revoked", c.binding.PackIsRevoked(issuer, digest), c.binding.UnpackIsRevoked)
	if err != nil {
		return Revocation{}, err
	}
	return Revocation{Revoked: out.Revoked, Reason: out.Reason, Block: out.BlockNumber}, nil
}

// Issuer is an issuer key's record on the registry.
type Issuer struct {
	Registered    bool
	Active        bool
	MinDifficulty uint8
	RegisteredAt  uint64 // block
	// Cutoff is the block from which this key's batches stop counting;
	// NoCutoff when none.
	Cutoff uint64
	// Successor is the key the owner rotated this one to; zero for a live key.
	Successor [20]byte
	Name      string
	Domain    string
}

// Rotated reports whether the owner moved the issuer to another key.
func (i Issuer) Rotated() bool { return i.Successor != [20]byte{} }

// Issuer reads an issuer key's record.
func (c *Client) Issuer(ctx context.Context, account [20]byte) (Issuer, error) {
	out, err := call(ctx, c, "issuer record", c.binding.PackIssuerRecord(account), c.binding.UnpackIssuerRecord)
	if err != nil {
		return Issuer{}, err
	}
	return Issuer{Registered: out.Registered, Active: out.Active, MinDifficulty: out.IssuerMinDifficulty,
		RegisteredAt: out.RegisteredAt, Cutoff: out.Cutoff, Successor: out.Successor, Name: out.Name, Domain: out.Domain}, nil
}

// MinDifficulty returns the minimum difficulty new issuers get.
func (c *Client) MinDifficulty(ctx context.Context) (uint8, error) {
	return call(ctx, c, "minimum difficulty", c.binding.PackMinDifficulty(), c.binding.UnpackMinDifficulty)
}

// Owner returns the registry's owner.
func (c *Client) Owner(ctx context.Context) ([20]byte, error) {
	a, err := call(ctx, c, "owner", c.binding.PackOwner(), c.binding.UnpackOwner)
	return a, err
}

// VerifyInclusion asks the contract's pure verifyInclusion (for tests and
// for cross-checking pkg/merkle).
func (c *Client) VerifyInclusion(ctx context.Context, leaf [32]byte, index, size uint64, path [][32]byte, root [32]byte) (bool, error) {
	data := c.binding.PackVerifyInclusion(leaf, new(big.Int).SetUint64(index), new(big.Int).SetUint64(size), path, root)
	return call(ctx, c, "verify inclusion", data, c.binding.UnpackVerifyInclusion)
}

// TxBlock returns the block a transaction was mined in and the address it
// called; found is false when the chain does not know it.
func (c *Client) TxBlock(ctx context.Context, tx [32]byte) (block uint64, to [20]byte, found bool, err error) {
	rcpt, err := retry(ctx, c.opts, func() (*types.Receipt, error) { return c.backend.TransactionReceipt(ctx, tx) })
	if errors.Is(err, ethereum.NotFound) {
		return 0, [20]byte{}, false, nil
	}
	if err != nil {
		return 0, [20]byte{}, false, fmt.Errorf("receipt of %x: %w", tx, err)
	}
	t, _, err := c.backendTx(ctx, tx)
	if err != nil {
		return 0, [20]byte{}, false, err
	}
	if t.To() != nil {
		to = *t.To()
	}
	return rcpt.BlockNumber.Uint64(), to, rcpt.Status == types.ReceiptStatusSuccessful, nil
}

// GasUsed is the gas a mined transaction used (shared by every header an
// anchorMany carried).
func (c *Client) GasUsed(ctx context.Context, tx [32]byte) (uint64, error) {
	rcpt, err := retry(ctx, c.opts, func() (*types.Receipt, error) { return c.backend.TransactionReceipt(ctx, tx) })
	if err != nil {
		return 0, fmt.Errorf("receipt of %x: %w", tx, err)
	}
	return rcpt.GasUsed, nil
}

func (c *Client) backendTx(ctx context.Context, tx [32]byte) (*types.Transaction, bool, error) {
	type res struct {
		tx      *types.Transaction
		pending bool
	}
	r, err := retry(ctx, c.opts, func() (res, error) {
		t, p, err := c.backend.TransactionByHash(ctx, tx)
		return res{t, p}, err
	})
	if err != nil {
		return nil, false, fmt.Errorf("transaction %x: %w", tx, err)
	}
	return r.tx, r.pending, nil
}

// call makes a read-only call of the registry at the latest block.
func call[T any](ctx context.Context, c *Client, what string, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	msg := ethereum.CallMsg{To: &c.registry, Data: data}
	out, err := retry(ctx, c.opts, func() ([]byte, error) { return c.backend.CallContract(ctx, msg, nil) })
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, c.decodeRevert(err))
	}
	v, err := unpack(out)
	if err != nil {
		return zero, fmt.Errorf("%s: decode: %w", what, err)
	}
	return v, nil
}

// Target returns the target the contract decodes from compact bits.
func (c *Client) Target(ctx context.Context, bits uint32) (*big.Int, error) {
	return call(ctx, c, "target", c.binding.PackTarget(bits), c.binding.UnpackTarget)
}

// EventNames lists the names of the registry's events from block on, in
// chain order (an audit trail for operators and tests).
func (c *Client) EventNames(ctx context.Context, from uint64) ([]string, error) {
	q := ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), Addresses: []common.Address{c.registry}}
	logs, err := retry(ctx, c.opts, func() ([]types.Log, error) { return c.backend.FilterLogs(ctx, q) })
	if err != nil {
		return nil, fmt.Errorf("registry events: %w", err)
	}
	names := make([]string, 0, len(logs))
	for _, l := range logs {
		ev, err := c.abi.EventByID(l.Topics[0])
		if err != nil {
			return nil, fmt.Errorf("registry event in tx %s: %w", l.TxHash, err)
		}
		names = append(names, ev.Name)
	}
	return names, nil
}

// AnchoredBy lists the seals an issuer anchored, in chain order (an audit:
// each should be one of the issuer's batches, exactly once).
func (c *Client) AnchoredBy(ctx context.Context, issuer [20]byte) ([][32]byte, error) {
	evs, err := c.AnchorsOf(ctx, issuer, 0)
	if err != nil {
		return nil, err
	}
	out := make([][32]byte, len(evs))
	for i, e := range evs {
		out[i] = e.Seal
	}
	return out, nil
}

// AnchorEvent is one Anchored event of the registry.
type AnchorEvent struct {
	Seal, Root [32]byte
	Block      uint64
	Tx         [32]byte
}

// RevocationEvent is one CredentialRevoked or BatchRevoked event: ID is
// the credential's digest, or the batch's seal when Batch is set.
type RevocationEvent struct {
	ID     [32]byte
	Batch  bool
	Reason uint8
	Block  uint64
	Tx     [32]byte
}

// RevocationsOf lists the revocations an issuer key made from block from on.
func (c *Client) RevocationsOf(ctx context.Context, issuer [20]byte, from uint64) ([]RevocationEvent, error) {
	cred, batch := c.abi.Events["CredentialRevoked"], c.abi.Events["BatchRevoked"]
	return eventsOf(ctx, c, from, "revocations", issuer, []common.Hash{cred.ID, batch.ID}, func(l types.Log) RevocationEvent {
		return RevocationEvent{ID: l.Topics[2], Batch: l.Topics[0] == batch.ID, Reason: l.Data[31], Block: l.BlockNumber, Tx: l.TxHash}
	})
}

// logWindow is how many blocks one log query spans: public endpoints
// refuse wider ranges.
const logWindow = 10_000

// AnchorsOf lists what an issuer key anchored from block from on, in chain
// order.
func (c *Client) AnchorsOf(ctx context.Context, issuer [20]byte, from uint64) ([]AnchorEvent, error) {
	return eventsOf(ctx, c, from, "anchors", issuer, []common.Hash{c.abi.Events["Anchored"].ID}, func(l types.Log) AnchorEvent {
		return AnchorEvent{Seal: l.Topics[2], Root: [32]byte(l.Data[:32]), Block: l.BlockNumber, Tx: l.TxHash}
	})
}

// eventsOf reads the registry's events of the given kinds whose second
// topic is issuer, from block from on, in chain order, as event values.
// Every event it reads has an indexed issuer and id and at least a word of
// data; a log without them is not the registry's and is skipped.
func eventsOf[T any](ctx context.Context, c *Client, from uint64, what string, issuer [20]byte, kinds []common.Hash, event func(types.Log) T) ([]T, error) {
	logs, err := c.logsOf(ctx, from, [][]common.Hash{kinds, {common.BytesToHash(issuer[:])}})
	if err != nil {
		return nil, fmt.Errorf("%s of %x: %w", what, issuer, err)
	}
	var out []T
	for _, l := range logs {
		if len(l.Topics) >= 3 && len(l.Data) >= 32 {
			out = append(out, event(l))
		}
	}
	return out, nil
}

// logsOf reads the registry's events matching topics from block from to
// the head, a window of blocks at a time, in chain order.
func (c *Client) logsOf(ctx context.Context, from uint64, topics [][]common.Hash) ([]types.Log, error) {
	head, err := c.Head(ctx)
	if err != nil {
		return nil, err
	}
	var out []types.Log
	for lo := from; lo <= head; lo += logWindow {
		q := ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(lo), ToBlock: new(big.Int).SetUint64(min(lo+logWindow-1, head)),
			Addresses: []common.Address{c.registry}, Topics: topics}
		logs, err := retry(ctx, c.opts, func() ([]types.Log, error) { return c.backend.FilterLogs(ctx, q) })
		if err != nil {
			return nil, fmt.Errorf("blocks %d-%d: %w", lo, q.ToBlock, err)
		}
		for _, l := range logs {
			if !l.Removed {
				out = append(out, l)
			}
		}
	}
	return out, nil
}

// AnchoredHeaders returns the headers an anchoring transaction carried,
// read from its input: how `issuer recover` gives a batch it sealed but
// never recorded as sent its header back.
func (c *Client) AnchoredHeaders(ctx context.Context, tx [32]byte) ([]seal.Header, error) {
	t, _, err := c.backendTx(ctx, tx)
	if err != nil {
		return nil, err
	}
	data := t.Data()
	if len(data) < 4 {
		return nil, fmt.Errorf("transaction %x: not a registry call", tx)
	}
	m, err := c.abi.MethodById(data[:4])
	if err != nil || m.Name != "anchor" && m.Name != "anchorMany" {
		return nil, fmt.Errorf("transaction %x: not an anchoring call", tx)
	}
	args, err := m.Inputs.Unpack(data[4:])
	if err != nil || len(args) != 1 {
		return nil, fmt.Errorf("transaction %x: %v", tx, err)
	}
	raw, ok := args[0].([]byte)
	if !ok || len(raw)%seal.HeaderSize != 0 {
		return nil, fmt.Errorf("transaction %x: headers of %d bytes", tx, len(raw))
	}
	out := make([]seal.Header, 0, len(raw)/seal.HeaderSize)
	for i := 0; i < len(raw); i += seal.HeaderSize {
		h, err := seal.ParseHeader(raw[i : i+seal.HeaderSize])
		if err != nil {
			return nil, fmt.Errorf("transaction %x: header %d: %w", tx, i/seal.HeaderSize, err)
		}
		out = append(out, h)
	}
	return out, nil
}
