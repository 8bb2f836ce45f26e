package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// Decide answers the request. It allocates nothing and stops at the first
// explicit deny; use Explain for the reasons. A nil request, and a
// PolicySet that Compile did not make (nil or zero), deny.
func (s *PolicySet) Decide(p *Prepared) Decision {
	if !s.usable() || p == nil {
		return ImplicitDeny
	}
	d, _ := s.run(p, nil)
	return d
}

// usable reports whether Compile made the set: a nil or zero PolicySet
// holds no policy and denies every request (an empty compiled set still
// lets the account's root user act, as AWS does).
func (s *PolicySet) usable() bool { return s != nil && s.identity != nil }

// Explain answers the request and says why: every statement that matched,
// the stage that decided, the context keys conditions looked for and did not
// find, and whether the request was cross-account.
//
// A nil request explains as a zero Result (ImplicitDeny); a nil or zero
// PolicySet denies at the identity stage.
func (s *PolicySet) Explain(p *Prepared) *Result {
	if p == nil {
		return &Result{}
	}
	r := &Result{
		Principal:    p.req.Principal,
		Action:       p.req.Action,
		Resource:     p.req.Resource,
		CrossAccount: p.crossAccount,
	}
	if !s.usable() {
		return r
	}
	ex := &explainer{res: r}
	r.Decision, r.Stage = s.run(p, ex)
	r.MissingContextKeys = ex.miss.keys
	return r
}

// Evaluate prepares a request, compiles the policies and explains the
// decision: the one call for a single question.
func Evaluate(ps Policies, r Request) (*Result, error) {
	set, err := Compile(ps)
	if err != nil {
		return nil, err
	}
	p, err := r.Prepare()
	if err != nil {
		return nil, err
	}
	return set.Explain(p), nil
}

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

// scan evaluates the statements of a rule set that could match the
// request. Without an explainer it stops at the first matching Deny.
func (s *PolicySet) scan(rs *ruleSet, typ PolicyType, level int, p *Prepared, ex *explainer, v *verdict) {
	if rs == nil {
		return
	}
	if rs.idx == nil {
		// Small sets: every statement, with no cursor to set up.
		for _, ref := range rs.refs {
			if s.visit(ref, typ, level, p, ex, v) {
				return
			}
		}
		return
	}
	cur := rs.cursor(p)
	for ref, ok := cur.next(); ok; ref, ok = cur.next() {
		if s.visit(ref, typ, level, p, ex, v) {
			return
		}
	}
}

// visit matches one statement against the request and records what it
// says in v. It reports whether the scan may stop (a Deny, when no
// explanation is asked for).
func (s *PolicySet) visit(ref ruleRef, typ PolicyType, level int, p *Prepared, ex *explainer, v *verdict) bool {
	r := ref.rule
	if !r.MatchAction(p.action) || !r.MatchResource(p.req.Resource, p) {
		return false
	}
	if !r.HasResource() && !(typ == ResourcePolicy && p.trust) {
		// Only a role trust policy has statements without Resource: its
		// resource is the role. Elsewhere AWS refuses them, and when
		// CompileUnchecked lets one in it names nothing.
		return false
	}
	checkPrincipal := typ == ResourcePolicy || typ == RCP
	g := grantDirect
	if checkPrincipal {
		ps, not := r.Principal()
		switch {
		case ps == nil:
			return false // a resource policy statement without Principal names no one
		case not:
			if p.excludedBy(ps, r.Effect(), s.boundary != nil) {
				return false
			}
		default:
			if g = p.grantOf(ps); g == grantNone {
				return false
			}
		}
	}
	if !p.conditions(r.Conditions(), ex.missing()) {
		return false
	}
	if r.Effect() == policy.Deny {
		v.deny = true
	} else {
		v.allow = true
		v.grant = max(v.grant, g)
	}
	if ex != nil {
		ex.res.Matched = append(ex.res.Matched, newMatch(ref.pol, r, typ, level, checkPrincipal, g))
		return false
	}
	return v.deny
}

// isRoleAssumption reports whether the action assumes a role.
func isRoleAssumption(lowerAction string) bool {
	switch lowerAction {
	case "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity":
		return true
	}
	return false
}

// needsResourceGrant reports whether the resource's own policy must allow
// the caller even within its account, so that identity policies alone
// never suffice: "IAM role trust policies and AWS KMS key policies are
// exceptions to this logic, because they must explicitly allow access for
// principals" (IAM User Guide, "Policy evaluation logic" > "Resource-based
// policies"). Every role has a trust policy and every KMS key a key
// policy, so when none is given nothing grants.
func needsResourceGrant(lowerAction, resource string) bool {
	return isRoleAssumption(lowerAction) || strings.HasPrefix(resource, "arn:") && resourceService(resource) == "kms"
}

// resourceService returns the service component of an ARN.
func resourceService(s string) string {
	_, rest, _ := strings.Cut(s, ":")   // arn
	_, rest, _ = strings.Cut(rest, ":") // partition
	svc, _, _ := strings.Cut(rest, ":")
	return svc
}

// run is the policy evaluation logic of the IAM User Guide ("Policy
// evaluation logic", "Cross-account policy evaluation logic"):
//
//  1. an explicit Deny in any policy decides;
//  2. every RCP level, then every SCP level, must allow;
//  3. in the same account, a resource-based policy that names the caller
//     allows on its own; one that names the caller's role is limited by the
//     boundary and session policies; one that names the account delegates
//     to identity policies; otherwise identity policies must allow, within
//     the boundary and session policies;
//  4. across accounts, the caller's side (identity, boundary, session) and
//     the resource-based policy must both allow.
func (s *PolicySet) run(p *Prepared, ex *explainer) (Decision, Stage) {
	var id, res, bnd, ses verdict
	if s.scan(s.identity, IdentityPolicy, 0, p, ex, &id); id.deny && ex == nil {
		return ExplicitDeny, Stage{Type: IdentityPolicy}
	}
	if s.resource != nil {
		if s.scan(s.resource, ResourcePolicy, 0, p, ex, &res); res.deny && ex == nil {
			return ExplicitDeny, Stage{Type: ResourcePolicy}
		}
	}
	if s.boundary != nil {
		if s.scan(s.boundary, PermissionsBoundary, 0, p, ex, &bnd); bnd.deny && ex == nil {
			return ExplicitDeny, Stage{Type: PermissionsBoundary}
		}
	}
	if s.session != nil {
		if s.scan(s.session, SessionPolicy, 0, p, ex, &ses); ses.deny && ex == nil {
			return ExplicitDeny, Stage{Type: SessionPolicy}
		}
	}
	// "SCPs do not affect service-linked roles" and "RCPs do not apply to
	// calls made by service-linked roles" (AWS Organizations User Guide).
	scpDeny, scpGap, rcpDeny, rcpGap := -1, -1, -1, -1
	if !p.serviceLinked {
		if scpDeny, scpGap = s.levels(s.scps, SCP, p, ex); scpDeny >= 0 && ex == nil {
			return ExplicitDeny, Stage{Type: SCP, Level: scpDeny}
		}
		rcpDeny, rcpGap = s.levels(s.rcps, RCP, p, ex)
	}

	// 1. Explicit deny, in the order AWS lists the policy types.
	switch {
	case id.deny:
		return ExplicitDeny, Stage{Type: IdentityPolicy}
	case res.deny:
		return ExplicitDeny, Stage{Type: ResourcePolicy}
	case bnd.deny:
		return ExplicitDeny, Stage{Type: PermissionsBoundary}
	case ses.deny:
		return ExplicitDeny, Stage{Type: SessionPolicy}
	case scpDeny >= 0:
		return ExplicitDeny, Stage{Type: SCP, Level: scpDeny}
	case rcpDeny >= 0:
		return ExplicitDeny, Stage{Type: RCP, Level: rcpDeny}
	}
	// 2. Organization guardrails.
	if rcpGap >= 0 {
		return ImplicitDeny, Stage{Type: RCP, Level: rcpGap}
	}
	if scpGap >= 0 {
		return ImplicitDeny, Stage{Type: SCP, Level: scpGap}
	}

	// "You cannot call AssumeRole by using AWS root account credentials;
	// access is denied" (AWS STS API Reference, "AssumeRole"), whatever
	// the trust policy says.
	if p.kind == callerRoot && isRoleAssumption(p.action) {
		return ImplicitDeny, Stage{Type: IdentityPolicy}
	}

	// 3 and 4. What allows.
	boundaryOK := s.boundary == nil || bnd.allow
	sessionOK := s.session == nil || ses.allow
	var identityOK bool
	var identityGap Stage // the stage that failed on the identity side
	switch p.kind {
	case callerRoot:
		identityOK = true // "the AWS account root user ... has full access"
	case callerUser, callerRoleSession, callerFederatedUser:
		// A federated user with no session policy has no permissions
		// (IAM User Guide, "Permissions for GetFederationToken").
		if p.kind == callerFederatedUser && s.session == nil {
			sessionOK = false
		}
		identityOK = id.allow && boundaryOK && sessionOK
		switch {
		case !id.allow:
			identityGap = Stage{Type: IdentityPolicy}
		case !boundaryOK:
			identityGap = Stage{Type: PermissionsBoundary}
		case !sessionOK:
			identityGap = Stage{Type: SessionPolicy}
		}
	default:
		identityGap = Stage{Type: IdentityPolicy} // services and identity providers have no identity policies
	}

	var resourceOK bool
	resourceGap := Stage{Type: ResourcePolicy}
	switch res.grant {
	case grantDirect:
		resourceOK = true
	case grantRole:
		resourceOK = boundaryOK && sessionOK
		if !boundaryOK {
			resourceGap = Stage{Type: PermissionsBoundary}
		} else if !sessionOK {
			resourceGap = Stage{Type: SessionPolicy}
		}
	case grantAccount:
		resourceOK = identityOK
		resourceGap = identityGap
	}

	if p.crossAccount {
		switch {
		case res.grant == grantNone:
			return ImplicitDeny, Stage{Type: ResourcePolicy}
		case !identityOK:
			return ImplicitDeny, identityGap
		}
		return Allow, Stage{Type: ResourcePolicy}
	}
	if resourceOK {
		return Allow, Stage{Type: ResourcePolicy}
	}
	if p.needsGrant {
		return ImplicitDeny, resourceGap
	}
	if identityOK {
		return Allow, Stage{Type: IdentityPolicy}
	}
	if res.grant != grantNone {
		return ImplicitDeny, resourceGap
	}
	return ImplicitDeny, identityGap
}

// levels evaluates SCP or RCP levels. It returns the first level with a
// matching Deny and the first level with no matching Allow, -1 for none.
func (s *PolicySet) levels(levels []*ruleSet, typ PolicyType, p *Prepared, ex *explainer) (denyAt, gapAt int) {
	denyAt, gapAt = -1, -1
	for i, level := range levels {
		var v verdict
		if s.scan(level, typ, i, p, ex, &v); v.deny && ex == nil {
			return i, gapAt
		}
		if v.deny && denyAt < 0 {
			denyAt = i
		}
		if !v.allow && gapAt < 0 {
			gapAt = i
		}
	}
	return denyAt, gapAt
}

// String describes a PolicySet briefly, for debugging.
func (s *PolicySet) String() string {
	if !s.usable() {
		return "PolicySet{} (not compiled: denies every request)"
	}
	return fmt.Sprintf("PolicySet{identity statements: %d, resource: %t, boundary: %t, session: %t, scp levels: %d, rcp levels: %d}",
		len(s.identity.refs), s.resource != nil, s.boundary != nil, s.session != nil, len(s.scps), len(s.rcps))
}
