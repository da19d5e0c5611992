package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	credbundle "github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/credential"
)

// These tests run the credseal binary as a user would, against chains in
// other processes, so nothing depends on in-process shortcuts: every step
// crosses JSON-RPC.

var credseal string // path of the binary built by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "credseal-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	credseal = filepath.Join(dir, "credseal")
	if out, err := exec.Command("go", "build", "-o", credseal, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build credseal: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs credseal and returns its combined output and exit code.
func cli(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, credseal, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("credseal %s: %v", strings.Join(args, " "), err)
	}
	return string(out), code
}

func mustCLI(t *testing.T, env []string, args ...string) string {
	t.Helper()
	out, code := cli(t, env, args...)
	if code != 0 {
		t.Fatalf("credseal %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// startProcess starts a long-running command and waits until a line of its
// output matches re, returning the submatches. It is interrupted (SIGINT)
// and waited for when the test ends, or by calling stop.
func startProcess(t *testing.T, re *regexp.Regexp, name string, args ...string) (match []string, stop func() error) {
	t.Helper()
	return startProcessEnv(t, re, []string{"CREDSEAL_DEVCHAIN=" + filepath.Join(t.TempDir(), "none")}, name, args...)
}

// startProcessEnv is startProcess with extra environment variables.
func startProcessEnv(t *testing.T, re *regexp.Regexp, env []string, name string, args ...string) (match []string, stop func() error) {
	t.Helper()
	return startProcessIn(t, t.TempDir(), re, env, name, args...)
}

// startProcessIn is startProcessEnv in the working directory dir.
func startProcessIn(t *testing.T, dir string, re *regexp.Regexp, env []string, name string, args ...string) (match []string, stop func() error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	found := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if m := re.FindStringSubmatch(sc.Text()); m != nil && !sent {
				found <- m
				sent = true
			}
		}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); pw.Close() }()
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case err := <-exited:
			return err
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			return fmt.Errorf("%s did not stop on SIGINT", name)
		}
	}
	t.Cleanup(func() { _ = stop() })
	select {
	case m := <-found:
		return m, stop
	case err := <-exited:
		t.Fatalf("%s exited before it was ready: %v\n%s", name, err, log.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("%s not ready after 60 s:\n%s", name, log.String())
	}
	return nil, nil
}

var rpcLine = regexp.MustCompile(`^\s*rpc\s+(http://127\.0\.0\.1:\d+)`)

// TestDevchainProcess drives issue → anchor → verify → revoke → verify
// against `credseal devchain` running as its own process, then restarts the
// chain and finds the anchor and the revocation still there.
func TestDevchainProcess(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "chain")
	_, stop := startProcess(t, rpcLine, credseal, "devchain", "--datadir", dataDir, "--port", "0")
	// No issuer here (not even one in $HOME): revoke uses the dev chain's key.
	env := []string{"CREDSEAL_DEVCHAIN=" + dataDir, "CREDSEAL_ISSUER=" + filepath.Join(t.TempDir(), "no-issuer")}
	out := filepath.Join(t.TempDir(), "cohort")

	mustCLI(t, env, "batch", "--input", "../../testdata/cohort.csv", "--out", out, "--anchor", "--difficulty", "12")
	bundle := glob(t, out, "0003-*.credseal.json")
	qr := glob(t, out, "0004-*.qr.png")

	res := mustCLI(t, env, "verify", bundle)
	for _, want := range []string{"✓ VERIFIED", "✓ Recorded on chain", "✓ Issuer accredited", "✓ Not revoked", "✓ Confirmations"} {
		if !strings.Contains(res, want) {
			t.Errorf("verify lacks %q:\n%s", want, res)
		}
	}
	// The learner hides the identifier: still verified, and the verifier
	// says what was hidden. Hiding the end date instead fails, naming it.
	selective := filepath.Join(t.TempDir(), "selective.json")
	mustCLI(t, env, "disclose", bundle, "--hide", "identifier", "-o", selective)
	if res, code := cli(t, env, "verify", selective); code != 0 || !strings.Contains(res, "✓ VERIFIED") ||
		!strings.Contains(res, "Hidden      student number or e-mail (identifier)") {
		t.Fatalf("verify with the identifier hidden: exit %d\n%s", code, res)
	}
	noEnd := filepath.Join(t.TempDir(), "no-end-date.json")
	writeHidden(t, bundle, noEnd, "/validUntil")
	if res, code := cli(t, env, "verify", noEnd); code != 1 || !strings.Contains(res, "✗ Fields shown") || !strings.Contains(res, "validUntil") {
		t.Fatalf("verify with the end date hidden: exit %d\n%s", code, res)
	}

	mustCLI(t, env, "revoke", bundle, "--reason", "1")
	res, code := cli(t, env, "verify", bundle)
	if code != 1 || !strings.Contains(res, "✗ Not revoked") || !strings.Contains(res, "issued in error") {
		t.Fatalf("verify of a revoked credential: exit %d\n%s", code, res)
	}
	if res := mustCLI(t, env, "verify", qr); !strings.Contains(res, "✓ VERIFIED") {
		t.Fatalf("another learner's QR stopped verifying:\n%s", res)
	}
	res, code = cli(t, env, "revoke", bundle, "--reason", "1")
	if code == 0 || !strings.Contains(res, "AlreadyRevoked") {
		t.Fatalf("second revocation: exit %d\n%s", code, res)
	}

	// The accreditation authority (the dev key is owner too) suspends the
	// issuer: its credentials fail until it is reinstated.
	info := readJSON(t, filepath.Join(dataDir, "credseal-devchain.json"))
	mustCLI(t, env, "registry", "suspend-issuer", info["developer"])
	if res, code := cli(t, env, "verify", qr); code != 1 || !strings.Contains(res, "suspended") {
		t.Fatalf("verify with the issuer suspended: exit %d\n%s", code, res)
	}
	mustCLI(t, env, "registry", "reinstate-issuer", info["developer"])
	manifest := readJSON(t, filepath.Join(out, "manifest.json"))
	if res := mustCLI(t, env, "registry", "batch", manifest["seal"]); !strings.Contains(res, "revoked  false") {
		t.Fatalf("registry batch:\n%s", res)
	}

	// Stop the chain: verification can no longer be completed, and says so.
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	res, code = cli(t, env, "verify", qr)
	if code != 3 || !strings.Contains(res, "INCOMPLETE") {
		t.Fatalf("verify with the chain down: exit %d\n%s", code, res)
	}
	// Restart: the chain, the anchor and the revocation persisted.
	startProcess(t, rpcLine, credseal, "devchain", "--datadir", dataDir, "--port", "0")
	if res := mustCLI(t, env, "verify", qr); !strings.Contains(res, "✓ VERIFIED") {
		t.Fatalf("after restart:\n%s", res)
	}
	if _, code := cli(t, env, "verify", bundle); code != 1 {
		t.Fatalf("after restart the revoked credential verifies (exit %d)", code)
	}
}

// writeHidden writes to out the bundle of file with the fields at pointers
// hidden, as a holder with the library (not the CLI, which refuses) can.
func writeHidden(t *testing.T, file, out string, pointers ...string) {
	t.Helper()
	b, err := credbundle.Parse(readFile(t, file))
	if err != nil {
		t.Fatal(err)
	}
	if b.Credential, b.Disclosure, err = credential.Hide(b.Credential, b.Disclosure, pointers...); err != nil {
		t.Fatal(err)
	}
	js, err := b.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, js, 0o600); err != nil {
		t.Fatal(err)
	}
}

// glob returns the one file in dir matching pattern.
func glob(t *testing.T, dir, pattern string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(m) != 1 {
		t.Fatalf("want one %s in %s, got %v (%v)", pattern, dir, m, err)
	}
	return m[0]
}

var gethHTTP = regexp.MustCompile(`HTTP server started\s+endpoint=(127\.0\.0\.1:\d+)`)

// TestExternalGeth runs the external-node flow on a separately started
// geth --dev node. make test builds geth at the pinned go-ethereum version
// into bin/.
func TestExternalGeth(t *testing.T) {
	geth := os.Getenv("CREDSEAL_GETH")
	if geth == "" {
		var err error
		if geth, err = exec.LookPath("geth"); err != nil {
			t.Skip("no geth binary: set CREDSEAL_GETH or run `make test`, which builds it")
		}
	}
	m, _ := startProcess(t, gethHTTP, geth, "--dev", "--datadir", filepath.Join(t.TempDir(), "geth"),
		"--http", "--http.addr", "127.0.0.1", "--http.port", "0", "--http.api", "eth,net,web3",
		"--ipcdisable", "--authrpc.port", "0", "--port", "0")
	externalNodeFlow(t, "http://"+m[1], types.DynamicFeeTxType)
}

var hardhatHTTP = regexp.MustCompile(`JSON-RPC server at (http://127\.0\.0\.1:\d+)/`)

// TestExternalHardhat runs the external-node flow on Hardhat's node: an EVM
// written by others than go-ethereum's authors (EDR, in Rust), installed
// from npm by make test into bin/hardhat and set to the Berlin fork, which
// has neither base fees nor PUSH0.
func TestExternalHardhat(t *testing.T) {
	dir := os.Getenv("CREDSEAL_HARDHAT")
	if dir == "" {
		t.Skip("no Hardhat: set CREDSEAL_HARDHAT to its project directory or run `make test`, which installs it")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	m, _ := startProcessIn(t, dir, hardhatHTTP, []string{"HARDHAT_DISABLE_TELEMETRY_PROMPT=true"},
		filepath.Join(dir, "node_modules", ".bin", "hardhat"), "node", "--hostname", "127.0.0.1", "--port", port)
	// The Berlin chain has no base fee: credseal must send legacy-fee transactions.
	externalNodeFlow(t, m[1], types.LegacyTxType)
}

// lastManifest is the manifest of the batch the last externalNodeFlow wrote.
var lastManifest string

// externalNodeFlow drives a node other than the embedded dev chain through
// its RPC URL only, with a fresh key funded by the node's own unlocked
// account: deploy the registry, accredit the issuer, issue and anchor the
// sample cohort, verify every bundle with every chain check passing,
// revoke one, and see it fail. wantTxType is the EIP-2718 type the node's
// fee market calls for (0 legacy, 2 dynamic fee).
func externalNodeFlow(t *testing.T, url string, wantTxType uint8) {
	const pass = "e2e passphrase"
	keystore, addr, err := chain.NewKeystoreFile(filepath.Join(t.TempDir(), "keys"), pass, true)
	if err != nil {
		t.Fatal(err)
	}
	fund(t, url, addr)
	env := []string{chain.PassphraseEnv + "=" + pass, "CREDSEAL_DEVCHAIN=" + filepath.Join(t.TempDir(), "none"),
		"CREDSEAL_ISSUER=" + filepath.Join(t.TempDir(), "no-issuer")}
	key := []string{"--rpc", url, "--keystore", keystore}

	out := mustCLI(t, env, append([]string{"registry", "deploy", "--min-difficulty", "12"}, key...)...)
	reg := regexp.MustCompile(`registry\s+(0x[0-9a-fA-F]{40})`).FindStringSubmatch(out)
	if reg == nil {
		t.Fatalf("deploy output:\n%s", out)
	}
	key = append(key, "--registry", reg[1])
	issuerAddr := common.Address(addr).Hex()
	mustCLI(t, env, append([]string{"registry", "register-issuer", issuerAddr, "--name", "Université de Lumière", "--domain", "example.edu"}, key...)...)
	read := []string{"--rpc", url, "--registry", reg[1]}
	// Views that return strings: on an EVM older than the compile target
	// these hit an invalid opcode.
	if out := mustCLI(t, env, append([]string{"registry", "issuer", issuerAddr}, read...)...); !strings.Contains(out, "active          true") ||
		!strings.Contains(out, "Université de Lumière") || !strings.Contains(out, "example.edu") {
		t.Fatalf("issuer record:\n%s", out)
	}

	dir := filepath.Join(t.TempDir(), "cohort")
	// A node that mines only on demand never makes a block final: one
	// confirmation is all it will give.
	mustCLI(t, env, append([]string{"batch", "-i", "../../testdata/cohort.csv", "-o", dir, "--anchor", "--difficulty", "12", "--confirmations", "1"}, key...)...)
	lastManifest = filepath.Join(dir, "manifest.json")
	bundles, _ := filepath.Glob(filepath.Join(dir, "*.credseal.json"))
	if len(bundles) != 56 {
		t.Fatalf("%d bundles", len(bundles))
	}
	for _, b := range bundles {
		out := mustCLI(t, env, append([]string{"verify", b}, read...)...)
		for _, want := range []string{"✓ VERIFIED", "✓ Recorded on chain", "✓ Confirmations", "✓ Issuer accredited", "✓ Not revoked",
			"Université de Lumière (example.edu), as the registry accredits it"} {
			if !strings.Contains(out, want) {
				t.Fatalf("verify %s lacks %q:\n%s", filepath.Base(b), want, out)
			}
		}
	}
	bundle := glob(t, dir, "0007-*.credseal.json")
	mustCLI(t, env, append([]string{"revoke", bundle, "--reason", "2"}, key...)...)
	if out, code := cli(t, env, append([]string{"verify", bundle}, read...)...); code != 1 || !strings.Contains(out, "✗ Not revoked") || !strings.Contains(out, "superseded") {
		t.Fatalf("verify after revoke: exit %d\n%s", code, out)
	}
	if out := mustCLI(t, env, append([]string{"verify", glob(t, dir, "0008-*.credseal.json")}, read...)...); !strings.Contains(out, "✓ VERIFIED") {
		t.Fatalf("a neighbour of the revoked credential:\n%s", out)
	}
	// The verifier trusts only its own registry: another address fails.
	other := []string{"--rpc", url, "--registry", "0x000000000000000000000000000000000000dEaD"}
	if out, code := cli(t, env, append([]string{"verify", glob(t, dir, "0008-*.credseal.json")}, other...)...); code == 0 {
		t.Fatalf("verify against an untrusted registry passed:\n%s", out)
	}
	if typ := anchorTxType(t, url); typ != wantTxType {
		t.Fatalf("anchoring transaction of type %d, want %d", typ, wantTxType)
	}
}

// anchorTxType is the type of the transaction that anchored lastManifest's batch.
func anchorTxType(t *testing.T, url string) uint8 {
	t.Helper()
	var m struct {
		Anchor struct{ Tx string } `json:"anchor"`
	}
	raw, err := os.ReadFile(lastManifest)
	if err != nil || json.Unmarshal(raw, &m) != nil || m.Anchor.Tx == "" {
		t.Fatalf("manifest %s: %v", lastManifest, err)
	}
	ec, err := ethclient.Dial(url)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	tx, _, err := ec.TransactionByHash(context.Background(), common.HexToHash(m.Anchor.Tx))
	if err != nil {
		t.Fatal(err)
	}
	return tx.Type()
}

// fund sends 100 ether from the node's developer account to addr.
func fund(t *testing.T, url string, addr [20]byte) {
	t.Helper()
	ctx := context.Background()
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var accounts []common.Address
	if err := c.CallContext(ctx, &accounts, "eth_accounts"); err != nil || len(accounts) == 0 {
		t.Fatalf("geth developer account: %v %v", accounts, err)
	}
	value := new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))
	var hash common.Hash
	tx := map[string]any{"from": accounts[0], "to": common.Address(addr), "value": (*hexutil.Big)(value)}
	if err := c.CallContext(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		t.Fatalf("fund issuer key: %v", err)
	}
	ec := ethclient.NewClient(c)
	for range 100 {
		if r, err := ec.TransactionReceipt(ctx, hash); err == nil && r.Status == 1 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("funding transaction not mined")
}

// readJSON reads the string members of a JSON object file.
func readJSON(t *testing.T, path string) map[string]string {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(readFile(t, path), &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// TestErrorsAreEscaped: an error that quotes a hostile input (a salt named
// with an ESC sequence) reaches the terminal escaped.
func TestErrorsAreEscaped(t *testing.T) {
	hostile := filepath.Join(t.TempDir(), "hostile.json")
	os.WriteFile(hostile, []byte("{\"format\":\"credseal-bundle/2\",\"credential\":{},\"disclosure\":{\"salts\":{\"\\u001b[2K\\r\\u202e\":\"zz\"}},"+
		"\"proof\":{\"leafIndex\":0,\"treeSize\":1,\"path\":[],\"header\":\"00\"}}"), 0o600)
	out, code := cli(t, nil, "disclose", hostile, "--hide", "identifier")
	if code != 2 || strings.ContainsAny(out, "\x1b\r\u202e") || !strings.Contains(out, `\x1b[2K`) {
		t.Fatalf("exit %d: %q", code, out)
	}
}
