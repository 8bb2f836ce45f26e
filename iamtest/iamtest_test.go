package iamtest_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
)

var readPhotos = policy.MustParse("read-photos.json", `{"Version": "2012-10-17",
 "Statement": {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`)

func TestCheckReportsOnlyMismatches(t *testing.T) {
	session := "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123"
	cases := []iamtest.Case{
		{Name: "read", Request: evaluate.Request{Principal: session, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a.jpg", ResourceAccount: "111111111111"}, Want: iamtest.Allow},
		{Name: "write (wrongly expected)", Request: evaluate.Request{Principal: session, Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/a.jpg", ResourceAccount: "111111111111"}, Want: iamtest.Allow},
	}
	got, err := iamtest.Check(evaluate.Policies{Identity: []*policy.Policy{readPhotos}}, cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Case.Name != "write (wrongly expected)" || got[0].Result.Decision != evaluate.ImplicitDeny {
		t.Fatalf("mismatches = %v, want only the write case, denied", got)
	}
}

func TestCheckRejectsMalformedRequest(t *testing.T) {
	_, err := iamtest.Check(evaluate.Policies{}, []iamtest.Case{{Request: evaluate.Request{Principal: "alice", Action: "s3:GetObject", Resource: "*"}, Want: iamtest.Allow}})
	if err == nil {
		t.Fatal("a principal that is neither an ARN nor a service was accepted")
	}
}

func TestCheckScenarios(t *testing.T) {
	good := `{"name": "reads", "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
  "resource": "arn:aws:s3:::photos/a", "resourceAccount": "111111111111"},
 "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}],
 "expect": "Allow"}`
	wrong := `[{"name": "wrong", "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
  "resource": "arn:aws:s3:::photos/a", "resourceAccount": "111111111111"}, "expect": "Allow"},
 {"name": "bad policy", "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*"},
  "identityPolicies": [{"Statement": {"Effect": "allow", "Action": "s3:*", "Resource": "*"}}], "expect": "Allow"}]`
	fsys := fstest.MapFS{"s/good.json": {Data: []byte(good)}, "s/wrong.json": {Data: []byte(wrong)}}
	out, err := iamtest.CheckScenarios(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	var summary []string
	for _, o := range out {
		summary = append(summary, fmt.Sprintf("%s ok=%t err=%t", o.Name, o.OK(), o.Err != nil))
	}
	want := []string{"reads ok=true err=false", "wrong ok=false err=false", "bad policy ok=false err=true"}
	if fmt.Sprint(summary) != fmt.Sprint(want) {
		t.Errorf("outcomes %q, want %q", summary, want)
	}
}

// The project's own scenarios, through the helper users call.
func TestRunScenarios(t *testing.T) {
	iamtest.RunScenarios(t, os.DirFS(".."), "testdata/scenarios", iamtest.AllowErrorFindings("VARIABLE_UNSUPPORTED_IN_VERSION"))
}

// A case's Caller reaches the engine: the role's path is in aws:PrincipalArn
// (IAM User Guide, "AWS global condition context keys" > aws:PrincipalArn).
func TestCheckCaller(t *testing.T) {
	apps := policy.MustParse("apps.json", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
 "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/apps/*"}}}}`)
	caller := func(role string) *evaluate.Caller {
		return &evaluate.Caller{ARN: "arn:aws:iam::111111111111:role/" + role, SessionName: "app-session"}
	}
	cases := []iamtest.Case{
		{Name: "apps", Request: evaluate.Request{Caller: caller("apps/AppRole"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111111111111"}, Want: iamtest.Allow},
		{Name: "batch", Request: evaluate.Request{Caller: caller("batch/AppRole"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111111111111"}, Want: iamtest.ImplicitDeny},
		{Request: evaluate.Request{Caller: caller("batch/AppRole"), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "111111111111"}, Want: iamtest.Allow},
	}
	got, err := iamtest.Check(evaluate.Policies{Identity: []*policy.Policy{apps}}, cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0].String(), "arn:aws:iam::111111111111:role/batch/AppRole s3:GetObject arn:aws:s3:::b/k: want Allow, got ImplicitDeny") {
		t.Errorf("mismatches %v, want only the unnamed batch case", got)
	}
}
