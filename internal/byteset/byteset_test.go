package byteset

import (
	"strings"
	"testing"
)

// TestIndex holds Index and IndexNot to strings.IndexByte over the set's
// members, and to a byte-by-byte scan, for every byte and a few strings.
func TestIndex(t *testing.T) {
	members := []byte{'*', '?', 0xff}
	var set Set
	for _, c := range members {
		set[c] = true
	}
	for _, s := range []string{"", "s3:GetObject", "s3:Get*", "?", "a\xffb", "**", "arn:aws:s3:::photos/*"} {
		want := -1
		for _, c := range members {
			if i := strings.IndexByte(s, c); i >= 0 && (want < 0 || i < want) {
				want = i
			}
		}
		if got := Index(s, &set); got != want {
			t.Errorf("Index(%q) = %d, want %d", s, got, want)
		}
		wantNot := -1
		for i := 0; i < len(s); i++ {
			if strings.IndexByte(string(members), s[i]) < 0 {
				wantNot = i
				break
			}
		}
		if got := IndexNot(s, &set); got != wantNot {
			t.Errorf("IndexNot(%q) = %d, want %d", s, got, wantNot)
		}
	}
	for c := 0; c < 256; c++ {
		s := "ab" + string([]byte{byte(c)})
		in := strings.IndexByte(string(members), byte(c)) >= 0
		if got := Index(s, &set); (got == 2) != in {
			t.Errorf("Index with byte %#x = %d", c, got)
		}
	}
}
