package main_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
)

// These tests check credseal against other people's code, through the npm
// harness in testdata/interop (see its README.md): the Digital Credentials
// Consortium's Verifiable Credential libraries verify what credseal signs,
// credseal verifies what those libraries sign, and credseal verifies
// OpenAttestation documents issued on a DocumentStore by OpenAttestation's
// own packages. They need the packages installed (make bin/interop/.installed)
// and CREDSEAL_INTEROP naming that directory; make test sets it.

// TestOpenBadgesVerifyInDCC: an issuer's Open Badges 3.0 exports, its DID
// document and its status list, as `issuer serve` publishes them, verify
// with DCC's libraries — genuine ones verified, the one revoked through the
// server revoked, every tampered copy not verified — and with credseal
// verify trusting the issuer's did:web DID.
func TestOpenBadgesVerifyInDCC(t *testing.T) {
	interopDir(t)
	port := freePort(t)
	base := "http://127.0.0.1:" + port
	trust := "did:web:registrar.example.edu=" + base + "/.well-known/did.json"
	_, env := initIssuer(t, startDevchain(t), "--portal-url", base, "--difficulty", "12")
	mustCLI(t, env, "issue", "--input", "../../testdata/cohort.csv", "--wait")
	token := strings.TrimSpace(mustCLI(t, env, "issuer", "token", "create", "interop", "--scope", "admin"))

	// Export first: it needs the issuer's database, which the server holds
	// while it runs, and the API has no list of credential IDs. An export
	// does not depend on revocations: the status list carries them.
	exp := filepath.Join(t.TempDir(), "export")
	mustCLI(t, env, "export", "--out", exp)
	badges := exportedBadges(t, exp, base)
	if len(badges) != 56 {
		t.Fatalf("%d Open Badges exported, want 56 (one per learner of testdata/cohort.csv)", len(badges))
	}

	startProcessEnv(t, servingLine, env, credseal, "issuer", "serve", "--listen", "127.0.0.1:"+port, "--interval", "200ms")
	before := get(t, base+"/status/1", 200)
	if age := maxAge(t, base+"/status/1"); age <= 0 || age > 60 {
		t.Errorf("GET /status/1: Cache-Control max-age %d, want at most a minute", age)
	}
	if set := setBits(t, before, 56); len(set) != 0 {
		t.Fatalf("status list before any revocation has bits %v set", set)
	}
	revoked := badges[5]
	call(t, "POST", base+"/api/v1/credentials/"+revoked.id+"/revoke", token, `{"reason":1}`, 200, nil)
	statusList := get(t, base+"/status/1", 200) // within the cache's minute: must be rebuilt at once
	if set := setBits(t, statusList, 56); !reflect.DeepEqual(set, []int{revoked.index}) {
		t.Fatalf("status list right after revoking %s (index %d) through the server has bits %v set", revoked.file, revoked.index, set)
	}

	didDoc := get(t, base+"/.well-known/did.json", 200)
	if !jsonEqual(t, didDoc, readFile(t, filepath.Join(exp, "did.json"))) {
		t.Errorf("the export's did.json differs from the served one:\nexport: %s\nserved: %s", readFile(t, filepath.Join(exp, "did.json")), didDoc)
	}

	// The portal's download, for one learner; none for the revoked one.
	learner := badges[2]
	claimed := get(t, learner.claimURL+"/openbadge.json", 200)
	if !jsonEqual(t, withoutProof(t, claimed), withoutProof(t, readFile(t, learner.path))) {
		t.Errorf("the portal's openbadge.json differs from the export %s beyond its proof:\nportal: %s\nexport: %s",
			learner.file, claimed, readFile(t, learner.path))
	}
	get(t, revoked.claimURL+"/openbadge.json", http.StatusGone)

	// DCC's verifier: every export, a tampered copy of each, the download.
	dcc := t.TempDir()
	writeFile(t, filepath.Join(dcc, "dids", "did.json"), didDoc)
	writeFile(t, filepath.Join(dcc, "status", "1.json"), statusList)
	want := map[string]dccLine{} // file → what DCC must say
	for i, b := range badges {
		writeFile(t, filepath.Join(dcc, "credentials", b.file), readFile(t, b.path))
		want[b.file] = dccLine{Verified: b != revoked, Revoked: ptr(b == revoked)}
		tamper := badgeTampers[i%len(badgeTampers)]
		name := fmt.Sprintf("tampered-%s-%s", tamper.name, b.file)
		writeFile(t, filepath.Join(dcc, "credentials", name), tampered(t, b.path, tamper.apply))
		// Revoked is not determined once the signature fails.
		want[name] = dccLine{Verified: false, Error: "Invalid signature."}
	}
	writeFile(t, filepath.Join(dcc, "credentials", "claimed-openbadge.json"), claimed)
	want["claimed-openbadge.json"] = dccLine{Verified: true, Revoked: ptr(false)}
	checkDCC(t, dcc, want)

	// credseal verify, trusting the issuer's did:web DID at the server.
	genuine := badges[0].path
	out := mustCLI(t, env, "verify", genuine, "--trust-issuer", trust)
	for _, s := range []string{"✓ VERIFIED", "Verifiable Credential", "✓ Issuer's signature", "✓ Not revoked", "✓ Issuer accredited", "✓ Recorded on chain"} {
		if !strings.Contains(out, s) {
			t.Errorf("verify %s lacks %q:\n%s", filepath.Base(genuine), s, out)
		}
	}
	if !regexp.MustCompile(`(?m)^\s*Kind\s+Verifiable Credential`).MatchString(out) {
		t.Errorf("verify %s: no Kind line naming a Verifiable Credential:\n%s", filepath.Base(genuine), out)
	}
	wantVerified(t, env, genuine, "verifiable-credential", "--trust-issuer", trust)
	claimedFile := filepath.Join(t.TempDir(), "claimed.ob3.json")
	writeFile(t, claimedFile, claimed)
	wantVerified(t, env, claimedFile, "verifiable-credential", "--trust-issuer", trust)

	out, code := cli(t, env, "verify", revoked.path, "--trust-issuer", trust)
	if code != 1 || !strings.Contains(out, "✗ NOT VERIFIED") || !strings.Contains(out, "✗ Not revoked") {
		t.Errorf("verify the revoked %s: exit %d, want 1, ✗ NOT VERIFIED and ✗ Not revoked:\n%s", revoked.file, code, out)
	}
	wantFailed(t, env, revoked.path, "revocation", "--trust-issuer", trust)

	tamperedFile := filepath.Join(t.TempDir(), "tampered.ob3.json")
	writeFile(t, tamperedFile, tampered(t, genuine, badgeTampers[1].apply))
	if out, code := cli(t, env, "verify", tamperedFile, "--trust-issuer", trust); code != 1 || !strings.Contains(out, "✗ Issuer's signature") {
		t.Errorf("verify a tampered copy (%s): exit %d, want 1 with ✗ Issuer's signature:\n%s", badgeTampers[1].name, code, out)
	}
	wantFailed(t, env, tamperedFile, "signature", "--trust-issuer", trust)

	wantFailed(t, env, genuine, "issuer") // no --trust-issuer
}

// withoutProof is a credential's JSON without its proof.
func withoutProof(t *testing.T, credential []byte) []byte {
	t.Helper()
	var c map[string]any
	mustUnmarshal(t, "credential", credential, &c)
	delete(c, "proof")
	js, _ := json.Marshal(c)
	return js
}

// badge is one exported Open Badges 3.0 credential.
type badge struct {
	path, file string // file: unique across batches
	id         string // the credential's ID, for the API
	claimURL   string
	index      int // its place in status list 1
}

// exportedBadges reads every manifest under exp and checks each Open Badge
// it lists points at base/status/1, each at its own index.
func exportedBadges(t *testing.T, exp, base string) []*badge {
	t.Helper()
	manifests, _ := filepath.Glob(filepath.Join(exp, "batch-*", "manifest.json"))
	if len(manifests) == 0 {
		t.Fatalf("no batch-*/manifest.json in the export %s", exp)
	}
	var out []*badge
	seen := map[int]string{}
	for _, m := range manifests {
		var man struct {
			Credentials []struct {
				ID, ClaimURL, OpenBadge string
			} `json:"credentials"`
		}
		mustUnmarshal(t, m, readFile(t, m), &man)
		for _, e := range man.Credentials {
			if e.OpenBadge == "" || e.ClaimURL == "" {
				t.Fatalf("%s: entry %s has no openBadge or claimUrl", m, e.ID)
			}
			path := filepath.Join(filepath.Dir(m), e.OpenBadge)
			var c struct {
				ID     string `json:"id"`
				Status struct {
					ID, Type, StatusPurpose, StatusListIndex, StatusListCredential string
				} `json:"credentialStatus"`
			}
			mustUnmarshal(t, path, readFile(t, path), &c)
			st := c.Status
			index, err := strconv.Atoi(st.StatusListIndex)
			if err != nil || st.Type != "BitstringStatusListEntry" || st.StatusPurpose != "revocation" ||
				st.StatusListCredential != base+"/status/1" || st.ID != st.StatusListCredential+"#"+st.StatusListIndex {
				t.Fatalf("%s: credentialStatus %+v, want a revocation BitstringStatusListEntry in %s/status/1", path, st, base)
			}
			if other, dup := seen[index]; dup {
				t.Fatalf("%s and %s share status list index %d", other, path, index)
			}
			seen[index] = path
			out = append(out, &badge{path: path, file: filepath.Base(filepath.Dir(m)) + "-" + e.OpenBadge, id: e.ID,
				claimURL: e.ClaimURL, index: index})
		}
	}
	// The indexes are the credentials' sequence numbers less one: 0 to n-1.
	for i := range out {
		if _, ok := seen[i]; !ok {
			t.Fatalf("no exported credential has status list index %d (indexes %v)", i, keys(seen))
		}
	}
	return out
}

// badgeTampers change one signed value of an exported Open Badge each.
var badgeTampers = []struct {
	name  string
	apply func(c map[string]any) bool
}{
	{"name", func(c map[string]any) bool { return setString(c, "name", " with Distinction") }},
	{"achievement-name", func(c map[string]any) bool {
		return setString(obj(obj(c, "credentialSubject"), "achievement"), "name", " (Honours)")
	}},
	{"validFrom", func(c map[string]any) bool { c["validFrom"] = "2019-01-01T00:00:00Z"; return true }},
	{"issuer-name", func(c map[string]any) bool { return setString(obj(c, "issuer"), "name", " Online") }},
	{"creditsEarned", func(c map[string]any) bool {
		s := obj(c, "credentialSubject")
		n, ok := s["creditsEarned"].(float64)
		s["creditsEarned"] = n + 10
		return ok
	}},
	{"identifier", func(c map[string]any) bool {
		ids, _ := obj(c, "credentialSubject")["identifier"].([]any)
		return len(ids) > 0 && setString(ids[0].(map[string]any), "identityHash", " Jr.")
	}},
	{"evidence", func(c map[string]any) bool {
		ev, _ := c["evidence"].([]any)
		if len(ev) == 0 {
			return false
		}
		e := ev[0].(map[string]any)
		n, _ := e["narrative"].(string)
		if len(n) < 20 {
			return false
		}
		e["narrative"] = n[:len(n)-1] + map[bool]string{true: "A", false: "B"}[n[len(n)-1] != 'A']
		return true
	}},
	{"statusListIndex", func(c map[string]any) bool {
		st := obj(c, "credentialStatus")
		i, err := strconv.Atoi(fmt.Sprint(st["statusListIndex"]))
		st["statusListIndex"] = strconv.Itoa(i + 1000)
		return err == nil
	}},
}

// tampered returns the credential in path with apply's change, which must apply.
func tampered(t *testing.T, path string, apply func(map[string]any) bool) []byte {
	t.Helper()
	var c map[string]any
	mustUnmarshal(t, path, readFile(t, path), &c)
	if !apply(c) {
		t.Fatalf("%s: the tampering does not apply (the member is missing)", path)
	}
	js, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// dccLine is a line of verify-vc.js's output.
type dccLine struct {
	File     string `json:"file"`
	Verified bool   `json:"verified"`
	Revoked  *bool  `json:"revoked"`
	Error    string `json:"error"`
}

// checkDCC runs verify-vc.js on dir and compares each line with want
// (Revoked nil: not compared; Error: a part of the error, if not empty).
func checkDCC(t *testing.T, dir string, want map[string]dccLine) {
	t.Helper()
	out := runNode(t, "verify-vc.js", dir)
	got := map[string]dccLine{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l dccLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("verify-vc.js printed %q: %v", line, err)
		}
		got[l.File] = l
	}
	bad := 0
	for _, name := range keys(want) {
		w, g := want[name], got[name]
		switch {
		case g.File == "":
			t.Errorf("DCC: no line for %s", name)
		case g.Verified != w.Verified || w.Revoked != nil && (g.Revoked == nil || *g.Revoked != *w.Revoked) ||
			!strings.Contains(g.Error, w.Error):
			t.Errorf("DCC: %s: verified %v revoked %s error %q; want verified %v revoked %s error with %q",
				name, g.Verified, fmtBool(g.Revoked), g.Error, w.Verified, fmtBool(w.Revoked), w.Error)
		default:
			continue
		}
		if bad++; bad == 10 {
			t.Fatalf("DCC: giving up after %d mismatches", bad)
		}
	}
	if len(got) != len(want) {
		t.Errorf("DCC printed %d lines for %d credentials", len(got), len(want))
	}
}

// TestForeignVerifiableCredentials: credentials that DCC's libraries sign
// (eddsa-rdfc-2022 and Ed25519Signature2020, did:key and did:web, with a
// Bitstring Status List) verify with credseal, and every tampering is
// caught by the right check.
func TestForeignVerifiableCredentials(t *testing.T) {
	interopDir(t)
	vectors := t.TempDir()
	// The did:web issuer's DID document and its status list, served where
	// the credentials say (the status list) and the trust flag says (the DID document).
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := map[string]string{"/did.json": "didweb-did.json", "/status/1": "status-list.json"}[r.URL.Path]
		if file == "" {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join(vectors, file))
	}))
	t.Cleanup(srv.Close)
	runNode(t, "sign-vc.js", vectors, srv.URL)

	var ids struct{ EddsaDidKey, Ed25519Signature2020DidKey, DidWeb, StatusListCredential string }
	mustUnmarshal(t, "keys.json", readFile(t, filepath.Join(vectors, "keys.json")), &ids)
	if ids.DidWeb != "did:web:vc.example.test" || ids.StatusListCredential != srv.URL+"/status/1" {
		t.Fatalf("sign-vc.js keys.json: %+v", ids)
	}
	env := []string{"CREDSEAL_DEVCHAIN=" + filepath.Join(t.TempDir(), "none"), "CREDSEAL_ISSUER=" + filepath.Join(t.TempDir(), "none")}
	trust := []string{"--trust-issuer", ids.EddsaDidKey, "--trust-issuer", ids.Ed25519Signature2020DidKey,
		"--trust-issuer", ids.DidWeb + "=" + srv.URL + "/did.json"}
	vector := func(name string) string { return filepath.Join(vectors, name+".json") }

	for _, name := range []string{"eddsa-didkey", "ed25519-2020-didkey", "eddsa-didweb", "status-active"} {
		wantVerified(t, env, vector(name), "verifiable-credential", trust...)
	}
	wantFailed(t, env, vector("expired"), "validity", trust...)
	wantFailed(t, env, vector("status-revoked"), "revocation", trust...)
	wantFailed(t, env, vector("eddsa-didkey"), "issuer") // an untrusted did:key

	// Each did:key vector, tampered four ways: the signature check fails,
	// or, for a member the contexts do not define (which JSON-LD would
	// leave out of what is signed), the credential is refused as unreadable.
	otherIssuer := map[string]string{"eddsa-didkey": ids.Ed25519Signature2020DidKey, "ed25519-2020-didkey": ids.EddsaDidKey}
	for _, name := range []string{"eddsa-didkey", "ed25519-2020-didkey"} {
		tampers := []struct {
			what  string
			apply func(map[string]any) bool
		}{
			{"a value changed", func(c map[string]any) bool {
				return setString(obj(obj(c, "credentialSubject"), "achievement"), "name", " (Honours)")
			}},
			{"proofValue changed", func(c map[string]any) bool { return flipChar(obj(c, "proof"), "proofValue", base58) }},
			// The other trusted issuer: the issuer check passes, the key does not belong to it.
			{"issuer id changed", func(c map[string]any) bool { obj(c, "issuer")["id"] = otherIssuer[name]; return true }},
			{"an undefined member added", func(c map[string]any) bool { c["favouriteColour"] = "blue"; return true }},
		}
		failing := map[string]string{"an undefined member added": "format"}
		for i, tm := range tampers {
			file := filepath.Join(t.TempDir(), fmt.Sprintf("%s-tampered-%d.json", name, i))
			writeFile(t, file, tampered(t, vector(name), tm.apply))
			t.Run(name+"/"+tm.what, func(t *testing.T) {
				if failing[tm.what] == "format" {
					r, code := verifyJSON(t, env, file, trust...)
					if c := r.check("format"); code != 1 || r.Verdict != "not-verified" || c == nil || c.Status != "fail" {
						t.Errorf("verify %s: exit %d, verdict %q, failed %v; want the format check failed:\n%s", filepath.Base(file), code, r.Verdict, r.failed(), r.output)
					}
					return
				}
				wantFailed(t, env, file, "signature", trust...)
			})
		}
	}
}

// TestOpenAttestationOnDevchain: OpenAttestation v2 documents, wrapped and
// issued on a DocumentStore by OpenAttestation's own packages on the dev
// chain, verify with credseal trusting that store; revoked, unissued and
// tampered documents fail the right check.
func TestOpenAttestationOnDevchain(t *testing.T) {
	interopDir(t)
	chainDir := startDevchain(t)
	var info struct{ RPC, Registry, Keystore, PassphraseFile string }
	mustUnmarshal(t, "credseal-devchain.json", readFile(t, filepath.Join(chainDir, "credseal-devchain.json")), &info)
	docs := t.TempDir()
	runNode(t, "oa-issue.js", info.RPC, developerKey(t, chainDir, info.Keystore, info.PassphraseFile), docs)
	var store struct {
		Address string `json:"address"`
		ChainID uint64 `json:"chainId"`
	}
	mustUnmarshal(t, "store.json", readFile(t, filepath.Join(docs, "store.json")), &store)

	// The chain comes from the flags only.
	env := []string{"CREDSEAL_DEVCHAIN=" + filepath.Join(t.TempDir(), "none"), "CREDSEAL_ISSUER=" + filepath.Join(t.TempDir(), "none")}
	chain := []string{"--rpc", info.RPC, "--registry", info.Registry}
	trust := append([]string{"--trust-document-store", store.Address}, chain...)
	doc := func(name string) string { return filepath.Join(docs, name+".json") }

	for _, name := range []string{"oa-issued-1", "oa-issued-2"} {
		res := wantVerified(t, env, doc(name), "openattestation", trust...)
		if c := res.check("identity"); c == nil || c.Status != "not-checked" || !c.Advisory {
			t.Errorf("verify %s: identity check %+v, want not-checked and advisory", name, c)
		}
	}
	out := mustCLI(t, env, append([]string{"verify", doc("oa-issued-1")}, trust...)...)
	if !strings.Contains(out, "✓ VERIFIED") || !regexp.MustCompile(`(?m)^\s*Kind\s+OpenAttestation`).MatchString(out) {
		t.Errorf("verify oa-issued-1: want ✓ VERIFIED and a Kind line naming OpenAttestation:\n%s", out)
	}
	wantFailed(t, env, doc("oa-revoked"), "revocation", trust...)
	wantFailed(t, env, doc("oa-unissued"), "anchored", trust...)
	wantFailed(t, env, doc("oa-expired"), "validity", trust...)
	wantFailed(t, env, doc("oa-issued-1"), "issuer", chain...) // no --trust-document-store

	tampers := []struct {
		what, check string
		apply       func(map[string]any) bool
	}{
		{"a data value changed", "integrity", func(d map[string]any) bool {
			r := obj(obj(d, "data"), "recipient")
			name, _ := r["name"].(string)
			salt, _, ok := strings.Cut(name, ":string:")
			r["name"] = salt + ":string:Mallory"
			return ok
		}},
		{"targetHash changed", "integrity", func(d map[string]any) bool { return flipChar(obj(d, "signature"), "targetHash", hexDigits) }},
		{"merkleRoot changed", "inclusion", func(d map[string]any) bool { return flipChar(obj(d, "signature"), "merkleRoot", hexDigits) }},
		{"a proof element changed", "inclusion", func(d map[string]any) bool {
			proof, _ := obj(d, "signature")["proof"].([]any)
			if len(proof) == 0 {
				return false
			}
			m := map[string]any{"p": proof[0]}
			ok := flipChar(m, "p", hexDigits)
			proof[0] = m["p"]
			return ok
		}},
	}
	for i, tm := range tampers {
		file := filepath.Join(t.TempDir(), fmt.Sprintf("oa-tampered-%d.json", i))
		writeFile(t, file, tampered(t, doc("oa-issued-1"), tm.apply))
		t.Run(tm.what, func(t *testing.T) {
			wantFailed(t, env, file, tm.check, trust...)
		})
	}
}

// developerKey returns the dev chain's funded developer key, hex-encoded,
// decrypted from its keystore (relative paths are in chainDir). It is a
// dev-chain key: it goes to oa-issue.js as an argument, and is never logged.
func developerKey(t *testing.T, chainDir, keyFile, passFile string) string {
	t.Helper()
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(chainDir, p)
	}
	pass, _, _ := strings.Cut(string(readFile(t, abs(passFile))), "\n")
	k, err := keystore.DecryptKey(readFile(t, abs(keyFile)), strings.TrimRight(pass, "\r"))
	if err != nil {
		t.Fatalf("decrypt the dev chain's developer key %s: %v", keyFile, err)
	}
	return hex.EncodeToString(crypto.FromECDSA(k.PrivateKey))
}

// interopDir returns $CREDSEAL_INTEROP, where the npm packages are, or
// skips the test.
func interopDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CREDSEAL_INTEROP")
	if dir == "" {
		t.Skip("no interop harness: set CREDSEAL_INTEROP to the directory `make bin/interop/.installed` fills (bin/interop) or run `make test`")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("CREDSEAL_INTEROP is set but there is no node: %v", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// runNode runs node testdata/interop/script with args and returns its
// standard output; it fails the test, showing both outputs, if it fails.
func runNode(t *testing.T, script string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	script, err := filepath.Abs(filepath.Join("..", "..", "testdata", "interop", script))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "node", append([]string{script}, args...)...)
	cmd.Env = append(os.Environ(), "CREDSEAL_INTEROP="+interopDir(t))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(script), err, stdout.String(), stderr.String())
	}
	t.Logf("node %s: %s %s", filepath.Base(script), time.Since(start).Round(time.Millisecond), strings.TrimSpace(stderr.String()))
	return stdout.String()
}

// verifyResult is what `credseal verify --json` prints.
type verifyResult struct {
	Verdict    string         `json:"verdict"`
	Kind       string         `json:"kind"`
	Credential map[string]any `json:"credential"`
	Checks     []struct {
		ID, Title, Status, Reason, Detail string
		Advisory                          bool
	} `json:"checks"`
	output string
}

func (r *verifyResult) check(id string) *struct {
	ID, Title, Status, Reason, Detail string
	Advisory                          bool
} {
	for i := range r.Checks {
		if r.Checks[i].ID == id {
			return &r.Checks[i]
		}
	}
	return nil
}

// failed lists the IDs of the checks that failed.
func (r *verifyResult) failed() []string {
	var ids []string
	for _, c := range r.Checks {
		if c.Status == "fail" {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// verifyJSON runs credseal verify --json on file and returns its result and exit code.
func verifyJSON(t *testing.T, env []string, file string, flags ...string) (*verifyResult, int) {
	t.Helper()
	out, code := cli(t, env, append([]string{"verify", "--json", file}, flags...)...)
	start := strings.Index(out, "{") // a chain note may come first, on stderr
	var r verifyResult
	if start < 0 || json.Unmarshal([]byte(out[start:]), &r) != nil {
		t.Fatalf("credseal verify --json %s: exit %d, no JSON result:\n%s", filepath.Base(file), code, out)
	}
	r.output = out
	return &r, code
}

// wantVerified: credseal verify says file is a verified credential of kind.
func wantVerified(t *testing.T, env []string, file, kind string, flags ...string) *verifyResult {
	t.Helper()
	r, code := verifyJSON(t, env, file, flags...)
	if code != 0 || r.Verdict != "verified" || r.Kind != kind || len(r.failed()) > 0 {
		t.Errorf("verify %s: exit %d, verdict %q, kind %q, failed %v; want exit 0, verified, %s:\n%s",
			filepath.Base(file), code, r.Verdict, r.Kind, r.failed(), kind, r.output)
	}
	return r
}

// wantFailed: credseal verify reads file (the format check passes) and the
// check with this ID fails, so the verdict is not verified, exit 1.
func wantFailed(t *testing.T, env []string, file, id string, flags ...string) *verifyResult {
	t.Helper()
	r, code := verifyJSON(t, env, file, flags...)
	c := r.check(id)
	format := r.check("format")
	if code != 1 || r.Verdict != "not-verified" || c == nil || c.Status != "fail" || format == nil || format.Status != "pass" {
		t.Errorf("verify %s: exit %d, verdict %q, failed %v; want exit 1, not-verified, the %q check failed (and format passed):\n%s",
			filepath.Base(file), code, r.Verdict, r.failed(), id, r.output)
	}
	return r
}

// setBits decodes a BitstringStatusListCredential (independently of
// credseal's code: base64url multibase, gzip, bit 0 the most significant
// of the first byte) and returns which of its first n bits are set.
func setBits(t *testing.T, listCredential []byte, n int) []int {
	t.Helper()
	var c struct {
		Subject struct{ EncodedList string } `json:"credentialSubject"`
	}
	mustUnmarshal(t, "status list", listCredential, &c)
	enc, ok := strings.CutPrefix(c.Subject.EncodedList, "u")
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if !ok || err != nil {
		t.Fatalf("status list encodedList is not multibase base64url (%v):\n%s", err, listCredential)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("status list encodedList is not gzip: %v", err)
	}
	bits, err := io.ReadAll(zr)
	if err != nil || len(bits)*8 < n {
		t.Fatalf("status list of %d bytes (%v)", len(bits), err)
	}
	set := []int{}
	for i := range n {
		if bits[i/8]&(0x80>>(i%8)) != 0 {
			set = append(set, i)
		}
	}
	return set
}

// maxAge is the max-age of url's Cache-Control (-1 without one).
func maxAge(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, d := range strings.Split(resp.Header.Get("Cache-Control"), ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(d), "max-age="); ok {
			if n, err := strconv.Atoi(v); err == nil {
				return n
			}
		}
	}
	return -1
}

// get fetches url and fails unless it answers with status want.
func get(t *testing.T, url string, want int) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %s, want %d:\n%s", url, resp.Status, want, body)
	}
	return body
}

func freePort(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	port := srv.Listener.Addr().String()[strings.LastIndex(srv.Listener.Addr().String(), ":")+1:]
	srv.Close()
	return port
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustUnmarshal(t *testing.T, what string, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	mustUnmarshal(t, "JSON", a, &x)
	mustUnmarshal(t, "JSON", b, &y)
	return reflect.DeepEqual(x, y)
}

// obj is m[k] as an object; a missing one is created, so a tampering that
// expects it fails to change what verification reads.
func obj(m map[string]any, k string) map[string]any {
	if o, ok := m[k].(map[string]any); ok {
		return o
	}
	o := map[string]any{}
	if m != nil {
		m[k] = o
	}
	return o
}

// setString appends suffix to the string m[k]; false if there is none.
func setString(m map[string]any, k, suffix string) bool {
	s, ok := m[k].(string)
	m[k] = s + suffix
	return ok && s != ""
}

const (
	base58    = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	hexDigits = "0123456789abcdef"
)

// flipChar replaces the middle character of the string m[k] by the next
// one of alphabet, so the value stays well formed.
func flipChar(m map[string]any, k, alphabet string) bool {
	s, _ := m[k].(string)
	if len(s) < 2 {
		return false
	}
	i := len(s) / 2
	j := strings.IndexByte(alphabet, s[i])
	if j < 0 {
		return false
	}
	m[k] = s[:i] + string(alphabet[(j+1)%len(alphabet)]) + s[i+1:]
	return true
}

func keys[V any, K string | int](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func ptr[T any](v T) *T { return &v }

func fmtBool(b *bool) string {
	if b == nil {
		return "null"
	}
	return strconv.FormatBool(*b)
}
