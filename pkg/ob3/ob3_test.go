package ob3_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/credseal/credseal/internal/fixtures"
	"github.com/credseal/credseal/pkg/did"
	"github.com/credseal/credseal/pkg/ob3"
	"github.com/credseal/credseal/pkg/vc"
)

// schema is 1EdTech's OB 3.0 AchievementCredential JSON Schema (testdata/ob3).
func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(fixtures.Path("ob3/ob_v3p0_achievementcredential_schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(loc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testIssuer(t *testing.T) (ob3.Issuer, *did.Resolver) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	id := "did:web:registrar.example.edu"
	return ob3.Issuer{DID: id, Key: priv}, &did.Resolver{Documents: map[string]*did.Document{id: did.NewDocument(id, pub)}}
}

// TestCohortExportsValidSignedOB3: every credential of the sample cohort
// maps to an OB3 credential that 1EdTech's schema accepts and whose
// eddsa-rdfc-2022 proof verifies against the issuer's DID document.
func TestCohortExportsValidSignedOB3(t *testing.T) {
	s := schema(t)
	iss, resolver := testIssuer(t)
	for i, doc := range fixtures.Cohort(t) {
		c, err := ob3.Credential(doc, iss.DID, ob3.Options{StatusList: "https://registrar.example.edu/status/1", StatusIndex: i,
			Bundle: "CS1:EXAMPLE", Salt: "5a17"})
		if err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		if err := ob3.Sign(c, iss, time.Now()); err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		b, _ := json.Marshal(c)
		inst, err := jsonschema.UnmarshalJSON(bytesReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); err != nil {
			t.Fatalf("%s does not match the OB3 schema: %v\n%s", doc.ID, err, b)
		}
		var back map[string]any
		_ = json.Unmarshal(b, &back)
		v, err := vc.Verify(context.Background(), back, resolver)
		if err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		if v.Issuer != iss.DID || v.Suite() != vc.SuiteEdDSARDFC2022 {
			t.Fatalf("verified %+v", v)
		}
		back["name"] = "Another Achievement"
		if _, err := vc.Verify(context.Background(), back, resolver); !errors.Is(err, vc.ErrSignature) {
			t.Fatalf("changed name: %v", err)
		}
	}
}

// TestStatusListCredentialSigns: the status list verifies and carries its bits.
func TestStatusListCredentialSigns(t *testing.T) {
	iss, resolver := testIssuer(t)
	l := vc.NewStatusList(0)
	l.Set(3)
	c := ob3.StatusListCredential("https://registrar.example.edu/status/1", iss.DID, l, time.Now())
	if err := ob3.Sign(c, iss, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := vc.Verify(context.Background(), c, resolver); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSignOpenBadge: mapping and signing one cohort credential (two
// RDFC-1.0 canonicalisations and an Ed25519 signature), what export and
// the portal pay per Open Badge.
func BenchmarkSignOpenBadge(b *testing.B) {
	_, priv, _ := ed25519.GenerateKey(nil)
	iss := ob3.Issuer{DID: "did:web:registrar.example.edu", Key: priv}
	doc := fixtures.Cohort(b)[1]
	now := time.Now()
	for b.Loop() {
		c, err := ob3.Credential(doc, iss.DID, ob3.Options{StatusList: "https://registrar.example.edu/status/1", StatusIndex: 1, Bundle: "CS1:EXAMPLE"})
		if err != nil {
			b.Fatal(err)
		}
		if err := ob3.Sign(c, iss, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyOpenBadge: what a verifier pays for the signature check.
func BenchmarkVerifyOpenBadge(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	id := "did:web:registrar.example.edu"
	resolver := &did.Resolver{Documents: map[string]*did.Document{id: did.NewDocument(id, pub)}}
	c, _ := ob3.Credential(fixtures.Cohort(b)[1], id, ob3.Options{StatusList: "https://registrar.example.edu/status/1", StatusIndex: 1, Bundle: "CS1:EXAMPLE"})
	if err := ob3.Sign(c, ob3.Issuer{DID: id, Key: priv}, time.Now()); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := vc.Verify(ctx, c, resolver); err != nil {
			b.Fatal(err)
		}
	}
}
