package credential

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDigestsMatchesVector checks the multi-buffer path against the digest
// vector of testdata/digest_vector.py.
func TestDigestsMatchesVector(t *testing.T) {
	var v struct {
		Document, Seed, Digest string
		Fields                 []json.RawMessage
	}
	fields, seed := readVector(t, "../../testdata/digest-vector.json", &v, &v.Document, &v.Seed, func() int { return len(v.Fields) })
	got := make([]Hash, 1)
	if err := fieldDigests([][]Field{fields}, []Seed{seed}, got); err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(got[0][:]) != v.Digest {
		t.Fatalf("digest %x, want %s", got[0], v.Digest)
	}
}

// TestDigestsMatchesDigest compares Digests with Document.Digest, which
// uses crypto/sha256 and crypto/hmac, on random documents: values and
// pointers of every length class (one block, two, several), lists of
// several sizes, and batches that do not fill the lanes.
func TestDigestsMatchesDigest(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	text := func() string {
		n := r.IntN(200)
		var b strings.Builder
		for range n {
			b.WriteRune([]rune("aé中𝄞\"\\ b")[r.IntN(8)])
		}
		return b.String()
	}
	for _, n := range []int{1, 3, 16, 17, 100} {
		docs := make([]*Document, n)
		seeds := make([]Seed, n)
		for i := range docs {
			d := sampleDocument()
			d.Subject.Name = text()
			d.Subject.Achievement.Description = text()
			d.Subject.Achievement.Level = text()
			d.Subject.Achievement.Skills = nil
			for range r.IntN(12) {
				d.Subject.Achievement.Skills = append(d.Subject.Achievement.Skills, text())
			}
			d.Subject.Achievement.Credits = float64(r.IntN(400)) / 4
			if err := d.Validate(); err != nil {
				t.Fatal(err)
			}
			docs[i] = d
			for j := range seeds[i] {
				seeds[i][j] = byte(r.Uint32())
			}
		}
		got := make([]Hash, n)
		if err := Digests(docs, seeds, got); err != nil {
			t.Fatal(err)
		}
		for i, d := range docs {
			if want := d.Digest(seeds[i]); got[i] != want {
				t.Fatalf("batch of %d, document %d: %x, want %x", n, i, got[i], want)
			}
		}
	}
}

func TestDigestsRefusesMismatchedLengths(t *testing.T) {
	err := Digests([]*Document{sampleDocument()}, nil, make([]Hash, 1))
	if err == nil {
		t.Fatal("no error for a document without a seed")
	}
}

// BenchmarkDigests is BenchmarkDocumentDigest's work, 256 documents a call.
func BenchmarkDigests(b *testing.B) {
	const n = 256
	docs := make([]*Document, n)
	seeds := make([]Seed, n)
	for i := range docs {
		docs[i] = sampleDocument()
		docs[i].ID = fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", i)
		seeds[i][0] = byte(i)
	}
	out := make([]Hash, n)
	for b.Loop() {
		if err := Digests(docs, seeds, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// TestJSONSizeBound checks that Validate's bound holds for the strings that
// expand most in JSON (control characters, quotes, U+2028) and for plain
// ones, so skipping the encoding never lets a document over the size limit.
func TestJSONSizeBound(t *testing.T) {
	for _, unit := range []string{"a", "\x01", "\"", "\\", "\u2028", "é", "<&>"} {
		d := sampleDocument()
		d.Subject.Achievement.Description = strings.Repeat(unit, 4096/len(unit))
		d.Subject.Achievement.Skills = []string{strings.Repeat(unit, 1000/len(unit)), unit}
		fields, err := d.writeFields()
		if err != nil {
			t.Fatal(err)
		}
		values := 0
		for _, f := range fields {
			values += len(f.Value)
		}
		js, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if bound := jsonSizeBound(values); len(js) > bound {
			t.Errorf("%q: JSON is %d bytes, bound %d", unit, len(js), bound)
		}
	}
}

// TestDigestsManyFields covers the sort of a document with more fields than
// insertion sort takes, and refuses a document Validate would refuse.
func TestDigestsManyFields(t *testing.T) {
	d := sampleDocument()
	for i := range 500 {
		d.Subject.Achievement.Skills = append(d.Subject.Achievement.Skills, fmt.Sprintf("skill %d", i))
	}
	seed := Seed{9}
	got := make([]Hash, 1)
	if err := Digests([]*Document{d}, []Seed{seed}, got); err != nil {
		t.Fatal(err)
	}
	if want := d.Digest(seed); got[0] != want {
		t.Fatalf("%x, want %x", got[0], want)
	}
	d.Subject.Name = "bad \xff UTF-8"
	if err := Digests([]*Document{d}, []Seed{seed}, got); !errors.Is(err, ErrInvalidUTF8) {
		t.Fatalf("invalid UTF-8: err = %v", err)
	}
}

// BenchmarkDigestsManyFields is the largest list a document can hold under
// MaxDocumentSize, one-letter skills: the field hashes' sort must stay
// n log n (an insertion sort took about 190 ms for the sort alone).
func BenchmarkDigestsManyFields(b *testing.B) {
	d := sampleDocument()
	d.Subject.Achievement.Skills = nil
	for range 12_000 {
		d.Subject.Achievement.Skills = append(d.Subject.Achievement.Skills, "a")
	}
	if err := d.Validate(); err != nil {
		b.Fatal(err)
	}
	out := make([]Hash, 1)
	for b.Loop() {
		if err := Digests([]*Document{d}, []Seed{{1}}, out); err != nil {
			b.Fatal(err)
		}
	}
}
