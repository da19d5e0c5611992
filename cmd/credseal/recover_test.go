package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRestoreThenRecover plays an operator's restore from the command
// line: issuer.db is put back from a backup older than the chain; the
// next `issue --wait` stops and names `issuer recover` rather than guess;
// recover lists the batch whose credentials the backup lacks; issuing then
// goes on from the chain's head. A revocation made with `credseal revoke
// FILE` is recorded in issuer.db too.
func TestRestoreThenRecover(t *testing.T) {
	dir, env := initIssuer(t, startDevchain(t), "--batch-size", "100", "--difficulty", "12")
	cohort := readCohort(t)
	first, second, third := writeRows(t, cohort, 0, 20), writeRows(t, cohort, 20, 40), writeRows(t, cohort, 40, 56)

	mustCLI(t, env, "issue", "--input", first, "--wait")
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustCLI(t, env, "issuer", "backup", backup)
	mustCLI(t, env, "issue", "--input", second, "--wait")

	// Restore: the backup lacks the second batch, which the chain holds.
	if err := os.WriteFile(filepath.Join(dir, "issuer.db"), readFile(t, backup), 0o600); err != nil {
		t.Fatal(err)
	}
	out, code := cli(t, env, "issue", "--input", third, "--wait", "--timeout", "1m")
	if code == 0 || !strings.Contains(out, "behind the registry") || !strings.Contains(out, "credseal issuer recover") {
		t.Fatalf("issue on a restored backup: exit %d\n%s", code, out)
	}
	out = mustCLI(t, env, "issuer", "recover")
	if !strings.Contains(out, "1 anchored batch(es) are not in this database") || !strings.Contains(out, "cannot be recovered") {
		t.Fatalf("recover:\n%s", out)
	}
	if out := mustCLI(t, env, "issue", "--input", third, "--wait"); !strings.Contains(out, "final 36") {
		t.Fatalf("issue after recover:\n%s", out)
	}

	exp := filepath.Join(t.TempDir(), "export")
	mustCLI(t, env, "export", "--out", exp)
	bundle := glob(t, exp, "batch-000002/0003-*.credseal.json")
	if out := mustCLI(t, env, "revoke", bundle, "--reason", "4"); !strings.Contains(out, "recorded in") {
		t.Fatalf("revoke by file:\n%s", out)
	}
	// It also says what sealing cost, and the last anchor's gas.
	if out := mustCLI(t, env, "issuer", "status"); !strings.Contains(out, "revoked    1") || !strings.Contains(out, "sealing: ") ||
		!regexp.MustCompile(`last anchored batch \d+: sealed with \d+ hashes, .* J \((measured by RAPL|estimated, docs/PERFORMANCE.md)\); transaction 0x[0-9a-f]{64}, \d+ gas`).MatchString(out) {
		t.Fatalf("status after revoking by file:\n%s", out)
	}
	// The export manifest carries each batch's seal cost.
	var manifest struct {
		SealCost struct {
			Hashes uint64  `json:"hashes"`
			Joules float64 `json:"joules"`
		} `json:"sealCost"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(exp, "batch-000002", "manifest.json")), &manifest); err != nil ||
		manifest.SealCost.Hashes == 0 || manifest.SealCost.Joules <= 0 {
		t.Fatalf("export manifest's sealCost: %+v (%v)", manifest.SealCost, err)
	}
}

// readCohort returns the sample cohort's header and rows.
func readCohort(t *testing.T) []string {
	t.Helper()
	b := readFile(t, "../../testdata/cohort.csv")
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// writeRows writes the header and rows lo..hi-1 of the cohort to a file.
func writeRows(t *testing.T, lines []string, lo, hi int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rows.csv")
	body := lines[0] + "\n" + strings.Join(lines[1+lo:1+hi], "\n") + "\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
