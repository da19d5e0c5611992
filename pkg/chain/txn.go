package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/credseal/credseal/pkg/seal"
)

// Tx is a signed transaction its sender keeps: stored before it is
// broadcast, broadcast again after a restart, and replaced at the same
// nonce when it is stuck.
type Tx struct {
	Nonce   uint64
	Hash    [32]byte
	Raw     []byte // the signed transaction's binary encoding
	Headers int    // how many headers it anchors
}

// Errors callers branch on.
var (
	// ErrNonceUsed: a broadcast was refused because another transaction
	// of the key was mined at its nonce.
	ErrNonceUsed = errors.New("chain: the transaction's nonce is already used")
	// ErrFeeCap: a replacement would have to pay more than Options.MaxFee.
	ErrFeeCap = errors.New("chain: a replacement would exceed the maximum fee")
	// ErrTooMuchGas: a single header does not fit one transaction.
	ErrTooMuchGas = errors.New("chain: transaction needs more gas than the chain allows")
	// ErrKeyBusy: the key has a transaction in the node's pool that the
	// caller is not following (a reorganised anchor put back, a pending
	// revocation); a new anchor now would take the next nonce and revert.
	ErrKeyBusy = errors.New("chain: the key has a pending transaction; anchoring waits for it to be mined (if it stays, it is stuck: replace it at its nonce or fund the key)")
	// ErrAboveMarket: a stuck transaction already pays well over the
	// market; raising it further would not get it mined.
	ErrAboveMarket = errors.New("chain: the stuck transaction already pays over three times the market fee and tip; it is not mined for another reason (a nonce gap, a node that does not relay it): check the endpoint")
)

// Gas of anchorMany, for the first guess at how many headers fit (measured
// in docs/PERFORMANCE.md); estimates on the chain decide.
const (
	anchorBaseGas      = 60_000
	anchorPerHeaderGas = 125_000
)

// SendAnchor signs one transaction anchoring the longest prefix of headers
// that fits the chain (the per-transaction gas cap and the block gas limit,
// estimated on the chain, halving on "exceeds allowance"), hands it to keep,
// and only then broadcasts it. Nothing is sent when keep fails. keep must
// store the transaction durably: its nonce, hash, binary encoding (what
// Broadcast and Replace take) and how many headers it carries. SendAnchor
// returns that number.
func (c *Client) SendAnchor(ctx context.Context, headers []seal.Header, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) (int, error) {
	tx, err := c.sendAnchor(ctx, headers, keep)
	return tx.Headers, err
}

func (c *Client) sendAnchor(ctx context.Context, headers []seal.Header, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) (Tx, error) {
	if c.signer == nil {
		return Tx{}, ErrNoSigner
	}
	if len(headers) == 0 {
		return Tx{}, errors.New("anchor: no headers")
	}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	head, err := retry(ctx, c.opts, func() (*types.Header, error) { return c.backend.HeaderByNumber(ctx, nil) })
	if err != nil {
		return Tx{}, fmt.Errorf("anchor: head: %w", err)
	}
	budget := min(c.opts.MaxTxGas, head.GasLimit)
	n := len(headers)
	if lim := int(c.anchorChunk.Load()); lim > 0 {
		n = min(n, lim)
	}
	// Leave the 20% margin the gas limit gets on top of the estimate.
	n = min(n, max(1, int((budget*5/6-anchorBaseGas)/anchorPerHeaderGas)))
	var data []byte
	var gas uint64
	for {
		data = c.anchorData(headers[:n])
		msg := ethereum.CallMsg{From: c.signer.addr, To: &c.registry, Data: data}
		gas, err = retry(ctx, c.opts, func() (uint64, error) { return c.backend.EstimateGas(ctx, msg) })
		fits := err == nil && gas+gas/5 <= budget
		if fits {
			break
		}
		if err != nil && !exceedsAllowance(err) {
			return Tx{}, fmt.Errorf("anchor %d headers: %w", n, c.decodeRevert(err))
		}
		if n == 1 {
			return Tx{}, fmt.Errorf("anchor: %w (one header, budget %d gas)", ErrTooMuchGas, budget)
		}
		n /= 2
		c.anchorChunk.Store(int64(n))
	}
	nonce, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.PendingNonceAt(ctx, c.signer.addr) })
	if err != nil {
		return Tx{}, fmt.Errorf("anchor: nonce: %w", err)
	}
	mined, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.NonceAt(ctx, c.signer.addr, nil) })
	if err != nil {
		return Tx{}, fmt.Errorf("anchor: nonce: %w", err)
	}
	if nonce > mined {
		return Tx{}, fmt.Errorf("anchor: %w (nonces %d to %d not mined yet)", ErrKeyBusy, mined, nonce-1)
	}
	txData, err := c.fees(ctx, nonce, gas+gas/5, &c.registry, data, nil)
	if err != nil {
		return Tx{}, fmt.Errorf("anchor: %w", err)
	}
	tx, err := c.keepAndSend(ctx, types.NewTx(txData), n, keep)
	if err != nil {
		return tx, fmt.Errorf("anchor %d headers: %w", n, err)
	}
	return tx, nil
}

func (c *Client) anchorData(headers []seal.Header) []byte {
	if len(headers) == 1 {
		b, _ := headers[0].MarshalBinary()
		return c.binding.PackAnchor(b)
	}
	all := make([]byte, 0, len(headers)*seal.HeaderSize)
	for _, h := range headers {
		b, _ := h.MarshalBinary()
		all = append(all, b...)
	}
	return c.binding.PackAnchorMany(all)
}

// exceedsAllowance reports a node's refusal to estimate a call that needs
// more gas than its cap or the block allows.
func exceedsAllowance(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "exceeds allowance") || strings.Contains(msg, "gas limit") ||
		strings.Contains(msg, "out of gas") || strings.Contains(msg, "exceeds block gas limit")
}

// keepAndSend signs unsigned, hands it to keep and broadcasts it.
func (c *Client) keepAndSend(ctx context.Context, unsigned *types.Transaction, headers int, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) (Tx, error) {
	signed, err := c.signer.sign(unsigned, c.chainID)
	if err != nil {
		return Tx{}, fmt.Errorf("sign: %w", err)
	}
	raw, err := signed.MarshalBinary()
	if err != nil {
		return Tx{}, fmt.Errorf("encode: %w", err)
	}
	tx := Tx{Nonce: signed.Nonce(), Hash: signed.Hash(), Raw: raw, Headers: headers}
	if keep != nil {
		if err := keep(tx.Nonce, tx.Hash, tx.Raw, tx.Headers); err != nil {
			return Tx{}, fmt.Errorf("record transaction before sending: %w", err)
		}
	}
	_, err = c.Broadcast(ctx, tx.Raw)
	return tx, err
}

// Broadcast sends a kept transaction (again). A node that already has it
// is not an error; taken reports that another transaction of the key was
// mined at its nonce, so it never will be.
func (c *Client) Broadcast(ctx context.Context, raw []byte) (taken bool, err error) {
	var t types.Transaction
	if err := t.UnmarshalBinary(raw); err != nil {
		return false, fmt.Errorf("decode transaction: %w", err)
	}
	_, err = retry(ctx, c.opts, func() (struct{}, error) {
		err := c.backend.SendTransaction(ctx, &t)
		if err != nil && strings.Contains(err.Error(), "already known") {
			err = nil // an earlier attempt reached the pool
		}
		return struct{}{}, err
	})
	if err != nil && strings.Contains(strings.ToLower(err.Error()), "nonce too low") {
		return true, fmt.Errorf("send %s: %w", t.Hash(), ErrNonceUsed)
	}
	if err != nil {
		return false, fmt.Errorf("send %s: %w", t.Hash(), err)
	}
	return false, nil
}

// bump raises v by an eighth, rounded up, and by at least one wei: the
// 12.5% the strictest nodes require of a replacement (geth asks 10%, and
// strictly more, so a zero tip becomes 1).
func bump(v *big.Int) *big.Int {
	eighth := new(big.Int).Add(v, big.NewInt(7))
	eighth.Div(eighth, big.NewInt(8))
	if eighth.Sign() == 0 {
		eighth.SetInt64(1)
	}
	return eighth.Add(eighth, v)
}

// Replace re-signs a kept transaction at the same nonce with fees raised by
// at least 12.5%, and to the current market where that is higher, up to
// Options.MaxFee (ErrFeeCap when the bump cannot fit under it). The
// replacement is handed to keep before it is broadcast.
func (c *Client) Replace(ctx context.Context, raw []byte, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) error {
	_, err := c.replace(ctx, raw, keep)
	return err
}

func (c *Client) replace(ctx context.Context, raw []byte, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) (Tx, error) {
	if c.signer == nil {
		return Tx{}, ErrNoSigner
	}
	var t types.Transaction
	if err := t.UnmarshalBinary(raw); err != nil {
		return Tx{}, fmt.Errorf("decode transaction: %w", err)
	}
	old := Tx{Hash: t.Hash()}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	market, err := c.fees(ctx, t.Nonce(), t.Gas(), t.To(), t.Data(), t.Value())
	if err != nil {
		return Tx{}, fmt.Errorf("replace %x: %w", old.Hash, err)
	}
	mt := types.NewTx(market)
	if bump(t.GasFeeCap()).Cmp(new(big.Int).Mul(mt.GasFeeCap(), big.NewInt(3))) > 0 &&
		bump(t.GasTipCap()).Cmp(new(big.Int).Mul(mt.GasTipCap(), big.NewInt(3))) > 0 {
		return Tx{}, fmt.Errorf("replace %x: %w", old.Hash, ErrAboveMarket)
	}
	var next types.TxData
	switch m := market.(type) {
	case *types.LegacyTx:
		m.GasPrice = bigMax(bump(t.GasPrice()), m.GasPrice)
		if c.opts.MaxFee != nil && m.GasPrice.Cmp(c.opts.MaxFee) > 0 {
			m.GasPrice = new(big.Int).Set(c.opts.MaxFee) // the cap, when it still makes a valid bump
		}
		if m.GasPrice.Cmp(bump(t.GasPrice())) < 0 {
			return Tx{}, fmt.Errorf("replace %x: %w (%s wei)", old.Hash, ErrFeeCap, c.opts.MaxFee)
		}
		next = m
	case *types.DynamicFeeTx:
		m.GasTipCap = bigMax(bump(t.GasTipCap()), m.GasTipCap)
		m.GasFeeCap = bigMax(bump(t.GasFeeCap()), m.GasFeeCap)
		if c.opts.MaxFee != nil && m.GasFeeCap.Cmp(c.opts.MaxFee) > 0 {
			// Settle for the cap when it still makes a valid bump.
			m.GasFeeCap = new(big.Int).Set(c.opts.MaxFee)
		}
		if m.GasFeeCap.Cmp(bump(t.GasFeeCap())) < 0 {
			return Tx{}, fmt.Errorf("replace %x: %w (%s wei)", old.Hash, ErrFeeCap, c.opts.MaxFee)
		}
		m.GasTipCap = bigMin(m.GasTipCap, m.GasFeeCap)
		if m.GasTipCap.Cmp(bump(t.GasTipCap())) < 0 {
			return Tx{}, fmt.Errorf("replace %x: %w (%s wei)", old.Hash, ErrFeeCap, c.opts.MaxFee)
		}
		next = m
	}
	tx, err := c.keepAndSend(ctx, types.NewTx(next), 0, keep) // the caller knows the headers
	if err != nil {
		return tx, fmt.Errorf("replace %x: %w", old.Hash, err)
	}
	return tx, nil
}

func bigMax(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

func bigMin(a, b *big.Int) *big.Int {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

// Reprice re-signs a kept transaction that no node accepted (refused for
// its fee: under the base fee, a full pool) at the same nonce and today's
// market fees, under Options.MaxFee, hands it to keep and broadcasts it.
// Starting from the market, not from the refused fee, nothing compounds.
func (c *Client) Reprice(ctx context.Context, raw []byte, keep func(nonce uint64, hash [32]byte, raw []byte, headers int) error) error {
	if c.signer == nil {
		return ErrNoSigner
	}
	var t types.Transaction
	if err := t.UnmarshalBinary(raw); err != nil {
		return fmt.Errorf("decode transaction: %w", err)
	}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	market, err := c.fees(ctx, t.Nonce(), t.Gas(), t.To(), t.Data(), t.Value())
	if err != nil {
		return fmt.Errorf("reprice %s: %w", t.Hash(), err)
	}
	if _, err := c.keepAndSend(ctx, types.NewTx(market), 0, keep); err != nil {
		return fmt.Errorf("reprice %s: %w", t.Hash(), err)
	}
	return nil
}

// Outcome says what became of a transaction: mined is false while it is
// not in the chain (pending, dropped, or undone by a reorganisation).
func (c *Client) Outcome(ctx context.Context, hash [32]byte) (block uint64, mined, success bool, err error) {
	rcpt, err := retry(ctx, c.opts, func() (*types.Receipt, error) { return c.backend.TransactionReceipt(ctx, hash) })
	if errors.Is(err, ethereum.NotFound) || err != nil && indexing(err) {
		return 0, false, false, nil
	}
	if err != nil {
		return 0, false, false, fmt.Errorf("receipt of %x: %w", hash, err)
	}
	return rcpt.BlockNumber.Uint64(), true, rcpt.Status == types.ReceiptStatusSuccessful, nil
}

// MinedNonce returns the signer's nonce at the latest block: how many of
// its transactions are mined.
func (c *Client) MinedNonce(ctx context.Context) (uint64, error) {
	n, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.NonceAt(ctx, c.signer.addr, nil) })
	if err != nil {
		return 0, fmt.Errorf("nonce of %s: %w", c.signer.addr, err)
	}
	return n, nil
}

// Final reports whether a record in block is final: at or below the
// endpoint's "finalized" block where Options.Finalized is set and the
// endpoint supports the tag, else with Options.Confirmations.
func (c *Client) Final(ctx context.Context, block uint64) (bool, error) {
	if c.opts.Finalized && !c.noFinalizedTag.Load() {
		h, err := retry(ctx, c.opts, func() (*types.Header, error) {
			return c.backend.HeaderByNumber(ctx, big.NewInt(int64(rpc.FinalizedBlockNumber)))
		})
		switch {
		case err == nil && h != nil:
			return h.Number.Uint64() >= block, nil
		case err != nil && !noSuchTag(err):
			return false, fmt.Errorf("finalized block: %w", err)
		default:
			// The endpoint has no finalized block (pre-merge chains, some
			// L2s and dev nodes): count confirmations instead.
			c.noFinalizedTag.Store(true)
		}
	}
	n, err := c.Confirmations(ctx, block)
	if err != nil {
		return false, err
	}
	return n >= c.opts.Confirmations, nil
}

// OwnRevocation returns the reason the signer revoked a credential with, 0
// when it did not: how a revocation whose receipt was lost is recognised.
func (c *Client) OwnRevocation(ctx context.Context, digest [32]byte) (uint8, error) {
	r, err := c.IsRevoked(ctx, c.Account(), digest)
	return r.Reason, err
}

// Standing returns whether the signer may anchor and the least difficulty
// its seals need.
func (c *Client) Standing(ctx context.Context) (active bool, minDifficulty uint8, err error) {
	iss, err := c.Issuer(ctx, c.Account())
	return iss.Active, iss.MinDifficulty, err
}

// Where names the chain and the registry the client talks to.
func (c *Client) Where(context.Context) (chainID uint64, registry [20]byte, err error) {
	return c.ChainID(), c.registry, nil
}

// noSuchTag reports an endpoint's answer that it does not know the
// "finalized" block tag (as opposed to an outage, which is retried).
func noSuchTag(err error) bool {
	if errors.Is(err, ethereum.NotFound) {
		return true
	}
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"finalized", "invalid block", "unknown block", "not supported", "not found", "invalid argument", "hex string"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// Balance returns the signer's balance in wei.
func (c *Client) Balance(ctx context.Context) (*big.Int, error) {
	b, err := retry(ctx, c.opts, func() (*big.Int, error) { return c.backend.BalanceAt(ctx, c.signer.addr, nil) })
	if err != nil {
		return nil, fmt.Errorf("balance of %s: %w", c.signer.addr, err)
	}
	return b, nil
}

// AnchorCost is what one anchoring transaction costs at today's fees, in
// wei (for the balance health check).
func (c *Client) AnchorCost(ctx context.Context) (*big.Int, error) {
	txData, err := c.fees(ctx, 0, 0, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	price := types.NewTx(txData).GasFeeCap()
	return new(big.Int).Mul(price, big.NewInt(anchorBaseGas+anchorPerHeaderGas)), nil
}
