package evaluate

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestCompileRefusesWhatAWSRefuses: a policy AWS would refuse to store in
// its slot never reaches the engine (IAM User Guide, "IAM JSON policy
// element reference"; AWS Organizations User Guide, "SCP syntax", "RCP
// syntax").
func TestCompileRefusesWhatAWSRefuses(t *testing.T) {
	const (
		noResource        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`
		withPrincipal     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
		noVersion         = `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
		trust             = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
		bucket            = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
		neither           = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`
		trustNotPrincipal = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
		rcpConditional    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	)
	tests := []struct {
		reason  string
		ps      func(p *policy.Policy) Policies
		src     string
		refused bool
		code    string // a finding the refusal must hold
	}{
		{"an identity statement needs Resource or NotResource", func(p *policy.Policy) Policies { return Policies{Identity: []*policy.Policy{p}} }, noResource, true, "MISSING_RESOURCE"},
		{"an identity policy names no Principal", func(p *policy.Policy) Policies { return Policies{Identity: []*policy.Policy{p}} }, withPrincipal, true, "UNSUPPORTED_PRINCIPAL"},
		{"an identity policy may be inline, which needs no Version", func(p *policy.Policy) Policies { return Policies{Identity: []*policy.Policy{p}} }, noVersion, false, ""},
		{"a permissions boundary is a managed policy, which needs a Version", func(p *policy.Policy) Policies { return Policies{Boundary: p} }, noVersion, true, "MISSING_VERSION"},
		{"a session policy needs Resource", func(p *policy.Policy) Policies { return Policies{Session: []*policy.Policy{p}} }, noResource, true, "MISSING_RESOURCE"},
		{"the resource slot takes a role trust policy, which has no Resource", func(p *policy.Policy) Policies { return Policies{Resource: p} }, trust, false, ""},
		{"the resource slot takes a resource-based policy", func(p *policy.Policy) Policies { return Policies{Resource: p} }, bucket, false, ""},
		{"a resource-slot statement with neither Principal nor Resource is neither", func(p *policy.Policy) Policies { return Policies{Resource: p} }, neither, true, "MISSING_PRINCIPAL"},
		{"a trust policy with NotPrincipal is refused as a trust policy", func(p *policy.Policy) Policies { return Policies{Resource: p} }, trustNotPrincipal, true, "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"},
		{"an SCP names no Principal", func(p *policy.Policy) Policies { return Policies{SCPs: [][]*policy.Policy{{p}}} }, withPrincipal, true, "SCP_SYNTAX_ERROR_PRINCIPAL"},
		{"an RCP allows only in the RCPFullAWSAccess form", func(p *policy.Policy) Policies { return Policies{RCPs: [][]*policy.Policy{{p}}} }, rcpConditional, true, "RCP_SYNTAX_ERROR_ALLOW"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			p := mustPolicy(t, tt.src)
			set, err := Compile(tt.ps(p))
			if !tt.refused {
				if err != nil {
					t.Fatalf("Compile: %v", err)
				}
				return
			}
			var re *RefusedError
			if !errors.As(err, &re) || set != nil {
				t.Fatalf("Compile: %v, want a *RefusedError", err)
			}
			var list policy.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("the refusal does not wrap a policy.ErrorList: %v", err)
			}
			found := false
			for _, f := range list {
				found = found || string(f.Code) == tt.code
			}
			if !found {
				t.Errorf("findings %v hold no %s", list, tt.code)
			}
			if !strings.Contains(err.Error(), re.Type.phrase()+" "+re.Slot()) {
				t.Errorf("the error does not name the slot: %v", err)
			}
		})
	}
}

// TestNoResourceNeverGrants: today's regression, an identity policy with
// no Resource that allowed every resource. Compile refuses it; even
// compiled on purpose, the statement matches nothing.
func TestNoResourceNeverGrants(t *testing.T) {
	p := mustPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`)
	ps := Policies{Identity: []*policy.Policy{p}}
	if _, err := Compile(ps); err == nil {
		t.Fatal("Compile accepted an identity statement with no Resource")
	}
	if _, err := Evaluate(ps, userRequest(nil)); err == nil {
		t.Fatal("Evaluate accepted an identity statement with no Resource")
	}
	set, err := CompileUnchecked(ps)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []string{"*", photosItem, "arn:aws:s3:::other/x"} {
		r := userRequest(nil)
		r.Resource = res
		prep, err := r.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		if d := set.Decide(prep); d != ImplicitDeny {
			t.Errorf("resource %s: %v, want ImplicitDeny", res, d)
		}
	}
}

// TestTrustStatementsNameOnlyTheRole: a statement without Resource in the
// resource slot is a role trust policy's; it matches an STS call on the
// role, and nothing else.
func TestTrustStatementsNameOnlyTheRole(t *testing.T) {
	trust := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"*"}]}`)
	set, err := Compile(Policies{Resource: trust})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		action, resource string
		want             Decision
	}{
		{"sts:AssumeRole", "arn:aws:iam::111111111111:role/R", Allow},
		{"sts:TagSession", "arn:aws:iam::111111111111:role/R", Allow},
		{"s3:GetObject", photosItem, ImplicitDeny},
		{"sts:AssumeRole", "*", ImplicitDeny},
	} {
		p, err := Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: tc.action, Resource: tc.resource, ResourceAccount: "111111111111"}.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		if d := set.Decide(p); d != tc.want {
			t.Errorf("%s on %s: %v, want %v", tc.action, tc.resource, d, tc.want)
		}
	}
}

// TestStatementsWithoutResourceInTheResourceSlot: the resource slot's
// statements without Resource govern the resource the policy is attached
// to. An Amazon ECR repository policy's (AWS documents them so) allow and
// deny on the repository, also across accounts; any other resource's
// policy, which its service would refuse to store, keeps its Deny (which
// only takes access away) and grants nothing.
func TestStatementsWithoutResourceInTheResourceSlot(t *testing.T) {
	const (
		app  = "arn:aws:iam::222222222222:role/app"
		repo = "arn:aws:ecr:us-east-1:111111111111:repository/photos"
	)
	allowPull := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"`+app+`"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`)
	denyPull := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Sid":"DenyPull","Effect":"Deny","Principal":{"AWS":"`+app+`"},"Action":"ecr:BatchGetImage"}]}`)
	idAllows := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:BatchGetImage","s3:GetObject"],"Resource":"*"}]}`)
	for _, tc := range []struct {
		reason    string
		resource  *policy.Policy
		identity  bool
		target    string
		resAcct   string
		want      Decision
		wantStage PolicyType
	}{
		{"an ECR repository policy lets another account's role pull", allowPull, true, repo, "111111111111", Allow, ResourcePolicy},
		{"without the role's own Allow the cross-account pull fails", allowPull, false, repo, "111111111111", ImplicitDeny, IdentityPolicy},
		{"an ECR repository policy's Deny applies to the repository", denyPull, true, repo, "111111111111", ExplicitDeny, ResourcePolicy},
		{"an S3 bucket's policy without Resource grants nothing", allowPull, true, photosItem, "222222222222", Allow, IdentityPolicy},
		{"an S3 bucket's policy without Resource grants nothing, alone", mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+app+`"},"Action":"s3:GetObject"}]}`), false, photosItem, "222222222222", ImplicitDeny, IdentityPolicy},
		{"but its Deny still takes access away", mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"`+app+`"},"Action":"s3:GetObject"}]}`), true, photosItem, "222222222222", ExplicitDeny, ResourcePolicy},
	} {
		ps := Policies{Resource: tc.resource}
		if tc.identity {
			ps.Identity = []*policy.Policy{idAllows}
		}
		set, err := Compile(ps)
		if err != nil {
			t.Fatalf("%s: %v", tc.reason, err)
		}
		action := "ecr:BatchGetImage"
		if tc.target == photosItem {
			action = "s3:GetObject"
		}
		p, err := Request{Principal: app, Action: action, Resource: tc.target, ResourceAccount: tc.resAcct}.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		res := set.Explain(p)
		if res.Decision != tc.want || res.Stage.Type != tc.wantStage {
			t.Errorf("%s: %v at the %v stage, want %v at %v\n%s", tc.reason, res.Decision, res.Stage.Type, tc.want, tc.wantStage, res)
		}
		if d := set.Decide(p); d != tc.want {
			t.Errorf("%s: Decide %v, Explain %v", tc.reason, d, tc.want)
		}
	}
}

// TestCompileReportsEveryRefusal: several refused policies are each
// reported, in slot order.
func TestCompileReportsEveryRefusal(t *testing.T) {
	a := policy.MustParse("a.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`)
	b := policy.MustParse("b.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`)
	_, err := Compile(Policies{Identity: []*policy.Policy{a}, SCPs: [][]*policy.Policy{{b}}})
	if err == nil {
		t.Fatal("Compile accepted two refused policies")
	}
	msg := err.Error()
	if i, j := strings.Index(msg, "a.json"), strings.Index(msg, "b.json"); i < 0 || j < i {
		t.Errorf("want both policies, identity first: %s", msg)
	}
	var re *RefusedError
	if !errors.As(err, &re) || re.Type != IdentityPolicy || re.Policy != "a.json" || re.Slot() != "Identity[0]" {
		t.Errorf("first refusal %+v", re)
	}
	if !strings.Contains(msg, "AWS would refuse b.json as an scp policy (the service control policy SCPs[0][0])") {
		t.Errorf("the SCP's refusal does not name its slot: %s", msg)
	}
}

// TestPolicyTypeKinds: the one mapping between PolicyType and policy.Kind.
func TestPolicyTypeKinds(t *testing.T) {
	for _, tc := range []struct {
		t     PolicyType
		kinds []policy.Kind
	}{
		{IdentityPolicy, []policy.Kind{policy.InlineRole, policy.InlineUser, policy.InlineGroup, policy.Identity}},
		{ResourcePolicy, []policy.Kind{policy.Resource, policy.Trust}},
		{PermissionsBoundary, []policy.Kind{policy.Boundary}},
		{SessionPolicy, []policy.Kind{policy.Session}},
		{SCP, []policy.Kind{policy.SCP}},
		{RCP, []policy.Kind{policy.RCP}},
	} {
		got := tc.t.Kinds()
		if len(got) != len(tc.kinds) {
			t.Fatalf("%v.Kinds() = %v, want %v", tc.t, got, tc.kinds)
		}
		for i, k := range tc.kinds {
			if got[i] != k {
				t.Errorf("%v.Kinds() = %v, want %v", tc.t, got, tc.kinds)
			}
			if back, ok := TypeOf(k); !ok || back != tc.t {
				t.Errorf("TypeOf(%v) = %v, %t; want %v", k, back, ok, tc.t)
			}
		}
	}
	if _, ok := TypeOf(policy.Kind(200)); ok {
		t.Error("TypeOf of an unknown kind is ok")
	}
	if PolicyType(9).Kinds() != nil {
		t.Error("an unknown PolicyType has kinds")
	}
}
