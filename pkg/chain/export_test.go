package chain

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Hooks for the external tests: calldata the typed methods never produce.

func AnchorRaw(ctx context.Context, c *Client, header []byte) (*Receipt, error) {
	return c.transact(ctx, "anchor raw", c.binding.PackAnchor(header))
}

func AnchorManyRaw(ctx context.Context, c *Client, headers []byte) (*Receipt, error) {
	return c.transact(ctx, "anchorMany raw", c.binding.PackAnchorMany(headers))
}

// SendRaw sends calldata to any contract (the peer DocumentStore in the gas
// benchmark); a nil to deploys data as creation code.
func SendRaw(ctx context.Context, c *Client, to *[20]byte, data []byte) (*Receipt, [20]byte, error) {
	if to == nil {
		r, err := c.send(ctx, "deploy raw", nil, data)
		if err != nil {
			return nil, [20]byte{}, err
		}
		rcpt, err := c.backend.TransactionReceipt(ctx, r.Tx)
		if err != nil {
			return nil, [20]byte{}, err
		}
		return r, rcpt.ContractAddress, nil
	}
	addr := common.Address(*to)
	r, err := c.send(ctx, "send raw", &addr, data)
	return r, *to, err
}

// SignTx signs a transaction of data to the registry without estimating or
// sending it, with a fixed gas limit and tip (the mempool-copy test plays
// a front-runner with it).
func SignTx(ctx context.Context, c *Client, data []byte, gas uint64, tip *big.Int) (*types.Transaction, error) {
	nonce, err := c.backend.PendingNonceAt(ctx, c.signer.addr)
	if err != nil {
		return nil, err
	}
	head, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	return c.signer.sign(types.NewTx(&types.DynamicFeeTx{ChainID: c.chainID, Nonce: nonce, GasTipCap: tip,
		GasFeeCap: feeCap, Gas: gas, To: &c.registry, Data: data}), c.chainID)
}
