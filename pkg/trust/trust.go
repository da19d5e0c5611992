// Package trust reads a verifier's trust file: the chains it reads (each
// through one or more JSON-RPC endpoints, of which a quorum must agree),
// the credential registries and OpenAttestation document stores it trusts
// on each, and the Verifiable Credential issuers it trusts. Nothing a
// credential says is ever added to it: this file is the verifier's whole
// answer to "whose records count". docs/OPERATIONS.md documents the format.
package trust

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/credseal/credseal/pkg/did"
)

// MaxSize bounds a trust file.
const MaxSize = 1 << 20

// Limits on what one file may list.
const (
	maxChains    = 64
	maxEndpoints = 16
	maxEntries   = 256 // registries or stores on a chain, or issuers
	maxName      = 200
	// DefaultCallTimeout bounds each endpoint's answer when a chain sets none.
	DefaultCallTimeout = 10 * time.Second
	maxCallTimeout     = 2 * time.Minute
)

// ErrInvalid is wrapped by every error Parse returns.
var ErrInvalid = errors.New("trust file")

// File is a parsed trust file.
type File struct {
	Chains  []Chain  `json:"chains"`
	Issuers []Issuer `json:"issuers,omitempty"`
}

// Chain is one chain and what the verifier trusts on it.
type Chain struct {
	Name    string `json:"name"`
	ChainID uint64 `json:"chainId"`
	// RPC lists the endpoints; Quorum of them must give identical answers
	// (0 in the file: a majority).
	RPC    []string `json:"rpc"`
	Quorum int      `json:"quorum,omitempty"`
	// Confirmations a record needs on this chain (0: the verifier's
	// default).
	Confirmations uint64 `json:"confirmations,omitempty"`
	// CallTimeout bounds each endpoint's answer (0: DefaultCallTimeout).
	CallTimeout    Duration   `json:"callTimeout,omitempty"`
	Registries     []Contract `json:"registries,omitempty"`
	DocumentStores []Contract `json:"documentStores,omitempty"`
}

// Contract is a trusted CredentialRegistry or DocumentStore.
type Contract struct {
	Name    string  `json:"name"`
	Address Address `json:"address"`
}

// Issuer is a trusted Verifiable Credential issuer: a did:key, or a did:web
// whose DID document is fetched from DIDDocument when set (else from the
// address the DID names).
type Issuer struct {
	Name        string `json:"name,omitempty"`
	DID         string `json:"did"`
	DIDDocument string `json:"didDocument,omitempty"`
}

// Address is a 20-byte account address, written 0x-prefixed hex.
type Address [20]byte

// UnmarshalJSON reads "0x" and 40 hex digits, in any case.
func (a *Address) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	h, ok := strings.CutPrefix(s, "0x")
	if !ok || len(h) != 40 {
		return fmt.Errorf("address %q: want 0x and 40 hex digits", s)
	}
	if _, err := hex.Decode(a[:], []byte(h)); err != nil {
		return fmt.Errorf("address %q: %w", s, err)
	}
	return nil
}

// MarshalJSON writes lower-case 0x-prefixed hex.
func (a Address) MarshalJSON() ([]byte, error) {
	return json.Marshal("0x" + hex.EncodeToString(a[:]))
}

// Duration is a time.Duration written as Go writes one ("10s", "1m30s").
type Duration time.Duration

// UnmarshalJSON reads a duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Parse reads and checks a trust file, filling the defaults (a majority
// quorum, DefaultCallTimeout).
func Parse(data []byte) (*File, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrInvalid, MaxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the object", ErrInvalid)
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return &f, nil
}

func (f *File) check() error {
	if len(f.Chains) == 0 && len(f.Issuers) == 0 {
		return errors.New("lists no chain and no issuer")
	}
	if len(f.Chains) > maxChains || len(f.Issuers) > maxEntries {
		return fmt.Errorf("lists more than %d chains or %d issuers", maxChains, maxEntries)
	}
	seen := map[uint64]bool{}
	for i := range f.Chains {
		c := &f.Chains[i]
		if err := c.check(); err != nil {
			return fmt.Errorf("chain %d (%q): %w", i+1, c.Name, err)
		}
		if seen[c.ChainID] {
			return fmt.Errorf("chain %d (%q): chain ID %d is listed twice", i+1, c.Name, c.ChainID)
		}
		seen[c.ChainID] = true
	}
	dids := map[string]bool{}
	for i, is := range f.Issuers {
		if err := is.check(); err != nil {
			return fmt.Errorf("issuer %d (%q): %w", i+1, is.DID, err)
		}
		if dids[is.DID] {
			return fmt.Errorf("issuer %d: %s is listed twice", i+1, is.DID)
		}
		dids[is.DID] = true
	}
	return nil
}

func (c *Chain) check() error {
	if err := checkName(c.Name, true); err != nil {
		return err
	}
	switch {
	case c.ChainID == 0:
		return errors.New("chainId is missing")
	case len(c.RPC) == 0 || len(c.RPC) > maxEndpoints:
		return fmt.Errorf("rpc must list 1 to %d endpoints", maxEndpoints)
	}
	urls := map[string]bool{}
	for _, u := range c.RPC {
		if err := checkURL(u, "http", "https", "ws", "wss"); err != nil {
			return fmt.Errorf("rpc %q: %w", u, err)
		}
		if urls[u] {
			// Two entries for one endpoint would let it vote twice.
			return fmt.Errorf("rpc %q is listed twice", u)
		}
		urls[u] = true
	}
	if c.Quorum == 0 {
		c.Quorum = len(c.RPC)/2 + 1
	}
	if c.Quorum < 1 || c.Quorum > len(c.RPC) {
		return fmt.Errorf("quorum %d: must be between 1 and the %d endpoints listed", c.Quorum, len(c.RPC))
	}
	if c.CallTimeout == 0 {
		c.CallTimeout = Duration(DefaultCallTimeout)
	}
	if c.CallTimeout < 0 || time.Duration(c.CallTimeout) > maxCallTimeout {
		return fmt.Errorf("callTimeout %s: must be positive and at most %s", time.Duration(c.CallTimeout), maxCallTimeout)
	}
	if len(c.Registries) == 0 && len(c.DocumentStores) == 0 {
		return errors.New("lists no registry and no document store")
	}
	if len(c.Registries) > maxEntries || len(c.DocumentStores) > maxEntries {
		return fmt.Errorf("lists more than %d registries or stores", maxEntries)
	}
	for _, l := range []struct {
		what string
		list []Contract
	}{{"registry", c.Registries}, {"documentStore", c.DocumentStores}} {
		what, addrs := l.what, map[Address]bool{}
		for _, k := range l.list {
			if err := checkName(k.Name, true); err != nil {
				return fmt.Errorf("%s %s: %w", what, k.Address, err)
			}
			if k.Address == (Address{}) {
				return fmt.Errorf("%s %q: the zero address", what, k.Name)
			}
			if addrs[k.Address] {
				return fmt.Errorf("%s %s is listed twice", what, k.Address)
			}
			addrs[k.Address] = true
		}
	}
	return nil
}

// String is the address as written in the file.
func (a Address) String() string { return "0x" + hex.EncodeToString(a[:]) }

func (is Issuer) check() error {
	if err := checkName(is.Name, false); err != nil {
		return err
	}
	switch {
	case strings.HasPrefix(is.DID, "did:key:"):
		if _, err := did.KeyFromDIDKey(is.DID); err != nil {
			return err
		}
		if is.DIDDocument != "" {
			return errors.New("a did:key has no DID document to fetch")
		}
	case strings.HasPrefix(is.DID, "did:web:"):
		if _, err := did.WebURL(is.DID); err != nil {
			return err
		}
		if is.DIDDocument != "" {
			if err := checkURL(is.DIDDocument, "http", "https"); err != nil {
				return fmt.Errorf("didDocument: %w", err)
			}
		}
	default:
		return errors.New("give a did:key or did:web DID")
	}
	return nil
}

func checkName(name string, required bool) error {
	switch {
	case required && strings.TrimSpace(name) == "":
		return errors.New("name is missing")
	case len(name) > maxName:
		return fmt.Errorf("name longer than %d bytes", maxName)
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return errors.New("name holds control characters")
	}
	return nil
}

func checkURL(s string, schemes ...string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	for _, scheme := range schemes {
		if u.Scheme == scheme && u.Host != "" {
			return nil
		}
	}
	return fmt.Errorf("want a %s URL", strings.Join(schemes, "/"))
}
