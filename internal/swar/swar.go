// Package swar reads eight bytes of a string as one word and tests them
// together (SIMD within a register): the parser's and the engine's hottest
// loops scan short strings (actions, ARNs, keys) this way. One copy of the
// word tricks for packages compiled, evaluate and jsontext.
package swar

// Masks of the low and the high bit of each byte of a word.
const (
	Low  = 0x0101010101010101
	High = 0x8080808080808080
)

// Load reads s[i:i+8] as a little-endian word (one load on amd64 and
// arm64). It panics, as an index does, when s has fewer bytes.
func Load(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// HasByte is non-zero when a byte of x is b: the high bit of each such
// byte is set (the classic "has zero byte" test of x XOR b). It is exact as
// to whether there is one, and may also flag the byte above one (a borrow),
// never a byte below the lowest: the lowest flagged byte is a b.
func HasByte(x uint64, b byte) uint64 {
	y := x ^ (Low * uint64(b))
	return (y - Low) &^ y & High
}
