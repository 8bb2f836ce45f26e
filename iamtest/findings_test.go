package iamtest_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
)

// typoPolicy denies s3:DeleteObjekt (line 3, column 49; line 5 of typoScenario), an action that
// does not exist: the Deny denies nothing.
const typoPolicy = `{"Version": "2012-10-17", "Statement": [
 {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
 {"Effect": "Deny", "Resource": "*", "Action": ["s3:DeleteObjekt"]}]}`

var deleteCase = iamtest.Case{
	Name: "delete is denied", Request: evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:DeleteObject",
		Resource: "arn:aws:s3:::photos/a.jpg", ResourceAccount: "111111111111"}, Want: iamtest.ExplicitDeny,
}

// Issue 9 §1: a test of a policy with an unknown action fails with the
// finding, not with a decision that hides it.
func TestCheckRefusesErrorFindings(t *testing.T) {
	ps := evaluate.Policies{Identity: []*policy.Policy{policy.MustParse("typo.json", typoPolicy)}}
	_, err := iamtest.Check(ps, []iamtest.Case{deleteCase})
	var fe *iamtest.FindingsError
	if !errors.As(err, &fe) || len(fe.Findings) != 1 || fe.Findings[0].Code != "INVALID_ACTION" {
		t.Fatalf("err = %v, want a FindingsError with INVALID_ACTION", err)
	}
	if !strings.Contains(err.Error(), "typo.json:3:49: ERROR INVALID_ACTION: the action s3:DeleteObjekt") {
		t.Errorf("the error does not name FILE:LINE:COL: %v", err)
	}

	// Opted out by name, the policy is evaluated: the Deny on the misspelt
	// action denies nothing, so the case is a mismatch.
	got, err := iamtest.Check(ps, []iamtest.Case{deleteCase}, iamtest.AllowErrorFindings(policy.CodeInvalidAction))
	if err != nil || len(got) != 1 || got[0].Result.Decision != evaluate.Allow {
		t.Errorf("with the opt-out: mismatches %v, err %v; want the case allowed", got, err)
	}
	// Opting out of another code does not help.
	if _, err := iamtest.Check(ps, []iamtest.Case{deleteCase}, iamtest.AllowErrorFindings(policy.CodeMissingResource)); !errors.As(err, &fe) {
		t.Errorf("err = %v, want a FindingsError", err)
	}
}

// The resource-based policy is a trust policy when the cases ask about a
// role: a trust policy with Resource is refused by IAM (ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE).
func TestCheckValidatesTrustPolicy(t *testing.T) {
	trust := policy.MustParse("trust.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
 "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`)
	c := iamtest.Case{Request: evaluate.Request{Principal: "ec2.amazonaws.com", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/R"}, Want: iamtest.Allow}
	_, err := iamtest.Check(evaluate.Policies{Resource: trust}, []iamtest.Case{c})
	if err == nil || !strings.Contains(err.Error(), "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE") {
		t.Errorf("err = %v, want ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", err)
	}
}

func typoScenario() string {
	return `{"name": "delete", "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:DeleteObject",
  "resource": "arn:aws:s3:::photos/a", "resourceAccount": "111111111111"},
 "identityPolicies": [` + typoPolicy + `],
 "expect": "Allow"}`
}

func TestCheckScenariosFindings(t *testing.T) {
	out, err := iamtest.CheckScenarios(fstest.MapFS{"s/typo.json": {Data: []byte(typoScenario())}}, "s")
	if err != nil || len(out) != 1 {
		t.Fatal(out, err)
	}
	if fs := out[0].Findings; len(fs) != 1 || fs[0].Code != "INVALID_ACTION" || fs[0].Path != "identityPolicies[0].Statement[1].Action" {
		t.Errorf("findings = %v", fs)
	}
	if !out[0].OK() {
		t.Errorf("the decision matches: OK should say so (%v)", out[0].Result)
	}
}

// TestRunScenariosFailsOnErrorFinding runs RunScenarios in a child test
// process (see TestRunScenariosChild): the scenario's decision is the one
// it expects, yet the test fails on the finding, unless opted out.
func TestRunScenariosFailsOnErrorFinding(t *testing.T) {
	for _, tt := range []struct {
		optOut   string
		wantFail bool
	}{{"", true}, {"INVALID_ACTION", false}} {
		dir := t.TempDir()
		if err := os.MkdirAll(dir+"/s", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/s/typo.json", []byte(typoScenario()), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestRunScenariosChild$", "-test.v")
		cmd.Env = append(os.Environ(), "IAMTEST_CHILD_DIR="+dir, "IAMTEST_CHILD_ALLOW="+tt.optOut)
		out, err := cmd.CombinedOutput()
		failed := err != nil
		if failed != tt.wantFail {
			t.Errorf("opt-out %q: failed %t, want %t\n%s", tt.optOut, failed, tt.wantFail, out)
		}
		want := "s/typo.json:5:49: ERROR INVALID_ACTION: the action s3:DeleteObjekt"
		if !strings.Contains(string(out), want) {
			t.Errorf("opt-out %q: output does not name the finding %q:\n%s", tt.optOut, want, out)
		}
		if tt.wantFail && !strings.Contains(string(out), `iamtest.AllowErrorFindings("INVALID_ACTION")`) {
			t.Errorf("the failure does not say how to opt out:\n%s", out)
		}
	}
}

// TestRunScenariosChild is the child of TestRunScenariosFailsOnErrorFinding;
// it does nothing in a normal run.
func TestRunScenariosChild(t *testing.T) {
	dir := os.Getenv("IAMTEST_CHILD_DIR")
	if dir == "" {
		t.Skip("run by TestRunScenariosFailsOnErrorFinding")
	}
	var opts []iamtest.Option
	if code := os.Getenv("IAMTEST_CHILD_ALLOW"); code != "" {
		opts = append(opts, iamtest.AllowErrorFindings(policy.Code(code)))
	}
	iamtest.RunScenarios(t, os.DirFS(dir), "s", opts...)
}

// A policy AWS would refuse to store in its place is never evaluated, even
// when the test opts out of its finding: an identity policy without
// Resource (IAM User Guide, "IAM JSON policy elements: Resource").
func TestCheckNeverEvaluatesRefusedPolicy(t *testing.T) {
	noResource := policy.MustParse("nores.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}`)
	c := iamtest.Case{Request: evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a"}, Want: iamtest.Allow}
	ps := evaluate.Policies{Identity: []*policy.Policy{noResource}}
	_, err := iamtest.Check(ps, []iamtest.Case{c})
	var fe *iamtest.FindingsError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "nores.json:1:41: ERROR MISSING_RESOURCE") {
		t.Errorf("err = %v, want a FindingsError naming nores.json:1:41 MISSING_RESOURCE", err)
	}
	got, err := iamtest.Check(ps, []iamtest.Case{c}, iamtest.AllowErrorFindings(policy.CodeMissingResource))
	var refused *evaluate.RefusedError
	if !errors.As(err, &refused) || got != nil {
		t.Errorf("with the opt-out: mismatches %v, err %v; want evaluate's refusal", got, err)
	}
}
