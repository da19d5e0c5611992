package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// run executes the root command with args and returns stdout and the error.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := NewRootCommand()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

func exitCode(err error) int {
	var e *ExitError
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return ExitFailure
	}
	return ExitOK
}

func issueCohort(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "cohort")
	out, err := run(t, "batch", "--input", "../../../testdata/cohort.csv", "--out", dir, "--difficulty", "10")
	if err != nil {
		t.Fatalf("batch: %v\n%s", err, out)
	}
	if !strings.Contains(out, "sealed a batch of 56 credentials") {
		t.Fatalf("batch output:\n%s", out)
	}
	return dir
}

func TestBatchThenVerifyEveryForm(t *testing.T) {
	dir := issueCohort(t)
	js := filepath.Join(dir, "0000-zoe-muller-oberg.credseal.json")
	png := filepath.Join(dir, "0000-zoe-muller-oberg.qr.png")
	for _, arg := range []string{js, png} {
		out, err := run(t, "verify", arg)
		if exitCode(err) != ExitOffline {
			t.Fatalf("verify %s offline: exit %d (%v), want %d\n%s", arg, exitCode(err), err, ExitOffline, out)
		}
		for _, want := range []string{"NOT VERIFIED: no registry was checked", "Zoë Müller-Øberg", "✓ Matches what was issued", "✓ Batch seal", "– Recorded on chain"} {
			if !strings.Contains(out, want) {
				t.Errorf("verify %s output lacks %q:\n%s", filepath.Base(arg), want, out)
			}
		}
	}
	// The CS1 string itself, in a file, as an argument and as a verifier link.
	out, err := run(t, "verify", "--json", js)
	if exitCode(err) != ExitOffline {
		t.Fatal(err)
	}
	var res struct{ Verdict string }
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Verdict != "offline-only" {
		t.Fatalf("--json: %v %q", err, out)
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if !bytes.Contains(manifest, []byte(`"qrVersion"`)) {
		t.Fatalf("manifest: %s", manifest)
	}
}

func TestVerifyTamperedNameFails(t *testing.T) {
	dir := issueCohort(t)
	js := filepath.Join(dir, "0000-zoe-muller-oberg.credseal.json")
	data, _ := os.ReadFile(js)
	tampered := filepath.Join(t.TempDir(), "tampered.json")
	os.WriteFile(tampered, bytes.Replace(data, []byte("Zoë Müller"), []byte("Zoë Mueller"), 1), 0o644)
	out, err := run(t, "verify", tampered)
	if exitCode(err) != ExitFailure {
		t.Fatalf("exit %d, want %d\n%s", exitCode(err), ExitFailure, out)
	}
	if !strings.Contains(out, "NOT VERIFIED") || !strings.Contains(out, "✗ Matches what was issued") {
		t.Fatalf("output does not name the failing check:\n%s", out)
	}
}

func TestVerifyBadInputs(t *testing.T) {
	junk := filepath.Join(t.TempDir(), "junk.txt")
	os.WriteFile(junk, []byte("hello"), 0o644)
	notQR := filepath.Join(t.TempDir(), "blank.png")
	os.WriteFile(notQR, []byte("\x89PNG\r\n\x1a\nnot really"), 0o644)
	cases := map[string]struct {
		args []string
		code int
	}{
		"missing file": {[]string{"verify", "/no/such/file.json"}, ExitBadInput},
		"not a bundle": {[]string{"verify", junk}, ExitFailure},
		"broken image": {[]string{"verify", notQR}, ExitBadInput},
		"bad CS1":      {[]string{"verify", "CS1:!!!"}, ExitFailure},
		"no argument":  {[]string{"verify"}, ExitFailure},
	}
	for name, c := range cases {
		if _, err := run(t, c.args...); exitCode(err) != c.code {
			t.Errorf("%s: exit %d (%v), want %d", name, exitCode(err), err, c.code)
		}
	}
}

func TestBatchRejectsBadCSVAndWritesNothing(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(csv, []byte("name,achievement,validFrom\nAda,Engines,2026-01-01\n,Nameless,2026-01-01\nBob,Logic,yesterday\n"), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	_, err := run(t, "batch", "--input", csv, "--out", out, "--issuer-name", "Example University")
	if exitCode(err) != ExitBadInput {
		t.Fatalf("exit %d: %v", exitCode(err), err)
	}
	for _, want := range []string{"line 3", "line 4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Fatalf("output directory was created")
	}
	if _, err := run(t, "batch", "--input", csv, "--out", out, "--difficulty", "999"); exitCode(err) != ExitBadInput {
		t.Errorf("bad difficulty: exit %d", exitCode(err))
	}
}

func TestEveryCommandHasHelpAndExamples(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			if sub.Short == "" || sub.Example == "" || (sub.HasSubCommands() || sub.Parent() == c.Root()) && sub.Long == "" {
				t.Errorf("%s: Short and Example are required, and Long on top-level commands and groups", sub.CommandPath())
			}
			walk(sub)
		}
	}
	walk(NewRootCommand())
}
