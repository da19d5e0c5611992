package energy

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A powercap tree as Linux lays it out: packages intel-rapl:0 and :1, a
// subdomain intel-rapl:0:0 that must not be counted twice.
func fakePowercap(t *testing.T, uj map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, v := range uj {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "energy_uj"), []byte(v+"\n"), 0o644)
		os.WriteFile(filepath.Join(d, "max_energy_range_uj"), []byte("1000000000\n"), 0o644)
	}
	old := powercapDir
	powercapDir = dir
	t.Cleanup(func() { powercapDir = old })
}

func setUJ(t *testing.T, name, v string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(powercapDir, name, "energy_uj"), []byte(v+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRAPL(t *testing.T) {
	fakePowercap(t, map[string]string{"intel-rapl:0": "5000000", "intel-rapl:1": "999000000", "intel-rapl:0:0": "7"})
	m := Start()
	setUJ(t, "intel-rapl:0", "7500000")   // 2.5 J
	setUJ(t, "intel-rapl:1", "1000000")   // wrapped: 1 J + 1 J
	setUJ(t, "intel-rapl:0:0", "9999999") // a subdomain: not counted
	j, src := m.Stop(2)
	if src != RAPL || j != 4.5 {
		t.Fatalf("got %v J from %s, want 4.5 J from RAPL", j, src)
	}
}

// Counters that do not move (a VM's), are unreadable, or are absent give
// the estimate.
func TestEstimateWithoutRAPL(t *testing.T) {
	fakePowercap(t, map[string]string{"intel-rapl:0": "5000000"})
	m := Start()
	m.start = m.start.Add(-2 * time.Second)
	if j, src := m.Stop(3); src != Estimate || j < 2*3*WattsPerCore {
		t.Fatalf("still counters: %v J from %s", j, src)
	}
	powercapDir = t.TempDir()
	if j, src := Start().Stop(1); src != Estimate || j < 0 {
		t.Fatalf("no powercap: %v J from %s", j, src)
	}
}

func TestForHashes(t *testing.T) {
	if got := ForHashes(ReferenceHashRate); got != WattsPerCore {
		t.Fatalf("one core-second of hashes: %v J, want %v", got, WattsPerCore)
	}
}
