package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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
			regexp.QuoteMeta(good) + `:8:7: ERROR ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: .*`}, ""},
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
	checkLines(t, stdout, []string{regexp.QuoteMeta(file) + `: ERROR POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: .*`})
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
