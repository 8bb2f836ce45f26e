package sts

import (
	"bytes"
	"testing"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// The accounts of the tests: 111111111111 holds the photos story (an EC2
// role that reads the photos bucket), a user alice and roles with every
// kind of trust; 222222222222 holds bob and a role that trusts account 1.
const (
	acct1    = "111111111111"
	acct2    = "222222222222"
	alice    = "arn:aws:iam::111111111111:user/alice"
	carol    = "arn:aws:iam::111111111111:user/carol" // no policies at all
	bob      = "arn:aws:iam::222222222222:user/bob"
	root1    = "arn:aws:iam::111111111111:root"
	devRole  = "arn:aws:iam::111111111111:role/team/Dev"
	rootRole = "arn:aws:iam::111111111111:role/RootTrust"
	xRole    = "arn:aws:iam::222222222222:role/CrossAccount"
	selfRole = "arn:aws:iam::111111111111:role/Self"
	acctSelf = "arn:aws:iam::111111111111:role/AccountSelf"
	photoR   = "arn:aws:iam::111111111111:role/app/PhotoReader"
	oidcRole = "arn:aws:iam::111111111111:role/GitHub"
	samlRole = "arn:aws:iam::111111111111:role/SAMLAdmin"
	ghIssuer = "https://token.actions.githubusercontent.com"
	samlIdP  = "arn:aws:iam::111111111111:saml-provider/Okta"
	otherPol = "arn:aws:iam::222222222222:policy/OtherAccountRead"
	aliceKey = "AKIAALICEEXAMPLE0001"
	aliceSec = "alice-secret-key-0123456789abcdefghijklm"
)

func pol(t testing.TB, name, src string) *policy.Policy {
	t.Helper()
	p, err := policy.ParseString(name, src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func trust(t testing.TB, principal, actions string) *policy.Policy {
	return pol(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+principal+`,"Action":`+actions+`}]}`)
}

func allow(t testing.TB, name, actions, resources string) *policy.Policy {
	return pol(t, name, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":`+actions+`,"Resource":`+resources+`}]}`)
}

func newRole(t testing.TB, spec role.Spec) *role.Role {
	t.Helper()
	r, err := role.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testSet(t testing.TB) *account.Set {
	t.Helper()
	var b account.Builder
	b.AddAccount(account.Account{ID: acct1, Name: "photos"})
	b.AddAccount(account.Account{ID: acct2, Name: "other"})
	b.AddPolicy(account.ManagedPolicy{ARN: "arn:aws:iam::111111111111:policy/PhotosReadOnly",
		Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: allow(t, "PhotosReadOnly",
			`["s3:GetObject","s3:ListBucket"]`, `["arn:aws:s3:::photos","arn:aws:s3:::photos/*"]`)}}})
	b.AddPolicy(account.ManagedPolicy{ARN: "arn:aws:iam::111111111111:policy/S3Read",
		Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: allow(t, "S3Read", `"s3:Get*"`, `"*"`)}}})
	b.AddPolicy(account.ManagedPolicy{ARN: otherPol,
		Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: allow(t, "OtherAccountRead", `"s3:Get*"`, `"*"`)}}})
	b.AddUser(account.User{Account: acct1, Name: "alice",
		Inline: []role.Inline{{Name: "assume", Policy: pol(t, "assume", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Resource":[
				"arn:aws:iam::111111111111:role/RootTrust","arn:aws:iam::222222222222:role/CrossAccount",
				"arn:aws:iam::111111111111:role/NoTagTrust"]},
			{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"},
			{"Effect":"Allow","Action":"sts:TagSession","Resource":"arn:aws:sts::111111111111:federated-user/*"},
			{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}},
		Tags:       []role.Tag{{Key: "team", Value: "blue"}},
		AccessKeys: []account.AccessKey{{ID: aliceKey, Secret: aliceSec}}})
	b.AddUser(account.User{Account: acct1, Name: "carol"})
	b.AddUser(account.User{Account: acct1, Name: "dave", // may federate, may not tag
		Inline: []role.Inline{{Name: "fed", Policy: allow(t, "fed", `"sts:GetFederationToken"`, `"*"`)}}})
	b.AddUser(account.User{Account: acct2, Name: "bob",
		Inline: []role.Inline{{Name: "all", Policy: allow(t, "all", `"sts:AssumeRole"`, `"*"`)}}})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "Dev", Path: "/team/", MaxSessionDuration: 7200,
		Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:user/alice","arn:aws:iam::111111111111:user/carol"]},
			 "Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}`),
		Inline: []role.Inline{{Name: "dev", Policy: pol(t, "dev", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"},
			{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Resource":"*"}]}`)}},
		Tags: []role.Tag{{Key: "Project", Value: "Phoenix"}, {Key: "cost", Value: "1"}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "RootTrust", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:root"}`, `["sts:AssumeRole","sts:TagSession"]`),
		Managed: []string{"arn:aws:iam::111111111111:policy/S3Read"}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "NoTagTrust", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:user/alice"}`, `"sts:AssumeRole"`)}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "Chained", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:role/team/Dev"}`, `["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]`),
		MaxSessionDuration: 43200, Inline: []role.Inline{{Name: "r", Policy: allow(t, "r", `"s3:GetObject"`, `"*"`)}},
		Tags: []role.Tag{{Key: "dept", Value: "ops"}, {Key: "level", Value: "2"}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "SourceBound", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/team/Dev"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"],
		 "Condition":{"StringEquals":{"sts:SourceIdentity":"alice"}}}]}`)}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "Self", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:user/alice","arn:aws:iam::111111111111:role/Self"]},"Action":"sts:AssumeRole"}]}`),
		Inline: []role.Inline{{Name: "self", Policy: allow(t, "self", `"sts:AssumeRole"`, `"*"`)}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "AccountSelf", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sts:AssumeRole"},
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`),
		Inline: []role.Inline{{Name: "self", Policy: allow(t, "self", `"sts:AssumeRole"`, `"*"`)}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct2, Name: "CrossAccount", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:root"}`, `["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]`)}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "PhotoReader", Path: "/app/",
		Trust:            trust(t, `{"Service":"ec2.amazonaws.com"}`, `"sts:AssumeRole"`),
		Managed:          []string{"arn:aws:iam::111111111111:policy/PhotosReadOnly"},
		InstanceProfiles: []role.InstanceProfile{{Name: "PhotoReaderProfile"}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "NotForEC2",
		Trust:            trust(t, `{"AWS":"arn:aws:iam::111111111111:user/alice"}`, `"sts:AssumeRole"`),
		InstanceProfiles: []role.InstanceProfile{{Name: "WrongProfile"}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "Hop", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:user/alice"}`, `["sts:AssumeRole","sts:SetSourceIdentity"]`),
		Inline: []role.Inline{{Name: "hop", Policy: allow(t, "hop", `"sts:AssumeRole"`, `"*"`)}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "HopTarget", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:role/Hop"}`, `["sts:AssumeRole","sts:SetSourceIdentity"]`)}), account.Origin{})
	b.AddIdentityProvider(account.IdentityProvider{ARN: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
		Type: "OIDC", URL: ghIssuer, ClientIDs: []string{"sts.amazonaws.com"}})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "GitHub", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
		 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
		 "StringLike":{"token.actions.githubusercontent.com:sub":"repo:iamsim/*"}}}]}`),
		Inline: []role.Inline{{Name: "r", Policy: allow(t, "r", `"s3:GetObject"`, `"*"`)}}}), account.Origin{})
	b.AddIdentityProvider(account.IdentityProvider{ARN: samlIdP, Type: "SAML"})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "SAMLAdmin", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/Okta"},
		 "Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`),
		Inline: []role.Inline{{Name: "r", Policy: allow(t, "r", `"s3:GetObject"`, `"*"`)}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "SAMLNamed", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/Okta"},
		 "Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"sts:RoleSessionName":"alice"}}}]}`)}), account.Origin{})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// testClock is a clock tests move by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *testClock                   { return &testClock{time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)} }
func fixedRand() *bytes.Reader               { return bytes.NewReader(bytes.Repeat([]byte{7}, 1<<20)) }
func acceptMFA(_, _, code string, _ time.Time) error {
	if code == "123456" {
		return nil
	}
	return errMFA
}

var errMFA = &Error{Code: "x", Message: "bad code"}

func newService(t testing.TB) (*Service, *testClock) {
	t.Helper()
	clk := newClock()
	s, err := New(testSet(t), &Config{Now: clk.now, MFA: acceptMFA})
	if err != nil {
		t.Fatal(err)
	}
	return s, clk
}

func longTerm(t testing.TB, s *Service, a string) *Session {
	t.Helper()
	ls, err := s.LongTerm(a)
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

func intp(i int) *int { return &i }
