package cli

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/sha256simd"
)

func newBenchSealCommand() *cobra.Command {
	return newCommand(&benchSealOptions{}, &cobra.Command{
		Use:   "seal",
		Short: "Measure every SHA-256 sealing core here, per core and on all cores, against the naive loop",
		Long: `seal measures the nonce search of every core this CPU can run, with one
worker and with one per CPU, next to the naive loop
sha256.Sum256(sha256.Sum256(header)) measured in the same run, and prints
nonces per second and the ratio. The core marked * is the one credseal uses.

The measurements run in --rounds interleaved rounds and each figure is the
best of its rounds, so a slow spell of a shared machine does not land on one
core only. Cycles per nonce (one worker) use the clock as timed, beside each
measurement, by a chain of dependent multiplies (3 cycles each on x86-64),
and are the median of the rounds: the clock of a shared machine moves.`,
		Example: "  credseal bench seal\n  credseal bench seal --each 2s --rounds 5",
		Args:    cobra.NoArgs,
	})
}

type benchSealOptions struct {
	each   time.Duration
	rounds int
}

func (o *benchSealOptions) flags(f *pflag.FlagSet) {
	f.DurationVar(&o.each, "each", time.Second, "how long each measurement runs in each round")
	f.IntVar(&o.rounds, "rounds", 3, "interleaved rounds; each figure is the best of them")
}

// sealFigures is one core's figures over the rounds.
type sealFigures struct {
	one, all float64   // best nonces per second, one worker and every CPU
	cycles   []float64 // per nonce with one worker, each round's estimate
}

func (o *benchSealOptions) run(cmd *cobra.Command, _ []string) error {
	if o.each <= 0 || o.each > time.Minute || o.rounds < 1 || o.rounds > 20 {
		return badInput(errors.New("--each must be 0..1m and --rounds 1..20"))
	}
	out := cmd.OutOrStdout()
	cores := sha256simd.Cores()
	fmt.Fprintf(out, "%d CPUs; %d rounds of %s per measurement; credseal seals with %s\n", runtime.GOMAXPROCS(0), o.rounds, o.each, sha256simd.Active().Name())
	var naive float64
	figures := make([]sealFigures, len(cores))
	for range o.rounds {
		naive = max(naive, sha256simd.MeasureNaive(o.each))
		for i, name := range cores {
			before := clockHz()
			one, err := sha256simd.Measure(cmd.Context(), name, 1, o.each)
			if err != nil {
				return err
			}
			hz := (before + clockHz()) / 2
			all, err := sha256simd.Measure(cmd.Context(), name, 0, o.each)
			if err != nil {
				return err
			}
			f := &figures[i]
			f.one, f.all = max(f.one, one), max(f.all, all)
			if hz > 0 {
				f.cycles = append(f.cycles, hz/one)
			}
		}
	}
	fmt.Fprintf(out, "naive loop: %.2f M nonces/s on one core\n\n", naive/1e6)
	fmt.Fprintf(out, "  %-16s %14s %10s %12s %14s %10s\n", "core", "1 worker", "vs naive", "cycles/nonce", "all workers", "scaling")
	for i, name := range cores {
		f := figures[i]
		mark := " "
		if name == sha256simd.Active().Name() {
			mark = "*"
		}
		cycles := "-"
		if len(f.cycles) > 0 {
			slices.Sort(f.cycles)
			cycles = fmt.Sprintf("%.0f", f.cycles[len(f.cycles)/2])
		}
		fmt.Fprintf(out, "%s %-16s %12.2f M %9.2fx %12s %12.2f M %9.2fx\n", mark, name, f.one/1e6, f.one/naive, cycles, f.all/1e6, f.all/f.one)
	}
	return nil
}

// clockHz estimates the clock of the core running it from a chain of
// dependent 64-bit multiplies, which take 3 cycles each on every x86-64 of
// the last decade; elsewhere it returns 0 (unknown).
func clockHz() float64 {
	if runtime.GOARCH != "amd64" {
		return 0
	}
	const n = 10_000_000
	x := uint64(1)
	start := time.Now()
	for range n {
		x *= 0x9e3779b97f4a7c15
	}
	elapsed := time.Since(start)
	clockSink = x
	return 3 * n / elapsed.Seconds()
}

// clockSink keeps the multiplies from being optimised away.
var clockSink uint64
