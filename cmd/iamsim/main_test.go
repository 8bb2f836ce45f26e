package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runCmd runs the command line with args and stdin and returns the exit
// status and what it printed.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeFile writes a file in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const photosScenarios = "../../examples/photos/scenario.json"

// badEffectPolicy has an invalid Effect at line 5, column 17.
const badEffectPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allw",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}
`

const goodPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadPhotos",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::photos/*"
    }
  ]
}
`

// warnPolicy is accepted by IAM; Access Analyzer warns at line 10, column 26.
const warnPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::photos",
      "Condition": {
        "NumericLessThanEquals": {
          "s3:max-keys": "abc"
        }
      }
    }
  ]
}
`

func TestRunUsage(t *testing.T) {
	tests := []struct {
		reason     string
		args       []string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{"no command is a usage error", nil, 2, "", "usage: iamsim <command>"},
		{"help prints the usage on stdout", []string{"help"}, 0, "usage: iamsim <command>", ""},
		{"-h prints the usage on stdout", []string{"-h"}, 0, "usage: iamsim <command>", ""},
		{"--help prints the usage on stdout", []string{"--help"}, 0, "usage: iamsim <command>", ""},
		{"help COMMAND prints its usage", []string{"help", "simulate"}, 0, "usage: iamsim simulate", ""},
		{"help of an unknown command is a usage error", []string{"help", "nope"}, 2, "", `unknown command "nope"`},
		{"an unknown command is a usage error", []string{"frobnicate"}, 2, "", `iamsim: unknown command "frobnicate"`},
		{"check -h prints its usage on stdout", []string{"check", "-h"}, 0, "usage: iamsim check", ""},
		{"eval --help prints its usage on stdout", []string{"eval", "--help"}, 0, "usage: iamsim eval", ""},
		{"version prints the version", []string{"version"}, 0, "iamsim ", ""},
		{"version takes no argument", []string{"version", "x"}, 2, "", "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d (%s)\nstderr: %s", tt.args, code, tt.wantCode, tt.reason, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("run(%q) stdout = %q, want it to contain %q", tt.args, stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tt.args, stderr, tt.wantStderr)
			}
			if tt.wantCode == 0 && stderr != "" {
				t.Errorf("run(%q) wrote to stderr on success: %q", tt.args, stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCmd(t, "", "version")
	// A test binary has no module version.
	if diff := cmp.Diff("iamsim devel\n", stdout); code != 0 || diff != "" {
		t.Errorf("version: code %d, output (-want +got):\n%s", code, diff)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.json", badEffectPolicy)
	good := writeFile(t, dir, "good.json", goodPolicy)
	warn := writeFile(t, dir, "warn.json", warnPolicy)
	missing := filepath.Join(dir, "missing.json")
	badLine := regexp.QuoteMeta(bad) + `:5:17: ERROR INVALID_EFFECT: \S.*`
	warnLine := regexp.QuoteMeta(warn) + `:10:26: WARNING TYPE_MISMATCH_NUMBER: \S.*`

	tests := []struct {
		reason     string
		args       []string
		stdin      string
		wantCode   int
		wantLines  []string // regular expressions, one per stdout line
		wantStderr string   // substring
	}{
		{"a valid policy prints nothing", []string{"check", good}, "", 0, nil, ""},
		{"an invalid policy prints FILE:LINE:COL: ERROR CODE: message and exits 1", []string{"check", bad}, "", 1, []string{badLine}, ""},
		{"a warning alone exits 0", []string{"check", warn}, "", 0, []string{warnLine}, ""},
		{"findings come in file order", []string{"check", warn, good, bad}, "", 1, []string{warnLine, badLine}, ""},
		{"flags may follow the files", []string{"check", good, "--kind", "inline-role"}, "", 0, nil, ""},
		{"a single dash flag works too", []string{"check", "-kind=trust", good}, "", 1, []string{
			regexp.QuoteMeta(good) + `:4:5: ERROR MISSING_PRINCIPAL: .*`,
			regexp.QuoteMeta(good) + `:8:7: ERROR UNSUPPORTED_RESOURCE: .*`}, ""},
		{"- reads stdin, reported as <stdin>", []string{"check", "-"}, badEffectPolicy, 1, []string{`<stdin>:5:17: ERROR INVALID_EFFECT: .*`}, ""},
		{"-- ends the flags", []string{"check", "--", good}, "", 0, nil, ""},
		{"no file is a usage error", []string{"check"}, "", 2, nil, "no files"},
		{"an unknown kind is a usage error", []string{"check", "--kind", "bucket", good}, "", 2, nil, `unknown --kind "bucket"`},
		{"an unknown flag is a usage error", []string{"check", "--strict", good}, "", 2, nil, "flag provided but not defined: -strict"},
		{"an unreadable file exits 2 with the OS error", []string{"check", missing, good}, "", 2, nil, "no such file or directory"},
		{"an unreadable file wins over an ERROR", []string{"check", bad, missing}, "", 2, []string{badLine}, "missing.json"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.wantCode, stdout, stderr)
			}
			checkLines(t, stdout, tt.wantLines)
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

// checkLines matches each line of out against a regular expression.
func checkLines(t *testing.T, out string, patterns []string) {
	t.Helper()
	var lines []string
	if out != "" {
		lines = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	}
	if len(lines) != len(patterns) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(patterns), out)
	}
	for i, p := range patterns {
		if !regexp.MustCompile(`^` + p + `$`).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want it to match %q", i+1, lines[i], p)
		}
	}
}

func TestCheckWholeDocumentFinding(t *testing.T) {
	// 6,145 characters not counting white space: one over the managed policy quota.
	resource := "arn:aws:s3:::" + strings.Repeat("a", 6145-len(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"}]}`))
	src := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "` + resource + `"}]}`
	file := writeFile(t, t.TempDir(), "big.json", src)
	code, stdout, _ := runCmd(t, "", "check", file)
	if code != 1 {
		t.Errorf("code = %d, want 1", code)
	}
	checkLines(t, stdout, []string{regexp.QuoteMeta(file) + `: ERROR POLICY_SIZE_EXCEEDED: .*`})
}

func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.json", badEffectPolicy)
	warn := writeFile(t, dir, "warn.json", warnPolicy)
	good := writeFile(t, dir, "good.json", goodPolicy)

	code, stdout, stderr := runCmd(t, "", "check", "--json", warn, good, bad)
	if code != 1 {
		t.Errorf("code = %d, want 1; stderr: %s", code, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, stdout)
	}
	// Messages belong to package policy; check the rest exactly.
	for _, f := range got {
		if m, _ := f["message"].(string); m == "" {
			t.Errorf("finding with no message: %v", f)
		}
		delete(f, "message")
	}
	want := []map[string]any{
		{"file": warn, "line": 10.0, "column": 26.0, "path": "Statement[0].Condition.NumericLessThanEquals.s3:max-keys", "severity": "WARNING", "code": "TYPE_MISMATCH_NUMBER"},
		{"file": bad, "line": 5.0, "column": 17.0, "path": "Statement[0].Effect", "severity": "ERROR", "code": "INVALID_EFFECT"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("check --json (-want +got):\n%s", diff)
	}

	// No findings: an empty array, not null.
	_, stdout, _ = runCmd(t, "", "check", good, "--json")
	if strings.TrimSpace(stdout) != "[]" {
		t.Errorf("check --json of a valid policy = %q, want []", stdout)
	}
}

// evalLine is what the tests read of an eval --json line.
type evalLine struct {
	Name               string           `json:"name"`
	File               string           `json:"file"`
	Index              int              `json:"index"`
	Decision           string           `json:"decision"`
	Expect             *string          `json:"expect"`
	OK                 bool             `json:"ok"`
	Stage              string           `json:"stage"`
	CrossAccount       bool             `json:"crossAccount"`
	Reasons            []map[string]any `json:"reasons"`
	MissingContextKeys []string         `json:"missingContextKeys"`
	Explanation        string           `json:"explanation"`
	Error              *string          `json:"error"`
}

func parseEvalLines(t *testing.T, out string) []evalLine {
	t.Helper()
	var lines []evalLine
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &raw); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, l)
		}
		if _, ok := raw["error"]; !ok {
			for _, k := range []string{"name", "file", "decision", "ok", "stage", "crossAccount", "reasons", "missingContextKeys", "explanation"} {
				if _, ok := raw[k]; !ok {
					t.Errorf("line %d has no %q field: %s", i+1, k, l)
				}
			}
		}
		var e evalLine
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, e)
	}
	return lines
}

func TestEvalPhotos(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "eval", photosScenarios)
	if code != 0 {
		t.Fatalf("eval = %d, want 0\n%s%s", code, stdout, stderr)
	}
	if n := strings.Count(stdout, "\n== "); n != 4 || !strings.HasPrefix(stdout, "== ") {
		t.Errorf("want 5 blocks:\n%s", stdout)
	}
	if n := strings.Count(stdout, " (ok)\n"); n != 5 {
		t.Errorf("want 5 expectations met, got %d:\n%s", n, stdout)
	}
	first := strings.Join([]string{
		"== EC2 role session reads a photo (" + photosScenarios + ")",
		"decision: Allow",
		"expect: Allow (ok)",
	}, "\n") + "\n"
	if !strings.HasPrefix(stdout, first) {
		t.Errorf("first block does not start with\n%s\ngot:\n%s", first, stdout)
	}
	matchLine := regexp.MustCompile(`(?m)^  Allow identity statement 1 "ReadPhotos" at ` + regexp.QuoteMeta(photosScenarios) + `:\d+:\d+$`)
	if !matchLine.MatchString(stdout) {
		t.Errorf("no matched-statement line like %q in\n%s", matchLine, stdout)
	}

	code, stdout, _ = runCmd(t, "", "eval", "--json", photosScenarios)
	if code != 0 {
		t.Fatalf("eval --json = %d, want 0", code)
	}
	lines := parseEvalLines(t, stdout)
	type summary struct {
		Index    int
		Decision string
		OK       bool
	}
	var got []summary
	for _, l := range lines {
		got = append(got, summary{l.Index, l.Decision, l.OK})
		if l.File != photosScenarios || l.Expect == nil || *l.Expect != l.Decision || l.Explanation == "" || l.MissingContextKeys == nil {
			t.Errorf("bad line: %+v", l)
		}
	}
	want := []summary{{0, "Allow", true}, {1, "ImplicitDeny", true}, {2, "Allow", true}, {3, "Allow", true}, {4, "ImplicitDeny", true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("eval --json (-want +got):\n%s", diff)
	}
	if r := lines[0].Reasons; len(r) != 1 || r[0]["sid"] != "ReadPhotos" || r[0]["type"] != "identity" {
		t.Errorf("reasons of the first scenario = %v", r)
	}
	if !lines[4].CrossAccount || lines[4].Stage != "resource" {
		t.Errorf("the other account's user: crossAccount %t stage %q, want true, resource", lines[4].CrossAccount, lines[4].Stage)
	}
}

// scenarioJSON is one scenario with an identity policy that allows
// s3:GetObject; effect replaces its Effect.
func scenarioJSON(name, effect, expect string) string {
	return `{
    "name": "` + name + `",
    "request": {
      "principal": "arn:aws:iam::111111111111:user/alice",
      "action": "s3:GetObject",
      "resource": "arn:aws:s3:::photos/cat.jpg",
      "resourceAccount": "111111111111"
    },
    "identityPolicies": [
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "` + effect + `",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::photos/*"
          }
        ]
      }
    ],
    "expect": "` + expect + `"
  }`
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	mismatch := writeFile(t, dir, "mismatch.json", scenarioJSON("wrong expectation", "Allow", "ExplicitDeny"))
	threeSrc := "[\n  " +
		scenarioJSON("first", "Allow", "Allow") + ",\n  " +
		scenarioJSON("broken", "Allw", "Allow") + ",\n  " +
		scenarioJSON("third", "Allow", "Allow") + "\n]\n"
	three := writeFile(t, dir, "three.json", threeSrc)
	// Where the second scenario's Effect value "Allw" is.
	before := threeSrc[:strings.Index(threeSrc, `"Allw"`)]
	allw := fmt.Sprintf("%d:%d", strings.Count(before, "\n")+1, len(before)-strings.LastIndex(before, "\n"))
	if allw != "37:23" {
		t.Fatalf("test data moved: \"Allw\" is at %s", allw)
	}
	noExpect := writeFile(t, dir, "noexpect.json", strings.Replace(scenarioJSON("no expect", "Allow", "Allow"), `,
    "expect": "Allow"`, "", 1))
	badRequest := writeFile(t, dir, "badreq.json", strings.Replace(scenarioJSON("bad action", "Allow", "Allow"), `"action": "s3:GetObject"`, `"action": "GetObject"`, 1))
	notJSON := writeFile(t, dir, "notjson.json", "{\n  \"name\": \n}\n")

	tests := []struct {
		reason   string
		args     []string
		stdin    string
		wantCode int
		// want: per JSON line, "name decision ok" or "name ERROR"
		want []string
	}{
		{"a decision that differs from expect exits 1", []string{"eval", "--json", mismatch}, "", 1, []string{"wrong expectation Allow false"}},
		{"a bad policy in a list exits 2 and the other scenarios still run", []string{"eval", "--json", three}, "", 2, []string{"first Allow true", "broken ERROR", "third Allow true"}},
		{"2 wins over 1", []string{"eval", "--json", mismatch, three}, "", 2, []string{"wrong expectation Allow false", "first Allow true", "broken ERROR", "third Allow true"}},
		{"a scenario without expect is ok", []string{"eval", "--json", noExpect}, "", 0, []string{"no expect Allow true"}},
		{"a request the engine rejects exits 2", []string{"eval", "--json", badRequest}, "", 2, []string{"bad action ERROR"}},
		{"invalid JSON exits 2", []string{"eval", "--json", notJSON}, "", 2, []string{" ERROR"}},
		{"a missing file exits 2", []string{"eval", "--json", filepath.Join(dir, "nope.json")}, "", 2, []string{" ERROR"}},
		{"- reads stdin", []string{"eval", "-", "--json"}, scenarioJSON("from stdin", "Allow", "Allow"), 0, []string{"from stdin Allow true"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.wantCode, stdout, stderr)
			}
			var got []string
			for _, l := range parseEvalLines(t, stdout) {
				if l.Error != nil {
					got = append(got, l.Name+" ERROR")
					if l.OK {
						t.Errorf("error line with ok true: %+v", l)
					}
					if !strings.Contains(*l.Error, l.File) {
						t.Errorf("error %q does not name the file %q", *l.Error, l.File)
					}
					continue
				}
				got = append(got, strings.Join([]string{l.Name, l.Decision, map[bool]string{true: "true", false: "false"}[l.OK]}, " "))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("run(%q) lines (-want +got):\n%s", tt.args, diff)
			}
		})
	}

	// The error line of the bad policy: its index, name and FILE:LINE:COL.
	_, stdout, _ := runCmd(t, "", "eval", "--json", three)
	lines := parseEvalLines(t, stdout)
	if l := lines[1]; l.Index != 1 || l.Name != "broken" || l.Error == nil ||
		!strings.HasPrefix(*l.Error, three+":"+allw+": [1].identityPolicies[0]: bad policy: ERROR INVALID_EFFECT: ") {
		t.Errorf("error line = %+v, error %q", l, deref(l.Error))
	}

	// Text output of the same file.
	code, stdout, _ := runCmd(t, "", "eval", three)
	if code != 2 {
		t.Errorf("eval (text) = %d, want 2", code)
	}
	wantBlock := "== broken (" + three + ")\nerror: " + three + ":" + allw + ": "
	if !strings.Contains(stdout, wantBlock) {
		t.Errorf("text output lacks %q:\n%s", wantBlock, stdout)
	}
	if strings.Count(stdout, "expect: Allow (ok)\n") != 2 {
		t.Errorf("want the two good scenarios to run:\n%s", stdout)
	}

	code, stdout, _ = runCmd(t, "", "eval", mismatch)
	if code != 1 || !strings.Contains(stdout, "decision: Allow\nexpect: ExplicitDeny (MISMATCH)\n") {
		t.Errorf("eval (text) of a mismatch = %d:\n%s", code, stdout)
	}

	code, _, stderr := runCmd(t, "", "eval")
	if code != 2 || !strings.Contains(stderr, "usage: iamsim eval") {
		t.Errorf("eval with no file = %d, stderr %q", code, stderr)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

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

func TestSimulate(t *testing.T) {
	dir := t.TempDir()
	pol := writeFile(t, dir, "photos.json", simPolicy)
	bad := writeFile(t, dir, "bad.json", badEffectPolicy)
	alice := "arn:aws:s3:::photos/alice/cat.jpg"

	// text: actions outer, resources inner.
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

	// json, with the default principal simulated-user.
	code, stdout, _ = runCmd(t, "", "simulate", "--output", "json", "--policy", pol,
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

	// aws, with the context that satisfies the condition.
	code, stdout, _ = runCmd(t, "", "simulate", "--policy", pol, "--output", "aws", "--principal", "arn:aws:iam::111111111111:user/alice",
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

	// Policy types and SCP levels.
	scp := writeFile(t, dir, "scp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	code, stdout, _ = runCmd(t, "", "simulate", "--policy", pol, "--scp", scp, "--scp", scp, "--boundary", scp, "--output", "aws",
		"--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject", "--resource", alice)
	if code != 0 {
		t.Fatalf("simulate with SCPs = %d", code)
	}
	got = awsResponse{}
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

func TestClosingBrace(t *testing.T) {
	tests := []struct {
		reason string
		src    string
		open   int
		want   int
	}{
		{"an empty object", `{}`, 0, 1},
		{"a nested object", `{"a":{"b":{}}}`, 0, 13},
		{"braces in strings do not count", `{"a":"}{","b":"\"}"}`, 0, 19},
		{"an escaped backslash ends before the quote", `{"a":"\\"}`, 0, 9},
		{"an inner object", `[{"a":1},{"b":{"c":2}}]`, 9, 21},
		{"not at a brace", `{"a":1}`, 1, -1},
		{"out of range", `{}`, 5, -1},
		{"unclosed", `{"a":{}`, 0, -1},
	}
	for _, tt := range tests {
		if got := closingBrace([]byte(tt.src), tt.open); got != tt.want {
			t.Errorf("closingBrace(%q, %d) = %d, want %d (%s)", tt.src, tt.open, got, tt.want, tt.reason)
		}
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		reason   string
		args     []string
		wantPos  []string
		wantKind string
		wantJSON bool
	}{
		{"flags first", []string{"--kind", "trust", "a", "b"}, []string{"a", "b"}, "trust", false},
		{"flags last", []string{"a", "b", "--kind", "trust", "--json"}, []string{"a", "b"}, "trust", true},
		{"flags between", []string{"a", "-json", "b", "--kind=scp"}, []string{"a", "b"}, "scp", true},
		{"- is a file", []string{"-", "--json"}, []string{"-"}, "identity", true},
		{"-- ends the flags", []string{"a", "--", "--json", "-x"}, []string{"a", "--json", "-x"}, "identity", false},
		{"-- as a flag's value is a value", []string{"--kind", "--", "a"}, []string{"a"}, "--", false},
		{"-- after a bool flag ends the flags", []string{"--json", "--", "--kind"}, []string{"--kind"}, "identity", true},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			fs := newFlagSet("check")
			kind := fs.String("kind", "identity", "")
			asJSON := fs.Bool("json", false, "")
			var stdout, stderr bytes.Buffer
			pos, code := parseFlags(fs, tt.args, "usage\n", &stdout, &stderr)
			if code != -1 {
				t.Fatalf("parseFlags(%q) = code %d; %s", tt.args, code, stderr.String())
			}
			if diff := cmp.Diff(tt.wantPos, pos); diff != "" {
				t.Errorf("positional (-want +got):\n%s", diff)
			}
			if *kind != tt.wantKind || *asJSON != tt.wantJSON {
				t.Errorf("kind %q json %t, want %q %t", *kind, *asJSON, tt.wantKind, tt.wantJSON)
			}
		})
	}
}

// Make sure the flag package stays quiet: all reporting is ours.
func TestFlagSetOutput(t *testing.T) {
	fs := newFlagSet("x")
	if fs.ErrorHandling() != flag.ContinueOnError {
		t.Errorf("error handling = %v", fs.ErrorHandling())
	}
	var stdout, stderr bytes.Buffer
	_, code := parseFlags(fs, []string{"--nope"}, "usage: x\n", &stdout, &stderr)
	if code != 2 || stdout.Len() != 0 || stderr.String() != "iamsim x: flag provided but not defined: -nope\n\nusage: x\n" {
		t.Errorf("code %d stdout %q stderr %q", code, stdout.String(), stderr.String())
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
