package issuer

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/pkg/merkle"
	"github.com/credseal/credseal/pkg/seal"
)

// Resuming an anchored batch: `credseal batch --anchor` writes the output
// with ResumeFile before it sends the header, so that the seeds survive a
// crash or a failed write after the transaction.
const (
	// ResumeFile, in an output directory in the anchoring state, holds
	// everything needed to rebuild the bundles.
	ResumeFile = "resume.json"
	// ResumeFormat names the resume file's format.
	ResumeFormat = "credseal-batch-resume/1"
	// StateAnchoring is the manifest state of an output written before its
	// header was anchored: its bundles carry no anchor and it is not final.
	StateAnchoring = "anchoring"
)

// Errors ReadResume returns.
var (
	ErrNothingToResume = errors.New("issuer: no interrupted batch to resume")
	ErrComplete        = errors.New("issuer: the batch output is already final")
)

// AnchorTarget is where an anchoring batch is to be anchored, and by whom.
type AnchorTarget struct {
	ChainID  uint64
	Registry [20]byte
	Issuer   [20]byte // the signing key's address
}

// Resumable is a batch read back from an output directory in the anchoring
// state.
type Resumable struct {
	Batch  *Batch
	Target AnchorTarget
	// Options are the export options it was written with (the verifier URL
	// of its QR codes), for the final output.
	Options ExportOptions
}

// resumeFile is ResumeFile's JSON.
type resumeFile struct {
	Format       string             `json:"format"`
	State        string             `json:"state"`
	ChainID      uint64             `json:"chainId"`
	Registry     string             `json:"registry"`
	Issuer       string             `json:"issuer"`
	Header       string             `json:"header"`
	Seal         string             `json:"seal"`
	VerifierURL  string             `json:"verifierUrl,omitempty"`
	Certificates bool               `json:"certificates,omitempty"`
	Credentials  []resumeCredential `json:"credentials"`
}

type resumeCredential struct {
	Seed    string             `json:"seed"`
	Version credential.Version `json:"version"`
	Digest  string             `json:"digest"`
	// Document is the credential exactly as it was hashed.
	Document json.RawMessage `json:"document"`
}

// ExportAnchoring writes the batch's output before it is anchored: bundles
// and QR codes without the anchor, a manifest in StateAnchoring, and
// ResumeFile with the documents, seeds and header. The directory appears
// complete, synced, or not at all; dir must be absent or empty. Once the
// header is anchored, ExportFinal replaces it with the final output.
func ExportAnchoring(dir string, b *Batch, to AnchorTarget, opts ExportOptions) (*Manifest, error) {
	r, err := newResumeFile(b, to, opts)
	if err != nil {
		return nil, err
	}
	return export(dir, b, opts, r, false)
}

// ReexportAnchoring replaces the anchoring state in dir with b's, after the
// batch was sealed again (Reseal).
func ReexportAnchoring(dir string, b *Batch, to AnchorTarget, opts ExportOptions) (*Manifest, error) {
	if _, err := os.Stat(filepath.Join(dir, ResumeFile)); err != nil {
		return nil, fmt.Errorf("%w in %s: %w", ErrNothingToResume, dir, err)
	}
	r, err := newResumeFile(b, to, opts)
	if err != nil {
		return nil, err
	}
	return export(dir, b, opts, r, true)
}

// ExportFinal replaces the anchoring state in dir with the final output of
// the anchored batch b: bundles with the anchor, QR codes and manifest, and
// no resume file. Readers see the anchoring state or the final output, never
// a mix; after a crash midway, the directory may be missing until ReadResume
// puts the anchoring state back.
func ExportFinal(dir string, b *Batch, opts ExportOptions) (*Manifest, error) {
	if b.Anchor == nil {
		return nil, errors.New("issuer: the batch is not anchored yet")
	}
	if _, err := os.Stat(filepath.Join(dir, ResumeFile)); err != nil {
		return nil, fmt.Errorf("%w in %s: %w", ErrNothingToResume, dir, err)
	}
	return export(dir, b, opts, nil, true)
}

func newResumeFile(b *Batch, to AnchorTarget, opts ExportOptions) (*resumeFile, error) {
	hdr, _ := b.Header.MarshalBinary()
	s := b.Header.Hash()
	r := &resumeFile{Format: ResumeFormat, State: StateAnchoring, ChainID: to.ChainID,
		Registry: "0x" + hex.EncodeToString(to.Registry[:]), Issuer: "0x" + hex.EncodeToString(to.Issuer[:]),
		Header: hex.EncodeToString(hdr), Seal: hex.EncodeToString(s[:]), VerifierURL: opts.VerifierURL,
		Certificates: opts.Certificates, Credentials: make([]resumeCredential, len(b.Credentials))}
	for i := range b.Credentials {
		c := &b.Credentials[i]
		doc, err := c.documentJSON()
		if err != nil {
			return nil, err
		}
		r.Credentials[i] = resumeCredential{Seed: hex.EncodeToString(c.Seed[:]), Version: c.Version,
			Digest: hex.EncodeToString(c.Digest[:]), Document: doc}
	}
	return r, nil
}

// writeResume writes the resume file, readable by its owner only: it holds
// the seeds.
func writeResume(path string, r *resumeFile) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the documents stay byte for byte as hashed
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("export: resume file: %w", err)
	}
	return writeFileMode(path, buf.Bytes(), 0o600)
}

// ReadResume reads the anchoring state in dir back: the batch, with every
// digest recomputed from its document and seed and the tree checked against
// the header. If a replacement of dir was interrupted, it first puts the
// previous state back. It returns ErrComplete when dir holds a final output
// and ErrNothingToResume when it holds no batch at all.
func ReadResume(dir string) (*Resumable, error) {
	if err := restoreAside(dir); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, ResumeFile))
	if errors.Is(err, os.ErrNotExist) {
		if m, ok := readManifest(dir); ok && m.State == "" {
			return nil, fmt.Errorf("%w: %s", ErrComplete, dir)
		}
		return nil, fmt.Errorf("%w: %s has no %s", ErrNothingToResume, dir, ResumeFile)
	}
	if err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	p, err := parseResume(data)
	if err != nil {
		return nil, fmt.Errorf("resume %s: %w", filepath.Join(dir, ResumeFile), err)
	}
	return p, nil
}

// restoreAside undoes an interrupted publish: dir gone, its previous state
// aside. When dir holds a batch output, it is current and a leftover aside
// is removed; anything else in dir's place is left for the operator.
func restoreAside(dir string) error {
	old := asideDir(dir)
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	if _, err := os.Stat(dir); err == nil {
		if !isBatchOutput(dir) {
			return fmt.Errorf("resume: %s is not a batch output, and the batch's saved state is in %s: move one of them", dir, old)
		}
		return os.RemoveAll(old)
	}
	if err := os.Rename(old, dir); err != nil {
		return fmt.Errorf("resume: put back %s: %w", old, err)
	}
	return atomicfile.SyncDir(filepath.Dir(filepath.Clean(dir)))
}

// isBatchOutput reports whether dir holds a resume file or a batch manifest.
func isBatchOutput(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, ResumeFile)); err == nil {
		return true
	}
	_, ok := readManifest(dir)
	return ok
}

// readManifest reads dir's batch manifest; ok is false when there is none.
func readManifest(dir string) (Manifest, bool) {
	var m Manifest
	mj, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil || json.Unmarshal(mj, &m) != nil {
		return m, false
	}
	return m, m.Format == ManifestFormat
}

func parseResume(data []byte) (*Resumable, error) {
	var r resumeFile
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r.Format != ResumeFormat {
		return nil, fmt.Errorf("format %q, want %q", r.Format, ResumeFormat)
	}
	if r.State != StateAnchoring {
		return nil, fmt.Errorf("state %q, want %q", r.State, StateAnchoring)
	}
	p := &Resumable{Target: AnchorTarget{ChainID: r.ChainID},
		Options: ExportOptions{VerifierURL: r.VerifierURL, Certificates: r.Certificates}}
	if err := decodeHex(r.Registry, p.Target.Registry[:], "registry"); err != nil {
		return nil, err
	}
	if err := decodeHex(r.Issuer, p.Target.Issuer[:], "issuer"); err != nil {
		return nil, err
	}
	var hdr [seal.HeaderSize]byte
	if err := decodeHex(r.Header, hdr[:], "header"); err != nil {
		return nil, err
	}
	h, err := seal.ParseHeader(hdr[:])
	if err != nil {
		return nil, err
	}
	if !h.Sealed() {
		return nil, fmt.Errorf("header %x does not meet its target", h.Hash())
	}
	if len(r.Credentials) == 0 {
		return nil, ErrEmptyBatch
	}
	b := &Batch{Header: h, Credentials: make([]Issued, len(r.Credentials))}
	leaves := make([]merkle.Hash, len(r.Credentials))
	for i, rc := range r.Credentials {
		c := Issued{JSON: []byte(rc.Document), Version: rc.Version}
		if err := decodeHex(rc.Seed, c.Seed[:], fmt.Sprintf("credential %d: seed", i)); err != nil {
			return nil, err
		}
		if err := decodeHex(rc.Digest, c.Digest[:], fmt.Sprintf("credential %d: digest", i)); err != nil {
			return nil, err
		}
		fields, err := credential.Parse(c.JSON)
		if err != nil {
			return nil, fmt.Errorf("credential %d: %w", i, err)
		}
		seed := c.Seed
		got, err := credential.Digest(fields, credential.Disclosure{Version: c.Version, Seed: &seed})
		if err != nil {
			return nil, fmt.Errorf("credential %d: %w", i, err)
		}
		if got != c.Digest {
			return nil, fmt.Errorf("credential %d: document and seed give digest %x, the file says %x", i, got, c.Digest)
		}
		c.Document = new(credential.Document)
		if err := json.Unmarshal(c.JSON, c.Document); err != nil {
			return nil, fmt.Errorf("credential %d: %w", i, err)
		}
		b.Credentials[i] = c
		leaves[i] = merkle.LeafHash(c.Digest[:])
	}
	b.Tree = merkle.Build(leaves)
	if root := b.Tree.Root(); root != h.Root {
		return nil, fmt.Errorf("credentials do not make the sealed batch: %w", &merkle.RootMismatchError{Expected: h.Root, Computed: root})
	}
	p.Batch = b
	return p, nil
}

// decodeHex decodes s, with or without 0x, into exactly len(dst) bytes.
func decodeHex(s string, dst []byte, what string) error {
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != len(dst) {
		return fmt.Errorf("%s %q: want %d bytes of hex", what, s, len(dst))
	}
	copy(dst, b)
	return nil
}
