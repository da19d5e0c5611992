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
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/bundle/hostile"
)

func newBenchHTTPCommand() *cobra.Command {
	return newCommand(&benchHTTPOptions{}, &cobra.Command{
		Use:   "http --url URL --input FILE",
		Short: "Load a local verify API with POSTs for a fixed time, optionally under attack; print throughput and latency percentiles",
		Long: `http sends FILE to URL as fast as --concurrency connections allow for
--duration (at most 5 minutes), then prints requests per second and the
latency distribution. URL must be on this machine (127.0.0.0/8, ::1 or
localhost): this is a benchmark, not a traffic generator. Start the server
with --rate-limit 0, or the per-IP limit answers most requests with 429.

With --hostile N, N more connections attack the same server meanwhile,
round robin: a PNG that declares 3.6 gigapixels, a CS1 string that inflates
to 100 MB, a bundle object of 30,000 members, the genuine bundle with one
of four forged X-Forwarded-For headers, and garbage CS1 text. The latency figures are then
those of the genuine requests during the attack. With --server-pid, the
server's peak resident memory (VmHWM) is printed at the end.

With --spread, each genuine connection comes from its own loopback address
(127.0.0.2, 127.0.0.3, …) and every hostile one from 127.0.0.200, as many
clients and one attacker would: the server's per-IP rate limit then tells
them apart (leave it on), whatever X-Forwarded-For says.`,
		Example: `  credseal verifier serve --rate-limit 0 &
  credseal bench http --url http://127.0.0.1:8090/api/v1/verify --input out/run/batch-000001/0000-zoe-muller-oberg.credseal.json
  credseal bench http --input grad.credseal.json --concurrency 4 --hostile 16 --server-pid $(pgrep -f 'verifier serve')
  credseal bench http --input grad.credseal.json --concurrency 4 --hostile 16 --spread   # against the default --rate-limit`,
		Args: cobra.NoArgs,
	})
}

type benchHTTPOptions struct {
	url         string
	input       string
	contentType string
	duration    time.Duration
	concurrency int
	hostile     int
	serverPID   int
	spread      bool
	rate        float64
}

func (o *benchHTTPOptions) flags(f *pflag.FlagSet) {
	f.StringVar(&o.url, "url", "http://127.0.0.1:8090/api/v1/verify", "endpoint on this machine")
	f.StringVarP(&o.input, "input", "i", "", "request body (a bundle JSON, or a CS1 string with --content-type text/plain)")
	f.StringVar(&o.contentType, "content-type", "application/json", "request content type")
	f.DurationVar(&o.duration, "duration", 30*time.Second, "how long to send (at most 5m)")
	f.IntVar(&o.concurrency, "concurrency", 32, "connections sending the genuine request at once (1..1024)")
	f.IntVar(&o.hostile, "hostile", 0, "connections sending hostile requests at the same time (0..1024)")
	f.IntVar(&o.serverPID, "server-pid", 0, "process ID of the server, to report its peak resident memory (Linux)")
	f.BoolVar(&o.spread, "spread", false, "send each genuine connection from its own loopback address, the hostile ones from another")
	f.Float64Var(&o.rate, "rate", 0, "requests per second of each genuine connection (0: as fast as it can)")
	_ = cobra.MarkFlagRequired(f, "input")
}

// benchRequest is one request a load worker sends.
type benchRequest struct {
	body        []byte
	contentType string
	header      http.Header
}

// loadResult is what one worker saw.
type loadResult struct {
	latencies []time.Duration
	codes     map[int]int
	errs      int
}

func (o *benchHTTPOptions) run(cmd *cobra.Command, _ []string) error {
	u, err := url.Parse(o.url)
	if err != nil {
		return badInput(err)
	}
	if !loopback(u.Hostname()) {
		return badInput(fmt.Errorf("%s is not on this machine: bench http only loads loopback addresses", u.Host))
	}
	if o.duration <= 0 || o.duration > 5*time.Minute || o.concurrency < 1 || o.concurrency > 1024 || o.hostile < 0 || o.hostile > 1024 {
		return badInput(errors.New("--duration must be 0..5m, --concurrency 1..1024 and --hostile 0..1024"))
	}
	body, err := os.ReadFile(o.input)
	if err != nil {
		return badInput(err)
	}
	var attacks []benchRequest
	if o.hostile > 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "making the hostile requests…")
		attacks = hostileRequests(body, o.contentType)
	}
	shared := benchClient(nil, o.concurrency+o.hostile)
	attacker := shared
	if o.spread {
		attacker = benchClient(net.IPv4(127, 0, 0, 200), o.hostile)
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), o.duration)
	defer cancel()

	genuine := make([]loadResult, o.concurrency)
	hostile := make([]loadResult, o.hostile)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range genuine {
		client := shared
		if o.spread {
			client = benchClient(net.IPv4(127, 0, 0, byte(2+w%190)), 1)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tick *time.Ticker
			if o.rate > 0 {
				tick = time.NewTicker(time.Duration(float64(time.Second) / o.rate))
				defer tick.Stop()
			}
			load(ctx, client, o.url, &genuine[w], func(int) benchRequest {
				if tick != nil {
					select {
					case <-tick.C:
					case <-ctx.Done():
					}
				}
				return benchRequest{body: body, contentType: o.contentType}
			})
		}()
	}
	for w := range hostile {
		wg.Add(1)
		go func() {
			defer wg.Done()
			load(ctx, attacker, o.url, &hostile[w], func(i int) benchRequest { return attacks[(i+w)%len(attacks)] })
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	out := cmd.OutOrStdout()
	all, codes, errs := merge(genuine)
	what := "requests"
	if o.hostile > 0 {
		what = "genuine requests during the attack"
	}
	fmt.Fprintf(out, "%d %s in %s with %d connections: %.0f requests/s\n", len(all), what, elapsed.Round(time.Millisecond), o.concurrency, float64(len(all))/elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n", pct(all, 0.50).Round(time.Microsecond), pct(all, 0.90).Round(time.Microsecond),
		pct(all, 0.99).Round(time.Microsecond), pct(all, 1).Round(time.Microsecond))
	fmt.Fprintf(out, "status codes %v, transport errors %d\n", codes, errs)
	if o.hostile > 0 {
		h, hcodes, herrs := merge(hostile)
		fmt.Fprintf(out, "hostile: %d requests from %d connections, status codes %v, transport errors %d, p99 %s\n",
			len(h), o.hostile, hcodes, herrs, pct(h, 0.99).Round(time.Microsecond))
	}
	if o.serverPID > 0 {
		if hwm, err := peakRSS(o.serverPID); err == nil {
			fmt.Fprintf(out, "server peak RSS %.0f MiB\n", float64(hwm)/(1<<20))
		} else {
			fmt.Fprintf(out, "server peak RSS unknown: %v\n", err)
		}
	}
	if codes[http.StatusOK] != len(all) || errs > 0 {
		return &ExitError{Code: ExitFailure, Err: errors.New("not every genuine request succeeded")}
	}
	return nil
}

// benchClient keeps up to conns connections, from the loopback address
// from when it is set.
func benchClient(from net.IP, conns int) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if from != nil {
		d.LocalAddr = &net.TCPAddr{IP: from}
	}
	tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// load sends next(i) for i = 0, 1, … until ctx ends, recording each answer.
func load(ctx context.Context, client *http.Client, url string, r *loadResult, next func(i int) benchRequest) {
	r.codes = map[int]int{}
	for i := 0; ctx.Err() == nil; i++ {
		b := next(i)
		if ctx.Err() != nil {
			return
		}
		t0 := time.Now()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b.body))
		for k, v := range b.header {
			req.Header[k] = v
		}
		req.Header.Set("Content-Type", b.contentType)
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
}

func merge(rs []loadResult) ([]time.Duration, map[int]int, int) {
	var all []time.Duration
	codes := map[int]int{}
	errs := 0
	for _, r := range rs {
		all = append(all, r.latencies...)
		for c, n := range r.codes {
			codes[c] += n
		}
		errs += r.errs
	}
	slices.Sort(all)
	return all, codes, errs
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// peakRSS reads a process's peak resident set size (VmHWM) from /proc.
func peakRSS(pid int) (int64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// hostileRequests are the attacks of --hostile, made once.
func hostileRequests(genuine []byte, contentType string) []benchRequest {
	reqs := []benchRequest{
		// 60,000 × 60,000 grey pixels declared over 1 GiB of compressed
		// zeros (about 1 MiB): decoding it would take 3.6 GB.
		{body: hostile.PNGBomb(60_000, 60_000, 1<<30), contentType: "image/png"},
		{body: []byte(hostile.InflationBomb(100 << 20)), contentType: "text/plain"},
		{body: hostile.ManyMembers(30_000), contentType: "application/json"},
	}
	// The genuine bundle, claiming four other clients by X-Forwarded-For.
	for i := range 4 {
		h := http.Header{}
		h.Set("X-Forwarded-For", fmt.Sprintf("198.51.100.%d, 203.0.113.%d", i*50, i*50+7))
		reqs = append(reqs, benchRequest{body: genuine, contentType: contentType, header: h})
	}
	// Garbage after the CS1 prefix.
	garbage := make([]byte, 3072)
	for i := range garbage {
		garbage[i] = byte(i * 7919)
	}
	return append(reqs, benchRequest{body: []byte(bundle.Prefix + bundle.Base45(garbage)), contentType: "text/plain"})
}

// loopback reports whether host names this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
