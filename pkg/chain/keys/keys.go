// Package keys provisions the signing keys credseal's chain clients use: a
// go-ethereum keystore file (the V3 JSON geth and clef write) and a file
// whose first line is its passphrase. The dev chain keeps its developer key
// so, and `credseal issuer init` creates an issuer's so when none is given.
package keys

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/pkg/chain"
)

// Names, inside the directory New is given, of what it creates.
const (
	KeystoreDir    = "keystore"   // holds the encrypted key file
	PassphraseFile = "passphrase" // its passphrase, mode 0600
)

// Key is a signing key on disk.
type Key struct {
	Keystore       string   // the encrypted key file
	PassphraseFile string   // the file whose first line is its passphrase
	Address        [20]byte // the key's account
}

// New creates a key in dir: a random passphrase in dir/passphrase (mode
// 0600), then the key, encrypted with it, in a new file in dir/keystore.
// light selects a fast KDF, for dev chains and tests only.
func New(dir string, light bool) (Key, error) {
	secret := make([]byte, 24)
	if _, err := rand.Read(secret); err != nil {
		return Key{}, err
	}
	pass := hex.EncodeToString(secret)
	k := Key{PassphraseFile: filepath.Join(dir, PassphraseFile)}
	if err := atomicfile.WriteFile(k.PassphraseFile, []byte(pass+"\n"), 0o600); err != nil {
		return Key{}, fmt.Errorf("new key: %w", err)
	}
	var err error
	if k.Keystore, k.Address, err = chain.NewKeystoreFile(filepath.Join(dir, KeystoreDir), pass, light); err != nil {
		return Key{}, err
	}
	return k, nil
}

// Load decrypts the key in keystore with the passphrase in passphraseFile
// (or, when that is "", in $CREDSEAL_PASSPHRASE).
func Load(keystore, passphraseFile string) (*chain.Signer, error) {
	pass, err := chain.ReadPassphrase(passphraseFile)
	if err != nil {
		return nil, err
	}
	return chain.LoadSigner(keystore, pass)
}
