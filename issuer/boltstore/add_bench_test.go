package boltstore_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
	"github.com/credseal/credseal/pkg/credential"
)

// BenchmarkAdd stores n credentials through Add in chunks of the given
// size (Service.Submit's is 25,000), with random content and token hashes,
// so that those two indexes take random inserts as they do in production,
// time-ordered ids as intake makes them, and documents of the sample
// cohort's size. It reports the rate over the whole run and over its last
// tenth (Add slows as the indexes grow), the CPU time per credential, the
// file's bytes per credential, and the peaks of anonymous and file-backed
// resident memory (the latter: database pages bbolt read through its mmap,
// with the kernel's fault-around). A million credentials take a minute or
// more: set CREDSEAL_BENCH_MILLION=1 to include them.
func BenchmarkAdd(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("CREDSEAL_BENCH_MILLION") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		for _, chunk := range []int{10_000, 25_000, 50_000} {
			b.Run(fmt.Sprintf("n=%d/chunk=%d", n, chunk), func(b *testing.B) { benchmarkAdd(b, n, chunk) })
		}
	}
}

func benchmarkAdd(b *testing.B, n, chunk int) {
	doc, err := cohort(b)[0].JSON()
	if err != nil {
		b.Fatal(err)
	}
	stop := sampleRSS()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "issuer.db")
		db, err := boltstore.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, tail, tailFrom, cpu := time.Now(), time.Time{}, 0, cpuTime()
		recs := make([]*issuer.StoredCredential, chunk)
		for lo := 0; lo < n; lo += chunk {
			if lo+chunk > n-n/10 && tail.IsZero() { // the chunks that store the last tenth
				tail, tailFrom = time.Now(), lo
			}
			for i := range recs {
				recs[i] = syntheticRecord(lo+i, doc)
			}
			if _, err := db.Add(ctx, recs[:min(chunk, n-lo)], false); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "credentials/s")
		b.ReportMetric(float64(n-tailFrom)/time.Since(tail).Seconds(), "last-tenth-credentials/s")
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(n)*1e6, "CPU-µs/credential")
		b.StopTimer()
		db.Close()
		if st, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(st.Size())/float64(n), "file-bytes/credential")
		}
		b.StartTimer()
	}
	anon, file := stop()
	b.ReportMetric(float64(anon)/(1<<20), "peak-anon-MiB")
	b.ReportMetric(float64(file)/(1<<20), "peak-file-MiB")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sampleRSS samples the process's anonymous and file-backed resident
// memory every 50 ms until stop is called, which returns the peaks of each
// (the file-backed part is the database's pages read through bbolt's mmap).
func sampleRSS() (stop func() (anon, file int64)) {
	done, peaks := make(chan struct{}), make(chan [2]int64)
	go func() {
		var p [2]int64
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if st, err := os.ReadFile("/proc/self/status"); err == nil {
				for _, line := range strings.Split(string(st), "\n") {
					for i, k := range []string{"RssAnon:", "RssFile:"} {
						if f := strings.Fields(line); len(f) == 3 && f[0] == k {
							v, _ := strconv.ParseInt(f[1], 10, 64)
							p[i] = max(p[i], v<<10)
						}
					}
				}
			}
			select {
			case <-done:
				peaks <- p
				return
			case <-t.C:
			}
		}
	}()
	return func() (int64, int64) { close(done); p := <-peaks; return p[0], p[1] }
}

func syntheticRecord(i int, doc []byte) *issuer.StoredCredential {
	r := &issuer.StoredCredential{DocJSON: doc, Version: credential.Latest, Created: time.Unix(1_800_000_000, 0).UTC(), State: issuer.Pending}
	r.ID = "urn:uuid:" + uuid.Must(uuid.NewV7()).String() // as intake makes them
	_, _ = rand.Read(r.Seed[:])
	_, _ = rand.Read(r.Digest[:])
	r.ContentHash = sha256.Sum256(binary.BigEndian.AppendUint64([]byte("content"), uint64(i)))
	r.TokenHash = sha256.Sum256([]byte(r.ID))
	return r
}
