package account

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/errlist"
	"github.com/iamsim/iamsim/policy"
)

// Error is one defect of the accounts being built or loaded: where it is
// (file, JSON path, line:column; or, for values built in Go, a path such
// as User[111111111111/alice].Groups[0]) and what is wrong. For a policy
// AWS would refuse to store in its place, Findings holds the policy's own
// errors.
type Error struct {
	Origin
	Msg      string
	Findings policy.ErrorList
	// Kind is the class of the defect, for errors.Is, when it has one:
	// ErrOrganization, ErrPolicyTooLarge; nil otherwise.
	Kind error
}

// The classes of defect a caller can test for with errors.Is on a load or
// build error.
var (
	// ErrOrganization: the accounts loaded contradict the organization,
	// or leave open whether an account is in it (README, "Account
	// overlays"): SCPs and RCPs would otherwise silently not apply.
	ErrOrganization = errors.New("account: the accounts contradict the organization")
	// ErrPolicyTooLarge: a resource-based policy is over a quota of the
	// service that stores it (its size, its statements, the actions of a
	// statement), so that service never stored it.
	ErrPolicyTooLarge = errors.New("account: a resource-based policy is over its service's quota")
)

// Error formats the defect as "file:line:col: path: msg", leaving out what
// is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Pos.IsValid() {
			fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Column)
		}
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	for _, f := range e.Findings {
		b.WriteString("\n\t")
		b.WriteString(f.Error())
	}
	return b.String()
}

// Unwrap gives errors.Is access to the defect's Kind and errors.As access
// to the policy findings.
func (e *Error) Unwrap() []error {
	var out []error
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if err := e.Findings.Err(); err != nil {
		out = append(out, err)
	}
	return out
}

// ErrorList is every defect found, in the order found. Its zero value is
// empty and ready to use.
type ErrorList []*Error

// Error prints every defect, one per line: a load error is read by a person
// fixing a file, who wants them all.
func (l ErrorList) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list and the list otherwise.
func (l ErrorList) Err() error { return errlist.Err(l) }

// Unwrap gives errors.As access to each *Error.
func (l ErrorList) Unwrap() []error { return errlist.Unwrap(l) }

func (l *ErrorList) add(o Origin, sub, msg string, findings policy.ErrorList) {
	l.addKind(o, sub, msg, findings, nil)
}

// addKind is add with the defect's class.
func (l *ErrorList) addKind(o Origin, sub, msg string, findings policy.ErrorList, kind error) {
	if sub != "" {
		if o.Path != "" && !strings.HasPrefix(sub, "[") {
			o.Path += "."
		}
		o.Path += sub
	}
	*l = append(*l, &Error{Origin: o, Msg: msg, Findings: findings, Kind: kind})
}
