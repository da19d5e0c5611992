package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDifficultyGuard: an ordinary difficulty says nothing; a high one
// warns with the expected time and energy; one past the hard limit needs
// --force, and the commands refuse it before any work.
func TestDifficultyGuard(t *testing.T) {
	var w bytes.Buffer
	if err := (difficultyGuard{}).check(context.Background(), &w, 20); err != nil || w.Len() != 0 {
		t.Fatalf("difficulty 20: %v, %q", err, w.String())
	}
	if err := (difficultyGuard{}).check(context.Background(), &w, 36); err != nil ||
		!strings.Contains(w.String(), "warning: --difficulty 36") || !strings.Contains(w.String(), "hashes/s") || !strings.Contains(w.String(), " W, docs/PERFORMANCE.md") {
		t.Fatalf("difficulty 36: %v, %q", err, w.String())
	}
	err := (difficultyGuard{}).check(context.Background(), &w, 48)
	if exitCode(err) != ExitBadInput || !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), "days") {
		t.Fatalf("difficulty 48 without --force: %v", err)
	}
	if err := (difficultyGuard{force: true}).check(context.Background(), &w, 48); err != nil {
		t.Fatalf("difficulty 48 with --force: %v", err)
	}
	for _, args := range [][]string{
		{"batch", "--input", "../../../testdata/cohort.csv", "--out", t.TempDir() + "/out", "--difficulty", "44"},
		{"issuer", "init", "--dir", t.TempDir() + "/iss", "--name", "U", "--url", "https://u.example", "--difficulty", "44"},
	} {
		if _, err := run(t, args...); exitCode(err) != ExitBadInput || !strings.Contains(err.Error(), "--force") {
			t.Errorf("%s: %v", strings.Join(args, " "), err)
		}
	}
}
