package keys_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/keys"
)

// TestNewThenLoad: a new key loads back with its passphrase file, which only
// its owner reads, and not without it.
func TestNewThenLoad(t *testing.T) {
	dir := t.TempDir()
	k, err := keys.New(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(k.Keystore) != filepath.Join(dir, keys.KeystoreDir) || k.PassphraseFile != filepath.Join(dir, keys.PassphraseFile) {
		t.Fatalf("key files %s and %s, want them in %s", k.Keystore, k.PassphraseFile, dir)
	}
	fi, err := os.Stat(k.PassphraseFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("passphrase file: %v %v", fi, err)
	}
	s, err := keys.Load(k.Keystore, k.PassphraseFile)
	if err != nil {
		t.Fatal(err)
	}
	if s.Address() != k.Address {
		t.Fatalf("loaded %x, created %x", s.Address(), k.Address)
	}
	if other, err := keys.New(t.TempDir(), true); err != nil || other.Address == k.Address {
		t.Fatalf("a second key: %x, %v", other.Address, err)
	}
	t.Setenv(chain.PassphraseEnv, "not the passphrase")
	if _, err := keys.Load(k.Keystore, ""); err == nil {
		t.Fatal("loaded with a wrong passphrase")
	}
	os.Unsetenv(chain.PassphraseEnv)
	if _, err := keys.Load(k.Keystore, ""); !errors.Is(err, chain.ErrNoPassphrase) {
		t.Fatalf("no passphrase: %v, want ErrNoPassphrase", err)
	}
}
