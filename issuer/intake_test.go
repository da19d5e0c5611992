package issuer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/pkg/credential"
)

func TestReadJSONLines(t *testing.T) {
	in := `{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01","credits":7.5,"skills":["notes","loops"],"issuerName":"X","issuerUrl":"https://x.example"}

{"name":"Grace Hopper","achievement":"Compilers","validFrom":"2026-10-01T09:00:00Z","issuerName":"X","issuerUrl":"https://x.example"}
`
	docs, err := issuer.ReadJSONLines(strings.NewReader(in), issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Subject.Achievement.Credits != 7.5 || len(docs[0].Subject.Achievement.Skills) != 2 ||
		docs[1].ValidFrom != "2026-10-01T09:00:00Z" {
		t.Fatalf("docs %+v %+v", docs[0], docs[1])
	}
	bad := `{"name":"A","achievement":"x","validFrom":"2026-10-01","issuerName":"X","issuerUrl":"https://x.example"}
not json
{"name":5,"achievement":"x","validFrom":"2026-10-01"}
{"name":"B","achievement":"x","validFrom":"2026-10-01","gpa":"4.0"}
`
	_, err = issuer.ReadJSONLines(strings.NewReader(bad), issuer.Institution{Name: "X", URL: "https://x.example"})
	var ie *issuer.InputError
	if !errors.As(err, &ie) || len(ie.Rows) != 3 || ie.Rows[0].Line != 2 || ie.Rows[1].Line != 3 || ie.Rows[2].Line != 4 {
		t.Fatalf("got %v", err)
	}
}

func TestReadFileByExtension(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cohort.jsonl")
	os.WriteFile(path, []byte(`{"name":"Ada","achievement":"x","validFrom":"2026-10-01","issuerName":"X","issuerUrl":"https://x.example"}`+"\n"), 0o600)
	if docs, err := issuer.ReadFile(path, issuer.Institution{}); err != nil || len(docs) != 1 {
		t.Fatalf("jsonl: %v", err)
	}
	if docs, err := issuer.ReadFile("../testdata/cohort.csv", issuer.Institution{}); err != nil || len(docs) != 56 {
		t.Fatalf("csv: %v", err)
	}
}

// FuzzReadJSONLines: any input gives documents or an InputError, never a panic.
func FuzzReadJSONLines(f *testing.F) {
	f.Add([]byte(`{"name":"Ada","achievement":"x","validFrom":"2026-10-01","issuerName":"X","issuerUrl":"https://x.example","skills":["a"],"credits":1}`))
	f.Add([]byte("{}\n[]\nnull\n"))
	f.Fuzz(func(t *testing.T, in []byte) { checkIntake(t, issuer.ReadJSONLines, in) })
}

// checkIntake: a reader returns valid documents or an InputError.
func checkIntake(t *testing.T, read func(io.Reader, issuer.Institution) ([]*credential.Document, error), in []byte) {
	docs, err := read(bytes.NewReader(in), issuer.Institution{Name: "X", URL: "https://x.example"})
	if err == nil {
		for _, d := range docs {
			if d.Validate() != nil {
				t.Fatal("returned an invalid document")
			}
		}
	} else if !errors.Is(err, issuer.ErrInput) {
		t.Fatalf("error is not an input error: %v", err)
	}
}

// FuzzReadCSV: any input gives documents or an InputError, never a panic.
func FuzzReadCSV(f *testing.F) {
	cohort, _ := os.ReadFile("../testdata/cohort.csv")
	f.Add(cohort)
	f.Add([]byte("name,achievement,validFrom\n\"a,b\n"))
	f.Fuzz(func(t *testing.T, in []byte) { checkIntake(t, issuer.ReadCSV, in) })
}

// TestIntakeNormalisesToNFC: one name typed two ways ("ë" precomposed, or
// "e" and a combining diaeresis) becomes one name, so a re-import is a
// duplicate rather than a second credential.
func TestIntakeNormalisesToNFC(t *testing.T) {
	nfc, nfd := "Zo\u00eb M\u00fcller", "Zoe\u0308 Mu\u0308ller"
	csv := "name,achievement,validFrom\n" + nfc + ",Data,2026-01-01\n" + nfd + ",Data,2026-01-01\n"
	docs, err := issuer.ReadCSV(strings.NewReader(csv), issuer.Institution{Name: "X", URL: "https://x.example"})
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Subject.Name != nfc || docs[1].Subject.Name != nfc {
		t.Fatalf("names %q and %q, want both %q (NFC)", docs[0].Subject.Name, docs[1].Subject.Name, nfc)
	}
}

// TestIntakeRejectsControlAndBidiInNames: a name that could rewrite a
// terminal or reorder a page is refused with its line.
func TestIntakeRejectsControlAndBidiInNames(t *testing.T) {
	csv := "name,achievement,validFrom,issuerName\n" +
		"Ada,Engines,2026-01-01,X\n" +
		"Mallory\u202eYDRAH,Engines,2026-01-01,X\n" +
		"Eve\x1b[2K,Engines,2026-01-01,X\n" +
		"Bob,Engines\u2066,2026-01-01,X\n" +
		"Carol,Engines,2026-01-01,X\u202d\n"
	_, err := issuer.ReadCSV(strings.NewReader(csv), issuer.Institution{URL: "https://x.example"})
	var ie *issuer.InputError
	if !errors.As(err, &ie) || len(ie.Rows) != 4 {
		t.Fatalf("got %v", err)
	}
	for i, want := range []struct {
		line  int
		field string
	}{{3, "credentialSubject.name"}, {4, "credentialSubject.name"}, {5, "achievement.name"}, {6, "issuer.name"}} {
		if r := ie.Rows[i]; r.Line != want.line || !strings.Contains(r.Err.Error(), want.field) {
			t.Errorf("row %d: %v, want line %d naming %s", i, r, want.line, want.field)
		}
	}
	if !strings.Contains(ie.Rows[0].Err.Error(), "U+202E") || !strings.Contains(ie.Rows[1].Err.Error(), "U+001B") {
		t.Errorf("the errors do not name the character: %v", err)
	}
}

// FuzzScanCSV: the streaming reader never panics, passes valid documents in
// order of their lines, and ends with nil or an InputError; it passes the
// documents ReadCSV returns.
func FuzzScanCSV(f *testing.F) {
	cohort, _ := os.ReadFile("../testdata/cohort.csv")
	f.Add(cohort)
	f.Add([]byte("name,achievement,validFrom,issuerName\nAda,x,2026-01-01,X\n\"b\n"))
	f.Fuzz(func(t *testing.T, in []byte) { checkScan(t, issuer.ScanCSV, issuer.ReadCSV, in) })
}

// FuzzScanJSONLines: as FuzzScanCSV, for JSON lines.
func FuzzScanJSONLines(f *testing.F) {
	f.Add([]byte(`{"name":"Ada","achievement":"x","validFrom":"2026-10-01","issuerName":"X","issuerUrl":"https://x.example"}` + "\n\n{}\n"))
	f.Fuzz(func(t *testing.T, in []byte) { checkScan(t, issuer.ScanJSONLines, issuer.ReadJSONLines, in) })
}

func checkScan(t *testing.T, scan func(io.Reader, issuer.Institution, func(int, *credential.Document) error) error,
	read func(io.Reader, issuer.Institution) ([]*credential.Document, error), in []byte) {
	profile := issuer.Institution{Name: "X", URL: "https://x.example"}
	var lines []int
	err := scan(bytes.NewReader(in), profile, func(line int, d *credential.Document) error {
		if d.Validate() != nil {
			t.Fatal("passed an invalid document")
		}
		if len(lines) > 0 && line <= lines[len(lines)-1] {
			t.Fatalf("line %d after line %d", line, lines[len(lines)-1])
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil && !errors.Is(err, issuer.ErrInput) {
		t.Fatalf("error is not an input error: %v", err)
	}
	docs, rerr := read(bytes.NewReader(in), profile)
	if (err == nil) != (rerr == nil) || err == nil && len(docs) != len(lines) {
		t.Fatalf("scan: %d documents, %v; read: %d, %v", len(lines), err, len(docs), rerr)
	}
}

// learnersCSV writes a registrar CSV of n learners and returns its path.
// bad, if not 0, is the 1-based row whose name holds a right-to-left
// override (which only credential.Document.Validate refuses).
func learnersCSV(t *testing.T, dir string, n, bad int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("name,identifier,achievement,validFrom,credits,skills\n")
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Learner %d", i)
		if i == bad {
			name = "Mallory\u202eYDRAH"
		}
		fmt.Fprintf(&b, "%s,s%07d@example.edu,Data Engineering <Foundations> & Practice,2026-01-15,%d.5,SQL; Kafka\n", name, i, i%9)
	}
	path := filepath.Join(dir, "cohort.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func newStoreService(t *testing.T) (*issuer.Service, *boltstore.DB) {
	t.Helper()
	db, err := boltstore.Open(filepath.Join(t.TempDir(), "issuer.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return issuer.NewService(db, nil, issuer.Config{TokenKey: []byte("test")}), db
}

var testProfile = issuer.Institution{Name: "Example University", URL: "https://example.edu"}

// TestSubmitFileBadLastRecordStoresNothing: a bad record at the very end of
// a large file is reported with its line, and none of the good ones before
// it is stored; the corrected file then stores every record, in order.
func TestSubmitFileBadLastRecordStoresNothing(t *testing.T) {
	const n = 20_000
	ctx := context.Background()
	svc, db := newStoreService(t)
	dir := t.TempDir()
	path := learnersCSV(t, dir, n, n)
	checked, stored := -1, 0
	err := svc.SubmitFile(ctx, path, testProfile, false, func(k int) { checked = k },
		func(res []issuer.AddResult) { stored += len(res) })
	var ie *issuer.InputError
	if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Line != n+1 || !strings.Contains(err.Error(), "U+202E") {
		t.Fatalf("got %v, want one bad record at line %d", err, n+1)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("the error does not name the file: %v", err)
	}
	if counts, _, _ := db.Counts(ctx); counts[issuer.Pending] != 0 || checked != -1 || stored != 0 {
		t.Fatalf("stored %d (%v pending) and checked %d after a bad record", stored, counts[issuer.Pending], checked)
	}

	path = learnersCSV(t, dir, n, 0)
	var results []issuer.AddResult
	err = svc.SubmitFile(ctx, path, testProfile, false, func(k int) { checked = k },
		func(res []issuer.AddResult) { results = append(results, res...) })
	if err != nil {
		t.Fatal(err)
	}
	if counts, _, _ := db.Counts(ctx); counts[issuer.Pending] != n || checked != n || len(results) != n {
		t.Fatalf("pending %d, checked %d, %d results; want %d", counts[issuer.Pending], checked, len(results), n)
	}
	for i, r := range results {
		if r.Duplicate || r.Seq != uint64(i+1) {
			t.Fatalf("result %d: %+v", i, r)
		}
	}
	last, err := db.BySeq(ctx, n)
	if err != nil || last.Document.Subject.Name != fmt.Sprintf("Learner %d", n) {
		t.Fatalf("credential %d: %v %+v", n, err, last)
	}

	// Again: every record is a duplicate, and the first few are named.
	dups := 0
	if err := svc.SubmitFile(ctx, path, testProfile, false, nil, func(res []issuer.AddResult) {
		for _, r := range res {
			if r.Duplicate && r.Existing != "" {
				dups++
			}
		}
	}); err != nil || dups != n {
		t.Fatalf("re-import: %d duplicates, %v", dups, err)
	}
}

// TestSubmitFileRevalidatesWhatChanged: the second pass trusts only the
// records that did not change since the first; a record that turned bad in
// between is caught, and the issue stops.
func TestSubmitFileRevalidatesWhatChanged(t *testing.T) {
	ctx := context.Background()
	svc, _ := newStoreService(t)
	dir := t.TempDir()
	path := learnersCSV(t, dir, 3000, 0)
	err := svc.SubmitFile(ctx, path, testProfile, false, func(int) { learnersCSV(t, dir, 3000, 1500) }, nil)
	if !errors.Is(err, issuer.ErrInput) || !strings.Contains(err.Error(), "changed") ||
		!strings.Contains(err.Error(), "line 1501") || !strings.Contains(err.Error(), "U+202E") {
		t.Fatalf("got %v", err)
	}

	// The same rows under a new header: a description that may hold a
	// right-to-left override becomes a name, which may not.
	rows := "Ada,Engines,2026-01-01,notes \u202e reversed\n" + strings.Repeat("Grace,Compilers,2026-01-01,fine\n", 600)
	os.WriteFile(path, []byte("name,achievement,validFrom,description\n"+rows), 0o600)
	swap := func(int) { os.WriteFile(path, []byte("description,achievement,validFrom,name\n"+rows), 0o600) }
	if err := svc.SubmitFile(ctx, path, testProfile, false, swap, nil); !errors.Is(err, issuer.ErrInput) || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("header changed: got %v", err)
	}
}

// TestSubmitFileJSONLines streams JSON lines, reporting bad lines by number.
func TestSubmitFileJSONLines(t *testing.T) {
	ctx := context.Background()
	svc, db := newStoreService(t)
	var b strings.Builder
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&b, `{"name":"Learner %d","achievement":"Compilers","validFrom":"2026-10-01","skills":["parsing"]}`+"\n", i)
		if i == 2500 {
			b.WriteString("\n{\"name\":5}\n")
		}
	}
	path := filepath.Join(t.TempDir(), "cohort.jsonl")
	os.WriteFile(path, []byte(b.String()), 0o600)
	var ie *issuer.InputError
	if err := svc.SubmitFile(ctx, path, testProfile, false, nil, nil); !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Line != 2502 {
		t.Fatalf("got %v, want line 2502", err)
	}
	os.WriteFile(path, []byte(strings.Replace(b.String(), "{\"name\":5}\n", "", 1)), 0o600)
	if err := svc.SubmitFile(ctx, path, testProfile, false, nil, nil); err != nil {
		t.Fatal(err)
	}
	if counts, _, _ := db.Counts(ctx); counts[issuer.Pending] != 5000 {
		t.Fatalf("pending %d", counts[issuer.Pending])
	}
}

// TestInputErrorListsAThousand: a file of bad records costs a bounded list;
// the rest are counted.
func TestInputErrorListsAThousand(t *testing.T) {
	in := "name,achievement,validFrom\n" + strings.Repeat("Ada,Engines,someday\n", 3000)
	_, err := issuer.ReadCSV(strings.NewReader(in), testProfile)
	var ie *issuer.InputError
	if !errors.As(err, &ie) || len(ie.Rows) != issuer.MaxRowErrors || ie.Omitted != 3000-issuer.MaxRowErrors ||
		!strings.HasPrefix(err.Error(), "3000 bad record(s)") || !strings.Contains(err.Error(), "… and 2980 more") {
		t.Fatalf("got %d rows, %d omitted: %.200v", len(ie.Rows), ie.Omitted, err)
	}
}

// captureStore records what Submit passes to the store.
type captureStore struct {
	issuer.Store
	recs []*issuer.StoredCredential
}

func (c *captureStore) Add(ctx context.Context, recs []*issuer.StoredCredential, allowDuplicates bool) ([]issuer.AddResult, error) {
	c.recs = append(c.recs, recs...)
	return c.Store.Add(ctx, recs, allowDuplicates)
}

// TestContentHashUnchanged: the content hash intake stores is still
// SHA-256 of json.Marshal of the document without its id (and with no
// validUntil member for no end date), so that files imported before are
// found as duplicates; HTML characters and line separators included.
func TestContentHashUnchanged(t *testing.T) {
	ctx := context.Background()
	_, db := newStoreService(t)
	capture := &captureStore{Store: db}
	svc := issuer.NewService(capture, nil, issuer.Config{})
	docs := cohortDocs(t)
	odd := *docs[0]
	odd.Subject.Achievement.Description = "<b>Tom & Jerry</b>\u2028 \u2029 \"quoted\" \\ back"
	odd.ValidUntil = ""
	docs = append(docs, &odd)
	if _, err := svc.Submit(ctx, docs, true, nil); err != nil {
		t.Fatal(err)
	}
	if len(capture.recs) != len(docs) {
		t.Fatalf("%d records", len(capture.recs))
	}
	for i, d := range docs {
		c := *d
		c.ID = ""
		js, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(bytes.Replace(js, []byte(`,"validUntil":null`), nil, 1))
		if got := capture.recs[i].ContentHash; got != want {
			t.Errorf("document %d (%s): content hash %x, want %x", i, d.ID, got, want)
		}
	}
}

func cohortDocs(t *testing.T) []*credential.Document {
	t.Helper()
	docs, err := issuer.ReadCSVFile("../testdata/cohort.csv", issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestSubmitDuplicatesWithinOneCall: the store looks duplicates up in key
// order, but they are decided in input order, as one Add after another
// would: the first of two equal contents or ids is stored, the second is a
// duplicate of it.
func TestSubmitDuplicatesWithinOneCall(t *testing.T) {
	ctx := context.Background()
	svc, db := newStoreService(t)
	docs := cohortDocs(t)[:6]
	again := *docs[1] // the same content under another id
	again.ID = "urn:uuid:00000000-0000-4000-8000-000000000001"
	sameID := *docs[2] // another content under the same id
	sameID.Subject.Name = "Someone Else"
	in := append(append([]*credential.Document{}, docs...), &again, &sameID, &again)
	res, err := svc.Submit(ctx, in, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		dup      bool
		existing string
		seq      uint64
	}{{false, "", 1}, {false, "", 2}, {false, "", 3}, {false, "", 4}, {false, "", 5}, {false, "", 6},
		{true, docs[1].ID, 2}, {true, docs[2].ID, 3}, {true, docs[1].ID, 2}} {
		if r := res[i]; r.Duplicate != want.dup || r.Existing != want.existing || r.Seq != want.seq {
			t.Errorf("result %d: %+v, want %+v", i, r, want)
		}
	}
	// Allowed, the same content is stored again, but an id still only once;
	// the content index keeps the first credential.
	res, err = svc.Submit(ctx, []*credential.Document{&again, &sameID}, true, nil)
	if err != nil || res[0].Duplicate || res[0].Seq != 7 || !res[1].Duplicate || res[1].Seq != 3 {
		t.Fatalf("allowed: %+v, %v", res, err)
	}
	res, _ = svc.Submit(ctx, []*credential.Document{docs[1]}, false, nil)
	if !res[0].Duplicate || res[0].Existing != docs[1].ID {
		t.Fatalf("after allowing: %+v", res[0])
	}
	if counts, _, _ := db.Counts(ctx); counts[issuer.Pending] != 7 {
		t.Fatalf("pending %d, want 7", counts[issuer.Pending])
	}
}
