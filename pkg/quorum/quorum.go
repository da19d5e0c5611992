// Package quorum asks the same question of several endpoints and accepts
// an answer only when enough of them give it. It defends a reader against
// one lying or broken RPC endpoint: a verifier that asks N of M providers
// learns nothing from a single one that alters a record, except that they
// disagree.
//
// Two rules cover every read: Same wants n identical answers (records,
// receipts, logs, call results); Floor takes the highest value that n
// endpoints reach or exceed (heads, nonces, fee suggestions, which honest
// endpoints legitimately report a little apart). Neither rule lets fewer
// than n endpoints decide anything.
package quorum

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// ErrDisagreement is wrapped by every *DisagreementError.
var ErrDisagreement = errors.New("quorum: the endpoints disagree")

// Answer is what one endpoint said: a printable summary of its answer, or
// the error it gave instead.
type Answer struct {
	Endpoint string
	Said     string // empty when Err is set
	Err      error
}

// DisagreementError is a question fewer than Need endpoints answered alike.
type DisagreementError struct {
	Question string
	Need     int
	Answers  []Answer // one per endpoint, in configuration order
}

func (e *DisagreementError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d endpoints must agree and do not:", e.Question, e.Need, len(e.Answers))
	from := e.differFrom()
	for _, a := range e.Answers {
		if a.Err != nil {
			fmt.Fprintf(&b, " %s failed (%v);", a.Endpoint, a.Err)
			continue
		}
		said := a.Said
		if from > 0 {
			said = "…" + said[from:]
		}
		if len(said) > maxSaid {
			said = said[:maxSaid] + "…"
		}
		fmt.Fprintf(&b, " %s said %s;", a.Endpoint, said)
	}
	return strings.TrimSuffix(b.String(), ";")
}

// maxSaid bounds each answer in a report, from where the answers differ.
const maxSaid = 96

// differFrom is where the answers start to differ, backed off a little
// for context and to a rune boundary, when that is far enough in to be
// worth cutting; else 0.
func (e *DisagreementError) differFrom() int {
	var first string
	common, n := -1, 0
	for _, a := range e.Answers {
		if a.Err != nil {
			continue
		}
		n++
		if common < 0 {
			first, common = a.Said, len(a.Said)
			continue
		}
		i := 0
		for i < common && i < len(a.Said) && a.Said[i] == first[i] {
			i++
		}
		common = i
	}
	const context = 16
	if n < 2 || common < 2*context {
		return 0
	}
	from := common - context
	for from > 0 && !utf8.RuneStart(first[from]) {
		from--
	}
	return from
}

// Is makes errors.Is(err, ErrDisagreement) true.
func (e *DisagreementError) Is(target error) bool { return target == ErrDisagreement }

// Reply is one endpoint's answer to a question: a value, or an error. Key
// identifies the answer for comparison (equal keys are identical answers);
// a reply with ok false (a timeout, a refused connection) counts for
// nothing. Said summarises it for a DisagreementError.
type Reply[T any] struct {
	Value T
	Err   error
	Key   string
	OK    bool
	Said  string
}

// Ask is one endpoint's way to answer: i is its index.
type Ask[T any] func(ctx context.Context, i int) Reply[T]

// Same asks all endpoints at once and returns the first answer n of them
// give identically (by Key), cancelling the others. It returns a
// *DisagreementError as soon as no answer can reach n any more.
func Same[T any](ctx context.Context, question string, endpoints []string, n int, ask Ask[T]) (T, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	replies := collect(ctx, endpoints, ask)
	got := make([]*Reply[T], len(endpoints))
	count := map[string]int{}
	for answered := 0; answered < len(endpoints); answered++ {
		r := <-replies
		got[r.i] = &r.Reply
		if r.OK {
			count[r.Key]++
			if count[r.Key] >= n {
				return r.Value, r.Err
			}
		}
		// The best any answer can still do: its count plus every endpoint
		// yet to answer.
		best := 0
		for _, c := range count {
			best = max(best, c)
		}
		if best+len(endpoints)-answered-1 < n {
			break
		}
	}
	var zero T
	return zero, disagreement(question, endpoints, n, got)
}

// Floor asks all endpoints for a number and returns the lowest of the
// first n answers: a value n endpoints report or exceed, so one endpoint
// cannot raise it, and a slow endpoint is not waited for once n have
// answered. It returns a *DisagreementError when fewer than n answer.
func Floor(ctx context.Context, question string, endpoints []string, n int, ask Ask[uint64]) (uint64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	replies := collect(ctx, endpoints, ask)
	got := make([]*Reply[uint64], len(endpoints))
	var values []uint64
	for answered := 0; answered < len(endpoints); answered++ {
		r := <-replies
		got[r.i] = &r.Reply
		if r.OK && r.Err == nil {
			values = append(values, r.Value)
		}
		if len(values) == n {
			return slices.Min(values), nil
		}
	}
	return 0, disagreement(question, endpoints, n, got)
}

type indexed[T any] struct {
	i int
	Reply[T]
}

// collect runs ask on every endpoint; the channel is buffered so that
// nobody blocks once the caller stops reading.
func collect[T any](ctx context.Context, endpoints []string, ask Ask[T]) <-chan indexed[T] {
	out := make(chan indexed[T], len(endpoints))
	for i := range endpoints {
		go func() { out <- indexed[T]{i, ask(ctx, i)} }()
	}
	return out
}

func disagreement[T any](question string, endpoints []string, n int, got []*Reply[T]) *DisagreementError {
	e := &DisagreementError{Question: question, Need: n, Answers: make([]Answer, len(endpoints))}
	for i, url := range endpoints {
		e.Answers[i] = Answer{Endpoint: url}
		switch r := got[i]; {
		case r == nil:
			e.Answers[i].Err = errors.New("no answer yet")
		case !r.OK && r.Err != nil:
			e.Answers[i].Err = r.Err
		case !r.OK:
			e.Answers[i].Err = errors.New("no usable answer")
		default:
			e.Answers[i].Said = r.Said
		}
	}
	return e
}
