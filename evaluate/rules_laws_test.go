package evaluate_test

import (
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// TestRuleLaws checks laws of the endpoint policy and S3 Block Public
// Access over every scenario of the scenario folders (the shared
// conformance suite's and the project's):
//   - the default endpoint policy, which "allows full access" (AWS
//     PrivateLink Guide, "Control access to VPC endpoints using endpoint
//     policies" > "Default endpoint policy"), changes no decision;
//   - an endpoint policy never grants: with one that allows nothing, only
//     sts:GetCallerIdentity and a user's sts:GetSessionToken (which need
//     no permission) are allowed;
//   - Block Public Access never grants and keeps every explicit deny: with
//     every setting on at both levels, an Allow was an Allow without them.
func TestRuleLaws(t *testing.T) {
	defaultEndpoint := policy.MustParse("default-endpoint.json",
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`)
	noneEndpoint := policy.MustParse("none-endpoint.json",
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "none:None", "Resource": "*"}]}`)
	on := evaluate.PublicAccessBlockConfiguration{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
	allOn := evaluate.BlockPublicAccess{Account: on, Bucket: on}
	decide := func(ps evaluate.Policies, p *evaluate.Prepared) evaluate.Decision {
		set, err := evaluate.Compile(ps)
		if err != nil {
			t.Fatalf("Compile: %v", err)
		}
		return set.Decide(p)
	}
	n := 0
	for _, dir := range scenarioDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, file := range files {
			entries, err := scenario.ReadFile(file)
			if err != nil {
				continue
			}
			for _, e := range entries {
				s := e.Scenario
				if s == nil || s.Policies.Endpoint != nil {
					continue
				}
				p, err := s.Request.Prepare()
				if err != nil {
					continue
				}
				if _, err := evaluate.Compile(s.Policies); err != nil {
					continue
				}
				n++
				d := decide(s.Policies, p)
				ps := s.Policies
				ps.Endpoint = defaultEndpoint
				if d2 := decide(ps, p); d2 != d {
					t.Errorf("%s: the default endpoint policy changes %v into %v", file, d, d2)
				}
				ps.Endpoint = noneEndpoint
				if d2 := decide(ps, p); d2 == evaluate.Allow && s.Request.Action != "sts:GetCallerIdentity" && !sessionToken(ps, p) {
					t.Errorf("%s: an endpoint policy that allows nothing lets %s through", file, s.Request.Action)
				}
				ps = s.Policies
				ps.BlockPublicAccess = allOn
				d3 := decide(ps, p)
				if d3 == evaluate.Allow && d != evaluate.Allow || d == evaluate.ExplicitDeny && d3 != evaluate.ExplicitDeny {
					t.Errorf("%s: Block Public Access turns %v into %v", file, d, d3)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("the laws ran on %d scenarios: the folders are missing", n)
	}
}

// sessionToken reports whether the request is a user's or root's
// sts:GetSessionToken, which needs no permission ("You cannot use policies
// to control authentication operations", IAM User Guide, "Permissions for
// GetSessionToken").
func sessionToken(ps evaluate.Policies, p *evaluate.Prepared) bool {
	set, err := evaluate.Compile(ps)
	return err == nil && set.Explain(p).Stage.Rule == evaluate.RuleGetSessionToken
}
