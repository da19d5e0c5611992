package chain

import (
	"context"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// deadlineBackend gives every JSON-RPC call the client makes its own
// deadline. An endpoint that accepts the connection and never answers would
// otherwise hold a pipeline step, and every lock it holds, for ever.
// Methods the client does not use pass through unchanged.
type deadlineBackend struct {
	Backend
	d time.Duration
}

// within runs f under a context that ends after d at most.
func within[T any](ctx context.Context, d time.Duration, f func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return f(ctx)
}

func (b deadlineBackend) ChainID(ctx context.Context) (*big.Int, error) {
	return within(ctx, b.d, b.Backend.ChainID)
}

func (b deadlineBackend) BlockNumber(ctx context.Context) (uint64, error) {
	return within(ctx, b.d, b.Backend.BlockNumber)
}

func (b deadlineBackend) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	return within(ctx, b.d, func(ctx context.Context) (*types.Header, error) { return b.Backend.HeaderByNumber(ctx, n) })
}

func (b deadlineBackend) CodeAt(ctx context.Context, a common.Address, n *big.Int) ([]byte, error) {
	return within(ctx, b.d, func(ctx context.Context) ([]byte, error) { return b.Backend.CodeAt(ctx, a, n) })
}

func (b deadlineBackend) BalanceAt(ctx context.Context, a common.Address, n *big.Int) (*big.Int, error) {
	return within(ctx, b.d, func(ctx context.Context) (*big.Int, error) { return b.Backend.BalanceAt(ctx, a, n) })
}

func (b deadlineBackend) NonceAt(ctx context.Context, a common.Address, n *big.Int) (uint64, error) {
	return within(ctx, b.d, func(ctx context.Context) (uint64, error) { return b.Backend.NonceAt(ctx, a, n) })
}

func (b deadlineBackend) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	return within(ctx, b.d, func(ctx context.Context) (uint64, error) { return b.Backend.PendingNonceAt(ctx, a) })
}

func (b deadlineBackend) CallContract(ctx context.Context, m ethereum.CallMsg, n *big.Int) ([]byte, error) {
	return within(ctx, b.d, func(ctx context.Context) ([]byte, error) { return b.Backend.CallContract(ctx, m, n) })
}

func (b deadlineBackend) EstimateGas(ctx context.Context, m ethereum.CallMsg) (uint64, error) {
	return within(ctx, b.d, func(ctx context.Context) (uint64, error) { return b.Backend.EstimateGas(ctx, m) })
}

func (b deadlineBackend) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	return within(ctx, b.d, b.Backend.SuggestGasPrice)
}

func (b deadlineBackend) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	return within(ctx, b.d, b.Backend.SuggestGasTipCap)
}

func (b deadlineBackend) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	return within(ctx, b.d, func(ctx context.Context) ([]types.Log, error) { return b.Backend.FilterLogs(ctx, q) })
}

func (b deadlineBackend) TransactionByHash(ctx context.Context, h common.Hash) (*types.Transaction, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, b.d)
	defer cancel()
	return b.Backend.TransactionByHash(ctx, h)
}

func (b deadlineBackend) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	return within(ctx, b.d, func(ctx context.Context) (*types.Receipt, error) { return b.Backend.TransactionReceipt(ctx, h) })
}

func (b deadlineBackend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	_, err := within(ctx, b.d, func(ctx context.Context) (struct{}, error) { return struct{}{}, b.Backend.SendTransaction(ctx, tx) })
	return err
}
