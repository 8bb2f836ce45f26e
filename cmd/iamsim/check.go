package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/iamsim/iamsim/internal/bounded"

	"github.com/iamsim/iamsim/policy"
)

const checkUsage = `usage: iamsim check [--kind KIND | --resource-type TYPE] [--json] FILE|DIR...

Validates IAM policy files for the place they are attached to and prints
each finding, in file then source order, as
  FILE:LINE:COL: SEVERITY CODE: message
or, for a finding of the whole document,
  FILE: SEVERITY CODE: message
SEVERITY is ERROR, SECURITY_WARNING, WARNING or SUGGESTION. FILE "-" reads
standard input (reported as <stdin>).

A DIR stands for its .json files, at any depth, in lexical order. Each
file is checked for its place: the one --kind or --resource-type names,
for every file; without them, the one its name ends with, NAME.PLACE.json
or PLACE.json (bucket.s3-bucket.json, admin.trust.json, trust.json,
guardrails.scp.json), where PLACE is a KIND or a TYPE's short name; else
an identity policy.

Flags:
  --kind KIND  identity (default: a customer managed policy), inline-user,
               inline-group, inline-role, resource, trust, boundary,
               session, scp, rcp or vpce (a VPC endpoint policy)
  --resource-type TYPE
               the resource a resource policy is attached to, as Access
               Analyzer's ValidatePolicy takes it: AWS::S3::Bucket,
               AWS::S3::AccessPoint, AWS::S3::MultiRegionAccessPoint,
               AWS::S3ObjectLambda::AccessPoint, AWS::DynamoDB::Table,
               AWS::IAM::AssumeRolePolicyDocument, or s3-bucket,
               s3-access-point, s3-multi-region-access-point,
               s3-object-lambda-access-point, dynamodb-table, role-trust;
               adds the checks of actions and ARNs the resource does not
               support (UNSUPPORTED_ACTION_IN_POLICY,
               UNSUPPORTED_RESOURCE_ARN_IN_POLICY)
  --json       print a JSON array of findings:
               {"file","line","column","path","severity","code","message"}
               (line and column are 0 when the finding has no position)

Exit status: 1 if any ERROR was found, 2 on a usage error, a file that
cannot be read, or a DIR that holds no policy to check, else 0.
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
	rtName := fs.String("resource-type", "", "")
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
	var rt policy.ResourceType
	if *rtName != "" {
		if rt, err = policy.ParseResourceType(*rtName); err != nil {
			return usageError(stderr, "check", checkUsage, "unknown --resource-type %q", *rtName)
		}
		if flagSet(fs, "kind") && kind != rt.Kind() {
			return usageError(stderr, "check", checkUsage, "--kind %s does not go with --resource-type %s (a %s policy)", kind, rt, rt.Kind())
		}
		kind = rt.Kind()
	}
	targets, err := checkTargets(files, kind, rt, flagSet(fs, "kind") || rt != "")
	if err != nil {
		fmt.Fprintf(stderr, "iamsim check: %v\n", err)
		return exitUsage
	}

	status := exitOK
	out := []jsonFinding{}
	checked := 0
	for _, t := range targets {
		name, findings, counted, err := checkFile(t, stdin, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "iamsim check: %v\n", err)
			status = exitUsage
			continue
		}
		if !counted {
			continue
		}
		checked++
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
	if checked == 0 && status == exitOK {
		// Every file a folder held was left out (scenarios, exports): no
		// policy was checked, which must not read as "no ERROR found" (nor
		// print the empty list of findings that --json prints for one).
		fmt.Fprintf(stderr, "iamsim check: no policy was checked: the folders hold no policy files\n")
		return exitUsage
	}
	if *asJSON {
		writeJSON(stdout, out)
	}
	return status
}

// checkFile reads and checks one target: its name as reported, its
// findings, and whether it counts as a policy checked (a scenario or an
// export found in a folder does not: its hint goes to stderr). A file too
// large to be a policy gets the finding policy.Check gives such a text,
// without being read whole; err is a file that cannot be read.
func checkFile(t checkTarget, stdin io.Reader, stderr io.Writer) (name string, findings []*policy.Finding, counted bool, err error) {
	name, data, err := readInput(t.path, stdin)
	var tooLarge *bounded.TooLargeError
	if errors.As(err, &tooLarge) {
		return name, []*policy.Finding{{Policy: name, Severity: policy.Error, Code: policy.CodePolicyTooLarge,
			Message: tooLarge.Reason()}}, true, nil
	}
	if err != nil {
		return name, nil, false, err
	}
	if hint := wrongKindHint(name, data, holdsPolicy); hint != "" {
		fmt.Fprintf(stderr, "iamsim check: %s\n", hint)
		if t.fromDir {
			return name, nil, false, nil // a folder may hold scenarios beside its policies
		}
	}
	if t.rt != "" {
		_, findings = policy.CheckResource(name, data, t.rt)
	} else {
		_, findings = policy.Check(name, data, t.kind)
	}
	return name, findings, true, nil
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
