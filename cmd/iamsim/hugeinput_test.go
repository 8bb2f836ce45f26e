package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
)

// sparseFile makes a file of size bytes that takes no disk: a test of
// the size bound, which must refuse it before reading it.
func sparseFile(t *testing.T, size int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHugeInputsAreRefusedUnread: every file the command line reads is
// bounded. Before, check, simulate, assume-role --policy, --session and
// --account read a file whole (os.ReadFile), so that iamsim check
// /dev/zero ran out of memory instead of failing with a clear error.
func TestHugeInputsAreRefusedUnread(t *testing.T) {
	policyFile := sparseFile(t, policy.MaxSourceBytes+1)
	accountFile := sparseFile(t, account.MaxFileBytes+1)
	sources := []string{policyFile}
	if fi, err := os.Stat("/dev/zero"); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		sources = append(sources, "/dev/zero") // endless: only a bounded read returns
	}
	res := []string{"--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a"}
	for _, src := range sources {
		code, stdout, _ := runCmd(t, "", "check", src)
		if code != exitFail || !strings.Contains(stdout, "ERROR POLICY_TOO_LARGE") || !strings.Contains(stdout, "4194304") {
			t.Errorf("check %s: exit %d, %q; want exit 1 and POLICY_TOO_LARGE", src, code, stdout)
		}
		// A file that cannot be read, before it, keeps exit status 2.
		if code, _, _ := runCmd(t, "", "check", filepath.Join(t.TempDir(), "missing.json"), src); code != exitUsage {
			t.Errorf("check MISSING %s: exit %d, want 2", src, code)
		}
		code, stdout, _ = runCmd(t, "", "check", "--json", src)
		if code != exitFail || !strings.Contains(stdout, `"code": "POLICY_TOO_LARGE"`) {
			t.Errorf("check --json %s: exit %d, %q", src, code, stdout)
		}
		for _, args := range [][]string{
			append([]string{"simulate", "--policy", src}, res...),
			append(append([]string{"authorize"}, photosAccount...), append([]string{"--session", src}, res...)...),
			assumeArgs("--session", src, "--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "x"),
			assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice", "--policy", src,
				"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "x"),
		} {
			code, stdout, stderr := runCmd(t, "", args...)
			if code != exitUsage || stdout != "" || !strings.Contains(stderr, src+": ") || !strings.Contains(stderr, "4194304") {
				t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 naming the file and the bound", args, code, stdout, stderr)
			}
		}
	}
	for _, args := range [][]string{
		{"authorize", "--account", accountFile, "--principal", "arn:aws:iam::111111111111:user/a", "--action", "s3:GetObject", "--resource", "*"},
		{"who-can", "--account", "../../examples/photos/account.json", "--overlay", accountFile, "--action", "s3:GetObject", "--resource", "*"},
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, accountFile+": the file is 1073741825 bytes") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// TestSessionFileIsReadStrictly: a session file that repeats a key (two
// Expiration members, say) says two things; encoding/json, which sts.Import
// uses, keeps the last silently. The command line reads it as strictly as
// every other JSON file of iamsim and refuses it at FILE:LINE:COL.
func TestSessionFileIsReadStrictly(t *testing.T) {
	code, out, errOut := runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "cli")...)
	if code != 0 {
		t.Fatalf("%d %s", code, errOut)
	}
	dir := t.TempDir()
	good := writeFile(t, dir, "good.json", out)
	exp := strings.Index(out, `"Expiration"`)
	if exp < 0 {
		t.Fatalf("no Expiration in %s", out)
	}
	dup := writeFile(t, dir, "dup.json", out[:exp]+`"Expiration": "2099-01-01T00:00:00Z", `+out[exp:])
	line := strings.Count(out[:exp], "\n") + 1
	col := exp - strings.LastIndexByte(out[:exp], '\n') + len(`"Expiration": "2099-01-01T00:00:00Z", `)
	wantAt := dup + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + `: the key "Expiration" appears twice`
	authorize := func(sess string) []string {
		return append(append([]string{"authorize"}, stsAccounts...), "--session", sess, "--action", "s3:GetObject", "--resource", "*")
	}
	if code, _, stderr := runCmd(t, "", authorize(good)...); code == exitUsage {
		t.Fatalf("the session as printed: %s", stderr)
	}
	for _, args := range [][]string{
		authorize(dup),
		assumeArgs("--session", dup, "--role-arn", "arn:aws:iam::111111111111:role/Chained", "--role-session-name", "next"),
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, wantAt) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", args[0], code, stdout, stderr, wantAt)
		}
	}
	code, _, stderr := runCmd(t, `{"Credentials":`, authorize("-")...)
	if code != exitUsage || !strings.Contains(stderr, "<stdin>:1:16: invalid JSON") {
		t.Errorf("a session cut short: exit %d, %q", code, stderr)
	}
}
