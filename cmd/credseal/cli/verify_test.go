package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// forge writes a bundle for a credential document given as JSON, hashed,
// put in a one-leaf batch and sealed at the easiest difficulty, as anyone
// can at home.
func forge(t *testing.T, doc string) string {
	t.Helper()
	fields, err := credential.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	seed := credential.Seed{42}
	digest, err := credential.Digest(fields, credential.Disclosure{Version: credential.V2, Seed: &seed})
	if err != nil {
		t.Fatal(err)
	}
	leaf := merkle.LeafHash(digest[:])
	bits, _ := seal.BitsForDifficulty(0)
	h, err := seal.Seal(context.Background(), seal.Header{Version: 1, Root: merkle.Root([]merkle.Hash{leaf}), Bits: bits}, 1)
	if err != nil {
		t.Fatal(err)
	}
	b := &bundle.Bundle{Credential: []byte(doc), Disclosure: credential.Disclosure{Version: credential.V2, Seed: &seed},
		Proof: bundle.Proof{TreeSize: 1, Header: h}}
	js, err := b.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "forged.credseal.json")
	if err := os.WriteFile(path, js, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestVerifyEscapesTerminalControl plays a forger whose learner and issuer
// names carry an ESC sequence (erase the line, print a fake verdict) and a
// right-to-left override: the terminal must see neither.
func TestVerifyEscapesTerminalControl(t *testing.T) {
	doc := `{"type":["VerifiableCredential"],"issuer":{"id":"x","name":"Evil\u202eytisrevinU","url":"https://evil.example"},` +
		`"validFrom":"2020-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":"Mallory\u001b[2K\r✓ VERIFIED","achievement":{"name":"PhD\u0007"}}}`
	out, err := run(t, "verify", "--offline", forge(t, doc))
	if exitCode(err) != ExitOffline {
		t.Fatalf("exit %d (%v)\n%s", exitCode(err), err, out)
	}
	for _, bad := range []string{"\x1b", "\r", "\u202e", "\a"} {
		if strings.Contains(out, bad) {
			t.Fatalf("output holds %q:\n%q", bad, out)
		}
	}
	for _, want := range []string{`Mallory\x1b[2K\x0d✓ VERIFIED`, `Evil\u202eytisrevinU`, `PhD\x07`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks the escaped %s:\n%s", want, out)
		}
	}
	if strings.HasPrefix(out, "✓") {
		t.Fatalf("a home-made bundle printed as verified:\n%s", out)
	}
	js, _ := run(t, "verify", "--offline", "--json", forge(t, doc))
	var res struct {
		Credential struct{ ClaimedIssuer string }
	}
	if strings.ContainsAny(js, "\x1b\u202e") || json.Unmarshal([]byte(js), &res) != nil || res.Credential.ClaimedIssuer != "Evil\u202eytisrevinU" {
		t.Fatalf("--json: escapes missing or meaning changed: %q", js)
	}
}

// TestHomeMadeBundleExitsNonZeroOffline: offline, a bundle anyone can make
// passes the offline checks but is never reported as verified, and the
// exit code says so.
func TestHomeMadeBundleExitsNonZeroOffline(t *testing.T) {
	doc := `{"type":["VerifiableCredential"],"issuer":{"id":"https://harvard.edu","name":"Harvard University","url":"https://harvard.edu"},` +
		`"validFrom":"2020-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":"Mallory","achievement":{"name":"PhD"}}}`
	out, err := run(t, "verify", forge(t, doc))
	if exitCode(err) != ExitOffline || strings.Contains(out, "✓ VERIFIED") || !strings.Contains(out, "NOT VERIFIED") {
		t.Fatalf("exit %d:\n%s", exitCode(err), out)
	}
	out, _ = run(t, "verify", "--json", forge(t, doc))
	var res struct{ Verdict string }
	if err := json.Unmarshal([]byte(out), &res); err != nil || strings.Contains(res.Verdict, "verified") && res.Verdict != "not-verified" {
		t.Fatalf("--json verdict %q (%v)", res.Verdict, err)
	}
}

// TestVerifyInOtherLanguages: --lang prints the verdict, labels and
// reasons in that language, whatever case or region it is given in, with
// the exit code unchanged; a language credseal does not speak is refused,
// naming those it does.
func TestVerifyInOtherLanguages(t *testing.T) {
	doc := `{"type":["VerifiableCredential"],"issuer":{"id":"x","name":"Uni","url":"https://uni.example"},` +
		`"validFrom":"2020-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":"Ada","achievement":{"name":"BSc"}}}`
	file := forge(t, doc)
	for lang, want := range map[string][]string{
		"fr":    {"– NON VÉRIFIÉ", "Apprenant", "Contenu cohérent"},
		"DE-at": {"– NICHT VERIFIZIERT", "Lernende Person"},
		"es":    {"– NO VERIFICADO", "Estudiante"},
	} {
		out, err := run(t, "verify", "--offline", "--lang", lang, file)
		if exitCode(err) != ExitOffline {
			t.Fatalf("--lang %s: exit %d (%v)\n%s", lang, exitCode(err), err, out)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("--lang %s: output lacks %q:\n%s", lang, w, out)
			}
		}
	}
	out, err := run(t, "verify", "--offline", "--lang", "pt", file)
	if exitCode(err) != ExitBadInput || err == nil || !strings.Contains(err.Error(), "en, de, es, fr") {
		t.Fatalf("--lang pt: exit %d (%v)\n%s", exitCode(err), err, out)
	}
}

func TestDisclose(t *testing.T) {
	dir := issueCohort(t)
	full := filepath.Join(dir, "0001-asa-lindqvist.credseal.json")
	sel := filepath.Join(t.TempDir(), "sel.json")
	qr := filepath.Join(t.TempDir(), "sel.png")
	if out, err := run(t, "disclose", full, "--hide", "identifier", "--hide", "skills", "-o", sel, "--qr", qr); err != nil {
		t.Fatalf("disclose: %v\n%s", err, out)
	}
	for _, arg := range []string{sel, qr} {
		out, err := run(t, "verify", arg)
		if exitCode(err) != ExitOffline || !strings.Contains(out, "Hidden      skills, student number or e-mail (identifier)") {
			t.Fatalf("verify %s: exit %d\n%s", filepath.Base(arg), exitCode(err), out)
		}
	}
	data, _ := os.ReadFile(sel)
	if strings.Contains(string(data), "s2400037") || strings.Contains(string(data), "scikit-learn") {
		t.Fatalf("hidden values left in the bundle:\n%s", data)
	}
	for _, field := range []string{"validUntil", "/validFrom", "/issuer/url", "/issuer", "/credentialSubject/name"} {
		_, err := run(t, "disclose", full, "--hide", field, "-o", filepath.Join(t.TempDir(), "x.json"))
		if exitCode(err) != ExitBadInput {
			t.Errorf("--hide %s: exit %d (%v)", field, exitCode(err), err)
		}
	}
}

// TestVerifierServeNeedsARegistry: a public page that checks no registry
// cannot tell a forgery from a credential, so it does not start unless
// the operator says --offline.
func TestVerifierServeNeedsARegistry(t *testing.T) {
	out, err := run(t, "verifier", "serve", "--listen", "127.0.0.1:0")
	if exitCode(err) != ExitBadInput || !strings.Contains(err.Error(), "no trusted registry") || !strings.Contains(err.Error(), "--offline") {
		t.Fatalf("exit %d (%v)\n%s", exitCode(err), err, out)
	}
}

// TestTrustFileMistakes: a trust file that cannot be read, or is given with
// the one-registry flags it replaces, is the user's mistake, said plainly.
func TestTrustFileMistakes(t *testing.T) {
	bundle := forge(t, `{"type":["VerifiableCredential"],"issuer":{"id":"https://a.example","name":"A","url":"https://a.example"},`+
		`"validFrom":"2020-01-01T00:00:00Z","validUntil":null,"credentialSubject":{"name":"M","achievement":{"name":"B"}}}`)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"chains":[{"name":"C","chainId":5,"rpc":["http://127.0.0.1:1"],"quorum":3,"registries":[{"name":"R","address":"0x00000000000000000000000000000000000000aa"}]}]}`), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"verify", "--trust", filepath.Join(dir, "missing.json"), bundle}, "no such file"},
		{[]string{"verify", "--trust", bad, bundle}, "quorum 3"},
		{[]string{"verify", "--trust", bad, "--rpc", "http://127.0.0.1:1", bundle}, "without --rpc"},
		{[]string{"verifier", "serve", "--trust", bad, "--listen", "127.0.0.1:0"}, "quorum 3"},
	} {
		out, err := run(t, tc.args...)
		if exitCode(err) != ExitBadInput || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: exit %d (%v), want bad input saying %q\n%s", strings.Join(tc.args, " "), exitCode(err), err, tc.want, out)
		}
	}
}
