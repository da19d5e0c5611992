package credential

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits on documents accepted for hashing and verification.
const (
	MaxDocumentSize = 64 << 10 // bytes
	MaxDepth        = 16       // nesting of objects and arrays
	MaxFields       = 1024
)

// Errors for documents that cannot be hashed.
var (
	ErrTooLarge      = fmt.Errorf("credential: document larger than %d bytes", MaxDocumentSize)
	ErrInvalidUTF8   = errors.New("credential: text is not valid UTF-8")
	ErrInvalidJSON   = errors.New("credential: invalid JSON")
	ErrDuplicateKey  = errors.New("credential: duplicate key")
	ErrNotObject     = errors.New("credential: document is not a JSON object")
	ErrTooDeep       = fmt.Errorf("credential: document nested deeper than %d levels", MaxDepth)
	ErrTooManyFields = fmt.Errorf("credential: document has more than %d fields", MaxFields)
)

type kind uint8

const (
	scalar kind = iota
	object
	array
)

// node is a parsed JSON value that keeps member order, so a document can be
// written back out after fields are hidden.
type node struct {
	kind  kind
	keys  []string // object member names, in document order
	kids  []*node  // object members or array elements
	value []byte   // canonical JSON of a scalar
}

// Parse strictly parses a credential document and returns its fields in
// document order. It rejects invalid JSON and UTF-8, duplicate keys,
// numbers that are not finite doubles, trailing data, and documents over
// the size, depth and field limits.
func Parse(doc []byte) ([]Field, error) {
	root, err := parseTree(doc)
	if err != nil {
		return nil, err
	}
	return root.fields()
}

func parseTree(doc []byte) (*node, error) {
	if len(doc) > MaxDocumentSize {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, len(doc))
	}
	root, err := parseStrict(doc, MaxDepth)
	if err != nil {
		return nil, err
	}
	if root.kind != object {
		return nil, ErrNotObject
	}
	return root, nil
}

// CheckJSON applies Parse's strictness to any JSON text (such as a whole proof
// bundle): valid UTF-8, one value, no duplicate keys, finite numbers,
// nesting at most maxDepth deep and at most maxLeaves scalars and empty
// containers, so that hostile input is refused while it is read, in time
// linear in its size. Callers bound the size.
func CheckJSON(doc []byte, maxDepth, maxLeaves int) error {
	return CheckJSONMembers(doc, maxDepth, maxLeaves, nil)
}

// CheckJSONMembers is CheckJSON that also holds the objects at the root
// (key "") and at the root's members (key: the member's name) to the exact
// member names members lists for them: encoding/json would match names in
// any case, and a format must not read two ways.
func CheckJSONMembers(doc []byte, maxDepth, maxLeaves int, members map[string][]string) error {
	if !utf8.Valid(doc) {
		return ErrInvalidUTF8
	}
	sc := scanner{data: doc, maxDepth: maxDepth, leaves: maxLeaves, validate: true, members: members}
	if _, err := sc.value(0, nil); err != nil {
		return err
	}
	sc.skipSpace()
	if sc.pos != len(doc) {
		return fmt.Errorf("%w: data after the document at byte %d", ErrInvalidJSON, sc.pos)
	}
	return nil
}

// parseStrict parses one JSON value with a hand-written scanner: the
// verifier parses every bundle and credential strictly, and encoding/json's
// token API spent most of a verification allocating tokens.
func parseStrict(doc []byte, maxDepth int) (*node, error) {
	if !utf8.Valid(doc) {
		return nil, ErrInvalidUTF8
	}
	sc := scanner{data: doc, maxDepth: maxDepth, leaves: MaxFields}
	root, err := sc.value(0, nil)
	if err != nil {
		return nil, err
	}
	sc.skipSpace()
	if sc.pos != len(doc) {
		return nil, fmt.Errorf("%w: data after the document at byte %d", ErrInvalidJSON, sc.pos)
	}
	return root, nil
}

// scanner reads strict JSON (RFC 8259) from data. With validate set it
// only checks, building no tree (CheckJSON over a whole bundle).
type scanner struct {
	data     []byte
	pos      int
	maxDepth int
	leaves   int // how many more scalars and empty containers may come
	validate bool
	members  map[string][]string // CheckJSONMembers's names, by parent
}

// ErrUnknownMember is a member name that a format does not have.
var ErrUnknownMember = errors.New("credential: unknown member")

// allowedMember checks a member name of the object at `at` (depth 0 or 1)
// against the scanner's members.
func (sc *scanner) allowedMember(depth int, at *where, key string) error {
	if sc.members == nil || depth > 1 {
		return nil
	}
	parent := ""
	if at != nil {
		if at.index >= 0 {
			return nil
		}
		parent = at.key
	}
	names, ok := sc.members[parent]
	if ok && !slices.Contains(names, key) {
		return fmt.Errorf("%w %q in %s", ErrUnknownMember, key, (&where{parent: at, key: key, index: -1}).pointer())
	}
	return nil
}

// leaf counts one scalar or empty container against the budget.
func (sc *scanner) leaf() error {
	if sc.leaves--; sc.leaves < 0 {
		return fmt.Errorf("%w (at byte %d)", ErrTooManyFields, sc.pos)
	}
	return nil
}

// smallObject is how many members an object may have before duplicates are
// found with a map rather than by comparing with each earlier name.
const smallObject = 16

// checked stands for every value a validating scanner reads.
var checked = &node{}

// where is a value's place, built into a JSON Pointer only for errors.
type where struct {
	parent *where
	key    string
	index  int // -1 for object members
}

func (w *where) pointer() string {
	if w == nil {
		return ""
	}
	if w.index >= 0 {
		return w.parent.pointer() + "/" + strconv.Itoa(w.index)
	}
	return w.parent.pointer() + "/" + escapeToken(w.key)
}

func (sc *scanner) errorf(format string, args ...any) error {
	return fmt.Errorf("%w at byte %d: %s", ErrInvalidJSON, sc.pos, fmt.Sprintf(format, args...))
}

func (sc *scanner) skipSpace() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

func (sc *scanner) value(depth int, at *where) (*node, error) {
	sc.skipSpace()
	if sc.pos == len(sc.data) {
		return nil, sc.errorf("unexpected end of input")
	}
	switch c := sc.data[sc.pos]; {
	case c == '{' || c == '[':
		if depth >= sc.maxDepth {
			return nil, fmt.Errorf("%w at %q", ErrTooDeep, at.pointer())
		}
		sc.pos++
		if c == '{' {
			return sc.object(depth, at)
		}
		return sc.array(depth, at)
	case c == '"':
		if err := sc.leaf(); err != nil {
			return nil, err
		}
		if sc.validate {
			_, err := sc.rawStr()
			return checked, err
		}
		str, err := sc.str()
		if err != nil {
			return nil, err
		}
		return &node{value: appendString(nil, str)}, nil
	case c == '-' || c >= '0' && c <= '9':
		if err := sc.leaf(); err != nil {
			return nil, err
		}
		lit, err := sc.number()
		if err != nil {
			return nil, err
		}
		if sc.validate {
			if f, err := strconv.ParseFloat(lit, 64); err != nil || math.IsInf(f, 0) {
				return nil, fmt.Errorf("%w: number %s is not a finite IEEE 754 double at %q", ErrInvalidJSON, lit, at.pointer())
			}
			return checked, nil
		}
		b, err := canonicalNumber(lit)
		if err != nil {
			return nil, fmt.Errorf("%w at %q", err, at.pointer())
		}
		return &node{value: b}, nil
	default:
		if err := sc.leaf(); err != nil {
			return nil, err
		}
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(sc.data[sc.pos:], []byte(lit)) {
				sc.pos += len(lit)
				if sc.validate {
					return checked, nil
				}
				return &node{value: []byte(lit)}, nil
			}
		}
		return nil, sc.errorf("unexpected character %q", c)
	}
}

func (sc *scanner) object(depth int, at *where) (*node, error) {
	n := &node{kind: object}
	if sc.validate {
		n = checked
	}
	var names []string        // member names so far, for the duplicate check
	var index map[string]bool // the same names, once the object is not small
	sc.skipSpace()
	if sc.pos < len(sc.data) && sc.data[sc.pos] == '}' {
		sc.pos++
		return n, sc.leaf()
	}
	for {
		sc.skipSpace()
		if sc.pos == len(sc.data) || sc.data[sc.pos] != '"' {
			return nil, sc.errorf("expected a member name")
		}
		var key string
		if sc.validate {
			k, err := sc.rawStr()
			if err != nil {
				return nil, err
			}
			key = string(k)
		} else {
			var err error
			if key, err = sc.str(); err != nil {
				return nil, err
			}
		}
		if err := sc.allowedMember(depth, at, key); err != nil {
			return nil, err
		}
		dup := false
		if index != nil {
			dup = index[key]
		} else {
			dup = slices.Contains(names, key) // objects are small: a scan beats a map
		}
		if dup {
			return nil, fmt.Errorf("%w %q", ErrDuplicateKey, (&where{parent: at, key: key, index: -1}).pointer())
		}
		switch {
		case index != nil:
			index[key] = true
		case len(names) == smallObject:
			index = make(map[string]bool, 2*smallObject)
			for _, k := range names {
				index[k] = true
			}
			index[key] = true
		default:
			names = append(names, key)
		}
		sc.skipSpace()
		if sc.pos == len(sc.data) || sc.data[sc.pos] != ':' {
			return nil, sc.errorf("expected ':' after a member name")
		}
		sc.pos++
		kid, err := sc.value(depth+1, &where{parent: at, key: key, index: -1})
		if err != nil {
			return nil, err
		}
		if !sc.validate {
			n.keys = append(n.keys, key)
			n.kids = append(n.kids, kid)
		}
		if done, err := sc.next('}'); done || err != nil {
			return n, err
		}
	}
}

func (sc *scanner) array(depth int, at *where) (*node, error) {
	n := &node{kind: array}
	if sc.validate {
		n = checked
	}
	sc.skipSpace()
	if sc.pos < len(sc.data) && sc.data[sc.pos] == ']' {
		sc.pos++
		return n, sc.leaf()
	}
	for i := 0; ; i++ {
		kid, err := sc.value(depth+1, &where{parent: at, index: i})
		if err != nil {
			return nil, err
		}
		if !sc.validate {
			n.kids = append(n.kids, kid)
		}
		if done, err := sc.next(']'); done || err != nil {
			return n, err
		}
	}
}

// next consumes ',' (more to come) or the closing bracket (done).
func (sc *scanner) next(closing byte) (done bool, err error) {
	sc.skipSpace()
	if sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ',':
			sc.pos++
			return false, nil
		case closing:
			sc.pos++
			return true, nil
		}
	}
	return false, sc.errorf("expected ',' or %q", closing)
}

// str reads a string literal at pos (on its opening quote) and decodes it.
// Lone surrogates in \u escapes become U+FFFD, as encoding/json does.
func (sc *scanner) str() (string, error) {
	sc.pos++
	start := sc.pos
	for sc.pos < len(sc.data) { // fast path: no escapes
		c := sc.data[sc.pos]
		if c == '"' {
			s := string(sc.data[start:sc.pos])
			sc.pos++
			return s, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", sc.errorf("control character in a string")
		}
		sc.pos++
	}
	buf := append([]byte(nil), sc.data[start:sc.pos]...)
	for sc.pos < len(sc.data) {
		c := sc.data[sc.pos]
		switch {
		case c == '"':
			sc.pos++
			return string(buf), nil
		case c < 0x20:
			return "", sc.errorf("control character in a string")
		case c != '\\':
			buf = append(buf, c)
			sc.pos++
			continue
		}
		if sc.pos+1 >= len(sc.data) {
			break
		}
		esc := sc.data[sc.pos+1]
		sc.pos += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := sc.hex4()
			if !ok {
				return "", sc.errorf("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				dec := utf8.RuneError
				if sc.pos+1 < len(sc.data) && sc.data[sc.pos] == '\\' && sc.data[sc.pos+1] == 'u' {
					save := sc.pos
					sc.pos += 2
					r2, ok := sc.hex4()
					if !ok {
						return "", sc.errorf("bad \\u escape")
					}
					if dec = utf16.DecodeRune(r, r2); dec == utf8.RuneError {
						sc.pos = save // not a pair: the second escape stands alone
					}
				}
				r = dec
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", sc.errorf("bad escape \\%c", esc)
		}
	}
	return "", sc.errorf("unterminated string")
}

// rawStr checks a string literal and returns its content, decoded only
// when it has escapes (so that equal names compare equal).
func (sc *scanner) rawStr() ([]byte, error) {
	start := sc.pos + 1
	for i := start; i < len(sc.data); i++ {
		switch c := sc.data[i]; {
		case c == '"':
			sc.pos = i + 1
			return sc.data[start:i], nil
		case c == '\\':
			s, err := sc.str()
			return []byte(s), err
		case c < 0x20:
			sc.pos = i
			return nil, sc.errorf("control character in a string")
		}
	}
	sc.pos = len(sc.data)
	return nil, sc.errorf("unterminated string")
}

func (sc *scanner) hex4() (rune, bool) {
	if sc.pos+4 > len(sc.data) {
		return 0, false
	}
	var r rune
	for _, c := range sc.data[sc.pos : sc.pos+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	sc.pos += 4
	return r, true
}

// number reads a number literal of RFC 8259's grammar.
func (sc *scanner) number() (string, error) {
	start := sc.pos
	d := sc.data
	digits := func() int {
		n := 0
		for sc.pos < len(d) && d[sc.pos] >= '0' && d[sc.pos] <= '9' {
			sc.pos++
			n++
		}
		return n
	}
	if d[sc.pos] == '-' {
		sc.pos++
	}
	switch {
	case sc.pos < len(d) && d[sc.pos] == '0':
		sc.pos++
	case digits() == 0:
		return "", sc.errorf("bad number")
	}
	if sc.pos < len(d) && d[sc.pos] == '.' {
		sc.pos++
		if digits() == 0 {
			return "", sc.errorf("bad number")
		}
	}
	if sc.pos < len(d) && (d[sc.pos] == 'e' || d[sc.pos] == 'E') {
		sc.pos++
		if sc.pos < len(d) && (d[sc.pos] == '+' || d[sc.pos] == '-') {
			sc.pos++
		}
		if digits() == 0 {
			return "", sc.errorf("bad number")
		}
	}
	return string(d[start:sc.pos]), nil
}

// fields lists the tree's leaves with their pointers, in document order.
func (n *node) fields() ([]Field, error) {
	var out []Field
	var walk func(n *node, pointer string) error
	walk = func(n *node, pointer string) error {
		if len(n.kids) == 0 {
			if len(out) == MaxFields {
				return ErrTooManyFields
			}
			v := n.value
			switch n.kind {
			case object:
				v = []byte("{}")
			case array:
				v = []byte("[]")
			}
			out = append(out, Field{Pointer: pointer, Value: v})
			return nil
		}
		for i, kid := range n.kids {
			if err := walk(kid, pointer+"/"+n.childToken(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(n, "")
}

func (n *node) childToken(i int) string {
	if n.kind == object {
		return escapeToken(n.keys[i])
	}
	return strconv.Itoa(i)
}

// escapeToken escapes one JSON Pointer reference token (RFC 6901 §3).
func escapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// splitPointer parses an RFC 6901 pointer into unescaped reference tokens.
func splitPointer(p string) ([]string, error) {
	if p == "" || p[0] != '/' {
		return nil, fmt.Errorf("credential: JSON pointer %q must start with '/'", p)
	}
	tokens := strings.Split(p[1:], "/")
	for i, t := range tokens {
		for j := 0; j < len(t); j++ {
			if t[j] == '~' && (j+1 == len(t) || (t[j+1] != '0' && t[j+1] != '1')) {
				return nil, fmt.Errorf("credential: JSON pointer %q has a bad '~' escape", p)
			}
		}
		tokens[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return tokens, nil
}

// appendJSON writes the tree back out as compact JSON with canonical scalars.
func (n *node) appendJSON(buf []byte) []byte {
	switch n.kind {
	case object:
		buf = append(buf, '{')
		for i, kid := range n.kids {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendString(buf, n.keys[i])
			buf = append(buf, ':')
			buf = kid.appendJSON(buf)
		}
		return append(buf, '}')
	case array:
		buf = append(buf, '[')
		for i, kid := range n.kids {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = kid.appendJSON(buf)
		}
		return append(buf, ']')
	}
	return append(buf, n.value...)
}
