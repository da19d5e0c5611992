package main_test

import (
	"os"
	"path/filepath"
	"testing"
)

// startDevchain runs `credseal devchain` on a new data directory and any
// port, with flags after its own, until the test ends, and returns the
// data directory.
func startDevchain(t *testing.T, flags ...string) string {
	t.Helper()
	chainDir := filepath.Join(t.TempDir(), "chain")
	startProcess(t, rpcLine, credseal, append([]string{"devchain", "--datadir", chainDir, "--port", "0"}, flags...)...)
	return chainDir
}

// initIssuer sets up, with `credseal issuer init` and flags, the issuer
// Université de Lumière in a new directory on the dev chain in chainDir. It
// returns the issuer's directory and the environment that names both.
func initIssuer(t *testing.T, chainDir string, flags ...string) (dir string, env []string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "issuer")
	env = []string{"CREDSEAL_DEVCHAIN=" + chainDir, "CREDSEAL_ISSUER=" + dir}
	mustCLI(t, env, append([]string{"issuer", "init", "--name", "Université de Lumière", "--url", "https://registrar.example.edu"}, flags...)...)
	return dir, env
}

// readFile returns the contents of the file at path.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
