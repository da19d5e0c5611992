package issuer

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/merkle"
)

// TestResumeRoundTrip: the anchoring state reads back into the same batch,
// bundle for bundle; once anchored, the final output replaces it whole.
func TestResumeRoundTrip(t *testing.T) {
	b := sampleBatch(t, 7)
	to := AnchorTarget{ChainID: 1337, Registry: [20]byte{1, 2, 3}, Issuer: [20]byte{4, 5, 6}}
	opts := ExportOptions{VerifierURL: "https://verify.example.edu/"}
	dir := filepath.Join(t.TempDir(), "cohort")
	if _, err := ExportFinal(dir, b, opts); err == nil {
		t.Fatal("ExportFinal of an unanchored batch")
	}
	m, err := ExportAnchoring(dir, b, to, opts)
	if err != nil {
		t.Fatal(err)
	}
	if m.State != StateAnchoring || m.Anchor != nil {
		t.Fatalf("manifest %+v", m)
	}
	if _, err := ExportAnchoring(dir, b, to, opts); !errors.Is(err, ErrOutputExists) {
		t.Fatalf("second ExportAnchoring: %v", err)
	}
	r, err := ReadResume(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Target != to || r.Options.VerifierURL != opts.VerifierURL || r.Batch.Header != b.Header {
		t.Fatalf("read back %+v %+v %+v", r.Target, r.Options, r.Batch.Header)
	}
	for i := range b.Credentials {
		want, _ := b.Bundle(i)
		got, err := r.Batch.Bundle(i)
		if err != nil {
			t.Fatal(err)
		}
		wj, _ := want.MarshalJSON()
		gj, _ := got.MarshalJSON()
		if !bytes.Equal(wj, gj) {
			t.Fatalf("bundle %d differs after reading back:\n%s\n%s", i, gj, wj)
		}
	}

	r.Batch.Anchor = &bundle.Anchor{ChainID: 1337, Registry: to.Registry, Issuer: to.Issuer, Block: 9}
	final, err := ExportFinal(dir, r.Batch, r.Options)
	if err != nil {
		t.Fatal(err)
	}
	if final.State != "" || final.Anchor == nil || final.Anchor.Block != 9 {
		t.Fatalf("final manifest %+v", final)
	}
	if _, err := os.Stat(filepath.Join(dir, ResumeFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("resume file after ExportFinal: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*")); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
	if _, err := ReadResume(dir); !errors.Is(err, ErrComplete) {
		t.Fatalf("ReadResume of a final output: %v", err)
	}
	if _, err := ReadResume(t.TempDir()); !errors.Is(err, ErrNothingToResume) {
		t.Fatalf("ReadResume of an empty directory: %v", err)
	}
}

// TestResumeRejectsTampering: a resume file whose documents, seeds or
// header were changed does not read back, and says what differs.
func TestResumeRejectsTampering(t *testing.T) {
	b, dir := anchoringOutput(t, 3)
	path := filepath.Join(dir, ResumeFile)
	orig, _ := os.ReadFile(path)
	seed := hex.EncodeToString(b.Credentials[1].Seed[:])
	flipped := []byte(seed)
	flipped[0] ^= 1 // '0'..'9' and 'a'..'f' stay hex
	if flipped[0] > 'f' || (flipped[0] > '9' && flipped[0] < 'a') {
		flipped[0] = '0'
	}
	cases := map[string][]byte{
		"a name":      bytes.Replace(orig, []byte(b.Credentials[0].Document.Subject.Name), []byte("Someone Else"), 1),
		"a seed":      bytes.Replace(orig, []byte(seed), flipped, 1),
		"not JSON":    orig[:len(orig)/2],
		"a short hex": bytes.Replace(orig, []byte(`"seed":"`), []byte(`"seed":"00`), 1),
	}
	for name, data := range cases {
		if bytes.Equal(data, orig) {
			t.Fatalf("%s: the tampering changed nothing", name)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadResume(dir); err == nil {
			t.Errorf("%s changed: read back", name)
		}
	}
	// Dropping a credential leaves a tree that is not the sealed one.
	os.WriteFile(path, orig, 0o600)
	r, err := ReadResume(dir)
	if err != nil {
		t.Fatal(err)
	}
	rf, _ := newResumeFile(r.Batch, r.Target, r.Options)
	rf.Credentials = rf.Credentials[:2]
	os.Remove(path)
	if err := writeResume(path, rf); err != nil {
		t.Fatal(err)
	}
	var mismatch *merkle.RootMismatchError
	if _, err := ReadResume(dir); !errors.As(err, &mismatch) || mismatch.Expected != b.Header.Root {
		t.Fatalf("a credential dropped: %v", err)
	}
}

// TestResumeAfterCrashMidReplacement: a crash between moving the saved
// state aside and renaming the new output into place leaves no output;
// ReadResume puts the state back. Something else in the output's place is
// not removed, and neither is the state.
func TestResumeAfterCrashMidReplacement(t *testing.T) {
	b, dir := anchoringOutput(t, 2)
	if err := os.Rename(dir, asideDir(dir)); err != nil {
		t.Fatal(err)
	}
	if r, err := ReadResume(dir); err != nil || r.Batch.Header != b.Header {
		t.Fatalf("after a crash mid-replacement: %v", err)
	}
	if _, err := os.Stat(asideDir(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the state is still aside: %v", err)
	}

	if err := os.Rename(dir, asideDir(dir)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "unrelated"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadResume(dir); err == nil {
		t.Fatal("ReadResume with something else in the output's place")
	}
	if _, err := os.Stat(filepath.Join(asideDir(dir), ResumeFile)); err != nil {
		t.Fatalf("the saved state was touched: %v", err)
	}
}

// anchoringOutput builds a batch of the first n sample learners and writes
// it in the anchoring state, as `batch --anchor` does before it sends.
func anchoringOutput(t testing.TB, n int) (*Batch, string) {
	t.Helper()
	b := sampleBatch(t, n)
	dir := filepath.Join(t.TempDir(), "cohort")
	if _, err := ExportAnchoring(dir, b, AnchorTarget{ChainID: 1}, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	return b, dir
}

// FuzzParseResume: a resume file of any bytes is read back or refused with
// an error, never a panic, and what reads back is a batch whose credentials
// make its sealed root.
func FuzzParseResume(f *testing.F) {
	_, dir := anchoringOutput(f, 2)
	if good, err := os.ReadFile(filepath.Join(dir, ResumeFile)); err == nil {
		f.Add(good)
	}
	f.Add([]byte(`{"format":"credseal-resume/1","state":"anchoring","credentials":[]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := parseResume(data)
		if err != nil {
			return
		}
		if r.Batch.Tree.Root() != r.Batch.Header.Root || !r.Batch.Header.Sealed() {
			t.Fatalf("read back a batch that does not make its seal")
		}
	})
}
