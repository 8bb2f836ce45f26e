package scenario_test

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// TestLoadEndpointAndBlockPublicAccess reads iamsim's two extensions
// (FORMAT.md, "VPC endpoint policies and S3 Block Public Access") and
// refuses their defects at their keys.
func TestLoadEndpointAndBlockPublicAccess(t *testing.T) {
	const file = `{
  "request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "arn:aws:s3:::site/a", "resourceAccount": "111111111111"},
  "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]},
  "endpointPolicy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]},
  "blockPublicAccess": {"account": {"restrictPublicBuckets": true}, "bucket": {"blockPublicAcls": true, "ignorePublicAcls": false}},
  "expect": "ImplicitDeny"
}`
	entries := scenario.Load("bpa.json", []byte(file))
	if len(entries) != 1 || entries[0].Err != nil {
		t.Fatalf("Load: %+v", entries)
	}
	s := entries[0].Scenario
	want := evaluate.BlockPublicAccess{
		Account: evaluate.PublicAccessBlockConfiguration{RestrictPublicBuckets: true},
		Bucket:  evaluate.PublicAccessBlockConfiguration{BlockPublicAcls: true},
	}
	if s.Policies.BlockPublicAccess != want || s.Policies.Endpoint == nil {
		t.Fatalf("read %+v, endpoint %v", s.Policies.BlockPublicAccess, s.Policies.Endpoint)
	}
	if res, err := s.Run(); err != nil || res.Decision != evaluate.ImplicitDeny || res.Stage.Rule != evaluate.RuleRestrictPublicBuckets {
		t.Errorf("Run: %v %v, want ImplicitDeny by RestrictPublicBuckets", res, err)
	}
	var endpointSlot bool
	for _, slot := range scenario.Slots(s.Policies, policy.Resource) {
		endpointSlot = endpointSlot || slot.Kind == policy.VPCE && slot.Path == "endpointPolicy"
	}
	if !endpointSlot {
		t.Error("Slots lacks the endpoint policy, checked as vpce")
	}

	refused := scenario.Load("vpce.json", []byte(`{"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "*"},
  "endpointPolicy": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}`))
	if len(refused) != 1 || refused[0].Err != nil {
		t.Fatalf("Load: %+v", refused)
	}
	if _, err := refused[0].Scenario.Run(); err == nil || !strings.Contains(err.Error(), "endpointPolicy") || !strings.Contains(err.Error(), "MISSING_PRINCIPAL") {
		t.Errorf("an endpoint policy without Principal: %v, want a refusal at endpointPolicy", err)
	}

	for _, tt := range []struct{ reason, field, want string }{
		{"an unknown setting", `"blockPublicAccess": {"bucket": {"restrictPublicBucket": true}}`, `blockPublicAccess.bucket.restrictPublicBucket: unknown setting "restrictPublicBucket"`},
		{"a setting that is not a boolean", `"blockPublicAccess": {"account": {"blockPublicPolicy": "yes"}}`, `blockPublicAccess.account.blockPublicPolicy: must be true or false`},
		{"an unknown level", `"blockPublicAccess": {"accessPoint": {}}`, `blockPublicAccess.accessPoint: unknown field "accessPoint" (want account, bucket)`},
		{"not an object", `"blockPublicAccess": true`, `blockPublicAccess: blockPublicAccess is an object`},
		{"a repeated setting", `"blockPublicAccess": {"bucket": {"blockPublicAcls": true, "blockPublicAcls": false}}`, `the key "blockPublicAcls" appears twice`},
	} {
		src := `{"request": {"principal": "anonymous", "action": "s3:GetObject", "resource": "*"}, ` + tt.field + `}`
		entries := scenario.Load("bpa.json", []byte(src))
		if len(entries) != 1 || entries[0].Err == nil || !strings.Contains(entries[0].Err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.reason, entries[0].Err, tt.want)
		}
	}
}
