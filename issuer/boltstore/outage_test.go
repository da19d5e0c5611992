package boltstore_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/devchain"
	"github.com/credseal/credseal/pkg/seal"
)

// outageProxy forwards JSON-RPC to a node, or drops every connection while down.
type outageProxy struct {
	target *url.URL
	down   atomic.Bool
}

func (p *outageProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.down.Load() {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	req, _ := http.NewRequestWithContext(r.Context(), r.Method, p.target.String(), r.Body)
	req.Header = r.Header.Clone()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// TestRPCOutage: with the endpoint dropping every connection, the service
// keeps accepting credentials and keeps retrying; once it is back, everything
// is anchored.
func TestRPCOutage(t *testing.T) {
	n, err := devchain.Start(ctx, devchain.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	target, _ := url.Parse(n.Info.RPCURL)
	proxy := &outageProxy{target: target}
	srv := httptest.NewServer(proxy)
	defer srv.Close()
	ec, _, err := chain.Dial(ctx, srv.URL, devchain.ChainID)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	pass, _ := chain.ReadPassphrase(n.Info.PassphraseFile)
	signer, _ := chain.LoadSigner(n.Info.Keystore, pass)
	// Few retries inside the client: the outage is the service's to ride out.
	c, err := chain.New(ctx, ec, common.HexToAddress(n.Info.Registry), signer, chain.Options{PollInterval: 20 * time.Millisecond, Retries: 1})
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(t.TempDir(), "issuer.db"))
	bits, _ := seal.BitsForDifficulty(devchain.DefaultMinDifficulty)
	svc := issuer.NewService(db, c, issuer.Config{BatchSize: 20, Bits: bits})

	proxy.down.Store(true)
	if _, err := svc.Submit(ctx, cohort(t), false, nil); err != nil {
		t.Fatalf("submit during the outage: %v", err)
	}
	var failures atomic.Int64
	go func() {
		time.Sleep(2 * time.Second)
		proxy.down.Store(false)
	}()
	if err := svc.Drain(ctx, func(error) { failures.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if failures.Load() == 0 {
		t.Fatal("the outage never reached the service")
	}
	counts, _, _ := db.Counts(ctx)
	if counts[issuer.Confirmed] != 56 {
		t.Fatalf("after the outage: %v", counts)
	}
	seals, err := c.AnchoredBy(ctx, signer.Address())
	if err != nil || len(seals) != 3 {
		t.Fatalf("%d batches anchored (%v), want 3", len(seals), err)
	}
}
