package credential

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/credseal/credseal/internal/sha256simd"
)

// Digests sets digests[i] to docs[i].Digest(seeds[i]), the Latest digest,
// hashing the fields of all the documents several at a time: an issuer
// hashes about a hundred short inputs a credential, where one crypto/sha256
// or crypto/hmac call costs more than its compressions. The documents must
// have passed Validate.
func Digests(docs []*Document, seeds []Seed, digests []Hash) error {
	if len(seeds) != len(docs) || len(digests) != len(docs) {
		return fmt.Errorf("credential: digests of %d documents with %d seeds into %d", len(docs), len(seeds), len(digests))
	}
	d := digesters.Get().(*digester)
	defer d.release()
	// One writer for the run: one buffer for every value, not one each.
	d.w.buf, d.w.spans, d.w.err = d.w.buf[:0], d.w.spans[:0], nil
	d.ends = d.ends[:0]
	for i, doc := range docs {
		doc.appendFields(&d.w)
		if d.w.err != nil { // Validate would have refused it
			return fmt.Errorf("credential %d: %w", i, d.w.err)
		}
		d.ends = append(d.ends, len(d.w.spans))
	}
	d.all = d.w.appendFields(d.all[:0])
	d.fields = d.fields[:0]
	start := 0
	for _, end := range d.ends {
		d.fields = append(d.fields, d.all[start:end:end])
		start = end
	}
	return d.digests(d.fields, seeds, digests)
}

// fieldDigests sets digests[i] to the Latest digest of fields[i] under seeds[i].
func fieldDigests(fields [][]Field, seeds []Seed, digests []Hash) error {
	d := digesters.Get().(*digester)
	defer d.release()
	return d.digests(fields, seeds, digests)
}

// digesters keeps the scratch space of Digests between calls: the issuer
// calls it for every few hundred credentials.
var digesters = sync.Pool{New: func() any { return new(digester) }}

// digester is one run's scratch space. Every stage's messages go to the
// arena and msgs, which run hashes and empties.
type digester struct {
	w      fieldWriter
	ends   []int
	all    []Field
	fields [][]Field
	arena  []byte
	msgs   []sha256simd.Message
	pads   [][2][8]uint32 // HMAC key blocks' states: inner, outer
	a, b   []Hash         // per field: inner hashes then commitments; salts then field hashes
	order  []sortKey
}

// release wipes what derives from the seeds and the documents' values (the
// key blocks and their states, the salts), drops the pointers to the
// caller's results, and returns d to the pool.
func (d *digester) release() {
	clear(d.msgs[:cap(d.msgs)])
	clear(d.all[:cap(d.all)])
	clear(d.arena[:cap(d.arena)])
	clear(d.pads)
	clear(d.a[:cap(d.a)])
	clear(d.b[:cap(d.b)])
	clear(d.w.buf[:cap(d.w.buf)])
	digesters.Put(d)
}

func (d *digester) run() error {
	err := sha256simd.Hash(d.msgs)
	d.msgs, d.arena = d.msgs[:0], d.arena[:0]
	return err
}

// message queues SHA-256 of a ‖ b, which is copied, from init (nil: the IV).
func (d *digester) message(init *[8]uint32, a string, b []byte, sum *Hash) {
	start := len(d.arena)
	d.arena = append(append(d.arena, a...), b...)
	m := sha256simd.Message{Msg: d.arena[start:len(d.arena):len(d.arena)], Sum: sum}
	if init != nil {
		m.Init, m.Prefix = init, 64
	}
	d.msgs = append(d.msgs, m)
}

func (d *digester) digests(fields [][]Field, seeds []Seed, digests []Hash) error {
	total := 0
	for _, fs := range fields {
		total += len(fs)
	}
	d.pads = slices.Grow(d.pads[:0], len(fields))[:len(fields)]
	d.a = slices.Grow(d.a[:0], total)[:total]
	d.b = slices.Grow(d.b[:0], total)[:total]
	d.msgs = slices.Grow(d.msgs[:0], max(2*len(fields), total))
	// Sized for the largest stage, so that queuing a stage never copies the
	// arena (messages already queued would still read the old copy).
	commitBytes, fieldBytes := 0, 0
	for _, fs := range fields {
		for _, f := range fs {
			commitBytes += len(Salt{}) + len(f.Value)
			fieldBytes += len(f.Pointer) + len(Hash{})
		}
	}
	need := max(2*64*len(fields), commitBytes, fieldBytes, len(fields)*len(digestDomainV2)+32*total)
	d.arena = slices.Grow(d.arena[:0], need)

	// The salt is HMAC-SHA256(seed, pointer)[:16]: the key blocks' states
	// once per seed, then an inner and an outer hash per field.
	for i := range fields {
		for p, x := range [2]byte{0x36, 0x5c} {
			start := len(d.arena)
			for j := range 64 {
				b := x
				if j < len(seeds[i]) {
					b ^= seeds[i][j]
				}
				d.arena = append(d.arena, b)
			}
			d.msgs = append(d.msgs, sha256simd.Message{Msg: d.arena[start:], State: &d.pads[i][p]})
		}
	}
	if err := d.run(); err != nil {
		return err
	}
	inner, salts := d.a, d.b
	k := 0
	for i, fs := range fields {
		for _, f := range fs {
			d.message(&d.pads[i][0], f.Pointer, nil, &inner[k])
			k++
		}
	}
	if err := d.run(); err != nil {
		return err
	}
	k = 0
	for i, fs := range fields {
		for range fs {
			// The inner hash is the whole message: no copy.
			d.msgs = append(d.msgs, sha256simd.Message{Init: &d.pads[i][1], Prefix: 64, Msg: inner[k][:], Sum: &salts[k]})
			k++
		}
	}
	if err := d.run(); err != nil {
		return err
	}
	// v2: commitment = SHA-256(salt ‖ value), field hash = SHA-256(pointer ‖ commitment).
	commits := d.a // the inner hashes are spent
	k = 0
	for _, fs := range fields {
		for _, f := range fs {
			start := len(d.arena)
			d.arena = append(append(d.arena, salts[k][:len(Salt{})]...), f.Value...)
			d.msgs = append(d.msgs, sha256simd.Message{Msg: d.arena[start:len(d.arena):len(d.arena)], Sum: &commits[k]})
			k++
		}
	}
	if err := d.run(); err != nil {
		return err
	}
	hashes := d.b // the salts are spent
	k = 0
	for _, fs := range fields {
		for _, f := range fs {
			d.message(nil, f.Pointer, commits[k][:], &hashes[k])
			k++
		}
	}
	if err := d.run(); err != nil {
		return err
	}
	k = 0
	for i, fs := range fields {
		own := hashes[k : k+len(fs)]
		k += len(fs)
		start := len(d.arena)
		d.arena = append(d.arena, digestDomainV2...)
		d.arena = d.appendSorted(d.arena, own)
		d.msgs = append(d.msgs, sha256simd.Message{Msg: d.arena[start:], Sum: &digests[i]})
	}
	return d.run()
}

// appendSorted appends hs to dst in ascending byte order, as digestOf sorts
// them. It sorts indices by each hash's first eight bytes, comparing in
// full only on a tie, and never moves the hashes themselves.
func (d *digester) appendSorted(dst []byte, hs []Hash) []byte {
	d.order = d.order[:0]
	for i := range hs {
		d.order = append(d.order, sortKey{binary.BigEndian.Uint64(hs[i][:8]), i})
	}
	if o := d.order; len(o) <= 32 {
		// A document's usual few dozen fields: insertion sort is quickest.
		for i := 1; i < len(o); i++ {
			for j := i; j > 0 && o[j].compare(o[j-1], hs) < 0; j-- {
				o[j], o[j-1] = o[j-1], o[j]
			}
		}
	} else { // thousands of list items must not cost their square
		slices.SortFunc(o, func(a, b sortKey) int { return a.compare(b, hs) })
	}
	for _, x := range d.order {
		dst = append(dst, hs[x.index][:]...)
	}
	return dst
}

// sortKey is a hash's place in appendSorted: its first eight bytes and index.
type sortKey struct {
	prefix uint64
	index  int
}

// compare orders a and b as bytes.Compare orders their hashes.
func (a sortKey) compare(b sortKey, hs []Hash) int {
	if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
		return c
	}
	return compareHashes(hs[a.index], hs[b.index])
}

// compareHashes orders hashes as bytes.Compare does, a word at a time.
func compareHashes(a, b Hash) int {
	for i := 0; i < len(a); i += 8 {
		if c := cmp.Compare(binary.BigEndian.Uint64(a[i:]), binary.BigEndian.Uint64(b[i:])); c != 0 {
			return c
		}
	}
	return 0
}
