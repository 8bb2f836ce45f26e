package account

import (
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// PrincipalPolicies returns the policies AWS weighs on a loaded principal's
// side of a request: its identity policies (a user's include its groups'),
// its permissions boundary, and the SCPs along its account's path (none for
// the management account or a service-linked role). A session ARN resolves
// to its role. Package sts adds a session's policies and the resource's side
// (ResourcePolicy, RCPs) itself, so that a role's stages are compiled once for
// all its sessions.
func (s *Set) PrincipalPolicies(principalARN string) (evaluate.Policies, error) {
	p, _, err := s.resolve(principalARN)
	if err != nil {
		return evaluate.Policies{}, err
	}
	return p.policies(s), nil
}

// RCPs returns the resource control policies along an account's path in the
// organization, root first: what applies to that account's resources. Nil for
// the management account, an account outside the organization, or when
// there is no organization (AWS Organizations User Guide, "Resource control
// policies"). A request of a service-linked role is exempt, and so is an
// action of a service RCPs do not apply to (evaluate.RCPsApply); the caller
// decides both.
func (s *Set) RCPs(accountID string) [][]*policy.Policy {
	lv := s.levels[accountID]
	if lv == nil || accountID == s.mgmt {
		return nil
	}
	out := make([][]*policy.Policy, 0, len(lv.rcps))
	for _, level := range lv.rcps {
		out = append(out, pols(level))
	}
	return out
}

// MissingPolicies returns, by principal ARN, the managed policies attached
// to each user and role (directly, through a group, or as its permissions
// boundary) that were in no loaded file (Options.AllowMissingPolicies);
// nil when every attached policy was loaded. An answer of WhoCan depends on
// every principal's policies, so a caller showing one shows these too: a
// principal left out of WhoCan's answer may be allowed by what was not
// loaded.
func (s *Set) MissingPolicies() map[string][]string {
	var out map[string][]string
	for _, p := range s.all {
		if len(p.missing) > 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[p.arn] = append([]string(nil), p.missing...)
		}
	}
	return out
}
