package main_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/pkg/chain"
)

// Phases of the pipeline a kill can hit, as read from the database after it.
const (
	phaseIntake   = "credentials waiting for a batch or a seal"
	phaseInFlight = "anchoring transaction sent, not mined"
	phaseMined    = "anchoring transaction mined, not recorded"
	phaseSettled  = "everything anchored"
)

// TestSoakServeUnderKills runs `credseal issuer serve` on a dev chain that
// makes a block every 2 s, with API clients submitting all along, and kills
// the server with SIGKILL at moments aimed at each phase of anchoring (and
// at random), restarting it every time. At the end every credential the API
// acknowledged is final, the registry's Anchored events match the database
// one to one, and every transaction the issuer's key sent succeeded.
func TestSoakServeUnderKills(t *testing.T) {
	runs := 20
	if testing.Short() {
		runs = 6
	}
	dir, env := initIssuer(t, startDevchain(t, "--period", "2"),
		"--batch-size", "6", "--batch-age", "1s", "--difficulty", "12", "--replace-after", "20s")
	token := strings.TrimSpace(mustCLI(t, env, "issuer", "token", "create", "soak", "--scope", "admin"))
	cfg := readIssuerJSON(t, dir)
	ec, err := ethclient.DialContext(context.Background(), cfg.RPC)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()

	var mu sync.Mutex
	acked := map[string]bool{}
	next := 0
	rng := rand.New(rand.NewPCG(20261201, 12))
	hit := map[string]int{}
	targets := []string{phaseIntake, phaseInFlight, phaseMined, "random"}
	for run := range runs {
		srv := startServe(t, env, "--interval", "200ms")
		target := targets[run%len(targets)]
		stop := make(chan struct{})
		var clients sync.WaitGroup
		submit := func() {
			mu.Lock()
			first := next
			next += 3
			mu.Unlock()
			var sub struct {
				Credentials []struct{ ID string } `json:"credentials"`
			}
			if postBulk(srv.base, token, bulkBody(first, 3), &sub) {
				mu.Lock()
				for _, c := range sub.Credentials {
					acked[c.ID] = true
				}
				mu.Unlock()
			}
		}
		clientsRun := 2
		if target == phaseIntake {
			// Kill right after the server acknowledged credentials, while
			// nothing else is in flight: let the backlog anchor first.
			clientsRun = 0
			waitIdle(t, srv.base)
			submit()
		}
		for range clientsRun {
			clients.Add(1)
			go func() {
				defer clients.Done()
				for {
					select {
					case <-stop:
						return
					case <-time.After(150 * time.Millisecond):
					}
					submit()
				}
			}()
		}
		aimKill(t, srv.base, ec, target, rng)
		_ = srv.cmd.Process.Signal(syscall.SIGKILL)
		srv.wait(10 * time.Second)
		close(stop)
		clients.Wait()
		phase := phaseAfterKill(t, dir, ec)
		hit[phase]++
		t.Logf("run %d: aimed at %q, the kill hit %q", run, target, phase)
	}

	// A last run with no kill: everything acknowledged must end final.
	srv := startServe(t, env, "--interval", "200ms")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var h struct {
			Pending map[string]any `json:"pendingTransaction"`
		}
		getJSON(t, srv.base+"/healthz", &h)
		if done := allFinal(t, srv.base, token); done && h.Pending == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not everything final after 2 minutes:\n%s", srv.output())
		}
		time.Sleep(500 * time.Millisecond)
	}
	_ = srv.cmd.Process.Signal(syscall.SIGTERM)
	if err := srv.wait(30 * time.Second); err != nil {
		t.Fatalf("serve on SIGTERM: %v", err)
	}

	t.Logf("%d runs, %d credentials acknowledged; phases hit: %v", runs, len(acked), hit)
	checkSoak(t, dir, ec, cfg, acked)
	for _, p := range []string{phaseIntake, phaseInFlight, phaseMined} {
		if hit[p] == 0 {
			t.Errorf("no kill hit the phase %q (hits: %v)", p, hit)
		}
	}
}

type issuerJSON struct{ RPC, Registry, Address string }

func readIssuerJSON(t *testing.T, dir string) issuerJSON {
	t.Helper()
	var cfg issuerJSON
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "issuer.json")), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// postBulk submits credentials and reports whether the server acknowledged
// them (202); a server killed mid-request acknowledges nothing.
func postBulk(base, token, body string, out any) bool {
	req, _ := http.NewRequest("POST", base+"/api/v1/credentials/bulk", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusAccepted && json.NewDecoder(resp.Body).Decode(out) == nil
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	_ = json.NewDecoder(resp.Body).Decode(out)
}

// aimKill waits (at most 15 s) for the moment a kill would hit target.
func aimKill(t *testing.T, base string, ec *ethclient.Client, target string, rng *rand.Rand) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	switch target {
	case phaseIntake: // the caller has just been acknowledged
		return
	case "random":
		time.Sleep(time.Duration(rng.IntN(6000)) * time.Millisecond)
		return
	}
	for time.Now().Before(deadline) {
		var h struct {
			Pending *struct{ Tx string } `json:"pendingTransaction"`
		}
		getJSON(t, base+"/healthz", &h)
		if h.Pending != nil {
			if target == phaseInFlight {
				return
			}
			// Mined: kill as soon as the receipt exists, before the next step.
			for time.Now().Before(deadline) {
				if r, err := ec.TransactionReceipt(context.Background(), common.HexToHash(h.Pending.Tx)); err == nil && r != nil {
					return
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitIdle waits (at most 30 s) until no anchoring transaction is in flight
// and no credential waits.
func waitIdle(t *testing.T, base string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		h := map[string]any{}
		getJSON(t, base+"/healthz", &h)
		if _, inFlight := h["pendingTransaction"]; !inFlight && h["lagSeconds"] == float64(0) && h["status"] != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// openIssuerDB opens the issuer's database of a stopped server.
func openIssuerDB(t *testing.T, dir string) *boltstore.DB {
	t.Helper()
	db, err := boltstore.Open(filepath.Join(dir, "issuer.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// phaseAfterKill reads from the database (and the chain) what a kill hit.
func phaseAfterKill(t *testing.T, dir string, ec *ethclient.Client) string {
	t.Helper()
	ctx := context.Background()
	db := openIssuerDB(t, dir)
	defer db.Close()
	p, err := db.PendingAnchor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p != nil {
		for _, h := range p.Hashes {
			if r, err := ec.TransactionReceipt(ctx, h); err == nil && r != nil {
				return phaseMined
			}
		}
		return phaseInFlight
	}
	counts, _, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[issuer.Pending]+counts[issuer.Batched]+counts[issuer.Sealed]+counts[issuer.Submitted] > 0 {
		return phaseIntake
	}
	return phaseSettled
}

// allFinal asks the API whether every batch is final and nothing is pending.
func allFinal(t *testing.T, base, token string) bool {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	m := b.String()
	for _, st := range []issuer.State{issuer.Pending, issuer.Batched, issuer.Sealed, issuer.Submitted, issuer.Confirmed} {
		if !strings.Contains(m, `credseal_credentials{state="`+string(st)+`"} 0`+"\n") {
			return false
		}
	}
	return true
}

// checkSoak holds the soak's promises against the database and the chain.
func checkSoak(t *testing.T, dir string, ec *ethclient.Client, cfg issuerJSON, acked map[string]bool) {
	t.Helper()
	ctx := context.Background()
	db := openIssuerDB(t, dir)
	defer db.Close()
	for id := range acked {
		r, err := db.Credential(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged credential %s: %v", id, err)
		}
		if r.State != issuer.Final {
			t.Fatalf("acknowledged credential %s is %s", id, r.State)
		}
	}
	batches, err := db.Batches(ctx, 0, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	c, err := chain.New(ctx, ec, common.HexToAddress(cfg.Registry), nil, chain.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	key := common.HexToAddress(cfg.Address)
	events, err := c.AnchorsOf(ctx, key, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(batches) {
		t.Fatalf("%d batches in the database, %d Anchored events", len(batches), len(events))
	}
	txs := map[[32]byte]bool{}
	for i, b := range batches {
		if b.State != issuer.Final || events[i].Seal != b.Seal() || events[i].Tx != b.Tx || events[i].Block != b.Block {
			t.Fatalf("batch %d (%s, seal %x, tx %x) against event %d: %+v", b.Seq, b.State, b.Seal(), b.Tx, i, events[i])
		}
		txs[b.Tx] = true
	}
	// Every transaction the key sent is one of these anchors, and each
	// succeeded: a reverted one would count in the nonce too.
	nonce, err := ec.NonceAt(ctx, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	if nonce != uint64(len(txs)) {
		t.Fatalf("the key sent %d transactions, %d of them anchored batches: the rest reverted", nonce, len(txs))
	}
}
