package chain_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/credseal/credseal/pkg/chain"
)

// TestDialChecksChainID: an endpoint that now serves another chain (a
// restarted node, a DNS change, a misconfigured proxy) is refused on
// connect, not written to.
func TestDialChecksChainID(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":1,"result":"0x5"}`)
	}))
	defer srv.Close()
	if _, _, err := chain.Dial(context.Background(), srv.URL, 1337); !errors.Is(err, chain.ErrWrongChain) {
		t.Fatalf("dial a chain-5 endpoint expecting 1337: %v", err)
	}
	ec, id, err := chain.Dial(context.Background(), srv.URL, 5)
	if err != nil || id != 5 {
		t.Fatalf("dial expecting 5: %d %v", id, err)
	}
	ec.Close()
}
