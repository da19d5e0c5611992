package vc

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/mr-tron/base58"
)

// ed25519PubPrefix is the multicodec code of an Ed25519 public key (0xed),
// as an unsigned varint.
var ed25519PubPrefix = []byte{0xed, 0x01}

// ErrKeyEncoding is a key or signature that is not what its encoding says.
var ErrKeyEncoding = errors.New("vc: bad key or signature encoding")

// EncodeMultikey returns the publicKeyMultibase of an Ed25519 public key:
// "z", then base58btc of the multicodec-prefixed key ("z6Mk…").
func EncodeMultikey(pub ed25519.PublicKey) string {
	return "z" + base58.Encode(append(append([]byte{}, ed25519PubPrefix...), pub...))
}

// DecodeMultikey reads an Ed25519 publicKeyMultibase.
func DecodeMultikey(s string) (ed25519.PublicKey, error) {
	b, err := decodeBase58btc(s)
	if err != nil {
		return nil, err
	}
	if len(b) != 2+ed25519.PublicKeySize || b[0] != ed25519PubPrefix[0] || b[1] != ed25519PubPrefix[1] {
		return nil, fmt.Errorf("%w: not an Ed25519 multikey", ErrKeyEncoding)
	}
	return ed25519.PublicKey(b[2:]), nil
}

// decodeBase58btc decodes a multibase base58btc string ("z…").
func decodeBase58btc(s string) ([]byte, error) {
	if len(s) < 2 || s[0] != 'z' {
		return nil, fmt.Errorf("%w: not multibase base58btc", ErrKeyEncoding)
	}
	if len(s) > 128 { // keys and signatures are under 100; decoding is quadratic
		return nil, fmt.Errorf("%w: %d characters", ErrKeyEncoding, len(s))
	}
	b, err := base58.Decode(s[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKeyEncoding, err)
	}
	return b, nil
}
