package credential

import (
	"errors"
	"slices"
	"strings"
)

// RequiredField is a field a verdict depends on. A holder may hide other
// fields, never these: hiding the end date would pass an expired
// credential for one without, hiding the issuer's address would skip the
// check of its domain.
type RequiredField struct {
	Pointer string
	Label   string // for people: "the end date"
	// Nullable: JSON null is a value (validUntil: no end date).
	Nullable bool
	// List: a string or a non-empty array of strings (the credential's type).
	List bool
}

// RequiredFields are the fields every credential shows (docs/FORMAT.md).
var RequiredFields = []RequiredField{
	{Pointer: "/type", Label: "the credential's type", List: true},
	{Pointer: "/issuer/id", Label: "the issuer's identifier"},
	{Pointer: "/issuer/name", Label: "the issuer's name"},
	{Pointer: "/issuer/url", Label: "the issuer's web address"},
	{Pointer: "/validFrom", Label: "the start date"},
	{Pointer: "/validUntil", Label: "the end date", Nullable: true},
	{Pointer: "/credentialSubject/name", Label: "the learner's name"},
	{Pointer: "/credentialSubject/achievement/name", Label: "the credential's title"},
}

// FieldProblem is one required field a document does not show.
type FieldProblem struct {
	RequiredField
	Why string // one of the Why constants
}

// What can be wrong with a required field (FieldProblem.Why).
const (
	WhyHidden  = "hidden"
	WhyMissing = "missing"
	WhyNotText = "not text"
	WhyNotList = "not a list of text"
	// A v1 disclosure, whose hidden fields are anonymous, hides something.
	WhyMaybeHidden = "may be hidden (this version 1 proof does not name its hidden fields)"
)

// RequiredError lists the required fields a document does not show.
type RequiredError struct{ Problems []FieldProblem }

// ErrRequired is matched by errors.Is for any *RequiredError.
var ErrRequired = errors.New("credential: a field a verdict depends on is hidden or missing")

// String says it for people: "the end date (validUntil) is hidden".
func (p FieldProblem) String() string {
	return p.Label + " (" + strings.TrimPrefix(p.Pointer, "/") + ") is " + p.Why
}

func (e *RequiredError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "credential: " + strings.Join(parts, "; ")
}

// Overlaps reports whether two pointers name the same field or one lies
// inside the other.
func Overlaps(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+"/") || strings.HasPrefix(b, a+"/")
}

func (e *RequiredError) Is(target error) bool { return target == ErrRequired }

// CheckRequired reports, as a *RequiredError, every RequiredField that the
// shown fields lack or that the disclosure hides. A v2 disclosure names
// what it hides; a v1 one does not, so a v1 bundle that hides anything
// must show every required field, validUntil included. Only a v1 full
// disclosure may lack validUntil (v1 omitted it when there was no end date).
func CheckRequired(fields []Field, d Disclosure) error {
	values := make(map[string][]byte, len(fields))
	for _, f := range fields {
		values[f.Pointer] = f.Value
	}
	var problems []FieldProblem
	for _, r := range RequiredFields {
		if why := requiredProblem(r, fields, values, d); why != "" {
			problems = append(problems, FieldProblem{RequiredField: r, Why: why})
		}
	}
	if problems != nil {
		return &RequiredError{Problems: problems}
	}
	return nil
}

func requiredProblem(r RequiredField, fields []Field, values map[string][]byte, d Disclosure) string {
	for p := range d.Withheld {
		if Overlaps(p, r.Pointer) {
			return WhyHidden
		}
	}
	shown := false
	if r.List {
		if v, ok := values[r.Pointer]; ok && !isString(v) {
			return WhyMissing // [], {} or null: no type at all
		}
		_, shown = values[r.Pointer] // one string is a list of one
		for i := 0; ; i++ {
			v, ok := values[elementPointer(r.Pointer, i)]
			if !ok {
				break
			}
			if !isString(v) {
				return WhyNotText
			}
			shown = true
		}
	} else if v, ok := values[r.Pointer]; ok {
		if !isString(v) && !(r.Nullable && string(v) == "null") {
			return WhyNotText
		}
		shown = true
	}
	switch {
	case shown:
		return ""
	case d.Version == V1 && d.Seed == nil && len(d.Hidden) > 0:
		return WhyMaybeHidden
	case d.Version == V1 && r.Nullable:
		return "" // v1 wrote no validUntil for no end date
	}
	if r.List && slices.ContainsFunc(fields, func(f Field) bool { return strings.HasPrefix(f.Pointer, r.Pointer+"/") }) {
		return WhyNotList
	}
	return WhyMissing
}

func isString(v []byte) bool { return len(v) > 0 && v[0] == '"' }

// HideableField is a member of a credseal credential a holder may hide.
type HideableField struct {
	Name    string // what `credseal disclose --hide` takes
	Pointer string
	Label   string // what the portal offers to hide
	Hidden  string // how a verifier lists it once hidden
}

// Hideable are the optional members of the credentials credseal issues.
// Everything else is either required (RequiredFields) or part of the
// credential's frame (contexts, types).
var Hideable = []HideableField{
	{"identifier", "/credentialSubject/identifier", "Student number or e-mail", "student number or e-mail (identifier)"},
	{"description", "/credentialSubject/achievement/description", "Description of the achievement", "description"},
	{"criteria", "/credentialSubject/achievement/criteria", "How it was earned", "how it was earned (criteria)"},
	{"credits", "/credentialSubject/achievement/creditsAvailable", "Credits", "credits"},
	{"level", "/credentialSubject/achievement/level", "Level", "level"},
	{"skills", "/credentialSubject/achievement/skills", "Skills", "skills"},
	{"achievementId", "/credentialSubject/achievement/id", "Link to the achievement", "link to the achievement"},
}

// HiddenMembers names what a v2 disclosure hides, in a stable order: a
// label for the members credseal issues (a hidden list or object of
// theirs is one entry), else the JSON pointer of the field, a list and
// everything in it counting once.
func HiddenMembers(d Disclosure) []string {
	seen := map[string]bool{}
	var out []string
	for p := range d.Withheld {
		name := memberOf(p)
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func memberOf(p string) string {
	for _, h := range Hideable {
		if p == h.Pointer || strings.HasPrefix(p, h.Pointer+"/") {
			return h.Hidden
		}
	}
	// A list, and everything in it, stands for itself once.
	for i := 1; i < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		tok := p[i+1:]
		if j := strings.IndexByte(tok, '/'); j >= 0 {
			tok = tok[:j]
		}
		if tok != "" && strings.Trim(tok, "0123456789") == "" {
			return p[:i]
		}
	}
	return p
}
