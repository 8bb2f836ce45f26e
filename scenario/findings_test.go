package scenario_test

import (
	"fmt"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

func TestResourcePolicyKind(t *testing.T) {
	tests := []struct {
		resource string
		want     policy.Kind
	}{
		{"arn:aws:iam::111111111111:role/Reader", policy.Trust},
		{"arn:aws:iam::111111111111:role/apps/Reader", policy.Trust},
		{"arn:aws:iam::111111111111:user/alice", policy.Resource},
		{"arn:aws:s3:::photos", policy.Resource},
		{"*", policy.Resource},
		{"", policy.Resource},
	}
	for _, tt := range tests {
		if got := scenario.ResourcePolicyKind(tt.resource); got != tt.want {
			t.Errorf("ResourcePolicyKind(%q) = %v, want %v", tt.resource, got, tt.want)
		}
	}
}

func TestSlots(t *testing.T) {
	p := policy.MustParse("p", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`)
	ps := evaluate.Policies{
		Identity: []*policy.Policy{p, p}, Resource: p, Boundary: p, Session: []*policy.Policy{p},
		SCPs: [][]*policy.Policy{{p}, {p, p}}, RCPs: [][]*policy.Policy{{p}},
	}
	var got []string
	for _, s := range scenario.Slots(ps, policy.Trust) {
		got = append(got, s.Path+" "+s.Kind.String())
	}
	want := []string{
		"identityPolicies[0] inline-role", "identityPolicies[1] inline-role", "resourcePolicy trust",
		"permissionsBoundary boundary", "sessionPolicies[0] session",
		"scps[0][0] scp", "scps[1][0] scp", "scps[1][1] scp", "rcps[0][0] rcp",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Slots:\n got %q\nwant %q", got, want)
	}
	if n := len(scenario.Slots(evaluate.Policies{}, policy.Resource)); n != 0 {
		t.Errorf("no policies, %d slots", n)
	}
}

// An identity policy of Version 2008-10-17 is one IAM stores inline, so a
// scenario does not report it as an error (shared conformance scenario 136).
func TestFindingsIdentityVersion2008(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
 "identityPolicies": [{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}`
	e := scenario.Load("v.json", []byte(src))
	if e[0].Err != nil {
		t.Fatal(e[0].Err)
	}
	for _, f := range e[0].Scenario.Findings() {
		if f.Severity == policy.Error {
			t.Errorf("finding %v", f)
		}
	}
}
