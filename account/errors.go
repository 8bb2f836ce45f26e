package account

import (
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
}

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

// Unwrap gives errors.As access to the policy findings.
func (e *Error) Unwrap() error { return e.Findings.Err() }

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
	if sub != "" {
		if o.Path != "" && !strings.HasPrefix(sub, "[") {
			o.Path += "."
		}
		o.Path += sub
	}
	*l = append(*l, &Error{Origin: o, Msg: msg, Findings: findings})
}
