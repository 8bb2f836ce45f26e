package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/policy"
)

// Result is a decision with its reasons.
type Result struct {
	Decision     Decision `json:"decision"`
	Stage        Stage    `json:"stage"` // the step of the evaluation logic that decided
	Principal    string   `json:"principal"`
	Action       string   `json:"action"`
	Resource     string   `json:"resource"`
	CrossAccount bool     `json:"crossAccount"`
	// Matched lists every statement whose action, resource, principal and
	// conditions matched the request, in evaluation order.
	Matched []Match `json:"matched"`
	// MissingContextKeys lists the context keys that conditions looked
	// for and did not find, spelled as the policy spells them.
	MissingContextKeys []string `json:"missingContextKeys"`
	// NearMisses lists every statement that matched the action, resource
	// and principal but whose condition failed, with the clause that
	// failed, in evaluation order.
	NearMisses []NearMiss `json:"nearMisses,omitempty"`
	// Rules lists the rules AWS applies around the policies that shaped
	// the answer (servicerules.go): the one that decided (Stage.Rule), and
	// those that changed which policies apply or are needed.
	Rules []Rule `json:"rules,omitempty"`
	// SCPLevels and RCPLevels are how many levels of SCPs and RCPs the
	// request was weighed against (root first, the account last), so that
	// an explanation can say which level is the root, an OU or the account.
	SCPLevels int `json:"scpLevels,omitempty"`
	RCPLevels int `json:"rcpLevels,omitempty"`
}

// OrgLevel names level i of n levels of an organization's SCPs or RCPs,
// which Policies lists root first and the account last (AWS Organizations
// User Guide, "Inheritance for service control policies"): "root" for
// level 0, "account" for the last of two or more, "OU" between them.
func OrgLevel(i, n int) string {
	switch {
	case i == 0:
		return "root"
	case i == n-1:
		return "account"
	}
	return "OU"
}

// orgPlace says where level i of n is attached, for a sentence: "the
// root (level 0)", "an OU (level 1)", "the account (level 2)"; "level i"
// when n is not known.
func orgPlace(i, n int) string {
	if i >= n {
		return fmt.Sprintf("level %d", i)
	}
	switch OrgLevel(i, n) {
	case "root":
		return fmt.Sprintf("the root (level %d)", i)
	case "account":
		return fmt.Sprintf("the account (level %d)", i)
	}
	return fmt.Sprintf("an OU (level %d)", i)
}

// levels returns how many levels of the type t the result was weighed
// against.
func (r *Result) levels(t PolicyType) int {
	if t == RCP {
		return r.RCPLevels
	}
	return r.SCPLevels
}

// Match is one statement that matched the request.
type Match struct {
	Policy    string          `json:"policy"` // the policy's name
	Type      PolicyType      `json:"type"`
	Level     int             `json:"level,omitempty"` // SCP and RCP levels
	Statement int             `json:"statement"`       // index in the Statement list, from 0
	Sid       string          `json:"sid,omitempty"`
	Effect    policy.Effect   `json:"effect"`
	Position  policy.Position `json:"position"` // of the statement's opening brace
	// Grant says how a resource-based policy's Principal named the caller:
	// "principal" (the caller itself, or "*"), "role" (the role of the
	// caller's session) or "account" (the caller's account).
	Grant string `json:"grant,omitempty"`
}

func newMatch(pol *policy.Policy, r *policy.Rule, typ PolicyType, level int, principal bool, g grant) Match {
	m := Match{
		Policy:    pol.Name(),
		Type:      typ,
		Level:     level,
		Statement: r.Index(),
		Sid:       r.Sid(),
		Effect:    r.Effect(),
		Position:  pol.Position(r.Offset()),
	}
	if principal && typ == ResourcePolicy {
		m.Grant = g.String()
	}
	return m
}

// Where returns "name:line:col" of the statement, or the name alone when
// the policy has no position.
func (m Match) Where() string {
	if m.Position.IsValid() {
		return fmt.Sprintf("%s:%d:%d", m.Policy, m.Position.Line, m.Position.Column)
	}
	return m.Policy
}

// describe names the statement for a person: its Sid or index, and place.
// trust says the resource policy is a role's trust policy.
func (m Match) describe(trust bool, levels int) string {
	name := fmt.Sprintf("statement %d", m.Statement)
	if m.Sid != "" {
		name = fmt.Sprintf("statement %q", m.Sid)
	}
	return fmt.Sprintf("%s of the %s (%s)", name, typePhrase(m.Type, m.Level, levels, trust), m.Where())
}

// typePhrase names a policy type; the resource-based policy of a role
// assumption is the role's trust policy.
func typePhrase(t PolicyType, level, levels int, trust bool) string {
	switch {
	case t == ResourcePolicy && trust:
		return "role trust policy"
	case t == SCP || t == RCP:
		return fmt.Sprintf("%s attached to %s", t.phrase(), orgPlace(level, levels))
	}
	return t.phrase()
}

// String explains the decision in one paragraph, in the spirit of AWS's
// access-denied messages.
//
// A nil Result prints "<nil>", a zero one says no request was evaluated.
func (r *Result) String() string {
	if r == nil {
		return "<nil>"
	}
	if r.Principal == "" && r.Action == "" && r.Resource == "" && r.Decision == ImplicitDeny && len(r.Matched) == 0 {
		return "ImplicitDeny: no request was evaluated."
	}
	var b strings.Builder
	trust := isRoleAssumption(compiled.FoldAction(r.Action))
	who := fmt.Sprintf("%s to perform %s on %s", r.Principal, r.Action, r.Resource)
	switch {
	case r.Stage.Rule != NoRule && r.Decision == Allow:
		fmt.Fprintf(&b, "Allow: %s is allowed because %s.", who, r.Stage.Rule.sentence())
	case r.Decision == Allow:
		fmt.Fprintf(&b, "Allow: %s is allowed", who)
		var allows []string
		for _, m := range r.Matched {
			if m.Effect == policy.Allow && (m.Type == IdentityPolicy || m.Type == ResourcePolicy) {
				allows = append(allows, m.describe(trust, r.levels(m.Type)))
			}
		}
		if len(allows) > 0 {
			fmt.Fprintf(&b, " by %s", strings.Join(allows, " and "))
		}
		if r.CrossAccount {
			b.WriteString("; the request is cross-account, and both the identity side and the resource-based policy allow it")
		}
		b.WriteByte('.')
	case r.Decision == ExplicitDeny:
		fmt.Fprintf(&b, "ExplicitDeny: %s is denied", who)
		var denies []string
		for _, m := range r.Matched {
			if m.Effect == policy.Deny {
				denies = append(denies, m.describe(trust, r.levels(m.Type)))
			}
		}
		if len(denies) > 0 {
			fmt.Fprintf(&b, " with an explicit deny in %s", strings.Join(denies, " and "))
		} else {
			fmt.Fprintf(&b, " with an explicit deny in a %s", typePhrase(r.Stage.Type, r.Stage.Level, r.levels(r.Stage.Type), trust))
		}
		b.WriteByte('.')
	default:
		fmt.Fprintf(&b, "ImplicitDeny: %s is not authorized because %s.", who, r.gap(trust))
		r.nearMisses(&b, trust)
	}
	for _, rule := range r.Rules {
		if rule != r.Stage.Rule {
			fmt.Fprintf(&b, " Note: %s.", rule.sentence())
		}
	}
	if len(r.MissingContextKeys) > 0 {
		fmt.Fprintf(&b, " Conditions looked for context keys the request does not have: %s.", strings.Join(r.MissingContextKeys, ", "))
	}
	return b.String()
}

// nearMisses names, for an implicit deny, the Allow statements that
// failed only on a condition, and the clause that failed.
func (r *Result) nearMisses(b *strings.Builder, trust bool) {
	var misses []string
	for _, n := range r.NearMisses {
		if n.Effect == policy.Allow {
			misses = append(misses, fmt.Sprintf("%s, whose condition %s", n.describe(trust, r.levels(n.Type)), n.String()))
		}
	}
	switch len(misses) {
	case 0:
		return
	case 1:
		b.WriteString(" It would have been allowed by ")
	default:
		b.WriteString(" It would have been allowed by any of ")
	}
	b.WriteString(strings.Join(misses, "; "))
	b.WriteByte('.')
}

// gap says what failed to allow, for an implicit deny.
func (r *Result) gap(trust bool) string {
	action := r.Action
	if r.Stage.Rule != NoRule {
		return r.Stage.Rule.sentence()
	}
	switch r.Stage.Type {
	case EndpointPolicy:
		return fmt.Sprintf("the VPC endpoint policy of the endpoint the request came through does not allow the %s action for this principal", action)
	case ResourcePolicy:
		if trust {
			return fmt.Sprintf("the role's trust policy does not allow this principal the %s action", action)
		}
		if r.CrossAccount {
			return fmt.Sprintf("the request is cross-account and no resource-based policy allows the %s action for this principal", action)
		}
		return fmt.Sprintf("no resource-based policy allows the %s action for this principal", action)
	case PermissionsBoundary:
		return fmt.Sprintf("no permissions boundary allows the %s action", action)
	case SessionPolicy:
		return fmt.Sprintf("no session policy allows the %s action", action)
	case SCP:
		return fmt.Sprintf("no service control policy attached to %s allows the %s action", orgPlace(r.Stage.Level, r.SCPLevels), action)
	case RCP:
		return fmt.Sprintf("no resource control policy attached to %s allows the %s action", orgPlace(r.Stage.Level, r.RCPLevels), action)
	}
	return fmt.Sprintf("no identity-based policy allows the %s action", action)
}
