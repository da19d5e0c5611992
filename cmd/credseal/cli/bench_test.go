package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/credseal/credseal/internal/sha256simd"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/verifier"
)

// TestBenchSeal runs a short bench seal: a row for every core this CPU
// runs, the one sealing uses marked, and bounds on its flags.
func TestBenchSeal(t *testing.T) {
	out, err := run(t, "bench", "seal", "--each", "20ms", "--rounds", "1")
	if err != nil {
		t.Fatalf("bench seal: %v\n%s", err, out)
	}
	if !strings.Contains(out, "naive loop:") {
		t.Errorf("no naive baseline:\n%s", out)
	}
	for _, name := range sha256simd.Cores() {
		mark := " "
		if name == sha256simd.Active().Name() {
			mark = "*"
		}
		if !strings.Contains(out, "\n"+mark+" "+name+" ") {
			t.Errorf("no row %q for core %s:\n%s", mark, name, out)
		}
	}
	for _, args := range [][]string{{"--each", "0s"}, {"--rounds", "0"}, {"--rounds", "50"}} {
		if _, err := run(t, append([]string{"bench", "seal"}, args...)...); exitCode(err) != ExitBadInput {
			t.Errorf("bench seal %v: exit %d, want %d", args, exitCode(err), ExitBadInput)
		}
	}
}

// BenchmarkVerifyWarm verifies anchored bundles in-process with every check
// (chain checks answered by the warm cache), on all cores.
func BenchmarkVerifyWarm(b *testing.B) {
	batch, env, _, _ := anchoredCohort(b, "registrar.example.edu")
	reg := trustedRegistry(env.Client(chaintest.Account{}))
	reg.Reader = verifier.NewCache(reg.Reader, verifier.CacheOptions{})
	v := verifier.New(verifier.Options{Registries: []verifier.Registry{reg}})
	var inputs [][]byte
	for i := range 16 {
		bun, err := batch.Bundle(i)
		if err != nil {
			b.Fatal(err)
		}
		js, _ := bun.MarshalJSON()
		inputs = append(inputs, js)
		if res := v.VerifyBytes(context.Background(), js); res.Verdict != verifier.Verified { // warms the cache
			b.Fatalf("%s", res.Verdict)
		}
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if res := v.VerifyBytes(context.Background(), inputs[i%len(inputs)]); res.Verdict != verifier.Verified {
				b.Errorf("verdict %s", res.Verdict)
			}
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verifications/s")
}
