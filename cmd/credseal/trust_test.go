package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/contracts/registry"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
)

// Lies an RPC provider may tell: it hides a credential's revocation (the
// status call's credentialRevokedReason, its sixth word, reads 0), or says
// the issuer is not registered (the issuer record's first word).
var (
	hideRevocation = chaintest.Lie{
		Selector: [4]byte(registry.NewCredentialRegistry().PackStatus([32]byte{}, [32]byte{})),
		Alter:    zeroWord(5),
	}
	unregisterIssuer = chaintest.Lie{
		Selector: [4]byte(registry.NewCredentialRegistry().PackIssuerRecord([20]byte{})),
		Alter:    zeroWord(0),
	}
)

func zeroWord(i int) func([]byte) []byte {
	return func(out []byte) []byte {
		out = append([]byte(nil), out...)
		if len(out) >= (i+1)*32 {
			clear(out[i*32 : (i+1)*32])
		}
		return out
	}
}

// writeTrust writes a trust file of one chain with the given endpoints,
// quorum and registry.
func writeTrust(t *testing.T, id uint64, registryAddr string, quorum int, timeout string, rpc ...string) string {
	t.Helper()
	file := map[string]any{"chains": []map[string]any{{
		"name": "Dev chain", "chainId": id, "rpc": rpc, "quorum": quorum, "callTimeout": timeout,
		"registries": []map[string]any{{"name": "Credseal dev registry", "address": registryAddr}},
	}}}
	b, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "trust.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestVerifyTrustFileQuorum verifies through a trust file whose chain is
// served by several endpoints, some lying or slow, in front of one dev
// chain: a liar outvoted changes nothing; a liar that ties makes the chain
// checks "not checked", naming each endpoint and what it said, never
// "verified"; a registry missing from the file is refused, saying so; a
// slow endpoint is not waited for when others agree, and is named when it
// is needed. The issuer's batch is anchored through a quorum of two.
func TestVerifyTrustFileQuorum(t *testing.T) {
	chainDir := startDevchain(t)
	env := []string{"CREDSEAL_DEVCHAIN=" + chainDir, "CREDSEAL_ISSUER=" + filepath.Join(t.TempDir(), "no-issuer")}
	info := readJSON(t, filepath.Join(chainDir, "credseal-devchain.json"))
	rpc, reg, id := info["rpc"], info["registry"], uint64(devchain.ChainID)
	honest1, honest2 := chaintest.NewProxy(t, rpc), chaintest.NewProxy(t, rpc)
	hider, unregister, slow := chaintest.NewProxy(t, rpc), chaintest.NewProxy(t, rpc), chaintest.NewProxy(t, rpc)

	// The issuer anchors through two endpoints that must agree.
	out := filepath.Join(t.TempDir(), "cohort")
	mustCLI(t, env, "batch", "--input", "../../testdata/cohort.csv", "--out", out, "--anchor", "--difficulty", "12",
		"--rpc", honest1.URL+","+honest2.URL, "--quorum", "2", "--registry", reg, "--confirmations", "1",
		"--keystore", info["keystore"], "--passphrase-file", info["passphraseFile"])
	revoked, good := glob(t, out, "0003-*.credseal.json"), glob(t, out, "0004-*.credseal.json")
	mustCLI(t, env, "revoke", revoked, "--reason", "1")
	hider.Tell(hideRevocation)
	unregister.Tell(unregisterIssuer)

	// Two honest endpoints outvote the liar.
	outvoted := writeTrust(t, id, reg, 2, "5s", honest1.URL, hider.URL, honest2.URL)
	if res, code := cli(t, env, "verify", "--trust", outvoted, revoked); code != 1 || !strings.Contains(res, "✗ Not revoked") {
		t.Fatalf("two honest endpoints and a liar, revoked credential: exit %d\n%s", code, res)
	}
	if res, code := cli(t, env, "verify", "--trust", outvoted, good); code != 0 || !strings.Contains(res, `the trusted registry "Credseal dev registry"`) {
		t.Fatalf("two honest endpoints and a liar, good credential: exit %d\n%s", code, res)
	}

	// verify --json shows what the seal and the anchor cost.
	js := mustCLI(t, env, "verify", "--json", "--trust", outvoted, good)
	var res struct{ Technical map[string]string }
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	if tech := res.Technical; tech["sealExpectedHashes"] != "4096" || tech["sealEnergyJoulesEstimate"] == "" || tech["anchorGasUsed"] == "" || tech["anchorGasUsed"] == "0" {
		t.Fatalf("verify --json lacks the seal's work and energy or the anchor's gas: %v", tech)
	}

	// One honest endpoint and one liar, both needed: not checked, with the
	// disagreement in the detail; never verified.
	for _, liar := range []*chaintest.Proxy{hider, unregister} {
		tied := writeTrust(t, id, reg, 2, "5s", honest1.URL, liar.URL)
		bundle := good
		if liar == hider {
			bundle = revoked
		}
		res, code := cli(t, env, "verify", "--trust", tied, bundle)
		if code != 3 || !strings.Contains(res, "! INCOMPLETE") || !strings.Contains(res, "gave different answers") ||
			!strings.Contains(res, honest1.URL+" said") || !strings.Contains(res, liar.URL+" said") {
			t.Fatalf("a tie between an honest endpoint and a liar: exit %d, want 3 (incomplete) naming both\n%s", code, res)
		}
		js, _ := cli(t, env, "verify", "--json", "--trust", tied, bundle)
		if !strings.Contains(js, `"not-checked"`) || !strings.Contains(js, liar.URL) {
			t.Fatalf("--json of a tie does not carry the disagreement:\n%s", js)
		}
	}

	// The liar alone would have been believed: the test's lies are real.
	alone := writeTrust(t, id, reg, 1, "5s", hider.URL)
	if res, code := cli(t, env, "verify", "--trust", alone, revoked); code != 0 {
		t.Fatalf("the hiding endpoint alone should fool a quorum of one (else this test proves nothing): exit %d\n%s", code, res)
	}

	// A registry the file does not list.
	other := writeTrust(t, id, "0x00000000000000000000000000000000000000aa", 1, "5s", honest1.URL)
	if res, code := cli(t, env, "verify", "--trust", other, good); code != 1 || !strings.Contains(res, "registry this verifier does not trust") {
		t.Fatalf("a registry missing from the trust file: exit %d\n%s", code, res)
	}

	// A slow endpoint.
	slow.SetDelay(4 * time.Second)
	withSlow := writeTrust(t, id, reg, 2, "1s", honest1.URL, slow.URL, honest2.URL)
	if res, code := cli(t, env, "verify", "--trust", withSlow, good); code != 0 {
		t.Fatalf("two agreeing endpoints and a slow one: exit %d\n%s", code, res)
	}
	needsSlow := writeTrust(t, id, reg, 2, "1s", honest1.URL, slow.URL)
	if res, code := cli(t, env, "verify", "--trust", needsSlow, good); code == 0 || !strings.Contains(res, slow.URL) {
		t.Fatalf("a quorum that needs the slow endpoint: exit %d, want not verified, naming it\n%s", code, res)
	}
}
