// Package chain is credseal's go-ethereum adapter: a client of the
// CredentialRegistry contract over any EVM JSON-RPC endpoint (the embedded
// dev chain, geth, a public testnet, an L2). It deploys the registry,
// accredits issuers, anchors sealed batch headers, revokes, and answers the
// look-ups a verifier makes.
//
// It is the only importer of contracts/registry. What it hands to the rest of
// credseal is plain data (chain ID, addresses as [20]byte, seals, block
// numbers), never go-ethereum types.
//
// Transactions use EIP-1559 fees (legacy fees on chains without a base
// fee), are simulated first so a revert is reported
// as the contract's custom error without spending gas, wait for a
// configurable number of confirmations, and retry transient RPC failures
// with backoff. Anchoring is idempotent: a seal already on chain is found,
// not sent again.
package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/credseal/credseal/contracts/registry"
)

// Backend is what the client needs of a JSON-RPC connection. Both
// *ethclient.Client and the simulated backend's client provide it.
type Backend interface {
	ethereum.ChainIDReader
	ethereum.BlockNumberReader
	ethereum.ChainReader
	ethereum.ChainStateReader
	ethereum.ContractCaller
	ethereum.GasEstimator
	ethereum.GasPricer
	ethereum.GasPricer1559
	ethereum.LogFilterer
	ethereum.PendingStateReader
	ethereum.TransactionReader
	ethereum.TransactionSender
}

// TxOptions tune transactions. The zero value gets the defaults.
type TxOptions struct {
	// Confirmations is how many blocks (counting the one that includes the
	// transaction) a transaction waits for. Default 1.
	Confirmations uint64
	// Timeout bounds one transaction from sending to confirmation. Default 2 min.
	Timeout time.Duration
	// PollInterval is how often receipts and the head are polled. Default 500 ms.
	PollInterval time.Duration
	// Retries is how many times a transient RPC failure is retried. Default 5.
	Retries int
	// CallTimeout bounds every JSON-RPC call. Default 20 s.
	CallTimeout time.Duration
	// Finalized makes a record final once the endpoint's "finalized" block
	// reaches it, where the endpoint supports that tag (Confirmations is
	// the fallback where it does not).
	Finalized bool
	// MaxTxGas is the most gas one transaction may use: the per-transaction
	// cap nodes enforce (EIP-7825: 2^24). Anchoring splits larger backlogs.
	MaxTxGas uint64
	// MaxFee caps the fee per gas of a transaction and its replacements, in
	// wei; nil for no cap.
	MaxFee *big.Int
}

// DefaultMaxTxGas is the per-transaction gas cap of EIP-7825.
const DefaultMaxTxGas = 1 << 24

func (o TxOptions) withDefaults() TxOptions {
	if o.Confirmations == 0 {
		o.Confirmations = 1
	}
	if o.Timeout == 0 {
		o.Timeout = 2 * time.Minute
	}
	if o.PollInterval == 0 {
		o.PollInterval = 500 * time.Millisecond
	}
	if o.Retries == 0 {
		o.Retries = 5
	}
	if o.CallTimeout == 0 {
		o.CallTimeout = 20 * time.Second
	}
	if o.MaxTxGas == 0 {
		o.MaxTxGas = DefaultMaxTxGas
	}
	return o
}

// Client talks to one CredentialRegistry on one chain. Reads need no signer;
// transactions do.
type Client struct {
	backend  Backend
	chainID  *big.Int
	registry common.Address
	signer   *Signer
	opts     TxOptions
	abi      *abi.ABI
	binding  *registry.CredentialRegistry
	// sendMu serialises this client's transactions, so concurrent callers
	// never pick the same nonce.
	sendMu sync.Mutex
	// anchorChunk is the most headers one anchoring transaction has been
	// found to fit (0: not yet limited).
	anchorChunk atomic.Int64
	// noFinalizedTag is set once the endpoint turned out not to know the
	// "finalized" block tag.
	noFinalizedTag atomic.Bool
}

// ErrWrongChain is returned when the endpoint's chain ID is not the expected one.
var ErrWrongChain = errors.New("chain: endpoint serves another chain")

// ErrNoSigner is returned by transactions on a read-only client.
var ErrNoSigner = errors.New("chain: no signer configured")

// ErrNoRegistry is returned when no contract code is at the registry address.
var ErrNoRegistry = errors.New("chain: no registry contract at that address")

// Dial connects to an RPC endpoint (http(s)://, ws(s)://, or an IPC path).
// When expectChainID is non-zero the endpoint must serve that chain.
func Dial(ctx context.Context, url string, expectChainID uint64) (*ethclient.Client, uint64, error) {
	o := TxOptions{}.withDefaults()
	// A websocket handshake has no timeout of its own.
	ec, err := within(ctx, o.CallTimeout, func(ctx context.Context) (*ethclient.Client, error) { return ethclient.DialContext(ctx, url) })
	if err != nil {
		return nil, 0, fmt.Errorf("dial %s: %w", url, err)
	}
	id, err := retry(ctx, o, func() (*big.Int, error) {
		return within(ctx, o.CallTimeout, ec.ChainID)
	})
	if err != nil {
		ec.Close()
		return nil, 0, fmt.Errorf("chain ID of %s: %w", url, err)
	}
	if expectChainID != 0 && id.Uint64() != expectChainID {
		ec.Close()
		return nil, 0, fmt.Errorf("%w: %s is chain %d, expected %d", ErrWrongChain, url, id, expectChainID)
	}
	return ec, id.Uint64(), nil
}

// New returns a client of the registry at addr. signer may be nil for a
// read-only client.
func New(ctx context.Context, backend Backend, addr [20]byte, signer *Signer, opts TxOptions) (*Client, error) {
	opts = opts.withDefaults()
	backend = deadlineBackend{Backend: backend, d: opts.CallTimeout}
	c := &Client{backend: backend, registry: common.Address(addr), signer: signer, opts: opts,
		binding: registry.NewCredentialRegistry()}
	a := c.binding.GetABI()
	c.abi = &a
	id, err := retry(ctx, c.opts, func() (*big.Int, error) { return backend.ChainID(ctx) })
	if err != nil {
		return nil, fmt.Errorf("chain ID: %w", err)
	}
	c.chainID = id
	code, err := retry(ctx, c.opts, func() ([]byte, error) { return backend.CodeAt(ctx, c.registry, nil) })
	if err != nil {
		return nil, fmt.Errorf("registry code: %w", err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("%w: %s on chain %d", ErrNoRegistry, c.registry, id)
	}
	return c, nil
}

// ChainID returns the chain the client is connected to.
func (c *Client) ChainID() uint64 { return c.chainID.Uint64() }

// Registry returns the registry's address.
func (c *Client) Registry() [20]byte { return c.registry }

// Account returns the signer's address, or zero for a read-only client.
func (c *Client) Account() [20]byte {
	if c.signer == nil {
		return [20]byte{}
	}
	return c.signer.Address()
}

// Caller reads other contracts on the same chain (eth_call).
func (c *Client) Caller() ethereum.ContractCaller { return c.backend }
