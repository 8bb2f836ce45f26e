package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/scenario"
)

// TestUsageErrorIsShort: a usage error prints why, the command's synopsis
// and where the help is, on stderr only; never the whole help.
func TestUsageErrorIsShort(t *testing.T) {
	for _, args := range [][]string{
		{"simulate", "--polcy", "x.json"},
		{"eval"},
		{"check", "--kind", "nope", "x.json"},
		{"authorize", "--nope"},
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if code != exitUsage || stdout != "" || len(lines) > 6 || !strings.HasPrefix(lines[0], "iamsim "+args[0]+": ") ||
			!strings.Contains(stderr, `Run "iamsim help `+args[0]+`"`) {
			t.Errorf("%q: exit %d, stdout %q, stderr (%d lines):\n%s", args, code, stdout, len(lines), stderr)
		}
	}
	code, stdout, stderr := runCmd(t, "")
	if code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 2 || !strings.Contains(stderr, `Run "iamsim help"`) {
		t.Errorf("no command: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runCmd(t, "", "evla")
	if code != exitUsage || strings.Count(stderr, "\n") != 3 || !strings.Contains(stderr, `unknown command "evla" (did you mean eval?)`) {
		t.Errorf("an unknown command: exit %d, stderr %q", code, stderr)
	}
}

// TestDidYouMean: a name two edits from a command is suggested; a name
// far from every command is not.
func TestDidYouMean(t *testing.T) {
	for name, want := range map[string]string{"simulat": " (did you mean simulate?)", "who-cna": " (did you mean who-can?)", "frobnicate": ""} {
		if got := didYouMean(name); got != want {
			t.Errorf("didYouMean(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestVersionAndHelpHelp: --version is version; help help and help eval
// (which prints the scenario format shipped in the module) work.
func TestVersionAndHelpHelp(t *testing.T) {
	code, stdout, _ := runCmd(t, "", "--version")
	if code != exitOK || !strings.HasPrefix(stdout, "iamsim ") {
		t.Errorf("--version: %d %q", code, stdout)
	}
	code, stdout, _ = runCmd(t, "", "help", "help")
	if code != exitOK || !strings.HasPrefix(stdout, "usage: iamsim help") {
		t.Errorf("help help: %d %q", code, stdout)
	}
	code, stdout, _ = runCmd(t, "", "help", "eval")
	if code != exitOK || !strings.HasPrefix(stdout, "usage: iamsim eval") || !strings.HasSuffix(stdout, scenario.Format) ||
		!strings.Contains(scenario.Format, "# Scenario files") {
		t.Errorf("help eval: %d, %d bytes, want the usage then scenario/FORMAT.md", code, len(stdout))
	}
}

// TestSimulateTrustPolicyAlone: a service principal assuming a role is
// decided by the trust policy alone, without --policy.
func TestSimulateTrustPolicyAlone(t *testing.T) {
	role := "arn:aws:iam::111111111111:role/app/PhotoReader"
	for _, tc := range []struct{ principal, want string }{
		{"ec2.amazonaws.com", "sts:AssumeRole " + role + " Allow\n"},
		{"lambda.amazonaws.com", "sts:AssumeRole " + role + " ImplicitDeny\n"},
	} {
		code, stdout, stderr := runCmd(t, "", "simulate", "--resource-policy", "../../examples/photos/trust.json",
			"--principal", tc.principal, "--action", "sts:AssumeRole", "--resource", role)
		if code != exitOK || !strings.HasPrefix(stdout, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %q", tc.principal, code, stdout, stderr, tc.want)
		}
	}
	code, _, stderr := runCmd(t, "", "simulate", "--action", "sts:AssumeRole", "--resource", role)
	if code != exitUsage || !strings.Contains(stderr, "no --policy (or --resource-policy") {
		t.Errorf("neither --policy nor --resource-policy: exit %d, %q", code, stderr)
	}
}

// TestSimulateResourceMustBeARN: "photos/cat.jpg" is no resource AWS names.
func TestSimulateResourceMustBeARN(t *testing.T) {
	for _, r := range []string{"photos/cat.jpg", "s3:::photos", ""} {
		code, stdout, stderr := runCmd(t, "", "simulate", "--policy", "../../examples/photos/read-photos.json",
			"--action", "s3:GetObject", "--resource", r)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "is neither an ARN nor *") {
			t.Errorf("--resource %q: exit %d, stdout %q, stderr %q", r, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "", "simulate", "--policy", "../../examples/photos/read-photos.json",
		"--action", "s3:GetObject", "--resource", "*"); code != exitOK {
		t.Errorf("--resource *: exit %d, %q", code, stderr)
	}
}

// TestEvalNamesTheCommandThatFits: a policy or an account export given to
// eval is an error on stderr that names the command that reads it.
func TestEvalNamesTheCommandThatFits(t *testing.T) {
	for file, want := range map[string]string{
		"../../examples/photos/read-photos.json": "holds a policy, not scenarios: iamsim check ../../examples/photos/read-photos.json",
		"../../examples/photos/account.json":     "holds an account export (aws iam get-account-authorization-details), not scenarios: iamsim authorize --account",
	} {
		code, stdout, stderr := runCmd(t, "", "eval", file)
		if code != exitUsage || !strings.Contains(stdout, "error: ") || !strings.Contains(stderr, "iamsim eval: "+file+":") || !strings.Contains(stderr, want) {
			t.Errorf("eval %s: exit %d\nstdout %s\nstderr %s", file, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "", "eval", photosScenarios); code != exitOK || stderr != "" && strings.Contains(stderr, "holds") {
		t.Errorf("eval of a scenario file: exit %d, %q", code, stderr)
	}
}

// TestPlainJSONErrors: a byte order mark and a trailing comma are named in
// plain words by every command that reads the file.
func TestPlainJSONErrors(t *testing.T) {
	dir := t.TempDir()
	bom := filepath.Join(dir, "bom.json")
	comma := filepath.Join(dir, "comma.json")
	if err := os.WriteFile(bom, append([]byte("\uFEFF"), goodPolicy...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(comma, []byte(strings.Replace(goodPolicy, `"arn:aws:s3:::photos/*"`, `"arn:aws:s3:::photos/*",`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", bom}, {"simulate", "--policy", bom, "--action", "s3:GetObject", "--resource", "*"}, {"eval", bom}} {
		_, stdout, stderr := runCmd(t, "", args...)
		if !strings.Contains(stdout+stderr, "byte order mark (BOM)") {
			t.Errorf("%q: stdout %q stderr %q", args, stdout, stderr)
		}
	}
	_, stdout, _ := runCmd(t, "", "check", comma)
	if !strings.Contains(stdout, "comma.json:9:5: ERROR JSON_SYNTAX_ERROR: invalid JSON: a comma before this '}': JSON allows no comma after an object's last member") {
		t.Errorf("check of a trailing comma: %q", stdout)
	}
}

// TestWrongKindHint: each kind of file iamsim reads is told apart, and the
// hint names the command that reads it (check uses it for a scenario).
func TestWrongKindHint(t *testing.T) {
	for file, want := range map[string]string{
		"../../examples/photos/scenario.json":    "holds scenarios, not a policy: iamsim eval ../../examples/photos/scenario.json runs them",
		"../../examples/photos/account.json":     "holds an account export (aws iam get-account-authorization-details), not a policy: iamsim authorize --account",
		"../../examples/photos/overlay.json":     "holds an account overlay, not a policy: give it to iamsim authorize or who-can as --overlay",
		"../../examples/photos/read-photos.json": "",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := wrongKindHint(file, data, holdsPolicy); want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", file, got, want)
		}
	}
	if got := wrongKindHint("x", []byte("not json"), holdsPolicy); got != "" {
		t.Errorf("not JSON: %q", got)
	}
}
