package issuer

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"github.com/credseal/credseal/pkg/credential"
)

// Institution is the issuing organisation, used where a record does not name one.
type Institution struct {
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
	// Omitted counts the bad records after the first MaxRowErrors, which
	// are not listed: a file of a million bad rows costs no more memory
	// than one of a thousand.
	Omitted int
}

// MaxRowErrors is the most bad records an InputError lists.
const MaxRowErrors = 1000

// ErrInput is matched by errors.Is for any *InputError.
var ErrInput = errors.New("issuer: bad input")

func (e *InputError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad record(s)", len(e.Rows)+e.Omitted)
	for i, r := range e.Rows {
		if i == 20 {
			break
		}
		b.WriteString("\n  " + r.Error())
	}
	if more := len(e.Rows) + e.Omitted - 20; more > 0 {
		fmt.Fprintf(&b, "\n  … and %d more", more)
	}
	return b.String()
}

// add lists a bad record, or counts it past MaxRowErrors.
func (e *InputError) add(r RowError) {
	if len(e.Rows) < MaxRowErrors {
		e.Rows = append(e.Rows, r)
	} else {
		e.Omitted++
	}
}

func (e *InputError) Is(target error) bool { return target == ErrInput }

// ReadCSVFile opens path and reads it with ReadCSV.
func ReadCSVFile(path string, issuer Institution) ([]*credential.Document, error) {
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
// on any error no documents are returned. ScanCSV reads one as a stream.
func ReadCSV(r io.Reader, issuer Institution) ([]*credential.Document, error) {
	return collect(func(fn func(int, *credential.Document) error) error { return ScanCSV(r, issuer, fn) })
}

// collect gathers the documents of a scan; on any error there are none.
func collect(scan func(fn func(int, *credential.Document) error) error) ([]*credential.Document, error) {
	var docs []*credential.Document
	err := scan(func(_ int, d *credential.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// ScanCSV reads a registrar CSV as a stream: it calls fn with the line and
// the validated document of every good row, in order, and holds no more
// than a few hundred rows at once, whatever the file's size. Rows are
// turned into documents on every core. After the last row it returns an
// *InputError listing every bad row with its line (fn has then been called
// for the good ones: check a whole file before acting on it). An error from
// fn stops the scan and is returned as it is.
func ScanCSV(r io.Reader, issuer Institution, fn func(line int, d *credential.Document) error) error {
	return scanCSV(r, issuer, nil, fn)
}

func scanCSV(r io.Reader, issuer Institution, sums *blockSums, fn func(line int, d *credential.Document) error) error {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err == io.EOF {
		return &InputError{Rows: []RowError{{Line: 1, Err: errors.New("the file is empty; the first row must name the columns")}}}
	}
	if err != nil {
		return &InputError{Rows: []RowError{{Line: 1, Err: err}}}
	}
	col, err := columnIndex(head)
	if err != nil {
		return &InputError{Rows: []RowError{{Line: 1, Err: err}}}
	}
	if sums != nil {
		sums.readWith(head)
	}
	broken := false
	next := func(rec *rawRecord) bool {
		if broken {
			return false
		}
		fields, err := cr.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			line := 0 // FieldPos panics after a failed read: take the line from the error
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			// The reader cannot resynchronise after a quoting error.
			broken = pe == nil || pe.Err != csv.ErrFieldCount
			*rec = rawRecord{line: line, err: err}
			return true
		}
		line, _ := cr.FieldPos(0)
		*rec = rawRecord{line: line, fields: fields}
		return true
	}
	build := func(rec *rawRecord, validate bool) (*credential.Document, error) {
		return recordDocument(func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(rec.fields[i])
			}
			return ""
		}, issuer, validate)
	}
	return scanRecords(next, build, sums, fn, RowError{Line: 2, Err: errors.New("no learners after the header row")})
}

// rawRecord is one record as read, before it becomes a document: a CSV
// row's fields or a JSON line's text, or the error that reading it gave.
type rawRecord struct {
	line   int
	fields []string
	text   string
	err    error
}

// scanBlock is how many records a worker turns into documents at a time.
const scanBlock = 256

// rawBlock is a block of records on its way from the reader to fn.
type rawBlock struct {
	seq  int // of the block in the input, from 0
	recs []rawRecord
	docs []*credential.Document
	errs []error
	sum  [32]byte
	done chan struct{}
}

// checksum is the checksum of a block of raw records.
func (b *rawBlock) checksum() [32]byte {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		h.Write(binary.BigEndian.AppendUint64(n[:0], uint64(len(s))))
		h.Write([]byte(s))
	}
	for _, r := range b.recs {
		h.Write(binary.BigEndian.AppendUint64(n[:0], uint64(r.line)))
		h.Write(binary.BigEndian.AppendUint64(n[:0], uint64(len(r.fields))))
		for _, f := range r.fields {
			field(f)
		}
		field(r.text)
		if r.err != nil {
			field(r.err.Error())
		}
	}
	return [32]byte(h.Sum(nil))
}

// blockSums lets a second scan of an input skip the validation of what the
// first found valid. The first scan records a checksum of each block of raw
// records; the second compares its own, and builds the documents of a block
// whose records are unchanged without validating them: they are the
// documents the first scan validated, but for their generated ids. A block
// that changed is validated, and so is every block when what records are
// read with (a CSV's header) changed.
type blockSums struct {
	sums   [][32]byte
	check  bool // compare with sums, rather than record them
	header [32]byte
	stale  bool // the header changed: trust nothing
}

// readWith records, or compares, what records are read with.
func (s *blockSums) readWith(header []string) {
	h := sha256.Sum256([]byte(strings.Join(header, "\x00")))
	if !s.check {
		s.header = h
	} else if h != s.header {
		s.stale = true
	}
}

// trusts reports whether the second scan may skip validating block b.
func (s *blockSums) trusts(b *rawBlock) bool {
	return s.check && !s.stale && b.seq < len(s.sums) && s.sums[b.seq] == b.sum
}

// scanRecords reads records with next on one goroutine, turns them into
// documents with build on every core, and calls fn with each good one in
// input order, on the caller's goroutine. Bad records are collected into
// the *InputError returned after the last (empty: the input had no records
// at all, reported as such). At most a few blocks of records are held.
func scanRecords(next func(*rawRecord) bool, build func(rec *rawRecord, validate bool) (*credential.Document, error),
	sums *blockSums, fn func(int, *credential.Document) error, empty RowError) error {
	workers := runtime.GOMAXPROCS(0)
	work, ordered := make(chan *rawBlock, workers), make(chan *rawBlock, workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the reader
		defer wg.Done()
		defer close(ordered)
		defer close(work)
		for seq := 0; ; seq++ {
			b := &rawBlock{seq: seq, recs: make([]rawRecord, 0, scanBlock), done: make(chan struct{})}
			for len(b.recs) < scanBlock {
				b.recs = append(b.recs, rawRecord{})
				if !next(&b.recs[len(b.recs)-1]) {
					b.recs = b.recs[:len(b.recs)-1]
					break
				}
			}
			if len(b.recs) == 0 {
				return
			}
			for _, ch := range []chan *rawBlock{work, ordered} {
				select {
				case ch <- b:
				case <-stop:
					return
				}
			}
			if len(b.recs) < scanBlock {
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				validate := true
				if sums != nil {
					b.sum = b.checksum()
					validate = !sums.trusts(b)
				}
				b.docs, b.errs = make([]*credential.Document, len(b.recs)), make([]error, len(b.recs))
				for i := range b.recs {
					if b.recs[i].err != nil {
						b.errs[i] = b.recs[i].err
					} else {
						b.docs[i], b.errs[i] = build(&b.recs[i], validate)
					}
				}
				close(b.done)
			}
		}()
	}
	defer wg.Wait()
	defer close(stop)
	bad := &InputError{}
	good := 0
	for b := range ordered {
		<-b.done
		if sums != nil && !sums.check {
			sums.sums = append(sums.sums, b.sum)
		}
		for i, d := range b.docs {
			if b.errs[i] != nil {
				bad.add(RowError{Line: b.recs[i].line, Err: b.errs[i]})
				continue
			}
			good++
			if err := fn(b.recs[i].line, d); err != nil {
				return err
			}
		}
	}
	if len(bad.Rows) > 0 {
		return bad
	}
	if good == 0 {
		return &InputError{Rows: []RowError{empty}}
	}
	return nil
}

// knownColumns holds the names of requiredColumns and optionalColumns.
var knownColumns = func() map[string]bool {
	known := map[string]bool{}
	for _, c := range append(requiredColumns, optionalColumns...) {
		known[c] = true
	}
	return known
}()

func columnIndex(head []string) (map[string]int, error) {
	known := knownColumns
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

// recordDocument builds the document of one record and, when validate is
// set, validates it. Every
// value is put in Unicode Normalization Form C, so that one name typed two
// ways (a precomposed "ë", or "e" and a combining diaeresis) is one name,
// and re-imports are found as duplicates.
func recordDocument(raw func(string) string, profile Institution, validate bool) (*credential.Document, error) {
	get := func(name string) string { return norm.NFC.String(strings.TrimSpace(raw(name))) }
	issuer := Institution{ID: norm.NFC.String(profile.ID), Name: norm.NFC.String(profile.Name), URL: norm.NFC.String(profile.URL)}
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
		// Time-ordered (RFC 9562 version 7): the store's id index then grows
		// at its end, instead of taking a million random inserts in a large
		// import. The time is the issuing time, which the anchor shows anyway.
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("credential id: %w", err)
		}
		d.ID = "urn:uuid:" + id.String()
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
	if validate {
		if err := d.Validate(); err != nil {
			return nil, err
		}
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
func DocumentFromFields(fields map[string]string, issuer Institution) (*credential.Document, error) {
	return documentFromFields(fields, issuer, true)
}

func documentFromFields(fields map[string]string, issuer Institution, validate bool) (*credential.Document, error) {
	for k := range fields {
		if !knownColumns[k] {
			return nil, fmt.Errorf("unknown field %q (fields: %s)", k, strings.Join(append(requiredColumns, optionalColumns...), ", "))
		}
	}
	for _, c := range requiredColumns {
		if strings.TrimSpace(fields[c]) == "" {
			return nil, fmt.Errorf("missing required field %q", c)
		}
	}
	return recordDocument(func(name string) string { return strings.TrimSpace(fields[name]) }, issuer, validate)
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
// ScanJSONLines reads one as a stream.
func ReadJSONLines(r io.Reader, issuer Institution) ([]*credential.Document, error) {
	return collect(func(fn func(int, *credential.Document) error) error { return ScanJSONLines(r, issuer, fn) })
}

// ScanJSONLines reads JSON lines as a stream, as ScanCSV reads a CSV.
func ScanJSONLines(r io.Reader, issuer Institution, fn func(line int, d *credential.Document) error) error {
	return scanJSONLines(r, issuer, nil, fn)
}

func scanJSONLines(r io.Reader, issuer Institution, sums *blockSums, fn func(line int, d *credential.Document) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), credential.MaxDocumentSize)
	line := 0
	next := func(rec *rawRecord) bool {
		for sc.Scan() {
			line++
			if text := strings.TrimSpace(sc.Text()); text != "" {
				*rec = rawRecord{line: line, text: text}
				return true
			}
		}
		if err := sc.Err(); err != nil {
			*rec = rawRecord{line: line + 1, err: err} // Scan stops for good after an error
			return true
		}
		return false
	}
	build := func(rec *rawRecord, validate bool) (*credential.Document, error) {
		var obj map[string]any
		if err := json.Unmarshal([]byte(rec.text), &obj); err != nil {
			return nil, fmt.Errorf("not a JSON object: %w", err)
		}
		fields, err := FieldsOfJSON(obj)
		if err != nil {
			return nil, err
		}
		return documentFromFields(fields, issuer, validate)
	}
	return scanRecords(next, build, sums, fn, RowError{Line: 1, Err: errors.New("no records")})
}

// ReadFile reads a registrar file: JSON lines when its name ends in .jsonl,
// .ndjson or .json, else CSV. ScanFile reads one as a stream.
func ReadFile(path string, issuer Institution) ([]*credential.Document, error) {
	return collect(func(fn func(int, *credential.Document) error) error { return ScanFile(path, issuer, fn) })
}

// ScanFile reads a registrar file as a stream (ScanCSV, or ScanJSONLines
// for a name ending in .jsonl, .ndjson or .json). An *InputError names the
// file; an error of fn is returned as it is.
func ScanFile(path string, issuer Institution, fn func(line int, d *credential.Document) error) error {
	return scanFile(path, issuer, nil, fn)
}

func scanFile(path string, issuer Institution, sums *blockSums, fn func(line int, d *credential.Document) error) error {
	scan := scanCSV
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		scan = scanJSONLines
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var fnErr error
	err = scan(bufio.NewReaderSize(f, 1<<20), issuer, sums, func(line int, d *credential.Document) error {
		fnErr = fn(line, d)
		return fnErr
	})
	if err != nil && err != fnErr {
		return fmt.Errorf("%s: %w", path, err)
	}
	return err
}

// SubmitFile issues the records of a registrar file (ScanFile) as Submit
// issues documents, reading the file twice so as to hold a few thousand
// records at a time, whatever its size. The first pass checks every record
// and keeps none: a bad one anywhere means an *InputError listing every
// bad record, and nothing stored. checked, if not nil, then learns how many
// records there are. The second pass reads them again and stores them
// chunk by chunk, passing each chunk's results to stored (see SubmitStream).
//
// Should the file change between the passes so that a record turns bad,
// the chunks before it stay stored, as pending credentials: issuing the
// corrected file again reports them as duplicates.
func (s *Service) SubmitFile(ctx context.Context, path string, issuer Institution, allowDuplicates bool,
	checked func(records int), stored func([]AddResult)) error {
	n, sums := 0, &blockSums{}
	if err := scanFile(path, issuer, sums, func(int, *credential.Document) error { n++; return ctx.Err() }); err != nil {
		return err
	}
	if checked != nil {
		checked(n)
	}
	// The second pass validates only what changed since the first, and the
	// documents it passes on are not validated again.
	sums.check = true
	return s.submit(ctx, func(add func(*credential.Document) error) error {
		err := scanFile(path, issuer, sums, func(_ int, d *credential.Document) error { return add(d) })
		if errors.Is(err, ErrInput) {
			return fmt.Errorf("the file changed while it was being issued: %w", err)
		}
		return err
	}, allowDuplicates, true, stored)
}
