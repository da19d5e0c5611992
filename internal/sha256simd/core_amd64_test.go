//go:build amd64 && !purego

package sha256simd

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestKernelMasks calls every kernel this CPU runs on single groups and
// compares the candidate mask with the reference lane by lane, for groups
// that start anywhere (across lanes, register sets and the top of the nonce
// space) and a threshold that makes about a quarter of the lanes candidates.
func TestKernelMasks(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, kn := range usableKernels() {
		for trial := range 200 {
			h := randomHeader(r, 4)
			j := h.job()
			j.tab.top = 0x40000000
			start := r.Uint32()
			if trial%10 == 0 {
				start = math.MaxUint32 - uint32(r.IntN(2*kn.group))
			}
			var want uint32
			for i := range kn.group {
				if lastWordLimb(h, start+uint32(i)) <= j.tab.top {
					want |= 1 << i
				}
			}
			off, mask := kn.fn(&j.tab, new(vecBuf), start, uint32(kn.group))
			if mask != want || (mask == 0) != (off >= uint32(kn.group)) || (mask != 0 && off != 0) {
				t.Fatalf("%s from %d: offset %d mask %0*b, want mask %0*b", kn.name, start, off, kn.group, mask, kn.group, want)
			}
		}
	}
}

// TestKernelsRecheckCandidates makes every lane a candidate, so the scan
// loop must check each in full and go on past the false ones, group after
// group, to the same answer as the naive loop.
func TestKernelsRecheckCandidates(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for _, kn := range usableKernels() {
		for range 20 {
			h := randomHeader(r, 9)
			start := r.Uint32()
			count := min(uint64(2000), math.MaxUint32+1-uint64(start))
			want, wantOK := naiveLowest(h, start, count)
			j := h.job()
			j.tab.top = math.MaxUint32
			got, ok := scanKernel(j, new(vecBuf), start, count, kn.fn, kn.group)
			if ok != wantOK || got != want {
				t.Fatalf("%s from %d: got %d %v, want %d %v", kn.name, start, got, ok, want, wantOK)
			}
		}
	}
}

func TestPickFastest(t *testing.T) {
	for _, c := range []struct {
		times []time.Duration
		want  int
	}{
		{[]time.Duration{100, 96, 99}, 0},  // within 5%: the first listed
		{[]time.Duration{100, 94, 99}, 1},  // clearly faster
		{[]time.Duration{100, 94, 90}, 1},  // 90 is not 5% under 94
		{[]time.Duration{100, 94, 89}, 2},  // 89 is
		{[]time.Duration{50, 100, 200}, 0}, // slower ones never win
	} {
		for i := range c.times {
			c.times[i] *= time.Microsecond
		}
		if got := pickFastest(c.times); got != c.want {
			t.Errorf("pickFastest(%v) = %d, want %d", c.times, got, c.want)
		}
	}
}

// TestKernelsListed checks that this CPU's kernels are the ones Search
// offers, ahead of the two Go cores, and that Search uses one of them: the
// fastest, timed at the first search.
func TestKernelsListed(t *testing.T) {
	ks := usableKernels()
	cs := available()
	if len(cs) != len(ks)+2 {
		t.Fatalf("available %d cores for %d kernels", len(cs), len(ks))
	}
	for i, kn := range ks {
		if cs[i].name != kn.name {
			t.Errorf("core %d is %s, want %s", i, cs[i].name, kn.name)
		}
	}
	want := []string{stdlibCore.name}
	if len(ks) > 0 {
		want = nil
		for _, kn := range ks {
			want = append(want, kn.name)
		}
	}
	if !slices.Contains(want, Active().Name()) {
		t.Errorf("Search uses %s, want one of %v", Active().Name(), want)
	}
	t.Logf("this CPU: %v; Search uses %s", Cores(), Active().Name())
}
