// Package iamtest tests IAM designs inside go test, in the spirit of
// net/http/httptest and go-cmp: a design is decided by iamsim's engine
// exactly as AWS documents it, and a failure says which request, what it
// wanted, what it got and why, without opening the code.
//
// What is decided is a Target: a set of policies as Go values (Policies),
// accounts loaded from aws iam get-account-authorization-details exports
// or built in Go (Accounts, over an account.Set), or the holder of an STS
// session (Session). Then:
//
//   - Run(t, target, cases) decides a table of Cases, one subtest each.
//     A Case embeds the evaluate.Request it makes and must say what it
//     Wants (Allow, ExplicitDeny, ImplicitDeny, or Denied for either):
//     a forgotten Want is an error, not "expect a deny". Every malformed
//     case fails alone; the others are still decided.
//   - As(t, target, principal).Can(action, resources...) and Cannot read
//     as the design is written: "PhotoReader can s3:GetObject on photos/*,
//     cannot s3:PutObject".
//   - CheckMatrix(t, target, Matrix{...}) checks principals × actions ×
//     resources in one call and fails with a go-cmp diff of the cells that
//     differ and each one's explanation, near misses included.
//   - Golden(t, target, "testdata/NAME.golden", requests) pins decisions
//     and their reasons in a file that go test -update rewrites (iamtest
//     defines the -update flag; read it with Update).
//   - RunScenarios(t, fsys, dir) runs a folder of scenario files (the
//     format is scenario.Format, which iamsim help eval prints).
//
// Decide and Check return what they found instead of failing a test.
//
// A test is only as good as its policies: a Deny on s3:DeleteObjekt denies
// nothing, so a test that wants a delete denied would pass for another
// reason or not at all. Policies and RunScenarios therefore validate each
// policy for its place (see scenario.Slots) and fail on an ERROR finding,
// naming it as FILE:LINE:COL: ERROR CODE: message, unless the caller opts
// out of that code by name with AllowErrorFindings. RunScenarios logs
// warnings with t.Log (go test -v shows them).
package iamtest

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/bounded"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// Case is one request and the decision it wants. The request is
// embedded: a case reads as the request it makes.
//
//	iamtest.Case{Name: "reader cannot upload", Want: iamtest.Denied, Request: evaluate.Request{
//		Principal: reader, Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/cat.jpg"}}
//
// With a Caller (the principal as its credentials establish it: the role
// with its path, its tags, session facts), Principal may be left empty.
// Resource must be an ARN or "*": a case on anything else fails, as a
// mistyped ARN would otherwise be denied for the wrong reason.
type Case struct {
	Name string // names the subtest; optional (the request names it)
	evaluate.Request
	// Want is what the case wants. It must be set: the zero Want is an
	// error, not "expect a deny".
	Want Want
	// at is where the case was written (FILE:LINE), when known.
	at string
}

// label is the case's name, or its request when it has none.
func (c Case) label() string {
	if c.Name != "" {
		return c.Name
	}
	principal := c.Principal
	if principal == "" && c.Caller != nil {
		principal = c.Caller.ARN
	}
	return fmt.Sprintf("%s %s %s", principal, c.Action, c.Resource)
}

// Mismatch is a case whose decision differs from the one it wants, with the
// engine's explanation.
type Mismatch struct {
	Case   Case
	Result *evaluate.Result
	// Explanation is the explanation of the decision with its near
	// misses, as a reader is shown it.
	Explanation string
}

func (m Mismatch) String() string {
	return fmt.Sprintf("%s: want %v, got %v: %s", m.Case.label(), m.Case.Want, m.Result.Decision, m.Explanation)
}

// CaseError is a case that cannot be decided as written: no Want, or a
// request the engine or the target refuses.
type CaseError struct {
	Index int // in the list of cases
	Case  Case
	Err   error
}

func (e *CaseError) Error() string {
	return fmt.Sprintf("case %d (%s): %v", e.Index, e.Case.label(), e.Err)
}

func (e *CaseError) Unwrap() error { return e.Err }

// Check decides every case against the policies and returns the cases that
// got another decision. It is Decide over Policies(ps).
func Check(ps evaluate.Policies, cases []Case, opts ...Option) ([]Mismatch, error) {
	return Decide(Policies(ps), cases, opts...)
}

// Decide decides every case against the target and returns the cases that
// got another decision. The error is a *FindingsError when a policy has an
// ERROR finding for its place that opts does not allow (then no case is
// decided), or the *CaseError of every malformed case, joined (errors.Join):
// the well-formed cases are still decided.
func Decide(target Target, cases []Case, opts ...Option) ([]Mismatch, error) {
	if len(cases) == 0 {
		return nil, errors.New("iamtest: no cases: an empty table tests nothing")
	}
	o := newOptions(opts)
	if err := target.prepareCases(cases, o); err != nil {
		return nil, err
	}
	var out []Mismatch
	var errs []error
	for i, c := range cases {
		res, text, err := decideCase(target, c)
		if err != nil {
			errs = append(errs, &CaseError{Index: i, Case: c, Err: err})
			continue
		}
		if !c.Want.Matches(res.Decision) {
			out = append(out, Mismatch{Case: c, Result: res, Explanation: explanation(res, text)})
		}
	}
	return out, errors.Join(errs...)
}

// decideCase checks that a case says what it wants, and decides it.
func decideCase(target Target, c Case) (*evaluate.Result, string, error) {
	if c.Want == 0 {
		return nil, "", errors.New(errNoWant)
	}
	if c.Want > Denied {
		return nil, "", fmt.Errorf("Want(%d) is no decision", uint8(c.Want))
	}
	if err := checkResource(c.Resource); err != nil {
		return nil, "", err
	}
	return target.decideOne(c)
}

// checkResource refuses a case's resource that is neither an ARN nor "*":
// a request names its resource by ARN (IAM User Guide, "IAM JSON policy
// elements: Resource"), and a mistyped one (arn:aws:s3::photos, a colon
// short) matches no Allow, so that a Cannot would pass for the wrong
// reason. iamsim simulate refuses such a --resource too.
func checkResource(r string) error {
	if r == "*" {
		return nil
	}
	if _, err := arn.Parse(r); err != nil {
		return fmt.Errorf("the case's Resource %q is neither an ARN nor *: %v (an S3 object is arn:aws:s3:::BUCKET/KEY)", r, err)
	}
	return nil
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
		data, err := readScenarioFile(fsys, p)
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

// readScenarioFile reads a scenario file of at most scenario.MaxFileBytes,
// as scenario.Read does: fs.ReadFile would read any file whole, however
// large (a device, a runaway generated file).
func readScenarioFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return bounded.Read(name, f, scenario.MaxFileBytes)
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
				t.Errorf("%s, scenario %q: want %v, got %v\n%s", out.File, out.Name, out.Want, out.Result.Decision,
					indentWhy(explanation(out.Result, out.Result.String())))
			}
		})
	}
}
