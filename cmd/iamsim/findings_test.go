package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// typoScenario denies a misspelt action: s3:DeleteObjekt is at line 19,
// column 21. The Deny denies nothing, so the decision is Allow, which the
// scenario expects; only the finding tells the reader.
const typoScenario = `{
  "name": "typo in a deny",
  "request": {
    "principal": "arn:aws:iam::111111111111:user/alice",
    "action": "s3:DeleteObject",
    "resource": "arn:aws:s3:::photos/cat.jpg",
    "resourceAccount": "111111111111"
  },
  "identityPolicies": [
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:*",
          "Resource": "*"
        },
        { "Effect": "Deny",
          "Action": "s3:DeleteObjekt",
          "Resource": "*"
        }
      ]
    }
  ],
  "expect": "Allow"
}
`

// typoPolicy is the same policy on its own; s3:DeleteObjekt is at line 5,
// column 51.
const typoPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Resource": "*", "Action": "s3:DeleteObjekt"}
  ]
}
`

// Issue 9 §1: a Deny on an action that does not exist cannot pass silently.
// The finding goes to stderr; stdout and the exit status are those of a
// policy without findings.
func TestEvalReportsFindings(t *testing.T) {
	file := writeFile(t, t.TempDir(), "typo.json", typoScenario)
	code, stdout, stderr := runCmd(t, "", "eval", file)
	if code != 0 {
		t.Fatalf("eval = %d, want 0\n%s%s", code, stdout, stderr)
	}
	wantErr := file + ":19:21: ERROR INVALID_ACTION: the action s3:DeleteObjekt does not exist in s3"
	if !strings.HasPrefix(stderr, wantErr) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line starting %q", stderr, wantErr)
	}
	if strings.Contains(stdout, "INVALID_ACTION") || !strings.HasPrefix(stdout, "== typo in a deny ("+file+")\ndecision: Allow\nexpect: Allow (ok)\n") {
		t.Errorf("stdout changed:\n%s", stdout)
	}

	code, stdout, stderr = runCmd(t, "", "eval", "--json", file)
	if code != 0 || stderr != "" {
		t.Fatalf("eval --json = %d, stderr %q", code, stderr)
	}
	var line struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &line); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{{
		"file": file, "line": 19.0, "column": 21.0, "path": "identityPolicies[0].Statement[1].Action",
		"severity": "ERROR", "code": "INVALID_ACTION",
	}}
	for _, f := range line.Findings {
		delete(f, "message")
	}
	if diff := cmp.Diff(want, line.Findings); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}

	// A scenario without findings has "findings": [].
	_, stdout, _ = runCmd(t, scenarioJSON("clean", "Allow", "Allow"), "eval", "--json", "-")
	if !strings.Contains(stdout, `"findings":[]`) {
		t.Errorf("no empty findings list: %s", stdout)
	}
}

// The path of a finding in a list of scenarios starts with the scenario's index.
func TestEvalFindingPathInList(t *testing.T) {
	src := "[" + scenarioJSON("clean", "Allow", "Allow") + ",\n" + strings.TrimSuffix(typoScenario, "\n") + "]"
	_, stdout, _ := runCmd(t, src, "eval", "--json", "-")
	if !strings.Contains(stdout, `"path":"[1].identityPolicies[0].Statement[1].Action"`) {
		t.Errorf("no [1]-prefixed path:\n%s", stdout)
	}
}

func TestSimulateReportsFindings(t *testing.T) {
	pol := writeFile(t, t.TempDir(), "typo.json", typoPolicy)
	args := []string{"simulate", "--policy", pol, "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::photos/cat.jpg"}
	wantErr := pol + ":5:51: ERROR INVALID_ACTION: the action s3:DeleteObjekt does not exist in s3"

	for _, output := range []string{"text", "aws"} {
		code, stdout, stderr := runCmd(t, "", append(args, "--output", output)...)
		if code != 0 {
			t.Fatalf("--output %s: exit %d: %s", output, code, stderr)
		}
		if !strings.HasPrefix(stderr, wantErr) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("--output %s: stderr = %q, want one line starting %q", output, stderr, wantErr)
		}
		if strings.Contains(stdout, "INVALID_ACTION") {
			t.Errorf("--output %s: the finding is on stdout:\n%s", output, stdout)
		}
	}
	if _, stdout, _ := runCmd(t, "", args...); !strings.HasPrefix(stdout, "s3:DeleteObject arn:aws:s3:::photos/cat.jpg Allow\n") {
		t.Errorf("text output changed:\n%s", stdout)
	}

	code, stdout, stderr := runCmd(t, "", append(args, "--output", "json")...)
	if code != 0 || stderr != "" {
		t.Fatalf("--output json: exit %d, stderr %q", code, stderr)
	}
	var results []struct {
		Decision string           `json:"decision"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Decision != "Allow" || len(results[0].Findings) != 1 {
		t.Fatalf("results = %+v", results)
	}
	f := results[0].Findings[0]
	got := []any{f["file"], f["line"], f["column"], f["path"], f["severity"], f["code"]}
	want := []any{pol, 5.0, 51.0, "Statement[1].Action", "ERROR", "INVALID_ACTION"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
}

// The resource-based policy of a role is its trust policy, validated as
// one: a trust policy has no Resource element (IAM User Guide, "Roles terms
// and concepts"; policy.Validate's ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE). For a bucket the
// same file is a resource policy, which needs one.
func TestSimulateResourcePolicyKind(t *testing.T) {
	dir := t.TempDir()
	identity := writeFile(t, dir, "id.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	trust := writeFile(t, dir, "trust.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`)
	for _, tt := range []struct {
		resource, wantCode string
	}{
		{"arn:aws:iam::111111111111:role/Reader", ""},
		{"arn:aws:s3:::photos", "MISSING_RESOURCE"},
	} {
		code, _, stderr := runCmd(t, "", "simulate", "--policy", identity, "--resource-policy", trust,
			"--action", "sts:AssumeRole", "--resource", tt.resource)
		if code != 0 {
			t.Errorf("%s: exit %d", tt.resource, code)
		}
		if got := strings.Contains(stderr, "ERROR "); got != (tt.wantCode != "") || !strings.Contains(stderr, tt.wantCode) {
			t.Errorf("%s: stderr %q, want ERROR %q", tt.resource, stderr, tt.wantCode)
		}
	}
}
