package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// photosAccount are the founding example's export and overlay, as the
// README's authorize example gives them.
var photosAccount = []string{"--account", "../../examples/photos/account.json", "--overlay", "../../examples/photos/overlay.json"}

// TestResourceArgNeitherARNNorStar: authorize and who-can document
// "--resource R  a resource ARN, or *"; a mistyped ARN (one colon short)
// matched no Allow and exited 1, so a script asserting a deny passed for
// the wrong reason. It is a usage error (exit 2), as it is for simulate.
func TestResourceArgNeitherARNNorStar(t *testing.T) {
	for _, cmd := range []string{"authorize", "who-can"} {
		for _, res := range []string{"arn:aws:s3::photos", "photos/cat.jpg", ""} {
			args := append([]string{cmd}, photosAccount...)
			if cmd == "authorize" {
				args = append(args, "--principal", "arn:aws:iam::111111111111:role/app/PhotoReader")
			}
			args = append(args, "--action", "s3:GetObject", "--resource", res)
			code, stdout, stderr := runCmd(t, "", args...)
			if code != exitUsage || stdout != "" || !strings.Contains(stderr, "is neither an ARN nor *") {
				t.Errorf("%s --resource %q: exit %d, stdout %q, stderr %q; want exit 2 and a usage error", cmd, res, code, stdout, stderr)
			}
		}
		args := append([]string{cmd}, photosAccount...)
		if cmd == "authorize" {
			args = append(args, "--principal", "arn:aws:iam::111111111111:role/app/PhotoReader")
		}
		if code, _, stderr := runCmd(t, "", append(args, "--action", "s3:GetObject", "--resource", "*")...); code == exitUsage {
			t.Errorf("%s --resource *: a usage error: %s", cmd, stderr)
		}
	}
}

// TestCheckFolderWithNoPolicy: `iamsim check DIR` on an empty folder, or
// one that holds only scenarios or exports, checked nothing and exited 0,
// which a CI script reads as "the policies are valid".
func TestCheckFolderWithNoPolicy(t *testing.T) {
	empty := t.TempDir()
	scenarios := t.TempDir()
	data, err := os.ReadFile("../../examples/photos/scenario.json")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, scenarios, "scenario.json", string(data))
	writeFile(t, scenarios, "notes.txt", "not json")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", empty}, "holds no .json files"},
		{[]string{"check", "--json", empty}, "holds no .json files"},
		{[]string{"check", scenarios}, "no policy was checked"},
		{[]string{"check", "--json", scenarios}, "no policy was checked"},
		{[]string{"check", "--kind", "scp", scenarios}, "no policy was checked"},
	} {
		code, stdout, stderr := runCmd(t, "", tc.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2, no output and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	// A folder with a policy beside the scenarios is checked as before.
	writeFile(t, scenarios, "p.json", goodPolicy)
	if code, stdout, stderr := runCmd(t, "", "check", scenarios); code != exitOK || stdout != "" {
		t.Errorf("a folder with a valid policy: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// An empty folder beside a good file still fails: it was named to be checked.
	if code, _, _ := runCmd(t, "", "check", filepath.Join(scenarios, "p.json"), empty); code != exitUsage {
		t.Errorf("a good file and an empty folder: exit %d, want 2", code)
	}
}

// TestSingleValuedFlagsGivenTwice: Go's flag package keeps the last of two
// values of a string or number flag, so "check --kind trust --kind
// identity" checked the file as an identity policy and "simulate
// --resource-account A --resource-account B" decided for B. A command line
// that says two things is a usage error, as it already was for the flags
// of this package (--principal, --role-arn ...). Repeatable flags and
// booleans are unchanged.
func TestSingleValuedFlagsGivenTwice(t *testing.T) {
	pol := "../../examples/photos/read-photos.json"
	sim := []string{"simulate", "--policy", pol, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a"}
	auth := append(append([]string{"authorize"}, photosAccount...), "--principal", "arn:aws:iam::111111111111:role/app/PhotoReader",
		"--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a")
	for _, args := range [][]string{
		{"check", "--kind", "trust", "--kind", "identity", pol},
		{"check", "--kind=trust", pol, "--kind=identity"},
		{"check", "--resource-type", "s3-bucket", "--resource-type", "dynamodb-table", pol},
		append(sim, "--output", "text", "--output", "json"),
		append(sim, "--resource-account", "111111111111", "--resource-account", "222222222222"),
		append(sim, "--principal", "arn:aws:iam::111111111111:user/a", "--principal", "arn:aws:iam::111111111111:user/b"),
		append(sim, "--caller-arn", "arn:aws:iam::111111111111:role/R", "--session-name", "ab", "--session-name", "cd"),
		append(auth, "--max-managed-policies", "5", "--max-managed-policies", "20"),
		append(auth, "--max-trust-policy-chars", "2048", "--max-trust-policy-chars", "4096"),
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "given more than once") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2, given more than once", args, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{
		{"check", "--json", "--json", pol},
		append(sim, "--action", "s3:PutObject", "--resource", "arn:aws:s3:::photos/b", "--context", "aws:SourceIp=10.0.0.1",
			"--context", "aws:SourceVpc=vpc-1", "--scp", pol, "--scp", pol),
	} {
		if code, _, stderr := runCmd(t, "", args...); code != exitOK {
			t.Errorf("%q: exit %d, %s", args, code, stderr)
		}
	}
}

// A number flag is decimal: Go's flag package reads --max-managed-policies
// 0x10 as 16 (and 0o17, 1_0 likewise), which no script means.
func TestNumberFlagsAreDecimal(t *testing.T) {
	auth := append(append([]string{"authorize"}, photosAccount...), "--principal", "arn:aws:iam::111111111111:role/app/PhotoReader",
		"--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a")
	for _, v := range []string{"0x10", "0o17", "1_0", "+5", ""} {
		code, stdout, stderr := runCmd(t, "", append(auth, "--max-managed-policies", v)...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "not a decimal number") {
			t.Errorf("--max-managed-policies %q: exit %d, stdout %q, stderr %q; want exit 2, not a decimal number", v, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "", append(auth, "--max-managed-policies", "20")...); code != exitOK {
		t.Errorf("--max-managed-policies 20: exit %d, %s", code, stderr)
	}
}
