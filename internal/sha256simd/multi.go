package sha256simd

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Lanes is how many messages Hash advances at once: the width of the
// widest block kernel. Many short messages hashed in lanes cost far less
// than as many crypto/sha256 calls, whose per-call set-up outweighs one or
// two compressions.
const Lanes = 16

// A Message is one input of Hash and where its result goes.
type Message struct {
	// Init is the state to start from, nil for SHA-256's initial value, and
	// Prefix how many bytes it has absorbed (a multiple of 64), for the
	// length in the padding: an HMAC's inner and outer hashes start from
	// their key block's state.
	Init   *[8]uint32
	Prefix uint64
	Msg    []byte
	// Sum receives SHA-256 of the prefix and Msg. When Sum is nil, State
	// receives the state after Msg's blocks, without padding (len(Msg) must
	// then be a multiple of 64).
	Sum   *[32]byte
	State *[8]uint32
}

// ErrNoResult is returned for a message with neither Sum nor State.
var ErrNoResult = errors.New("sha256simd: a message needs a Sum or a State")

// ErrPartialBlock is returned for a message asking for a state after a
// message that does not fill its last block.
var ErrPartialBlock = errors.New("sha256simd: a state is only defined after whole blocks")

// lanes is what a block kernel reads: each lane's state, word-major so one
// vector register holds word i of every lane, and each lane's block.
type lanes struct {
	state  [8][Lanes]uint32
	blocks [Lanes][64]byte
	buf    [64][8]uint32 // the schedule, for kernels that keep it in memory
}

// lane is one lane's message and how far it has got.
type lane struct {
	msg           *Message
	block, blocks int
}

// Hash hashes every message, Lanes at a time: each lane takes the next
// message when its own is done, so messages of different lengths share the
// lanes. Results are written as messages finish, so no message's Msg or
// Init may be another's Sum or State in the same call.
func Hash(msgs []Message) error {
	for i := range msgs {
		switch m := &msgs[i]; {
		case m.Sum == nil && m.State == nil:
			return fmt.Errorf("message %d: %w", i, ErrNoResult)
		case m.Sum == nil && len(m.Msg)%64 != 0:
			return fmt.Errorf("message %d: %w", i, ErrPartialBlock)
		}
	}
	compress := blockKernel
	var l lanes
	var ls [Lanes]lane
	next, busy := 0, 0
	// take gives lane i the next message that has a block to hash, finishing
	// empty state messages on the way.
	take := func(i int) {
		for next < len(msgs) {
			m := &msgs[next]
			next++
			n := blockCount(m)
			if n == 0 {
				*m.State = initial(m)
				continue
			}
			ls[i] = lane{msg: m, blocks: n}
			s := initial(m)
			for w := range 8 {
				l.state[w][i] = s[w]
			}
			busy++
			return
		}
		ls[i].msg = nil
	}
	for i := range Lanes {
		take(i)
	}
	for busy > 0 {
		for i := range ls {
			if ls[i].msg != nil {
				l.fill(i, ls[i].msg, ls[i].block, ls[i].blocks)
			}
		}
		compress(&l)
		for i := range ls {
			ln := &ls[i]
			if ln.msg == nil {
				continue
			}
			if ln.block++; ln.block == ln.blocks {
				l.finish(i, ln.msg)
				busy--
				take(i)
			}
		}
	}
	return nil
}

// blockCount is how many compressions message m takes.
func blockCount(m *Message) int {
	if m.Sum == nil {
		return len(m.Msg) / 64
	}
	return (len(m.Msg) + 9 + 63) / 64 // 0x80 and the 64-bit length
}

func initial(m *Message) [8]uint32 {
	if m.Init == nil {
		return iv
	}
	return *m.Init
}

// fill puts block b of message m, padded where it runs past the message, in lane i.
func (l *lanes) fill(i int, m *Message, b, blocks int) {
	off := 64 * b
	block := &l.blocks[i]
	if off+64 <= len(m.Msg) {
		*block = [64]byte(m.Msg[off : off+64])
		return
	}
	*block = [64]byte{}
	if off <= len(m.Msg) {
		n := copy(block[:], m.Msg[off:])
		block[n] = 0x80
	}
	if b == blocks-1 {
		binary.BigEndian.PutUint64(block[56:], (m.Prefix+uint64(len(m.Msg)))*8)
	}
}

// finish writes lane i's result to message m.
func (l *lanes) finish(i int, m *Message) {
	if m.Sum == nil {
		for w := range 8 {
			m.State[w] = l.state[w][i]
		}
		return
	}
	for w := range 8 {
		binary.BigEndian.PutUint32(m.Sum[4*w:], l.state[w][i])
	}
}

// compressLanes is the portable block kernel: each lane in turn.
func compressLanes(l *lanes) {
	for i := range Lanes {
		var s [8]uint32
		var w [64]uint32
		for r := range s {
			s[r] = l.state[r][i]
		}
		for r := range 16 {
			w[r] = binary.BigEndian.Uint32(l.blocks[i][4*r:])
		}
		compress(&s, &w)
		for r := range s {
			l.state[r][i] = s[r]
		}
	}
}

// BlockKernel names the kernel Hash uses on this machine.
func BlockKernel() string { return blockKernelName() }
