package chaintest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/credseal/credseal/pkg/chain"
)

// BehindProxy starts an embedded dev chain and returns a registry client
// that reaches it only through a Proxy, signing as the dev chain's
// developer, with opts (PollInterval defaults to 20 ms).
func BehindProxy(t testing.TB, opts chain.TxOptions) (*chain.Client, *Proxy, *chain.Signer) {
	t.Helper()
	n := StartDevchain(t, t.TempDir())
	proxy := NewProxy(t, n.Info.RPCURL)
	c, signer := DevClient(t, n, proxy.URL, opts)
	return c, proxy, signer
}

// Proxy stands between a client and a JSON-RPC endpoint on 127.0.0.1 and
// can play an outage: while down, it alternately answers 503 and resets the
// connection mid-request, as an overloaded or restarting node does.
type Proxy struct {
	URL    string // the proxy's own address, for the client
	target *url.URL
	down   atomic.Bool
	hung   atomic.Bool
	failed atomic.Int64
	delay  atomic.Int64 // nanoseconds added before every answer
	closed chan struct{}
	mu     sync.Mutex
	lies   []Lie
}

// Lie alters an endpoint's answers to eth_call: where the call's input
// starts with Selector, the result becomes Alter(result). It plays a
// provider that serves a wrong record.
type Lie struct {
	Selector [4]byte
	Alter    func(result []byte) []byte
}

// Tell makes the proxy lie from now on.
func (p *Proxy) Tell(l Lie) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lies = append(p.lies, l)
}

// SetDelay makes the proxy hold every answer for d, as a slow provider.
func (p *Proxy) SetDelay(d time.Duration) { p.delay.Store(int64(d)) }

// SetHung makes the proxy accept requests and never answer them (until the
// client gives up), as an endpoint stuck behind a load balancer does.
func (p *Proxy) SetHung(hung bool) { p.hung.Store(hung) }

// NewProxy starts a proxy to target; it stops when the test ends.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{target: u, closed: make(chan struct{})}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(p.closed) }) // first: a delayed answer must not hold Close up
	p.URL = srv.URL
	return p
}

// SetDown starts or ends the outage.
func (p *Proxy) SetDown(down bool) { p.down.Store(down) }

// Failed counts the requests the outage refused.
func (p *Proxy) Failed() int64 { return p.failed.Load() }

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.hung.Load() {
		p.failed.Add(1)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for p.hung.Load() {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
			}
		}
		return // answers nothing even after the hang: the client gave up long ago
	}
	if p.down.Load() {
		if p.failed.Add(1)%2 == 0 {
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	if d := time.Duration(p.delay.Load()); d > 0 {
		select {
		case <-r.Context().Done():
			return
		case <-p.closed:
			return
		case <-time.After(d):
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.target.String(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	req.Header.Del("Accept-Encoding") // answers are read, and may be rewritten
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer = p.lie(body, answer)
	for k, v := range resp.Header {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(answer)
}

type rpcMessage struct {
	JSONRPC string            `json:"jsonrpc,omitempty"`
	ID      json.RawMessage   `json:"id,omitempty"`
	Method  string            `json:"method,omitempty"`
	Params  []json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage   `json:"result,omitempty"`
	Error   json.RawMessage   `json:"error,omitempty"`
}

// lie rewrites the answers to the eth_calls a Lie covers, in a single
// request or a batch.
func (p *Proxy) lie(request, answer []byte) []byte {
	p.mu.Lock()
	lies := slices.Clone(p.lies)
	p.mu.Unlock()
	if len(lies) == 0 {
		return answer
	}
	batch := len(bytes.TrimSpace(request)) > 0 && bytes.TrimSpace(request)[0] == '['
	var reqs, resps []rpcMessage
	if batch {
		if json.Unmarshal(request, &reqs) != nil || json.Unmarshal(answer, &resps) != nil {
			return answer
		}
	} else {
		var req, resp rpcMessage
		if json.Unmarshal(request, &req) != nil || json.Unmarshal(answer, &resp) != nil {
			return answer
		}
		reqs, resps = []rpcMessage{req}, []rpcMessage{resp}
	}
	changed := false
	for i := range resps {
		for _, req := range reqs {
			if string(req.ID) != string(resps[i].ID) || req.Method != "eth_call" || len(req.Params) == 0 || resps[i].Result == nil {
				continue
			}
			var call struct {
				Input hexutil.Bytes `json:"input"`
				Data  hexutil.Bytes `json:"data"`
			}
			var result hexutil.Bytes
			if json.Unmarshal(req.Params[0], &call) != nil || json.Unmarshal(resps[i].Result, &result) != nil {
				continue
			}
			in := call.Input
			if len(in) == 0 {
				in = call.Data
			}
			for _, l := range lies {
				if len(in) >= 4 && [4]byte(in[:4]) == l.Selector {
					resps[i].Result, _ = json.Marshal(hexutil.Bytes(l.Alter(result)))
					changed = true
				}
			}
		}
	}
	if !changed {
		return answer
	}
	var out []byte
	if batch {
		out, _ = json.Marshal(resps)
	} else {
		out, _ = json.Marshal(resps[0])
	}
	return out
}
