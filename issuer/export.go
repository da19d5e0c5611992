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
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/credential"
)

// Manifest describes an exported batch for the registrar. It holds no
// salts or seeds: only what identifies each learner's files.
type Manifest struct {
	Format string `json:"format"`
	// State is StateAnchoring while the batch waits for its anchor (its
	// bundles carry none yet); empty once the output is final.
	State  string          `json:"state,omitempty"`
	Seal   string          `json:"seal"` // hex, internal byte order
	Root   string          `json:"root"`
	Header string          `json:"header"`
	Size   int             `json:"size"`
	Anchor *ManifestAnchor `json:"anchor,omitempty"`
	// SealCost is what sealing the header took (absent for batches sealed
	// before it was recorded).
	SealCost *SealCost       `json:"sealCost,omitempty"`
	Entries  []ManifestEntry `json:"credentials"`
}

// ManifestAnchor says where the batch was anchored.
type ManifestAnchor struct {
	ChainID  uint64 `json:"chainId"`
	Registry string `json:"registry"`
	Issuer   string `json:"issuer"`
	Tx       string `json:"tx"`
	Block    uint64 `json:"block"`
}

// ManifestEntry names one learner's files.
type ManifestEntry struct {
	LeafIndex int    `json:"leafIndex"`
	ID        string `json:"id"`
	Name      string `json:"name"`
	Digest    string `json:"digest"`
	Bundle    string `json:"bundle"`
	QR        string `json:"qr"`
	QRVersion int    `json:"qrVersion"`
	// Certificate is the printable HTML certificate, when written.
	Certificate string `json:"certificate,omitempty"`
	// PDF is the PDF certificate, written with Certificate.
	PDF string `json:"pdf,omitempty"`
	// ClaimURL is the learner's portal link, when the issuer service runs one.
	ClaimURL string `json:"claimUrl,omitempty"`
	// OpenBadge is the signed Open Badges 3.0 credential, when written.
	OpenBadge string `json:"openBadge,omitempty"`
}

// ManifestFormat names the manifest's format.
const ManifestFormat = "credseal-batch-manifest/1"

// ExportOptions control Export.
type ExportOptions struct {
	// VerifierURL, when set, makes each QR code a link to that verifier page
	// with the bundle in the fragment; otherwise it holds the CS1 string.
	VerifierURL string
	// Certificates writes a printable HTML certificate and a PDF
	// certificate per learner.
	Certificates bool
	// Lang is the certificates' language (internal/i18n's tags); English
	// when empty.
	Lang string
	// ClaimURL, when set, gives each credential's portal link for the manifest.
	ClaimURL func(id string) string
	// PrintURL, when set, gives each credential's print link (Service.PrintPath
	// under the portal), which certificates offer where their QR code is large.
	PrintURL func(id string) string
	// OpenBadges, when set, writes each credential's signed Open Badges 3.0
	// form too; FirstSeq is the batch's first credential's sequence number,
	// which places each in its status list.
	OpenBadges *OpenBadges
	FirstSeq   uint64
	Progress   func(done int)
}

// ErrOutputExists is returned when the output directory already has files.
var ErrOutputExists = errors.New("issuer: output directory is not empty")

// Export writes one bundle JSON and one QR PNG per learner and manifest.json
// into dir. It writes into a temporary sibling directory and renames it into
// place at the end, so dir never holds a half-written batch.
func Export(dir string, b *Batch, opts ExportOptions) (*Manifest, error) {
	return export(dir, b, opts, nil, false)
}

// export writes the batch into a temporary sibling of dir and publishes it
// as dir: a new directory, or with replace one that replaces dir. With
// resume it writes the anchoring state: manifest state "anchoring" and
// ResumeFile.
func export(dir string, b *Batch, opts ExportOptions, resume *resumeFile, replace bool) (*Manifest, error) {
	if entries, err := os.ReadDir(dir); !replace && err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrOutputExists, dir)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed

	sealHash := b.Header.Hash()
	hdr, _ := b.Header.MarshalBinary()
	root := b.Tree.Root()
	m := &Manifest{Format: ManifestFormat, Seal: hex.EncodeToString(sealHash[:]), Root: hex.EncodeToString(root[:]),
		Header: hex.EncodeToString(hdr), Size: len(b.Credentials)}
	if b.Cost.Hashes > 0 {
		cost := b.Cost
		m.SealCost = &cost
	}
	if resume != nil {
		m.State = StateAnchoring
		if err := writeResume(filepath.Join(tmp, ResumeFile), resume); err != nil {
			return nil, err
		}
	} else if a := b.Anchor; a != nil {
		m.Anchor = &ManifestAnchor{ChainID: a.ChainID, Registry: "0x" + hex.EncodeToString(a.Registry[:]),
			Issuer: "0x" + hex.EncodeToString(a.Issuer[:]), Tx: "0x" + hex.EncodeToString(a.Tx[:]), Block: a.Block}
	}
	for i, c := range b.Credentials {
		e, err := exportOne(tmp, b, i, opts)
		if err != nil {
			return nil, fmt.Errorf("export credential %d (%s): %w", i, c.Document.ID, err)
		}
		m.Entries = append(m.Entries, e)
		if opts.Progress != nil {
			opts.Progress(i + 1)
		}
	}
	mj, _ := json.MarshalIndent(m, "", "  ")
	if err := writeFile(filepath.Join(tmp, "manifest.json"), append(mj, '\n')); err != nil {
		return nil, err
	}
	if err := publish(tmp, dir, replace); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return m, nil
}

// publish renames the complete directory tmp to dir, durably. Without
// replace, dir must be absent or empty. With replace, dir's current
// contents move to its aside sibling first and are removed last: a crash
// in between leaves dir absent and its previous state aside, where
// ReadResume finds it.
func publish(tmp, dir string, replace bool) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := atomicfile.SyncDir(tmp); err != nil {
		return err
	}
	if !replace {
		if err := os.Remove(dir); err != nil && !os.IsNotExist(err) { // an empty dir may stand in the way
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
		return atomicfile.SyncDir(parent)
	}
	old := asideDir(dir)
	// dir holds the current state; whatever is aside is older.
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(dir, old); err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := atomicfile.SyncDir(parent); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir) // put the current state back
		return err
	}
	if err := atomicfile.SyncDir(parent); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// asideDir is where publish keeps dir's previous contents while it
// replaces them.
func asideDir(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".aside")
}

func exportOne(dir string, b *Batch, i int, opts ExportOptions) (ManifestEntry, error) {
	c := &b.Credentials[i]
	bun, err := b.Bundle(i)
	if err != nil {
		return ManifestEntry{}, err
	}
	js, err := bun.MarshalJSON()
	if err != nil {
		return ManifestEntry{}, err
	}
	cs1, err := bun.EncodeCompact()
	if err != nil {
		return ManifestEntry{}, err
	}
	content := cs1
	if opts.VerifierURL != "" {
		content = bundle.VerifierURL(opts.VerifierURL, cs1)
	}
	qr, err := bundle.EncodeQR(content)
	if err != nil {
		return ManifestEntry{}, err
	}
	stem := fmt.Sprintf("%04d-%s", i, slug(c.Document.Subject.Name))
	e := ManifestEntry{LeafIndex: i, ID: c.Document.ID, Name: c.Document.Subject.Name, Digest: hex.EncodeToString(c.Digest[:]),
		Bundle: stem + ".credseal.json", QR: stem + ".qr.png", QRVersion: qr.Version}
	if opts.ClaimURL != nil {
		e.ClaimURL = opts.ClaimURL(c.Document.ID)
	}
	if err := writeFile(filepath.Join(dir, e.Bundle), js); err != nil {
		return e, err
	}
	if o := opts.OpenBadges; o != nil {
		badge, err := o.Credential(c.Document, opts.FirstSeq+uint64(i), c.Seed, bun)
		if err != nil {
			return e, err
		}
		e.OpenBadge = stem + ".ob3.json"
		if err := writeFile(filepath.Join(dir, e.OpenBadge), badge); err != nil {
			return e, err
		}
	}
	if opts.Certificates {
		if err := writeCertificates(dir, stem, &e, c.Document, bun, qr, opts); err != nil {
			return e, err
		}
	}
	return e, writeFile(filepath.Join(dir, e.QR), qr.PNG)
}

// writeCertificates writes a learner's HTML and PDF certificates and names
// them in e. Where the QR code is large and there is a portal, both also
// offer the print QR: the credential's print link.
func writeCertificates(dir, stem string, e *ManifestEntry, doc *credential.Document, bun *bundle.Bundle, qr bundle.QR, opts ExportOptions) error {
	d := CertificateData{Document: doc, QRPNG: qr.PNG, VerifyURL: opts.VerifierURL, Lang: opts.Lang}
	if a := bun.Anchor; a != nil {
		d.Status = AnchorStatus(i18n.NewPrinter(d.Lang), a)
	}
	link := ""
	if opts.PrintURL != nil {
		link = opts.PrintURL(doc.ID)
	}
	var err error
	if d.PrintQRPNG, err = PrintQR(qr.Version, link); err != nil {
		return err
	}
	e.Certificate, e.PDF = stem+".certificate.html", stem+".certificate.pdf"
	var html, pdf bytes.Buffer
	if err := WriteCertificate(&html, d); err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	if err := WritePDFCertificate(&pdf, d); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, e.Certificate), html.Bytes()); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, e.PDF), pdf.Bytes())
}

// writeFile writes and syncs, so the final rename publishes complete files.
func writeFile(path string, data []byte) error { return writeFileMode(path, data, 0o644) }

func writeFileMode(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	return f.Close()
}

// foldLetters spells out letters that Unicode does not decompose into ASCII.
var foldLetters = strings.NewReplacer("Ø", "O", "ø", "o", "Æ", "Ae", "æ", "ae", "ß", "ss", "Þ", "Th", "þ", "th",
	"Ð", "D", "ð", "d", "Đ", "D", "đ", "d", "Ł", "L", "ł", "l", "Œ", "Oe", "œ", "oe", "ı", "i")

// slug folds a name to lowercase ASCII for file names: "Zoë Müller" → "zoe-muller".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(foldLetters.Replace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accents left by NFKD
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 40 {
		s = strings.TrimSuffix(s[:40], "-")
	}
	if s == "" {
		return "learner"
	}
	return s
}
