package credential

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
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
// bundle): valid UTF-8, one value, no duplicate keys, finite numbers, and
// nesting at most maxDepth deep. Callers bound the size.
func CheckJSON(doc []byte, maxDepth int) error {
	_, err := parseStrict(doc, maxDepth)
	return err
}

func parseStrict(doc []byte, maxDepth int) (*node, error) {
	if !utf8.Valid(doc) {
		return nil, ErrInvalidUTF8
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	p := parser{dec: dec, maxDepth: maxDepth}
	root, err := p.value(0, "")
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the document at byte %d", ErrInvalidJSON, dec.InputOffset())
	}
	return root, nil
}

type parser struct {
	dec      *json.Decoder
	maxDepth int
}

func (p *parser) value(depth int, pointer string) (*node, error) {
	dec := p.dec
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w at byte %d: %v", ErrInvalidJSON, dec.InputOffset(), err)
	}
	switch v := tok.(type) {
	case json.Delim:
		if depth >= p.maxDepth {
			return nil, fmt.Errorf("%w at %q", ErrTooDeep, pointer)
		}
		switch v {
		case '{':
			return p.object(depth, pointer)
		case '[':
			return p.array(depth, pointer)
		}
		return nil, fmt.Errorf("%w: unexpected %q at byte %d", ErrInvalidJSON, v, dec.InputOffset())
	case string:
		return &node{value: appendString(nil, v)}, nil
	case json.Number:
		b, err := canonicalNumber(string(v))
		if err != nil {
			return nil, fmt.Errorf("%w at %q", err, pointer)
		}
		return &node{value: b}, nil
	case bool:
		return &node{value: []byte(strconv.FormatBool(v))}, nil
	case nil:
		return &node{value: []byte("null")}, nil
	}
	return nil, fmt.Errorf("%w: unexpected token %v", ErrInvalidJSON, tok)
}

func (p *parser) object(depth int, pointer string) (*node, error) {
	dec := p.dec
	n := &node{kind: object}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w at byte %d: %v", ErrInvalidJSON, dec.InputOffset(), err)
		}
		key, _ := tok.(string) // the decoder only yields strings in key position
		child := pointer + "/" + escapeToken(key)
		if seen[key] {
			return nil, fmt.Errorf("%w %q", ErrDuplicateKey, child)
		}
		seen[key] = true
		kid, err := p.value(depth+1, child)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.kids = append(n.kids, kid)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, fmt.Errorf("%w at byte %d: %v", ErrInvalidJSON, dec.InputOffset(), err)
	}
	return n, nil
}

func (p *parser) array(depth int, pointer string) (*node, error) {
	dec := p.dec
	n := &node{kind: array}
	for dec.More() {
		kid, err := p.value(depth+1, pointer+"/"+strconv.Itoa(len(n.kids)))
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, kid)
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%w at byte %d: %v", ErrInvalidJSON, dec.InputOffset(), err)
	}
	return n, nil
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
