// Package iamtest helps users test their own IAM designs inside go test:
// table checks of expected decisions over a set of policies, and runs of
// scenario files. Its functions return what they found rather than failing
// a test themselves, except RunScenarios, which is the one-line way to put
// a folder of scenario files under go test.
//
// A test is only as good as its policies: a Deny on s3:DeleteObjekt denies
// nothing, so a test that wants a delete denied would pass for another
// reason or not at all. Check and RunScenarios therefore validate each
// policy for its place (see scenario.Slots) and fail on an ERROR finding,
// naming it as FILE:LINE:COL: ERROR CODE: message, unless the caller opts
// out of that code by name with AllowErrorFindings. RunScenarios logs
// warnings with t.Log (go test -v shows them).
package iamtest

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// Case is one request and the decision it should get.
type Case struct {
	Name            string // optional, for messages
	Principal       string
	Action          string
	Resource        string
	ResourceAccount string
	Context         map[string][]string
	// Caller is the principal as its credentials establish it (the role
	// with its path, its tags, session facts); optional. With a Caller,
	// Principal may be left empty.
	Caller *evaluate.Caller
	Want   evaluate.Decision
}

// Request returns the case's request.
func (c Case) Request() evaluate.Request {
	return evaluate.Request{
		Principal:       c.Principal,
		Action:          c.Action,
		Resource:        c.Resource,
		ResourceAccount: c.ResourceAccount,
		Context:         c.Context,
		Caller:          c.Caller,
	}
}

// Mismatch is a case whose decision differs from the one it wants, with the
// engine's explanation.
type Mismatch struct {
	Case   Case
	Result *evaluate.Result
}

func (m Mismatch) String() string {
	name := m.Case.Name
	if name == "" {
		principal := m.Case.Principal
		if principal == "" && m.Case.Caller != nil {
			principal = m.Case.Caller.ARN
		}
		name = fmt.Sprintf("%s %s %s", principal, m.Case.Action, m.Case.Resource)
	}
	return fmt.Sprintf("%s: want %v, got %v: %s", name, m.Case.Want, m.Result.Decision, m.Result)
}

// Check decides every case against the policies and returns the cases that
// got another decision. An error means a case's request is malformed, or
// (a *FindingsError) that a policy has an ERROR finding for its place that
// opts does not allow; then no case is decided. The resource-based policy
// is validated as a role's trust policy when every case's resource is a
// role, else as a resource policy.
func Check(ps evaluate.Policies, cases []Case, opts ...Option) ([]Mismatch, error) {
	resourceKind := policy.Trust
	for _, c := range cases {
		if scenario.ResourcePolicyKind(c.Resource) != policy.Trust {
			resourceKind = policy.Resource
		}
	}
	var findings []*policy.Finding
	for _, slot := range scenario.Slots(ps, resourceKind) {
		findings = append(findings, slot.Findings()...)
	}
	if err := newOptions(opts).refuse(findings); err != nil {
		return nil, err
	}
	set, err := evaluate.Compile(ps)
	if err != nil {
		return nil, err
	}
	var out []Mismatch
	for i, c := range cases {
		req, err := c.Request().Prepare()
		if err != nil {
			return out, fmt.Errorf("case %d (%s): %w", i, c.Name, err)
		}
		if res := set.Explain(req); res.Decision != c.Want {
			out = append(out, Mismatch{Case: c, Result: res})
		}
	}
	return out, nil
}

// Outcome is the result of one scenario of a file.
type Outcome struct {
	File   string
	Name   string
	Want   evaluate.Decision
	Result *evaluate.Result // nil when Err is set
	Err    error            // the scenario could not be loaded or run
	// Findings are the errors and warnings of the scenario's policies,
	// each validated for its place (Scenario.Findings). OK does not look
	// at them; RunScenarios fails on an ERROR among them.
	Findings []*policy.Finding
}

// OK reports whether the scenario ran and got the decision it expects.
func (o Outcome) OK() bool { return o.Err == nil && o.Result != nil && o.Result.Decision == o.Want }

// CheckScenarios runs every *.json scenario file under dir in fsys (use
// os.DirFS(".") for the working directory) and returns one Outcome per
// scenario, in file order. A scenario without an expect is an error.
func CheckScenarios(fsys fs.FS, dir string) ([]Outcome, error) {
	var out []Outcome
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".json") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for _, e := range scenario.Load(p, data) {
			o := Outcome{File: p, Name: e.Name, Err: e.Err}
			if e.Err == nil {
				s := e.Scenario
				o.Name, o.Want, o.Findings = s.Name, s.Expect, s.Findings()
				if !s.HasExpect {
					o.Err = fmt.Errorf("%s: scenario %q has no expect", p, s.Name)
				} else {
					o.Result, o.Err = s.Run()
				}
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// RunScenarios runs every scenario file under dir (a path on disk) as a
// subtest of t, failing each one whose decision differs from its expect or
// whose policies have an ERROR finding that opts does not allow. Warnings
// and allowed errors are logged.
func RunScenarios(t *testing.T, fsys fs.FS, dir string, opts ...Option) {
	t.Helper()
	o := newOptions(opts)
	outcomes, err := CheckScenarios(fsys, dir)
	if err != nil {
		t.Fatalf("iamtest: %v", err)
	}
	if len(outcomes) == 0 {
		t.Fatalf("iamtest: no scenarios under %s", dir)
	}
	for _, out := range outcomes {
		t.Run(path.Base(out.File)+"/"+out.Name, func(t *testing.T) {
			for _, f := range out.Findings {
				if o.fails(f) {
					t.Errorf("%v\n(iamtest fails a scenario whose policy has an ERROR finding; to evaluate it anyway, pass iamtest.AllowErrorFindings(%q))", f, f.Code)
				} else {
					t.Log(f)
				}
			}
			switch {
			case out.Err != nil:
				t.Fatal(out.Err)
			case !out.OK():
				t.Errorf("want %v, got %v\n%s", out.Want, out.Result.Decision, out.Result)
			}
		})
	}
}
