package vc_test

import (
	"errors"
	"testing"

	"github.com/credseal/credseal/pkg/vc"
)

// poison is a credential whose canonicalisation tries (2k)! orderings of
// alike blank nodes: two results with k identical alignments each.
func poison(k int) map[string]any {
	alignments := func() []any {
		var out []any
		for range k {
			out = append(out, map[string]any{"type": []any{"Alignment"}, "targetName": "x", "targetUrl": "https://a.example/"})
		}
		return out
	}
	return map[string]any{
		"@context": []any{vc.ContextVC2, vc.ContextOB3},
		"type":     []any{"VerifiableCredential", "OpenBadgeCredential"},
		"credentialSubject": map[string]any{"type": []any{"AchievementSubject"}, "result": []any{
			map[string]any{"type": []any{"Result"}, "alignment": alignments()},
			map[string]any{"type": []any{"Result"}, "alignment": alignments()},
		}},
	}
}

// TestCanonicalizeRefusesPoisonGraphs: a few hundred bytes that would hold
// the CPU for minutes (k = 10) are refused at once; a credential with a
// few alike objects still canonicalises.
func TestCanonicalizeRefusesPoisonGraphs(t *testing.T) {
	if _, err := vc.Canonicalize(poison(10)); !errors.Is(err, vc.ErrTooComplex) {
		t.Fatalf("poison graph: %v", err)
	}
	if _, err := vc.Canonicalize(poison(2)); err != nil {
		t.Fatalf("two results of two alike alignments: %v", err)
	}
}
