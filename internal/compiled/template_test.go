package compiled

import (
	"strings"
	"testing"
)

// mapVars is a Vars over a map of lower-case keys; Lookup does not allocate.
type mapVars map[string]string

func (m mapVars) Lookup(key string) (string, bool) {
	v, ok := m[key]
	return v, ok
}

var (
	likeSyntax = Syntax{Wildcards: true, Variables: true}
)

func mustTemplate(t testing.TB, text string, syntax Syntax) Template {
	t.Helper()
	tm, err := compileTemplate(text, syntax)
	if err != nil {
		t.Fatalf("compileTemplate(%q): %s %s", text, err.Code, err.Msg)
	}
	return tm
}

func TestTemplateMatch(t *testing.T) {
	vars := mapVars{"aws:username": "bob", "aws:principaltag/team": "red", "empty:key": ""}
	tests := []struct {
		pattern string
		syntax  Syntax
		subject string
		want    bool
		reason  string
	}{
		{"s3:GetObject", likeSyntax, "s3:GetObject", true, "a literal matches itself"},
		{"s3:GetObject", likeSyntax, "s3:GetObjectAcl", false, "a literal matches nothing longer"},
		{"", likeSyntax, "", true, "the empty pattern matches the empty string"},
		{"", likeSyntax, "a", false, "and nothing else"},
		{"*", likeSyntax, "", true, "* matches the empty string"},
		{"*", likeSyntax, "anything/at:all", true, "* matches anything"},
		{"s3:Get*", likeSyntax, "s3:Get", true, "a trailing * matches nothing too"},
		{"s3:Get*", likeSyntax, "s3:GetObject", true, "prefix shape"},
		{"s3:Get*", likeSyntax, "s3:PutObject", false, "prefix shape, other prefix"},
		{"*Object", likeSyntax, "s3:GetObject", true, "leading star"},
		{"a*b*c", likeSyntax, "aXbYbZc", true, "backtracking over several stars"},
		{"a*b*c", likeSyntax, "aXbYbZ", false, "no final c"},
		{"a**b", likeSyntax, "ab", true, "consecutive stars are one"},
		{"a?c", likeSyntax, "abc", true, "? is one character"},
		{"a?c", likeSyntax, "ac", false, "? is exactly one character"},
		{"a?c", likeSyntax, "abbc", false, "not two"},
		{"a?c", likeSyntax, "aéc", true, "? is one character, not one byte"},
		{"*??", likeSyntax, "€", false, "a star takes whole characters: ?? needs two"},
		{"*??", likeSyntax, "x€", true, "two characters"},
		{"a*b", Syntax{}, "a*b", true, "without wildcards * is literal (StringEquals)"},
		{"a*b", Syntax{}, "axb", false, "and matches only itself"},
		{"home/${aws:username}/*", likeSyntax, "home/bob/x", true, "a variable is its value"},
		{"home/${aws:username}/*", likeSyntax, "home/alice/x", false, "another user"},
		{"home/${AWS:UserName}/*", likeSyntax, "home/bob/x", true, "variable keys are case-insensitive"},
		{"${aws:PrincipalTag/team}-*", likeSyntax, "red-1", true, "tag variable"},
		{"home/${aws:userid}/*", likeSyntax, "home//x", false, "a variable with no value makes the pattern match nothing"},
		{"home/${aws:userid}", likeSyntax, "home/${aws:userid}", false, "not even its own text"},
		{"home/${aws:userid, 'anon'}/*", likeSyntax, "home/anon/x", true, "the default stands in for a missing value"},
		{"home/${aws:username, 'anon'}/*", likeSyntax, "home/bob/x", true, "a present value wins over the default"},
		{"x${empty:key}y", likeSyntax, "xy", true, "an empty value is a value"},
		{"a${*}b", likeSyntax, "a*b", true, "${*} is a literal star"},
		{"a${*}b", likeSyntax, "axb", false, "and not a wildcard"},
		{"a${?}b", likeSyntax, "a?b", true, "${?} is a literal question mark"},
		{"a${?}b", likeSyntax, "axb", false, "and not a wildcard"},
		{"a${$}b", likeSyntax, "a$b", true, "${$} is a dollar"},
		{"${aws:username}", Syntax{Wildcards: true}, "${aws:username}", true, "version 2008: ${...} is literal text"},
	}
	for _, tt := range tests {
		tm := mustTemplate(t, tt.pattern, tt.syntax)
		if got := tm.Match(tt.subject, vars); got != tt.want {
			t.Errorf("%q.Match(%q) = %v, want %v: %s", tt.pattern, tt.subject, got, tt.want, tt.reason)
		}
	}
}

// TestActionTemplateMatch: actions match case-insensitively (IAM User
// Guide, "IAM JSON policy elements: Action"): the Template is compiled in
// lower case and matched against a subject folded by the caller.
func TestActionTemplateMatch(t *testing.T) {
	tests := []struct {
		pattern, subject string
		want             bool
		reason           string
	}{
		{"s3:GetObject", "s3:getobject", true, "actions fold case; the subject is lower case"},
		{"S3:Get*", "s3:getobjectacl", true, "folded prefix"},
		{"s3:*Object", "s3:getobject", true, "folded glob"},
		{"s3:GetObject", "s3:GetObject", false, "Match expects the subject in lower case"},
	}
	for _, tt := range tests {
		tm := compileAction(tt.pattern, FoldAction(tt.pattern))
		if got := tm.Match(tt.subject, nil); got != tt.want {
			t.Errorf("%q.Match(%q) = %v, want %v: %s", tt.pattern, tt.subject, got, tt.want, tt.reason)
		}
		if tm.String() != tt.pattern {
			t.Errorf("the action template of %q says it is %q", tt.pattern, tm.String())
		}
	}
}

func TestTemplateMatchFold(t *testing.T) {
	tests := []struct {
		pattern, subject string
		want             bool
		reason           string
	}{
		{"Bob", "bOB", true, "ASCII letters fold"},
		{"Zürich", "ZÜRICH", true, "Latin-1 letters fold"},
		{"bob", "bobby", false, "folding does not make a prefix match"},
		{"", "", true, "empty"},
		{"K", "\u212a", true, "Unicode simple folding: the Kelvin sign is K"},
	}
	for _, tt := range tests {
		tm := mustTemplate(t, tt.pattern, Syntax{Variables: true})
		if got := tm.MatchFold(tt.subject, nil); got != tt.want {
			t.Errorf("%q.MatchFold(%q) = %v, want %v: %s", tt.pattern, tt.subject, got, tt.want, tt.reason)
		}
	}
}

func TestTemplateAccessors(t *testing.T) {
	tm := mustTemplate(t, "home/${aws:username, 'x'}/*", likeSyntax)
	if !tm.HasVariables() || !tm.HasWildcards() || tm.String() != "home/${aws:username, 'x'}/*" {
		t.Errorf("accessors of %q: vars %v wildcards %v", tm.String(), tm.HasVariables(), tm.HasWildcards())
	}
	if _, ok := tm.IsLiteral(); ok {
		t.Error("IsLiteral is true for a pattern with a variable")
	}
	lit := mustTemplate(t, "a${*}b", likeSyntax)
	if s, ok := lit.IsLiteral(); !ok || s != "a*b" {
		t.Errorf("IsLiteral(a${*}b) = %q, %v; want a*b, true", s, ok)
	}
	if s, ok := tm.Expand(mapVars{"aws:username": "bob"}); !ok || s != "home/bob/*" {
		t.Errorf("Expand = %q, %v", s, ok)
	}
	if s, ok := tm.Expand(nil); !ok || s != "home/x/*" {
		t.Errorf("Expand with the default = %q, %v", s, ok)
	}
	noDef := mustTemplate(t, "${aws:userid}", likeSyntax)
	if _, ok := noDef.Expand(nil); ok {
		t.Error("Expand of a variable with no value and no default is ok")
	}
	var zero Template
	if !zero.Match("", nil) || zero.Match("a", nil) {
		t.Error("the zero Template matches only the empty string")
	}
}

func TestTemplateSyntaxErrors(t *testing.T) {
	tests := []struct {
		text, code string
		reason     string
	}{
		{"${}", "EMPTY_VARIABLE", "no key"},
		{"${ }", "EMPTY_VARIABLE", "a blank key"},
		{"${a b}", "UNSUPPORTED_SPACE_IN_VARIABLE", "white space in a key"},
		{"${aws:username", "MISSING_BRACE_IN_VARIABLE", "no closing brace"},
		{"${aws:${x}}", "MISSING_BRACE_IN_VARIABLE", "nested variable"},
		{"${aws:username, anon}", "MISSING_QUOTE_IN_VARIABLE", "default without quotes"},
		{"${aws:username, 'anon}", "MISSING_QUOTE_IN_VARIABLE", "default without its closing quote"},
	}
	for _, tt := range tests {
		_, err := compileTemplate(tt.text, likeSyntax)
		if err == nil || string(err.Code) != tt.code {
			t.Errorf("compileTemplate(%q) = %v, want %s: %s", tt.text, err, tt.code, tt.reason)
		}
	}
}

func TestARNPatternMatch(t *testing.T) {
	vars := mapVars{"aws:username": "bob", "aws:principalaccount": "123456789012"}
	tests := []struct {
		pattern, subject string
		want             bool
		reason           string
	}{
		{"*", "arn:aws:s3:::anything", true, "* is every resource"},
		{"arn:aws:s3:::photos", "arn:aws:s3:::photos", true, "exact"},
		{"arn:aws:s3:::photos", "arn:aws:s3:::photos/x", false, "exact is whole"},
		{"arn:aws:s3:::photos/*", "arn:aws:s3:::photos/2024/a.jpg", true, "the resource component's * spans /"},
		{"arn:aws:s3:::photos/*", "arn:aws:s3:::photos", false, "the / must be there"},
		{"arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:123456789012:log-group:a:log-stream:b", true, "the resource component's * spans :"},
		{"arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true, "* in the region"},
		{"arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:us-east-1:x:123456789012:instance/i-1", false, "a * in the region does not cross ':'"},
		{"arn:aws:ec2:us-*-1:*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true, "partial wildcard in the region"},
		{"arn:aws:iam::*:role/admin", "arn:aws:iam::123456789012:role/admin", true, "* in the account"},
		{"arn:aws:iam::*:role/admin", "arn:aws:iam::1:2:role/admin", false, "a * in the account does not cross ':'"},
		{"arn:aws:s3:::b?", "arn:aws:s3:::bx", true, "? in the resource"},
		{"arn:aws:s3:::*", "arn:aws:s3:::a:b/c", true, "* in the resource takes the rest"},
		{"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/f", true, "variable in the resource"},
		{"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/eve/f", false, "another user"},
		{"arn:aws:s3:::home/${aws:userid}/*", "arn:aws:s3:::home//f", false, "a missing variable matches nothing"},
		{"arn:aws:iam::${aws:PrincipalAccount}:user/*", "arn:aws:iam::123456789012:user/bob", true, "a variable with a colon in its key, in the account"},
		{"arn:aws:s3:::a${*}b", "arn:aws:s3:::a*b", true, "${*} is a literal star in an otherwise exact ARN"},
		{"arn:aws:s3:::a${*}b", "arn:aws:s3:::axb", false, "not a wildcard"},
		{"arn:aws:s3", "arn:aws:s3:::photos", false, "fewer components"},
		{"arn:aws:s3:::photos", "arn:aws:s3", false, "a shorter subject"},
		{"arn:aws:S3:::photos", "arn:aws:s3:::photos", false, "ARNs are case-sensitive"},
	}
	for _, tt := range tests {
		p, err := compileARNPattern(tt.pattern, likeSyntax)
		if err != nil {
			t.Fatalf("compileARNPattern(%q): %v", tt.pattern, err.Msg)
		}
		if got := p.Match(tt.subject, vars); got != tt.want {
			t.Errorf("%q.Match(%q) = %v, want %v: %s", tt.pattern, tt.subject, got, tt.want, tt.reason)
		}
	}
	var zero ARNPattern
	if zero.Match("", nil) || zero.Match("arn:aws:s3:::x", nil) {
		t.Error("the zero ARNPattern matches something")
	}
}

// TestIndexPatternChar holds the word-at-a-time search to strings.IndexAny
// at every length and position around the eight-byte words it reads, with
// a second pattern character after the first.
func TestIndexPatternChar(t *testing.T) {
	for n := 0; n <= 26; n++ {
		for at := -1; at < n; at++ {
			for second := at; second < n; second++ { // a second one after (or none: second == at)
				for _, c := range []byte("*?$") {
					b := []byte(strings.Repeat("a\xff\x80#", 7)[:n])
					if at >= 0 {
						b[at] = c
					}
					if second > at {
						b[second] = "$*?"[second%3]
					}
					s := string(b)
					if got, want := indexPatternChar(s), strings.IndexAny(s, "*?$"); got != want {
						t.Fatalf("indexPatternChar(%q) = %d, want %d", s, got, want)
					}
				}
			}
		}
	}
}
