package credential

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Default JSON-LD contexts and types of an Open Badges 3.0 credential.
var (
	DefaultContext = []string{
		"https://www.w3.org/ns/credentials/v2",
		"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
	}
	CredentialType  = []string{"VerifiableCredential", "OpenBadgeCredential"}
	ProfileType     = []string{"Profile"}
	SubjectType     = []string{"AchievementSubject"}
	AchievementType = []string{"Achievement"}
)

// Document is the credential credseal issues, shaped like an Open Badges 3.0
// OpenBadgeCredential. Any JSON object can be hashed with Parse; Document is
// what issuers build and what verifiers display.
//
// Every field a verdict depends on is always written (RequiredFields):
// validUntil is null when there is no end date, so that a holder who hides
// it cannot pass for one without.
type Document struct {
	Context    []string `json:"@context"`
	ID         string   `json:"id"`
	Type       []string `json:"type"`
	Issuer     Profile  `json:"issuer"`
	ValidFrom  string   `json:"validFrom"`
	ValidUntil string   `json:"validUntil"` // "" for none, written as null
	Subject    Subject  `json:"credentialSubject"`
}

// documentJSON is Document as written: validUntil null when empty.
type documentJSON struct {
	Context    []string `json:"@context"`
	ID         string   `json:"id"`
	Type       []string `json:"type"`
	Issuer     Profile  `json:"issuer"`
	ValidFrom  string   `json:"validFrom"`
	ValidUntil *string  `json:"validUntil"`
	Subject    Subject  `json:"credentialSubject"`
}

// MarshalJSON writes the document with validUntil null when it is empty.
func (d Document) MarshalJSON() ([]byte, error) {
	w := documentJSON{Context: d.Context, ID: d.ID, Type: d.Type, Issuer: d.Issuer, ValidFrom: d.ValidFrom, Subject: d.Subject}
	if d.ValidUntil != "" {
		w.ValidUntil = &d.ValidUntil
	}
	var buf bytes.Buffer
	buf.Grow(1024) // a typical credential, in one allocation
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // JSON's own escaping only: the text is hashed as shown
	if err := enc.Encode(w); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Profile identifies the issuing organisation.
type Profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
}

// Subject is the learner and what they achieved.
type Subject struct {
	Type        []string    `json:"type"`
	Name        string      `json:"name"`
	Identifier  string      `json:"identifier,omitempty"` // e.g. a student number or e-mail
	Achievement Achievement `json:"achievement"`
}

// Achievement describes the micro-credential; Name is its title.
type Achievement struct {
	ID          string    `json:"id,omitempty"`
	Type        []string  `json:"type"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Criteria    *Criteria `json:"criteria,omitempty"`
	Credits     float64   `json:"creditsAvailable,omitempty"`
	Level       string    `json:"level,omitempty"`
	Skills      []string  `json:"skills,omitempty"`
}

// Criteria says how the achievement was earned.
type Criteria struct {
	Narrative string `json:"narrative"`
}

// ErrInvalidDocument wraps every reason Validate gives.
var ErrInvalidDocument = errors.New("credential: invalid document")

// maxText bounds any one string in a Document.
const maxText = 4096

// Validate checks what an issuer must fill in and that every value can be hashed.
func (d *Document) Validate() error {
	values, err := d.validateContent()
	if err != nil {
		return err
	}
	if jsonSizeBound(values) <= MaxDocumentSize {
		return nil // cannot be too large: spare encoding it
	}
	_, err = d.ValidatedJSON()
	return err
}

// jsonSizeBound bounds the JSON of a document whose field values take
// values bytes in canonical form: encoding/json writes a string in at most
// six bytes per byte (\u00XX), and the member names and punctuation of a
// Document take far less than the slack.
func jsonSizeBound(values int) int { return 6*values + 4096 }

// ValidatedJSON validates the document and returns its JSON (as JSON
// returns it), which the size check encodes anyway: an issuer storing the
// document then encodes it once.
func (d *Document) ValidatedJSON() ([]byte, error) {
	if _, err := d.validateContent(); err != nil {
		return nil, err
	}
	doc, err := d.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidDocument, err)
	}
	if len(doc) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: %w", ErrInvalidDocument, ErrTooLarge)
	}
	return doc, nil
}

// validateContent is Validate but for the document's size, which it
// bounds: it returns how many bytes the field values take.
func (d *Document) validateContent() (values int, err error) {
	bad := func(field, reason string) error {
		return fmt.Errorf("%w: %s %s", ErrInvalidDocument, field, reason)
	}
	required := []struct{ name, value string }{
		{"id", d.ID}, {"issuer.id", d.Issuer.ID}, {"issuer.name", d.Issuer.Name}, {"issuer.url", d.Issuer.URL},
		{"credentialSubject.name", d.Subject.Name}, {"achievement.name (title)", d.Subject.Achievement.Name},
		{"validFrom", d.ValidFrom},
	}
	for _, r := range required {
		if r.value == "" {
			return 0, bad(r.name, "is required")
		}
	}
	if len(d.Type) == 0 {
		return 0, bad("type", "is required")
	}
	names := []struct{ name, value string }{
		{"issuer.name", d.Issuer.Name}, {"credentialSubject.name", d.Subject.Name}, {"achievement.name (title)", d.Subject.Achievement.Name},
	}
	for _, n := range names {
		if err := CheckName(n.value); err != nil {
			return 0, bad(n.name, err.Error())
		}
	}
	if u, err := url.Parse(d.Issuer.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" {
		return 0, bad("issuer.url", fmt.Sprintf("%q is not an http(s) URL with a host", d.Issuer.URL))
	}
	fields, err := d.writeFields()
	if err != nil {
		return 0, err
	}
	for _, f := range fields {
		values += len(f.Value)
	}
	from, err := time.Parse(time.RFC3339, d.ValidFrom)
	if err != nil {
		return 0, bad("validFrom", fmt.Sprintf("%q is not an RFC 3339 date-time", d.ValidFrom))
	}
	if d.ValidUntil != "" {
		until, err := time.Parse(time.RFC3339, d.ValidUntil)
		if err != nil {
			return 0, bad("validUntil", fmt.Sprintf("%q is not an RFC 3339 date-time", d.ValidUntil))
		}
		if !until.After(from) {
			return 0, bad("validUntil", "must be after validFrom")
		}
	}
	if c := d.Subject.Achievement.Credits; math.IsNaN(c) || c < 0 || c > 1e6 {
		return 0, bad("achievement.creditsAvailable", "must be a number from 0 to 1000000")
	}
	return values, nil
}

// JSON returns the document as compact JSON, without HTML escaping.
func (d *Document) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encode credential %s: %w", d.ID, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Fields returns the same fields as Parse(d.JSON()), in the same order,
// without encoding and re-parsing JSON: issuing hashes thousands of documents
// a second. It assumes d passed Validate.
func (d *Document) Fields() []Field {
	fields, _ := d.writeFields()
	return fields
}

// writeFields lists the fields and reports the first string that cannot be hashed.
func (d *Document) writeFields() ([]Field, error) {
	var w fieldWriter
	d.appendFields(&w)
	return w.appendFields(nil), w.err
}

// appendFields adds d's fields to w, which may hold other documents' already.
func (d *Document) appendFields(w *fieldWriter) {
	w.strings("/@context", d.Context, false)
	w.string("/id", d.ID, false)
	w.strings("/type", d.Type, false)
	w.string("/issuer/id", d.Issuer.ID, false)
	w.strings("/issuer/type", d.Issuer.Type, false)
	w.string("/issuer/name", d.Issuer.Name, false)
	w.string("/issuer/url", d.Issuer.URL, true)
	w.string("/validFrom", d.ValidFrom, false)
	if d.ValidUntil == "" {
		w.raw("/validUntil", []byte("null"))
	} else {
		w.string("/validUntil", d.ValidUntil, false)
	}
	s := &d.Subject
	w.strings("/credentialSubject/type", s.Type, false)
	w.string("/credentialSubject/name", s.Name, false)
	w.string("/credentialSubject/identifier", s.Identifier, true)
	a := &s.Achievement
	const ach = "/credentialSubject/achievement"
	w.string(ach+"/id", a.ID, true)
	w.strings(ach+"/type", a.Type, false)
	w.string(ach+"/name", a.Name, false)
	w.string(ach+"/description", a.Description, true)
	if a.Criteria != nil {
		w.string(ach+"/criteria/narrative", a.Criteria.Narrative, false)
	}
	if a.Credits != 0 {
		v, _ := canonicalFloat(a.Credits) // Validate has ruled out NaN and infinities
		w.raw(ach+"/creditsAvailable", v)
	}
	w.string(ach+"/level", a.Level, true)
	w.strings(ach+"/skills", a.Skills, true)
}

// Digest returns the credential's Latest digest under a seed (full disclosure).
func (d *Document) Digest(seed Seed) Hash {
	h, _ := Digest(d.Fields(), Disclosure{Version: Latest, Seed: &seed}) // a seed alone always fits
	return h
}

// fieldWriter collects fields with their values in one shared buffer, mirroring
// encoding/json's rules: omitempty drops "" and empty slices; a nil slice
// without omitempty is null.
type fieldWriter struct {
	err   error // the first string that is not valid UTF-8 or is too long
	buf   []byte
	spans []span
}

type span struct {
	pointer    string
	start, end int
}

func (w *fieldWriter) add(pointer string, start int) {
	if w.spans == nil {
		w.spans = make([]span, 0, 32)
	}
	w.spans = append(w.spans, span{pointer, start, len(w.buf)})
}

func (w *fieldWriter) raw(pointer string, v []byte) {
	start := len(w.buf)
	w.buf = append(w.buf, v...)
	w.add(pointer, start)
}

func (w *fieldWriter) string(pointer, s string, omitEmpty bool) {
	if omitEmpty && s == "" {
		return
	}
	if w.err == nil && !utf8.ValidString(s) {
		w.err = fmt.Errorf("%w: %s: %w", ErrInvalidDocument, pointer, ErrInvalidUTF8)
	}
	if w.err == nil && len(s) > maxText {
		w.err = fmt.Errorf("%w: %s is longer than %d bytes", ErrInvalidDocument, pointer, maxText)
	}
	if w.buf == nil {
		w.buf = make([]byte, 0, 1024)
	}
	start := len(w.buf)
	w.buf = appendString(w.buf, s)
	w.add(pointer, start)
}

func (w *fieldWriter) strings(pointer string, list []string, omitEmpty bool) {
	switch {
	case len(list) == 0 && omitEmpty:
	case list == nil:
		w.raw(pointer, []byte("null"))
	case len(list) == 0:
		w.raw(pointer, []byte("[]"))
	default:
		for i, s := range list {
			w.string(elementPointer(pointer, i), s, false)
		}
	}
}

// appendFields appends the fields written to out.
func (w *fieldWriter) appendFields(out []Field) []Field {
	out = slices.Grow(out, len(w.spans))
	for _, s := range w.spans {
		out = append(out, Field{Pointer: s.pointer, Value: w.buf[s.start:s.end:s.end]})
	}
	return out
}

// elementPointers caches "/list/0".."/list/15" for the lists a Document has,
// sparing an allocation per element on the issuing path.
var elementPointers = func() map[string][]string {
	m := map[string][]string{}
	for _, list := range []string{"/@context", "/type", "/issuer/type", "/credentialSubject/type",
		"/credentialSubject/achievement/type", "/credentialSubject/achievement/skills"} {
		for i := range 16 {
			m[list] = append(m[list], list+"/"+strconv.Itoa(i))
		}
	}
	return m
}()

func elementPointer(list string, i int) string {
	if cached := elementPointers[list]; i < len(cached) {
		return cached[i]
	}
	return list + "/" + strconv.Itoa(i)
}
