package seal

import (
	"errors"
	"fmt"
	"math/big"
)

// Errors for compact targets that Bitcoin's CheckProofOfWork rejects.
var (
	ErrNegativeTarget = errors.New("seal: compact target is negative")
	ErrTargetOverflow = errors.New("seal: compact target overflows 256 bits")
	ErrZeroTarget     = errors.New("seal: compact target is zero")
)

// Target decodes Bitcoin's compact "nBits" encoding: a one-byte size in bytes
// and a three-byte mantissa whose top bit is a sign.
func Target(bits uint32) (*big.Int, error) {
	// Mirrors Bitcoin Core's SetCompact: the sign is tested after the shift.
	size := bits >> 24
	word := bits & 0x007fffff
	if size <= 3 {
		word >>= 8 * (3 - size)
	}
	if word != 0 && bits&0x00800000 != 0 {
		return nil, fmt.Errorf("%w: bits %08x", ErrNegativeTarget, bits)
	}
	if word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32)) {
		return nil, fmt.Errorf("%w: bits %08x", ErrTargetOverflow, bits)
	}
	if word == 0 {
		return nil, fmt.Errorf("%w: bits %08x", ErrZeroTarget, bits)
	}
	t := new(big.Int).SetUint64(uint64(word))
	if size > 3 {
		t.Lsh(t, uint(8*(size-3)))
	}
	return t, nil
}

// targetBytes returns Target(bits) as 32 little-endian bytes.
func targetBytes(bits uint32) ([32]byte, error) {
	var out [32]byte
	t, err := Target(bits)
	if err != nil {
		return out, err
	}
	be := t.FillBytes(make([]byte, 32)) // cannot overflow: Target rejects > 256 bits
	for i := range out {
		out[i] = be[31-i]
	}
	return out, nil
}

// Compact encodes a positive target below 2^256 in nBits form, rounding the
// mantissa down as Bitcoin's GetCompact does.
func Compact(target *big.Int) (uint32, error) {
	if target.Sign() <= 0 || target.BitLen() > 256 {
		return 0, fmt.Errorf("seal: target %v out of range", target)
	}
	size := uint32((target.BitLen() + 7) / 8)
	var word uint32
	if size <= 3 {
		word = uint32(target.Uint64()) << (8 * (3 - size))
	} else {
		word = uint32(new(big.Int).Rsh(target, uint(8*(size-3))).Uint64())
	}
	// The mantissa's top bit is a sign: move a set one into the exponent.
	if word&0x00800000 != 0 {
		word >>= 8
		size++
	}
	return size<<24 | word, nil
}

// MaxDifficulty is the largest difficulty BitsForDifficulty accepts.
const MaxDifficulty = 224

// BitsForDifficulty returns compact bits whose target is just under
// 2^(256-d), so a seal takes about 2^d hashes on average.
func BitsForDifficulty(d int) (uint32, error) {
	if d < 0 || d > MaxDifficulty {
		return 0, fmt.Errorf("seal: difficulty %d outside 0..%d", d, MaxDifficulty)
	}
	t := new(big.Int).Lsh(big.NewInt(1), uint(256-d))
	t.Sub(t, big.NewInt(1))
	return Compact(t)
}

// Work returns the expected number of hashes to seal at bits: 2^256/(target+1).
func Work(bits uint32) (*big.Int, error) {
	t, err := Target(bits)
	if err != nil {
		return nil, err
	}
	w := new(big.Int).Lsh(big.NewInt(1), 256)
	return w.Div(w, t.Add(t, big.NewInt(1))), nil
}
