package evaluate

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestEndpointPolicy: a request made through a VPC endpoint must be
// allowed by the endpoint's policy as well; the endpoint policy "does not
// override or replace identity-based policies or resource-based policies"
// (AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint
// policies").
func TestEndpointPolicy(t *testing.T) {
	const (
		alice = "arn:aws:iam::111111111111:user/alice"
		root  = "arn:aws:iam::111111111111:root"
	)
	readAll := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	onlyPhotos := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}]}`)
	denyPhotos := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}]}`)
	accountOnly := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "*", "Resource": "*"}]}`)
	aliceOnly := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "*", "Resource": "*"}]}`)
	publicBucket := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}`)
	get := func(principal, resource string) Request {
		return Request{Principal: principal, Action: "s3:GetObject", Resource: resource, ResourceAccount: "111111111111",
			Context: ctx{"aws:SourceVpce": {"vpce-1a2b3c4d"}}}
	}
	id := []*policy.Policy{readAll}
	for _, c := range []ruleCase{
		{"the endpoint allows the bucket", Policies{Identity: id, Endpoint: onlyPhotos}, get(alice, "arn:aws:s3:::photos/a.jpg"), Allow, NoRule},
		{"the endpoint does not allow another bucket", Policies{Identity: id, Endpoint: onlyPhotos}, get(alice, "arn:aws:s3:::other/a.jpg"), ImplicitDeny, NoRule},
		{"without an endpoint (not through one), the identity policy allows", Policies{Identity: id}, get(alice, "arn:aws:s3:::other/a.jpg"), Allow, NoRule},
		{"the endpoint policy grants nothing by itself", Policies{Endpoint: onlyPhotos}, get(alice, "arn:aws:s3:::photos/a.jpg"), ImplicitDeny, NoRule},
		{"a Deny in the endpoint policy is an explicit deny", Policies{Identity: id, Endpoint: denyPhotos}, get(alice, "arn:aws:s3:::photos/a.jpg"), ExplicitDeny, NoRule},
		{"the root user is limited by it too", Policies{Endpoint: onlyPhotos}, get(root, "arn:aws:s3:::other/a.jpg"), ImplicitDeny, NoRule},
		{"an anonymous caller through the endpoint", Policies{Resource: publicBucket, Endpoint: onlyPhotos}, get(Anonymous, "arn:aws:s3:::site/index.html"), ImplicitDeny, NoRule},
		{"an account principal names only the account's root user", Policies{Identity: id, Endpoint: accountOnly}, get(alice, "arn:aws:s3:::photos/a.jpg"), ImplicitDeny, NoRule},
		{"... whom it allows", Policies{Endpoint: accountOnly}, get(root, "arn:aws:s3:::photos/a.jpg"), Allow, NoRule},
		{"a named user", Policies{Identity: id, Endpoint: aliceOnly}, get(alice, "arn:aws:s3:::photos/a.jpg"), Allow, NoRule},
		{"another user", Policies{Identity: id, Endpoint: aliceOnly}, get("arn:aws:iam::111111111111:user/bob", "arn:aws:s3:::photos/a.jpg"), ImplicitDeny, NoRule},
	} {
		res := c.check(t)
		if c.want != Allow && c.ps.Endpoint != nil && len(c.ps.Identity) > 0 && res.Stage.Type != EndpointPolicy {
			t.Errorf("%s: decided at %v, want the endpoint stage", c.reason, res.Stage)
		}
	}
	res := mustExplain(t, Policies{Identity: id, Endpoint: onlyPhotos}, get(alice, "arn:aws:s3:::other/a.jpg"))
	if s := res.String(); !strings.Contains(s, "VPC endpoint policy") || strings.Contains(s, "identity-based policy allows") {
		t.Errorf("the explanation does not name the endpoint policy:\n%s", s)
	}
	if res.Stage.String() != "endpoint" {
		t.Errorf("Stage = %q, want endpoint", res.Stage)
	}
}

// TestEndpointPolicyRefused: an endpoint policy "must contain a Principal
// element" (AWS PrivateLink Guide); one AWS would refuse is never
// evaluated (fail closed), and the error names the slot.
func TestEndpointPolicyRefused(t *testing.T) {
	noPrincipal := mustPolicy(t, `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	_, err := Compile(Policies{Endpoint: noPrincipal})
	var re *RefusedError
	if !errors.As(err, &re) || re.Type != EndpointPolicy || re.Slot() != "Endpoint" || re.Kind != policy.VPCE {
		t.Fatalf("Compile of an endpoint policy without Principal: %v, want a RefusedError for the Endpoint slot", err)
	}
	notPrincipal := mustPolicy(t, `{"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "111111111111"}, "Action": "*", "Resource": "*"}]}`)
	if _, err := Compile(Policies{Endpoint: notPrincipal}); !errors.As(err, &re) {
		t.Errorf("NotPrincipal, not documented for endpoint policies, is accepted")
	}
	if k := EndpointPolicy.Kinds(); len(k) != 1 || k[0] != policy.VPCE {
		t.Errorf("EndpointPolicy.Kinds() = %v", k)
	}
	if typ, ok := TypeOf(policy.VPCE); !ok || typ != EndpointPolicy {
		t.Errorf("TypeOf(vpce) = %v %t", typ, ok)
	}
}

// TestStepEndpointGap: the endpoint step alone, on verdicts.
func TestStepEndpointGap(t *testing.T) {
	withGrant := func(g grant) typeVerdict {
		v := tv(true, false)
		v.grant = g
		return v
	}
	tests := []struct {
		reason string
		kind   principalKind
		vs     *verdicts
		gap    bool
	}{
		{"no endpoint policy", callerUser, vset(nil), false},
		{"an Allow naming the caller", callerUser, vset(map[PolicyType]typeVerdict{EndpointPolicy: withGrant(grantDirect)}), false},
		{"an Allow naming the caller's role", callerRoleSession, vset(map[PolicyType]typeVerdict{EndpointPolicy: withGrant(grantRole)}), false},
		{"no Allow", callerUser, vset(map[PolicyType]typeVerdict{EndpointPolicy: tv(false, false)}), true},
		{"an account principal, for a user", callerUser, vset(map[PolicyType]typeVerdict{EndpointPolicy: withGrant(grantAccount)}), true},
		{"an account principal, for its root user", callerRoot, vset(map[PolicyType]typeVerdict{EndpointPolicy: withGrant(grantAccount)}), false},
	}
	for _, tt := range tests {
		st, gap := endpointGap(&facts{kind: tt.kind}, tt.vs)
		if gap != tt.gap || gap && st != (Stage{Type: EndpointPolicy}) {
			t.Errorf("%s: %v %t, want gap %t", tt.reason, st, gap, tt.gap)
		}
	}
}
