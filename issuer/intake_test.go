package issuer_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/credential"
)

func TestReadJSONLines(t *testing.T) {
	in := `{"name":"Ada Lovelace","achievement":"Analytical Engines","validFrom":"2026-10-01","credits":7.5,"skills":["notes","loops"],"issuerName":"X","issuerUrl":"https://x.example"}

{"name":"Grace Hopper","achievement":"Compilers","validFrom":"2026-10-01T09:00:00Z","issuerName":"X","issuerUrl":"https://x.example"}
`
	docs, err := issuer.ReadJSONLines(strings.NewReader(in), issuer.Profile{})
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
	_, err = issuer.ReadJSONLines(strings.NewReader(bad), issuer.Profile{Name: "X", URL: "https://x.example"})
	var ie *issuer.InputError
	if !errors.As(err, &ie) || len(ie.Rows) != 3 || ie.Rows[0].Line != 2 || ie.Rows[1].Line != 3 || ie.Rows[2].Line != 4 {
		t.Fatalf("got %v", err)
	}
}

func TestReadFileByExtension(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cohort.jsonl")
	os.WriteFile(path, []byte(`{"name":"Ada","achievement":"x","validFrom":"2026-10-01","issuerName":"X","issuerUrl":"https://x.example"}`+"\n"), 0o600)
	if docs, err := issuer.ReadFile(path, issuer.Profile{}); err != nil || len(docs) != 1 {
		t.Fatalf("jsonl: %v", err)
	}
	if docs, err := issuer.ReadFile("../testdata/cohort.csv", issuer.Profile{}); err != nil || len(docs) != 56 {
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
func checkIntake(t *testing.T, read func(io.Reader, issuer.Profile) ([]*credential.Document, error), in []byte) {
	docs, err := read(bytes.NewReader(in), issuer.Profile{Name: "X", URL: "https://x.example"})
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
	docs, err := issuer.ReadCSV(strings.NewReader(csv), issuer.Profile{Name: "X", URL: "https://x.example"})
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
	_, err := issuer.ReadCSV(strings.NewReader(csv), issuer.Profile{URL: "https://x.example"})
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
