package policy

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/compiled"
)

// stmt writes a policy of one statement whose elements are the given lines,
// one element a line. The statement's '{' is at 4:5; element i is on line
// 5+i, its key at column 7 and its value at column 7+len(key)+4.
func stmt(elems ...string) string {
	return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      " +
		strings.Join(elems, ",\n      ") + "\n    }\n  ]\n}\n"
}

// at is where a Finding should be and what it should say.
type at struct {
	Code   Code
	Line   int
	Column int
	Path   string
}

func findingsAt(fs []*Finding) []at {
	var out []at
	for _, f := range fs {
		out = append(out, at{f.Code, f.Pos.Line, f.Pos.Column, f.Path})
	}
	return out
}

// parseErrors parses src and returns its errors; it fails the test when
// Parse succeeds or returns something other than an ErrorList.
func parseErrors(t *testing.T, src string) ErrorList {
	t.Helper()
	p, err := ParseString("test.json", src)
	if err == nil {
		t.Fatalf("Parse accepted the policy; findings %v\n%s", p.Findings(), src)
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Parse returned %T, want ErrorList: %v", err, err)
	}
	return list
}

const (
	effect   = `"Effect": "Allow"`
	action   = `"Action": "s3:GetObject"`
	resource = `"Resource": "arn:aws:s3:::photos/*"`
)

func TestParseTooLarge(t *testing.T) {
	src := stmt(effect, action, resource) + strings.Repeat(" ", MaxSourceBytes)
	errs := parseErrors(t, src)
	want := []at{{"POLICY_TOO_LARGE", 0, 0, ""}}
	if diff := cmp.Diff(want, findingsAt(errs)); diff != "" {
		t.Errorf("a policy over MaxSourceBytes is one whole-document error (-want +got):\n%s", diff)
	}
}

func TestParseTooManyValues(t *testing.T) {
	many := strings.Repeat(`"s3:GetObject", `, MaxValues) + `"s3:GetObject"`
	errs := parseErrors(t, stmt(effect, `"Action": [`+many+`]`, resource))
	want := []at{{"TOO_MANY_VALUES", 6, 17, "Statement[0].Action"}}
	if diff := cmp.Diff(want, findingsAt(errs)); diff != "" {
		t.Errorf("a list of MaxValues+1 values (-want +got):\n%s", diff)
	}
}

// TestParseAllErrorsInOrder checks that Parse goes on after an error, so a
// document's errors come at once, sorted by offset, and that errors.As finds
// the list and each *Finding in it.
func TestParseAllErrorsInOrder(t *testing.T) {
	src := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" +
		"    {\"Sid\": \"One\", \"Effect\": \"allow\", \"Action\": \"s3GetObject\", \"Resource\": \"photos\"},\n" +
		"    {\"Sid\": \"One\", \"Resource\": \"*\"},\n" +
		"    {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": [\"true\", \"false\"]}}}\n" +
		"  ]\n}"
	_, err := ParseString("photos.json", src)
	if err == nil {
		t.Fatal("Parse accepted a policy with seven errors")
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("errors.As(ErrorList) failed on %T", err)
	}
	want := []at{
		{"INVALID_EFFECT", 4, 30, "Statement[0].Effect"},
		{"INVALID_ACTION_FORMAT", 4, 49, "Statement[0].Action"},
		{"INVALID_ARN_PREFIX", 4, 76, "Statement[0].Resource"},
		{"MISSING_EFFECT", 5, 5, "Statement[1]"},
		{"MISSING_ACTION", 5, 5, "Statement[1]"},
		{"INVALID_CONDITION_MULTIPLE_BOOLEAN", 6, 102, "Statement[2].Condition.Bool.aws:SecureTransport"},
	}
	if diff := cmp.Diff(want, findingsAt(list)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var f *Finding
	if !errors.As(err, &f) || f != list[0] {
		t.Errorf("errors.As(*Finding) = %v, want the first error %v", f, list[0])
	}
	if got, want := err.Error(), list[0].Error()+" (and 5 more errors)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := list[0].Error(); !strings.HasPrefix(got, "photos.json:4:30: ERROR INVALID_EFFECT: ") {
		t.Errorf("Finding.Error() = %q, want file:line:col: SEVERITY CODE: message", got)
	}
	for i := 1; i < len(list); i++ {
		if list[i].Pos.Offset < list[i-1].Pos.Offset {
			t.Errorf("errors out of order: %v before %v", list[i-1], list[i])
		}
	}
}

func TestErrorListZero(t *testing.T) {
	var l ErrorList
	if l.Err() != nil {
		t.Error("the zero ErrorList's Err() is not nil")
	}
	if l.Error() != "no errors" {
		t.Errorf("Error() = %q", l.Error())
	}
	l = append(l, &Finding{Code: "X", Message: "m"})
	if err := l.Err(); err == nil || err.Error() != "ERROR X: m" {
		t.Errorf("Err() = %v, want ERROR X: m", err)
	}
}

// TestParseValid is what Parse must accept, with the Document it reads.
func TestParseValid(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		src    string
		want   Document
	}{
		{
			name:   "statement object",
			reason: "Statement may be one object instead of a list",
			src:    `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`,
			want: Document{Version: Version2012, Statement: []Statement{{
				Effect: Allow, Action: []string{"s3:GetObject"}, Resource: []string{"arn:aws:s3:::photos/*"},
			}}},
		},
		{
			name:   "version 2008",
			reason: "the older version is still accepted; ${...} is literal text in it",
			src:    `{"Version": "2008-10-17", "Id": "old", "Statement": [{"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "arn:aws:s3:::b/${x"}]}`,
			want: Document{Version: Version2008, ID: "old", Statement: []Statement{{
				Effect: Deny, NotAction: []string{"iam:*"}, NotResource: []string{"arn:aws:s3:::b/${x"},
			}}},
		},
		{
			name:   "no version",
			reason: "Version is optional in the grammar (Validate warns)",
			src:    `{"Statement": [{"Sid": "", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`,
			want: Document{Statement: []Statement{{
				Effect: Allow, Principal: Everyone(), Action: []string{"s3:GetObject"}, Resource: []string{"*"},
			}}},
		},
		{
			name:   "numbers and booleans in conditions",
			reason: "condition values may be JSON numbers and booleans; numbers keep their text",
			src: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {` +
				`"NumericLessThanEquals": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": true}, "NumericEquals": {"s3:x": [1.5, 2e3]}, "Null": {"aws:TokenIssueTime": false}}}}`,
			want: Document{Version: Version2012, Statement: []Statement{{
				Effect: Allow, Action: []string{"s3:ListBucket"}, Resource: []string{"*"},
				Condition: Condition{
					"NumericLessThanEquals": {"s3:max-keys": {"10"}},
					"Bool":                  {"aws:SecureTransport": {"true"}},
					"NumericEquals":         {"s3:x": {"1.5", "2e3"}},
					"Null":                  {"aws:TokenIssueTime": {"false"}},
				},
			}}},
		},
		{
			name:   "principal types",
			reason: "AWS (account, root, role, unique id), Service, Federated (SAML ARN, OIDC name) and CanonicalUser",
			src: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {` +
				`"AWS": ["123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/r", "AIDAJQABLZS4A3QDU576Q"], ` +
				`"Service": "ec2.amazonaws.com", "Federated": ["arn:aws:iam::123456789012:saml-provider/idp", "cognito-identity.amazonaws.com"], ` +
				`"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}, "Action": "sts:AssumeRole"}}`,
			want: Document{Version: Version2012, Statement: []Statement{{
				Effect: Allow,
				Principal: Principal{
					"AWS":           {"123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/r", "AIDAJQABLZS4A3QDU576Q"},
					"Service":       {"ec2.amazonaws.com"},
					"Federated":     {"arn:aws:iam::123456789012:saml-provider/idp", "cognito-identity.amazonaws.com"},
					"CanonicalUser": {"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
				},
				Action: []string{"sts:AssumeRole"},
			}}},
		},
		{
			name:   "empty lists and objects",
			reason: "empty lists and objects are accepted (with suggestions) and stay distinct from absent elements",
			src:    `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": {"AWS": []}, "Action": [], "Resource": [], "Condition": {"StringEquals": {}}}}`,
			want: Document{Version: Version2012, Statement: []Statement{{
				Effect: Deny, Principal: Principal{"AWS": {}}, Action: []string{}, Resource: []string{},
				Condition: Condition{"StringEquals": {}},
			}}},
		},
		{
			name:   "variables, special characters and Latin-1",
			reason: "${*} ${?} ${$}, defaults, raw and escaped Latin-1 letters, CR LF and tabs",
			src: "{\r\n\t\"Version\": \"2012-10-17\",\r\n\t\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", " +
				`"Resource": "arn:aws:s3:::b/${aws:username, 'anon'}/${*}${?}${$}", "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/city": ["Zürich", "Z\u00fcrich"]}}}` + "\r\n}",
			want: Document{Version: Version2012, Statement: []Statement{{
				Effect: Allow, Action: []string{"s3:*"}, Resource: []string{"arn:aws:s3:::b/${aws:username, 'anon'}/${*}${?}${$}"},
				Condition: Condition{"ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/city": {"Zürich", "Zürich"}}},
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseString("ok.json", tt.src)
			if err != nil {
				t.Fatalf("%s\nParse: %v", tt.reason, err)
			}
			if diff := cmp.Diff(tt.want, p.Document()); diff != "" {
				t.Errorf("%s\nDocument (-want +got):\n%s", tt.reason, diff)
			}
			if len(p.Rules()) != len(tt.want.Statement) {
				t.Errorf("%d rules, want %d", len(p.Rules()), len(tt.want.Statement))
			}
		})
	}
}

// TestParseWarnings checks findings that Parse keeps on an accepted policy.
func TestParseWarnings(t *testing.T) {
	src := stmt(effect, action, resource, `"Condition": {"NumericLessThan": {"s3:max-keys": "abc"}, "StringEquals": {"s3:prefix": ["a*", "a*"]}}`)
	p, err := ParseString("w.json", src)
	if err != nil {
		t.Fatal(err)
	}
	got := findingsAt(p.Findings())
	want := []at{
		{"TYPE_MISMATCH_NUMBER", 8, 56, "Statement[0].Condition.NumericLessThan.s3:max-keys"},
		{"WILDCARD_WITHOUT_LIKE_OPERATOR", 8, 95, "Statement[0].Condition.StringEquals.s3:prefix"},
		{"REDUNDANT_CONDITION_VALUE", 8, 101, "Statement[0].Condition.StringEquals.s3:prefix"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range p.Findings() {
		if f.Severity == Error {
			t.Errorf("an accepted policy has an error finding %v", f)
		}
	}
}

// TestParsePrincipalSet checks the compiled principal the evaluate package reads.
func TestParsePrincipalSet(t *testing.T) {
	p := MustParse("p.json", `{"Version": "2012-10-17", "Statement": [
	{"Effect": "Allow", "Principal": {"AWS": ["123456789012", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/bob", "*"]}, "Action": "s3:*", "Resource": "*"},
	{"Effect": "Deny", "NotPrincipal": {"Service": "ec2.amazonaws.com"}, "Action": "s3:*", "Resource": "*"},
	{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`)
	rules := p.Rules()
	ps, not := rules[0].Principal()
	if not || !ps.All || len(ps.AWS) != 4 {
		t.Fatalf("rule 0: %+v not=%v", ps, not)
	}
	kinds := []compiled.AWSPrincipalKind{ps.AWS[0].Kind, ps.AWS[1].Kind, ps.AWS[2].Kind, ps.AWS[3].Kind}
	if diff := cmp.Diff([]compiled.AWSPrincipalKind{compiled.AWSAccount, compiled.AWSAccount, compiled.AWSARN, compiled.AWSAll}, kinds); diff != "" {
		t.Errorf("AWS principal kinds (-want +got):\n%s", diff)
	}
	if ps.AWS[1].Account != "111122223333" || ps.AWS[2].Account != "111122223333" {
		t.Errorf("accounts %q %q", ps.AWS[1].Account, ps.AWS[2].Account)
	}
	if ps, not := rules[1].Principal(); !not || ps.All || fmt.Sprint(ps.Service) != "[ec2.amazonaws.com]" {
		t.Errorf("rule 1: %+v not=%v", ps, not)
	}
	if ps, _ := rules[2].Principal(); ps != nil {
		t.Errorf("rule 2 has no principal, got %+v", ps)
	}
}

// TestParseClauses checks the compiled conditions.
func TestParseClauses(t *testing.T) {
	p := MustParse("c.json", stmt(effect, action, resource,
		`"Condition": {"ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"]}, "IpAddress": {"aws:SourceIp": "10.0.0.1/8"}}`))
	cs := p.Rules()[0].Conditions()
	if len(cs) != 2 {
		t.Fatalf("%d clauses, want 2", len(cs))
	}
	c := cs[0]
	if c.Operator != compiled.StringLike || c.Qualifier != compiled.ForAllValues || !c.IfExists || c.Key != "aws:TagKeys" || c.LowerKey != "aws:tagkeys" {
		t.Errorf("clause 0 = %+v", c)
	}
	if c.OperatorName() != "ForAllValues:StringLikeIfExists" {
		t.Errorf("OperatorName() = %q", c.OperatorName())
	}
	if pos := p.Position(c.Offset); pos.Line != 8 || pos.Column != 57 {
		t.Errorf("key at %v, want 8:57", pos)
	}
	if pos := p.Position(c.OpOffset); pos.Line != 8 || pos.Column != 21 {
		t.Errorf("operator at %v, want 8:21", pos)
	}
	if len(c.Values) != 2 || !c.Values[0].Template.Match("abc", nil) || c.Values[1].Template.Match("bc", nil) {
		t.Errorf("values %+v", c.Values)
	}
	if ip := cs[1].Values[0]; !ip.Valid || ip.Prefix().String() != "10.0.0.0/8" {
		t.Errorf("IpAddress operand %+v", ip)
	}
}

// TestRepeatedActions: the parser compiles a repeated action once; every
// occurrence is still checked and placed, whatever comes between repeats.
func TestRepeatedActions(t *testing.T) {
	// Six distinct actions cycle through more statements than the parser
	// remembers; one of them is malformed.
	actions := []string{"s3:GetObject", "S3:getobject", "s3GetObject", "ec2:Describe*", "iam:PassRole", "sts:AssumeRole"}
	var stmts []string
	for i := range 3 * len(actions) {
		stmts = append(stmts, `{"Effect": "Allow", "Action": ["`+actions[i%len(actions)]+`", "`+actions[(i+2)%len(actions)]+`"], "Resource": "*"}`)
	}
	src := `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",\n") + `]}`
	list := parseErrors(t, src)
	var offsets []int
	for i := 0; ; {
		j := strings.Index(src[i:], `"s3GetObject"`)
		if j < 0 {
			break
		}
		offsets = append(offsets, i+j)
		i += j + 1
	}
	if len(list) != len(offsets) {
		t.Fatalf("%d errors for %d occurrences of the malformed action: %v", len(list), len(offsets), list)
	}
	for i, f := range list {
		if f.Code != "INVALID_ACTION_FORMAT" || f.Pos.Offset != offsets[i] {
			t.Errorf("error %d: %s at %d, want INVALID_ACTION_FORMAT at %d", i, f.Code, f.Pos.Offset, offsets[i])
		}
	}
	// Without it, every statement keeps its own actions, folded for
	// matching and as written for display.
	src = strings.ReplaceAll(src, "s3GetObject", "s3:ListBucket")
	pol, err := ParseString("p.json", src)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range pol.Rules() {
		acts, _ := r.Actions()
		for j, want := range []string{actions[i%len(actions)], actions[(i+2)%len(actions)]} {
			want = strings.ReplaceAll(want, "s3GetObject", "s3:ListBucket")
			if got := acts[j].String(); got != want {
				t.Errorf("statement %d action %d is %q, want %q", i, j, got, want)
			}
			if lit, ok := acts[j].IsLiteral(); ok && lit != compiled.FoldAction(want) {
				t.Errorf("statement %d action %d matches %q, want %q", i, j, lit, compiled.FoldAction(want))
			}
			if got := acts[j].Offset(); got <= 0 || !strings.HasPrefix(src[got:], `"`+want+`"`) {
				t.Errorf("statement %d action %d is placed at %d", i, j, got)
			}
		}
	}
}

// TestSmallPolicyArenas: a policy of one or two statements starts its
// compiled entries in the Policy and grows past it when a list is longer;
// its rules must read exactly as the same statements in a longer policy,
// whose arenas are sized by counting.
func TestSmallPolicyArenas(t *testing.T) {
	stmt := func(i int) string {
		return fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow",
			"Action": ["s3:GetObject", "S3:PutObject", "ec2:Describe*", "iam:PassRole", "sts:AssumeRole"],
			"Resource": ["arn:aws:s3:::b%d/*", "arn:aws:s3:::c%d", "arn:aws:iam::111111111111:role/r%d"],
			"Condition": {"StringEquals": {"aws:username": ["a%d", "b"], "s3:prefix": "p"}, "NumericLessThan": {"s3:max-keys": ["10", "20"]}}}`, i, i, i, i, i)
	}
	describe := func(r Rule) string {
		var b strings.Builder
		acts, _ := r.Actions()
		for _, a := range acts {
			fmt.Fprintf(&b, "A %s %d;", a.String(), int32(a.Offset()))
		}
		ress, _ := r.Resources()
		for _, x := range ress {
			fmt.Fprintf(&b, "R %s;", x.String())
		}
		for _, c := range r.Conditions() {
			fmt.Fprintf(&b, "C %s %s:", c.OperatorName(), c.Key)
			for _, v := range c.Values {
				fmt.Fprintf(&b, " %s@%d", v.Raw, v.Pos)
			}
			b.WriteString(";")
		}
		return b.String()
	}
	for _, n := range []int{1, 2} {
		var stmts []string
		for i := range n {
			stmts = append(stmts, stmt(i))
		}
		small := `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",") + `]}`
		larger := `{"Version": "2012-10-17", "Statement": [` + strings.Join(append(stmts, stmt(9)), ",") + `]}`
		ps, err := ParseString("small.json", small)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := ParseString("larger.json", larger)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			got, want := describe(ps.Rules()[i]), describe(pl.Rules()[i])
			if got != want {
				t.Errorf("%d statements, rule %d:\n got %s\nwant %s", n, i, got, want)
			}
			if strings.Count(got, "A ") != 5 || strings.Count(got, "R ") != 3 || strings.Count(got, "C ") != 3 {
				t.Errorf("%d statements, rule %d lost entries: %s", n, i, got)
			}
		}
	}
}
