package cli

import (
	"path/filepath"
	"testing"

	"github.com/credseal/credseal/issuer"
)

// TestBenchCohort: the synthetic cohort is valid input of issue, in both
// formats, with no two records alike, and the same for the same seed.
func TestBenchCohort(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"cohort.csv", "cohort.jsonl"} {
		path := filepath.Join(dir, name)
		if out, err := run(t, "bench", "cohort", "--count", "300", "--out", path); err != nil {
			t.Fatalf("bench cohort %s: %v\n%s", name, err, out)
		}
		docs, err := issuer.ReadFile(path, issuer.Institution{})
		if err != nil || len(docs) != 300 {
			t.Fatalf("%s: %d documents, %v", name, len(docs), err)
		}
		seen := map[string]bool{}
		for _, d := range docs {
			if seen[d.Subject.Identifier] {
				t.Fatalf("%s: identifier %s twice", name, d.Subject.Identifier)
			}
			seen[d.Subject.Identifier] = true
		}
	}
	a, _ := run(t, "bench", "cohort", "--count", "50", "--out", "-", "--seed", "7")
	b, _ := run(t, "bench", "cohort", "--count", "50", "--out", "-", "--seed", "7")
	if a != b || len(a) < 50*100 {
		t.Fatalf("seed 7 wrote two different files, or short ones (%d, %d bytes)", len(a), len(b))
	}
	for _, args := range [][]string{{"--count", "0", "--out", "-"}, {"--count", "10"}} {
		if _, err := run(t, append([]string{"bench", "cohort"}, args...)...); exitCode(err) != ExitBadInput {
			t.Errorf("bench cohort %v: exit %d, want %d", args, exitCode(err), ExitBadInput)
		}
	}
}
