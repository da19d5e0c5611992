package chain

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/ethclient"
)

// ContractError is a revert of the registry decoded into its custom error.
// Compare with errors.Is against the Err… values below.
type ContractError struct {
	Name string // the Solidity error's name, e.g. "BrokenChain"
	Args []any  // its decoded arguments; nil in the sentinels
}

func (e *ContractError) Error() string {
	if len(e.Args) == 0 {
		return "registry reverted: " + e.Name
	}
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		switch v := a.(type) {
		case [32]byte:
			parts[i] = fmt.Sprintf("0x%x", v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return fmt.Sprintf("registry reverted: %s(%s)", e.Name, strings.Join(parts, ", "))
}

// Is matches a sentinel of the same name.
func (e *ContractError) Is(target error) bool {
	t, ok := target.(*ContractError)
	return ok && t.Name == e.Name
}

// The registry's custom errors, for errors.Is.
var (
	ErrNotOwner            = &ContractError{Name: "NotOwner"}
	ErrNotPendingOwner     = &ContractError{Name: "NotPendingOwner"}
	ErrZeroAddress         = &ContractError{Name: "ZeroAddress"}
	ErrIssuerExists        = &ContractError{Name: "IssuerExists"}
	ErrUnknownIssuer       = &ContractError{Name: "UnknownIssuer"}
	ErrIssuerNotActive     = &ContractError{Name: "IssuerNotActive"}
	ErrIssuerAlreadyActive = &ContractError{Name: "IssuerAlreadyActive"}
	ErrKeyRotated          = &ContractError{Name: "KeyRotated"}
	ErrSuspensionInFuture  = &ContractError{Name: "SuspensionInFuture"}
	ErrCutoffNotEarlier    = &ContractError{Name: "CutoffNotEarlier"}
	ErrEmptyName           = &ContractError{Name: "EmptyName"}
	ErrBadHeaderLength     = &ContractError{Name: "BadHeaderLength"}
	ErrBrokenChain         = &ContractError{Name: "BrokenChain"}
	ErrInvalidBits         = &ContractError{Name: "InvalidBits"}
	ErrInvalidDifficulty   = &ContractError{Name: "InvalidDifficulty"}
	ErrBitsTooEasy         = &ContractError{Name: "BitsTooEasy"}
	ErrNotSealed           = &ContractError{Name: "NotSealed"}
	ErrAlreadyAnchored     = &ContractError{Name: "AlreadyAnchored"}
	ErrUnknownBatch        = &ContractError{Name: "UnknownBatch"}
	ErrNotBatchIssuer      = &ContractError{Name: "NotBatchIssuer"}
	ErrInvalidReason       = &ContractError{Name: "InvalidReason"}
	ErrAlreadyRevoked      = &ContractError{Name: "AlreadyRevoked"}
)

// decodeRevert turns an RPC error carrying revert data into a *ContractError;
// other errors pass through unchanged.
func (c *Client) decodeRevert(err error) error {
	data, ok := ethclient.RevertErrorData(err)
	if !ok || len(data) < 4 {
		return err
	}
	for name, e := range c.abi.Errors {
		if !bytes.Equal(e.ID[:4], data[:4]) {
			continue
		}
		args, uerr := e.Inputs.Unpack(data[4:])
		if uerr != nil {
			return fmt.Errorf("%w (undecodable %s: %v)", err, name, uerr)
		}
		return &ContractError{Name: name, Args: args}
	}
	return err
}

// ErrAnchoredByOther is returned when a seal to anchor is already on chain
// under another issuer.
var ErrAnchoredByOther = errors.New("chain: seal already anchored by another issuer")
