package evaluate

import "github.com/iamsim/iamsim/policy"

// explainer collects what Explain reports; nil in Decide.
type explainer struct {
	res  *Result
	miss missing
}

func (ex *explainer) missing() *missing {
	if ex == nil {
		return nil
	}
	return &ex.miss
}

// verdict is what one policy type said.
type verdict struct {
	allow bool
	deny  bool
	grant grant // resource policies: how the strongest Allow named the caller
}

// scan evaluates the statements of a stage that could match the request.
// Without an explainer it stops at the first matching Deny.
func (s *PolicySet) scan(st *stage, p *Prepared, ex *explainer, v *verdict) {
	rs := st.rules
	if rs.idx == nil {
		// Small sets: every statement, with no cursor to set up.
		for _, ref := range rs.refs {
			if s.visit(ref, st, p, ex, v) {
				return
			}
		}
		return
	}
	cur := rs.cursor(p)
	for ref, ok := cur.next(); ok; ref, ok = cur.next() {
		if s.visit(ref, st, p, ex, v) {
			return
		}
	}
}

// visit matches one statement against the request and records what it
// says in v. It reports whether the scan may stop (a Deny, when no
// explanation is asked for).
func (s *PolicySet) visit(ref ruleRef, st *stage, p *Prepared, ex *explainer, v *verdict) bool {
	r, typ := ref.rule, st.typ
	if !r.MatchAction(p.action) || !r.MatchResource(p.req.Resource, p) {
		return false
	}
	if !r.HasResource() && !appliesWithoutResource(st, p, r) {
		return false
	}
	checkPrincipal := st.principals // resource policies, RCPs, endpoint policies
	g := grantDirect
	if checkPrincipal {
		ps, not := r.Principal()
		switch {
		case ps == nil:
			return false // a resource policy statement without Principal names no one
		case not:
			if p.excludedBy(ps, r.Effect(), s.hasBoundary) {
				return false
			}
		default:
			if g = p.grantOf(ps); g == grantNone {
				return false
			}
		}
	}
	if failed := p.conditions(r.Conditions(), ex.missing()); failed >= 0 {
		if ex != nil {
			ex.nearMiss(p, newMatch(ref.pol, r, typ, int(st.level), checkPrincipal, g), &r.Conditions()[failed])
		}
		return false
	}
	if r.Denies() {
		v.deny = true
	} else {
		v.allow = true
		v.grant = max(v.grant, g)
	}
	if ex != nil {
		ex.res.Matched = append(ex.res.Matched, newMatch(ref.pol, r, typ, int(st.level), checkPrincipal, g))
		return false
	}
	return v.deny
}

// appliesWithoutResource reports whether a statement with neither Resource
// nor NotResource applies to the request. Such a statement governs the
// resource its policy is attached to: the role, for a role trust policy on
// an STS call on the role (policy.Kind's ResourceNeed); the repository, for
// an Amazon ECR repository policy, whose statements AWS documents without
// Resource ("Amazon ECR repository policies are a subset of IAM policies
// that are scoped for, and specifically used for, controlling access to
// individual Amazon ECR repositories", Amazon ECR User Guide, "Private
// repository policies in Amazon ECR"). Any other resource's policy (the
// resource slot takes one through its trust reading) has its Deny apply to
// its resource, which can only take access away, and its Allow grant
// nothing; in other places such a statement names nothing (issue 9: what
// CompileUnchecked lets in).
func appliesWithoutResource(st *stage, p *Prepared, r *policy.Rule) bool {
	switch {
	case st.trust && p.trust:
		return true
	case st.typ != ResourcePolicy:
		return false
	case r.Denies():
		return true
	}
	return resourceService(p.req.Resource) == "ecr"
}
