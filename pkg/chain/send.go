package chain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/credseal/credseal/pkg/quorum"
)

// ErrTxFailed is returned when a mined transaction's receipt reports failure
// and no revert reason could be recovered.
var ErrTxFailed = errors.New("chain: transaction failed")

// ErrTimeout is returned when a transaction is not confirmed in time. The
// transaction may still be mined later; anchoring again is safe.
var ErrTimeout = errors.New("chain: transaction not confirmed in time")

// Receipt is a confirmed transaction, in plain types.
type Receipt struct {
	Tx      [32]byte
	Block   uint64
	GasUsed uint64
}

// transact simulates a call of the registry with data, and when it would
// succeed signs, sends and waits for it.
func (c *Client) transact(ctx context.Context, what string, data []byte) (*Receipt, error) {
	if c.signer == nil {
		return nil, ErrNoSigner
	}
	return c.send(ctx, what, &c.registry, data)
}

func (c *Client) send(ctx context.Context, what string, to *common.Address, data []byte) (*Receipt, error) {
	return c.sendValue(ctx, what, to, data, nil)
}

func (c *Client) sendValue(ctx context.Context, what string, to *common.Address, data []byte, value *big.Int) (*Receipt, error) {
	from := c.signer.addr
	msg := ethereum.CallMsg{From: from, To: to, Data: data, Value: value}
	tx, err := c.signAndSend(ctx, what, msg)
	if err != nil {
		return nil, err
	}
	// Waiting for the receipt needs no lock: the nonce is taken.
	return c.await(ctx, what, tx, msg)
}

// signAndSend estimates, prices, signs and broadcasts msg, holding sendMu
// only while the nonce is chosen and the transaction reaches the node.
func (c *Client) signAndSend(ctx context.Context, what string, msg ethereum.CallMsg) (*types.Transaction, error) {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	gas, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.EstimateGas(ctx, msg) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, c.decodeRevert(err))
	}
	nonce, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.PendingNonceAt(ctx, msg.From) })
	if err != nil {
		return nil, fmt.Errorf("%s: nonce: %w", what, err)
	}
	txData, err := c.fees(ctx, nonce, gas+gas/5, msg.To, msg.Data, msg.Value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	tx, err := c.signer.sign(types.NewTx(txData), c.chainID)
	if err != nil {
		return nil, fmt.Errorf("%s: sign: %w", what, err)
	}
	_, err = retry(ctx, c.opts, func() (struct{}, error) {
		err := c.backend.SendTransaction(ctx, tx)
		if err != nil && strings.Contains(err.Error(), "already known") {
			err = nil // an earlier attempt reached the pool
		}
		return struct{}{}, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: send: %w", what, err)
	}
	return tx, nil
}

// await waits for a sent transaction's receipt and confirmations; a failed
// one is replayed at its block to recover the revert reason.
func (c *Client) await(ctx context.Context, what string, tx *types.Transaction, msg ethereum.CallMsg) (*Receipt, error) {
	rcpt, err := c.wait(ctx, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("%s: tx %s: %w", what, tx.Hash(), err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		_, callErr := c.backend.CallContract(ctx, msg, rcpt.BlockNumber)
		if callErr == nil {
			callErr = ErrTxFailed
		}
		return nil, fmt.Errorf("%s: tx %s: %w", what, tx.Hash(), c.decodeRevert(callErr))
	}
	return &Receipt{Tx: tx.Hash(), Block: rcpt.BlockNumber.Uint64(), GasUsed: rcpt.GasUsed}, nil
}

// fees prices a transaction for the chain: EIP-1559 fees where the head
// block has a base fee, else a legacy transaction at the node's suggested
// gas price (chains and nodes without the London fork).
func (c *Client) fees(ctx context.Context, nonce, gas uint64, to *common.Address, data []byte, value *big.Int) (types.TxData, error) {
	head, err := retry(ctx, c.opts, func() (*types.Header, error) { return c.backend.HeaderByNumber(ctx, nil) })
	if err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	if head.BaseFee == nil {
		price, err := retry(ctx, c.opts, func() (*big.Int, error) { return c.backend.SuggestGasPrice(ctx) })
		if err != nil {
			return nil, fmt.Errorf("gas price: %w", err)
		}
		if c.opts.MaxFee != nil {
			price = bigMin(price, c.opts.MaxFee)
		}
		return &types.LegacyTx{Nonce: nonce, GasPrice: price, Gas: gas, To: to, Data: data, Value: value}, nil
	}
	tip, err := retry(ctx, c.opts, func() (*big.Int, error) { return c.backend.SuggestGasTipCap(ctx) })
	if err != nil {
		return nil, fmt.Errorf("gas tip: %w", err)
	}
	// Twice the base fee survives six full blocks of base-fee growth.
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	if c.opts.MaxFee != nil { // the operator's ceiling; the transaction waits for the base fee to fall below it
		feeCap = bigMin(feeCap, c.opts.MaxFee)
		tip = bigMin(tip, feeCap)
	}
	return &types.DynamicFeeTx{ChainID: c.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: gas, To: to, Data: data, Value: value}, nil
}

// receiptDepth is how deep a sent transaction's block must be before the
// sender goes on: the configured confirmations, or just mined where
// finality is the endpoint's finalized block (minutes away on Ethereum;
// anchors wait for it separately, see Anchor).
func (c *Client) receiptDepth() uint64 {
	if c.opts.Finalized {
		return 1
	}
	return c.opts.Confirmations
}

// wait polls for the receipt, then for receiptDepth.
func (c *Client) wait(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	tick := time.NewTicker(c.opts.PollInterval)
	defer tick.Stop()
	for {
		rcpt, err := c.backend.TransactionReceipt(ctx, hash)
		if err == nil {
			head, herr := c.backend.BlockNumber(ctx)
			if herr == nil && head+1 >= rcpt.BlockNumber.Uint64()+c.receiptDepth() {
				return rcpt, nil
			}
		} else if ctx.Err() == nil && !errors.Is(err, ethereum.NotFound) && !transient(err) && !indexing(err) &&
			!errors.Is(err, context.DeadlineExceeded) {
			return nil, err // an answer, not a wait: a call that timed out is polled again
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, ErrTimeout
			}
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}

// waitFinal waits until block is final (see Final), or the timeout.
func (c *Client) waitFinal(ctx context.Context, block uint64) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	for {
		if final, err := c.Final(ctx, block); err == nil && final {
			return nil
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return ErrTimeout
			}
			return ctx.Err()
		case <-time.After(c.opts.PollInterval):
		}
	}
}

// Head returns the latest block number.
func (c *Client) Head(ctx context.Context) (uint64, error) {
	head, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.BlockNumber(ctx) })
	if err != nil {
		return 0, fmt.Errorf("head block: %w", err)
	}
	return head, nil
}

// Confirmations returns how many blocks, counting block itself, the chain
// has at or above block.
func (c *Client) Confirmations(ctx context.Context, block uint64) (uint64, error) {
	head, err := retry(ctx, c.opts, func() (uint64, error) { return c.backend.BlockNumber(ctx) })
	if err != nil {
		return 0, fmt.Errorf("head block: %w", err)
	}
	if head < block {
		return 0, nil
	}
	return head - block + 1, nil
}

// retry calls f until it succeeds, fails permanently, or the retries are
// used up, backing off from 200 ms and doubling up to 5 s.
func retry[T any](ctx context.Context, o TxOptions, f func() (T, error)) (T, error) {
	delay := 200 * time.Millisecond
	for attempt := 0; ; attempt++ {
		v, err := f()
		if err == nil || !transient(err) || attempt >= o.Retries {
			return v, err
		}
		select {
		case <-ctx.Done():
			return v, fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-time.After(delay):
		}
		delay = min(2*delay, 5*time.Second)
	}
}

// transient reports whether an RPC error is worth retrying: the connection
// failed, or the server said it was overloaded or broken, as opposed to an
// answer such as a revert.
func transient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		// A call that timed out is not tried again here: the caller's own
		// loop (the next pipeline step) does, without piling up waits.
		return false
	}
	if _, ok := ethclient.RevertErrorData(err); ok {
		return false
	}
	if errors.Is(err, quorum.ErrDisagreement) {
		// Endpoints a block apart, or one that lies: asking again settles
		// the first, and the second stays an error.
		return true
	}
	var httpErr rpc.HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.StatusCode == 429 || httpErr.StatusCode >= 500
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "connection reset")
}

// Transfer sends value wei from the signer to another account (to fund
// issuer keys on dev and test chains).
func (c *Client) Transfer(ctx context.Context, to [20]byte, value *big.Int) (*Receipt, error) {
	if c.signer == nil {
		return nil, ErrNoSigner
	}
	addr := common.Address(to)
	return c.sendValue(ctx, "transfer", &addr, nil, value)
}

// indexing reports geth's answer while it is still indexing transactions
// (right after start): the receipt may exist, so keep polling.
func indexing(err error) bool {
	return strings.Contains(err.Error(), "transaction indexing is in progress")
}
