// Package devchain runs an embedded go-ethereum development node, as
// `geth --dev --datadir DIR` builds it: a full node, the eth service and the
// simulated beacon that produces blocks (on demand, or every N seconds),
// with HTTP JSON-RPC on 127.0.0.1. It persists in its data directory across
// restarts: the chain, a prefunded developer key in a keystore, and the
// CredentialRegistry deployed once with the developer registered as an
// issuer, their addresses recorded in credseal-devchain.json.
// AccreditIssuer funds and accredits further issuer keys on it.
//
// It is the one place in credseal that touches go-ethereum internals (eth,
// catalyst, node); everything else reaches the chain over JSON-RPC.
package devchain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/keys"
)

// ChainID is the dev chain's ID, as geth --dev uses.
const ChainID = 1337

// InfoFile is the name, inside the data directory, of the record of what
// the dev chain set up.
const InfoFile = "credseal-devchain.json"

// DefaultMinDifficulty is the registry's minimum seal difficulty on the dev
// chain: instant to seal, yet a real proof of work.
const DefaultMinDifficulty = 12

// NodeConfig sets up a dev node.
type NodeConfig struct {
	DataDir string // required; created when missing
	// HTTPPort is the JSON-RPC port on 127.0.0.1; 0 picks a free one.
	HTTPPort int
	// Period is the block interval in seconds; 0 mines a block as soon as
	// a transaction arrives.
	Period uint64
	// IssuerName and IssuerDomain register the developer as an issuer on
	// first start. Defaults: "credseal dev issuer", "example.edu" (the
	// sample cohort's domain).
	IssuerName, IssuerDomain string
}

// Info is what a dev chain set up; it is stored in InfoFile.
type Info struct {
	RPCURL         string `json:"rpc"` // of the latest run
	ChainID        uint64 `json:"chainId"`
	Registry       string `json:"registry"`
	Developer      string `json:"developer"`
	Keystore       string `json:"keystore"`       // the developer's key file
	PassphraseFile string `json:"passphraseFile"` // its passphrase (dev only)
}

// Node is a running dev chain.
type Node struct {
	stack *node.Node
	Info  Info
}

// ErrLocked is returned when another process runs a node on the same data directory.
var ErrLocked = errors.New("devchain: data directory is in use by another process")

// Start opens (or creates) the dev chain in cfg.DataDir and serves JSON-RPC.
// On first start it creates the developer key, funds it in genesis, deploys
// the registry and registers the developer as an issuer.
func Start(ctx context.Context, cfg NodeConfig) (*Node, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("devchain: no data directory")
	}
	dir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("devchain: %w", err)
	}
	info, fresh, err := loadOrCreateKey(dir)
	if err != nil {
		return nil, err
	}
	stack, err := node.New(&node.Config{
		Name:              "credseal-devchain",
		DataDir:           dir,
		KeyStoreDir:       filepath.Join(dir, "keystore"),
		UseLightweightKDF: true,
		HTTPHost:          "127.0.0.1",
		HTTPPort:          cfg.HTTPPort,
		HTTPModules:       []string{"eth", "net", "web3"},
		HTTPVirtualHosts:  []string{"localhost", "127.0.0.1"},
		P2P:               p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""},
	})
	if err != nil {
		if errors.Is(err, node.ErrDatadirUsed) {
			return nil, fmt.Errorf("%w: %s", ErrLocked, dir)
		}
		return nil, fmt.Errorf("devchain: %w", err)
	}
	n := &Node{stack: stack, Info: info}
	if err := n.startEth(cfg, common.HexToAddress(info.Developer)); err != nil {
		stack.Close()
		return nil, err
	}
	n.Info.RPCURL = stack.HTTPEndpoint()
	if fresh || info.Registry == "" {
		err = n.deployRegistry(ctx, cfg)
	}
	if err == nil {
		err = writeInfo(filepath.Join(dir, InfoFile), n.Info)
	}
	if err != nil {
		stack.Close()
		return nil, err
	}
	return n, nil
}

func (n *Node) startEth(cfg NodeConfig, developer common.Address) error {
	ethCfg := ethconfig.Defaults
	ethCfg.NetworkId = ChainID
	ethCfg.SyncMode = ethconfig.FullSync
	ethCfg.Genesis = core.DeveloperGenesisBlock(ethconfig.Defaults.Miner.GasCeil, &developer)
	ethCfg.Miner.PendingFeeRecipient = developer
	ethCfg.Miner.GasPrice = big.NewInt(1)
	ethCfg.TxPool.NoLocals = true
	backend, err := eth.New(n.stack, &ethCfg)
	if err != nil {
		return fmt.Errorf("devchain: eth service: %w", err)
	}
	filterSystem := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	n.stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filterSystem)}})
	beacon, err := catalyst.NewSimulatedBeacon(cfg.Period, developer, backend)
	if err != nil {
		return fmt.Errorf("devchain: beacon: %w", err)
	}
	catalyst.RegisterSimulatedBeaconAPIs(n.stack, beacon)
	n.stack.RegisterLifecycle(beacon)
	if err := n.stack.Start(); err != nil {
		return fmt.Errorf("devchain: start node: %w", err)
	}
	return nil
}

// deployRegistry deploys the registry, registers the developer as an
// issuer and records the address.
func (n *Node) deployRegistry(ctx context.Context, cfg NodeConfig) error {
	signer, err := n.Signer()
	if err != nil {
		return err
	}
	backend := ethclient.NewClient(n.stack.Attach())
	opts := chain.TxOptions{PollInterval: 50e6}
	addr, _, err := chain.Deploy(ctx, backend, signer, DefaultMinDifficulty, opts)
	if err != nil {
		return fmt.Errorf("devchain: %w", err)
	}
	c, err := chain.New(ctx, backend, addr, signer, opts)
	if err != nil {
		return fmt.Errorf("devchain: %w", err)
	}
	name, domain := cfg.IssuerName, cfg.IssuerDomain
	if name == "" {
		name = "credseal dev issuer"
	}
	if domain == "" {
		domain = "example.edu"
	}
	if _, err := c.RegisterIssuer(ctx, signer.Address(), name, domain); err != nil {
		return fmt.Errorf("devchain: %w", err)
	}
	n.Info.Registry = common.Address(addr).Hex()
	return nil
}

// Signer loads the developer's key (the registry's owner, and an issuer).
func (n *Node) Signer() (*chain.Signer, error) {
	return keys.Load(n.Info.Keystore, n.Info.PassphraseFile)
}

// IssuerFunds is what AccreditIssuer sends an issuer's key: 100 ether, for
// far more anchors than a dev chain sees.
var IssuerFunds = new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))

// AccreditIssuer sets up an issuer's key on the dev chain, as the developer
// does for itself on first start: it funds the key from the developer
// account with IssuerFunds and accredits it on the registry under name, for
// domain. dev is a client of the dev chain's registry signing as the
// developer, the registry's owner.
func AccreditIssuer(ctx context.Context, dev *chain.Client, issuer [20]byte, name, domain string) error {
	if _, err := dev.Transfer(ctx, issuer, IssuerFunds); err != nil {
		return fmt.Errorf("fund the issuer key: %w", err)
	}
	if _, err := dev.RegisterIssuer(ctx, issuer, name, domain); err != nil {
		return fmt.Errorf("accredit the issuer: %w", err)
	}
	return nil
}

// Close stops the node, flushing the chain to disk.
func (n *Node) Close() error { return n.stack.Close() }

// ReadInfo reads what a dev chain in dir set up (the node need not run).
func ReadInfo(dir string) (Info, error) {
	var info Info
	b, err := os.ReadFile(filepath.Join(dir, InfoFile))
	if err != nil {
		return info, fmt.Errorf("devchain: no dev chain in %s (start one with `credseal devchain`): %w", dir, err)
	}
	if err := json.Unmarshal(b, &info); err != nil {
		return info, fmt.Errorf("devchain: %s: %w", InfoFile, err)
	}
	return info, nil
}

// loadOrCreateKey returns the recorded info, or creates the developer's key
// and passphrase on first start.
func loadOrCreateKey(dir string) (Info, bool, error) {
	path := filepath.Join(dir, InfoFile)
	if _, err := os.Stat(path); err == nil {
		info, err := ReadInfo(dir)
		return info, false, err
	}
	key, err := keys.New(dir, true)
	if err != nil {
		return Info{}, false, fmt.Errorf("devchain: %w", err)
	}
	info := Info{ChainID: ChainID, Developer: common.Address(key.Address).Hex(), Keystore: key.Keystore, PassphraseFile: key.PassphraseFile}
	// Recorded before the chain exists, so a crash before deployment
	// restarts with the same key and funded genesis.
	return info, true, writeInfo(path, info)
}

// writeInfo replaces the info file atomically.
func writeInfo(path string, info Info) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("devchain: %w", err)
	}
	return nil
}
