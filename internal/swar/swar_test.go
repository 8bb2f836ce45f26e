package swar

import (
	"math/bits"
	"testing"
)

// TestHasByte: for every byte at every place of a word of other bytes
// (including b+1, which a borrow may flag above a b), the lowest flagged
// byte is the first b, and there is a flag exactly when there is a b.
func TestHasByte(t *testing.T) {
	for _, b := range []byte{':', '$', '*', 0, 0xff} {
		for _, fill := range []byte{'a', b + 1, b - 1, 0x80} {
			if fill == b {
				continue
			}
			for at := -1; at < 8; at++ {
				w := make([]byte, 8)
				for i := range w {
					w[i] = fill
				}
				if at >= 0 {
					w[at] = b
				}
				m := HasByte(Load(string(w), 0), b)
				switch {
				case at < 0 && m != 0:
					t.Errorf("b %#x fill %#x: flagged %#x with no b", b, fill, m)
				case at >= 0 && (m == 0 || bits.TrailingZeros64(m)>>3 != at):
					t.Errorf("b %#x fill %#x at %d: mask %#x", b, fill, at, m)
				}
			}
		}
	}
}

func TestLoad(t *testing.T) {
	if got := Load("xabcdefgh", 1); got != 0x6867666564636261 {
		t.Errorf("Load = %#x", got)
	}
}
