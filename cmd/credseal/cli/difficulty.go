package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"time"

	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/energy"
	"github.com/credseal/credseal/pkg/seal"
)

// Bounds on --difficulty: above warnDifficulty sealing takes long enough
// to be worth a word (minutes on a laptop); above forceDifficulty (days)
// it is refused without --force, since it is almost certainly a mistake.
const (
	warnDifficulty  = 32
	forceDifficulty = 40
)

// difficultyGuard is --force, shared by the commands that take --difficulty.
type difficultyGuard struct{ force bool }

func (g *difficultyGuard) flags(f *pflag.FlagSet) {
	f.BoolVar(&g.force, "force", false, fmt.Sprintf("accept a --difficulty above %d (days of sealing per batch)", forceDifficulty))
}

// check warns on w of a difficulty above warnDifficulty with the time and
// energy a seal is expected to take on this machine, and refuses one above
// forceDifficulty without --force.
func (g difficultyGuard) check(ctx context.Context, w io.Writer, difficulty int) error {
	if difficulty <= warnDifficulty {
		return nil
	}
	rate := measureHashRate(ctx)
	hashes := math.Ldexp(1, difficulty)
	cores := runtime.GOMAXPROCS(0)
	seconds := hashes / rate
	joules := energy.Estimated(time.Duration(seconds*float64(time.Second)), cores)
	msg := fmt.Sprintf("--difficulty %d: each batch needs about 2^%d = %.3g hashes: about %s on this machine's %d cores (%.3g M hashes/s), and about %s (%d cores × %.0f W, docs/PERFORMANCE.md)",
		difficulty, difficulty, hashes, humanDuration(seconds), cores, rate/1e6, humanEnergy(joules), cores, energy.WattsPerCore)
	if difficulty > forceDifficulty && !g.force {
		return badInput(fmt.Errorf("%s; give --force to seal at this difficulty anyway", msg))
	}
	fmt.Fprintln(w, "credseal: warning: "+msg)
	return nil
}

// measureHashRate times the sealing search over 2^20 nonces on every core:
// a few milliseconds.
func measureHashRate(ctx context.Context) float64 {
	const n = 1 << 20
	bits, _ := seal.BitsForDifficulty(seal.MaxDifficulty) // never met: the whole range is searched
	start := time.Now()
	if _, _, err := seal.Search(ctx, seal.Header{Version: 1, Bits: bits}, 0, n, 0); err != nil {
		return energy.ReferenceHashRate * float64(runtime.GOMAXPROCS(0))
	}
	return n / max(time.Since(start).Seconds(), 1e-6)
}

func humanDuration(seconds float64) string {
	switch {
	case seconds < 120:
		return fmt.Sprintf("%.0f s", seconds)
	case seconds < 2*3600:
		return fmt.Sprintf("%.0f minutes", seconds/60)
	case seconds < 2*86400:
		return fmt.Sprintf("%.0f hours", seconds/3600)
	}
	return fmt.Sprintf("%.0f days", seconds/86400)
}

func humanEnergy(joules float64) string {
	switch {
	case joules < 3600:
		return fmt.Sprintf("%.3g J", joules)
	case joules < 3.6e6:
		return fmt.Sprintf("%.3g Wh", joules/3600)
	}
	return fmt.Sprintf("%.3g kWh", joules/3.6e6)
}
