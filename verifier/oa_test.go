package verifier_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/verifier"
)

// storeRecord stands in for a DocumentStore contract here; the real
// contract, deployed from OpenAttestation's npm package on the dev chain,
// is read in cmd/credseal's TestOpenAttestationOnDevchain.
type storeRecord struct{ issued, revoked map[[32]byte]bool }

func (s storeRecord) IsIssued(_ context.Context, h [32]byte) (bool, error)  { return s.issued[h], nil }
func (s storeRecord) IsRevoked(_ context.Context, h [32]byte) (bool, error) { return s.revoked[h], nil }

// oaVector is a document wrapped by @govtechsg/open-attestation 6.9.7
// (pkg/oa/testdata/SOURCE.md), its store's address and Merkle root.
func oaVector(t *testing.T) ([]byte, common.Address) {
	t.Helper()
	js, err := os.ReadFile("../pkg/oa/testdata/single.json")
	if err != nil {
		t.Fatal(err)
	}
	return js, common.HexToAddress("0x8bA63EAB43342AAc3AdBB4B827b68Cf4aAE5Caca")
}

// TestOpenAttestationChecks: a document of a trusted store verifies only
// when the store issued its batch and revoked neither it nor the batch;
// the DNS identity is reported not checked without lowering the verdict.
func TestOpenAttestationChecks(t *testing.T) {
	ctx := context.Background()
	js, addr := oaVector(t)
	probe := verifier.New(verifier.Options{}).VerifyBytes(ctx, js)
	if probe.Kind != verifier.KindOpenAttestation {
		t.Fatalf("kind %s", probe.Kind)
	}
	wantCheck(t, probe, verifier.CheckIssuer, verifier.Fail, verifier.NotVerified) // no store trusted
	var root, target [32]byte
	copy(root[:], common.FromHex(probe.Technical["merkleRoot"]))
	copy(target[:], common.FromHex(probe.Technical["targetHash"]))
	with := func(s storeRecord) *verifier.Verifier {
		return verifier.New(verifier.Options{DocumentStores: []verifier.DocumentStore{{ChainID: 1337, Address: addr, Name: "Solo Institute", Reader: s}}})
	}
	issued := map[[32]byte]bool{root: true}

	r := with(storeRecord{issued: issued}).VerifyBytes(ctx, js)
	wantCheck(t, r, verifier.CheckRevocation, verifier.Pass, verifier.Verified)
	wantCheck(t, r, verifier.CheckIdentity, verifier.NotChecked, verifier.Verified)

	r = with(storeRecord{}).VerifyBytes(ctx, js)
	wantCheck(t, r, verifier.CheckAnchored, verifier.Fail, verifier.NotVerified)
	for _, revoked := range [][32]byte{target, root} {
		r = with(storeRecord{issued: issued, revoked: map[[32]byte]bool{revoked: true}}).VerifyBytes(ctx, js)
		wantCheck(t, r, verifier.CheckRevocation, verifier.Fail, verifier.NotVerified)
	}
	tampered := strings.Replace(string(js), "Solo Institute", "Solo Institutf", 1)
	r = with(storeRecord{issued: issued}).VerifyBytes(ctx, []byte(tampered))
	wantCheck(t, r, verifier.CheckIntegrity, verifier.Fail, verifier.NotVerified)
	wantCheck(t, r, verifier.CheckAnchored, verifier.NotChecked, verifier.NotVerified)
}

// TestOpenAttestationHiddenExpiry: a holder may hide any field of an
// OpenAttestation document and keep it intact, the expiry date too; a
// document with hidden fields and no expiry date is not "verified" as if
// it had none.
func TestOpenAttestationHiddenExpiry(t *testing.T) {
	ctx := context.Background()
	js, err := os.ReadFile("../pkg/oa/testdata/obfuscated.json")
	if err != nil {
		t.Fatal(err)
	}
	probe := verifier.New(verifier.Options{}).VerifyBytes(ctx, js)
	var root [32]byte
	copy(root[:], common.FromHex(probe.Technical["merkleRoot"]))
	_, addr := oaVector(t)
	v := verifier.New(verifier.Options{DocumentStores: []verifier.DocumentStore{{ChainID: 1337, Address: addr, Name: "Solo Institute",
		Reader: storeRecord{issued: map[[32]byte]bool{root: true}}}}})
	r := v.VerifyBytes(ctx, js)
	wantCheck(t, r, verifier.CheckValidity, verifier.NotChecked, verifier.Incomplete)
	wantCheck(t, r, verifier.CheckIntegrity, verifier.Pass, verifier.Incomplete)
}
