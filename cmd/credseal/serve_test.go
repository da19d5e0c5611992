package main_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
)

var servingLine = regexp.MustCompile(`serving on (http://127\.0\.0\.1:\d+)`)

// TestIssuerServeProcess runs `credseal issuer serve` as its own process:
// credentials posted to the API are batched by age, sealed and anchored by
// the background pipeline; the portal serves the bundle, which verifies; an
// online backup is taken while the server holds the database.
func TestIssuerServeProcess(t *testing.T) {
	_, env := initIssuer(t, startDevchain(t), "--batch-size", "100", "--batch-age", "1s", "--difficulty", "12")
	token := strings.TrimSpace(mustCLI(t, env, "issuer", "token", "create", "e2e", "--scope", "admin"))

	m, _ := startProcessEnv(t, servingLine, env, credseal, "issuer", "serve", "--listen", "127.0.0.1:0", "--interval", "200ms")
	base := m[1]
	// Tokens are managed while the server runs, through its API.
	office := strings.TrimSpace(mustCLI(t, env, "issuer", "token", "create", "office", "--scope", "issue", "--token", token))
	if list := mustCLI(t, env, "issuer", "token", "list", "--token", token); !strings.Contains(list, "office") || !strings.Contains(list, "issue ") {
		t.Fatalf("token list while serving:\n%s", list)
	}
	call(t, "POST", base+"/api/v1/credentials", office, `{"name":"Katherine Johnson","achievement":"Orbital Mechanics","validFrom":"2026-10-01"}`, 202, nil)
	call(t, "GET", base+"/api/v1/backup", office, "", 403, nil)
	mustCLI(t, env, "issuer", "token", "revoke", "office", "--token", token)
	call(t, "POST", base+"/api/v1/credentials", office, `{"name":"Grace Hopper","achievement":"Compilers","validFrom":"2026-10-01"}`, 401, nil)
	if out, code := cli(t, env, "issuer", "token", "list"); code != 2 || !strings.Contains(out, "admin token") {
		t.Fatalf("token list while serving without a token: exit %d\n%s", code, out)
	}
	body := `{"credentials":[
	 {"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01","skills":["notes","loops"]},
	 {"name":"Grace Hopper","achievement":"Compilers","validFrom":"2026-10-01","credits":5},
	 {"name":"Alan Turing","achievement":"Computability","validFrom":"2026-10-01","validUntil":"2036-10-01"}]}`
	var sub struct {
		Credentials []struct{ ID, ClaimURL string } `json:"credentials"`
	}
	call(t, "POST", base+"/api/v1/credentials/bulk", token, body, 202, &sub)
	if len(sub.Credentials) != 3 || sub.Credentials[0].ClaimURL == "" {
		t.Fatalf("bulk answer %+v", sub)
	}
	id := sub.Credentials[0].ID
	deadline := time.Now().Add(30 * time.Second)
	for {
		var st struct{ State string }
		call(t, "GET", base+"/api/v1/credentials/"+id, token, "", 200, &st)
		if st.State == string(issuer.Final) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not final after 30 s: %s", st.State)
		}
		time.Sleep(200 * time.Millisecond)
	}

	claim := base + "/claim/" + sub.Credentials[0].ClaimURL[strings.LastIndex(sub.Credentials[0].ClaimURL, "/")+1:]
	bundle := filepath.Join(t.TempDir(), "ada.credseal.json")
	resp, err := http.Get(claim + "/bundle.json")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("bundle download: %v %v", resp, err)
	}
	js, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	os.WriteFile(bundle, js, 0o600)
	if out := mustCLI(t, env, "verify", bundle); !strings.Contains(out, "✓ VERIFIED") || !strings.Contains(out, "Ada Lovelace") {
		t.Fatalf("verify the portal's bundle:\n%s", out)
	}

	backup := filepath.Join(t.TempDir(), "backup.db")
	if out := mustCLI(t, env, "issuer", "backup", backup, "--token", token); !strings.Contains(out, "online") {
		t.Fatalf("backup: %s", out)
	}
	db, err := boltstore.Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if counts, _, err := db.Counts(context.Background()); err != nil || counts[issuer.Final] != 4 {
		t.Fatalf("backup holds %v (%v)", counts, err)
	}
	var health struct{ Status string }
	call(t, "GET", base+"/healthz", "", "", 200, &health)
	if health.Status != "ok" {
		t.Fatalf("health %q", health.Status)
	}
}

func call(t *testing.T, method, url, token, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %s", method, url, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, url, err, b)
		}
	}
}

// TestIssuerServeRidesOutChainDowntime: the chain is down when credentials
// are issued and when the server starts; once it is back, the server's
// pipeline anchors them without a restart.
func TestIssuerServeRidesOutChainDowntime(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	chainDir := filepath.Join(t.TempDir(), "chain")
	_, stopChain := startProcess(t, rpcLine, credseal, "devchain", "--datadir", chainDir, "--port", port)
	_, env := initIssuer(t, chainDir, "--batch-size", "100", "--batch-age", "1s", "--difficulty", "12")
	token := strings.TrimSpace(mustCLI(t, env, "issuer", "token", "create", "e2e"))
	if err := stopChain(); err != nil {
		t.Fatal(err)
	}

	if out := mustCLI(t, env, "issue", "--input", "../../testdata/cohort.csv"); !strings.Contains(out, "stored 56 new") {
		t.Fatalf("issue with the chain down:\n%s", out)
	}
	m, _ := startProcessEnv(t, servingLine, env, credseal, "issuer", "serve", "--listen", "127.0.0.1:0", "--interval", "200ms")
	base := m[1]
	var health struct {
		Status string
		Chain  bool
	}
	call(t, "GET", base+"/healthz", "", "", 200, &health)
	if health.Status != "degraded" || health.Chain {
		t.Fatalf("health with the chain down: %+v", health)
	}

	startProcess(t, rpcLine, credseal, "devchain", "--datadir", chainDir, "--port", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var page struct {
			Batches []struct{ State string } `json:"batches"`
		}
		call(t, "GET", base+"/api/v1/batches", token, "", 200, &page)
		if len(page.Batches) == 1 && page.Batches[0].State == string(issuer.Final) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not anchored 60 s after the chain came back: %+v", page)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
