package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

const evalUsage = `usage: iamsim eval [--json] FILE...

Runs scenario files: each FILE holds one scenario or a JSON array of them
(the format of scenario/FORMAT.md in the iamsim module: that of the shared
conformance suite, with an optional request.caller). FILE "-" reads
standard input (reported as <stdin>). For each scenario, in input order,
it prints
  == NAME (FILE)
  decision: DECISION
  expect: EXPECT (ok|MISMATCH)        when the scenario has an expect
  the explanation, one paragraph
    EFFECT TYPE statement N "SID" at FILE:LINE:COL   one per matched statement
  missing context keys: KEY, ...      when conditions looked for absent keys
and for a scenario that cannot be loaded or run
  == NAME (FILE)
  error: FILE:LINE:COL: ...
the error also going to standard error, with the command that fits a file
that holds no scenarios (a policy: iamsim check; an account export:
iamsim authorize). "iamsim help eval" prints the scenario format after
this help.

The findings of each scenario's policies, validated for the place each is
in (identityPolicies as inline identity policies, resourcePolicy as the
role's trust policy when the resource is a role and as a resource policy
otherwise, permissionsBoundary, sessionPolicies, scps and rcps as such),
go to standard error as
  FILE:LINE:COL: SEVERITY CODE: message
errors and warnings only (iamsim check lists suggestions too). An ERROR
such as INVALID_ACTION (an action the catalog does not know: a Deny on
s3:DeleteObjekt denies nothing) does not change the decision or the exit
status: AWS stores such a policy.

Flags:
  --json  print one JSON object per line per scenario, in input order:
          {"name","file","index","decision","expect","ok","stage",
           "crossAccount","reasons","missingContextKeys","explanation",
           "findings",...}
          or, for a scenario that cannot be loaded or run,
          {"name","file","index","ok":false,"error","findings"}
          where findings (in place of standard error) is a list of
          {"file","line","column","path","severity","code","message"}, path
          the JSON path in the scenario file ([1].identityPolicies[0].Statement[0].Action);
          findings is left out of an error line of a scenario that did not load

A scenario whose policy AWS would refuse to store in its place (an
identity policy with a Principal or without Resource, say) is not run: its
error names the refusing defect, FILE:LINE:COL: PATH: ... ERROR CODE: ...

Exit status: 2 if any scenario cannot be loaded or run, else 1 if any
decision differs from its expect, else 0.
`

// evalResult is one scenario's line in eval --json output.
type evalResult struct {
	Name               string            `json:"name"`
	File               string            `json:"file"`
	Index              int               `json:"index"`
	Source             string            `json:"source,omitempty"`
	Principal          string            `json:"principal"`
	Action             string            `json:"action"`
	Resource           string            `json:"resource"`
	Decision           evaluate.Decision `json:"decision"`
	Expect             string            `json:"expect,omitempty"`
	OK                 bool              `json:"ok"`
	Stage              evaluate.Stage    `json:"stage"`
	CrossAccount       bool              `json:"crossAccount"`
	Reasons            []evaluate.Match  `json:"reasons"`
	MissingContextKeys []string          `json:"missingContextKeys"`
	Explanation        string            `json:"explanation"`
	Findings           []jsonFinding     `json:"findings"`
}

// evalError is the line of a scenario that could not be loaded or run.
type evalError struct {
	Name     string        `json:"name,omitempty"`
	File     string        `json:"file"`
	Index    int           `json:"index"`
	OK       bool          `json:"ok"` // always false
	Error    string        `json:"error"`
	Findings []jsonFinding `json:"findings,omitempty"` // of a scenario that loaded but did not run
}

func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("eval")
	asJSON := fs.Bool("json", false, "")
	files, code := parseFlags(fs, args, evalUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(files) == 0 {
		return usageError(stderr, "eval", evalUsage, "no scenario files")
	}
	r := &evalRun{stdout: stdout, stderr: stderr, asJSON: *asJSON, enc: json.NewEncoder(stdout)}
	r.enc.SetEscapeHTML(false)
	for _, path := range files {
		r.file(path, stdin)
	}
	return r.status()
}

// evalRun is one run of iamsim eval: where it prints, and what it has met
// so far, which decides the exit status.
type evalRun struct {
	stdout, stderr io.Writer
	asJSON         bool
	enc            *json.Encoder
	printed        bool // a text block was printed: the next one needs a blank line
	mismatch       bool // a decision differed from its expect
	failed         bool // a scenario could not be loaded or run
}

// status is the exit status: 2 if any scenario failed, else 1 if any
// mismatched, else 0.
func (r *evalRun) status() int {
	switch {
	case r.failed:
		return exitUsage
	case r.mismatch:
		return exitFail
	}
	return exitOK
}

// file runs every scenario of one file, in file order.
func (r *evalRun) file(path string, stdin io.Reader) {
	file, data, entries, err := loadScenarios(path, stdin)
	if err != nil {
		r.fail("", file, 0, err.Error())
		return
	}
	defer r.hintIfWrongKind(file, data, entries)
	for _, e := range entries {
		if e.Err != nil {
			r.fail(e.Name, file, e.Index, e.Err.Error())
			continue
		}
		r.scenario(file, e.Scenario)
	}
}

// scenario runs one loaded scenario and prints its block or JSON line.
func (r *evalRun) scenario(file string, s *scenario.Scenario) {
	findings := s.Findings()
	if !r.asJSON {
		for _, f := range findings {
			fmt.Fprintln(r.stderr, f.Error())
		}
	}
	res, err := s.Run()
	if err != nil {
		r.failWith(s.Name, file, s.Index, runErrorText(file, err), findings)
		return
	}
	ok := !s.HasExpect || res.Decision == s.Expect
	if !ok {
		r.mismatch = true
	}
	if r.asJSON {
		line := evalResult{
			Name: s.Name, File: file, Index: s.Index, Source: s.Source,
			Principal: res.Principal, Action: res.Action, Resource: res.Resource,
			Decision: res.Decision, OK: ok, Stage: res.Stage, CrossAccount: res.CrossAccount,
			Reasons: nonNil(res.Matched), MissingContextKeys: nonNil(res.MissingContextKeys),
			Explanation: res.String(), Findings: jsonFindings(file, findings),
		}
		if s.HasExpect {
			line.Expect = s.Expect.String()
		}
		r.emit(line)
		return
	}
	r.block(s.Name, s.Index, file)
	fmt.Fprintf(r.stdout, "decision: %s\n", res.Decision)
	if s.HasExpect {
		verdict := "ok"
		if !ok {
			verdict = "MISMATCH"
		}
		fmt.Fprintf(r.stdout, "expect: %s (%s)\n", s.Expect, verdict)
	}
	fmt.Fprintln(r.stdout, res.String())
	for _, m := range res.Matched {
		fmt.Fprintf(r.stdout, "  %s\n", matchLine(m, levels(s.Policies, m.Type)))
	}
	if len(res.MissingContextKeys) > 0 {
		fmt.Fprintf(r.stdout, "missing context keys: %s\n", strings.Join(res.MissingContextKeys, ", "))
	}
}

// hintIfWrongKind names the command that fits a file that is not a
// scenario file (a policy, an account export …), after its errors.
func (r *evalRun) hintIfWrongKind(file string, data []byte, entries []scenario.Entry) {
	for _, e := range entries {
		if e.Err != nil {
			if hint := wrongKindHint(file, data, holdsScenario); hint != "" {
				fmt.Fprintf(r.stderr, "iamsim eval: %s\n", hint)
			}
			return
		}
	}
}

// fail reports a scenario that could not be loaded or run.
func (r *evalRun) fail(name, file string, index int, msg string) {
	r.failWith(name, file, index, msg, nil)
}

// failWith reports a scenario that loaded but could not be run, with the
// findings of its policies (already printed to stderr in text mode).
func (r *evalRun) failWith(name, file string, index int, msg string, findings []*policy.Finding) {
	r.failed = true
	if r.asJSON {
		line := evalError{Name: name, File: file, Index: index, Error: msg}
		if len(findings) > 0 {
			line.Findings = jsonFindings(file, findings)
		}
		r.emit(line)
		return
	}
	r.block(name, index, file)
	fmt.Fprintf(r.stdout, "error: %s\n", msg)
	fmt.Fprintf(r.stderr, "iamsim eval: %s\n", msg)
}

// block starts a scenario's text block: "== NAME (FILE)", after a blank
// line when it is not the first.
func (r *evalRun) block(name string, index int, file string) {
	if r.printed {
		fmt.Fprintln(r.stdout)
	}
	r.printed = true
	if name == "" {
		name = fmt.Sprintf("scenario %d", index)
	}
	fmt.Fprintf(r.stdout, "== %s (%s)\n", name, file)
}

// emit prints one JSON line.
func (r *evalRun) emit(v any) {
	if err := r.enc.Encode(v); err != nil {
		panic(err) // only our own types reach here; they always encode
	}
}

// loadScenarios reads the scenarios of a file, or of stdin for "-", at
// most scenario.MaxFileBytes, as scenario.Read does. It returns the name to
// report the file under, and the file's text.
func loadScenarios(path string, stdin io.Reader) (string, []byte, []scenario.Entry, error) {
	name, data, err := readBounded(path, stdin, scenario.MaxFileBytes)
	if err != nil {
		return name, nil, nil, err
	}
	return name, data, scenario.Load(name, data), nil
}

// runErrorText gives a scenario's evaluation error its file, as the
// errors of scenario.Load have it. (The scenario's index is on the line.)
func runErrorText(file string, err error) string {
	if strings.HasPrefix(err.Error(), file+":") {
		return err.Error()
	}
	return fmt.Sprintf("%s: %v", file, err)
}

// matchLine describes a matched statement:
// EFFECT TYPE statement N "SID" at FILE:LINE:COL, where an SCP's or RCP's
// TYPE is "scp level N (WHERE)": the root, an OU or the account, as the
// scenario lists its levels (root first, the account last); levels is
// how many the scenario has of the statement's type.
func matchLine(m evaluate.Match, levels int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", m.Effect, m.Type)
	if m.Type == evaluate.SCP || m.Type == evaluate.RCP {
		fmt.Fprintf(&b, " level %d (%s)", m.Level, evaluate.OrgLevel(m.Level, levels))
	}
	fmt.Fprintf(&b, " statement %d", m.Statement)
	if m.Sid != "" {
		fmt.Fprintf(&b, " %q", m.Sid)
	}
	where := m.Policy
	if m.Position.IsValid() {
		where = m.Position.String() // FILE:LINE:COL of the policy's file
	}
	fmt.Fprintf(&b, " at %s", where)
	return b.String()
}

// levels is the number of organization levels of a policy type.
func levels(ps evaluate.Policies, t evaluate.PolicyType) int {
	switch t {
	case evaluate.SCP:
		return len(ps.SCPs)
	case evaluate.RCP:
		return len(ps.RCPs)
	}
	return 0
}

// nonNil turns a nil slice into an empty one, so that JSON shows [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
