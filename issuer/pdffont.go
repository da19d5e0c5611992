package issuer

import (
	_ "embed"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// The PDF certificate's fonts, embedded so that any machine can write it
// (fonts/README.md says where each comes from; their licences sit beside
// them). fpdf embeds only the glyphs a PDF uses.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoSansRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoSansBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf
	droidSansFallback []byte
)

// pdfFace is one embedded TrueType font: its bytes for fpdf, and which
// runes of the Basic Multilingual Plane (all that fpdf sets) it has a
// glyph for.
type pdfFace struct {
	family, style string // fpdf's names for it
	data          []byte

	once   sync.Once
	glyphs *[0x10000 / 64]uint64 // a bit a rune; all zero if the font does not parse
}

var (
	fontSans     = &pdfFace{family: "NotoSans", data: notoSansRegular}
	fontSansBold = &pdfFace{family: "NotoSans", style: "B", data: notoSansBold}
	// fontCJK covers Chinese, Japanese and Korean, which Noto Sans does not. It
	// has no bold: bold CJK text is set in its regular weight.
	fontCJK = &pdfFace{family: "DroidSansFallback", data: droidSansFallback}
)

// has reports whether f has a glyph for r.
func (f *pdfFace) has(r rune) bool {
	f.once.Do(f.load)
	return r >= 0 && r <= 0xFFFF && f.glyphs[r/64]&(1<<(r%64)) != 0
}

// load asks the font once for each rune of the Basic Multilingual Plane.
func (f *pdfFace) load() {
	f.glyphs = new([0x10000 / 64]uint64)
	font, err := sfnt.Parse(f.data)
	if err != nil {
		return
	}
	var buf sfnt.Buffer
	for r := rune(0); r <= 0xFFFF; r++ {
		if i, err := font.GlyphIndex(&buf, r); err == nil && i != 0 {
			f.glyphs[r/64] |= 1 << (r % 64)
		}
	}
}

// fontRun is a stretch of text set in one face.
type fontRun struct {
	face *pdfFace
	text string
}

// fontRuns splits s into runs, each in the first face that has its runes: Noto
// Sans (bold with bold), else the CJK font, else Noto Sans, which shows a
// missing glyph as a box. Combining marks and joiners stay with the rune
// before them, so "ọ̀" is set in one face.
func fontRuns(s string, bold bool) []fontRun {
	sans := fontSans
	if bold {
		sans = fontSansBold
	}
	var out []fontRun
	start := 0
	var cur *pdfFace
	for i, r := range s {
		f := sans
		switch {
		case cur != nil && (unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r == ' '):
			f = cur
		case !sans.has(r) && fontCJK.has(r):
			f = fontCJK
		}
		if f != cur {
			if cur != nil {
				out = append(out, fontRun{cur, s[start:i]})
			}
			cur, start = f, i
		}
	}
	if cur != nil {
		out = append(out, fontRun{cur, s[start:]})
	}
	return out
}
