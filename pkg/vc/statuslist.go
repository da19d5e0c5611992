package vc

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// Bitstring Status List (W3C): a credential's status is one bit of a
// GZIP-compressed bitstring, published in a status list credential.
const (
	TypeStatusListEntry      = "BitstringStatusListEntry"
	TypeStatusListCredential = "BitstringStatusListCredential"
	TypeStatusList           = "BitstringStatusList"
	PurposeRevocation        = "revocation"
	// MinStatusListBits is the spec's minimum length, for herd privacy.
	MinStatusListBits = 131072
	// maxStatusListBytes bounds a decoded list (16 Mbit), so a hostile
	// list cannot exhaust memory through GZIP's expansion.
	maxStatusListBytes = 2 << 20
)

// ErrStatusList is a status list that cannot be read.
var ErrStatusList = errors.New("vc: bad status list")

// StatusList is a bitstring; bit 0 is the most significant bit of byte 0.
type StatusList []byte

// NewStatusList returns a list of at least n bits, all clear, and never
// fewer than MinStatusListBits.
func NewStatusList(n int) StatusList {
	n = max(n, MinStatusListBits)
	return make(StatusList, (n+7)/8)
}

// Set sets bit i; it is a no-op past the end.
func (l StatusList) Set(i int) {
	if i >= 0 && i/8 < len(l) {
		l[i/8] |= 0x80 >> (i % 8)
	}
}

// Get reports bit i, and whether i is within the list.
func (l StatusList) Get(i int) (set, ok bool) {
	if i < 0 || i/8 >= len(l) {
		return false, false
	}
	return l[i/8]&(0x80>>(i%8)) != 0, true
}

// Encode returns the encodedList: multibase base64url (no padding, "u")
// of the GZIP-compressed bitstring.
func (l StatusList) Encode() string {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write(l) // writes to a bytes.Buffer do not fail
	_ = w.Close()
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// DecodeStatusList reads an encodedList.
func DecodeStatusList(s string) (StatusList, error) {
	if len(s) < 2 || s[0] != 'u' {
		return nil, fmt.Errorf("%w: encodedList is not multibase base64url", ErrStatusList)
	}
	raw, err := base64.RawURLEncoding.DecodeString(s[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStatusList, err)
	}
	r, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStatusList, err)
	}
	l, err := io.ReadAll(io.LimitReader(r, maxStatusListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStatusList, err)
	}
	if len(l) > maxStatusListBytes {
		return nil, fmt.Errorf("%w: longer than %d bytes", ErrStatusList, maxStatusListBytes)
	}
	return StatusList(l), nil
}
