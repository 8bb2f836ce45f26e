package evaluate

// The decision, step by step, as the IAM User Guide draws it in "Policy
// evaluation logic" (the flow chart: deny evaluation, Organizations RCPs
// and SCPs, resource-based policies, identity-based policies, permissions
// boundaries, session policies) and "Cross-account policy evaluation
// logic". Each step reads only what the stages said (verdicts) and what
// the request is (facts); each has its own table test (steps_test.go).
// Around them stand the rules AWS applies outside the policy documents
// (servicerules.go: sts:GetCallerIdentity, IAM's protections; vpce.go: the
// VPC endpoint policy; publicaccess.go: S3 Block Public Access), each a
// step of decide with its AWS page.

// facts are what the decision steps need to know of a request.
type facts struct {
	kind         principalKind
	crossAccount bool // the principal's and the resource's accounts differ
	needsGrant   bool // only the resource's policy can allow (a role's trust policy, a KMS key policy)
	assumesRole  bool // sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity
	rule         Rule // the service rule that decides the request, if any (servicerules.go)
}

// numPolicyTypes is the number of PolicyType values.
const numPolicyTypes = int(EndpointPolicy) + 1

// typeVerdict is what the policies of one type said, over all its levels
// (SCPs and RCPs have one per level of the organization; the other types
// have one).
type typeVerdict struct {
	present   bool  // the set has policies of the type (and they apply)
	allow     bool  // every level had a matching Allow
	deny      bool  // some level had a matching Deny
	denyLevel int32 // the first level with a Deny
	gapLevel  int32 // the first level with no Allow
	grant     grant // resource policies: how the strongest Allow named the caller
	// restricted: S3 Block Public Access RestrictPublicBuckets is on and
	// the resource policy is public (publicaccess.go).
	restricted bool
}

// verdicts are what each policy type said, indexed by PolicyType.
type verdicts struct {
	t      [numPolicyTypes]typeVerdict
	denied bool // some type denied: explicitDeny need not look otherwise
	gap    bool // some stage had no Allow
}

// record adds what one stage said.
func (vs *verdicts) record(st *stage, v *verdict) {
	tv := &vs.t[st.typ]
	if !tv.present {
		*tv = typeVerdict{present: true, allow: true}
	}
	if v.deny && !tv.deny {
		tv.deny, tv.denyLevel, vs.denied = true, st.level, true
	}
	if !v.allow && tv.allow {
		tv.allow, tv.gapLevel, vs.gap = false, st.level, true
	}
	tv.grant = max(tv.grant, v.grant)
	if st.restricted {
		tv.restricted = true
	}
}

// limitGaps says, one byte each (1 for a gap), whether the permissions
// boundary and the session policies are present without an Allow: the
// limits on a principal's own side and on a role's grant. Told once for
// both sides, without a branch per case: most requests have neither, and
// a test per case cost the 1,000-statement decision 8 ns (bench/'s
// Decision/large).
type limitGaps struct{ boundary, session uint8 }

func (vs *verdicts) limitGaps() limitGaps {
	b, s := &vs.t[PermissionsBoundary], &vs.t[SessionPolicy]
	return limitGaps{b2u(b.present) &^ b2u(b.allow), b2u(s.present) &^ b2u(s.allow)}
}

// side is whether one side of the request (the principal's, the
// resource's) allows it, and if not, the stage that failed.
type side struct {
	ok  bool
	gap PolicyType // a side's gap is a policy type at level 0
}

// decide applies the evaluation logic to what the stages said, and the
// rules AWS applies around the policies (servicerules.go): a rule that
// allows whatever the policies say (sts:GetCallerIdentity) comes first, a
// rule that never allows (IAM's protections) right after the explicit
// deny.
func decide(f *facts, vs *verdicts) (Decision, Stage) {
	if mayBeException(f, vs) {
		if d, st, ok := exceptions(f, vs); ok {
			return d, st
		}
	}
	// Most requests are not restricted: the flag is tested here, where
	// it costs no call.
	restricted := vs.t[ResourcePolicy].restricted && restrictPublicBuckets(f, vs)
	lim := vs.limitGaps()
	id := identitySide(f.kind, vs, lim)
	res := trustWithinBoundary(f, resourceSide(vs, id, lim), lim)
	var d Decision
	var st Stage
	if f.crossAccount {
		d, st = crossAccount(vs, id)
	} else {
		d, st = sameAccount(f, vs, id, res)
	}
	if restricted && d == ImplicitDeny {
		st = Stage{Type: ResourcePolicy, Rule: RuleRestrictPublicBuckets}
	}
	return d, st
}

// exceptions are the steps before the two sides are weighed: a rule that
// allows, an explicit deny, a rule that forbids, an organization gap, an
// endpoint policy's gap, the root user assuming a role. Each decides only
// when the request has something most requests lack.
func exceptions(f *facts, vs *verdicts) (Decision, Stage, bool) {
	if f.rule.allows() {
		return Allow, Stage{Rule: f.rule}, true
	}
	if st, ok := explicitDeny(vs); ok {
		return ExplicitDeny, st, true
	}
	if f.rule.forbids() {
		return ImplicitDeny, Stage{Rule: f.rule}, true
	}
	if st, ok := organizationGap(vs); ok {
		return ImplicitDeny, st, true
	}
	if st, ok := endpointGap(f, vs); ok {
		return ImplicitDeny, st, true
	}
	if rootAssumesRole(f) {
		return ImplicitDeny, Stage{Type: IdentityPolicy}, true
	}
	return 0, Stage{}, false
}

// mayBeException reports whether one of the exceptions may decide: the
// union of what they look for (a rule, a deny, a level without Allow, an
// endpoint policy, the root user assuming a role). Most requests have
// none, and one test of them all costs less than the six steps
// (bench/'s Decision/large: 100 to 97 ns). TestExceptionTriggers holds the
// two together.
func mayBeException(f *facts, vs *verdicts) bool {
	return uint8(f.rule)|b2u(vs.denied)|b2u(vs.gap)|b2u(vs.t[EndpointPolicy].present)|b2u(rootAssumesRole(f)) != 0
}

// b2u is 1 for true: the compiler reads the bool's byte, with no branch.
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// explicitDeny is the first step: "an explicit deny in any policy
// overrides any allows". It reports the first type, in the order AWS lists
// them, whose policies denied.
func explicitDeny(vs *verdicts) (Stage, bool) {
	if !vs.denied {
		return Stage{}, false
	}
	for t := range vs.t {
		if vs.t[t].deny {
			return Stage{Type: PolicyType(t), Level: int(vs.t[t].denyLevel)}, true
		}
	}
	return Stage{}, false
}

// organizationGap is the Organizations step: every RCP level and every SCP
// level must allow ("If there is an applicable SCP/RCP and it doesn't
// allow the request, the decision is an implicit deny"). RCPs are checked
// first, as the flow chart draws them.
func organizationGap(vs *verdicts) (Stage, bool) {
	if !vs.gap {
		return Stage{}, false
	}
	for _, t := range [...]PolicyType{RCP, SCP} {
		if vs.t[t].present && !vs.t[t].allow {
			return Stage{Type: t, Level: int(vs.t[t].gapLevel)}, true
		}
	}
	return Stage{}, false
}

// rootAssumesRole: "You cannot call AssumeRole by using AWS root account
// credentials; access is denied" (AWS STS API Reference, "AssumeRole"),
// whatever the trust policy says.
func rootAssumesRole(f *facts) bool { return f.kind == callerRoot && f.assumesRole }

// identitySide is the principal's side: identity-based policies must
// allow, within the permissions boundary and the session policies. The
// root user "has full access"; a federated user with no session policy has
// no permissions (IAM User Guide, "Permissions for GetFederationToken");
// services and identity providers have no identity policies.
func identitySide(kind principalKind, vs *verdicts, lim limitGaps) side {
	lim.session |= b2u(kind == callerFederatedUser) &^ b2u(vs.t[SessionPolicy].present)
	switch {
	case kind == callerRoot:
		return side{ok: true}
	case kind-callerUser > callerFederatedUser-callerUser || !vs.t[IdentityPolicy].allow:
		return side{gap: IdentityPolicy}
	case lim.boundary|lim.session == 0:
		return side{ok: true}
	case lim.boundary != 0:
		return side{gap: PermissionsBoundary}
	}
	return side{gap: SessionPolicy}
}

// resourceSide is the resource-based policy's side, by how its Allow named
// the caller (IAM User Guide, "Policy evaluation logic" > "Resource-based
// policies"): naming the caller itself allows on its own; naming the role
// of a role session is limited by the boundary and session policies;
// naming the account delegates to the identity side.
func resourceSide(vs *verdicts, id side, lim limitGaps) side {
	switch vs.t[ResourcePolicy].grant {
	case grantDirect:
		return side{ok: true}
	case grantRole:
		switch {
		case lim.boundary != 0:
			return side{gap: PermissionsBoundary}
		case lim.session != 0:
			return side{gap: SessionPolicy}
		}
		return side{ok: true}
	case grantAccount:
		return id
	}
	return side{gap: ResourcePolicy}
}

// trustWithinBoundary limits a role's trust policy by the caller's
// permissions boundary even where it names the caller itself: "If a user
// is listed as the principal in a role's trust policy but cannot assume
// the role, check the user's permissions boundary. If a permissions
// boundary is set for the user, then it must allow the sts:AssumeRole
// action" (IAM User Guide, "Update a role trust policy", Notes). Other
// resource-based policies that name the caller are not limited by it
// (resourceSide); a grant to the account or the role already is.
func trustWithinBoundary(f *facts, res side, lim limitGaps) side {
	if res.ok && f.assumesRole && lim.boundary != 0 {
		return side{gap: PermissionsBoundary}
	}
	return res
}

// crossAccount is "Cross-account policy evaluation logic": the
// resource-based policy must name the caller (or its account) and the
// caller's own side must allow.
func crossAccount(vs *verdicts, id side) (Decision, Stage) {
	switch {
	case vs.t[ResourcePolicy].grant == grantNone:
		return ImplicitDeny, Stage{Type: ResourcePolicy}
	case !id.ok:
		return ImplicitDeny, Stage{Type: id.gap}
	}
	return Allow, Stage{Type: ResourcePolicy}
}

// sameAccount: within an account either side may allow, except where the
// resource's own policy must (a role's trust policy, a KMS key policy).
func sameAccount(f *facts, vs *verdicts, id, res side) (Decision, Stage) {
	switch {
	case res.ok:
		return Allow, Stage{Type: ResourcePolicy}
	case f.needsGrant:
		return ImplicitDeny, Stage{Type: res.gap}
	case id.ok:
		return Allow, Stage{Type: IdentityPolicy}
	case vs.t[ResourcePolicy].grant != grantNone:
		return ImplicitDeny, Stage{Type: res.gap}
	}
	return ImplicitDeny, Stage{Type: id.gap}
}
