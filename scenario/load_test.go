package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

const dupRequest = `"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}`

// Issue 9 §4: a repeated key is an error with its place and JSON path,
// never a silent choice of one value (gjson kept the last, so a second
// "expect" won).
func TestLoadRefusesRepeatedKeys(t *testing.T) {
	tests := []struct {
		reason, src, want string
	}{
		{"a repeated expect", "{" + dupRequest + `,
 "expect": "ImplicitDeny", "expect": "Allow"}`,
			`d.json:2:28: expect: the key "expect" appears twice in the same object`},
		{"a repeated request field, in a list", `[{` + strings.Replace(dupRequest, `"action"`, `"action": "s3:PutObject", "action"`, 1) + `}]`,
			`d.json:1:90: [0].request.action: the key "action" appears twice in the same object`},
		{"a repeated context key", `{"request": {"action": "s3:GetObject",
 "context": {"aws:SourceIp": "10.0.0.1", "aws:SourceIp": "192.0.2.1"}}}`,
			`d.json:2:42: request.context.aws:SourceIp: the key "aws:SourceIp" appears twice in the same object`},
		{"a repeated key in a note", "{" + dupRequest + `, "note": [{"a": 1, "a": 2}]}`,
			`: note[0].a: the key "a" appears twice in the same object`},
		{"a repeated key in a policy is the policy's defect", "{" + dupRequest + `,
 "identityPolicies": [{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}]}`,
			`d.json:2:49: identityPolicies[0]: bad policy: ERROR DUPLICATE_KEY: `},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			entries := scenario.Load("d.json", []byte(tt.src))
			if len(entries) != 1 || entries[0].Err == nil {
				t.Fatalf("entries %+v, want one error", entries)
			}
			if got := entries[0].Err.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("error\n got %q\nwant %q", got, tt.want)
			}
			var se *scenario.Error
			if !errors.As(entries[0].Err, &se) || !se.Pos.IsValid() || se.Pos.Filename != "d.json" {
				t.Errorf("not a placed *scenario.Error: %#v", entries[0].Err)
			}
		})
	}
}

// One scenario's repeated key does not keep the others of its file from
// loading.
func TestLoadRepeatedKeyIsPerScenario(t *testing.T) {
	src := `[{` + dupRequest + `, "expect": "Allow", "expect": "Allow"}, {` + dupRequest + `, "expect": "ImplicitDeny"}]`
	entries := scenario.Load("d.json", []byte(src))
	if len(entries) != 2 || entries[0].Err == nil || entries[1].Err != nil {
		t.Fatalf("entries %+v, want the first refused and the second loaded", entries)
	}
}

// Positions name the file and agree with policy positions: one File.
func TestLoadPositionsShareTheFile(t *testing.T) {
	src := "{" + dupRequest + `,
 "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}`
	e := scenario.Load("p.json", []byte(src))[0]
	if e.Err != nil {
		t.Fatal(e.Err)
	}
	rule := e.Scenario.Policies.Identity[0].Rules()[0]
	start, end := rule.Span()
	if got := start.String() + " " + end.String(); got != "p.json:2:63 p.json:2:124" {
		t.Errorf("statement span %s", got)
	}
	var _ policy.Position = start
}
