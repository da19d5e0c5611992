package credential

// The token-based strict parser that parseStrict replaced, kept as the
// reference the fast scanner is checked against (FuzzScannerMatchesReference).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func parseStrictRef(doc []byte, maxDepth int) (*node, error) {
	if !utf8.Valid(doc) {
		return nil, ErrInvalidUTF8
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	p := refParser{dec: dec, maxDepth: maxDepth}
	root, err := p.value(0, "")
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the document at byte %d", ErrInvalidJSON, dec.InputOffset())
	}
	return root, nil
}

type refParser struct {
	dec      *json.Decoder
	maxDepth int
}

func (p *refParser) value(depth int, pointer string) (*node, error) {
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

func (p *refParser) object(depth int, pointer string) (*node, error) {
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

func (p *refParser) array(depth int, pointer string) (*node, error) {
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

// FuzzScannerMatchesReference: the scanner, building a tree or only
// validating, accepts exactly what the token-based reference accepts, and
// builds the same tree.
func FuzzScannerMatchesReference(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[true,false,null,"x\u00e9\ud83d\ude00"],"c":{"d":-1.5e3}}`, `{"a":"\ud800"}`,
		`{"a":"\ud800\u0041"}`, `[1,2,]`, `{"a":1,"a":2}`, `{"a" : 01}`, `{"x":"\u0000"}`, ` {"k":[[[]]]} `, `{"a":1e400}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, gotErr := parseStrict(doc, MaxDepth)
		want, wantErr := parseStrictRef(doc, MaxDepth)
		if wantErr == nil {
			// The scanner also stops at MaxFields leaves, as it reads.
			if _, err := want.fields(); errors.Is(err, ErrTooManyFields) {
				wantErr = err
			}
		}
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("scanner error %v, reference error %v for %q", gotErr, wantErr, doc)
		}
		if checkErr := CheckJSON(doc, MaxDepth, MaxFields); (checkErr == nil) != (wantErr == nil) {
			t.Fatalf("CheckJSON error %v, reference error %v for %q", checkErr, wantErr, doc)
		}
		if gotErr == nil && !bytes.Equal(got.appendJSON(nil), want.appendJSON(nil)) {
			t.Fatalf("trees differ for %q:\n%s\n%s", doc, got.appendJSON(nil), want.appendJSON(nil))
		}
	})
}

// hostileObject is one JSON object of n distinct members: the input that
// made the duplicate-member check quadratic.
func hostileObject(n int) []byte {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":0`, i)
	}
	b.WriteString("}")
	return []byte(b.String())
}

// TestManyMembersRefusedWhileReading: 30,000 members in one object are
// refused once the leaf budget is spent, by the validating and the
// tree-building scanner alike, without comparing every name with every other.
func TestManyMembersRefusedWhileReading(t *testing.T) {
	doc := hostileObject(30_000)
	if err := CheckJSON(doc, MaxDepth, 4*MaxFields); !errors.Is(err, ErrTooManyFields) {
		t.Fatalf("CheckJSON: %v, want ErrTooManyFields", err)
	}
	if _, err := Parse(doc[:min(len(doc), MaxDocumentSize)]); err == nil {
		t.Fatal("Parse accepted 30,000 members")
	}
	// Within the budget, a late duplicate is still found.
	dup := append(hostileObject(MaxFields - 1)[:len(hostileObject(MaxFields-1))-1], `,"k7":1}`...)
	if err := CheckJSON(dup, MaxDepth, MaxFields); !errors.Is(err, ErrDuplicateKey) {
		t.Fatalf("duplicate after %d members: %v", MaxFields-1, err)
	}
	if _, err := Parse(dup); !errors.Is(err, ErrDuplicateKey) {
		t.Fatalf("Parse, duplicate after %d members: %v", MaxFields-1, err)
	}
}

// BenchmarkCheckJSONManyMembers checks an object of 4,000 distinct members
// (a bundle's leaf budget): linear in the members since duplicates are
// found with a map past the first few.
func BenchmarkCheckJSONManyMembers(b *testing.B) {
	doc := hostileObject(4000)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := CheckJSON(doc, MaxDepth, 4000); err != nil {
			b.Fatal(err)
		}
	}
}
