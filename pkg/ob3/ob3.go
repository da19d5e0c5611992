// Package ob3 turns a credseal credential into a signed Open Badges 3.0
// OpenBadgeCredential (VC Data Model 2.0), and makes the Bitstring Status
// List credential that carries revocations to wallets and other verifiers.
//
// The mapping (docs/FORMAT.md, "Open Badges 3.0 export"): the learner's
// name and identifier become IdentityObjects, credits become
// creditsAvailable and creditsEarned, level and skills become alignments,
// and the credseal proof bundle rides along as evidence, so the one
// document is both signed by the issuer's did:web key and anchored on chain.
package ob3

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/vc"
)

// Context is an OB3 credential's @context.
var Context = []any{vc.ContextVC2, vc.ContextOB3}

// Types of what this package writes.
var (
	CredentialType = []any{"VerifiableCredential", "OpenBadgeCredential"}
	StatusListType = []any{"VerifiableCredential", vc.TypeStatusListCredential}
)

// EvidenceGenre marks the evidence entry that holds the credseal bundle.
const EvidenceGenre = "credseal proof bundle"

// Issuer is who signs: a DID and its Ed25519 key, named key-1 in its DID
// document.
type Issuer struct {
	DID string
	Key ed25519.PrivateKey
}

// VerificationMethod is the issuer's signing key's DID URL.
func (i Issuer) VerificationMethod() string { return i.DID + "#key-1" }

// Options say what travels with a credential besides its content.
type Options struct {
	// StatusList, with StatusIndex, is the status list credential's URL;
	// empty for no credentialStatus.
	StatusList  string
	StatusIndex int
	// Bundle is the credential's credseal proof in compact form (CS1).
	Bundle string
	// Salt salts the hashed learner identifier; the same salt gives the
	// same export.
	Salt string
}

var eqfLevel = regexp.MustCompile(`^EQF ([1-8])$`)

// Credential returns doc as an unsigned OpenBadgeCredential, issued by iss.
func Credential(doc *credential.Document, iss string, o Options) (map[string]any, error) {
	if doc == nil || iss == "" {
		return nil, errors.New("ob3: no document or issuer")
	}
	a := doc.Subject.Achievement
	achievementID := a.ID
	if achievementID == "" {
		achievementID = doc.ID + "#achievement"
	}
	description := a.Description
	if description == "" {
		description = a.Name
	}
	criteria := map[string]any{"narrative": a.Name}
	if a.Criteria != nil && a.Criteria.Narrative != "" {
		criteria["narrative"] = a.Criteria.Narrative
	}
	achievement := map[string]any{
		"id": achievementID, "type": []any{"Achievement"}, "name": a.Name,
		"description": description, "criteria": criteria,
	}
	var alignments []any
	if a.Level != "" {
		al := map[string]any{"type": []any{"Alignment"}, "targetName": a.Level, "targetType": "ext:Level",
			"targetUrl": achievementID + "#level"}
		if m := eqfLevel.FindStringSubmatch(a.Level); m != nil {
			al["targetName"] = "EQF level " + m[1]
			al["targetUrl"] = "http://data.europa.eu/snb/eqf/" + m[1]
			al["targetFramework"] = "European Qualifications Framework"
			al["targetCode"] = m[1]
		}
		alignments = append(alignments, al)
	}
	for _, s := range a.Skills {
		alignments = append(alignments, map[string]any{"type": []any{"Alignment"}, "targetName": s,
			"targetType": "ceasn:Competency", "targetUrl": achievementID + "#skill-" + url.PathEscape(s)})
	}
	if len(alignments) > 0 {
		achievement["alignment"] = alignments
	}
	subject := map[string]any{
		"type": []any{"AchievementSubject"}, "name": doc.Subject.Name, "achievement": achievement,
		"identifier": identities(doc.Subject, o.Salt),
	}
	if a.Credits > 0 {
		achievement["creditsAvailable"] = a.Credits
		subject["creditsEarned"] = a.Credits
	}
	profile := map[string]any{"id": iss, "type": []any{"Profile"}, "name": doc.Issuer.Name}
	if doc.Issuer.URL != "" {
		profile["url"] = doc.Issuer.URL
	}
	validFrom, err := dateTime(doc.ValidFrom)
	if err != nil {
		return nil, fmt.Errorf("ob3: validFrom: %w", err)
	}
	c := map[string]any{
		"@context": Context, "id": doc.ID, "type": CredentialType, "name": a.Name,
		"issuer": profile, "validFrom": validFrom, "credentialSubject": subject,
	}
	if doc.ValidUntil != "" {
		if c["validUntil"], err = dateTime(doc.ValidUntil); err != nil {
			return nil, fmt.Errorf("ob3: validUntil: %w", err)
		}
	}
	if o.StatusList != "" {
		c["credentialStatus"] = map[string]any{
			"id": o.StatusList + "#" + strconv.Itoa(o.StatusIndex), "type": vc.TypeStatusListEntry,
			"statusPurpose": vc.PurposeRevocation, "statusListIndex": strconv.Itoa(o.StatusIndex),
			"statusListCredential": o.StatusList,
		}
	}
	if o.Bundle != "" {
		ev := map[string]any{"type": []any{"Evidence"}, "name": "Anchored on a blockchain by credseal",
			"genre": EvidenceGenre, "narrative": o.Bundle,
			"description": "The credseal proof bundle of this credential: its Merkle inclusion in a sealed batch whose header the issuer anchored on chain."}
		c["evidence"] = []any{ev}
	}
	return normalise(c)
}

// identities are the learner's IdentityObjects: the name in clear, as
// wallets show it, and the identifier (an e-mail or a student number)
// hashed with the salt, so the credential does not publish it.
func identities(s credential.Subject, salt string) []any {
	ids := []any{map[string]any{"type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": s.Name}}
	if s.Identifier != "" {
		kind := "studentId"
		if strings.Contains(s.Identifier, "@") {
			kind = "emailAddress"
		}
		sum := sha256.Sum256([]byte(s.Identifier + salt))
		ids = append(ids, map[string]any{"type": "IdentityObject", "identityType": kind, "hashed": true,
			"identityHash": "sha256$" + hex.EncodeToString(sum[:]), "salt": salt})
	}
	return ids
}

// dateTime returns an xsd:dateTime: a date alone becomes its midnight UTC.
func dateTime(s string) (string, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.RFC3339), nil
	}
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		return "", err
	}
	return s, nil
}

// normalise round-trips through JSON, so the map holds exactly what a
// verifier decodes (float64 numbers, []any arrays) and signs the same.
func normalise(c map[string]any) (map[string]any, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	return out, json.Unmarshal(b, &out)
}

// Sign signs an OB3 (or status list) credential as iss, now.
func Sign(c map[string]any, iss Issuer, now time.Time) error {
	return vc.Sign(c, iss.Key, iss.VerificationMethod(), now)
}

// StatusListCredential returns the unsigned BitstringStatusListCredential
// published at id for revocations.
func StatusListCredential(id, issuerDID string, list vc.StatusList, validFrom time.Time) map[string]any {
	return map[string]any{
		"@context": []any{vc.ContextVC2}, "id": id, "type": StatusListType,
		"issuer": issuerDID, "validFrom": validFrom.UTC().Truncate(time.Second).Format(time.RFC3339),
		"credentialSubject": map[string]any{
			"id": id + "#list", "type": vc.TypeStatusList, "statusPurpose": vc.PurposeRevocation,
			"encodedList": list.Encode(),
		},
	}
}
