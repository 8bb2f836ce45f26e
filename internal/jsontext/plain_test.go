package jsontext

import (
	"errors"
	"strings"
	"testing"
)

// TestPlainSyntax: a byte order mark and a trailing comma are named in
// plain words, at the place encoding/json finds them; other errors keep
// encoding/json's text alone.
func TestPlainSyntax(t *testing.T) {
	for _, tc := range []struct {
		src     string
		off     int
		want    string
		wantNot string
	}{
		{"\uFEFF{}", 0, "byte order mark (BOM)", ""},
		{`{"a":1,}`, 7, "no comma after an object's last member", ""},
		{"[1,\n  ]", 6, "no comma after a list's last item", ""},
		{`[1 2]`, 3, "invalid character", "comma"},
		{`{"a":}`, 5, "invalid character", "comma"},
	} {
		var tape Tape
		err := Read([]byte(tc.src), &tape, Options{})
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%q: %v, want a SyntaxError", tc.src, err)
		}
		if se.Offset != tc.off || !strings.Contains(se.Msg, tc.want) || (tc.wantNot != "" && strings.Contains(se.Msg, tc.wantNot)) {
			t.Errorf("%q: offset %d %q; want offset %d, with %q", tc.src, se.Offset, se.Msg, tc.off, tc.want)
		}
	}
}
