package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
