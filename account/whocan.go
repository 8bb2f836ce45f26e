package account

import (
	"slices"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// Verdict is how a principal fares in WhoCan and Actions.
type Verdict uint8

const (
	// Denied: the principal cannot, whatever values the keys the request
	// leaves open take (conditional.go): a Deny that holds regardless, or
	// no Allow in some stage that must allow.
	Denied Verdict = iota
	// Allowed: the request as given is allowed.
	Allowed
	// Conditional: the request as given is not allowed, and with some
	// values of the context keys it does not fix it could be (the rule is
	// in conditional.go): Keys names them.
	Conditional
)

// String returns "denied", "allowed" or "conditional".
func (v Verdict) String() string {
	switch v {
	case Allowed:
		return "allowed"
	case Conditional:
		return "conditional"
	}
	return "denied"
}

// MarshalText returns the String form.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Answer is one principal's verdict for one action on one resource.
type Answer struct {
	Principal string  `json:"principal"`
	Action    string  `json:"action"`
	Verdict   Verdict `json:"verdict"`
	// Keys are the context keys a conditional verdict depends on.
	Keys []string `json:"keys,omitempty"`
	// Reasons are the statements that decided: the ones that allowed, or
	// for a conditional verdict the Deny and Allow statements that matched.
	Reasons []Reason `json:"reasons,omitempty"`
	// Missing: attached managed policies that were not loaded.
	Missing []string `json:"missingPolicies,omitempty"`
}

// Query is an action on a resource, asked of many principals.
type Query struct {
	Action          string
	Resource        string
	ResourceAccount string // as in Request
	Context         map[string][]string
}

// WhoCan answers a query for every loaded user and role and returns those
// that are allowed or conditional, sorted by ARN. Each principal's policies
// are compiled once per resource policy and reused.
func (s *Set) WhoCan(q Query) ([]Answer, error) {
	var out []Answer
	act := strings.ToLower(q.Action)
	// A resource policy that allows the action may allow anyone; else only
	// a principal with an identity Allow for it can be allowed, and the
	// others are skipped without preparing a request for each.
	everyone := false
	if rp := s.resourcePolicy(q.Resource); rp != nil && mayAllow(rp.Policy, act, q.Resource) {
		everyone = true
	}
	if t, ok := s.trusts[q.Resource]; ok && strings.HasPrefix(act, "sts:") && mayAllow(t.Policy, act, q.Resource) {
		everyone = true
	}
	memo := optimisticMemo{}
	for _, p := range s.all {
		if !everyone && !p.mayAllow(act, q.Resource) {
			continue
		}
		a, err := s.answer(p, q, memo)
		if err != nil {
			return nil, err
		}
		if a.Verdict != Denied {
			out = append(out, a)
		}
	}
	return out, nil
}

// Actions answers, for one principal and resource, each of a list of
// actions: the reverse of WhoCan. Every action gets an Answer, denied ones
// too, in the order given.
func (s *Set) Actions(principalARN, resource string, actions []string, ctx map[string][]string) ([]Answer, error) {
	out := make([]Answer, 0, len(actions))
	memo := optimisticMemo{}
	for _, act := range actions {
		r := Request{Principal: principalARN, Action: act, Resource: resource, Context: ctx}
		st, prep, err := s.prepared(&r)
		if err != nil {
			return nil, err
		}
		a := st.verdict(s, prep, memo)
		a.Principal = principalARN
		out = append(out, a)
	}
	return out, nil
}

func (s *Set) answer(p *principal, q Query, memo optimisticMemo) (Answer, error) {
	r := Request{Principal: p.arn, Action: q.Action, Resource: q.Resource, ResourceAccount: q.ResourceAccount, Context: q.Context}
	st, prep, err := s.prepared(&r)
	if err != nil {
		return Answer{}, err
	}
	return st.verdict(s, prep, memo), nil
}

// verdict decides fast, and explains only what will be reported.
func (st *stages) verdict(s *Set, prep *evaluate.Prepared, memo optimisticMemo) Answer {
	a := Answer{Principal: st.principal.arn, Action: prep.Request().Action, Missing: slices.Clone(st.principal.missing)}
	switch st.set.Decide(prep) {
	case evaluate.Allow:
		a.Verdict = Allowed
		res := st.explain(s, prep)
		for _, r := range res.Reasons {
			if r.Effect == policy.Allow {
				a.Reasons = append(a.Reasons, r)
			}
		}
	default:
		// Implicitly or explicitly denied as given: conditional only if
		// some values of the keys the request leaves open could allow
		// (conditional.go); a Deny that holds whatever they are denies.
		if !st.couldAllow(prep) {
			break
		}
		if ok, keys := st.conditional(prep, memo); ok {
			a.Verdict = Conditional
			a.Keys = keys
			a.Reasons = st.explain(s, prep).Reasons
		}
	}
	return a
}

// couldAllow reports whether an Allow statement of the principal's own
// policies or of the resource policy names the action and the resource:
// without one, no context value could make the request allowed.
func (st *stages) couldAllow(prep *evaluate.Prepared) bool {
	act := strings.ToLower(prep.Request().Action)
	res := prep.Request().Resource
	check := func(pol *policy.Policy) bool {
		rules := pol.Rules()
		for i := range rules {
			r := &rules[i]
			if r.Effect() == policy.Allow && r.MatchAction(act) && r.MatchResource(res, prep) {
				return true
			}
		}
		return false
	}
	for _, g := range st.identity {
		if check(g.pol) {
			return true
		}
	}
	return st.resource != nil && check(st.resource.pol)
}

// mayAllow reports whether any identity policy of the principal has an
// Allow statement that could match the action and the resource, whatever
// the request context: a cheap, sound filter (a false answer means the
// request cannot be allowed by the principal's own policies).
func (p *principal) mayAllow(lowerAction, resource string) bool {
	for _, g := range p.identity {
		if mayAllow(g.pol, lowerAction, resource) {
			return true
		}
	}
	return false
}

func mayAllow(pol *policy.Policy, lowerAction, resource string) bool {
	rules := pol.Rules()
	for i := range rules {
		r := &rules[i]
		if r.Effect() != policy.Allow || !r.MatchAction(lowerAction) {
			continue
		}
		pats, not := r.Resources()
		if not || len(pats) == 0 {
			return true
		}
		for j := range pats {
			// The literal text before the first wildcard or variable must
			// begin the resource for the pattern to match it.
			if prefix, _ := pats[j].LiteralPrefix(); strings.HasPrefix(resource, prefix) {
				return true
			}
		}
	}
	return false
}
