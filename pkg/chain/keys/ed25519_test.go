package keys_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/credseal/credseal/pkg/chain/keys"
)

// TestSigningKey: the Ed25519 key is encrypted at rest, loads back with its
// passphrase only, and is never created over an existing one.
func TestSigningKey(t *testing.T) {
	dir := t.TempDir()
	k, err := keys.New(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, keys.KeystoreDir, keys.SigningKeyFile)
	pub, err := keys.NewSigningKey(path, k.PassphraseFile, true)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := keys.LoadSigningKey(path, k.PassphraseFile)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := keys.SigningPublicKey(path); !got.Equal(pub) || !pub.Equal(priv.Public()) {
		t.Fatal("public keys differ")
	}
	raw, _ := os.ReadFile(path)
	if bytes.Contains(raw, priv.Seed()) {
		t.Fatal("the seed is stored in plain text")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", info.Mode())
	}
	wrong := filepath.Join(dir, "wrong")
	os.WriteFile(wrong, []byte("not it\n"), 0o600)
	if _, err := keys.LoadSigningKey(path, wrong); !errors.Is(err, keys.ErrSigningKey) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := keys.NewSigningKey(path, k.PassphraseFile, true); err == nil {
		t.Fatal("overwrote an existing key")
	}
}
