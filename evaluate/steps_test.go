package evaluate

import (
	"math/rand/v2"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// tv builds the verdict of one present policy type.
func tv(allow, deny bool) typeVerdict {
	return typeVerdict{present: true, allow: allow, deny: deny}
}

// vset builds verdicts from the types given; the identity type is always
// present, as in a compiled set.
func vset(m map[PolicyType]typeVerdict) *verdicts {
	vs := &verdicts{}
	vs.t[IdentityPolicy] = typeVerdict{present: true}
	for t, v := range m {
		vs.t[t] = v
		vs.denied = vs.denied || v.deny
		vs.gap = vs.gap || v.present && !v.allow
	}
	return vs
}

// TestStepExplicitDeny: "an explicit deny in any policy overrides any
// allows" (IAM User Guide, "Policy evaluation logic"), reported in the
// order AWS lists the policy types.
func TestStepExplicitDeny(t *testing.T) {
	scpDeny := tv(true, true)
	scpDeny.denyLevel = 2
	tests := []struct {
		reason string
		vs     *verdicts
		want   Stage
		ok     bool
	}{
		{"no deny", vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), Stage{}, false},
		{"an identity deny", vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, true)}), Stage{Type: IdentityPolicy}, true},
		{"the first type in AWS's order is reported", vset(map[PolicyType]typeVerdict{SessionPolicy: tv(false, true), ResourcePolicy: tv(true, true)}), Stage{Type: ResourcePolicy}, true},
		{"an SCP deny names its level", vset(map[PolicyType]typeVerdict{SCP: scpDeny}), Stage{Type: SCP, Level: 2}, true},
	}
	for _, tt := range tests {
		st, ok := explicitDeny(tt.vs)
		if ok != tt.ok || st != tt.want {
			t.Errorf("%s: %v %t, want %v %t", tt.reason, st, ok, tt.want, tt.ok)
		}
	}
}

// TestStepOrganizationGap: every RCP level and every SCP level must allow
// (IAM User Guide, "Policy evaluation logic": RCPs, then SCPs).
func TestStepOrganizationGap(t *testing.T) {
	scpGap := tv(false, false)
	scpGap.gapLevel = 1
	tests := []struct {
		reason string
		vs     *verdicts
		want   Stage
		ok     bool
	}{
		{"no organization policies", vset(nil), Stage{}, false},
		{"every level allows", vset(map[PolicyType]typeVerdict{SCP: tv(true, false), RCP: tv(true, false)}), Stage{}, false},
		{"an SCP level without Allow", vset(map[PolicyType]typeVerdict{SCP: scpGap}), Stage{Type: SCP, Level: 1}, true},
		{"RCPs are weighed before SCPs", vset(map[PolicyType]typeVerdict{SCP: scpGap, RCP: tv(false, false)}), Stage{Type: RCP}, true},
		{"a boundary gap is not an organization gap", vset(map[PolicyType]typeVerdict{PermissionsBoundary: tv(false, false)}), Stage{}, false},
	}
	for _, tt := range tests {
		st, ok := organizationGap(tt.vs)
		if ok != tt.ok || st != tt.want {
			t.Errorf("%s: %v %t, want %v %t", tt.reason, st, ok, tt.want, tt.ok)
		}
	}
}

// TestStepIdentitySide: identity policies allow within the boundary and
// session policies (IAM User Guide, "Policy evaluation logic" > "Identity-
// based policies with permissions boundaries", "... with session
// policies"; "Permissions for GetFederationToken").
func TestStepIdentitySide(t *testing.T) {
	tests := []struct {
		reason string
		kind   principalKind
		vs     *verdicts
		want   side
	}{
		{"the root user has full access", callerRoot, vset(nil), side{ok: true}},
		{"a user needs an identity Allow", callerUser, vset(nil), side{gap: IdentityPolicy}},
		{"a user with an identity Allow", callerUser, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), side{ok: true}},
		{"a boundary that does not allow limits it", callerRoleSession, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false), PermissionsBoundary: tv(false, false)}), side{gap: PermissionsBoundary}},
		{"a session policy that does not allow limits it", callerRoleSession, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false), SessionPolicy: tv(false, false)}), side{gap: SessionPolicy}},
		{"a federated user without session policy has no permissions", callerFederatedUser, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), side{gap: SessionPolicy}},
		{"a federated user with an allowing session policy", callerFederatedUser, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false), SessionPolicy: tv(true, false)}), side{ok: true}},
		{"a service has no identity policies", callerService, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), side{gap: IdentityPolicy}},
		{"an identity provider has none", callerProvider, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), side{gap: IdentityPolicy}},
		{"an anonymous caller has none", callerAnonymous, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), side{gap: IdentityPolicy}},
		{"an unknown caller has none", callerUnknown, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(true, false)}), side{gap: IdentityPolicy}},
		{"the root user needs no identity Allow", callerRoot, vset(map[PolicyType]typeVerdict{IdentityPolicy: tv(false, false)}), side{ok: true}},
	}
	for _, tt := range tests {
		if got := identitySide(tt.kind, tt.vs, tt.vs.limitGaps()); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.reason, got, tt.want)
		}
	}
}

// TestStepResourceSide: how the resource-based policy named the caller
// decides what else must allow (IAM User Guide, "Policy evaluation logic"
// > "Resource-based policies").
func TestStepResourceSide(t *testing.T) {
	withGrant := func(g grant, others map[PolicyType]typeVerdict) *verdicts {
		vs := vset(others)
		vs.t[ResourcePolicy] = typeVerdict{present: true, allow: g != grantNone, grant: g}
		return vs
	}
	idOK, idGap := side{ok: true}, side{gap: IdentityPolicy}
	tests := []struct {
		reason string
		vs     *verdicts
		id     side
		want   side
	}{
		{"naming the caller allows on its own", withGrant(grantDirect, map[PolicyType]typeVerdict{PermissionsBoundary: tv(false, false)}), idGap, side{ok: true}},
		{"naming the role is limited by the boundary", withGrant(grantRole, map[PolicyType]typeVerdict{PermissionsBoundary: tv(false, false)}), idOK, side{gap: PermissionsBoundary}},
		{"naming the role is limited by session policies", withGrant(grantRole, map[PolicyType]typeVerdict{SessionPolicy: tv(false, false)}), idOK, side{gap: SessionPolicy}},
		{"naming the role, within the limits", withGrant(grantRole, nil), idGap, side{ok: true}},
		{"naming the account delegates to the identity side", withGrant(grantAccount, nil), idGap, idGap},
		{"naming no one", withGrant(grantNone, nil), idOK, side{gap: ResourcePolicy}},
	}
	for _, tt := range tests {
		if got := resourceSide(tt.vs, tt.id, tt.vs.limitGaps()); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.reason, got, tt.want)
		}
	}
}

// TestStepTrustWithinBoundary: a trust policy that names the caller still
// needs the caller's permissions boundary to allow sts:AssumeRole (IAM
// User Guide, "Update a role trust policy", Notes); other resource-based
// policies that name the caller do not (TestStepResourceSide).
func TestStepTrustWithinBoundary(t *testing.T) {
	ok, boundaryGap := side{ok: true}, side{gap: PermissionsBoundary}
	noLimit, limited := limitGaps{}, limitGaps{boundary: 1}
	tests := []struct {
		reason string
		f      facts
		res    side
		lim    limitGaps
		want   side
	}{
		{"AssumeRole granted by the trust policy, boundary without Allow", facts{assumesRole: true}, ok, limited, boundaryGap},
		{"AssumeRole granted, boundary allows", facts{assumesRole: true}, ok, noLimit, ok},
		{"another action granted by a resource policy, boundary without Allow", facts{}, ok, limited, ok},
		{"AssumeRole not granted keeps its own gap", facts{assumesRole: true}, side{gap: ResourcePolicy}, limited, side{gap: ResourcePolicy}},
	}
	for _, tt := range tests {
		if got := trustWithinBoundary(&tt.f, tt.res, tt.lim); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.reason, got, tt.want)
		}
	}
}

// TestStepAccounts: across accounts both sides must allow ("Cross-account
// policy evaluation logic"); within one, either may, except where only the
// resource's own policy can (a role's trust policy, a KMS key policy).
func TestStepAccounts(t *testing.T) {
	idOK, idGap := side{ok: true}, side{gap: IdentityPolicy}
	resOK, resGap := side{ok: true}, side{gap: ResourcePolicy}
	granted := vset(nil)
	granted.t[ResourcePolicy] = typeVerdict{present: true, allow: true, grant: grantAccount}
	tests := []struct {
		reason    string
		f         facts
		vs        *verdicts
		id, res   side
		want      Decision
		wantStage Stage
	}{
		{"cross-account: no resource grant", facts{crossAccount: true}, vset(nil), idOK, resGap, ImplicitDeny, Stage{Type: ResourcePolicy}},
		{"cross-account: the caller's side must allow too", facts{crossAccount: true}, granted, idGap, resOK, ImplicitDeny, Stage{Type: IdentityPolicy}},
		{"cross-account: both sides allow", facts{crossAccount: true}, granted, idOK, resOK, Allow, Stage{Type: ResourcePolicy}},
		{"same account: the resource policy alone", facts{}, vset(nil), idGap, resOK, Allow, Stage{Type: ResourcePolicy}},
		{"same account: identity policies alone", facts{}, vset(nil), idOK, resGap, Allow, Stage{Type: IdentityPolicy}},
		{"same account: a trust policy must allow", facts{needsGrant: true}, vset(nil), idOK, resGap, ImplicitDeny, Stage{Type: ResourcePolicy}},
		{"same account: neither", facts{}, vset(nil), idGap, resGap, ImplicitDeny, Stage{Type: IdentityPolicy}},
		{"same account: a grant that failed its limits names them", facts{}, granted, idGap, side{gap: PermissionsBoundary}, ImplicitDeny, Stage{Type: PermissionsBoundary}},
	}
	for _, tt := range tests {
		var d Decision
		var st Stage
		if tt.f.crossAccount {
			d, st = crossAccount(tt.vs, tt.id)
		} else {
			d, st = sameAccount(&tt.f, tt.vs, tt.id, tt.res)
		}
		if d != tt.want || st != tt.wantStage {
			t.Errorf("%s: %v at %v, want %v at %v", tt.reason, d, st, tt.want, tt.wantStage)
		}
	}
	if !rootAssumesRole(&facts{kind: callerRoot, assumesRole: true}) || rootAssumesRole(&facts{kind: callerUser, assumesRole: true}) {
		t.Error("rootAssumesRole: only the root user calling AssumeRole is refused (STS API Reference, AssumeRole)")
	}
}

// TestWithSharesStages: a set derived with WithSession or WithResource
// decides as Compile of the whole would, and shares the stages it keeps.
func TestWithSharesStages(t *testing.T) {
	id := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	onlyGet := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	bucket := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}`)
	scp := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	base := Policies{Identity: []*policy.Policy{id}, SCPs: [][]*policy.Policy{{scp}}}
	set, err := Compile(base)
	if err != nil {
		t.Fatal(err)
	}
	withSes, err := set.WithSession(onlyGet)
	if err != nil {
		t.Fatal(err)
	}
	withBoth, err := withSes.WithResource(bucket)
	if err != nil {
		t.Fatal(err)
	}
	noSes, err := withBoth.WithSession()
	if err != nil {
		t.Fatal(err)
	}
	if withBoth.stages[0].rules != set.stages[0].rules {
		t.Error("the identity stage was not shared")
	}
	for _, tc := range []struct {
		reason string
		got    *PolicySet
		ps     Policies
	}{
		{"WithSession", withSes, Policies{Identity: base.Identity, SCPs: base.SCPs, Session: []*policy.Policy{onlyGet}}},
		{"WithSession then WithResource", withBoth, Policies{Identity: base.Identity, SCPs: base.SCPs, Session: []*policy.Policy{onlyGet}, Resource: bucket}},
		{"WithSession() removes the session policies", noSes, Policies{Identity: base.Identity, SCPs: base.SCPs, Resource: bucket}},
	} {
		want, err := Compile(tc.ps)
		if err != nil {
			t.Fatal(err)
		}
		if got, w := tc.got.String(), want.String(); got != w {
			t.Errorf("%s: %s, want %s", tc.reason, got, w)
		}
		for _, action := range []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"} {
			r := userRequest(nil)
			r.Action = action
			p, err := r.Prepare()
			if err != nil {
				t.Fatal(err)
			}
			if g, w := tc.got.Explain(p), want.Explain(p); g.Decision != w.Decision || g.Stage != w.Stage {
				t.Errorf("%s, %s: %v at %v, want %v at %v", tc.reason, action, g.Decision, g.Stage, w.Decision, w.Stage)
			}
		}
	}
	if _, err := set.WithResource(mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`)); err == nil {
		t.Error("WithResource accepted a policy AWS would refuse")
	}
	if _, err := set.WithSession(nil); err == nil {
		t.Error("WithSession accepted a nil policy")
	}
	var zero PolicySet
	if s, err := zero.WithSession(onlyGet); err != nil || s.Decide(mustPrepare(t, userRequest(nil))) != ImplicitDeny {
		t.Errorf("a zero set with a session policy: %v", err)
	}
}

func mustPrepare(t *testing.T, r Request) *Prepared {
	t.Helper()
	p, err := r.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExceptionTriggers: decide skips the exception steps when
// mayBeException says none can decide, so whenever exceptions decides,
// mayBeException must have said it might, and then decide answers as the
// exceptions do. Random facts and verdicts (every rule, caller kind and
// grant; each type present, allowing, denying at random).
func TestExceptionTriggers(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 13))
	decided := 0
	for range 50000 {
		f := facts{
			kind:         principalKind(rng.IntN(int(callerAnonymous) + 1)),
			crossAccount: rng.IntN(2) == 0,
			needsGrant:   rng.IntN(4) == 0,
			assumesRole:  rng.IntN(3) == 0,
			rule:         Rule(rng.IntN(int(numRules) + 1)),
		}
		if rng.IntN(2) == 0 {
			f.rule = NoRule
		}
		m := map[PolicyType]typeVerdict{}
		for typ := range PolicyType(numPolicyTypes) {
			if typ != IdentityPolicy && rng.IntN(3) != 0 {
				continue
			}
			v := typeVerdict{present: true, allow: rng.IntN(5) != 0, deny: rng.IntN(6) == 0, grant: grant(rng.IntN(int(grantDirect) + 1))}
			v.denyLevel, v.gapLevel = int32(rng.IntN(3)), int32(rng.IntN(3))
			m[typ] = v
		}
		vs := vset(m)
		d, st, ok := exceptions(&f, vs)
		if !ok {
			continue
		}
		decided++
		if !mayBeException(&f, vs) {
			t.Fatalf("exceptions decides %v %v for %+v %+v, but mayBeException says none can", d, st, f, *vs)
		}
		if gd, gst := decide(&f, vs); gd != d || gst != st {
			t.Fatalf("decide %v %v, exceptions %v %v for %+v %+v", gd, gst, d, st, f, *vs)
		}
	}
	if decided < 1000 {
		t.Fatalf("only %d of the cases reached an exception: the generator does not test the triggers", decided)
	}
}
