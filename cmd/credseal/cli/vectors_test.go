package cli

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/chaintest"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
	"github.com/credseal/credseal/verifier"
)

// The verification vectors in testdata/verify: genuine bundles and tampered
// ones, each saying what it changes and which check must fail. Regenerate
// with: go test ./cmd/credseal/cli -run TestVerifyVectors -update-vectors
var updateVectors = flag.Bool("update-vectors", false, "rewrite testdata/verify")

const vectorDir = "../../../testdata/verify"

// vector is one file of testdata/verify.
type vector struct {
	Desc string `json:"desc"`
	// WantErr is the check that must fail; empty for a genuine bundle.
	WantErr string `json:"wantErr"`
	// Setup is what the issuer or the authority does on chain first:
	// "", "revoke-credential", "revoke-batch" or "suspend-issuer".
	Setup  string          `json:"setup,omitempty"`
	Bundle json.RawMessage `json:"bundle"`
}

// vectorHeaders are the three batches every vector belongs to: main (the
// sample cohort), other (three credentials, one already expired) and
// legacy (three credentials hashed as version 1 issued them), sealed at
// difficulty 12 and chained from the genesis of the vector issuer's fixed
// key, anchored by each test on a fresh chain.
type vectorHeaders struct {
	Main   string `json:"main"`
	Other  string `json:"other"`
	Legacy string `json:"legacy"`
}

// vectorIssuer registers the vectors' issuer, whose key (and so its chain's
// genesis) is the same in every run.
func vectorIssuer(env *chaintest.Env) chaintest.Account {
	return env.IssuerWithKey("testdata/verify", "Université de Lumière", "registrar.example.edu")
}

func TestVerifyVectors(t *testing.T) {
	if *updateVectors {
		writeVectors(t)
	}
	entries, err := os.ReadDir(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	var hs vectorHeaders
	readJSONFile(t, filepath.Join(vectorDir, "headers.json"), &hs)
	ctx := context.Background()
	n := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".credseal.json") {
			continue
		}
		n++
		var v vector
		readJSONFile(t, filepath.Join(vectorDir, e.Name()), &v)
		t.Run(strings.TrimSuffix(e.Name(), ".credseal.json"), func(t *testing.T) {
			env := chaintest.New(t)
			iss := vectorIssuer(env)
			c := env.Client(iss)
			var headers []seal.Header
			for _, h := range []string{hs.Main, hs.Other, hs.Legacy} {
				headers = append(headers, mustHeader(t, h))
			}
			if _, err := c.Anchor(ctx, headers); err != nil {
				t.Fatal(err)
			}
			b, err := bundle.Parse(v.Bundle)
			if err == nil {
				switch v.Setup {
				case "revoke-credential":
					fields, _ := credential.Parse(b.Credential)
					d, _ := credential.Digest(fields, b.Disclosure)
					_, err = c.Revoke(ctx, d, 1)
				case "revoke-batch":
					_, err = c.RevokeBatch(ctx, b.Proof.Header.Hash(), 2)
				case "suspend-issuer":
					_, err = env.Client(env.Owner).SuspendIssuer(ctx, iss.Address, 0)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			v2 := verifier.New(verifier.Options{Registries: []verifier.Registry{trustedRegistry(env.Client(chaintest.Account{}))},
				Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }})
			res := v2.VerifyBytes(ctx, v.Bundle)
			failed := res.Failed()
			if v.WantErr == "" {
				if res.Verdict != verifier.Verified {
					t.Fatalf("%s: genuine bundle: %s %+v", v.Desc, res.Verdict, failed)
				}
				return
			}
			if res.Verdict != verifier.NotVerified {
				t.Fatalf("%s: verdict %s", v.Desc, res.Verdict)
			}
			c2, _ := res.Check(v.WantErr)
			if c2.Status != verifier.Fail || c2.Reason == "" {
				t.Fatalf("%s: check %s is %+v; failed: %+v", v.Desc, v.WantErr, c2, failed)
			}
		})
	}
	if n < 20 {
		t.Fatalf("only %d vectors in %s", n, vectorDir)
	}
}

func mustHeader(t *testing.T, hexHeader string) seal.Header {
	t.Helper()
	raw, err := hex.DecodeString(hexHeader)
	if err != nil {
		t.Fatal(err)
	}
	h, err := seal.ParseHeader(raw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// writeVectors issues three batches and writes the genuine and tampered bundles.
func writeVectors(t *testing.T) {
	ctx := context.Background()
	docs, err := issuer.ReadCSVFile("../../../testdata/cohort.csv", issuer.Institution{})
	if err != nil {
		t.Fatal(err)
	}
	genesis := chain.Genesis(vectorIssuer(chaintest.New(t)).Address)
	bits, _ := seal.BitsForDifficulty(12)
	when := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	main, err := issuer.BuildBatch(ctx, docs, issuer.BatchOptions{Prev: genesis, Bits: bits, Time: when})
	if err != nil {
		t.Fatal(err)
	}
	extra := []*credential.Document{docs[0], docs[1], docs[2]}
	for i, d := range extra {
		c := *d
		c.Subject.Name += " (second batch)"
		if i == 2 {
			c.ValidFrom, c.ValidUntil = "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"
		}
		c.ID = "urn:uuid:00000000-0000-4000-8000-00000000000" + string(rune('1'+i))
		extra[i] = &c
	}
	other, err := issuer.BuildBatch(ctx, extra, issuer.BatchOptions{Prev: main.Header.Hash(), Bits: bits, Time: when.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	legacy := legacyBatch(t, []*credential.Document{docs[0], docs[1], docs[3]}, other.Header.Hash(), bits, when.Add(2*time.Hour))
	var hs vectorHeaders
	for _, h := range []struct {
		dst *string
		b   *issuer.Batch
	}{{&hs.Main, main}, {&hs.Other, other}, {&hs.Legacy, legacy}} {
		raw, _ := h.b.Header.MarshalBinary()
		*h.dst = hex.EncodeToString(raw)
	}
	writeJSON(t, "headers.json", hs)

	get := func(b *issuer.Batch, i int) *bundle.Bundle {
		bun, err := b.Bundle(i)
		if err != nil {
			t.Fatal(err)
		}
		return bun
	}
	hide := func(b *bundle.Bundle, pointers ...string) *bundle.Bundle {
		doc, d, err := credential.Hide(b.Credential, b.Disclosure, pointers...)
		if err != nil {
			t.Fatal(err)
		}
		b.Credential, b.Disclosure = doc, d
		return b
	}
	selective := func() *bundle.Bundle {
		return hide(get(main, 1), "/credentialSubject/identifier", "/credentialSubject/achievement/skills")
	}
	save := func(name, desc, wantFail, setup string, b *bundle.Bundle) {
		js, err := b.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		writeJSON(t, name+".credseal.json", vector{Desc: desc, WantErr: wantFail, Setup: setup, Bundle: js})
	}
	save("genuine-full", "a full-disclosure bundle as issued", "", "", get(main, 0))
	save("genuine-selective", "the holder hid the identifier and the skills", "", "", selective())
	save("genuine-second-batch", "a credential of the issuer's second batch", "", "", get(other, 0))
	save("genuine-v1-full", "a version 1 bundle (credseal-bundle/1) as issued", "", "", get(legacy, 0))
	save("genuine-v1-selective", "a version 1 bundle whose holder hid the identifier; every field the verdict needs is shown", "", "",
		hide(get(legacy, 0), "/credentialSubject/identifier"))

	b := get(main, 0)
	b.Credential = []byte(strings.Replace(string(b.Credential), "Zoë Müller-Øberg", "Zoe Muller", 1))
	save("tampered-name", "the learner's name was changed: the digest recomputes, but is not the one sealed", verifier.CheckInclusion, "", b)
	b = get(main, 5)
	b.Proof.Path[0], b.Proof.Path[1] = b.Proof.Path[1], b.Proof.Path[0]
	save("tampered-path-swap", "two elements of the audit path were swapped", verifier.CheckInclusion, "", b)
	b = get(main, 5)
	b.Proof.LeafIndex = 4
	save("tampered-leaf-index", "the leaf index claims another position", verifier.CheckInclusion, "", b)
	b = get(main, 5)
	b.Proof.TreeSize = 120
	b.Proof.Path = append(b.Proof.Path, b.Proof.Path[0])
	save("tampered-tree-size", "the tree size was changed (and the path lengthened to match)", verifier.CheckInclusion, "", b)
	b = get(main, 0)
	b.Proof.Header = other.Header
	save("tampered-other-header", "the header of the issuer's other batch was put in", verifier.CheckInclusion, "", b)
	b = get(main, 0)
	for b.Proof.Header.Sealed() {
		b.Proof.Header.Nonce++
	}
	save("tampered-unsealed", "the nonce was changed: the header no longer meets its target", verifier.CheckSeal, "", b)
	b = get(main, 0)
	for b.Proof.Header.Bits, _ = seal.BitsForDifficulty(1); !b.Proof.Header.Sealed(); b.Proof.Header.Nonce++ {
	}
	save("tampered-easier-bits", "the header's bits were made easier and it was sealed again: the seal is not the one the issuer anchored", verifier.CheckAnchored, "", b)
	b = get(main, 0)
	b.Anchor = &bundle.Anchor{ChainID: 1337, Registry: [20]byte{0xde, 0xad}, Issuer: [20]byte{1}, Tx: [32]byte{2}, Block: 3}
	save("untrusted-registry", "the anchor names a registry the verifier does not trust", verifier.CheckAnchored, "", b)
	b = selective()
	for p, c := range b.Disclosure.Withheld {
		c[0] ^= 0x80
		b.Disclosure.Withheld[p] = c
		break
	}
	save("tampered-hidden-commitment", "a hidden field's commitment was changed: the digest is not the one sealed", verifier.CheckInclusion, "", b)
	b = selective()
	c := b.Disclosure.Withheld["/credentialSubject/identifier"]
	delete(b.Disclosure.Withheld, "/credentialSubject/identifier")
	b.Disclosure.Withheld["/credentialSubject/achievement/level"] = c
	b.Credential = []byte(strings.Replace(string(b.Credential), `,"level":"EQF 7"`, "", 1))
	delete(b.Disclosure.Salts, "/credentialSubject/achievement/level")
	if strings.Contains(string(b.Credential), `"level"`) {
		t.Fatal("the level was not removed")
	}
	save("tampered-hidden-pointer", "the holder hid the identifier but says the hidden field is the level: the pointer is bound, so the digest is not the one sealed",
		verifier.CheckInclusion, "", b)
	save("hidden-valid-until", "the holder of an expired credential hid its end date, so that it would look valid for ever",
		verifier.CheckDisclosure, "", hide(get(other, 2), "/validUntil"))
	save("hidden-issuer-url", "the holder hid the issuer's web address, which the domain check needs", verifier.CheckDisclosure, "",
		hide(get(main, 0), "/issuer/url"))
	save("v1-selective-no-end-date", "a version 1 bundle of a credential without an end date, with a field hidden: version 1 does not say which, so the end date may be the hidden one",
		verifier.CheckDisclosure, "", hide(get(legacy, 1), "/credentialSubject/identifier"))
	save("revoked-credential", "the issuer revoked this credential", verifier.CheckRevocation, "revoke-credential", get(main, 2))
	save("revoked-batch", "the issuer revoked the whole batch", verifier.CheckRevocation, "revoke-batch", get(main, 3))
	save("suspended-issuer", "the authority suspended the issuer, voiding all its batches", verifier.CheckIssuer, "suspend-issuer", get(main, 4))
	save("expired", "a genuine credential past its validUntil", verifier.CheckValidity, "", get(other, 2))
}

// legacyBatch seals docs as credseal issued them before version 2: the v1
// digest, and no validUntil member when there is no end date.
func legacyBatch(t *testing.T, docs []*credential.Document, prev [32]byte, bits uint32, when time.Time) *issuer.Batch {
	t.Helper()
	b := &issuer.Batch{}
	leaves := make([]merkle.Hash, len(docs))
	for i, d := range docs {
		js, err := d.JSON()
		if err != nil {
			t.Fatal(err)
		}
		js = []byte(strings.Replace(string(js), `,"validUntil":null`, "", 1))
		fields, err := credential.Parse(js)
		if err != nil {
			t.Fatal(err)
		}
		seed, _ := credential.NewSeed()
		digest, err := credential.Digest(fields, credential.Disclosure{Version: credential.V1, Seed: &seed})
		if err != nil {
			t.Fatal(err)
		}
		b.Credentials = append(b.Credentials, issuer.Issued{Document: d, JSON: js, Seed: seed, Digest: digest, Version: credential.V1})
		leaves[i] = merkle.LeafHash(digest[:])
	}
	b.Tree = merkle.Build(leaves)
	h, err := seal.Seal(context.Background(), seal.Header{Version: issuer.HeaderVersion, Prev: prev, Root: b.Tree.Root(),
		Time: uint32(when.Unix()), Bits: bits}, 1)
	if err != nil {
		t.Fatal(err)
	}
	b.Header = h
	return b
}

func writeJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(vectorDir, name), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
