package vc

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/piprate/json-gold/ld"
)

//go:embed contexts/*.json contexts/*.jsonld
var contextFiles embed.FS

// Context URLs credseal ships (contexts/SOURCE.md).
const (
	ContextVC2       = "https://www.w3.org/ns/credentials/v2"
	ContextVC1       = "https://www.w3.org/2018/credentials/v1"
	ContextEd25519   = "https://w3id.org/security/suites/ed25519-2020/v1"
	ContextOB3       = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	ContextDID       = "https://www.w3.org/ns/did/v1"
	ContextMultikey  = "https://w3id.org/security/multikey/v1"
	contextDirectory = "contexts/"
)

var contextFileOf = map[string]string{
	ContextVC2:     "credentials-v2.jsonld",
	ContextVC1:     "credentials-v1.jsonld",
	ContextEd25519: "ed25519-signature-2020-v1.jsonld",
	ContextOB3:     "ob-v3p0-context-3.0.3.json",
	ContextDID:     "did-v1.jsonld",
}

// ErrUnknownContext is a document naming a JSON-LD context credseal does
// not ship. Nothing is ever fetched: a context from the network would let
// whoever serves it change what a signed document means.
var ErrUnknownContext = errors.New("vc: unknown JSON-LD context")

// ErrNotCanonical is a document that is not valid JSON-LD under the shipped
// contexts: an unknown context, or a member no context defines.
var ErrNotCanonical = errors.New("vc: not canonical JSON-LD")

// offlineLoader serves the shipped contexts and refuses every other URL.
type offlineLoader struct{}

var (
	parseContexts sync.Once
	parsed        map[string]any
	parseErr      error
)

func (offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	parseContexts.Do(func() {
		parsed = make(map[string]any, len(contextFileOf))
		for url, name := range contextFileOf {
			b, err := contextFiles.ReadFile(contextDirectory + name)
			if err != nil {
				parseErr = err
				return
			}
			var doc any
			if err := json.Unmarshal(b, &doc); err != nil {
				parseErr = fmt.Errorf("context %s: %w", url, err)
				return
			}
			parsed[url] = doc
		}
	})
	if parseErr != nil {
		return nil, parseErr
	}
	doc, ok := parsed[u]
	if !ok {
		return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, fmt.Errorf("%w: %s", ErrUnknownContext, u))
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
}

// Canonicalize returns the RDFC-1.0 (URDNA2015) canonical N-Quads of a
// JSON-LD document, loading contexts only from those credseal ships. The
// document must pass Expand's strict checks, so that everything in it is
// in what is canonicalised.
func Canonicalize(doc map[string]any) (string, error) {
	expanded, err := expand(doc)
	if err != nil {
		return "", err
	}
	return canonicalizeExpanded(expanded)
}

func jsonLDOptions() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.DocumentLoader = offlineLoader{}
	opts.SafeMode = true // json-gold's Normalize ignores it: expand first
	return opts
}

// expand expands doc and refuses, as jsonld.js's safe mode does and more,
// whatever JSON-LD would leave out of the RDF without a word (strict).
func expand(doc map[string]any) (expanded []any, err error) {
	if err := checkRaw(doc); err != nil {
		return nil, err
	}
	release, err := acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	defer func() {
		if r := recover(); r != nil { // json-gold panics on some malformed input
			expanded, err = nil, fmt.Errorf("%w: %v", ErrNotCanonical, r)
		}
	}()
	expanded, err = ld.NewJsonLdProcessor().Expand(doc, jsonLDOptions())
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotCanonical, err)
	}
	if len(expanded) != 1 {
		return nil, fmt.Errorf("%w: %d top-level nodes, want one", ErrNotCanonical, len(expanded))
	}
	w := strictWalk{budget: maxExpandedValues, ids: map[string]*idUse{}}
	if err := w.check(expanded); err != nil {
		return nil, err
	}
	if err := w.checkIDs(); err != nil {
		return nil, err
	}
	return expanded, nil
}

// Bounds on a document before json-gold sees it. Expansion costs grow with
// every object (each may switch contexts, and json-gold copies the active
// context to do so), and json-gold cannot be interrupted: a document within
// the size limit could otherwise hold a CPU for minutes. Real credentials
// have a few hundred values.
const (
	maxRawValues = 4000
	maxRawDepth  = 32
)

// checkRaw refuses, before expansion, a document whose @context is
// anything but shipped context URLs at the top level (an inline or nested
// context can redefine terms, scope contexts to types, and multiply the
// work), or that is too large or deep.
func checkRaw(doc map[string]any) error {
	switch c := doc["@context"].(type) {
	case string:
		if err := shipped(c); err != nil {
			return err
		}
	case []any:
		for _, e := range c {
			s, _ := e.(string)
			if err := shipped(s); err != nil {
				return err
			}
		}
	case nil:
	default:
		return fmt.Errorf("%w: %w: @context must name shipped contexts by URL", ErrNotCanonical, ErrUnknownContext)
	}
	budget := maxRawValues
	for k, v := range doc {
		if k == "@context" {
			continue
		}
		if err := checkRawValue(v, 1, &budget); err != nil {
			return err
		}
	}
	return nil
}

func shipped(u string) error {
	if _, ok := contextFileOf[u]; !ok {
		return fmt.Errorf("%w: %w: %q (only shipped contexts, by URL, are accepted)", ErrNotCanonical, ErrUnknownContext, u)
	}
	return nil
}

func checkRawValue(v any, depth int, budget *int) error {
	if *budget--; *budget < 0 {
		return fmt.Errorf("%w: more than %d values", ErrNotCanonical, maxRawValues)
	}
	if depth > maxRawDepth {
		return fmt.Errorf("%w: nested deeper than %d", ErrNotCanonical, maxRawDepth)
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if err := checkRawValue(e, depth+1, budget); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, e := range x {
			if k == "@context" {
				return fmt.Errorf("%w: a @context inside the document", ErrNotCanonical)
			}
			if err := checkRawValue(e, depth+1, budget); err != nil {
				return err
			}
		}
	}
	return nil
}

// ErrBusy is a document refused because too many are being processed:
// JSON-LD work cannot be interrupted, so it is queued no longer than
// maxQueueWait.
var ErrBusy = errors.New("vc: too many credentials being checked at once; try again")

// jsonLDSlots bounds the JSON-LD jobs running at once, so that uploads
// cannot take every CPU; one is left free for everything else.
var jsonLDSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))

const maxQueueWait = 10 * time.Second

func acquire() (release func(), err error) {
	t := time.NewTimer(maxQueueWait)
	defer t.Stop()
	select {
	case jsonLDSlots <- struct{}{}:
		return func() { <-jsonLDSlots }, nil
	case <-t.C:
		return nil, ErrBusy
	}
}

// canonicalizeExpanded canonicalises a document expand accepted.
func canonicalizeExpanded(expanded []any) (out string, err error) {
	release, err := acquire()
	if err != nil {
		return "", err
	}
	defer release()
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("%w: %v", ErrNotCanonical, r)
		}
	}()
	opts := jsonLDOptions()
	rdf, err := ld.NewJsonLdProcessor().ToRDF(expanded, opts)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotCanonical, err)
	}
	dataset, ok := rdf.(*ld.RDFDataset)
	if !ok {
		return "", fmt.Errorf("%w: unexpected %T", ErrNotCanonical, rdf)
	}
	if err := checkWork(dataset); err != nil {
		return "", err
	}
	opts.Algorithm = ld.AlgorithmURDNA2015
	opts.Format = "application/n-quads"
	n, err := ld.NewJsonLdApi().Normalize(dataset, opts)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotCanonical, err)
	}
	s, ok := n.(string)
	if !ok {
		return "", fmt.Errorf("%w: unexpected %T", ErrNotCanonical, n)
	}
	return s, nil
}

// ErrTooComplex is a document whose canonicalisation could take
// exponential time: RDFC-1.0 tries every ordering of blank nodes it cannot
// tell apart, and json-gold sets no limit, so a credential of a few
// hundred bytes (two results with eight identical alignments each) could
// hold a verifier's CPU for minutes.
var ErrTooComplex = errors.New("vc: too many indistinguishable blank nodes to canonicalize")

// maxPermutations bounds the orderings RDFC-1.0 may have to try: the
// product, over the groups of blank nodes with the same first-degree hash,
// of the group's size factorial. Real credentials have at most a few small
// groups (objects that differ only below them); 7! is allowed.
const maxPermutations = 5040

// checkWork groups the dataset's blank nodes as RDFC-1.0's first step does
// (by the quads that mention them, themselves as _:a and other blank nodes
// as _:z) and refuses a dataset whose groups allow too many orderings.
func checkWork(d *ld.RDFDataset) error {
	quadsOf := map[string][]string{}
	for graph, quads := range d.Graphs {
		if graph != "@default" && len(quads) > 0 {
			return fmt.Errorf("%w: named graph %s", ErrNotCanonical, graph)
		}
		for _, q := range quads {
			if q.Subject == nil || q.Predicate == nil || q.Object == nil {
				return fmt.Errorf("%w: an incomplete statement", ErrNotCanonical)
			}
			nodes := []ld.Node{q.Subject, q.Object, q.Graph}
			for _, n := range nodes {
				if b, ok := n.(ld.BlankNode); ok {
					quadsOf[b.Attribute] = append(quadsOf[b.Attribute], quadKey(nodes, q.Predicate, b.Attribute))
				}
			}
		}
	}
	groups := map[string]int{}
	for _, qs := range quadsOf {
		slices.Sort(qs)
		groups[strings.Join(qs, "\n")]++
	}
	work := 1
	for _, n := range groups {
		for i := 2; i <= n; i++ {
			if work *= i; work > maxPermutations {
				return fmt.Errorf("%w: %d blank nodes in groups of alike ones", ErrTooComplex, len(quadsOf))
			}
		}
	}
	return nil
}

// quadKey writes a quad for grouping: the blank node self as _:a, any
// other as _:z, every other term tagged with its kind.
func quadKey(nodes []ld.Node, predicate ld.Node, self string) string {
	var b strings.Builder
	for _, n := range []ld.Node{nodes[0], predicate, nodes[1], nodes[2]} {
		switch x := n.(type) {
		case nil:
			b.WriteString("-")
		case ld.BlankNode:
			if x.Attribute == self {
				b.WriteString("_:a")
			} else {
				b.WriteString("_:z")
			}
		case ld.IRI:
			b.WriteString("<" + x.Value + ">")
		case ld.Literal:
			// As N-Quads writes it: no datatype for a plain or a
			// language-tagged string.
			dt := x.Datatype
			if dt == ld.XSDString || x.Language != "" {
				dt = ""
			}
			b.WriteString(strconv.Quote(x.Value) + "^^" + dt + "@" + x.Language)
		default:
			b.WriteString(fmt.Sprintf("%T:%s", n, n.GetValue()))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// Bounds on an expanded document: no array longer than maxArray (JSON-LD's
// node map compares each value of a property with every other), and no
// more than maxExpandedValues values in all.
const (
	maxArray          = 256
	maxExpandedValues = 4000
)

// validLanguage is BCP 47's shape, as JSON-LD processors check it.
var validLanguage = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

// strictWalk walks an expanded document and refuses what RDF would drop
// or what credentials have no use for: an @id, a type, a property or a
// datatype that is not an IRI json-gold keeps (StrictIRI), a blank node
// label of the author's, a bad language tag, and the keywords that add
// nodes or graphs beside the credential (@graph, @included, @reverse) or
// data outside the RDF (@index). It records where each @id is used
// (checkIDs).
type strictWalk struct {
	budget int
	ids    map[string]*idUse
}

// idUse counts the node objects with one @id that say something of it.
type idUse struct{ described int }

// checkIDs refuses a node described in more than one place. The RDF
// merges every node object with the same @id, but credseal reads each node
// where it stands: a credential whose end date or status entry were moved
// into another object with the credential's id (a reference back to it
// from the subject, say) would keep its signature and lose them from
// sight. A bare reference ({"id": …}) elsewhere adds nothing and is
// allowed; a node read where it is only referenced shows nothing, and the
// checks that need its properties fail.
func (w *strictWalk) checkIDs() error {
	for id, u := range w.ids {
		if u.described > 1 {
			return fmt.Errorf("%w: the node %s is described in %d places; JSON-LD would merge them, so one is required", ErrNotCanonical, id, u.described)
		}
	}
	return nil
}

func (w *strictWalk) check(v any) error {
	if w.budget--; w.budget < 0 {
		return fmt.Errorf("%w: more than %d values", ErrNotCanonical, maxExpandedValues)
	}
	switch x := v.(type) {
	case []any:
		if len(x) > maxArray {
			return fmt.Errorf("%w: %d values of one property, at most %d", ErrNotCanonical, len(x), maxArray)
		}
		for _, e := range x {
			if err := w.check(e); err != nil {
				return err
			}
		}
	case map[string]any:
		if _, isValue := x["@value"]; isValue {
			return checkValue(x)
		}
		if _, isList := x["@list"]; !isList {
			if id, ok := x["@id"].(string); ok {
				u := w.ids[id]
				if u == nil {
					u = &idUse{}
					w.ids[id] = u
				}
				if len(x) > 1 {
					u.described++
				}
			}
		}
		for k, e := range x {
			switch k {
			case "@id":
				id, _ := e.(string)
				if !StrictIRI(id) {
					return fmt.Errorf("%w: @id %q is not an absolute IRI", ErrNotCanonical, id)
				}
			case "@type":
				for _, t := range iris(e) {
					if !StrictIRI(t) {
						return fmt.Errorf("%w: type %q is not an absolute IRI", ErrNotCanonical, t)
					}
				}
			case "@list":
				if err := w.check(e); err != nil {
					return err
				}
			default:
				if strings.HasPrefix(k, "@") {
					return fmt.Errorf("%w: %s is not allowed in a credential", ErrNotCanonical, k)
				}
				if !StrictIRI(k) {
					return fmt.Errorf("%w: property %q is not an absolute IRI", ErrNotCanonical, k)
				}
				if err := w.check(e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkValue(x map[string]any) error {
	for k, e := range x {
		switch k {
		case "@value":
		case "@type":
			t, _ := e.(string)
			if t != "@json" && !StrictIRI(t) {
				return fmt.Errorf("%w: datatype %q is not an absolute IRI", ErrNotCanonical, t)
			}
		case "@language":
			l, _ := e.(string)
			if !validLanguage.MatchString(l) {
				return fmt.Errorf("%w: language %q", ErrNotCanonical, l)
			}
		default:
			return fmt.Errorf("%w: %s in a value", ErrNotCanonical, k)
		}
	}
	return nil
}

// StrictIRI reports whether s is an absolute IRI that json-gold keeps in
// the RDF and N-Quads can write unambiguously: it parses as an absolute
// URL, holds no space, control character or any of <>"{}|\^`, is no
// longer than 2,082 characters, and an http(s) one passes json-gold's URL
// check. Blank node labels ("_:") are not IRIs.
func StrictIRI(s string) bool {
	if s == "" || strings.HasPrefix(s, "_:") || utf8.RuneCountInString(s) >= 2083 || strings.ContainsAny(s, " <>\"{}|\\^`") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() {
		return false
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ld.IsURL(s)
	}
	return true
}

func iris(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, _ := e.(string)
			out = append(out, s)
		}
		return out
	}
	return []string{""}
}
