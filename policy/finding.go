package policy

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/errlist"
)

// Severity ranks a Finding in the style of IAM Access Analyzer's policy
// validation. The zero Severity is Error.
type Severity uint8

const (
	// Error: IAM (or the service) rejects the policy, or Access Analyzer reports an ERROR.
	Error Severity = iota
	// SecurityWarning: the policy is accepted but grants more than intended.
	SecurityWarning
	// Warning: the policy is accepted but does not do what it appears to.
	Warning
	// Suggestion: the policy is accepted; it can be written more simply.
	Suggestion
)

var severityNames = [...]string{"ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"}

// String returns the Access Analyzer name: ERROR, SECURITY_WARNING, WARNING or SUGGESTION.
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", s)
}

// MarshalText returns the String form, so JSON output carries the name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the String form.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if n == string(b) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("policy: unknown severity %q", b)
}

// Finding is one defect in a policy document: an error that makes the
// policy invalid, or a warning or suggestion about a policy that AWS accepts.
// A Finding is an error value, so a *Finding can be returned and found with
// errors.As.
type Finding struct {
	Policy   string   `json:"policy"`   // the policy's name (Policy.Name)
	Pos      Position `json:"position"` // where the defect is, in the policy's File; zero for whole-document defects
	Path     string   `json:"path"`     // JSON path, e.g. Statement[1].Condition.StringEquals
	Severity Severity `json:"severity"`
	Code     Code     `json:"code"` // stable, upper case, e.g. INVALID_EFFECT
	Message  string   `json:"message"`
}

// Error formats the finding as "file:line:col: SEVERITY CODE: message",
// naming the policy too when it is not the file ("(policy NAME)" after
// the message), and leaving out what is unknown.
func (f *Finding) Error() string {
	var b strings.Builder
	switch {
	case f.Pos.IsValid() && f.Pos.Filename != "":
		b.WriteString(f.Pos.String() + ":")
	case f.Pos.IsValid():
		if f.Policy != "" {
			b.WriteString(f.Policy + ":")
		}
		b.WriteString(f.Pos.String() + ":")
	case f.Policy != "":
		b.WriteString(f.Policy + ":")
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "%s %s: %s", f.Severity, f.Code, f.Message)
	if f.Pos.Filename != "" && f.Policy != "" && f.Policy != f.Pos.Filename {
		b.WriteString(" (policy " + f.Policy + ")")
	}
	return b.String()
}

// ErrorList is every error found in one or more policy documents, in source
// order. Its zero value is an empty list, ready to use.
type ErrorList []*Finding

// Error prints the first error and how many more there are.
func (l ErrorList) Error() string { return errlist.Summary(l) }

// Err returns nil for an empty list and the list itself otherwise, so that
// "return list.Err()" never returns a non-nil error holding nothing.
func (l ErrorList) Err() error { return errlist.Err(l) }

// Unwrap gives errors.As and errors.Is access to each *Finding.
func (l ErrorList) Unwrap() []error { return errlist.Unwrap(l) }

// sortFindings puts findings in source order, keeping the order of those
// at one offset. (Most lists are empty or hold one finding: they are left
// as they are without a call into the sort.)
func sortFindings(fs []*Finding) {
	if len(fs) > 1 {
		slices.SortStableFunc(fs, func(a, b *Finding) int { return cmp.Compare(a.Pos.Offset, b.Pos.Offset) })
	}
}
