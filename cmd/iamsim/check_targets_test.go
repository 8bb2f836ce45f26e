package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestCheckFolderOfMixedKinds checks a folder whose files name their
// places: each is checked as its name says, hidden files and files that
// are not policies (a scenario) are left out, and the output is in path
// order.
func TestCheckFolderOfMixedKinds(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) string {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	trust := write("a.trust.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}]}`)
	write("b.scp.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	bucket := write("sub/c.s3-bucket.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ec2:StartInstances", "Resource": "arn:aws:s3:::b"}]}`)
	write(".hidden.json", `not JSON`)
	write("d.json", `{"name": "a scenario", "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "identityPolicies": [], "expect": "ImplicitDeny"}`)
	write("notes.txt", `not JSON`)

	var stdout, stderr bytes.Buffer
	code := run([]string{"check", dir}, strings.NewReader(""), &stdout, &stderr)
	if code != exitFail {
		t.Errorf("exit %d, want %d; stderr %s", code, exitFail, stderr.String())
	}
	if !strings.Contains(stderr.String(), "d.json holds") {
		t.Errorf("no hint for the scenario file d.json: stderr %q", stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	want := []string{trust + ":1:136: ERROR ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", bucket + ":1:109: ERROR UNSUPPORTED_ACTION_IN_POLICY"}
	if len(lines) != len(want) {
		t.Fatalf("output:\n%s\nwant %d lines", stdout.String(), len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start with %q", i+1, lines[i], w)
		}
	}

	// --kind forces one place on every file, the names aside.
	stdout.Reset()
	run([]string{"check", "--kind", "identity", filepath.Join(dir, "b.scp.json")}, strings.NewReader(""), &stdout, &stderr)
	if !strings.Contains(stdout.String(), "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES") {
		t.Errorf("--kind identity on b.scp.json: %s", stdout.String())
	}
}

// TestCheckResourceType checks --resource-type: the resource's own checks,
// and its usage errors.
func TestCheckResourceType(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bucket.json")
	if err := os.WriteFile(path, []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/t"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"check", "--resource-type", "AWS::S3::Bucket", path}, exitFail, "ERROR UNSUPPORTED_RESOURCE_ARN_IN_POLICY", ""},
		{[]string{"check", "--resource-type", "s3-bucket", "--kind", "resource", path}, exitFail, "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", ""},
		{[]string{"check", "--kind", "resource", path}, exitOK, "", ""},
		{[]string{"check", "--resource-type", "AWS::KMS::Key", path}, exitUsage, "", "unknown --resource-type"},
		{[]string{"check", "--resource-type", "s3-bucket", "--kind", "trust", path}, exitUsage, "", "does not go with"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, strings.NewReader(""), &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, code, stdout.String(), stderr.String())
		}
	}
}

// A file named PLACE.json (examples/photos/trust.json) is checked for that
// place, as NAME.PLACE.json is; and every example's policy folder, which
// names its files so, checks without an ERROR.
func TestCheckPlaceOnlyName(t *testing.T) {
	for _, c := range []struct {
		path string
		kind policy.Kind
	}{
		{"dir/trust.json", policy.Trust},
		{"scp.json", policy.SCP},
		{"a.trust.json", policy.Trust},
		{"read-photos.json", policy.Identity},
	} {
		k, _, ok := kindFromName(c.path)
		if c.kind == policy.Identity {
			if ok {
				t.Errorf("%s: a place %v, want none", c.path, k)
			}
			continue
		}
		if !ok || k != c.kind {
			t.Errorf("%s: %v %t, want %v", c.path, k, ok, c.kind)
		}
	}
	dirs, err := filepath.Glob("../../examples/*/policies")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no example policy folders: %v", err)
	}
	for _, dir := range append(dirs, "../../examples/photos/trust.json", "../../examples/photos/read-photos.json") {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"check", dir}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
			t.Errorf("check %s: exit %d\n%s%s", dir, code, stdout.String(), stderr.String())
		}
	}
}
