package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

var stsAccounts = []string{"--account", "testdata/sts/account.json", "--overlay", "testdata/sts/overlay.json"}

func assumeArgs(extra ...string) []string {
	return append(append([]string{"assume-role"}, stsAccounts...), extra...)
}

func TestAssumeRole(t *testing.T) {
	code, out, errOut := runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "cli", "--duration-seconds", "7200",
		"--tags", "Project=Unicorn", "--tags", "Team=", "--transitive-tag-keys", "Project", "--source-identity", "alice")...)
	if code != 0 {
		t.Fatalf("%d %s", code, errOut)
	}
	var got struct {
		Credentials      map[string]string
		AssumedRoleUser  map[string]string
		PackedPolicySize int
		SourceIdentity   string
		Iamsim           map[string]any
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.AssumedRoleUser["Arn"] != "arn:aws:sts::111111111111:assumed-role/Dev/cli" || got.AssumedRoleUser["AssumedRoleId"] != "AROAQDEVEXAMPLE000001:cli" ||
		!strings.HasPrefix(got.Credentials["AccessKeyId"], "ASIA") || got.Credentials["SecretAccessKey"] == "" || got.SourceIdentity != "alice" ||
		got.Iamsim["PrincipalArn"] != "arn:aws:iam::111111111111:role/team/Dev" {
		t.Errorf("%s", out)
	}
	// Chaining: the printed session assumes the next role.
	sess := writeFile(t, t.TempDir(), "dev.json", out)
	code, out, errOut = runCmd(t, "", assumeArgs("--session", sess, "--role-arn", "arn:aws:iam::111111111111:role/Chained", "--role-session-name", "next")...)
	if code != 0 || !strings.Contains(out, `"Chained": true`) || !strings.Contains(out, `"Project": "Unicorn"`) {
		t.Fatalf("%d %s %s", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", assumeArgs("--session", sess, "--role-arn", "arn:aws:iam::111111111111:role/Chained", "--role-session-name", "next", "--duration-seconds", "3601")...)
	if code != 1 || errOut != "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.\n" {
		t.Errorf("%d %q", code, errOut)
	}
}

func TestAssumeRoleRefused(t *testing.T) {
	code, out, errOut := runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/Admin", "--role-session-name", "cli")...)
	want := "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/Admin\n"
	if code != 1 || out != "" || errOut != want {
		t.Errorf("%d %q %q", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "a:b")...)
	if code != 1 || !strings.HasPrefix(errOut, "An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: Value 'a:b' at 'roleSessionName'") {
		t.Errorf("%d %q", code, errOut)
	}
}

func TestAssumeRoleMFA(t *testing.T) {
	args := assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice", "--role-arn", "arn:aws:iam::111111111111:role/team/Dev",
		"--role-session-name", "mfa", "--serial-number", "arn:aws:iam::111111111111:mfa/alice", "--token-code", "123456")
	code, _, errOut := runCmd(t, "", args...)
	if code != 1 || !strings.Contains(errOut, "(AccessDenied)") || !strings.Contains(errOut, "invalid MFA one time pass code") {
		t.Errorf("without a seed every code fails: %d %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "", append(args, "--mfa-seed", "arn:aws:iam::111111111111:mfa/bob=GEZDGNBVGY3TQOJQ")...)
	if code != 1 || !strings.Contains(errOut, "unable to validate MFA code") {
		t.Errorf("another device: %d %q", code, errOut)
	}
}

func TestAssumeRoleUsage(t *testing.T) {
	for _, args := range [][]string{
		assumeArgs("--role-arn", "x", "--role-session-name", "y"),
		assumeArgs("--caller", "a", "--session", "b", "--role-arn", "x", "--role-session-name", "y"),
		assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice", "--role-session-name", "y"),
		assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice", "--role-arn", "x", "--role-session-name", "y", "--duration-seconds", "x"),
		assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice", "--role-arn", "x", "--role-session-name", "y", "--tags", "novalue"),
		assumeArgs("--caller", "arn:aws:iam::111111111111:user/nobody", "--role-arn", "x", "--role-session-name", "y"),
		assumeArgs("--session", filepath.Join(t.TempDir(), "missing.json"), "--role-arn", "x", "--role-session-name", "y"),
		{"assume-role", "--caller", "x", "--role-arn", "x", "--role-session-name", "y"},
	} {
		if code, _, _ := runCmd(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestAssumeRoleSessionPolicies(t *testing.T) {
	dir := t.TempDir()
	pol := writeFile(t, dir, "session.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}`)
	code, out, errOut := runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "pol", "--policy", pol,
		"--policy-arns", "arn:aws:iam::111111111111:policy/PhotosReadOnly", "--external-id", "ext-1")...)
	if code != 0 {
		t.Fatalf("%d %s", code, errOut)
	}
	var got struct {
		PackedPolicySize int
		Iamsim           struct {
			Policy     string
			PolicyArns []string
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.PackedPolicySize <= 0 || !strings.Contains(got.Iamsim.Policy, "photos/*") || len(got.Iamsim.PolicyArns) != 1 {
		t.Errorf("%s", out)
	}
	bad := writeFile(t, dir, "bad.json", `{"Version":`)
	code, _, errOut = runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "pol", "--policy", bad)...)
	if code != 1 || !strings.HasPrefix(errOut, "An error occurred (MalformedPolicyDocument) when calling the AssumeRole operation:") {
		t.Errorf("%d %q", code, errOut)
	}
}
