// Package chaintest starts go-ethereum's simulated backend with a
// CredentialRegistry deployed and funded accounts, for tests of anything
// that talks to the chain. Blocks are mined automatically as transactions
// arrive, so code under test waits for receipts as it would on a real chain.
package chaintest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/credseal/credseal/pkg/chain"
)

// Passphrase encrypts every keystore file the helper writes.
const Passphrase = "chaintest"

// Account is a funded key stored in a keystore file.
type Account struct {
	Keystore string
	Address  [20]byte
	Signer   *chain.Signer
}

// Env is a simulated chain with a registry whose owner is Owner.
type Env struct {
	Backend  *simulated.Backend
	Registry [20]byte
	Owner    Account
	Opts     chain.TxOptions
	t        testing.TB
	rpc      chain.Backend
}

// MinDifficulty is the registry's minimum seal difficulty in tests: cheap to
// seal, yet above the contract's floor of 8, so too-easy headers can be tested.
const MinDifficulty = 10

// New starts a simulated chain, deploys the registry and funds the owner.
// The backend is closed when the test ends.
func New(t testing.TB, opts ...func(*node.Config, *ethconfig.Config)) *Env {
	t.Helper()
	dir := t.TempDir()
	owner := newAccount(t, dir)
	alloc := types.GenesisAlloc{owner.Address: {Balance: ether(1000)}}
	backend := simulated.NewBackend(alloc, opts...)
	e := &Env{Backend: backend, Owner: owner, t: t,
		Opts: chain.TxOptions{PollInterval: 5 * time.Millisecond, Timeout: 30 * time.Second}}
	e.rpc = minedOnSend{Client: backend.Client(), sim: backend, mu: new(sync.Mutex)}
	t.Cleanup(func() { backend.Close() })
	addr, _, err := chain.Deploy(context.Background(), e.rpc, owner.Signer, MinDifficulty, e.Opts)
	if err != nil {
		t.Fatalf("deploy registry: %v", err)
	}
	e.Registry = addr
	return e
}

// minedOnSend is the simulated client with one change: every transaction
// sent is mined at once in its own block, as a dev node mining on demand does.
type minedOnSend struct {
	simulated.Client
	sim *simulated.Backend
	mu  *sync.Mutex
}

func (m minedOnSend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	m.sim.Commit()
	return nil
}

// RPC returns the chain as the registry client sees it: transactions are
// mined as soon as they are sent.
func (e *Env) RPC() chain.Backend { return e.rpc }

// Manual returns a registry client signing as a on the simulated chain
// without mining on send: the test mines with e.Backend.Commit, forks with
// e.Backend.Fork, and so plays pending, stuck and reorganised transactions.
// backend, when not nil, wraps the chain first (to misprice, say).
func (e *Env) Manual(a Account, opts chain.TxOptions, backend func(chain.Backend) chain.Backend) *chain.Client {
	e.t.Helper()
	var b chain.Backend = e.Backend.Client()
	if backend != nil {
		b = backend(b)
	}
	c, err := chain.New(context.Background(), b, e.Registry, a.Signer, opts)
	if err != nil {
		e.t.Fatalf("registry client: %v", err)
	}
	return c
}

// Account creates and funds a new account.
func (e *Env) Account() Account {
	e.t.Helper()
	a := newAccount(e.t, e.t.TempDir())
	c := e.Client(e.Owner)
	if _, err := c.Transfer(context.Background(), a.Address, ether(10)); err != nil {
		e.t.Fatalf("fund %x: %v", a.Address, err)
	}
	return a
}

// Issuer creates, funds and registers a new active issuer.
func (e *Env) Issuer(name, domain string) Account {
	e.t.Helper()
	a := e.Account()
	if _, err := e.Client(e.Owner).RegisterIssuer(context.Background(), a.Address, name, domain); err != nil {
		e.t.Fatalf("register issuer: %v", err)
	}
	return a
}

// IssuerWithKey registers an issuer whose key is derived from label, so
// that its address, and so the genesis its first header extends, is the
// same in every run (test vectors). Such keys are public: tests only.
func (e *Env) IssuerWithKey(label, name, domain string) Account {
	e.t.Helper()
	key := sha256.Sum256([]byte("credseal test key: " + label))
	dir := e.t.TempDir()
	path, addr, err := chain.ImportKeystoreFile(filepath.Join(dir, "keystore"), hex.EncodeToString(key[:]), Passphrase, true)
	if err != nil {
		e.t.Fatal(err)
	}
	s, err := chain.LoadSigner(path, Passphrase)
	if err != nil {
		e.t.Fatal(err)
	}
	a := Account{Keystore: path, Address: addr, Signer: s}
	ctx := context.Background()
	if _, err := e.Client(e.Owner).Transfer(ctx, a.Address, ether(10)); err != nil {
		e.t.Fatalf("fund %x: %v", a.Address, err)
	}
	if _, err := e.Client(e.Owner).RegisterIssuer(ctx, a.Address, name, domain); err != nil {
		e.t.Fatalf("register issuer: %v", err)
	}
	return a
}

// Client returns a registry client signing as a (read-only when a is zero).
func (e *Env) Client(a Account) *chain.Client {
	e.t.Helper()
	c, err := chain.New(context.Background(), e.rpc, e.Registry, a.Signer, e.Opts)
	if err != nil {
		e.t.Fatalf("registry client: %v", err)
	}
	return c
}

func newAccount(t testing.TB, dir string) Account {
	t.Helper()
	path, addr, err := chain.NewKeystoreFile(filepath.Join(dir, "keystore"), Passphrase, true)
	if err != nil {
		t.Fatal(err)
	}
	s, err := chain.LoadSigner(path, Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	return Account{Keystore: path, Address: addr, Signer: s}
}

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(params.Ether)) }
