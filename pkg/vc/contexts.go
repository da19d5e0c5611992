package vc

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

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
// JSON-LD document, loading contexts only from those credseal ships. It is
// strict where JSON-LD is lenient, as jsonld.js's safe mode is: a member no
// context defines, or a type or id that is not an absolute IRI, is an error
// rather than silently left out of the RDF, since a signature would not
// cover it and a forger could add it freely.
func Canonicalize(doc map[string]any) (string, error) {
	opts := ld.NewJsonLdOptions("")
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.DocumentLoader = offlineLoader{}
	opts.SafeMode = true // json-gold's Normalize ignores it: expand first
	proc := ld.NewJsonLdProcessor()
	expanded, err := proc.Expand(doc, opts)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotCanonical, err)
	}
	if err := checkAbsolute(expanded); err != nil {
		return "", err
	}
	rdf, err := proc.ToRDF(expanded, opts)
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
	out, err := ld.NewJsonLdApi().Normalize(dataset, opts)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotCanonical, err)
	}
	s, ok := out.(string)
	if !ok {
		return "", fmt.Errorf("%w: unexpected %T", ErrNotCanonical, out)
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
		for _, q := range quads {
			nodes := []ld.Node{q.Subject, q.Object, q.Graph}
			if q.Graph == nil && graph != "@default" {
				nodes[2] = ld.NewBlankNode(graph)
			}
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
			b.WriteString(strconv.Quote(x.Value) + "^^" + x.Datatype + "@" + x.Language)
		default:
			b.WriteString(fmt.Sprintf("%T:%s", n, n.GetValue()))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// checkAbsolute walks an expanded document: every @id and @type must be an
// absolute IRI or a blank node, since RDF drops relative ones.
func checkAbsolute(v any) error {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if err := checkAbsolute(e); err != nil {
				return err
			}
		}
	case map[string]any:
		_, isValue := x["@value"]
		for k, e := range x {
			switch {
			case k == "@id" || (k == "@type" && !isValue):
				for _, iri := range iris(e) {
					if !strings.Contains(iri, ":") {
						return fmt.Errorf("%w: %s %q is not an absolute IRI", ErrNotCanonical, k, iri)
					}
				}
			case k == "@type" || k == "@value" || k == "@language" || k == "@direction":
			default:
				if err := checkAbsolute(e); err != nil {
					return err
				}
			}
		}
	}
	return nil
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
