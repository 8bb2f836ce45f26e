// Package evaluate is iamsim's decision engine: given a request and every
// policy AWS weighs for it, it answers Allow, ExplicitDeny or ImplicitDeny
// exactly as the AWS IAM User Guide's "Policy evaluation logic" and
// "Cross-account policy evaluation logic" describe, and explains why.
//
// A PolicySet is compiled once and is safe for concurrent use; a Request is
// prepared once (its context keys folded and their values read as numbers,
// dates, addresses): PolicySet.Prepare reads only what the set's policies
// read, and DecideRequest prepares into a pooled Prepared and decides in one
// call, the path a service pays per request (design.md has its costs).
// PolicySet.Decide then allocates nothing; Explain
// collects every statement that matched, the near misses (statements that
// failed only on a condition, with the clause that failed) and the context
// keys that were missing. The engine is a pure function of its inputs: it
// never reads the clock, and keys AWS derives from time or transport
// (aws:CurrentTime, aws:SecureTransport, aws:SourceIp) are present only
// when the request carries them.
//
// It fails closed. Compile refuses a policy that AWS would refuse to store
// in its place (CompileUnchecked evaluates one on purpose); Prepare refuses
// a context value of the wrong form for a documented global key (an
// aws:SourceIp with a port, say); a zero PolicySet denies. A Request's
// Caller, filled by the role, account and sts packages, is the principal
// as its credentials establish it: the keys it governs cannot come from
// the request's context.
package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// Decision is the answer to a request. The zero Decision is ImplicitDeny,
// so a forgotten answer denies.
type Decision uint8

// The three decisions of the policy evaluation logic.
const (
	ImplicitDeny Decision = iota // no policy allows the request
	Allow                        // allowed
	ExplicitDeny                 // a Deny statement matched
)

// String returns "ImplicitDeny", "Allow" or "ExplicitDeny".
func (d Decision) String() string {
	switch d {
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	case ImplicitDeny:
		return "ImplicitDeny"
	}
	return fmt.Sprintf("Decision(%d)", d)
}

// ParseDecision reads the String form.
func ParseDecision(s string) (Decision, error) {
	switch s {
	case "Allow":
		return Allow, nil
	case "ExplicitDeny":
		return ExplicitDeny, nil
	case "ImplicitDeny":
		return ImplicitDeny, nil
	}
	return ImplicitDeny, fmt.Errorf("evaluate: unknown decision %q (want Allow, ExplicitDeny or ImplicitDeny)", s)
}

// MarshalText returns the String form.
func (d Decision) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the String form.
func (d *Decision) UnmarshalText(b []byte) error {
	v, err := ParseDecision(string(b))
	if err == nil {
		*d = v
	}
	return err
}

// PolicyType is the role a policy plays in a request.
type PolicyType uint8

// The policy types AWS weighs, in the order it weighs them.
const (
	IdentityPolicy PolicyType = iota
	ResourcePolicy
	PermissionsBoundary
	SessionPolicy
	SCP
	RCP
	// EndpointPolicy is the policy of the VPC endpoint the request came
	// through: it must allow the request as well.
	EndpointPolicy
)

// policyTypes holds the facts of each PolicyType: one table, so that a new
// type (or a new fact) is one line.
var policyTypes = [...]struct {
	name   string // the String form
	phrase string // how an explanation names a policy of the type
	// principals: the type's statements name the principals they apply
	// to (Principal or NotPrincipal), so a statement applies only to a
	// caller it names.
	principals bool
	// kinds are the places (policy.Kind) AWS stores a policy of the type
	// in, most permissive first: Compile accepts a policy AWS would store
	// as any of them.
	kinds []policy.Kind
}{
	// An identity policy may be managed or inline; inline policies need
	// no Version, so they come first.
	IdentityPolicy: {"identity", "identity-based policy", false, []policy.Kind{policy.InlineRole, policy.InlineUser, policy.InlineGroup, policy.Identity}},
	// For sts:AssumeRole and the other STS calls on a role, the resource
	// policy is the role's trust policy (../shared/conformance/FORMAT.md).
	ResourcePolicy:      {"resource", "resource-based policy", true, []policy.Kind{policy.Resource, policy.Trust}},
	PermissionsBoundary: {"boundary", "permissions boundary", false, []policy.Kind{policy.Boundary}},
	SessionPolicy:       {"session", "session policy", false, []policy.Kind{policy.Session}},
	SCP:                 {"scp", "service control policy", false, []policy.Kind{policy.SCP}},
	RCP:                 {"rcp", "resource control policy", true, []policy.Kind{policy.RCP}},
	// AWS PrivateLink Guide, "Control access to VPC endpoints using
	// endpoint policies": "An endpoint policy is a resource-based policy
	// that you attach to a VPC endpoint to control which AWS principals
	// can use the endpoint".
	EndpointPolicy: {"endpoint", "VPC endpoint policy", true, []policy.Kind{policy.VPCE}},
}

// String returns identity, resource, boundary, session, scp, rcp or
// endpoint.
func (t PolicyType) String() string {
	if int(t) < len(policyTypes) {
		return policyTypes[t].name
	}
	return fmt.Sprintf("PolicyType(%d)", t)
}

// phrase names the type for a person: "identity-based policy".
func (t PolicyType) phrase() string {
	if int(t) < len(policyTypes) {
		return policyTypes[t].phrase
	}
	return t.String()
}

// Kinds returns the places (policy.Kind) AWS stores a policy of the type
// in, most permissive first: an identity policy is inline or managed, a
// resource policy a resource-based policy or a role trust policy. Nil for
// an unknown type.
func (t PolicyType) Kinds() []policy.Kind {
	if int(t) < len(policyTypes) {
		return append([]policy.Kind(nil), policyTypes[t].kinds...)
	}
	return nil
}

// holdsTrust reports whether a policy of the type may be a role trust
// policy: one of its kinds forbids Resource (policy.Kind.ResourceNeed), as
// a trust policy's statements name the role by having none.
func (t PolicyType) holdsTrust() bool {
	if int(t) >= len(policyTypes) {
		return false
	}
	for _, k := range policyTypes[t].kinds {
		if k.ResourceNeed() == policy.Forbidden {
			return true
		}
	}
	return false
}

// namesPrincipals reports whether statements of the type name the
// principals they apply to.
func (t PolicyType) namesPrincipals() bool {
	return int(t) < len(policyTypes) && policyTypes[t].principals
}

// TypeOf returns the PolicyType of a policy stored as kind k, and false for
// an unknown kind.
func TypeOf(k policy.Kind) (PolicyType, bool) {
	for t, f := range policyTypes {
		for _, fk := range f.kinds {
			if fk == k {
				return PolicyType(t), true
			}
		}
	}
	return 0, false
}

// MarshalText returns the String form.
func (t PolicyType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Stage names the step of the evaluation logic that decided: the policy type
// and, for SCPs and RCPs, the level of the organization (0 is the root),
// or the Rule outside the policies that decided (servicerules.go).
type Stage struct {
	Type  PolicyType
	Level int
	Rule  Rule // NoRule unless a rule decided; then Type is the policy type it limited, if any
}

// String names the stage for a reader: "identity", "resource", "boundary",
// "session", "endpoint", or for SCPs and RCPs where in the organization the
// level is: "SCP level 0, the root", and below it "SCP level N, an OU or
// the account)". The engine gets the levels root first and the member
// account last, but not how many OUs lie between, so below the root it can
// only say which of the two a level is once the caller knows the count
// (package account names the very root, OU or account a policy is
// attached to). When a Rule decided, it is "rule NAME".
func (s Stage) String() string {
	if s.Rule != NoRule {
		return "rule " + s.Rule.String()
	}
	switch s.Type {
	case SCP, RCP:
		if s.Level == 0 {
			return fmt.Sprintf("%s level 0, the root", strings.ToUpper(s.Type.String()))
		}
		return fmt.Sprintf("%s level %d, an OU or the account", strings.ToUpper(s.Type.String()), s.Level)
	}
	return s.Type.String()
}

// MarshalText returns the stable form of JSON output and scripts:
// "identity", "resource", "boundary", "session", "SCP level N" or "RCP
// level N" (0 is the root).
func (s Stage) MarshalText() ([]byte, error) {
	switch s.Type {
	case SCP, RCP:
		return fmt.Appendf(nil, "%s level %d", strings.ToUpper(s.Type.String()), s.Level), nil
	}
	return []byte(s.Type.String()), nil
}
