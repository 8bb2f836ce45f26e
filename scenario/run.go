package scenario

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
)

// Run evaluates the scenario. A request that cannot be evaluated gives an
// *Error that points at the request field in the file; a policy that AWS
// would refuse to store in its place (evaluate.Compile fails closed) gives
// an *Error that points at the policy's first refusing defect, with the
// finding's code, wrapping the *evaluate.RefusedError. Neither is ever
// evaluated: what AWS would not store never grants.
func (s *Scenario) Run() (*evaluate.Result, error) {
	res, err := evaluate.Evaluate(s.Policies, s.Request)
	if err == nil {
		return res, nil
	}
	var re *evaluate.RequestError
	if errors.As(err, &re) {
		return nil, s.requestError(re, err)
	}
	var refused *evaluate.RefusedError
	if errors.As(err, &refused) {
		return nil, s.refusedError(refused, err)
	}
	return nil, err
}

// requestError places a RequestError at the request field it names: a
// context key, a Caller field (Caller.Tags at request.caller.tags), or
// the request itself.
func (s *Scenario) requestError(re *evaluate.RequestError, err error) error {
	field := lowerFirst(re.Field)
	if head, rest, ok := strings.Cut(re.Field, "."); ok && head == "Caller" {
		field = "caller." + jsonField(rest)
	}
	for _, f := range []string{field + "." + re.Value, field} {
		if pos, ok := s.fieldPos[f]; ok {
			return &Error{File: s.File, Pos: pos, Path: s.join("request." + f), Msg: re.Msg, Err: err}
		}
	}
	return &Error{File: s.File, Pos: s.fieldPos["request"], Path: s.join("request." + field), Msg: re.Msg, Err: err}
}

// refusedError places a refused policy at its first refusing finding.
func (s *Scenario) refusedError(re *evaluate.RefusedError, err error) error {
	path := s.join(slotPath(re.Type, re.Level, re.Index))
	msg := fmt.Sprintf("AWS would refuse this policy in its place (checked as %s), so it is not evaluated", re.Kind)
	// Without a finding's position (a defect of the whole document) the
	// path alone names the policy.
	e := &Error{File: s.File, Path: path, Msg: msg, Err: err}
	if len(re.Findings) > 0 {
		f := re.Findings[0]
		e.Pos = f.Pos
		if f.Path != "" {
			e.Path += "." + f.Path
		}
		e.Msg += fmt.Sprintf(": %s %s: %s", f.Severity, f.Code, f.Message)
		if len(re.Findings) > 1 {
			e.Msg += fmt.Sprintf(" (and %d more errors)", len(re.Findings)-1)
		}
	}
	if n := countRefused(err); n > 1 {
		e.Msg += fmt.Sprintf(" (and %d more refused policies)", n-1)
	}
	return e
}

// countRefused counts the *evaluate.RefusedError in err, which Compile
// joins with errors.Join when several policies are refused.
func countRefused(err error) int {
	if _, ok := err.(*evaluate.RefusedError); ok {
		return 1
	}
	n := 0
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			n += countRefused(e)
		}
	}
	return n
}

// slotPath is the scenario field of the policy in slot t (see Slots).
func slotPath(t evaluate.PolicyType, level, index int) string {
	i := "[" + strconv.Itoa(index) + "]"
	switch t {
	case evaluate.IdentityPolicy:
		return "identityPolicies" + i
	case evaluate.ResourcePolicy:
		return "resourcePolicy"
	case evaluate.PermissionsBoundary:
		return "permissionsBoundary"
	case evaluate.SessionPolicy:
		return "sessionPolicies" + i
	case evaluate.SCP:
		return "scps[" + strconv.Itoa(level) + "]" + i
	case evaluate.RCP:
		return "rcps[" + strconv.Itoa(level) + "]" + i
	case evaluate.EndpointPolicy:
		return "endpointPolicy"
	}
	return t.String()
}

// join prefixes a path inside the scenario with the scenario's own path
// in its file ("" or "[i]").
func (s *Scenario) join(p string) string {
	if s.path == "" {
		return p
	}
	return s.path + "." + p
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
