package chain

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// PassphraseEnv names the environment variable a passphrase may come from.
const PassphraseEnv = "CREDSEAL_PASSPHRASE"

// ErrNoPassphrase is returned when neither a passphrase file nor the
// environment variable is set.
var ErrNoPassphrase = errors.New("chain: no keystore passphrase (use a passphrase file or " + PassphraseEnv + ")")

// Signer signs transactions with a key decrypted from a go-ethereum keystore
// file. Its String and formatting never show the key.
type Signer struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

// LoadSigner decrypts a keystore file (the V3 JSON that geth and clef write).
func LoadSigner(path, passphrase string) (*Signer, error) {
	blob, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read keystore: %w", err)
	}
	k, err := keystore.DecryptKey(blob, passphrase)
	if err != nil {
		return nil, fmt.Errorf("decrypt keystore %s: %w", path, err)
	}
	return &Signer{key: k.PrivateKey, addr: k.Address}, nil
}

// ReadPassphrase returns the first line of file, or, when file is empty,
// the value of $CREDSEAL_PASSPHRASE.
func ReadPassphrase(file string) (string, error) {
	if file == "" {
		p, ok := os.LookupEnv(PassphraseEnv)
		if !ok {
			return "", ErrNoPassphrase
		}
		return p, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("read passphrase file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimRight(line, "\r"), nil
}

// NewKeystoreFile creates a fresh key, encrypts it with passphrase into a
// new file in dir, and returns the file's path and the key's address.
// light selects a fast KDF, for dev chains and tests only.
func NewKeystoreFile(dir, passphrase string, light bool) (string, [20]byte, error) {
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if light {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	ks := keystore.NewKeyStore(dir, n, p)
	acct, err := ks.NewAccount(passphrase)
	if err != nil {
		return "", [20]byte{}, fmt.Errorf("new keystore key: %w", err)
	}
	return acct.URL.Path, acct.Address, nil
}

// ImportKeystoreFile encrypts an existing hex private key into a keystore
// file in dir (for keys handed out by a test node, such as geth --dev's).
func ImportKeystoreFile(dir, hexKey, passphrase string, light bool) (string, [20]byte, error) {
	key, err := crypto.HexToECDSA(strings.TrimPrefix(hexKey, "0x"))
	if err != nil {
		return "", [20]byte{}, fmt.Errorf("private key: %w", err)
	}
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if light {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	acct, err := keystore.NewKeyStore(dir, n, p).ImportECDSA(key, passphrase)
	if err != nil {
		return "", [20]byte{}, fmt.Errorf("import key: %w", err)
	}
	return acct.URL.Path, acct.Address, nil
}

// Address is the signer's account.
func (s *Signer) Address() [20]byte { return s.addr }

// String shows the address only.
func (s *Signer) String() string { return "signer " + s.addr.Hex() }

// GoString keeps %#v from printing the key.
func (s *Signer) GoString() string { return s.String() }

func (s *Signer) sign(tx *types.Transaction, chainID *big.Int) (*types.Transaction, error) {
	return types.SignTx(tx, types.LatestSignerForChainID(chainID), s.key)
}
