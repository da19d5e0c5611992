package keys

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/ethereum/go-ethereum/accounts/keystore"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/vc"
)

// SigningKeyFile is the name, in the keystore directory, of the issuer's
// Ed25519 key, which signs its Open Badges 3.0 credentials.
const SigningKeyFile = "ed25519-signing-key.json"

// signingKeyFile is the Ed25519 key as stored: its seed encrypted as
// go-ethereum's keystore encrypts a chain key (scrypt, AES-128-CTR,
// Keccak-256 MAC), beside the public key for reading without a passphrase.
type signingKeyFile struct {
	Version            int                 `json:"version"`
	Type               string              `json:"type"`
	PublicKeyMultibase string              `json:"publicKeyMultibase"`
	Crypto             keystore.CryptoJSON `json:"crypto"`
}

const ed25519KeyType = "Ed25519"

// ErrSigningKey is a signing key file that is not one, or does not decrypt.
var ErrSigningKey = errors.New("keys: bad signing key file")

// NewSigningKey creates an Ed25519 key encrypted with the passphrase in
// passphraseFile (or $CREDSEAL_PASSPHRASE) in the file path, which must not
// exist. light selects a fast KDF, for dev chains and tests only.
func NewSigningKey(path, passphraseFile string, light bool) (ed25519.PublicKey, error) {
	pass, err := chain.ReadPassphrase(passphraseFile)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("new signing key: %s exists", path)
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, err
	}
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if light {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	cj, err := keystore.EncryptDataV3(priv.Seed(), []byte(pass), n, p)
	if err != nil {
		return nil, fmt.Errorf("new signing key: %w", err)
	}
	b, err := json.MarshalIndent(signingKeyFile{Version: 1, Type: ed25519KeyType, PublicKeyMultibase: vc.EncodeMultikey(pub), Crypto: cj}, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(path, b, 0o600); err != nil {
		return nil, fmt.Errorf("new signing key: %w", err)
	}
	return pub, nil
}

// SigningPublicKey reads the public half of a signing key file.
func SigningPublicKey(path string) (ed25519.PublicKey, error) {
	f, err := readSigningKeyFile(path)
	if err != nil {
		return nil, err
	}
	return vc.DecodeMultikey(f.PublicKeyMultibase)
}

// LoadSigningKey decrypts a signing key file with the passphrase in
// passphraseFile (or $CREDSEAL_PASSPHRASE).
func LoadSigningKey(path, passphraseFile string) (ed25519.PrivateKey, error) {
	f, err := readSigningKeyFile(path)
	if err != nil {
		return nil, err
	}
	pass, err := chain.ReadPassphrase(passphraseFile)
	if err != nil {
		return nil, err
	}
	seed, err := keystore.DecryptDataV3(f.Crypto, pass)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrSigningKey, path, err)
	}
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w: %s: seed of %d bytes", ErrSigningKey, path, len(seed))
	}
	priv := ed25519.NewKeyFromSeed(seed)
	if vc.EncodeMultikey(priv.Public().(ed25519.PublicKey)) != f.PublicKeyMultibase {
		return nil, fmt.Errorf("%w: %s: public key does not match", ErrSigningKey, path)
	}
	return priv, nil
}

func readSigningKeyFile(path string) (*signingKeyFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	var f signingKeyFile
	if err := json.Unmarshal(b, &f); err != nil || f.Type != ed25519KeyType {
		return nil, fmt.Errorf("%w: %s", ErrSigningKey, path)
	}
	return &f, nil
}
