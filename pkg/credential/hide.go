package credential

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Errors from Hide.
var (
	ErrNoSuchField = errors.New("credential: no such field")
	ErrCannotHide  = errors.New("credential: cannot hide")
)

// Hide removes the members named by pointers (each an object member: a single
// field or a whole subtree) from doc and returns the smaller document with
// a disclosure that carries only the shown fields' salts and, for the
// hidden ones, what the disclosure's version shows of them (v1: their
// field hashes; v2: their pointers and commitments), so the digest still
// recomputes. d is the disclosure that
// came with doc: a seed, or the salts of an already selective bundle.
//
// Array elements cannot be hidden one by one, since removing one would
// renumber the rest; hide the whole array instead. An object left empty by
// hiding is removed too, so an empty object in a disclosed document is
// always a real field.
func Hide(doc []byte, d Disclosure, pointers ...string) ([]byte, Disclosure, error) {
	root, err := parseTree(doc)
	if err != nil {
		return nil, Disclosure{}, err
	}
	fields, err := root.fields()
	if err != nil {
		return nil, Disclosure{}, err
	}
	if _, err := Digest(fields, d); err != nil {
		return nil, Disclosure{}, fmt.Errorf("hide: disclosure does not fit the document: %w", err)
	}
	salts := make(map[string]Salt, len(fields))
	var fromSeed *salter
	if d.Seed != nil {
		fromSeed = newSalter(*d.Seed)
	}
	for _, f := range fields {
		if fromSeed != nil {
			salts[f.Pointer] = fromSeed.salt(f.Pointer)
		} else {
			salts[f.Pointer] = d.Salts[f.Pointer]
		}
	}
	// A pointer inside a subtree that is hidden too is hidden with it.
	chosen := make(map[string]bool, len(pointers))
	for _, p := range pointers {
		chosen[p] = true
	}
	for p := range chosen {
		if overlappingAncestor(p, chosen) != "" {
			continue
		}
		if err := root.remove(p); err != nil {
			return nil, Disclosure{}, err
		}
	}
	if len(root.kids) == 0 {
		return nil, Disclosure{}, fmt.Errorf("%w every field: at least one must stay shown", ErrCannotHide)
	}
	shown, err := root.fields()
	if err != nil {
		return nil, Disclosure{}, err
	}
	out := Disclosure{Version: d.Version, Salts: make(map[string]Salt, len(shown))}
	isShown := make(map[string]bool, len(shown))
	for _, f := range shown {
		isShown[f.Pointer] = true
		out.Salts[f.Pointer] = salts[f.Pointer]
	}
	switch d.Version {
	case V1:
		out.Hidden = slices.Clone(d.Hidden)
		for _, f := range fields {
			if !isShown[f.Pointer] {
				out.Hidden = append(out.Hidden, FieldHashV1(salts[f.Pointer], f))
			}
		}
		slices.SortFunc(out.Hidden, func(a, b Hash) int { return bytes.Compare(a[:], b[:]) })
	default:
		out.Withheld = maps.Clone(d.Withheld)
		if out.Withheld == nil {
			out.Withheld = make(map[string]Hash)
		}
		for _, f := range fields {
			if !isShown[f.Pointer] {
				out.Withheld[f.Pointer] = Commit(salts[f.Pointer], f.Value)
			}
		}
	}
	return root.appendJSON(nil), out, nil
}

// remove deletes the object member at pointer p and prunes objects it empties.
func (n *node) remove(p string) error {
	tokens, err := splitPointer(p)
	if err != nil {
		return err
	}
	path := []*node{n}
	cur := n
	for _, tok := range tokens {
		i := cur.index(tok)
		if i < 0 {
			return fmt.Errorf("%w %q", ErrNoSuchField, p)
		}
		cur = cur.kids[i]
		path = append(path, cur)
	}
	// Walk back up, deleting the member and any object it leaves empty.
	for depth := len(tokens) - 1; depth >= 0; depth-- {
		parent := path[depth]
		if parent.kind != object {
			return fmt.Errorf("%w %q: it is inside an array; hide the whole array", ErrCannotHide, p)
		}
		i := parent.index(tokens[depth])
		parent.keys = slices.Delete(parent.keys, i, i+1)
		parent.kids = slices.Delete(parent.kids, i, i+1)
		if len(parent.kids) > 0 || depth == 0 {
			return nil
		}
	}
	return nil
}

// index returns the position of the child named by an unescaped token, or -1.
func (n *node) index(tok string) int {
	switch n.kind {
	case object:
		return slices.Index(n.keys, tok)
	case array:
		for i := range n.kids {
			if fmt.Sprint(i) == tok {
				return i
			}
		}
	}
	return -1
}
