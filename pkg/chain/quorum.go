package chain

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/credseal/credseal/pkg/quorum"
)

// ErrSubscription is returned by the subscription methods of a quorum of
// endpoints: the client polls, and a stream cannot be voted on.
var ErrSubscription = errors.New("chain: subscriptions are not supported over several endpoints")

// Endpoints is a chain served by several JSON-RPC endpoints, of which Need
// must give the same answer before a read counts: one lying or broken
// provider then cannot change what credseal believes, it can only make a
// read fail with a *quorum.DisagreementError.
//
// Records, receipts, logs and call results must be identical. Reads at
// "latest" are pinned to one block first, the highest Need endpoints have
// reached, so honest endpoints a block apart still agree. Heads, nonces,
// gas estimates and fee suggestions, which honest endpoints report a
// little apart, take the lowest of the first Need answers. Transactions are
// sent to every endpoint.
type Endpoints struct {
	urls    []string
	clients []*ethclient.Client
	need    int
	chainID uint64
	// checked[i] is set once endpoint i has said it serves chainID; until
	// then its answers do not count.
	checked []bool
	mu      sync.Mutex
	// callTimeout bounds each endpoint's answer, so a hung one is given up
	// on while the others decide.
	callTimeout time.Duration

	headMu   sync.Mutex
	head     uint64
	headTime time.Time
}

var _ Backend = (*Endpoints)(nil)

// headReuse is how long a pinned head serves further reads.
const headReuse = time.Second

// DialEndpoints connects to urls, of which need must agree. An endpoint
// that serves another chain than expectChainID (or than the others, when
// it is 0) is an error wrapping ErrWrongChain; one that does not answer
// yet is kept, and counts once it has said which chain it serves. callTimeout
// bounds each endpoint's answer (0: 10 s).
func DialEndpoints(ctx context.Context, urls []string, need int, expectChainID uint64, callTimeout time.Duration) (*Endpoints, error) {
	if len(urls) == 0 || need < 1 || need > len(urls) {
		return nil, fmt.Errorf("chain: %d endpoint(s) cannot give %d identical answers", len(urls), need)
	}
	if callTimeout <= 0 {
		callTimeout = 10 * time.Second
	}
	e := &Endpoints{urls: urls, need: need, chainID: expectChainID, callTimeout: callTimeout,
		clients: make([]*ethclient.Client, len(urls)), checked: make([]bool, len(urls))}
	for i, u := range urls {
		c, err := within(ctx, callTimeout, func(ctx context.Context) (*ethclient.Client, error) { return ethclient.DialContext(ctx, u) })
		if err != nil {
			e.Close()
			return nil, fmt.Errorf("dial %s: %w", u, err)
		}
		e.clients[i] = c
	}
	// The chain is the one need endpoints name; each endpoint's own answer
	// is checked before any of its answers counts (ready).
	said := make([]uint64, len(urls))
	id, err := quorum.Same(ctx, "chain ID", urls, need, func(ctx context.Context, i int) quorum.Reply[uint64] {
		id, err := within(ctx, callTimeout, e.clients[i].ChainID)
		if err != nil {
			return quorum.Reply[uint64]{Err: err}
		}
		e.mu.Lock()
		said[i] = id.Uint64()
		e.mu.Unlock()
		return quorum.Reply[uint64]{Value: id.Uint64(), OK: true, Key: id.String(), Said: "chain " + id.String()}
	})
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("chain ID: %w", err)
	}
	if expectChainID != 0 && id != expectChainID {
		e.Close()
		return nil, fmt.Errorf("%w: %s serve chain %d, expected %d", ErrWrongChain, strings.Join(urls, ", "), id, expectChainID)
	}
	e.chainID = id
	e.mu.Lock()
	for i, s := range said {
		e.checked[i] = s == id
	}
	e.mu.Unlock()
	return e, nil
}

// Close closes every connection.
func (e *Endpoints) Close() {
	for _, c := range e.clients {
		if c != nil {
			c.Close()
		}
	}
}

// URLs returns the endpoints, in configuration order.
func (e *Endpoints) URLs() []string { return e.urls }

// Need returns how many endpoints must agree.
func (e *Endpoints) Need() int { return e.need }

// ready reports whether endpoint i has shown it serves the chain, asking it
// if it has not yet.
func (e *Endpoints) ready(ctx context.Context, i int) error {
	e.mu.Lock()
	ok := e.checked[i]
	e.mu.Unlock()
	if ok {
		return nil
	}
	id, err := e.clients[i].ChainID(ctx)
	if err != nil {
		return fmt.Errorf("chain ID: %w", err)
	}
	if id.Uint64() != e.chainID {
		return fmt.Errorf("%w: chain %d, expected %d", ErrWrongChain, id, e.chainID)
	}
	e.mu.Lock()
	e.checked[i] = true
	e.mu.Unlock()
	return nil
}

// same asks every endpoint through f and wants need identical answers;
// key identifies an answer, said summarises it.
func same[T any](ctx context.Context, e *Endpoints, question string, f func(context.Context, *ethclient.Client) (T, error), key, said func(T) string) (T, error) {
	return quorum.Same(ctx, question, e.urls, e.need, func(ctx context.Context, i int) quorum.Reply[T] {
		v, err := askOne(ctx, e, i, f)
		return reply(v, err, key, said)
	})
}

// floor asks every endpoint for a number that honest endpoints report a
// little apart.
func floor(ctx context.Context, e *Endpoints, question string, f func(context.Context, *ethclient.Client) (uint64, error)) (uint64, error) {
	return quorum.Floor(ctx, question, e.urls, e.need, func(ctx context.Context, i int) quorum.Reply[uint64] {
		v, err := askOne(ctx, e, i, f)
		return quorum.Reply[uint64]{Value: v, Err: err, OK: err == nil, Key: fmt.Sprint(v), Said: fmt.Sprint(v)}
	})
}

// askOne runs f on endpoint i under its own deadline, once the endpoint is
// known to serve the chain.
func askOne[T any](ctx context.Context, e *Endpoints, i int, f func(context.Context, *ethclient.Client) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, e.callTimeout)
	defer cancel()
	if err := e.ready(ctx, i); err != nil {
		var zero T
		return zero, err
	}
	return f(ctx, e.clients[i])
}

// reply classifies an endpoint's answer: a value, "not found" and a revert
// are answers honest endpoints agree on; any other error (a timeout, a
// refused connection) counts for nothing.
func reply[T any](v T, err error, key, said func(T) string) quorum.Reply[T] {
	switch {
	case err == nil:
		return quorum.Reply[T]{Value: v, OK: true, Key: "=" + key(v), Said: said(v)}
	case errors.Is(err, ethereum.NotFound):
		return quorum.Reply[T]{Err: err, OK: true, Key: "not found", Said: "not found"}
	}
	if data, ok := ethclient.RevertErrorData(err); ok {
		return quorum.Reply[T]{Err: err, OK: true, Key: "revert " + hex.EncodeToString(data), Said: "reverted 0x" + short(data)}
	}
	return quorum.Reply[T]{Err: err}
}

// short is at most 1 KiB of b in hex: the registry's answers fit whole,
// so a report shows where they differ.
func short(b []byte) string {
	if len(b) > 1024 {
		return hex.EncodeToString(b[:1024]) + "…"
	}
	return hex.EncodeToString(b)
}

func hexKey(b []byte) string  { return hex.EncodeToString(b) }
func hexSaid(b []byte) string { return "0x" + short(b) }

// pinned turns a read at "latest" (nil) into one at the highest block need
// endpoints have reached, so that endpoints a block apart answer alike.
func (e *Endpoints) pinned(ctx context.Context, n *big.Int) (*big.Int, error) {
	if n != nil {
		return n, nil
	}
	e.headMu.Lock()
	defer e.headMu.Unlock()
	if time.Since(e.headTime) < headReuse {
		return new(big.Int).SetUint64(e.head), nil
	}
	head, err := e.BlockNumber(ctx)
	if err != nil {
		return nil, err
	}
	e.head, e.headTime = head, time.Now()
	return new(big.Int).SetUint64(head), nil
}

// ChainID returns the chain every counted endpoint has said it serves.
func (e *Endpoints) ChainID(context.Context) (*big.Int, error) {
	return new(big.Int).SetUint64(e.chainID), nil
}

// BlockNumber is the highest block need endpoints have reached.
func (e *Endpoints) BlockNumber(ctx context.Context) (uint64, error) {
	return floor(ctx, e, "latest block", func(ctx context.Context, c *ethclient.Client) (uint64, error) { return c.BlockNumber(ctx) })
}

func headerKey(h *types.Header) string  { return h.Hash().Hex() }
func headerSaid(h *types.Header) string { return fmt.Sprintf("block %d %s", h.Number, h.Hash().Hex()) }

// HeaderByNumber reads a numbered header alike from need endpoints; a tag
// (nil for latest, or finalized, safe) is first resolved to the highest
// block number need endpoints give it.
func (e *Endpoints) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	if n == nil || n.Sign() < 0 {
		num, err := floor(ctx, e, fmt.Sprintf("block number of %s", tagName(n)), func(ctx context.Context, c *ethclient.Client) (uint64, error) {
			h, err := c.HeaderByNumber(ctx, n)
			if err != nil {
				return 0, err
			}
			return h.Number.Uint64(), nil
		})
		if err != nil {
			return nil, err
		}
		n = new(big.Int).SetUint64(num)
	}
	return same(ctx, e, fmt.Sprintf("header %d", n), func(ctx context.Context, c *ethclient.Client) (*types.Header, error) {
		return c.HeaderByNumber(ctx, n)
	}, headerKey, headerSaid)
}

func tagName(n *big.Int) string {
	if n == nil {
		return "latest"
	}
	switch n.Int64() {
	case -2:
		return "latest"
	case -3:
		return "finalized"
	case -4:
		return "safe"
	case -1:
		return "pending"
	}
	return n.String()
}

// HeaderByHash reads a header alike from need endpoints.
func (e *Endpoints) HeaderByHash(ctx context.Context, h common.Hash) (*types.Header, error) {
	return same(ctx, e, "header "+h.Hex(), func(ctx context.Context, c *ethclient.Client) (*types.Header, error) {
		return c.HeaderByHash(ctx, h)
	}, headerKey, headerSaid)
}

func blockKey(b *types.Block) string  { return b.Hash().Hex() }
func blockSaid(b *types.Block) string { return fmt.Sprintf("block %d %s", b.Number(), b.Hash().Hex()) }

// BlockByHash reads a block alike from need endpoints.
func (e *Endpoints) BlockByHash(ctx context.Context, h common.Hash) (*types.Block, error) {
	return same(ctx, e, "block "+h.Hex(), func(ctx context.Context, c *ethclient.Client) (*types.Block, error) {
		return c.BlockByHash(ctx, h)
	}, blockKey, blockSaid)
}

// BlockByNumber reads a block alike from need endpoints, pinning latest.
func (e *Endpoints) BlockByNumber(ctx context.Context, n *big.Int) (*types.Block, error) {
	h, err := e.HeaderByNumber(ctx, n)
	if err != nil {
		return nil, err
	}
	return e.BlockByHash(ctx, h.Hash())
}

// TransactionCount reads a block's transaction count alike.
func (e *Endpoints) TransactionCount(ctx context.Context, h common.Hash) (uint, error) {
	return same(ctx, e, "transaction count of "+h.Hex(), func(ctx context.Context, c *ethclient.Client) (uint, error) {
		return c.TransactionCount(ctx, h)
	}, func(n uint) string { return fmt.Sprint(n) }, func(n uint) string { return fmt.Sprint(n) })
}

func txKey(tx *types.Transaction) string  { return tx.Hash().Hex() }
func txSaid(tx *types.Transaction) string { return "transaction " + tx.Hash().Hex() }

// TransactionInBlock reads a block's transaction alike.
func (e *Endpoints) TransactionInBlock(ctx context.Context, h common.Hash, index uint) (*types.Transaction, error) {
	return same(ctx, e, fmt.Sprintf("transaction %d of %s", index, h.Hex()), func(ctx context.Context, c *ethclient.Client) (*types.Transaction, error) {
		return c.TransactionInBlock(ctx, h, index)
	}, txKey, txSaid)
}

// SubscribeNewHead is not supported: see ErrSubscription.
func (e *Endpoints) SubscribeNewHead(context.Context, chan<- *types.Header) (ethereum.Subscription, error) {
	return nil, ErrSubscription
}

// SubscribeFilterLogs is not supported: see ErrSubscription.
func (e *Endpoints) SubscribeFilterLogs(context.Context, ethereum.FilterQuery, chan<- types.Log) (ethereum.Subscription, error) {
	return nil, ErrSubscription
}

// SubscribeTransactionReceipts is not supported: see ErrSubscription.
func (e *Endpoints) SubscribeTransactionReceipts(context.Context, *ethereum.TransactionReceiptsQuery, chan<- []*types.Receipt) (ethereum.Subscription, error) {
	return nil, ErrSubscription
}

func bigKey(v *big.Int) string { return v.String() }

// BalanceAt reads a balance alike, pinning latest.
func (e *Endpoints) BalanceAt(ctx context.Context, a common.Address, n *big.Int) (*big.Int, error) {
	n, err := e.pinned(ctx, n)
	if err != nil {
		return nil, err
	}
	return same(ctx, e, fmt.Sprintf("balance of %s at block %d", a.Hex(), n), func(ctx context.Context, c *ethclient.Client) (*big.Int, error) {
		return c.BalanceAt(ctx, a, n)
	}, bigKey, bigKey)
}

// StorageAt reads a storage slot alike, pinning latest.
func (e *Endpoints) StorageAt(ctx context.Context, a common.Address, key common.Hash, n *big.Int) ([]byte, error) {
	n, err := e.pinned(ctx, n)
	if err != nil {
		return nil, err
	}
	return same(ctx, e, fmt.Sprintf("storage of %s at block %d", a.Hex(), n), func(ctx context.Context, c *ethclient.Client) ([]byte, error) {
		return c.StorageAt(ctx, a, key, n)
	}, hexKey, hexSaid)
}

// CodeAt reads contract code alike, pinning latest.
func (e *Endpoints) CodeAt(ctx context.Context, a common.Address, n *big.Int) ([]byte, error) {
	n, err := e.pinned(ctx, n)
	if err != nil {
		return nil, err
	}
	return same(ctx, e, fmt.Sprintf("code of %s at block %d", a.Hex(), n), func(ctx context.Context, c *ethclient.Client) ([]byte, error) {
		return c.CodeAt(ctx, a, n)
	}, hexKey, func(b []byte) string { return fmt.Sprintf("%d bytes of code", len(b)) })
}

// NonceAt reads an account's nonce alike, pinning latest.
func (e *Endpoints) NonceAt(ctx context.Context, a common.Address, n *big.Int) (uint64, error) {
	n, err := e.pinned(ctx, n)
	if err != nil {
		return 0, err
	}
	return same(ctx, e, fmt.Sprintf("nonce of %s at block %d", a.Hex(), n), func(ctx context.Context, c *ethclient.Client) (uint64, error) {
		return c.NonceAt(ctx, a, n)
	}, func(v uint64) string { return fmt.Sprint(v) }, func(v uint64) string { return fmt.Sprint(v) })
}

// CallContract runs a call alike on need endpoints, pinning latest.
func (e *Endpoints) CallContract(ctx context.Context, msg ethereum.CallMsg, n *big.Int) ([]byte, error) {
	n, err := e.pinned(ctx, n)
	if err != nil {
		return nil, err
	}
	to := "contract creation"
	if msg.To != nil {
		to = msg.To.Hex()
	}
	return same(ctx, e, fmt.Sprintf("call to %s (0x%s) at block %d", to, short(msg.Data[:min(4, len(msg.Data))]), n),
		func(ctx context.Context, c *ethclient.Client) ([]byte, error) { return c.CallContract(ctx, msg, n) }, hexKey, hexSaid)
}

// EstimateGas is the lowest of the first need estimates.
func (e *Endpoints) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	// The lowest could be too low if one endpoint lies; the transaction
	// then fails to be mined or reverts, and the caller's own estimate
	// margin and retries handle that as for a single endpoint.
	return floor(ctx, e, "gas estimate", func(ctx context.Context, c *ethclient.Client) (uint64, error) { return c.EstimateGas(ctx, msg) })
}

// SuggestGasPrice is the lowest of the first need suggestions.
func (e *Endpoints) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	return bigFloor(ctx, e, "gas price", func(ctx context.Context, c *ethclient.Client) (*big.Int, error) { return c.SuggestGasPrice(ctx) })
}

// SuggestGasTipCap is the lowest of the first need suggestions.
func (e *Endpoints) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	return bigFloor(ctx, e, "gas tip", func(ctx context.Context, c *ethclient.Client) (*big.Int, error) { return c.SuggestGasTipCap(ctx) })
}

// bigFloor is floor for amounts in wei, which overflow uint64 only in
// absurd answers (taken as errors).
func bigFloor(ctx context.Context, e *Endpoints, question string, f func(context.Context, *ethclient.Client) (*big.Int, error)) (*big.Int, error) {
	v, err := floor(ctx, e, question, func(ctx context.Context, c *ethclient.Client) (uint64, error) {
		v, err := f(ctx, c)
		if err != nil {
			return 0, err
		}
		if !v.IsUint64() {
			return 0, fmt.Errorf("%s of %s wei is out of range", question, v)
		}
		return v.Uint64(), nil
	})
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetUint64(v), nil
}

func logsKey(logs []types.Log) string {
	var b strings.Builder
	for _, l := range logs {
		fmt.Fprintf(&b, "%s/%d/%s/%d/%s/%v/%x;", l.BlockHash.Hex(), l.Index, l.TxHash.Hex(), l.BlockNumber, l.Address.Hex(), l.Topics, l.Data)
	}
	return b.String()
}

func logsSaid(logs []types.Log) string {
	if len(logs) == 0 {
		return "no events"
	}
	last := logs[len(logs)-1]
	return fmt.Sprintf("%d event(s), the last in block %d tx %s", len(logs), last.BlockNumber, last.TxHash.Hex())
}

// FilterLogs reads events alike on need endpoints. An open-ended query
// ends at the pinned block, so that endpoints a block apart agree.
func (e *Endpoints) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if q.BlockHash == nil && q.ToBlock == nil {
		to, err := e.pinned(ctx, nil)
		if err != nil {
			return nil, err
		}
		q.ToBlock = to
	}
	return same(ctx, e, "events", func(ctx context.Context, c *ethclient.Client) ([]types.Log, error) {
		return c.FilterLogs(ctx, q)
	}, logsKey, logsSaid)
}

// PendingBalanceAt is the lowest of the first need answers.
func (e *Endpoints) PendingBalanceAt(ctx context.Context, a common.Address) (*big.Int, error) {
	return bigFloor(ctx, e, "pending balance", func(ctx context.Context, c *ethclient.Client) (*big.Int, error) { return c.PendingBalanceAt(ctx, a) })
}

// PendingStorageAt reads a slot of the pending state alike.
func (e *Endpoints) PendingStorageAt(ctx context.Context, a common.Address, key common.Hash) ([]byte, error) {
	return same(ctx, e, "pending storage", func(ctx context.Context, c *ethclient.Client) ([]byte, error) {
		return c.PendingStorageAt(ctx, a, key)
	}, hexKey, hexSaid)
}

// PendingCodeAt reads code of the pending state alike.
func (e *Endpoints) PendingCodeAt(ctx context.Context, a common.Address) ([]byte, error) {
	return same(ctx, e, "pending code", func(ctx context.Context, c *ethclient.Client) ([]byte, error) {
		return c.PendingCodeAt(ctx, a)
	}, hexKey, hexSaid)
}

// PendingNonceAt is the lowest of the first need answers: pools differ, and
// a nonce too low is refused by the node rather than stuck.
func (e *Endpoints) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	return floor(ctx, e, "pending nonce", func(ctx context.Context, c *ethclient.Client) (uint64, error) { return c.PendingNonceAt(ctx, a) })
}

// PendingTransactionCount is the lowest of the first need answers.
func (e *Endpoints) PendingTransactionCount(ctx context.Context) (uint, error) {
	n, err := floor(ctx, e, "pending transactions", func(ctx context.Context, c *ethclient.Client) (uint64, error) {
		n, err := c.PendingTransactionCount(ctx)
		return uint64(n), err
	})
	return uint(n), err
}

// TransactionByHash finds a transaction alike on need endpoints. It is
// pending if any of them still has it in its pool.
func (e *Endpoints) TransactionByHash(ctx context.Context, h common.Hash) (*types.Transaction, bool, error) {
	type found struct {
		tx      *types.Transaction
		pending bool
	}
	f, err := same(ctx, e, "transaction "+h.Hex(), func(ctx context.Context, c *ethclient.Client) (found, error) {
		tx, pending, err := c.TransactionByHash(ctx, h)
		return found{tx, pending}, err
	}, func(f found) string { return txKey(f.tx) }, func(f found) string { return txSaid(f.tx) })
	return f.tx, f.pending, err
}

func receiptKey(r *types.Receipt) string {
	return fmt.Sprintf("%s/%d/%d/%d/%d/%s", r.BlockHash.Hex(), r.BlockNumber, r.Status, r.GasUsed, r.CumulativeGasUsed, logsKey(derefLogs(r.Logs)))
}

func receiptSaid(r *types.Receipt) string {
	return fmt.Sprintf("mined in block %d %s, status %d", r.BlockNumber, r.BlockHash.Hex(), r.Status)
}

func derefLogs(ls []*types.Log) []types.Log {
	out := make([]types.Log, len(ls))
	for i, l := range ls {
		out[i] = *l
	}
	return out
}

// TransactionReceipt reads a receipt alike on need endpoints: the block,
// the status and every event must match.
func (e *Endpoints) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	return same(ctx, e, "receipt of "+h.Hex(), func(ctx context.Context, c *ethclient.Client) (*types.Receipt, error) {
		return c.TransactionReceipt(ctx, h)
	}, receiptKey, receiptSaid)
}

// SendTransaction sends tx to every endpoint; it is sent once one of them
// takes it. Others refusing it as already known is expected.
func (e *Endpoints) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	errs := make([]error, len(e.clients))
	var wg sync.WaitGroup
	for i := range e.clients {
		wg.Go(func() {
			errs[i] = func() error {
				_, err := askOne(ctx, e, i, func(ctx context.Context, c *ethclient.Client) (struct{}, error) {
					return struct{}{}, c.SendTransaction(ctx, tx)
				})
				return err
			}()
		})
	}
	wg.Wait()
	// The node's verdict (already known, nonce too low, underpriced) says
	// more than a refused connection.
	worst := errs[0]
	for _, err := range errs {
		if err == nil {
			return nil
		}
		if transient(worst) && !transient(err) {
			worst = err
		}
	}
	return fmt.Errorf("send %s to %d endpoints: %w", tx.Hash().Hex(), len(e.clients), worst)
}
