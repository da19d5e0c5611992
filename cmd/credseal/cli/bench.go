package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/seal"
)

func newBenchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure credseal on this machine",
		Long: `bench runs measurements whose figures go into docs/PERFORMANCE.md. They are
bounded in time, and load tests only target this machine (loopback).`,
		Example: `  credseal bench seal
  credseal bench http --url http://127.0.0.1:8090/api/v1/verify --input grad.credseal.json --duration 30s`,
	}
	cmd.AddCommand(newBenchHTTPCommand(), newBenchSealCommand())
	return cmd
}

type benchHTTPOptions struct {
	url         string
	input       string
	contentType string
	duration    time.Duration
	concurrency int
}

func newBenchHTTPCommand() *cobra.Command {
	o := &benchHTTPOptions{}
	cmd := &cobra.Command{
		Use:   "http --url URL --input FILE",
		Short: "Load a local verify API with POSTs for a fixed time; print throughput and latency percentiles",
		Long: `http sends FILE to URL as fast as --concurrency connections allow for
--duration (at most 5 minutes), then prints requests per second and the
latency distribution. URL must be on this machine (127.0.0.0/8, ::1 or
localhost): this is a benchmark, not a traffic generator. Start the server
with --rate-limit 0, or the per-IP limit answers most requests with 429.`,
		Example: `  credseal verifier serve --rate-limit 0 &
  credseal bench http --url http://127.0.0.1:8090/api/v1/verify --input out/run/batch-000001/0000-zoe-muller-oberg.credseal.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBenchHTTP(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.url, "url", "http://127.0.0.1:8090/api/v1/verify", "endpoint on this machine")
	f.StringVarP(&o.input, "input", "i", "", "request body (a bundle JSON, or a CS1 string with --content-type text/plain)")
	f.StringVar(&o.contentType, "content-type", "application/json", "request content type")
	f.DurationVar(&o.duration, "duration", 30*time.Second, "how long to send (at most 5m)")
	f.IntVar(&o.concurrency, "concurrency", 32, "connections sending at once (1..1024)")
	_ = cmd.MarkFlagRequired("input")
	return cmd
}

func runBenchHTTP(cmd *cobra.Command, o *benchHTTPOptions) error {
	u, err := url.Parse(o.url)
	if err != nil {
		return badInput(err)
	}
	if !loopback(u.Hostname()) {
		return badInput(fmt.Errorf("%s is not on this machine: bench http only loads loopback addresses", u.Host))
	}
	if o.duration <= 0 || o.duration > 5*time.Minute || o.concurrency < 1 || o.concurrency > 1024 {
		return badInput(errors.New("--duration must be 0..5m and --concurrency 1..1024"))
	}
	body, err := os.ReadFile(o.input)
	if err != nil {
		return badInput(err)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: o.concurrency, MaxConnsPerHost: o.concurrency}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(cmd.Context(), o.duration)
	defer cancel()

	type result struct {
		latencies []time.Duration
		codes     map[int]int
		errs      int
	}
	results := make([]result, o.concurrency)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[w]
			r.codes = map[int]int{}
			for ctx.Err() == nil {
				t0 := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, o.url, bytes.NewReader(body))
				req.Header.Set("Content-Type", o.contentType)
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						r.errs++
					}
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				r.latencies = append(r.latencies, time.Since(t0))
				r.codes[resp.StatusCode]++
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	codes := map[int]int{}
	errs := 0
	for _, r := range results {
		all = append(all, r.latencies...)
		for c, n := range r.codes {
			codes[c] += n
		}
		errs += r.errs
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%d requests in %s with %d connections: %.0f requests/s\n", len(all), elapsed.Round(time.Millisecond), o.concurrency, float64(len(all))/elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n", pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	fmt.Fprintf(out, "status codes %v, transport errors %d\n", codes, errs)
	if codes[http.StatusOK] != len(all) || errs > 0 {
		return &ExitError{Code: ExitFailure, Err: errors.New("not every request succeeded")}
	}
	return nil
}

// loopback reports whether host names this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newBenchSealCommand() *cobra.Command {
	o := benchSealOptions{}
	cmd := &cobra.Command{
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.each <= 0 || o.each > time.Minute || o.rounds < 1 || o.rounds > 20 {
				return badInput(errors.New("--each must be 0..1m and --rounds 1..20"))
			}
			return runBenchSeal(cmd, o)
		},
	}
	cmd.Flags().DurationVar(&o.each, "each", time.Second, "how long each measurement runs in each round")
	cmd.Flags().IntVar(&o.rounds, "rounds", 3, "interleaved rounds; each figure is the best of them")
	return cmd
}

type benchSealOptions struct {
	each   time.Duration
	rounds int
}

// sealFigures is one core's figures over the rounds.
type sealFigures struct {
	one, all float64   // best nonces per second, one worker and every CPU
	cycles   []float64 // per nonce with one worker, each round's estimate
}

func runBenchSeal(cmd *cobra.Command, o benchSealOptions) error {
	out := cmd.OutOrStdout()
	cores := seal.Cores()
	fmt.Fprintf(out, "%d CPUs; %d rounds of %s per measurement; credseal seals with %s\n", runtime.GOMAXPROCS(0), o.rounds, o.each, seal.Core())
	var naive float64
	figures := make([]sealFigures, len(cores))
	for range o.rounds {
		naive = max(naive, seal.MeasureNaive(o.each))
		for i, name := range cores {
			before := clockHz()
			one, err := seal.Measure(cmd.Context(), name, 1, o.each)
			if err != nil {
				return err
			}
			hz := (before + clockHz()) / 2
			all, err := seal.Measure(cmd.Context(), name, 0, o.each)
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
		if name == seal.Core() {
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
