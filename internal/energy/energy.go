// Package energy says how much energy a CPU-bound job (sealing a batch)
// used: measured by Linux's powercap RAPL counters where the process may
// read them, else estimated from the time, the cores kept busy and a
// per-core power figure (docs/PERFORMANCE.md gives its source).
package energy

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// WattsPerCore is the power one fully busy core is taken to draw when
// nothing measures it: a server or laptop core under a SIMD load, package
// power divided by cores (docs/PERFORMANCE.md, "Energy").
const WattsPerCore = 7.0

// ReferenceHashRate is the double-SHA-256 header hashes one core tries a
// second with credseal's kernels (docs/PERFORMANCE.md): what a verifier,
// which cannot know the issuer's machine, assumes to estimate a seal's
// energy from its difficulty.
const ReferenceHashRate = 25e6

// Source says where a figure comes from.
type Source string

const (
	// RAPL is measured: the CPU packages' energy counters, which also count
	// whatever else ran meanwhile.
	RAPL Source = "rapl"
	// Estimate is time × busy cores × WattsPerCore.
	Estimate Source = "estimate"
)

// powercapDir is where Linux publishes RAPL domains (a variable for tests).
var powercapDir = "/sys/class/powercap"

// Meter measures one job: Start it before, Stop it after.
type Meter struct {
	start   time.Time
	domains []domain
}

type domain struct {
	dir        string
	startUJ    uint64
	maxRangeUJ uint64
}

// Start reads the package-level RAPL counters (intel-rapl:N, which the
// kernel also uses for AMD's), when every one of them is readable.
func Start() *Meter {
	m := &Meter{start: time.Now()}
	dirs, _ := filepath.Glob(filepath.Join(powercapDir, "intel-rapl:*"))
	for _, d := range dirs {
		if strings.Count(filepath.Base(d), ":") != 1 {
			continue // a subdomain (core, uncore, dram) of a package
		}
		uj, err1 := readUint(filepath.Join(d, "energy_uj"))
		max, err2 := readUint(filepath.Join(d, "max_energy_range_uj"))
		if err1 != nil || err2 != nil {
			m.domains = nil
			return m
		}
		m.domains = append(m.domains, domain{dir: d, startUJ: uj, maxRangeUJ: max})
	}
	return m
}

// Stop returns the energy used since Start, in joules, and its source:
// RAPL when the counters were readable and moved, else the estimate for
// busyCores kept busy for the time elapsed.
func (m *Meter) Stop(busyCores int) (joules float64, source Source) {
	elapsed := time.Since(m.start)
	var total uint64
	ok := len(m.domains) > 0
	for _, d := range m.domains {
		uj, err := readUint(filepath.Join(d.dir, "energy_uj"))
		if err != nil {
			ok = false
			break
		}
		if uj >= d.startUJ {
			total += uj - d.startUJ
		} else { // the counter wrapped
			total += d.maxRangeUJ - d.startUJ + uj
		}
	}
	if ok && total > 0 {
		return float64(total) / 1e6, RAPL
	}
	return Estimated(elapsed, busyCores), Estimate
}

// Estimated is the energy busyCores use in d at WattsPerCore.
func Estimated(d time.Duration, busyCores int) float64 {
	return d.Seconds() * float64(max(busyCores, 1)) * WattsPerCore
}

// ForHashes estimates the energy of trying hashes at ReferenceHashRate a
// core and WattsPerCore.
func ForHashes(hashes float64) float64 {
	return hashes / ReferenceHashRate * WattsPerCore
}

func readUint(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
}
