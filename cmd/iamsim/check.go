package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/iamsim/iamsim/policy"
)

const checkUsage = `usage: iamsim check [--kind KIND] [--json] FILE...

Validates IAM policy files for the place they are attached to and prints
each finding, in file then source order, as
  FILE:LINE:COL: SEVERITY CODE: message
or, for a finding of the whole document,
  FILE: SEVERITY CODE: message
SEVERITY is ERROR, SECURITY_WARNING, WARNING or SUGGESTION. FILE "-" reads
standard input (reported as <stdin>).

Flags:
  --kind KIND  identity (default: a customer managed policy), inline-user,
               inline-group, inline-role, resource, trust, boundary,
               session, scp, rcp or vpce (a VPC endpoint policy)
  --json       print a JSON array of findings:
               {"file","line","column","path","severity","code","message"}
               (line and column are 0 when the finding has no position)

Exit status: 1 if any ERROR was found, 2 on a usage error or a file that
cannot be read, else 0.
`

// jsonFinding is one finding in JSON output: check --json, and the
// "findings" of eval --json and simulate --output json.
type jsonFinding struct {
	File     string          `json:"file"`
	Line     int             `json:"line"`
	Column   int             `json:"column"`
	Path     string          `json:"path"`
	Severity policy.Severity `json:"severity"`
	Code     string          `json:"code"`
	Message  string          `json:"message"`
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("check")
	kindName := fs.String("kind", "identity", "")
	asJSON := fs.Bool("json", false, "")
	files, code := parseFlags(fs, args, checkUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	kind, err := policy.ParseKind(*kindName)
	if err != nil {
		return usageError(stderr, "check", checkUsage, "unknown --kind %q (want identity, inline-user, inline-group, inline-role, resource, trust, boundary, session, scp, rcp or vpce)", *kindName)
	}
	if len(files) == 0 {
		return usageError(stderr, "check", checkUsage, "no files to check")
	}

	status := exitOK
	out := []jsonFinding{}
	for _, path := range files {
		name, data, err := readInput(path, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "iamsim check: %v\n", err)
			status = exitUsage
			continue
		}
		if hint := wrongKindHint(name, data, holdsPolicy); hint != "" {
			fmt.Fprintf(stderr, "iamsim check: %s\n", hint)
		}
		_, findings := policy.Check(name, data, kind)
		for _, f := range findings {
			if f.Severity == policy.Error && status == exitOK {
				status = exitFail
			}
			if *asJSON {
				out = append(out, newJSONFinding(name, f))
				continue
			}
			fmt.Fprintln(stdout, f.Error())
		}
	}
	if *asJSON {
		writeJSON(stdout, out)
	}
	return status
}

// newJSONFinding converts a finding of a policy in file.
func newJSONFinding(file string, f *policy.Finding) jsonFinding {
	return jsonFinding{
		File: file, Line: f.Pos.Line, Column: f.Pos.Column, Path: f.Path,
		Severity: f.Severity, Code: string(f.Code), Message: f.Message,
	}
}

// jsonFindings converts the findings of policies in file; never nil, so
// that JSON shows [].
func jsonFindings(file string, fs []*policy.Finding) []jsonFinding {
	out := make([]jsonFinding, len(fs))
	for i, f := range fs {
		out[i] = newJSONFinding(file, f)
	}
	return out
}

// writeJSON prints v as indented JSON, without HTML escaping (so <stdin>
// stays readable).
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // only our own types reach here; they always encode
	}
}
