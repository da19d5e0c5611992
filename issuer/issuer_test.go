package issuer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

func readCohort(t testing.TB) []*credential.Document {
	t.Helper()
	docs, err := ReadCSVFile("../testdata/cohort.csv", Institution{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestReadCohort(t *testing.T) {
	docs := readCohort(t)
	if len(docs) < 50 {
		t.Fatalf("cohort has %d learners, want at least 50", len(docs))
	}
	ids := map[string]bool{}
	var expiring, nonASCII int
	for _, d := range docs {
		if ids[d.ID] {
			t.Fatalf("duplicate id %s", d.ID)
		}
		ids[d.ID] = true
		if d.ValidUntil != "" {
			expiring++
		}
		if strings.ContainsFunc(d.Subject.Name, func(r rune) bool { return r > 127 }) {
			nonASCII++
		}
	}
	if expiring == 0 || nonASCII < 10 {
		t.Errorf("cohort: %d with validUntil, %d non-ASCII names", expiring, nonASCII)
	}
}

func TestReadCSVReportsEveryBadRowByLine(t *testing.T) {
	in := `name,achievement,validFrom,credits,validUntil
Ada Lovelace,Analytical Engines,2026-01-15,5,
,Missing Name,2026-01-15,,
Grace Hopper,Compilers,15/01/2026,,
"Quoted, Name",Logic,2026-01-15,lots,
Alan Turing,Computability,2026-01-15,,2025-01-01
Edsger Dijkstra,Structured Programming,2026-01-15,3,2030-01-01
`
	_, err := ReadCSV(strings.NewReader(in), Institution{Name: "Example University", URL: "https://example.edu"})
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInput) {
		t.Fatalf("err = %v, want *InputError", err)
	}
	var lines []int
	for _, r := range ie.Rows {
		lines = append(lines, r.Line)
	}
	if fmt.Sprint(lines) != "[3 4 5 6]" {
		t.Fatalf("bad lines %v, want [3 4 5 6]; %v", lines, err)
	}
	for _, want := range []string{"credentialSubject.name is required", `validFrom "15/01/2026"`, `credits "lots"`, "validUntil must be after validFrom"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestReadCSVHeaderProblems(t *testing.T) {
	cases := map[string]string{
		"empty file":      "",
		"unknown column":  "name,achievement,validFrom,nmae\n",
		"missing column":  "name,validFrom\nAda,2026-01-01\n",
		"repeated column": "name,name,achievement,validFrom\n",
		"no rows":         "name,achievement,validFrom\n",
		"no issuer":       "name,achievement,validFrom\nAda,Engines,2026-01-01\n",
		"ragged row":      "name,achievement,validFrom\nAda,Engines\n",
	}
	for name, in := range cases {
		if _, err := ReadCSV(strings.NewReader(in), Institution{}); !errors.Is(err, ErrInput) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestBuildBatchProofsHold(t *testing.T) {
	docs := readCohort(t)
	bits, _ := seal.BitsForDifficulty(12)
	prev := [32]byte{1, 2, 3}
	b, err := BuildBatch(context.Background(), docs, BatchOptions{Bits: bits, Prev: prev})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Header.Sealed() || b.Header.Prev != prev || b.Header.Root != b.Tree.Root() || b.Header.Version != HeaderVersion {
		t.Fatalf("header %+v", b.Header)
	}
	seeds := map[credential.Seed]bool{}
	for i := range b.Credentials {
		bun, err := b.Bundle(i)
		if err != nil {
			t.Fatal(err)
		}
		if seeds[*bun.Disclosure.Seed] {
			t.Fatal("two credentials share a seed")
		}
		seeds[*bun.Disclosure.Seed] = true
		fields, err := credential.Parse(bun.Credential)
		if err != nil {
			t.Fatal(err)
		}
		digest, err := credential.Digest(fields, bun.Disclosure)
		if err != nil || digest != b.Credentials[i].Digest {
			t.Fatalf("credential %d: digest %x %v, batch has %x", i, digest, err, b.Credentials[i].Digest)
		}
		p := bun.Proof
		if err := merkle.VerifyInclusion(merkle.LeafHash(digest[:]), p.LeafIndex, p.TreeSize, p.Path, p.Header.Root); err != nil {
			t.Fatalf("credential %d: %v", i, err)
		}
	}
	if _, err := BuildBatch(context.Background(), nil, BatchOptions{Bits: bits}); !errors.Is(err, ErrEmptyBatch) {
		t.Errorf("empty batch: %v", err)
	}
}

func TestExportIsCompleteOrAbsent(t *testing.T) {
	b := sampleBatch(t, 5)
	out := filepath.Join(t.TempDir(), "cohort")
	m, err := Export(out, b, ExportOptions{VerifierURL: "https://verify.example.edu/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Entries) != 5 {
		t.Fatalf("%d entries", len(m.Entries))
	}
	for _, e := range m.Entries {
		js, err := os.ReadFile(filepath.Join(out, e.Bundle))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.ParseJSON(js); err != nil {
			t.Fatalf("%s: %v", e.Bundle, err)
		}
		png, _ := os.ReadFile(filepath.Join(out, e.QR))
		text, err := bundle.DecodeQRImage(png)
		if err != nil || !strings.HasPrefix(text, "https://verify.example.edu/#CS1:") {
			t.Fatalf("%s: %.50q, %v", e.QR, text, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	// A second export into the same place is refused and leaves it alone.
	if _, err := Export(out, b, ExportOptions{}); !errors.Is(err, ErrOutputExists) {
		t.Fatalf("second export: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".cohort.partial-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary directories left behind: %v", leftovers)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Zoë Müller-Øberg": "zoe-muller-oberg", "Kenji Tanaka (田中健二)": "kenji-tanaka",
		"李伟": "learner", "Łukasz Wróblewski": "lukasz-wroblewski", "Björn Þórsson": "bjorn-thorsson"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkIssue measures the in-memory issuing pipeline for 100,000
// credentials: seeds, digests, the Merkle tree and every audit path
// (sealing excluded, it is benchmarked in pkg/seal).
func BenchmarkIssue(b *testing.B) {
	cohort := readCohort(b)
	docs := make([]*credential.Document, 100_000)
	for i := range docs {
		d := *cohort[i%len(cohort)]
		d.ID = fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", i)
		docs[i] = &d
	}
	for b.Loop() {
		hashed, err := digestAll(context.Background(), docs, 0, 0, nil)
		if err != nil {
			b.Fatal(err)
		}
		tree := merkle.Build(merkle.LeafHashes(hashed.digests))
		for i := range docs {
			if _, err := tree.Proof(uint64(i)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "credentials/s")
}

// TestBuildBatchNamesFirstInvalid: validation runs on every core, yet the
// error names the first invalid document in input order, as a loop would.
func TestBuildBatchNamesFirstInvalid(t *testing.T) {
	cohort := readCohort(t)
	docs := make([]*credential.Document, 3*digestChunk)
	for i := range docs {
		d := *cohort[i%len(cohort)]
		docs[i] = &d
	}
	docs[2*digestChunk+1].Subject.Name = ""
	docs[digestChunk+7].Issuer.URL = "ftp://example.edu"
	bits, _ := seal.BitsForDifficulty(8)
	_, err := BuildBatch(context.Background(), docs, BatchOptions{Bits: bits})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("credential %d ", digestChunk+7)) {
		t.Fatalf("err = %v, want credential %d named", err, digestChunk+7)
	}
}
