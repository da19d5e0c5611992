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
