package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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

// evalFiles writes scenario files with a mismatch and with a broken
// scenario between two good ones. allw is the LINE:COL of the broken
// scenario's Effect value "Allw" in three.
func evalFiles(t *testing.T) (dir, mismatch, three, allw string) {
	t.Helper()
	dir = t.TempDir()
	mismatch = writeFile(t, dir, "mismatch.json", scenarioJSON("wrong expectation", "Allow", "ExplicitDeny"))
	threeSrc := "[\n  " +
		scenarioJSON("first", "Allow", "Allow") + ",\n  " +
		scenarioJSON("broken", "Allw", "Allow") + ",\n  " +
		scenarioJSON("third", "Allow", "Allow") + "\n]\n"
	three = writeFile(t, dir, "three.json", threeSrc)
	before := threeSrc[:strings.Index(threeSrc, `"Allw"`)]
	allw = fmt.Sprintf("%d:%d", strings.Count(before, "\n")+1, len(before)-strings.LastIndex(before, "\n"))
	if allw != "37:23" {
		t.Fatalf("test data moved: \"Allw\" is at %s", allw)
	}
	return dir, mismatch, three, allw
}

// TestEvalExitStatus: the exit status and the JSON lines of each case.
func TestEvalExitStatus(t *testing.T) {
	dir, mismatch, three, _ := evalFiles(t)
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
}

// TestEvalErrorOutput: the error of a scenario that cannot be loaded, in
// JSON and in text, and the text of a mismatch and of a usage error.
func TestEvalErrorOutput(t *testing.T) {
	_, mismatch, three, allw := evalFiles(t)
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
