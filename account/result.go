package account

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// Result is Authorize's answer with its reasons.
type Result struct {
	Decision evaluate.Decision `json:"decision"`
	Stage    evaluate.Stage    `json:"stage"`
	// Principal is the principal as asked; PrincipalARN the loaded user,
	// role or root it resolved to (aws:PrincipalArn).
	Principal       string `json:"principal"`
	PrincipalARN    string `json:"principalArn"`
	Action          string `json:"action"`
	Resource        string `json:"resource"`
	ResourceAccount string `json:"resourceAccount"`
	CrossAccount    bool   `json:"crossAccount"`
	// Reasons are the statements that matched, in evaluation order.
	Reasons []Reason `json:"reasons"`
	// MissingContextKeys are keys conditions looked for and did not find.
	MissingContextKeys []string `json:"missingContextKeys"`
	// Missing lists managed policies attached to the principal that were
	// in no loaded file (Options.AllowMissingPolicies): the answer leaves
	// them out and may be wrong because of it.
	Missing []string `json:"missingPolicies,omitempty"`
	// Eval is the engine's own result.
	Eval *evaluate.Result `json:"-"`
}

// Reason is one statement that matched, named by what its policy is.
type Reason struct {
	Policy    PolicyRef           `json:"policy"`
	Type      evaluate.PolicyType `json:"type"`
	Level     int                 `json:"level,omitempty"`
	Statement int                 `json:"statement"` // from 0
	Sid       string              `json:"sid,omitempty"`
	Effect    policy.Effect       `json:"effect"`
	// Position is "file:line:col" of the statement's opening brace.
	Position string `json:"position"`
}

// String describes the reason in one line.
func (r Reason) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s by statement %d", r.Effect, r.Statement)
	if r.Sid != "" {
		fmt.Fprintf(&b, " (%q)", r.Sid)
	}
	b.WriteString(" of ")
	b.WriteString(r.Policy.describe())
	fmt.Fprintf(&b, " [%s]", r.Position)
	return b.String()
}

func (p PolicyRef) describe() string {
	switch p.Kind {
	case "managed":
		if p.Owner != "" {
			return "managed policy " + p.Name + " (through group " + p.Owner + ")"
		}
		return "managed policy " + p.Name
	case "inline":
		return fmt.Sprintf("inline policy %q of %s", p.Name, p.Owner)
	case "boundary":
		return "permissions boundary " + p.Name
	case "scp":
		return fmt.Sprintf("SCP %q attached to %s", p.Name, p.Owner)
	case "rcp":
		return fmt.Sprintf("RCP %q attached to %s", p.Name, p.Owner)
	case "resource":
		return fmt.Sprintf("resource policy %q of %s", p.Name, p.Owner)
	case "session":
		return fmt.Sprintf("session policy %q", p.Name)
	case "trust":
		return "the trust policy of " + p.Owner
	case "root":
		return p.Name
	}
	return p.Name
}

// String explains the decision: a first line with the decision, then one
// line per matched statement and one per caveat.
func (r *Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s on %s", r.Decision, r.PrincipalARN, r.Action, r.Resource)
	if r.Principal != r.PrincipalARN {
		fmt.Fprintf(&b, " (as %s)", r.Principal)
	}
	switch {
	case r.Stage.Rule != evaluate.NoRule:
		// A rule AWS applies around the policies decided: say which.
		fmt.Fprintf(&b, "\ndecided by %s: %s (%s)\n", r.Stage, r.Stage.Rule.Text(), r.Stage.Rule.Source())
	case r.Decision == evaluate.Allow:
		b.WriteString("\n")
	case r.Decision == evaluate.ExplicitDeny:
		fmt.Fprintf(&b, "\ndenied by a Deny statement (%s)\n", r.Stage)
	default:
		fmt.Fprintf(&b, "\nno statement allows it (%s)\n", r.Stage)
	}
	for _, rs := range r.Reasons {
		b.WriteString("  ")
		b.WriteString(rs.String())
		b.WriteByte('\n')
	}
	if len(r.MissingContextKeys) > 0 {
		fmt.Fprintf(&b, "  conditions looked for keys the request does not carry: %s\n", strings.Join(r.MissingContextKeys, ", "))
	}
	for _, m := range r.Missing {
		fmt.Fprintf(&b, "  WARNING: %s is attached to the principal but was not loaded: this answer leaves it out\n", m)
	}
	return b.String()
}
