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
	var each time.Duration
	cmd := &cobra.Command{
		Use:   "seal",
		Short: "Measure every SHA-256 sealing core here, per core and on all cores, against the naive loop",
		Long: `seal measures the nonce search of every core this CPU can run, with one
worker and with one per CPU, next to the naive loop
sha256.Sum256(sha256.Sum256(header)) measured in the same run, and prints
nonces per second and the ratio. The core marked * is the one credseal uses.`,
		Example: "  credseal bench seal\n  credseal bench seal --each 5s",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			naive := seal.MeasureNaive(each)
			fmt.Fprintf(out, "%d CPUs; naive loop: %.2f M nonces/s on one core\n\n", runtime.GOMAXPROCS(0), naive/1e6)
			fmt.Fprintf(out, "  %-16s %14s %10s %14s %10s\n", "core", "1 worker", "vs naive", "all workers", "scaling")
			for _, name := range seal.Cores() {
				one, err := seal.Measure(cmd.Context(), name, 1, each)
				if err != nil {
					return err
				}
				all, err := seal.Measure(cmd.Context(), name, 0, each)
				if err != nil {
					return err
				}
				mark := " "
				if name == seal.Core() {
					mark = "*"
				}
				fmt.Fprintf(out, "%s %-16s %12.2f M %9.2fx %12.2f M %9.2fx\n", mark, name, one/1e6, one/naive, all/1e6, all/one)
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&each, "each", 2*time.Second, "how long each measurement runs")
	return cmd
}
