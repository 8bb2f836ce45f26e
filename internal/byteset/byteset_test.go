package byteset

import (
	"strings"
	"testing"
)

// TestIndex holds Index and IndexNot to strings.IndexAny and its
// complement over every byte and a few strings.
func TestIndex(t *testing.T) {
	set := Set{'*': true, '?': true, 0xff: true}
	for _, s := range []string{"", "s3:GetObject", "s3:Get*", "?", "a\xffb", "**", "arn:aws:s3:::photos/*"} {
		want := strings.IndexAny(s, "*?\xff")
		if strings.IndexByte(s, 0xff) >= 0 && (want < 0 || strings.IndexByte(s, 0xff) < want) {
			want = strings.IndexByte(s, 0xff) // IndexAny reads \xff as a rune
		}
		if got := Index(s, &set); got != want {
			t.Errorf("Index(%q) = %d, want %d", s, got, want)
		}
		wantNot := -1
		for i := 0; i < len(s); i++ {
			if !set[s[i]] {
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
		in := set[byte(c)]
		if got := Index(s, &set); (got == 2) != in {
			t.Errorf("Index with byte %#x = %d", c, got)
		}
	}
}
