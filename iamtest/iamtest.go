// Package iamtest helps users test their own IAM designs inside go test:
// table checks of expected decisions over a set of policies, and runs of
// scenario files. Its functions return what they found rather than failing
// a test themselves, except RunScenarios, which is the one-line way to put
// a folder of scenario files under go test.
package iamtest

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
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
	Want            evaluate.Decision
}

// Request returns the case's request.
func (c Case) Request() evaluate.Request {
	return evaluate.Request{
		Principal:       c.Principal,
		Action:          c.Action,
		Resource:        c.Resource,
		ResourceAccount: c.ResourceAccount,
		Context:         c.Context,
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
		name = fmt.Sprintf("%s %s %s", m.Case.Principal, m.Case.Action, m.Case.Resource)
	}
	return fmt.Sprintf("%s: want %v, got %v: %s", name, m.Case.Want, m.Result.Decision, m.Result)
}

// Check decides every case against the policies and returns the cases that
// got another decision. An error means a case's request is malformed.
func Check(ps evaluate.Policies, cases []Case) ([]Mismatch, error) {
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
				o.Name, o.Want = s.Name, s.Expect
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
// subtest of t, failing each one whose decision differs from its expect.
func RunScenarios(t *testing.T, fsys fs.FS, dir string) {
	t.Helper()
	outcomes, err := CheckScenarios(fsys, dir)
	if err != nil {
		t.Fatalf("iamtest: %v", err)
	}
	if len(outcomes) == 0 {
		t.Fatalf("iamtest: no scenarios under %s", dir)
	}
	for _, o := range outcomes {
		t.Run(path.Base(o.File)+"/"+o.Name, func(t *testing.T) {
			switch {
			case o.Err != nil:
				t.Fatal(o.Err)
			case !o.OK():
				t.Errorf("want %v, got %v\n%s", o.Want, o.Result.Decision, o.Result)
			}
		})
	}
}
