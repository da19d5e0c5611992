package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain points the dev chain defaults at an empty directory, so that a
// developer's own dev chain never leaks into the tests.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "credseal-cli-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv(DevchainEnv, filepath.Join(dir, "no-devchain"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
