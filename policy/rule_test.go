package policy

import (
	"testing"

	"github.com/iamsim/iamsim/internal/compiled"
)

// mapVars resolves policy variables from a map, for tests.
type mapVars map[string]string

func (m mapVars) Lookup(key string) (string, bool) {
	v, ok := m[key]
	return v, ok
}

var likeSyntax = compiled.Syntax{Wildcards: true, Variables: true}

func TestRuleMatch(t *testing.T) {
	p := MustParse("r.json", `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": ["s3:Get*", "S3:ListBucket"], "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/${aws:username}/*"]},
		{"Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::photos/*"},
		{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}`)
	r := p.Rules()
	vars := mapVars{"aws:username": "bob"}
	checks := []struct {
		got, want bool
		reason    string
	}{
		{r[0].Denies(), false, "an Allow does not deny"},
		{r[1].Denies(), true, "a Deny denies"},
		{r[1].Effect() == Deny && r[0].Effect() == Allow, true, "Effect agrees with Denies"},
		{r[0].MatchAction("s3:getobject"), true, "wildcard action, lower-case subject"},
		{r[0].MatchAction("s3:listbucket"), true, "actions fold case"},
		{r[0].MatchAction("s3:putobject"), false, "unlisted action"},
		{r[1].MatchAction("s3:putobject"), true, "NotAction: an unlisted action applies"},
		{r[1].MatchAction("iam:createuser"), false, "NotAction: a listed action does not"},
		{r[0].MatchResource("arn:aws:s3:::photos/bob/a.jpg", vars), true, "resource with a variable"},
		{r[0].MatchResource("arn:aws:s3:::photos/eve/a.jpg", vars), false, "another user's folder"},
		{r[0].MatchResource("arn:aws:s3:::photos", nil), true, "the bucket"},
		{r[1].MatchResource("arn:aws:s3:::other", nil), true, "NotResource: an unlisted resource applies"},
		{r[1].MatchResource("arn:aws:s3:::photos/x", nil), false, "NotResource: a listed one does not"},
		{r[2].MatchResource("arn:aws:iam::123456789012:role/r", nil), true, "no Resource element: every resource"},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: got %v, want %v: %s", i, c.got, c.want, c.reason)
		}
	}
}

// TestMatchNoAllocs pins the hot path of the decision engine: matching an
// action, a resource, a template and an ARN pattern allocates nothing.
func TestMatchNoAllocs(t *testing.T) {
	p := MustParse("a.json", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
		"Action": ["ec2:Describe*", "s3:Get*Acl", "s3:ListBucket"],
		"Resource": ["arn:aws:s3:::other", "arn:aws:s3:::home/${aws:username}/*", "arn:aws:logs:*:*:log-group:*"]}}`)
	r := &p.Rules()[0]
	vars := mapVars{"aws:username": "bob"}
	tm, _ := compiled.CompileTemplate("home/${aws:username}/*/?.jpg", likeSyntax)
	ap, _ := compiled.CompileARNPattern("arn:aws:ec2:*:${aws:username}:instance/*", likeSyntax)
	tests := []struct {
		name string
		f    func()
	}{
		{"Rule.MatchAction", func() { _ = r.MatchAction("s3:getobjectacl") || r.MatchAction("sqs:sendmessage") }},
		{"Rule.MatchResource", func() {
			_ = r.MatchResource("arn:aws:s3:::home/bob/a", vars) || r.MatchResource("arn:aws:logs:us-east-1:1:log-group:x", vars)
		}},
		{"Template.Match", func() { _ = tm.Match("home/bob/2024/a.jpg", vars) }},
		{"Template.MatchFold", func() { _ = tm.MatchFold("HOME/bob/2024/a.JPG", vars) }},
		{"ARNPattern.Match", func() { _ = ap.Match("arn:aws:ec2:us-east-1:bob:instance/i-1", vars) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s allocates %v times per run, want 0", tt.name, n)
		}
	}
}
