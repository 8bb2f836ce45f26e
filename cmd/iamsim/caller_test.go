package main

import (
	"strings"
	"testing"
)

// appsPolicy allows only callers of roles under /apps/ tagged team=photos
// (IAM User Guide, "AWS global condition context keys": aws:PrincipalArn is
// the role's ARN, with its path; aws:PrincipalTag/KEY the caller's tags).
const appsPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
 "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/apps/*"},"StringEquals":{"aws:PrincipalTag/team":"photos"}}}]}`

func TestSimulateCaller(t *testing.T) {
	pol := writeFile(t, t.TempDir(), "apps.json", appsPolicy)
	base := []string{"simulate", "--policy", pol, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a", "--resource-account", "111111111111"}
	session := "arn:aws:sts::111111111111:assumed-role/AppRole/app-session"
	tests := []struct {
		reason string
		args   []string
		want   string
	}{
		{"the caller's role path and tag", []string{"--caller-arn", "arn:aws:iam::111111111111:role/apps/AppRole", "--session-name", "app-session", "--principal-tag", "team=photos"}, "Allow"},
		{"the same with a --principal that agrees", []string{"--caller-arn", "arn:aws:iam::111111111111:role/apps/AppRole", "--session-name", "app-session", "--principal-tag", "team=photos", "--principal", session}, "Allow"},
		{"another path", []string{"--caller-arn", "arn:aws:iam::111111111111:role/batch/AppRole", "--session-name", "app-session", "--principal-tag", "team=photos"}, "ImplicitDeny"},
		{"no tag", []string{"--caller-arn", "arn:aws:iam::111111111111:role/apps/AppRole", "--session-name", "app-session"}, "ImplicitDeny"},
		{"the session ARN alone has no path", []string{"--principal", session}, "ImplicitDeny"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "", append(base, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if head, _, _ := strings.Cut(stdout, "\n"); head != "s3:GetObject arn:aws:s3:::photos/a "+tt.want {
				t.Errorf("got %q, want %s", head, tt.want)
			}
			if tt.want == "Allow" && !strings.Contains(stdout, session) {
				t.Errorf("the explanation does not name the session %s:\n%s", session, stdout)
			}
		})
	}
}

func TestSimulateCallerErrors(t *testing.T) {
	pol := writeFile(t, t.TempDir(), "apps.json", appsPolicy)
	base := []string{"simulate", "--policy", pol, "--action", "s3:GetObject", "--resource", "*"}
	role := []string{"--caller-arn", "arn:aws:iam::111111111111:role/apps/AppRole", "--session-name", "app-session"}
	tests := []struct {
		reason string
		args   []string
		want   string
	}{
		{"a caller flag without --caller-arn", []string{"--session-name", "x1"}, "--session-name needs --caller-arn"},
		{"--temporary without --caller-arn", []string{"--temporary"}, "--temporary needs --caller-arn"},
		{"a date that is not one", append(role, "--mfa-auth-time", "noon"), `--mfa-auth-time "noon" is not an ISO 8601 date`},
		{"a tag given twice", append(role, "--principal-tag", "a=1", "--principal-tag", "a=2"), `the tag "a" is given twice`},
		{"a tag without =", append(role, "--principal-tag", "a"), "want KEY=VALUE"},
		{"a context value for a caller key", append(role, "--context", "aws:PrincipalArn=arn:aws:iam::111111111111:role/admin/Admin"), "is set by the Caller"},
		{"a --principal that disagrees", append(role, "--principal", "arn:aws:iam::111111111111:user/alice"), "disagrees with the Caller"},
		{"a session name for a user", []string{"--caller-arn", "arn:aws:iam::111111111111:user/alice", "--session-name", "x1"}, "is given for a caller that is not a role"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "", append(base, tt.args...)...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing evaluated", code, stdout)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q, want %q", stderr, tt.want)
			}
		})
	}
}
