package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
)

// TestIssuerServeDrainsOnSIGTERM sends SIGTERM to `credseal issuer serve`
// while a bulk submission is still uploading and the pipeline runs. The
// server stops accepting connections at once, answers the upload in full,
// stops the pipeline, closes the database and exits 0; afterwards every
// credential it acknowledged is in the database, which opens cleanly.
func TestIssuerServeDrainsOnSIGTERM(t *testing.T) {
	dir, env := initIssuer(t, startDevchain(t), "--batch-size", "50", "--batch-age", "1s", "--difficulty", "12")
	token := strings.TrimSpace(mustCLI(t, env, "issuer", "token", "create", "office"))

	const timeout = 20 * time.Second
	srv := startServe(t, env, "--shutdown-timeout", timeout.String())
	base, output := srv.base, srv.output

	// Work for the pipeline: two batches' worth, batched within a second.
	var first struct {
		Credentials []struct{ ID string } `json:"credentials"`
	}
	call(t, "POST", base+"/api/v1/credentials/bulk", token, bulkBody(0, 100), 202, &first)

	// A bulk upload that is still sending its body when SIGTERM arrives.
	const n = 400
	body := bulkBody(100, n)
	pieceLen := len(body) / 10
	bodyR, bodyW := io.Pipe()
	started, refusedChecked := make(chan struct{}), make(chan struct{})
	go func() {
		for i := 0; i < len(body); i += pieceLen {
			if _, err := bodyW.Write([]byte(body[i:min(i+pieceLen, len(body))])); err != nil {
				bodyW.CloseWithError(err)
				return
			}
			if i == 2*pieceLen {
				close(started)
				<-refusedChecked
			}
			time.Sleep(100 * time.Millisecond)
		}
		bodyW.Close()
	}()
	type answer struct {
		status int
		body   []byte
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/api/v1/credentials/bulk", bodyR)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- answer{resp.StatusCode, b, err}
	}()
	<-started
	time.Sleep(200 * time.Millisecond) // the server is reading the body
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()

	// New connections are refused while the upload is still in flight.
	addr := strings.TrimPrefix(base, "http://")
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Since(signalled) > 5*time.Second {
			t.Fatalf("still accepting connections 5 s after SIGTERM:\n%s", output())
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(refusedChecked)

	var a answer
	select {
	case a = <-answered:
	case <-time.After(timeout):
		t.Fatalf("the upload in flight was not answered:\n%s", output())
	}
	if a.err != nil || a.status != http.StatusAccepted {
		t.Fatalf("the upload in flight: %d %v %s\n%s", a.status, a.err, a.body, output())
	}
	var second struct {
		Credentials []struct{ ID string } `json:"credentials"`
	}
	if err := json.Unmarshal(a.body, &second); err != nil || len(second.Credentials) != n {
		t.Fatalf("the upload in flight acknowledged %d credentials (%v)", len(second.Credentials), err)
	}

	if err := srv.wait(timeout + 5*time.Second); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, output())
	}
	t.Logf("stopped %s after SIGTERM", time.Since(signalled).Round(time.Millisecond))
	logs := output()
	t.Logf("serve's log from the signal on:\n%s", logs[max(strings.Index(logs, "shutting down")-200, 0):])
	shutting, uploaded, stopped := strings.Index(logs, "shutting down"), strings.LastIndex(logs, "status=202"), strings.Index(logs, "msg=stopped")
	if shutting < 0 || stopped < 0 || uploaded < shutting || stopped < uploaded {
		t.Fatalf("want the upload answered after \"shutting down\" and before \"stopped\":\n%s", logs)
	}

	// The database is closed, whole, and holds everything acknowledged.
	status := mustCLI(t, env, "issuer", "status")
	states := map[string]bool{}
	for _, st := range issuer.States {
		states[string(st)] = true
	}
	total := 0
	for _, line := range strings.Split(status, "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && states[f[0]] {
			c, _ := strconv.Atoi(f[1])
			total += c
		}
	}
	if total != 100+n {
		t.Fatalf("issuer status counts %d credentials, want %d:\n%s", total, 100+n, status)
	}
	db, err := boltstore.Open(filepath.Join(dir, "issuer.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(first.Credentials, second.Credentials...) {
		if _, err := db.Credential(context.Background(), c.ID); err != nil {
			t.Fatalf("acknowledged credential %s: %v", c.ID, err)
		}
	}
	db.Close()

	// An upload that outlasts --shutdown-timeout is cut off; the server
	// still stops cleanly, soon after the timeout.
	srv = startServe(t, env, "--shutdown-timeout", "1s")
	hung, hungW := io.Pipe()
	defer hungW.Close()
	cut := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest("POST", srv.base+"/api/v1/credentials/bulk", hung)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("answered %s", resp.Status)
		}
		cut <- err
	}()
	if _, err := hungW.Write([]byte(`{"credentials":[`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled = time.Now()
	if err := srv.wait(15 * time.Second); err != nil {
		t.Fatalf("serve with an upload that never ends: %v\n%s", err, srv.output())
	}
	if d := time.Since(signalled); d > 8*time.Second {
		t.Fatalf("stopped %s after SIGTERM with --shutdown-timeout 1s", d)
	}
	hungW.Close() // the client sends until its body ends
	select {
	case err := <-cut:
		if err == nil || !strings.Contains(srv.output(), "closing their connections") || !strings.Contains(srv.output(), "msg=stopped") {
			t.Fatalf("the upload that never ends: %v\n%s", err, srv.output())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the client of the cut-off upload hangs")
	}
	mustCLI(t, env, "issuer", "status")
}

// bulkBody is a bulk submission of n distinct credentials, numbered from first.
func bulkBody(first, n int) string {
	var b strings.Builder
	b.WriteString(`{"credentials":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"Learner %d","identifier":"s%06d","achievement":"Orbital Mechanics","validFrom":"2026-10-01"}`, first+i, first+i)
	}
	b.WriteString("]}")
	return b.String()
}

// serveProcess is a running `credseal issuer serve`.
type serveProcess struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:PORT
	exited  chan struct{}
	waitErr error
	mu      sync.Mutex
	log     bytes.Buffer
}

// startServe starts `credseal issuer serve` on a free port and waits until
// it serves; it is killed when the test ends, if it still runs.
func startServe(t *testing.T, env []string, args ...string) *serveProcess {
	t.Helper()
	p := &serveProcess{exited: make(chan struct{})}
	p.cmd = exec.Command(credseal, append([]string{"issuer", "serve", "--listen", "127.0.0.1:0", "--interval", "100ms"}, args...)...)
	p.cmd.Env = append(os.Environ(), env...)
	pr, pw := io.Pipe()
	p.cmd.Stdout, p.cmd.Stderr = pw, pw
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.waitErr = p.cmd.Wait(); pw.Close(); close(p.exited) }()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
	})
	serving := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			p.mu.Lock()
			p.log.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				serving <- m[1]
			}
		}
	}()
	select {
	case p.base = <-serving:
	case <-p.exited:
		t.Fatalf("serve exited: %v\n%s", p.waitErr, p.output())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve not ready:\n%s", p.output())
	}
	return p
}

// output is what the server printed so far.
func (p *serveProcess) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// wait waits up to d for the server to exit and returns how it exited.
func (p *serveProcess) wait(d time.Duration) error {
	select {
	case <-p.exited:
		return p.waitErr
	case <-time.After(d):
		return fmt.Errorf("still running after %s", d)
	}
}
