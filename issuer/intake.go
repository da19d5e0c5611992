package issuer

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"github.com/credseal/credseal/pkg/credential"
)

// Profile is the issuing organisation, used where a record does not name one.
type Profile struct {
	ID, Name, URL string
}

// The registrar CSV columns (docs/FORMAT.md). Names match exactly.
var (
	requiredColumns = []string{"name", "achievement", "validFrom"}
	optionalColumns = []string{"id", "identifier", "achievementId", "description", "criteria",
		"credits", "level", "skills", "validUntil", "issuerId", "issuerName", "issuerUrl"}
)

// RowError is a problem with one input record.
type RowError struct {
	Line int // 1-based line in the input where the record starts
	Err  error
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e RowError) Unwrap() error { return e.Err }

// InputError lists every bad record of an input, so a registrar fixes them all at once.
type InputError struct {
	Rows []RowError
}

// ErrInput is matched by errors.Is for any *InputError.
var ErrInput = errors.New("issuer: bad input")

func (e *InputError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad record(s)", len(e.Rows))
	for i, r := range e.Rows {
		if i == 20 {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Rows)-20)
			break
		}
		b.WriteString("\n  " + r.Error())
	}
	return b.String()
}

func (e *InputError) Is(target error) bool { return target == ErrInput }

// ReadCSVFile opens path and reads it with ReadCSV.
func ReadCSVFile(path string, issuer Profile) ([]*credential.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ReadCSV(f, issuer)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// ReadCSV reads a registrar CSV (a header row, then one learner a row) into
// validated credential documents. Every bad row is reported, with its line;
// on any error no documents are returned.
func ReadCSV(r io.Reader, issuer Profile) ([]*credential.Document, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &InputError{Rows: []RowError{{Line: 1, Err: errors.New("the file is empty; the first row must name the columns")}}}
	}
	if err != nil {
		return nil, &InputError{Rows: []RowError{{Line: 1, Err: err}}}
	}
	col, err := columnIndex(head)
	if err != nil {
		return nil, &InputError{Rows: []RowError{{Line: 1, Err: err}}}
	}
	var docs []*credential.Document
	var bad []RowError
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0 // FieldPos panics after a failed read: take the line from the error
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			bad = append(bad, RowError{Line: line, Err: err})
			if pe == nil || pe.Err != csv.ErrFieldCount {
				break // the reader cannot resynchronise after a quoting error
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		doc, err := recordDocument(func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}, issuer)
		if err != nil {
			bad = append(bad, RowError{Line: line, Err: err})
			continue
		}
		docs = append(docs, doc)
	}
	if len(bad) > 0 {
		return nil, &InputError{Rows: bad}
	}
	if len(docs) == 0 {
		return nil, &InputError{Rows: []RowError{{Line: 2, Err: errors.New("no learners after the header row")}}}
	}
	return docs, nil
}

func columnIndex(head []string) (map[string]int, error) {
	known := map[string]bool{}
	for _, c := range append(requiredColumns, optionalColumns...) {
		known[c] = true
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) // spreadsheets add a BOM
		if !known[h] {
			return nil, fmt.Errorf("unknown column %q (columns: %s)", h, strings.Join(append(requiredColumns, optionalColumns...), ", "))
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("column %q appears twice", h)
		}
		col[h] = i
	}
	for _, c := range requiredColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("missing required column %q", c)
		}
	}
	return col, nil
}

// recordDocument builds and validates the document of one record. Every
// value is put in Unicode Normalization Form C, so that one name typed two
// ways (a precomposed "ë", or "e" and a combining diaeresis) is one name,
// and re-imports are found as duplicates.
func recordDocument(raw func(string) string, profile Profile) (*credential.Document, error) {
	get := func(name string) string { return norm.NFC.String(strings.TrimSpace(raw(name))) }
	issuer := Profile{ID: norm.NFC.String(profile.ID), Name: norm.NFC.String(profile.Name), URL: norm.NFC.String(profile.URL)}
	d := &credential.Document{
		Context: credential.DefaultContext,
		ID:      get("id"),
		Type:    credential.CredentialType,
		Issuer: credential.Profile{ID: or(get("issuerId"), issuer.ID), Type: credential.ProfileType,
			Name: or(get("issuerName"), issuer.Name), URL: or(get("issuerUrl"), issuer.URL)},
		Subject: credential.Subject{Type: credential.SubjectType, Name: get("name"), Identifier: get("identifier"),
			Achievement: credential.Achievement{ID: get("achievementId"), Type: credential.AchievementType,
				Name: get("achievement"), Description: get("description"), Level: get("level")}},
	}
	if d.ID == "" {
		d.ID = "urn:uuid:" + uuid.NewString()
	}
	if d.Issuer.ID == "" && d.Issuer.URL != "" {
		d.Issuer.ID = d.Issuer.URL
	}
	if n := get("criteria"); n != "" {
		d.Subject.Achievement.Criteria = &credential.Criteria{Narrative: n}
	}
	if c := get("credits"); c != "" {
		v, err := strconv.ParseFloat(c, 64)
		if err != nil {
			return nil, fmt.Errorf("credits %q is not a number", c)
		}
		d.Subject.Achievement.Credits = v
	}
	for _, s := range strings.Split(get("skills"), ";") {
		if s = strings.TrimSpace(s); s != "" {
			d.Subject.Achievement.Skills = append(d.Subject.Achievement.Skills, s)
		}
	}
	var err error
	if d.ValidFrom, err = normaliseDate(get("validFrom"), "validFrom"); err != nil {
		return nil, err
	}
	if d.ValidUntil, err = normaliseDate(get("validUntil"), "validUntil"); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// normaliseDate accepts YYYY-MM-DD (midnight UTC) or RFC 3339 and returns RFC 3339 in UTC.
func normaliseDate(s, column string) (string, error) {
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339), nil
		}
	}
	return "", fmt.Errorf("%s %q is not a date (YYYY-MM-DD or RFC 3339)", column, s)
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// DocumentFromFields builds and validates the document of one record given
// as named values (the CSV columns of docs/FORMAT.md): the registrar API's
// and the JSON-lines input's form.
func DocumentFromFields(fields map[string]string, issuer Profile) (*credential.Document, error) {
	known := map[string]bool{}
	for _, c := range append(requiredColumns, optionalColumns...) {
		known[c] = true
	}
	for k := range fields {
		if !known[k] {
			return nil, fmt.Errorf("unknown field %q (fields: %s)", k, strings.Join(append(requiredColumns, optionalColumns...), ", "))
		}
	}
	for _, c := range requiredColumns {
		if strings.TrimSpace(fields[c]) == "" {
			return nil, fmt.Errorf("missing required field %q", c)
		}
	}
	return recordDocument(func(name string) string { return strings.TrimSpace(fields[name]) }, issuer)
}

// FieldsOfJSON turns one JSON record into named values. Every field is a
// string, but credits may also be a number and skills a list of strings.
func FieldsOfJSON(obj map[string]any) (map[string]string, error) {
	out := make(map[string]string, len(obj))
	for k, v := range obj {
		switch x := v.(type) {
		case string:
			out[k] = x
		case float64:
			if k != "credits" {
				return nil, fmt.Errorf("field %q must be a string, not a number", k)
			}
			out[k] = strconv.FormatFloat(x, 'g', -1, 64)
		case []any:
			if k != "skills" {
				return nil, fmt.Errorf("field %q must be a string, not a list", k)
			}
			parts := make([]string, len(x))
			for i, e := range x {
				s, ok := e.(string)
				if !ok || strings.Contains(s, ";") {
					return nil, fmt.Errorf("field %q: element %d must be a string without ';'", k, i)
				}
				parts[i] = s
			}
			out[k] = strings.Join(parts, ";")
		case nil:
		default:
			return nil, fmt.Errorf("field %q must be a string", k)
		}
	}
	return out, nil
}

// ReadJSONLines reads one JSON object a line (blank lines skipped), with
// the CSV's column names as members. Like ReadCSV it reports every bad line.
func ReadJSONLines(r io.Reader, issuer Profile) ([]*credential.Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), credential.MaxDocumentSize)
	var docs []*credential.Document
	var bad []RowError
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(text), &obj); err != nil {
			bad = append(bad, RowError{Line: line, Err: fmt.Errorf("not a JSON object: %w", err)})
			continue
		}
		fields, err := FieldsOfJSON(obj)
		if err == nil {
			var d *credential.Document
			if d, err = DocumentFromFields(fields, issuer); err == nil {
				docs = append(docs, d)
				continue
			}
		}
		bad = append(bad, RowError{Line: line, Err: err})
	}
	if err := sc.Err(); err != nil {
		return nil, &InputError{Rows: append(bad, RowError{Line: len(docs) + len(bad) + 1, Err: err})}
	}
	if len(bad) > 0 {
		return nil, &InputError{Rows: bad}
	}
	if len(docs) == 0 {
		return nil, &InputError{Rows: []RowError{{Line: 1, Err: errors.New("no records")}}}
	}
	return docs, nil
}

// ReadFile reads a registrar file: JSON lines when its name ends in .jsonl,
// .ndjson or .json, else CSV.
func ReadFile(path string, issuer Profile) ([]*credential.Document, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		docs, err := ReadJSONLines(f, issuer)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return docs, nil
	}
	return ReadCSVFile(path, issuer)
}
