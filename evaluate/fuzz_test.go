package evaluate_test

// Fuzz targets of the engine, and the tests that it fails closed: an input
// it cannot read never grants.
//
//	go test -run='^$' -fuzz='^FuzzEvaluate$' -fuzztime=3m ./evaluate
//	go test -run='^$' -fuzz='^FuzzPrepare$' -fuzztime=3m ./evaluate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// scenarioDirs hold scenario files (../shared/conformance/FORMAT.md) that
// seed the fuzz targets; a missing folder is skipped.
var scenarioDirs = []string{"../../shared/conformance/scenarios", "../testdata/scenarios"}

// seedScenario is the part of a scenario file the seeds use.
type seedScenario struct {
	Request struct {
		Principal       string                     `json:"principal"`
		Action          string                     `json:"action"`
		Resource        string                     `json:"resource"`
		ResourceAccount string                     `json:"resourceAccount"`
		Context         map[string]json.RawMessage `json:"context"`
	} `json:"request"`
	IdentityPolicies    []json.RawMessage   `json:"identityPolicies"`
	ResourcePolicy      json.RawMessage     `json:"resourcePolicy"`
	PermissionsBoundary json.RawMessage     `json:"permissionsBoundary"`
	SessionPolicies     []json.RawMessage   `json:"sessionPolicies"`
	SCPs                [][]json.RawMessage `json:"scps"`
	RCPs                [][]json.RawMessage `json:"rcps"`
}

// readSeedScenarios reads every scenario of the scenario folders present.
func readSeedScenarios(tb testing.TB) []seedScenario {
	var out []seedScenario
	for _, dir := range scenarioDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				tb.Fatal(err)
			}
			var one seedScenario
			var many []seedScenario
			if json.Unmarshal(data, &one) == nil {
				out = append(out, one)
			} else if json.Unmarshal(data, &many) == nil {
				out = append(out, many...)
			}
		}
	}
	return out
}

// firstContext returns one context key of a seed and its first value.
func (s *seedScenario) firstContext() (string, string) {
	keys := make([]string, 0, len(s.Request.Context))
	for k := range s.Request.Context {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var one string
		var many []string
		raw := s.Request.Context[k]
		if json.Unmarshal(raw, &one) == nil {
			return k, one
		}
		if json.Unmarshal(raw, &many) == nil && len(many) > 0 {
			return k, many[0]
		}
	}
	return "", ""
}

// policies lists every policy text of a seed.
func (s *seedScenario) policies() []json.RawMessage {
	out := append([]json.RawMessage(nil), s.IdentityPolicies...)
	out = append(out, s.SessionPolicies...)
	for _, p := range []json.RawMessage{s.ResourcePolicy, s.PermissionsBoundary} {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	for _, l := range append(s.SCPs, s.RCPs...) {
		out = append(out, l...)
	}
	return out
}

var (
	allowAllSrc    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	allowAllResSrc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	denyAllSrc     = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`
)

// fuzzSlots places a fuzzed policy in each kind of place; the other places
// hold policies that allow everything, so that the fuzzed one decides.
type fuzzSlot struct {
	name      string
	principal bool // the place's statements name principals
	limits    bool // the place only narrows what the others allow
	place     func(p *policy.Policy) evaluate.Policies
}

var fuzzSlots = []fuzzSlot{
	{"identity", false, false, func(p *policy.Policy) evaluate.Policies {
		return evaluate.Policies{Identity: []*policy.Policy{p}}
	}},
	{"resource", true, false, func(p *policy.Policy) evaluate.Policies {
		return evaluate.Policies{Identity: []*policy.Policy{allowAll}, Resource: p}
	}},
	{"boundary", false, true, func(p *policy.Policy) evaluate.Policies {
		return evaluate.Policies{Identity: []*policy.Policy{allowAll}, Boundary: p}
	}},
	{"session", false, true, func(p *policy.Policy) evaluate.Policies {
		return evaluate.Policies{Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{p}}
	}},
	{"scp", false, true, func(p *policy.Policy) evaluate.Policies {
		return evaluate.Policies{Identity: []*policy.Policy{allowAll}, SCPs: [][]*policy.Policy{{allowAll}, {p}}}
	}},
	{"rcp", true, true, func(p *policy.Policy) evaluate.Policies {
		return evaluate.Policies{Identity: []*policy.Policy{allowAll}, Resource: allowAllRes, RCPs: [][]*policy.Policy{{p}}}
	}},
}

var (
	allowAll    = policy.MustParse("allow-all.json", allowAllSrc)
	allowAllRes = policy.MustParse("allow-all-resource.json", allowAllResSrc)
	denyAll     = policy.MustParse("deny-all.json", denyAllSrc)
)

// compileLaws compiles policies for tests of the engine's laws, which hold
// for every policy the parser accepts: what Compile refuses (only ever
// with *RefusedError) is compiled with CompileUnchecked.
func compileLaws(tb testing.TB, ps evaluate.Policies) *evaluate.PolicySet {
	tb.Helper()
	set, err := evaluate.Compile(ps)
	if err == nil {
		return set
	}
	var re *evaluate.RefusedError
	if !errors.As(err, &re) {
		tb.Fatalf("Compile: %T %v, want a *RefusedError", err, err)
	}
	if set, err = evaluate.CompileUnchecked(ps); err != nil {
		tb.Fatalf("CompileUnchecked: %v", err)
	}
	return set
}

// decideBoth decides with Decide and Explain and fails when they disagree
// or when the decision is not one of the three. A policy that Compile
// refuses (only with a *RefusedError) is decided through CompileUnchecked:
// the engine's laws hold for it too.
// preparedAlikeFuzz: the request given as Values and prepared for a set
// (which reads only what its policies read) is refused when
// Request.Prepare refuses it, and decides as Request.Prepare's Prepared.
func preparedAlikeFuzz(t *testing.T, req evaluate.Request, vals []evaluate.KeyValue, want *evaluate.Prepared, wantErr error) {
	t.Helper()
	set := compileLaws(t, richPolicies())
	byValues := req
	byValues.Context, byValues.Values = nil, vals
	for _, r := range []evaluate.Request{req, byValues} {
		p, err := set.Prepare(r)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("PolicySet.Prepare: %v, Request.Prepare: %v (Values %t)", err, wantErr, r.Values != nil)
		}
		if err != nil {
			if _, ok := err.(*evaluate.RequestError); !ok {
				t.Fatalf("PolicySet.Prepare: %T %v, want a *evaluate.RequestError", err, err)
			}
			continue
		}
		if d, w := set.Decide(p), set.Decide(want); d != w {
			t.Fatalf("PolicySet.Prepare decides %v, Request.Prepare %v (Values %t)", d, w, r.Values != nil)
		}
		if d, err := set.DecideRequest(r); err != nil || d != set.Decide(want) {
			t.Fatalf("DecideRequest: %v %v, Request.Prepare decides %v", d, err, set.Decide(want))
		}
	}
}

func decideBoth(t *testing.T, ps evaluate.Policies, p *evaluate.Prepared) evaluate.Decision {
	t.Helper()
	set := compileLaws(t, ps)
	d := set.Decide(p)
	res := set.Explain(p)
	switch d {
	case Allow, ImplicitDeny, ExplicitDeny:
	default:
		t.Fatalf("Decide returned %v", d)
	}
	if res.Decision != d {
		t.Fatalf("Decide says %v, Explain says %v: %s", d, res.Decision, res)
	}
	_ = res.String()
	return d
}

func FuzzEvaluate(f *testing.F) {
	for _, s := range readSeedScenarios(f) {
		k, v := s.firstContext()
		for _, p := range s.policies() {
			r := s.Request
			f.Add([]byte(p), r.Principal, r.Action, r.Resource, r.ResourceAccount, k, v)
		}
	}
	g := newGen(500)
	for range 40 {
		c := g.caseFor()
		var k, v string
		for key, vals := range c.req.Context {
			k, v = key, vals[0]
			break
		}
		for _, ref := range c.slots() {
			f.Add([]byte(c.policyAt(ref).render(plain())), c.req.Principal, c.req.Action, c.req.Resource, c.req.ResourceAccount, k, v)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, principal, action, resource, resourceAccount, ctxKey, ctxVal string) {
		p, err := policy.Parse("fuzz.json", src)
		if err != nil {
			return
		}
		req := evaluate.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: resourceAccount}
		if ctxKey != "" {
			req.Context = map[string][]string{ctxKey: {ctxVal}}
		}
		prep, err := req.Prepare()
		if err != nil {
			var re *evaluate.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("Prepare: %T %v, want a *RequestError", err, err)
			}
			return
		}
		doc := p.Document()
		for _, slot := range fuzzSlots {
			checkSlotLaws(t, slot, p, doc, prep)
		}
	})
}

// checkSlotLaws checks the engine's laws for a fuzzed policy in one place:
// a limit never grants; a blanket Deny, in an identity policy of its own
// or added to the fuzzed policy, always denies (but for a service-linked
// role's SCPs and RCPs, which do not apply to it, for RCPs on a service
// they do not support, and for the bucket owner's root user managing its
// bucket policy, which does not bind it).
func checkSlotLaws(t *testing.T, slot fuzzSlot, p *policy.Policy, doc policy.Document, prep *evaluate.Prepared) {
	t.Helper()
	name, principal, limits, place := slot.name, slot.principal, slot.limits, slot.place
	ps := place(p)
	d := decideBoth(t, ps, prep)
	if limits && d == Allow && !federated(prep) {
		// A limit never grants: without it, the others allow too.
		if d0 := decideBoth(t, withoutLimits(ps), prep); d0 != Allow {
			t.Fatalf("%s: the policy allows what the other policies alone do not (%v)", name, d0)
		}
	}

	if callerIdentity(prep) {
		// "No permissions are required" for sts:GetCallerIdentity, "even
		// under an explicit deny" (AWS STS API Reference), nor for
		// sts:GetSessionToken of a user or root ("You cannot use policies
		// to control authentication operations", IAM User Guide,
		// "Permissions for GetSessionToken"): no law of the policies
		// applies, and it is always allowed.
		if d != Allow {
			t.Fatalf("%s: sts:GetCallerIdentity (or GetSessionToken) of a signed caller is %v, want Allow", name, d)
		}
		return
	}

	// A blanket Deny in an identity policy of its own.
	withDeny := ps
	withDeny.Identity = append(slices.Clip(ps.Identity), denyAll)
	if d := decideBoth(t, withDeny, prep); d != ExplicitDeny {
		t.Fatalf("%s: with a deny-all identity policy the decision is %v, want ExplicitDeny", name, d)
	}

	// A blanket Deny statement added to the fuzzed policy itself.
	if len(doc.Statement) >= policy.MaxStatements {
		return
	}
	deny := policy.Statement{Effect: policy.Deny, Action: []string{"*"}, Resource: []string{"*"}}
	if principal {
		deny.Principal = policy.Everyone()
	}
	d2 := doc
	d2.Statement = append(slices.Clip(doc.Statement), deny)
	q, err := policy.Build("fuzz+deny.json", d2)
	if err != nil {
		t.Fatalf("the parsed policy with a Deny statement added does not build: %v\n%s", err, policy.Print(d2))
	}
	d3 := decideBoth(t, place(q), prep)
	if (name == "scp" || name == "rcp") && serviceLinked(prep) {
		// "SCPs do not affect service-linked roles", nor do RCPs.
		if d3 != d {
			t.Fatalf("%s: a service-linked role's decision changed with its SCPs or RCPs: %v, then %v", name, d, d3)
		}
		return
	}
	if name == "rcp" && !evaluate.RCPsApply(prep.Request().Action) {
		// RCPs bind only the services that support them (AWS
		// Organizations User Guide, "Resource control policies (RCPs)").
		if d3 != d {
			t.Fatalf("rcp: the decision on an action of a service RCPs do not apply to changed with the RCP: %v, then %v", d, d3)
		}
		return
	}
	if name == "resource" && bucketOwnerRoot(prep) {
		// "the root principal in a bucket owner's AWS account can perform
		// the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API
		// actions, even if their bucket policy explicitly denies the root
		// principal's access" (Amazon S3 API Reference, PutBucketPolicy).
		if d3 != d {
			t.Fatalf("resource: the bucket owner root's decision on its bucket policy changed with the bucket policy: %v, then %v", d, d3)
		}
		return
	}
	if name == "scp" && (prep.Request().Principal == evaluate.Anonymous || servicePrincipal(prep)) {
		// SCPs limit the principals of member accounts; an anonymous
		// caller is none (AWS Organizations User Guide, "Understanding
		// SCPs and RCPs"), nor is an AWS service principal ("SCPs affect
		// only IAM users and roles that are managed by accounts that are
		// part of the organization", "SCP effects on permissions").
		if d3 != d {
			t.Fatalf("scp: an anonymous or service caller's decision changed with its SCPs: %v, then %v", d, d3)
		}
		return
	}
	if d3 != ExplicitDeny {
		t.Fatalf("%s: with a blanket Deny statement added the decision is %v, want ExplicitDeny\n%s", name, d3, policy.Print(d2))
	}
}

// callerIdentity reports whether the request is sts:GetCallerIdentity by
// a signed caller, or sts:GetSessionToken by a user or root with long-term
// credentials: both need no permission.
func callerIdentity(p *evaluate.Prepared) bool {
	set, err := evaluate.Compile(evaluate.Policies{})
	if err != nil {
		return false
	}
	r := set.Explain(p).Stage.Rule
	return r == evaluate.RuleCallerIdentity || r == evaluate.RuleGetSessionToken
}

// bucketOwnerRoot reports whether the request is the bucket owner's root
// user getting, putting or deleting the bucket policy, which the bucket
// policy does not bind.
func bucketOwnerRoot(p *evaluate.Prepared) bool {
	set, err := evaluate.Compile(evaluate.Policies{Resource: allowAllRes})
	return err == nil && slices.Contains(set.Explain(p).Rules, evaluate.RuleBucketOwnerRoot)
}

// servicePrincipal reports whether the caller is an AWS service principal.
func servicePrincipal(p *evaluate.Prepared) bool {
	v, ok := p.Lookup("aws:principalisawsservice")
	return ok && v == "true"
}

// serviceLinked reports whether the caller is a session of a service-linked
// role, whose role path (in aws:PrincipalArn) is /aws-service-role/.
func serviceLinked(p *evaluate.Prepared) bool {
	session, err := arn.Parse(p.Request().Principal)
	if err != nil || (session.Kind() != arn.KindAssumedRole && session.Kind() != arn.KindRole) {
		return false
	}
	if session.Kind() == arn.KindRole {
		return strings.HasPrefix(session.Path(), "/aws-service-role/")
	}
	s, _ := p.Lookup("aws:principalarn")
	role, err := arn.Parse(s)
	return err == nil && role.Kind() == arn.KindRole && role.Name() == session.Name() && role.Account() == session.Account() &&
		strings.HasPrefix(role.Path(), "/aws-service-role/")
}

// withoutLimits removes the boundary, session policies, SCPs and RCPs.
func withoutLimits(ps evaluate.Policies) evaluate.Policies {
	return evaluate.Policies{Identity: ps.Identity, Resource: ps.Resource}
}

// federated reports whether the caller is a federated user, which without a
// session policy has no permissions (so a session policy can grant).
func federated(p *evaluate.Prepared) bool {
	return strings.Contains(p.Request().Principal, ":federated-user/")
}

// richPolicies use every operator family, policy variables, NotPrincipal
// and every place, so that a fuzzed request goes through all of the engine.
var richPolicies = sync.OnceValue(func() evaluate.Policies {
	cond := `{
		"StringLike": {"aws:PrincipalTag/team": ["ph*", "${aws:username}"]},
		"StringNotEqualsIgnoreCase": {"aws:userid": "X"},
		"NumericLessThanIfExists": {"s3:max-keys": "100"},
		"DateGreaterThanIfExists": {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
		"BoolIfExists": {"aws:SecureTransport": "true"},
		"IpAddressIfExists": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]},
		"BinaryEqualsIfExists": {"s3:x-amz-bin": "aGVsbG8="},
		"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:s3:::*"},
		"ForAnyValue:StringLike": {"aws:TagKeys": ["t*", "${aws:PrincipalTag/team}"]},
		"ForAllValues:StringEquals": {"aws:CalledVia": ["athena.amazonaws.com"]},
		"Null": {"aws:TokenIssueTime": "true"}
	}`
	id := policy.MustParse("rich-identity.json", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["s3:*","sts:AssumeRole*","ec2:Describe*"],"Resource":["arn:aws:s3:::${aws:username}/*","arn:aws:s3:::photos/*","arn:aws:iam::*:role/*","*"],"Condition":`+cond+`},
		{"Effect":"Deny","NotAction":"s3:*","NotResource":"arn:aws:iam::*:role/App","Condition":{"StringEquals":{"aws:PrincipalTag/block":"yes"}}}]}`)
	res := policy.MustParse("rich-resource.json", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":["111111111111","arn:aws:iam::222222222222:root","arn:aws:iam::111111111111:role/App","arn:aws:sts::111111111111:assumed-role/App/s1"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com"},"Action":"*","Resource":"*"},
		{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::111111111111:user/alice"]},"Action":"s3:Delete*","Resource":"*"},
		{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::public/*"}]}`)
	bnd := policy.MustParse("rich-boundary.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:RequestedRegion":"us-east-1"}}}]}`)
	scp := policy.MustParse("rich-scp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin"}}}]}`)
	rcp := policy.MustParse("rich-rcp.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-1"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}`)
	return evaluate.Policies{Identity: []*policy.Policy{id}, Resource: res, Boundary: bnd, Session: []*policy.Policy{allowAll},
		SCPs: [][]*policy.Policy{{scp}, {allowAll}}, RCPs: [][]*policy.Policy{{rcp}}}
})

var requestFields = []string{"Principal", "Action", "Resource", "ResourceAccount", "Context"}

func FuzzPrepare(f *testing.F) {
	for _, s := range readSeedScenarios(f) {
		k, v := s.firstContext()
		r := s.Request
		f.Add(r.Principal, r.Action, r.Resource, r.ResourceAccount, k, v, "aws:TagKeys", "team")
	}
	for _, seed := range [][8]string{
		{"arn:aws:sts::111111111111:assumed-role/App/s1", "S3:GETOBJECT", "arn:aws:s3:::alice/x", "", "aws:username", "alice", "AWS:USERNAME", "bob"},
		{"arn:aws:iam::111111111111:role/path/App", "sts:AssumeRole", "arn:aws:iam::111111111111:role/App", "", "aws:PrincipalArn", "arn:aws:iam::111111111111:role/path/App", "s3:max-keys", "1e3"},
		{"ec2.amazonaws.com", "sts:AssumeRole", "arn:aws:iam::111111111111:role/App", "", "aws:SourceIp", "10.0.0.1", "aws:CurrentTime", "2024-02-29T23:59:60Z"},
		{"arn:aws:iam::111111111111:saml-provider/Okta", "sts:AssumeRoleWithSAML", "arn:aws:iam::111111111111:role/App", "111111111111", "aws:SourceIp", "::ffff:10.0.0.1", "s3:x-amz-bin", "aGVsbG8"},
		{"arn:aws:sts::222222222222:federated-user/fed", "s3:GetObject", "arn:aws:s3:::photos/x", "111111111111", "aws:TokenIssueTime", "", "aws:SecureTransport", "TRUE"},
		{"arn:aws:iam::111111111111:root", "iam:CreateUser", "*", "", "aws:PrincipalTag/team", "${aws:username}", "aws:TagKeys", "t*"},
		{"cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/App", "", "s3:max-keys", " 10", "s3:max-keys", "10"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3], seed[4], seed[5], seed[6], seed[7])
	}
	f.Fuzz(func(t *testing.T, principal, action, resource, resourceAccount, k1, v1, k2, v2 string) {
		req := evaluate.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: resourceAccount,
			Context: map[string][]string{k1: {v1}}}
		req.Context[k2] = append(req.Context[k2], v2, v1)
		p, err := req.Prepare()
		preparedAlikeFuzz(t, req, []evaluate.KeyValue{{Key: k1, Value: v1}, {Key: k2, Value: v2}, {Key: k2, Value: v1}}, p, err)
		if err != nil {
			re, ok := err.(*evaluate.RequestError)
			if !ok {
				t.Fatalf("Prepare: %T %v, want a *evaluate.RequestError", err, err)
			}
			if !slices.Contains(requestFields, re.Field) || re.Msg == "" || re.Error() == "" {
				t.Fatalf("Prepare: a RequestError without a known field or a message: %#v", re)
			}
			return
		}
		keys := p.ContextKeys()
		if !slices.IsSorted(keys) {
			t.Errorf("ContextKeys not sorted: %q", keys)
		}
		for _, k := range keys {
			if k != strings.ToLower(k) {
				t.Errorf("ContextKeys holds %q, not in lower case", k)
			}
		}
		ps := richPolicies()
		decideBoth(t, ps, p)
		ps.Identity = append(slices.Clip(ps.Identity), denyAll)
		if d := decideBoth(t, ps, p); d != ExplicitDeny {
			t.Fatalf("with a deny-all identity policy the decision is %v", d)
		}
		checkValueEqualsItself(t, v1)
		checkValueEqualsItself(t, v2)
	})
}
