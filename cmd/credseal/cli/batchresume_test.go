package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/chain/devchain"
)

const cohortCSV = "../../../testdata/cohort.csv"

// anchoredBy lists the seals the dev chain's developer anchored.
func anchoredBy(t *testing.T, n *devchain.Node) [][32]byte {
	t.Helper()
	c, _ := chaintest.DevClient(t, n, n.Info.RPCURL, chain.TxOptions{})
	seals, err := c.AnchoredBy(context.Background(), c.Account())
	if err != nil {
		t.Fatal(err)
	}
	return seals
}

// setHook sets one of batch's test hooks for the rest of the test.
func setHook(t *testing.T, hook *func() error, f func() error) {
	t.Helper()
	*hook = f
	t.Cleanup(func() { *hook = nil })
}

func readManifest(t *testing.T, dir string) issuer.Manifest {
	t.Helper()
	var m issuer.Manifest
	readJSONFile(t, filepath.Join(dir, "manifest.json"), &m)
	return m
}

// wantAnchoringState checks an output left in the anchoring state: marked
// so, its seeds in a resume file only its owner reads, bundles without an
// anchor.
func wantAnchoringState(t *testing.T, dir string) issuer.Manifest {
	t.Helper()
	m := readManifest(t, dir)
	if m.State != issuer.StateAnchoring || m.Anchor != nil || m.Size != 56 || len(m.Entries) != 56 {
		t.Fatalf("manifest of the interrupted batch: state %q, anchor %+v, %d entries", m.State, m.Anchor, len(m.Entries))
	}
	fi, err := os.Stat(filepath.Join(dir, issuer.ResumeFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("resume file: %v %v", fi, err)
	}
	js, err := os.ReadFile(filepath.Join(dir, m.Entries[3].Bundle))
	if err != nil {
		t.Fatal(err)
	}
	bun, err := bundle.ParseJSON(js)
	if err != nil || bun.Anchor != nil || bun.Disclosure.Seed == nil {
		t.Fatalf("bundle in the anchoring state: anchor %+v, %v", bun.Anchor, err)
	}
	return m
}

// wantFinal checks a completed output: no resume state left anywhere, the
// anchor in the manifest, and bundles that verify on the dev chain.
func wantFinal(t *testing.T, dir, chainDir string) issuer.Manifest {
	t.Helper()
	m := readManifest(t, dir)
	if m.State != "" || m.Anchor == nil {
		t.Fatalf("final manifest: state %q, anchor %+v", m.State, m.Anchor)
	}
	if _, err := os.Stat(filepath.Join(dir, issuer.ResumeFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("resume file left in the final output: %v", err)
	}
	siblings, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*"))
	if len(siblings) != 0 {
		t.Fatalf("left behind next to the output: %v", siblings)
	}
	for _, i := range []int{0, 55} {
		for _, f := range []string{m.Entries[i].Bundle, m.Entries[i].QR} {
			out, err := run(t, "verify", "--devchain-dir", chainDir, filepath.Join(dir, f))
			if err != nil || !strings.Contains(out, "✓ VERIFIED") || !strings.Contains(out, "✓ Recorded on chain") {
				t.Fatalf("verify %s: %v\n%s", f, err, out)
			}
		}
	}
	return m
}

// TestBatchAnchorChainOutageResumes: the chain goes away after the batch is
// sealed and saved; the run fails saying how to resume; the saved state has
// the seeds; once the chain is back, --resume anchors it once and writes
// bundles that verify.
func TestBatchAnchorChainOutageResumes(t *testing.T) {
	chainDir := filepath.Join(t.TempDir(), "chain")
	n := chaintest.StartDevchain(t, chainDir)
	dir := filepath.Join(t.TempDir(), "cohort")
	setHook(t, &batchHookBeforeAnchor, func() error { return n.Close() })
	out, err := run(t, "batch", "-i", cohortCSV, "-o", dir, "--anchor", "--difficulty", "12", "--devchain-dir", chainDir)
	if exitCode(err) != ExitFailure || !strings.Contains(err.Error(), "batch --resume "+dir) {
		t.Fatalf("batch --anchor with the chain down: exit %d, %v\n%s", exitCode(err), err, out)
	}
	t.Logf("with the chain down: %v", err)
	batchHookBeforeAnchor = nil
	m := wantAnchoringState(t, dir)

	n = chaintest.StartDevchain(t, chainDir)
	if seals := anchoredBy(t, n); len(seals) != 0 {
		t.Fatalf("anchored while the chain was down: %x", seals)
	}
	out, err = run(t, "batch", "--resume", dir, "--devchain-dir", chainDir)
	if err != nil || !strings.Contains(out, "resumed a batch of 56 credentials") || !strings.Contains(out, "anchored on chain 1337") {
		t.Fatalf("resume: %v\n%s", err, out)
	}
	final := wantFinal(t, dir, chainDir)
	if final.Seal != m.Seal {
		t.Fatalf("resume sealed again (%s, was %s) though nothing else was anchored", final.Seal, m.Seal)
	}
	if seals := anchoredBy(t, n); len(seals) != 1 || common.Bytes2Hex(seals[0][:]) != final.Seal {
		t.Fatalf("anchored %x, want the batch's seal %s once", seals, final.Seal)
	}
}

// TestBatchResumeAfterAnchorDoesNotAnchorTwice: the run dies after its
// transaction landed and before the bundles were rewritten, and then again
// halfway through replacing the output. Resuming finds the header on chain
// and only writes; resuming a final output does nothing.
func TestBatchResumeAfterAnchorDoesNotAnchorTwice(t *testing.T) {
	chainDir := filepath.Join(t.TempDir(), "chain")
	n := chaintest.StartDevchain(t, chainDir)
	dir := filepath.Join(t.TempDir(), "cohort")
	setHook(t, &batchHookAfterAnchor, func() error { return errors.New("injected: killed after the transaction") })
	_, err := run(t, "batch", "-i", cohortCSV, "-o", dir, "--anchor", "--difficulty", "12", "--devchain-dir", chainDir)
	if err == nil || !strings.Contains(err.Error(), "injected") || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("batch --anchor killed after anchoring: %v", err)
	}
	batchHookAfterAnchor = nil
	m := wantAnchoringState(t, dir)
	if seals := anchoredBy(t, n); len(seals) != 1 || common.Bytes2Hex(seals[0][:]) != m.Seal {
		t.Fatalf("anchored %x, want %s", seals, m.Seal)
	}

	// A crash while the final output replaced the saved state: the output
	// is gone and the state aside.
	aside := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".aside")
	if err := os.Rename(dir, aside); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "batch", "--resume", dir, "--devchain-dir", chainDir)
	if err != nil || !strings.Contains(out, "resumed a batch of 56 credentials") {
		t.Fatalf("resume: %v\n%s", err, out)
	}
	final := wantFinal(t, dir, chainDir)
	if seals := anchoredBy(t, n); len(seals) != 1 || final.Seal != m.Seal {
		t.Fatalf("after resuming: anchored %x, final seal %s, saved seal %s", seals, final.Seal, m.Seal)
	}
	if out, err := run(t, "batch", "--resume", dir, "--devchain-dir", chainDir); err != nil || !strings.Contains(out, "nothing to resume") {
		t.Fatalf("resume of a final output: %v\n%s", err, out)
	}
	if seals := anchoredBy(t, n); len(seals) != 1 {
		t.Fatalf("anchored %d times", len(seals))
	}
}

// TestBatchResumeStaleSealsAgain: the issuer anchored another batch while
// this one waited, so its header can never be anchored as sealed. Resuming
// seals it again on the chain's head, with the same credentials and seeds.
func TestBatchResumeStaleSealsAgain(t *testing.T) {
	chainDir := filepath.Join(t.TempDir(), "chain")
	n := chaintest.StartDevchain(t, chainDir)
	dir := filepath.Join(t.TempDir(), "cohort")
	setHook(t, &batchHookBeforeAnchor, func() error { return errors.New("injected: write error") })
	if _, err := run(t, "batch", "-i", cohortCSV, "-o", dir, "--anchor", "--difficulty", "12", "--devchain-dir", chainDir); err == nil {
		t.Fatal("the injected error did not stop the batch")
	}
	batchHookBeforeAnchor = nil
	m := wantAnchoringState(t, dir)
	saved, _ := os.ReadFile(filepath.Join(dir, m.Entries[7].Bundle))

	other := filepath.Join(t.TempDir(), "other")
	if out, err := run(t, "batch", "-i", cohortCSV, "-o", other, "--anchor", "--difficulty", "12", "--devchain-dir", chainDir); err != nil {
		t.Fatalf("another batch: %v\n%s", err, out)
	}
	out, err := run(t, "batch", "--resume", dir, "--devchain-dir", chainDir)
	if err != nil {
		t.Fatalf("resume: %v\n%s", err, out)
	}
	t.Logf("resumed:\n%s", out)
	final := wantFinal(t, dir, chainDir)
	if final.Seal == m.Seal || final.Root != m.Root {
		t.Fatalf("seal %s root %s, was seal %s root %s: want a new seal on the same root", final.Seal, final.Root, m.Seal, m.Root)
	}
	if seals := anchoredBy(t, n); len(seals) != 2 || common.Bytes2Hex(seals[1][:]) != final.Seal {
		t.Fatalf("anchored %x", seals)
	}
	// Same credential, same seed: only the proof changed.
	js, _ := os.ReadFile(filepath.Join(dir, final.Entries[7].Bundle))
	before, _ := bundle.ParseJSON(saved)
	after, _ := bundle.ParseJSON(js)
	if string(before.Credential) != string(after.Credential) || *before.Disclosure.Seed != *after.Disclosure.Seed {
		t.Fatal("sealing again changed the credential or its seed")
	}
}

// TestBatchResumeBadInput: nothing to resume, a tampered resume file, or
// flags that do not apply are refused.
func TestBatchResumeBadInput(t *testing.T) {
	empty := t.TempDir()
	if _, err := run(t, "batch", "--resume", empty); exitCode(err) != ExitBadInput {
		t.Fatalf("resume of an empty directory: %v", err)
	}
	if _, err := run(t, "batch", "--resume", empty, "--input", cohortCSV); exitCode(err) != ExitBadInput {
		t.Fatalf("--resume with --input: %v", err)
	}
	if _, err := run(t, "batch", "--out", empty); exitCode(err) != ExitBadInput {
		t.Fatalf("batch without --input: %v", err)
	}
}
