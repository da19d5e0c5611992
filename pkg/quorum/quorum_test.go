package quorum_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/pkg/quorum"
)

var endpoints = []string{"http://a", "http://b", "http://c"}

// answers makes an Ask from fixed answers; "" is a failed endpoint and a
// value starting with "slow:" answers after a second.
func answers(said ...string) quorum.Ask[string] {
	return func(ctx context.Context, i int) quorum.Reply[string] {
		v := said[i]
		if rest, ok := strings.CutPrefix(v, "slow:"); ok {
			select {
			case <-time.After(time.Second):
			case <-ctx.Done():
				return quorum.Reply[string]{Err: ctx.Err()}
			}
			v = rest
		}
		if v == "" {
			return quorum.Reply[string]{Err: errors.New("connection refused")}
		}
		return quorum.Reply[string]{Value: v, Key: v, OK: true, Said: v}
	}
}

func TestSame(t *testing.T) {
	for _, tc := range []struct {
		name    string
		need    int
		said    []string
		want    string // "" for a disagreement
		fast    bool   // must not wait for the slow endpoint
		mention []string
	}{
		{"all agree", 3, []string{"x", "x", "x"}, "x", true, nil},
		{"a liar is outvoted", 2, []string{"x", "lie", "x"}, "x", true, nil},
		{"a liar blocks a unanimous quorum", 3, []string{"x", "lie", "x"}, "", true, []string{"http://b said lie", "http://a said x"}},
		{"two answers, two opinions", 2, []string{"x", "lie", ""}, "", true, []string{"http://c failed (connection refused)"}},
		{"a failure is no answer", 2, []string{"x", "", ""}, "", true, nil},
		{"the slow one is not waited for", 2, []string{"x", "slow:x", "x"}, "x", true, nil},
		{"the slow one is needed", 2, []string{"x", "slow:x", "y"}, "x", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got, err := quorum.Same(context.Background(), "record", endpoints, tc.need, answers(tc.said...))
			if fast := time.Since(start) < 500*time.Millisecond; tc.fast && !fast {
				t.Errorf("waited %s for an endpoint it did not need", time.Since(start))
			}
			if tc.want != "" {
				if err != nil || got != tc.want {
					t.Fatalf("got %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			var d *quorum.DisagreementError
			if !errors.As(err, &d) || !errors.Is(err, quorum.ErrDisagreement) || got != "" {
				t.Fatalf("got %q, %v; want a disagreement", got, err)
			}
			for _, m := range tc.mention {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("%q does not say %q", err, m)
				}
			}
		})
	}
}

// An answer that is an error (a revert, "not found") is an answer: when
// enough endpoints give it, it is the result.
func TestSameAgreedError(t *testing.T) {
	notFound := errors.New("not found")
	_, err := quorum.Same(context.Background(), "receipt", endpoints, 2, func(ctx context.Context, i int) quorum.Reply[int] {
		return quorum.Reply[int]{Err: notFound, OK: true, Key: "not found", Said: "not found"}
	})
	if err != notFound {
		t.Fatalf("got %v, want the agreed error", err)
	}
}

func TestFloor(t *testing.T) {
	num := func(vals ...int) quorum.Ask[uint64] {
		return func(ctx context.Context, i int) quorum.Reply[uint64] {
			if vals[i] < 0 {
				return quorum.Reply[uint64]{Err: errors.New("timeout")}
			}
			return quorum.Reply[uint64]{Value: uint64(vals[i]), OK: true}
		}
	}
	for _, tc := range []struct {
		vals []int
		need int
		want uint64
		ok   bool
	}{
		{[]int{10, 11, 10}, 3, 10, true},
		{[]int{10, 1 << 40, 10}, 2, 10, true}, // one endpoint cannot raise it
		{[]int{10, -1, 12}, 2, 10, true},
		{[]int{10, -1, -1}, 2, 0, false},
	} {
		got, err := quorum.Floor(context.Background(), "head", endpoints, tc.need, num(tc.vals...))
		if tc.ok != (err == nil) || got != tc.want {
			t.Errorf("Floor(%v, need %d) = %d, %v; want %d", tc.vals, tc.need, got, err, tc.want)
		}
	}
}

func ExampleSame() {
	said := []string{"revoked", "not revoked", "revoked"}
	v, err := quorum.Same(context.Background(), "revocation", endpoints, 2, func(ctx context.Context, i int) quorum.Reply[string] {
		return quorum.Reply[string]{Value: said[i], Key: said[i], OK: true, Said: said[i]}
	})
	fmt.Println(v, err)
	// Output: revoked <nil>
}

// A report shows where long answers differ, not their common start.
func TestDisagreementShowsTheDifference(t *testing.T) {
	long := strings.Repeat("0", 300)
	_, err := quorum.Same(context.Background(), "status", endpoints[:2], 2, answers(long+"1"+long, long+"0"+long))
	msg := err.Error()
	if !strings.Contains(msg, "said …"+strings.Repeat("0", 16)+"1") || !strings.Contains(msg, "said …"+strings.Repeat("0", 16)+"0") || len(msg) > 400 {
		t.Fatalf("the report hides the difference or is too long (%d bytes):\n%s", len(msg), msg)
	}
}
