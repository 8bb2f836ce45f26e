package evaluate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

const (
	ruleUser    = "arn:aws:iam::111111111111:user/alice"
	ruleAccount = "111111111111"
	denyAllDoc  = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`
	allowAllDoc = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
)

// ruleCase is one request under a set of policies, with the answer and
// the rule that must decide it (NoRule: a policy decides).
type ruleCase struct {
	reason string
	ps     Policies
	req    Request
	want   Decision
	rule   Rule
}

// check evaluates the case with Explain and Decide, which must agree, and
// checks the decision, the deciding rule, and that the explanation names
// the rule (never "no ... policy allows") when a rule decided.
func (c ruleCase) check(t *testing.T) *Result {
	t.Helper()
	set, err := Compile(c.ps)
	if err != nil {
		t.Fatalf("%s: Compile: %v", c.reason, err)
	}
	p, err := c.req.Prepare()
	if err != nil {
		t.Fatalf("%s: Prepare: %v", c.reason, err)
	}
	res := set.Explain(p)
	if d := set.Decide(p); d != res.Decision {
		t.Errorf("%s: Decide %v, Explain %v", c.reason, d, res.Decision)
	}
	if res.Decision != c.want || res.Stage.Rule != c.rule {
		t.Errorf("%s: %v decided by rule %q, want %v by rule %q\n%s", c.reason, res.Decision, res.Stage.Rule, c.want, c.rule, res)
	}
	if c.rule != NoRule {
		s := res.String()
		if !strings.Contains(s, c.rule.Text()) || !strings.Contains(s, c.rule.Source()) || strings.Contains(s, "policy allows") {
			t.Errorf("%s: the explanation does not name the rule %q as the reason:\n%s", c.reason, c.rule, s)
		}
		if !slices.Contains(res.Rules, c.rule) {
			t.Errorf("%s: Result.Rules %v lacks %q", c.reason, res.Rules, c.rule)
		}
	}
	return res
}

// TestRuleGetCallerIdentity: "No permissions are required to perform this
// operation. If an administrator attaches a policy to your identity that
// explicitly denies access to the sts:GetCallerIdentity action, you can
// still perform this operation" (AWS STS API Reference,
// "GetCallerIdentity").
func TestRuleGetCallerIdentity(t *testing.T) {
	denyAll := mustPolicy(t, denyAllDoc)
	gci := func(principal string) Request {
		return Request{Principal: principal, Action: "sts:GetCallerIdentity", Resource: "*"}
	}
	for _, c := range []ruleCase{
		{"a user with no policy at all", Policies{}, gci(ruleUser), Allow, RuleCallerIdentity},
		{"a user whose identity policy denies everything", Policies{Identity: []*policy.Policy{denyAll}}, gci(ruleUser), Allow, RuleCallerIdentity},
		{"a role session under an SCP that denies everything", Policies{SCPs: [][]*policy.Policy{{denyAll}}},
			gci("arn:aws:sts::111111111111:assumed-role/App/s1"), Allow, RuleCallerIdentity},
		{"a federated user without session policy", Policies{}, gci("arn:aws:sts::111111111111:federated-user/bob"), Allow, RuleCallerIdentity},
		{"the action in other letter case", Policies{Identity: []*policy.Policy{denyAll}},
			Request{Principal: ruleUser, Action: "STS:getcalleridentity", Resource: "*"}, Allow, RuleCallerIdentity},
		{"an unsigned request has no identity to return", Policies{}, gci(Anonymous), ImplicitDeny, NoRule},
		{"another STS action still needs a permission", Policies{Identity: []*policy.Policy{denyAll}},
			Request{Principal: ruleUser, Action: "sts:DecodeAuthorizationMessage", Resource: "*"}, ExplicitDeny, NoRule},
	} {
		c.check(t)
	}
}

// TestRuleTemporaryCredentials: what a session's temporary credentials
// cannot call, whatever the policies allow (AWS STS API Reference, each
// operation's "Permissions"). GetFederationToken: "You cannot call any IAM
// operations using the CLI or the AWS API" and "You cannot call any STS
// operations except GetCallerIdentity". AssumeRole (and
// AssumeRoleWithSAML, AssumeRoleWithWebIdentity): "You cannot call the AWS
// STS GetFederationToken or GetSessionToken API operations".
func TestRuleTemporaryCredentials(t *testing.T) {
	const (
		fed     = "arn:aws:sts::111111111111:federated-user/bob"
		session = "arn:aws:sts::111111111111:assumed-role/AppRole/s1"
		role    = "arn:aws:iam::111111111111:role/TargetRole"
	)
	allowAll := mustPolicy(t, allowAllDoc)
	all := Policies{Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{allowAll}}
	trust := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
		"Principal": {"AWS": ["arn:aws:sts::111111111111:federated-user/bob", "arn:aws:iam::111111111111:role/AppRole"]}, "Action": "sts:AssumeRole"}]}`)
	withTrust := all
	withTrust.Resource = trust
	req := func(principal, action, resource string) Request {
		return Request{Principal: principal, Action: action, Resource: resource}
	}
	for _, c := range []ruleCase{
		{"a federated user calls IAM", all, req(fed, "iam:ListUsers", "*"), ImplicitDeny, RuleFederatedUserCredentials},
		{"a federated user changes its own IAM user", all, req(fed, "iam:CreateAccessKey", "arn:aws:iam::111111111111:user/bob"), ImplicitDeny, RuleFederatedUserCredentials},
		{"a federated user assumes a role that trusts it", withTrust, req(fed, "sts:AssumeRole", role), ImplicitDeny, RuleFederatedUserCredentials},
		{"a federated user asks for a session token", all, req(fed, "sts:GetSessionToken", "*"), ImplicitDeny, RuleFederatedUserCredentials},
		{"a federated user may still call GetCallerIdentity", all, req(fed, "sts:GetCallerIdentity", "*"), Allow, RuleCallerIdentity},
		{"iam:PassRole is a permission another service checks, not an IAM operation", all, req(fed, "iam:PassRole", "arn:aws:iam::111111111111:role/EC2App"), Allow, NoRule},
		{"a federated user's other services are the policies' to decide", all, req(fed, "s3:GetObject", "arn:aws:s3:::b/k"), Allow, NoRule},
		{"a role session asks for a session token", all, req(session, "sts:GetSessionToken", "*"), ImplicitDeny, RuleRoleSessionCredentials},
		{"a role session calls GetFederationToken", all, req(session, "sts:GetFederationToken", "arn:aws:sts::111111111111:federated-user/x"), ImplicitDeny, RuleRoleSessionCredentials},
		{"a role session may chain to another role", withTrust, req(session, "sts:AssumeRole", role), Allow, NoRule},
		{"a role session may call IAM", all, req(session, "iam:ListUsers", "*"), Allow, NoRule},
		{"an IAM user may call GetFederationToken", all, req(ruleUser, "sts:GetFederationToken", "arn:aws:sts::111111111111:federated-user/x"), Allow, NoRule},
		{"an explicit deny still decides first", Policies{Identity: []*policy.Policy{mustPolicy(t, denyAllDoc)}, Session: []*policy.Policy{allowAll}},
			req(fed, "iam:ListUsers", "*"), ExplicitDeny, NoRule},
	} {
		c.check(t)
	}
}

// TestRuleGetSessionToken: "No permissions are required for a user to get
// a session token. ... You cannot use policies to control authentication
// operations" (IAM User Guide, "Permissions for GetSessionToken"); it, and
// GetFederationToken, must be called with the long-term credentials of an
// IAM user or the root user (AWS STS API Reference, "GetSessionToken",
// "GetFederationToken").
func TestRuleGetSessionToken(t *testing.T) {
	denyAll := mustPolicy(t, denyAllDoc)
	gst := func(principal string) Request {
		return Request{Principal: principal, Action: "sts:GetSessionToken", Resource: "*"}
	}
	temporary := gst("")
	temporary.Caller = &Caller{ARN: ruleUser, Temporary: true}
	fedTemporary := Request{Action: "sts:GetFederationToken", Resource: "arn:aws:sts::111111111111:federated-user/x", Caller: &Caller{ARN: ruleUser, Temporary: true}}
	for _, c := range []ruleCase{
		{"a user with no policy at all", Policies{}, gst(ruleUser), Allow, RuleGetSessionToken},
		{"a user whose identity policy denies everything", Policies{Identity: []*policy.Policy{denyAll}}, gst(ruleUser), Allow, RuleGetSessionToken},
		{"the root user", Policies{}, gst("arn:aws:iam::111111111111:root"), Allow, RuleGetSessionToken},
		{"a user signing with temporary credentials", Policies{}, temporary, ImplicitDeny, RuleLongTermCredentials},
		{"a user signing with temporary credentials calls GetFederationToken", Policies{Identity: []*policy.Policy{mustPolicy(t, allowAllDoc)}}, fedTemporary, ImplicitDeny, RuleLongTermCredentials},
		{"a user with long-term credentials calls GetFederationToken as the policies allow", Policies{Identity: []*policy.Policy{mustPolicy(t, allowAllDoc)}},
			Request{Principal: ruleUser, Action: "sts:GetFederationToken", Resource: "arn:aws:sts::111111111111:federated-user/x"}, Allow, NoRule},
		{"GetFederationToken still needs a permission", Policies{}, Request{Principal: ruleUser, Action: "sts:GetFederationToken", Resource: "arn:aws:sts::111111111111:federated-user/x"}, ImplicitDeny, NoRule},
		{"an unsigned request", Policies{}, gst(Anonymous), ImplicitDeny, RuleUnsignedRequest},
	} {
		c.check(t)
	}
}

// TestRuleBucketPolicy: S3's own rules for the operations on a bucket
// policy (Amazon S3 API Reference, "PutBucketPolicy", "GetBucketPolicy",
// "DeleteBucketPolicy"): the bucket owner's root user may always perform
// them, "even if their bucket policy explicitly denies the root principal's
// access" ("only ... VPC endpoint policies and AWS Organizations policies"
// can block it); any other caller "must ... belong to the bucket owner's
// account".
func TestRuleBucketPolicy(t *testing.T) {
	const root = "arn:aws:iam::111111111111:root"
	lockout := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
		"Resource": ["arn:aws:s3:::locked", "arn:aws:s3:::locked/*"]}]}`)
	shared := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "s3:*",
		"Resource": ["arn:aws:s3:::locked", "arn:aws:s3:::locked/*"]}]}`)
	scpAllow := mustPolicy(t, allowAllDoc)
	scpDeny := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucketPolicy", "Resource": "*"}]}`)
	allowAll := mustPolicy(t, allowAllDoc)
	req := func(principal, action string) Request {
		return Request{Principal: principal, Action: action, Resource: "arn:aws:s3:::locked", ResourceAccount: ruleAccount}
	}
	locked := Policies{Resource: lockout}
	for _, c := range []ruleCase{
		{"the owner's root deletes a bucket policy that denies everyone", locked, req(root, "s3:DeleteBucketPolicy"), Allow, NoRule},
		{"the owner's root puts a new one", locked, req(root, "s3:PutBucketPolicy"), Allow, NoRule},
		{"the owner's root reads it", locked, req(root, "s3:GetBucketPolicy"), Allow, NoRule},
		{"the owner's root is still denied the bucket's objects", locked, req(root, "s3:ListBucket"), ExplicitDeny, NoRule},
		{"an SCP still blocks the owner's root", Policies{Resource: lockout, SCPs: [][]*policy.Policy{{scpAllow, scpDeny}}}, req(root, "s3:DeleteBucketPolicy"), ExplicitDeny, NoRule},
		{"an IAM user of the owner's account is denied by the bucket policy", Policies{Identity: []*policy.Policy{allowAll}, Resource: lockout}, req(ruleUser, "s3:DeleteBucketPolicy"), ExplicitDeny, NoRule},
		{"another account's user, allowed by both sides, cannot put the policy", Policies{Identity: []*policy.Policy{allowAll}, Resource: shared},
			req("arn:aws:iam::222222222222:user/carol", "s3:PutBucketPolicy"), ImplicitDeny, RuleBucketPolicyOwnerAccount},
		{"another account's root cannot delete it", Policies{Resource: shared}, req("arn:aws:iam::222222222222:root", "s3:DeleteBucketPolicy"), ImplicitDeny, RuleBucketPolicyOwnerAccount},
		{"another account's user may still read an object the policy shares", Policies{Identity: []*policy.Policy{allowAll}, Resource: shared},
			Request{Principal: "arn:aws:iam::222222222222:user/carol", Action: "s3:GetObject", Resource: "arn:aws:s3:::locked/k", ResourceAccount: ruleAccount}, Allow, NoRule},
	} {
		res := c.check(t)
		ownerRoot := c.req.Principal == root && c.req.Action != "s3:ListBucket"
		if noted := slices.Contains(res.Rules, RuleBucketOwnerRoot); noted != ownerRoot {
			t.Errorf("%s: RuleBucketOwnerRoot noted %t", c.reason, noted)
		}
	}
}

// TestRuleSCPServicePrincipal: "SCPs affect only IAM users and roles that
// are managed by accounts that are part of the organization" (AWS
// Organizations User Guide, "SCP effects on permissions"): an AWS service
// principal writing to a bucket that grants it is not limited by SCPs;
// RCPs, which limit the resource, still apply.
func TestRuleSCPServicePrincipal(t *testing.T) {
	bucket := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
		"Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-logs/*"}]}`)
	scpAllow := mustPolicy(t, allowAllDoc)
	scpDeny := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}`)
	scpEC2 := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}`)
	rcpFull := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`)
	rcpDeny := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}`)
	put := Request{Principal: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: "arn:aws:s3:::trail-logs/AWSLogs/k", ResourceAccount: ruleAccount}
	for _, c := range []ruleCase{
		{"an SCP Deny does not reach a service principal", Policies{Resource: bucket, SCPs: [][]*policy.Policy{{scpAllow, scpDeny}}}, put, Allow, NoRule},
		{"nor does an SCP level without an Allow for the action", Policies{Resource: bucket, SCPs: [][]*policy.Policy{{scpEC2}}}, put, Allow, NoRule},
		{"an RCP Deny still does", Policies{Resource: bucket, RCPs: [][]*policy.Policy{{rcpFull, rcpDeny}}}, put, ExplicitDeny, NoRule},
		{"the same SCP limits an IAM user", Policies{Identity: []*policy.Policy{scpAllow}, SCPs: [][]*policy.Policy{{scpAllow, scpDeny}}},
			Request{Principal: ruleUser, Action: "s3:PutObject", Resource: "arn:aws:s3:::trail-logs/k", ResourceAccount: ruleAccount}, ExplicitDeny, NoRule},
	} {
		res := c.check(t)
		if noted := slices.Contains(res.Rules, RuleSCPServicePrincipal); noted != (c.ps.SCPs != nil && c.req.Principal == put.Principal) {
			t.Errorf("%s: RuleSCPServicePrincipal noted %t", c.reason, noted)
		}
	}
}

// TestRuleRCPService: "RCPs apply to resources of the following AWS
// services" (AWS Organizations User Guide, "Resource control policies
// (RCPs)"): an RCP denying "e*:*" stops an Amazon ECR request but not an
// Amazon EC2 one, whether the request was prepared for the set or for one
// without RCPs (Request.Prepare, PolicySet.Prepare of another set).
func TestRuleRCPService(t *testing.T) {
	rcpFull := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`)
	rcpDeny := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "e*:*", "Resource": "*"}]}`)
	all := mustPolicy(t, allowAllDoc)
	ps := Policies{Identity: []*policy.Policy{all}, RCPs: [][]*policy.Policy{{rcpFull, rcpDeny}}}
	ec2 := Request{Principal: ruleUser, Action: "ec2:DescribeInstances", Resource: "arn:aws:ec2:us-east-1:111111111111:instance/i-1", ResourceAccount: ruleAccount}
	ecr := Request{Principal: ruleUser, Action: "ecr:BatchGetImage", Resource: "arn:aws:ecr:us-east-1:111111111111:repository/app", ResourceAccount: ruleAccount}
	for _, c := range []ruleCase{
		{"an RCP does not reach EC2", ps, ec2, Allow, NoRule},
		{"it does reach ECR", ps, ecr, ExplicitDeny, NoRule},
	} {
		res := c.check(t)
		if noted := slices.Contains(res.Rules, RuleRCPService); noted != (c.req.Action == ec2.Action) {
			t.Errorf("%s: RuleRCPService noted %t", c.reason, noted)
		}
	}
	set, err := Compile(ps)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Compile(Policies{Identity: []*policy.Policy{all}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []Request{ec2, ecr} {
		own, err := set.Prepare(r)
		if err != nil {
			t.Fatal(err)
		}
		want := set.Decide(own)
		for name, prep := range map[string]func() (*Prepared, error){
			"Request.Prepare":       r.Prepare,
			"another set's Prepare": func() (*Prepared, error) { return other.Prepare(r) },
		} {
			p, err := prep()
			if err != nil {
				t.Fatal(err)
			}
			if got := set.Decide(p); got != want {
				t.Errorf("%s prepared by %s: %v, want %v", r.Action, name, got, want)
			}
		}
	}
}

// TestRuleUnsignedRequest: "You must use credentials for an IAM user or an
// IAM role to call AssumeRole" (AWS STS API Reference, "AssumeRole"): a
// trust policy that allows "*" does not let an unsigned request assume the
// role; the federation operations need no AWS credentials. AWS KMS:
// "Requests must be signed" (AWS KMS API Reference, "Welcome").
func TestRuleUnsignedRequest(t *testing.T) {
	const role = "arn:aws:iam::111111111111:role/Open"
	open := Policies{Resource: mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
		"Action": ["sts:AssumeRole", "sts:TagSession"]}]}`)}
	req := func(principal, action string) Request {
		return Request{Principal: principal, Action: action, Resource: role}
	}
	const key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	openKey := Policies{Resource: mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
		"Action": "kms:Decrypt", "Resource": "*"}]}`)}
	for _, c := range []ruleCase{
		{"an unsigned AssumeRole under a trust policy that allows everyone", open, req(Anonymous, "sts:AssumeRole"), ImplicitDeny, RuleUnsignedRequest},
		{"an unsigned TagSession", open, req(Anonymous, "sts:TagSession"), ImplicitDeny, RuleUnsignedRequest},
		{"a same-account IAM user under the same trust policy", open, req(ruleUser, "sts:AssumeRole"), Allow, NoRule},
		{"a service principal under the same trust policy", open, req("ec2.amazonaws.com", "sts:AssumeRole"), Allow, NoRule},
		{"an unsigned kms:Decrypt under a key policy that allows everyone", openKey,
			Request{Principal: Anonymous, Action: "kms:Decrypt", Resource: key}, ImplicitDeny, RuleUnsignedRequest},
		{"a signed kms:Decrypt under the same key policy", openKey, Request{Principal: ruleUser, Action: "kms:Decrypt", Resource: key}, Allow, NoRule},
		{"an unsigned S3 read under a bucket policy that allows everyone", Policies{Resource: mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
			"Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}`)},
			Request{Principal: Anonymous, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/index.html", ResourceAccount: ruleAccount}, Allow, NoRule},
	} {
		c.check(t)
	}
}

// TestRuleKMSAlias: the key-policy requirement ("IAM role trust policies
// and AWS KMS key policies ... must explicitly allow access", IAM User
// Guide, "Policy evaluation logic") is for KMS keys; kms:CreateAlias,
// kms:UpdateAlias and kms:DeleteAlias on the alias are allowed "in an IAM
// policy that is attached to the principal" (AWS KMS Developer Guide,
// "Controlling access to aliases").
func TestRuleKMSAlias(t *testing.T) {
	const (
		alias = "arn:aws:kms:us-east-1:111111111111:alias/app"
		key   = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	)
	id := Policies{Identity: []*policy.Policy{mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
		"Action": ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias", "kms:Encrypt"], "Resource": ["arn:aws:kms:us-east-1:111111111111:alias/*", "arn:aws:kms:us-east-1:111111111111:key/*"]}]}`)}}
	req := func(action, resource string) Request {
		return Request{Principal: ruleUser, Action: action, Resource: resource}
	}
	for _, c := range []ruleCase{
		{"kms:CreateAlias on the alias: the IAM policy alone allows", id, req("kms:CreateAlias", alias), Allow, NoRule},
		{"kms:UpdateAlias on the alias", id, req("kms:UpdateAlias", alias), Allow, NoRule},
		{"kms:DeleteAlias on the alias", id, req("kms:DeleteAlias", alias), Allow, NoRule},
		{"kms:CreateAlias on the key still needs the key policy", id, req("kms:CreateAlias", key), ImplicitDeny, NoRule},
		{"kms:Encrypt is authorized on a key, never on an alias: no key policy, no grant", id, req("kms:Encrypt", alias), ImplicitDeny, NoRule},
	} {
		res := c.check(t)
		if noted := slices.Contains(res.Rules, RuleKMSAlias); noted != (c.want == Allow) {
			t.Errorf("%s: RuleKMSAlias noted %t", c.reason, noted)
		}
	}
	if s := mustExplain(t, id, req("kms:CreateAlias", alias)).String(); !strings.Contains(s, RuleKMSAlias.Text()) {
		t.Errorf("the explanation does not say why no key policy was needed:\n%s", s)
	}
}

// TestRuleSCPAnonymous: "SCPs are principal-centric controls" that limit
// "principals in your member accounts", while "RCPs are resource-centric
// controls" on "resources in your member accounts" (AWS Organizations User
// Guide, "Understanding SCPs and RCPs"). An anonymous caller belongs to no
// account: SCPs do not limit it; RCPs still limit what anyone may do to the
// resource.
func TestRuleSCPAnonymous(t *testing.T) {
	bucket := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}`)
	scpDeny := mustPolicy(t, denyAllDoc)
	rcpDeny := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}`)
	get := func(principal string) Request {
		return Request{Principal: principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/index.html", ResourceAccount: ruleAccount}
	}
	res := ruleCase{"an anonymous caller under an SCP that denies everything", Policies{Resource: bucket, SCPs: [][]*policy.Policy{{scpDeny}}},
		get(Anonymous), Allow, NoRule}.check(t)
	if !slices.Contains(res.Rules, RuleSCPAnonymous) || !strings.Contains(res.String(), RuleSCPAnonymous.Text()) {
		t.Errorf("the explanation does not say the SCPs were not applied: %v\n%s", res.Rules, res)
	}
	res = ruleCase{"an anonymous caller under an RCP that denies", Policies{Resource: bucket, RCPs: [][]*policy.Policy{{rcpDeny}}},
		get(Anonymous), ExplicitDeny, NoRule}.check(t)
	if res.Stage.Type != RCP {
		t.Errorf("the RCP deny is reported at %v", res.Stage)
	}
	ruleCase{"a signed caller of the account is limited by the SCP", Policies{Resource: bucket, SCPs: [][]*policy.Policy{{scpDeny}}},
		get(ruleUser), ExplicitDeny, NoRule}.check(t)
	if res := mustExplain(t, Policies{Resource: bucket}, get(Anonymous)); slices.Contains(res.Rules, RuleSCPAnonymous) {
		t.Errorf("RuleSCPAnonymous is noted with no SCP in the set")
	}
}

// TestRuleIAMProtections: AWS managed policies cannot be changed ("You
// cannot change the permissions defined in AWS managed policies", IAM User
// Guide, "AWS managed policies"); roles under /aws-reserved/ are "only
// modifiable by AWS" (IAM Identity Center User Guide, "Troubleshooting");
// service-linked roles are "protected AWS resources. Only the service that
// depends on the service-linked role can modify or delete the role" (IAM
// API Reference, UnmodifiableEntity), whose description "of any role" may
// be edited (IAM User Guide, "Update a service-linked role"). No policy
// allows these, not even the root user's full access.
func TestRuleIAMProtections(t *testing.T) {
	const (
		managed  = "arn:aws:iam::aws:policy/AdministratorAccess"
		custom   = "arn:aws:iam::111111111111:policy/Mine"
		reserved = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/us-east-2/AWSReservedSSO_Admin_0123456789abcdef"
		linked   = "arn:aws:iam::111111111111:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk"
		plain    = "arn:aws:iam::111111111111:role/app/Reader"
		root     = "arn:aws:iam::111111111111:root"
		ssoSLR   = "arn:aws:iam::111111111111:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO"
	)
	admin := Policies{Identity: []*policy.Policy{mustPolicy(t, allowAllDoc)}}
	denyAttach := Policies{Identity: []*policy.Policy{mustPolicy(t, allowAllDoc), mustPolicy(t, `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"}]}`)}}
	req := func(principal, action, resource string) Request {
		return Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: ruleAccount}
	}
	ssoCaller := Request{Caller: &Caller{ARN: ssoSLR, SessionName: "provision"}, Action: "iam:PutRolePolicy", Resource: reserved, ResourceAccount: ruleAccount}
	for _, c := range []ruleCase{
		{"a new version of an AWS managed policy", admin, req(ruleUser, "iam:CreatePolicyVersion", managed), ImplicitDeny, RuleAWSManagedPolicy},
		{"deleting an AWS managed policy", admin, req(ruleUser, "iam:DeletePolicy", managed), ImplicitDeny, RuleAWSManagedPolicy},
		{"tagging an AWS managed policy", admin, req(ruleUser, "iam:TagPolicy", managed), ImplicitDeny, RuleAWSManagedPolicy},
		{"setting its default version", admin, req(ruleUser, "iam:SetDefaultPolicyVersion", managed), ImplicitDeny, RuleAWSManagedPolicy},
		{"even the root user", Policies{}, req(root, "iam:DeletePolicyVersion", managed), ImplicitDeny, RuleAWSManagedPolicy},
		{"an explicit deny is still reported as the deny", denyAttach, req(ruleUser, "iam:CreatePolicyVersion", managed), ExplicitDeny, NoRule},
		{"reading an AWS managed policy is the policies' to allow", admin, req(ruleUser, "iam:GetPolicy", managed), Allow, NoRule},
		{"a customer managed policy can be changed", admin, req(ruleUser, "iam:CreatePolicyVersion", custom), Allow, NoRule},
		{"an Identity Center role's policies", admin, req(ruleUser, "iam:PutRolePolicy", reserved), ImplicitDeny, RuleReservedRole},
		{"an Identity Center role's trust policy", admin, req(ruleUser, "iam:UpdateAssumeRolePolicy", reserved), ImplicitDeny, RuleReservedRole},
		{"an Identity Center role's tags", admin, req(ruleUser, "iam:TagRole", reserved), ImplicitDeny, RuleReservedRole},
		{"deleting an Identity Center role", Policies{}, req(root, "iam:DeleteRole", reserved), ImplicitDeny, RuleReservedRole},
		{"Identity Center provisions its roles through its service-linked role", admin, ssoCaller, Allow, NoRule},
		{"reading an Identity Center role", admin, req(ruleUser, "iam:GetRole", reserved), Allow, NoRule},
		{"a service-linked role's permissions", admin, req(ruleUser, "iam:AttachRolePolicy", linked), ImplicitDeny, RuleServiceLinkedRole},
		{"a service-linked role's boundary", admin, req(ruleUser, "iam:PutRolePermissionsBoundary", linked), ImplicitDeny, RuleServiceLinkedRole},
		{"deleting a service-linked role with DeleteRole", admin, req(ruleUser, "iam:DeleteRole", linked), ImplicitDeny, RuleServiceLinkedRole},
		{"a service-linked role's description may be edited", admin, req(ruleUser, "iam:UpdateRoleDescription", linked), Allow, NoRule},
		{"DeleteServiceLinkedRole is the policies' to allow", admin, req(ruleUser, "iam:DeleteServiceLinkedRole", linked), Allow, NoRule},
		{"an ordinary role can be changed", admin, req(ruleUser, "iam:PutRolePolicy", plain), Allow, NoRule},
	} {
		c.check(t)
	}
}

// TestRuleTable: every rule has a name, a text and an AWS page, and
// marshals as its name.
func TestRuleTable(t *testing.T) {
	for r := NoRule + 1; r < numRules; r++ {
		if r.String() == "" || r.Text() == "" || r.Source() == "" {
			t.Errorf("rule %d lacks a name, text or source", r)
		}
		if b, _ := r.MarshalText(); string(b) != r.String() {
			t.Errorf("%v marshals as %s", r, b)
		}
	}
	if numRules.String() != fmt.Sprintf("Rule(%d)", int(numRules)) || numRules.Text() != "" {
		t.Errorf("an unknown rule: %q", numRules.String())
	}
	if s := (Stage{Rule: RuleCallerIdentity}).String(); s != "rule get-caller-identity" {
		t.Errorf("Stage.String() = %q", s)
	}
}

// TestRulesDecideWithoutAllocating: the rules keep Decide at 0 allocations.
func TestRulesDecideWithoutAllocating(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	admin := Policies{Identity: []*policy.Policy{mustPolicy(t, allowAllDoc)}}
	for _, r := range []Request{
		{Principal: ruleUser, Action: "sts:GetCallerIdentity", Resource: "*"},
		{Principal: ruleUser, Action: "iam:CreatePolicyVersion", Resource: "arn:aws:iam::aws:policy/ReadOnlyAccess"},
		{Principal: ruleUser, Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/X"},
		{Principal: ruleUser, Action: "kms:CreateAlias", Resource: "arn:aws:kms:us-east-1:111111111111:alias/a"},
	} {
		set, _ := Compile(admin)
		p := mustPrepare(t, r)
		if n := testing.AllocsPerRun(100, func() { set.Decide(p) }); n != 0 {
			t.Errorf("%s: Decide allocates %v times", r.Action, n)
		}
	}
}

func mustExplain(t *testing.T, ps Policies, r Request) *Result {
	t.Helper()
	res, err := Evaluate(ps, r)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRCPsApply: the services the RCP page lists are bound, EC2 and IAM
// are not, and a service the catalog does not know is (fail closed).
func TestRCPsApply(t *testing.T) {
	for action, want := range map[string]bool{
		"s3:GetObject": true, "sts:AssumeRole": true, "kms:Decrypt": true, "sqs:SendMessage": true,
		"secretsmanager:GetSecretValue": true, "ec2:RunInstances": false, "iam:CreateUser": false,
		"notaservice:DoThing": true, "no-colon": true,
	} {
		if got := RCPsApply(action); got != want {
			t.Errorf("RCPsApply(%q) = %v, want %v", action, got, want)
		}
	}
}
