package cli

import (
	"context"
	"testing"

	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/verifier"
)

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
