package main_test

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
)

// TestKillDuringIssuance kills `credseal issue --wait` with SIGKILL at a
// random moment — while storing, batching, sealing, anchoring or waiting for
// confirmation — then runs it again, 20 times. Every time, every credential
// must end up confirmed, every batch anchored exactly once on the issuer's
// chain, and the exported bundles must verify.
func TestKillDuringIssuance(t *testing.T) {
	runs := 20
	if testing.Short() {
		runs = 4
	}
	chainDir := startDevchain(t)
	rng := rand.New(rand.NewPCG(20261125, 4))
	// Time undisturbed issuances (the shorter of two: the first pays for
	// cold caches), so kills land across all of an issuance's phases.
	undisturbed := func() time.Duration {
		_, issuerEnv := initIssuer(t, chainDir, "--batch-size", "8", "--difficulty", "12")
		start := time.Now()
		mustCLI(t, issuerEnv, "issue", "--input", "../../testdata/cohort.csv", "--wait")
		return time.Since(start)
	}
	full := min(undisturbed(), undisturbed())
	t.Logf("an undisturbed issuance takes %s", full)
	killedMidway := 0
	left := map[string]int{}
	for run := range runs {
		dir, issuerEnv := initIssuer(t, chainDir, "--batch-size", "8", "--difficulty", "12")

		delay := time.Duration(rng.Int64N(int64(full)))
		cmd := exec.Command(credseal, "issue", "--input", "../../testdata/cohort.csv", "--wait")
		cmd.Env = append(os.Environ(), issuerEnv...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(delay):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killedMidway++
		}
		left[leftBehind(t, dir)]++

		out := mustCLI(t, issuerEnv, "issue", "--input", "../../testdata/cohort.csv", "--wait")
		if !strings.Contains(out, "final 56") {
			t.Fatalf("run %d (killed after %s): after the rerun:\n%s", run, delay, out)
		}
		checkAnchoredOnce(t, dir, chainDir, run)
		if run%5 == 0 {
			exp := filepath.Join(t.TempDir(), "export")
			mustCLI(t, issuerEnv, "export", "--out", exp)
			for _, b := range []string{glob(t, exp, "batch-000001/0000-*.credseal.json"), glob(t, exp, "batch-000007/0007-*.credseal.json")} {
				if res := mustCLI(t, issuerEnv, "verify", b); !strings.Contains(res, "✓ VERIFIED") {
					t.Fatalf("run %d: %s:\n%s", run, b, res)
				}
			}
		}
	}
	t.Logf("%d runs, %d killed before finishing; what the kills left: %v", runs, killedMidway, left)
	if killedMidway < runs/3 {
		t.Fatalf("only %d of %d runs were killed midway: the kill window misses the work", killedMidway, runs)
	}
}

// checkAnchoredOnce compares the issuer's store with the chain: the seals
// the issuer anchored are exactly its batches' seals, in order.
func checkAnchoredOnce(t *testing.T, dir, chainDir string, run int) {
	t.Helper()
	ctx := context.Background()
	cfg := readIssuerJSON(t, dir)
	db := openIssuerDB(t, dir)
	defer db.Close()
	batches, err := db.Batches(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	ec, err := ethclient.DialContext(ctx, cfg.RPC)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	c, err := chain.New(ctx, ec, common.HexToAddress(cfg.Registry), nil, chain.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seals, err := c.AnchoredBy(ctx, common.HexToAddress(cfg.Address))
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 7 || len(seals) != len(batches) {
		t.Fatalf("run %d: %d batches in the store, %d anchored on chain", run, len(batches), len(seals))
	}
	for i, bt := range batches {
		if bt.State != issuer.Final || seals[i] != bt.Seal() {
			t.Fatalf("run %d: batch %d is %s with seal %x; chain anchor %d is %x", run, bt.Seq, bt.State, bt.Seal(), i, seals[i])
		}
	}
}

// leftBehind names the furthest-behind state a killed run left in the store.
func leftBehind(t *testing.T, dir string) string {
	t.Helper()
	db := openIssuerDB(t, dir)
	defer db.Close()
	counts, _, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, st := range issuer.States {
		total += counts[st]
	}
	if total == 0 {
		return "nothing stored"
	}
	for _, st := range issuer.States {
		if counts[st] > 0 {
			return string(st)
		}
	}
	return "?"
}
