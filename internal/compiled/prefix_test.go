package compiled

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLiteralPrefixAndResourceHead: what indexes may file a resource
// pattern by. The head is literal text through the first '/' or ':' of the
// resource part; a wildcard or variable before it, or no separator, gives
// none.
func TestLiteralPrefixAndResourceHead(t *testing.T) {
	for _, tc := range []struct {
		pattern   string
		variables bool
		prefix    string
		exact     bool
		head      string // "" for none
	}{
		{"arn:aws:s3:::photos/*", true, "arn:aws:s3:::photos/", false, "arn:aws:s3:::photos/"},
		{"arn:aws:s3:::photos/2024/cat.jpg", true, "arn:aws:s3:::photos/2024/cat.jpg", true, "arn:aws:s3:::photos/"},
		{"arn:aws:s3:::photos", true, "arn:aws:s3:::photos", true, ""},
		{"arn:aws:dynamodb:us-east-1:111111111111:table/t1", true, "arn:aws:dynamodb:us-east-1:111111111111:table/t1", true, "arn:aws:dynamodb:us-east-1:111111111111:table/"},
		{"arn:aws:sns:us-east-1:111111111111:topic:sub", true, "arn:aws:sns:us-east-1:111111111111:topic:sub", true, "arn:aws:sns:us-east-1:111111111111:topic:"},
		{"arn:aws:s3:::home/${aws:username}/*", true, "arn:aws:s3:::home/", false, "arn:aws:s3:::home/"},
		{"arn:aws:s3:::${aws:username}/*", true, "arn:aws:s3:::", false, ""},
		{"arn:aws:s3:::photo?/*", true, "arn:aws:s3:::photo", false, ""},
		{"arn:aws:s3:::*", true, "arn:aws:s3:::", false, ""},
		{"arn:aws:iam::*:role/x", true, "", false, ""}, // a wildcard before the last component: no literal prefix
		{"arn:aws:s3:::a${*}b/*", true, "arn:aws:s3:::a*b/", false, ""},
		{"arn:aws:s3:::home/${aws:username}/*", false, "arn:aws:s3:::home/${aws:username}/", false, "arn:aws:s3:::home/"}, // version 2008: ${ is text
		{"*", true, "", false, ""},
	} {
		p, err := compileARNPattern(tc.pattern, Syntax{Wildcards: true, Variables: tc.variables})
		if err != nil {
			t.Fatalf("%q: %s", tc.pattern, err.Msg)
		}
		if prefix, exact := p.LiteralPrefix(); prefix != tc.prefix || exact != tc.exact {
			t.Errorf("%q.LiteralPrefix() = %q, %t; want %q, %t", tc.pattern, prefix, exact, tc.prefix, tc.exact)
		}
		head, ok := p.ResourceHead()
		if ok != (tc.head != "") || head != tc.head {
			t.Errorf("%q.ResourceHead() = %q, %t; want %q", tc.pattern, head, ok, tc.head)
		}
		if prefix, _ := p.LiteralPrefix(); ok && (len(prefix) < len(head) || prefix[:len(head)] != head) {
			t.Errorf("%q: the head %q is not a prefix of the literal prefix %q", tc.pattern, head, prefix)
		}
	}
}

// TestSplitARNPattern: an ARN pattern splits at its first five colons, not
// counting those inside a policy variable (when variables are read).
func TestSplitARNPattern(t *testing.T) {
	for _, tc := range []struct {
		text      string
		variables bool
		want      []string
	}{
		{"arn:aws:s3:::photos/*", true, []string{"arn", "aws", "s3", "", "", "photos/*"}},
		{"arn:aws:sns:us-east-1:111111111111:topic:sub", true, []string{"arn", "aws", "sns", "us-east-1", "111111111111", "topic:sub"}},
		{"arn:aws:iam::${aws:PrincipalAccount}:role/x", true, []string{"arn", "aws", "iam", "", "${aws:PrincipalAccount}", "role/x"}},
		{"arn:aws:iam::${aws:PrincipalAccount}:role/x", false, []string{"arn", "aws", "iam", "", "${aws", "PrincipalAccount}:role/x"}},
		{"arn:aws:s3:::a/${aws:username}", true, []string{"arn", "aws", "s3", "", "", "a/${aws:username}"}},
		{"arn:aws:s3", true, []string{"arn", "aws", "s3"}},
		{"arn", true, []string{"arn"}},
	} {
		split := splitARNPattern(tc.text, tc.variables)
		got := make([]string, split.Len())
		for i := range got {
			got[i] = split.Comp(i)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("splitARNPattern(%q, %t) = %q, want %q", tc.text, tc.variables, got, tc.want)
		}
	}
}

// TestSplitARNPatternScan holds splitARNPattern (colons found eight bytes
// at a time) to a byte-by-byte scan: on every text of up to seven bytes
// over the bytes that matter (colon, $, braces, ';', which hasByte may
// flag above a colon, a letter) and on random texts of up to 40 of them.
func TestSplitARNPatternScan(t *testing.T) {
	scan := func(text string, variables bool) []string {
		var comps []string
		start := 0
		for i := 0; i < len(text) && len(comps) < 5; i++ {
			switch text[i] {
			case ':':
				comps = append(comps, text[start:i])
				start = i + 1
			case '$':
				if variables && i+1 < len(text) && text[i+1] == '{' {
					v := splitARNVariables(text)
					var all []string
					for j := range v.Len() {
						all = append(all, v.Comp(j))
					}
					return all
				}
			}
		}
		return append(comps, text[start:])
	}
	check := func(text string) {
		for _, variables := range []bool{false, true} {
			split := splitARNPattern(text, variables)
			got := make([]string, split.Len())
			for i := range got {
				got[i] = split.Comp(i)
			}
			if want := scan(text, variables); !slices.Equal(got, want) {
				t.Fatalf("splitARNPattern(%q, %t) = %q, the scan gives %q", text, variables, got, want)
			}
		}
	}
	const alphabet = ":${};a"
	var all func(prefix string, left int)
	all = func(prefix string, left int) {
		check(prefix)
		if left > 0 {
			for i := range len(alphabet) {
				all(prefix+alphabet[i:i+1], left-1)
			}
		}
	}
	all("", 7)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		b := make([]byte, rng.IntN(41))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		check(string(b))
	}
}
