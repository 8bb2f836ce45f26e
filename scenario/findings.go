package scenario

import (
	"strconv"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// Slot is one policy of a request and the kind of place that holds it,
// the kind it is validated for.
type Slot struct {
	Policy *policy.Policy
	Kind   policy.Kind
	// Path names the slot with the fields of a scenario file:
	// identityPolicies[0], resourcePolicy, permissionsBoundary,
	// sessionPolicies[0], scps[0][1], rcps[1][0].
	Path string
}

// IdentityKind is the kind an identity-based policy of a request is
// validated for. A request does not say whether such a policy is managed
// or inline; IAM stores an inline policy of either Version but a managed
// one only of Version 2012-10-17 (the MISSING_VERSION and INVALID_VERSION
// rules of policy.Validate), so the kind that admits every policy AWS
// stores in this place is the inline one with the largest quota, a
// role's (IAM User Guide, "IAM and AWS STS quotas"). The rules on
// Principal and Resource are those of every identity-based policy.
const IdentityKind = policy.InlineRole

// ResourcePolicyKind is the kind of the resource-based policy of a request
// on resource: a role's trust policy when the resource is an IAM role (a
// role's trust policy "is a required resource-based policy that is
// attached to a role": IAM User Guide, "Roles terms and concepts"; and
// FORMAT.md: for sts:AssumeRole, resourcePolicy is the role's trust
// policy), else a resource policy. evaluate.Compile accepts either reading
// of the slot; the findings use the one the resource implies.
func ResourcePolicyKind(resource string) policy.Kind {
	if a, err := arn.Parse(resource); err == nil && a.Kind() == arn.KindRole {
		return policy.Trust
	}
	return policy.Resource
}

// Slots lists the policies of ps in the order AWS weighs them, each with
// the kind its place stands for; resourceKind is the kind of the
// resource-based policy (see ResourcePolicyKind). Absent policies (nil)
// are left out.
func Slots(ps evaluate.Policies, resourceKind policy.Kind) []Slot {
	var out []Slot
	add := func(p *policy.Policy, k policy.Kind, path string) {
		if p != nil {
			out = append(out, Slot{Policy: p, Kind: k, Path: path})
		}
	}
	for i, p := range ps.Identity {
		add(p, IdentityKind, "identityPolicies["+strconv.Itoa(i)+"]")
	}
	add(ps.Resource, resourceKind, "resourcePolicy")
	add(ps.Boundary, policy.Boundary, "permissionsBoundary")
	for i, p := range ps.Session {
		add(p, policy.Session, "sessionPolicies["+strconv.Itoa(i)+"]")
	}
	for i, level := range ps.SCPs {
		for j, p := range level {
			add(p, policy.SCP, "scps["+strconv.Itoa(i)+"]["+strconv.Itoa(j)+"]")
		}
	}
	for i, level := range ps.RCPs {
		for j, p := range level {
			add(p, policy.RCP, "rcps["+strconv.Itoa(i)+"]["+strconv.Itoa(j)+"]")
		}
	}
	add(ps.Endpoint, policy.VPCE, "endpointPolicy")
	return out
}

// Findings validates the policy for its slot's kind and returns the
// findings worth a reader's attention: errors (an unknown action among
// them) and warnings of either kind. Suggestions, about style only, are
// left to iamsim check.
func (s Slot) Findings() []*policy.Finding {
	var out []*policy.Finding
	for _, f := range s.Policy.Validate(s.Kind) {
		if f.Severity != policy.Suggestion {
			out = append(out, f)
		}
	}
	return out
}

// Findings returns the findings of the scenario's policies (see
// Slot.Findings), in the order of Slots. Positions are those of the
// scenario file, and each finding's Path is its JSON path in the file,
// such as [2].identityPolicies[0].Statement[1].Action. A scenario can pass
// with a policy that has an ERROR finding: AWS stores a policy with an
// action its catalog does not know, and a Deny on a misspelt action
// denies nothing, which is why callers report these findings.
func (s *Scenario) Findings() []*policy.Finding {
	var out []*policy.Finding
	for _, slot := range Slots(s.Policies, ResourcePolicyKind(s.Request.Resource)) {
		prefix := slot.Path
		if s.path != "" {
			prefix = s.path + "." + prefix
		}
		for _, f := range slot.Findings() {
			g := *f
			if g.Path == "" {
				g.Path = prefix
			} else {
				g.Path = prefix + "." + g.Path
			}
			out = append(out, &g)
		}
	}
	return out
}
