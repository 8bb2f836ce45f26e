package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// simPolicy is a policy with a brace inside a string (a policy variable),
// a nested Condition object and a Deny. Statement 0 spans 4:5 to 9:5,
// statement 1 spans 10:5 to 19:5, statement 2 spans 20:5 to 25:5.
const simPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadPhotos",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::photos/${aws:username}/*"
    },
    {
      "Sid": "ListFromOffice",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::photos",
      "Condition": {
        "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
        "StringLike": {"s3:prefix": ["a}b\"{", "x"]}
      }
    },
    {
      "Sid": "NoDelete",
      "Effect": "Deny",
      "Action": "s3:DeleteObject",
      "Resource": "*"
    }
  ]
}
`

// simAlice is a resource simPolicy's statement 0 allows to alice.
const simAlice = "arn:aws:s3:::photos/alice/cat.jpg"

// simPolicyFile writes simPolicy in a new folder and returns the folder and
// the file's path.
func simPolicyFile(t *testing.T) (dir, pol string) {
	t.Helper()
	dir = t.TempDir()
	return dir, writeFile(t, dir, "photos.json", simPolicy)
}

// TestSimulateText: one line per pair, actions outer, resources inner.
func TestSimulateText(t *testing.T) {
	_, pol := simPolicyFile(t)
	alice := simAlice
	code, stdout, stderr := runCmd(t, "", "simulate", "--policy", pol, "--principal", "arn:aws:iam::111111111111:user/alice",
		"--action", "s3:GetObject", "--action", "s3:DeleteObject", "--resource", alice, "--resource", "arn:aws:s3:::photos/bob/cat.jpg")
	if code != 0 {
		t.Fatalf("simulate = %d\n%s", code, stderr)
	}
	var heads []string
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if strings.HasPrefix(l, "  ") {
			if !strings.Contains(l, ": arn:aws:iam::111111111111:user/alice to perform ") {
				t.Errorf("explanation line %q", l)
			}
			continue
		}
		heads = append(heads, l)
	}
	wantHeads := []string{
		"s3:GetObject " + alice + " Allow",
		"s3:GetObject arn:aws:s3:::photos/bob/cat.jpg ImplicitDeny",
		"s3:DeleteObject " + alice + " ExplicitDeny",
		"s3:DeleteObject arn:aws:s3:::photos/bob/cat.jpg ExplicitDeny",
	}
	if diff := cmp.Diff(wantHeads, heads); diff != "" {
		t.Errorf("simulate text (-want +got):\n%s\n%s", diff, stdout)
	}
	if n := strings.Count(stdout, "\n  "); n != 4 {
		t.Errorf("want one explanation per pair:\n%s", stdout)
	}
}

// TestSimulateJSON: --output json, with the default principal simulated-user.
func TestSimulateJSON(t *testing.T) {
	_, pol := simPolicyFile(t)
	code, stdout, _ := runCmd(t, "", "simulate", "--output", "json", "--policy", pol,
		"--action", "s3:ListBucket", "--resource", "arn:aws:s3:::photos")
	if code != 0 {
		t.Fatalf("simulate --output json = %d", code)
	}
	var results []map[string]any
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(results) != 1 {
		t.Fatalf("want 1 result, got %d", len(results))
	}
	r := results[0]
	gotJSON := map[string]any{"action": r["action"], "resource": r["resource"], "decision": r["decision"], "stage": r["stage"],
		"reasons": r["reasons"], "missingContextKeys": r["missingContextKeys"]}
	wantJSON := map[string]any{"action": "s3:ListBucket", "resource": "arn:aws:s3:::photos", "decision": "ImplicitDeny", "stage": "identity",
		"reasons": []any{}, "missingContextKeys": []any{"aws:SourceIp"}}
	if diff := cmp.Diff(wantJSON, gotJSON); diff != "" {
		t.Errorf("simulate --output json (-want +got):\n%s", diff)
	}
	if e, _ := r["explanation"].(string); !strings.Contains(e, defaultPrincipal) {
		t.Errorf("explanation %q does not name the default principal", e)
	}
}

// TestSimulateAWS: --output aws, with the context that satisfies the condition.
func TestSimulateAWS(t *testing.T) {
	_, pol := simPolicyFile(t)
	code, stdout, _ := runCmd(t, "", "simulate", "--policy", pol, "--output", "aws", "--principal", "arn:aws:iam::111111111111:user/alice",
		"--action", "s3:ListBucket", "--action", "s3:DeleteObject", "--action", "s3:PutObject",
		"--resource", "arn:aws:s3:::photos", "--context", "aws:SourceIp=203.0.113.9", "--context", "s3:prefix=x")
	if code != 0 {
		t.Fatalf("simulate --output aws = %d", code)
	}
	var got awsResponse
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	want := awsResponse{EvaluationResults: []awsResult{
		{
			EvalActionName: "s3:ListBucket", EvalResourceName: "arn:aws:s3:::photos", EvalDecision: "allowed",
			MatchedStatements: []awsStatement{{
				SourcePolicyID: pol, SourcePolicyType: "IAM Policy",
				StartPosition: awsPosition{10, 5}, EndPosition: awsPosition{19, 5},
			}},
			MissingContextValues: []string{},
		},
		{
			EvalActionName: "s3:DeleteObject", EvalResourceName: "arn:aws:s3:::photos", EvalDecision: "explicitDeny",
			MatchedStatements: []awsStatement{{
				SourcePolicyID: pol, SourcePolicyType: "IAM Policy",
				StartPosition: awsPosition{20, 5}, EndPosition: awsPosition{25, 5},
			}},
			MissingContextValues: []string{},
		},
		{
			EvalActionName: "s3:PutObject", EvalResourceName: "arn:aws:s3:::photos", EvalDecision: "implicitDeny",
			MatchedStatements: []awsStatement{}, MissingContextValues: []string{},
		},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("simulate --output aws (-want +got):\n%s", diff)
	}
	if !strings.Contains(stdout, `"IsTruncated": false`) {
		t.Errorf("no IsTruncated: %s", stdout)
	}
}

// TestSimulatePolicyTypes: the AWS policy types and SCP levels of --output aws.
func TestSimulatePolicyTypes(t *testing.T) {
	dir, pol := simPolicyFile(t)
	alice := simAlice
	scp := writeFile(t, dir, "scp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	code, stdout, _ := runCmd(t, "", "simulate", "--policy", pol, "--scp", scp, "--scp", scp, "--boundary", scp, "--output", "aws",
		"--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject", "--resource", alice)
	if code != 0 {
		t.Fatalf("simulate with SCPs = %d", code)
	}
	var got awsResponse
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, st := range got.EvaluationResults[0].MatchedStatements {
		types = append(types, st.SourcePolicyType+" "+st.StartPosition.String()+"-"+st.EndPosition.String())
	}
	wantTypes := []string{"IAM Policy 4:5-9:5", "PermissionsBoundaryPolicy 1:38-1:83", "Organizations Policy 1:38-1:83", "Organizations Policy 1:38-1:83"}
	if diff := cmp.Diff(wantTypes, types); diff != "" {
		t.Errorf("matched statements (-want +got):\n%s", diff)
	}
}

// TestSimulateUsageErrors: exit status 2, nothing on stdout, the reason on stderr.
func TestSimulateUsageErrors(t *testing.T) {
	dir, pol := simPolicyFile(t)
	bad := writeFile(t, dir, "bad.json", badEffectPolicy)
	tests := []struct {
		reason     string
		args       []string
		wantStderr string
	}{
		{"no --policy", []string{"--action", "s3:GetObject", "--resource", "*"}, "no --policy"},
		{"no --action", []string{"--policy", pol, "--resource", "*"}, "no --action"},
		{"no --resource", []string{"--policy", pol, "--action", "s3:GetObject"}, "no --resource"},
		{"an unknown output", []string{"--policy", pol, "--action", "s3:GetObject", "--resource", "*", "--output", "yaml"}, `unknown --output "yaml"`},
		{"a context without =", []string{"--policy", pol, "--action", "s3:GetObject", "--resource", "*", "--context", "aws:SourceIp"}, "want KEY=VALUE"},
		{"a positional argument", []string{pol, "--action", "s3:GetObject", "--resource", "*"}, "unexpected argument"},
		{"two boundaries", []string{"--policy", pol, "--boundary", pol, "--boundary", pol, "--action", "s3:GetObject", "--resource", "*"}, "given more than once"},
		{"an unknown flag", []string{"--policy", pol, "--actions", "s3:GetObject"}, "flag provided but not defined"},
		{"a policy that does not parse", []string{"--policy", pol, "--policy", bad, "--action", "s3:GetObject", "--resource", "*"}, bad + ":5:17: ERROR INVALID_EFFECT: "},
		{"a missing policy file", []string{"--policy", filepath.Join(dir, "nope.json"), "--action", "s3:GetObject", "--resource", "*"}, "no such file"},
		{"a bad action", []string{"--policy", pol, "--action", "GetObject", "--resource", "*"}, "GetObject"},
		{"a bad principal", []string{"--policy", pol, "--action", "s3:GetObject", "--resource", "*", "--principal", "alice"}, "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "", append([]string{"simulate"}, tt.args...)...)
			if code != 2 {
				t.Errorf("simulate %q = %d, want 2", tt.args, code)
			}
			if stdout != "" {
				t.Errorf("simulate %q printed results: %s", tt.args, stdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

func (p awsPosition) String() string {
	b, _ := json.Marshal([]int{p.Line, p.Column})
	return strings.ReplaceAll(strings.Trim(string(b), "[]"), ",", ":")
}

func TestSimulateStdinAndContext(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
  "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]},"StringEquals":{"s3:prefix":"a,b"}}}]}`
	tests := []struct {
		reason  string
		context []string
		want    string
	}{
		{"a repeated key is multivalued, in any letter case", []string{"aws:TagKeys=team", "AWS:tagkeys=env", "s3:prefix=a,b"}, "Allow"},
		{"a comma is part of the value", []string{"aws:TagKeys=team,env", "s3:prefix=a,b"}, "ImplicitDeny"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			args := []string{"simulate", "--policy", "-", "--action", "s3:GetObject", "--resource", "*"}
			for _, c := range tt.context {
				args = append(args, "--context", c)
			}
			code, stdout, stderr := runCmd(t, pol, args...)
			if code != 0 {
				t.Fatalf("code %d: %s", code, stderr)
			}
			if head, _, _ := strings.Cut(stdout, "\n"); head != "s3:GetObject * "+tt.want {
				t.Errorf("got %q, want decision %s\n%s", head, tt.want, stdout)
			}
			if !strings.Contains(stdout, "<stdin>:1:38") && tt.want == "Allow" {
				t.Errorf("explanation does not cite <stdin>:1:38:\n%s", stdout)
			}
		})
	}
}

// TestSimulateResourceAccount: S3 ARNs carry no account, so a
// cross-account bucket needs --resource-account; then both sides must allow.
func TestSimulateResourceAccount(t *testing.T) {
	dir := t.TempDir()
	identity := writeFile(t, dir, "identity.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	bucket := writeFile(t, dir, "bucket.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}`)
	tests := []struct {
		reason string
		args   []string
		want   string
	}{
		{"without --resource-account the bucket is the caller's: the identity policy allows", nil, "Allow"},
		{"the bucket in another account, no bucket policy: only one side allows", []string{"--resource-account", "111111111111"}, "ImplicitDeny"},
		{"the bucket in another account with a bucket policy naming the caller's account", []string{"--resource-account", "111111111111", "--resource-policy", bucket}, "Allow"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			args := append([]string{"simulate", "--policy", identity, "--principal", "arn:aws:iam::222222222222:user/bob",
				"--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a"}, tt.args...)
			code, out, errOut := runCmd(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if first, _, _ := strings.Cut(out, "\n"); first != "s3:GetObject arn:aws:s3:::photos/a "+tt.want {
				t.Errorf("got %q, want decision %s", first, tt.want)
			}
		})
	}
}
