package chain

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/credseal/credseal/contracts/registry"
)

// rpcRevert is what geth's JSON-RPC returns for a reverted call: code 3 and
// the revert data as a hex string.
type rpcRevert struct{ data string }

func (e rpcRevert) Error() string          { return "execution reverted" }
func (e rpcRevert) ErrorCode() int         { return 3 }
func (e rpcRevert) ErrorData() interface{} { return e.data }

func abiClient() *Client {
	b := registry.NewCredentialRegistry()
	a := b.GetABI()
	return &Client{binding: b, abi: &a}
}

func TestDecodeRevert(t *testing.T) {
	c := abiClient()
	e := c.abi.Errors["BrokenChain"]
	args, _ := e.Inputs.Pack([32]byte{1}, [32]byte{2})
	data := append(append([]byte(nil), e.ID[:4]...), args...)
	err := c.decodeRevert(rpcRevert{"0x" + hex.EncodeToString(data)})
	var ce *ContractError
	if !errors.As(err, &ce) || !errors.Is(err, ErrBrokenChain) || errors.Is(err, ErrNotSealed) || len(ce.Args) != 2 {
		t.Fatalf("decoded %v (%#v)", err, err)
	}
	plain := errors.New("connection refused")
	if got := c.decodeRevert(plain); got != plain {
		t.Fatalf("a non-revert error was changed to %v", got)
	}
}

// FuzzDecodeRevert feeds arbitrary revert data to the decoder: it must
// never panic, and whatever it calls a ContractError must name a real error.
func FuzzDecodeRevert(f *testing.F) {
	c := abiClient()
	for _, e := range c.abi.Errors {
		f.Add(e.ID[:4])
		f.Add(append(append([]byte(nil), e.ID[:4]...), make([]byte, 64)...))
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		err := c.decodeRevert(rpcRevert{"0x" + hex.EncodeToString(data)})
		var ce *ContractError
		if errors.As(err, &ce) {
			if _, ok := c.abi.Errors[ce.Name]; !ok {
				t.Fatalf("decoded unknown error %q", ce.Name)
			}
			_ = ce.Error()
		}
	})
}
