package iamtest

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// Option changes what Check and RunScenarios treat as a failure.
type Option func(*options)

type options struct {
	allowed map[policy.Code]bool // ERROR finding codes the caller opted out of
}

func newOptions(opts []Option) *options {
	o := &options{allowed: map[policy.Code]bool{}}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// AllowErrorFindings lets policies with ERROR findings of the named codes
// (such as policy.CodeInvalidAction, for an action newer than iamsim's
// catalog) be evaluated: Check goes on, and RunScenarios logs them instead
// of failing. Each code must be named: there is no "allow everything".
// It cannot make a policy that AWS would refuse to store in its place
// (MISSING_RESOURCE in an identity policy, say) be evaluated:
// evaluate.Compile refuses it, and the test fails with that error.
func AllowErrorFindings(code policy.Code, more ...policy.Code) Option {
	return func(o *options) {
		o.allowed[code] = true
		for _, c := range more {
			o.allowed[c] = true
		}
	}
}

// fails reports whether a finding fails the test: an ERROR the caller did
// not allow.
func (o *options) fails(f *policy.Finding) bool {
	return f.Severity == policy.Error && !o.allowed[f.Code]
}

// refuse returns a *FindingsError of the findings that fail, or nil.
func (o *options) refuse(findings []*policy.Finding) error {
	var bad []*policy.Finding
	for _, f := range findings {
		if o.fails(f) {
			bad = append(bad, f)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &FindingsError{Findings: bad}
}

// FindingsError is the ERROR findings that kept Check from deciding its
// cases: a policy AWS would refuse in its place, or one that names an
// action iamsim's catalog does not know (whose statement would never
// match, so that a test of it proves nothing).
type FindingsError struct {
	Findings []*policy.Finding
}

func (e *FindingsError) Error() string {
	var b strings.Builder
	b.WriteString("iamtest: the policies have ERROR findings for their places (to evaluate them anyway, pass iamtest.AllowErrorFindings with their codes):")
	for _, f := range e.Findings {
		fmt.Fprintf(&b, "\n\t%v", f)
	}
	return b.String()
}
