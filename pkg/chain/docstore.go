package chain

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
)

// documentStoreABIJSON is the part of OpenAttestation's DocumentStore
// contract credseal reads (pkg/oa checks the documents themselves).
const documentStoreABIJSON = `[
 {"type":"function","name":"isIssued","stateMutability":"view",
  "inputs":[{"name":"document","type":"bytes32"}],"outputs":[{"name":"","type":"bool"}]},
 {"type":"function","name":"isRevoked","stateMutability":"view",
  "inputs":[{"name":"document","type":"bytes32"}],"outputs":[{"name":"","type":"bool"}]}
]`

var documentStoreABI = func() abi.ABI {
	a, err := abi.JSON(strings.NewReader(documentStoreABIJSON))
	if err != nil {
		panic("chain: bad DocumentStore ABI: " + err.Error())
	}
	return a
}()

// ErrNoContract is an address that answered a call with no data: there is
// no contract there.
var ErrNoContract = errors.New("no contract")

// DocumentStore reads an OpenAttestation DocumentStore contract: its
// isIssued and isRevoked views, at the latest block.
type DocumentStore struct {
	caller  ethereum.ContractCaller
	address common.Address
}

// NewDocumentStore returns a reader of the DocumentStore at address,
// calling through caller (Client.Caller, for one). caller must not be nil.
func NewDocumentStore(caller ethereum.ContractCaller, address [20]byte) *DocumentStore {
	return &DocumentStore{caller: caller, address: address}
}

// Address returns the store's address.
func (s *DocumentStore) Address() [20]byte { return s.address }

// IsIssued reports whether the store has issued root (a document's
// signature.merkleRoot).
func (s *DocumentStore) IsIssued(ctx context.Context, root [32]byte) (bool, error) {
	return s.call(ctx, "isIssued", root)
}

// IsRevoked reports whether the store has revoked hash (a target hash, an
// intermediate hash or a merkle root; see oa.Document.IntermediateHashes).
func (s *DocumentStore) IsRevoked(ctx context.Context, hash [32]byte) (bool, error) {
	return s.call(ctx, "isRevoked", hash)
}

// call never reads an empty answer as false: an address without code
// answers every call with no data, which fails with ErrNoContract.
func (s *DocumentStore) call(ctx context.Context, method string, h [32]byte) (bool, error) {
	input, err := documentStoreABI.Pack(method, h)
	if err != nil {
		return false, fmt.Errorf("document store: pack %s: %w", method, err)
	}
	to := s.address
	out, err := s.caller.CallContract(ctx, ethereum.CallMsg{To: &to, Data: input}, nil)
	if err != nil {
		return false, fmt.Errorf("DocumentStore %s: %s(%x): %w", to.Hex(), method, h, err)
	}
	if len(out) == 0 {
		return false, fmt.Errorf("document store: %w at %s: %s returned no data", ErrNoContract, to.Hex(), method)
	}
	if len(out) != 32 {
		return false, fmt.Errorf("DocumentStore %s: %s returned %d bytes, want 32", to.Hex(), method, len(out))
	}
	res, err := documentStoreABI.Unpack(method, out)
	if err != nil {
		return false, fmt.Errorf("DocumentStore %s: %s: %w", to.Hex(), method, err)
	}
	ok, isBool := res[0].(bool)
	if !isBool {
		return false, fmt.Errorf("DocumentStore %s: %s returned %T", to.Hex(), method, res[0])
	}
	return ok, nil
}
