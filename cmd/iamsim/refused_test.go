package main

import (
	"strings"
	"testing"
)

// Issue 9 §1: a policy AWS would refuse to store in its place never
// grants. An identity policy needs Resource or NotResource and may not
// name a Principal (IAM User Guide, "IAM JSON policy elements: Resource":
// "you must include either a Resource or a NotResource element" in an
// identity-based policy; "IAM JSON policy elements: Principal": "You cannot
// use the Principal element in an identity-based policy").
var refusedIdentityPolicies = []struct {
	reason, policy string
	where          string // LINE:COL of the defect in the policy; line 2
	code           string
}{
	{"an identity policy without Resource",
		`{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}`, "2:16", "MISSING_RESOURCE"},
	{"an identity policy with a Principal",
		`{"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`, "2:36", "UNSUPPORTED_PRINCIPAL"},
}

func TestEvalRefusesPolicy(t *testing.T) {
	for _, tt := range refusedIdentityPolicies {
		t.Run(tt.reason, func(t *testing.T) {
			// The policy starts the scenario's line 2, so its positions
			// are those of the policy file, one line down.
			src := `{"identityPolicies": [` + tt.policy + `],
 "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/a"},
 "expect": "Allow"}`
			src = strings.Replace(src, `{"identityPolicies": [{"Version"`, "{\"identityPolicies\": [\n{\"Version\"", 1)
			file := writeFile(t, t.TempDir(), "s.json", src)
			where := file + ":3:" + strings.TrimPrefix(tt.where, "2:")
			code, stdout, stderr := runCmd(t, "", "eval", file)
			if code != 2 {
				t.Errorf("eval = %d, want 2", code)
			}
			wantErr := "error: " + where + ": identityPolicies[0].Statement[0]"
			if !strings.Contains(stdout, wantErr) || !strings.Contains(stdout, "ERROR "+tt.code+": ") {
				t.Errorf("stdout lacks %q and %s:\n%s", wantErr, tt.code, stdout)
			}
			if strings.Contains(stdout, "decision:") {
				t.Errorf("a refused policy was evaluated:\n%s", stdout)
			}
			if !strings.Contains(stderr, where+": ERROR "+tt.code) {
				t.Errorf("stderr lacks the finding %s at %s:\n%s", tt.code, where, stderr)
			}

			code, stdout, _ = runCmd(t, "", "eval", "--json", file)
			lines := parseEvalLines(t, stdout)
			if code != 2 || len(lines) != 1 || lines[0].Error == nil || lines[0].OK || !strings.HasPrefix(*lines[0].Error, where+": ") {
				t.Errorf("eval --json = %d:\n%s", code, stdout)
			}
		})
	}
}

func TestSimulateRefusesPolicy(t *testing.T) {
	for _, tt := range refusedIdentityPolicies {
		t.Run(tt.reason, func(t *testing.T) {
			pol := writeFile(t, t.TempDir(), "p.json", tt.policy)
			for _, output := range []string{"text", "json", "aws"} {
				code, stdout, stderr := runCmd(t, "", "simulate", "--policy", pol, "--output", output,
					"--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a")
				if code != 2 || stdout != "" {
					t.Errorf("--output %s: exit %d, stdout %q; want 2 and nothing evaluated", output, code, stdout)
				}
				want := "iamsim simulate: evaluate: AWS would refuse " + pol
				if !strings.Contains(stderr, want) || !strings.Contains(stderr, pol+":"+tt.where+": ERROR "+tt.code) {
					t.Errorf("--output %s: stderr lacks %q and %s at %s:\n%s", output, want, tt.code, tt.where, stderr)
				}
			}
		})
	}
}
