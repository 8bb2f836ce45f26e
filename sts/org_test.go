package sts

import (
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// A session is bound by its account's SCPs and by the RCPs of the
// resource's account, as its role is (AWS Organizations User Guide,
// "Service control policies", "Resource control policies"); and an SCP can
// refuse sts:AssumeRole itself.
func TestOrganizationPolicies(t *testing.T) {
	var b account.Builder
	b.AddAccount(account.Account{ID: acct1})
	b.AddAccount(account.Account{ID: acct2})
	b.AddAccount(account.Account{ID: "333333333333"})
	b.AddUser(account.User{Account: acct1, Name: "alice",
		Inline: []role.Inline{{Name: "all", Policy: allow(t, "all", `"*"`, `"*"`)}}})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "Worker", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:user/alice"}`, `"sts:AssumeRole"`),
		Inline: []role.Inline{{Name: "s3", Policy: allow(t, "s3", `"s3:*"`, `"*"`)}}}), account.Origin{})
	b.AddRole(newRole(t, role.Spec{Account: acct1, Name: "Forbidden", Trust: trust(t, `{"AWS":"arn:aws:iam::111111111111:user/alice"}`, `"sts:AssumeRole"`)}), account.Origin{})
	b.AddResourcePolicy(account.ResourcePolicy{ARN: "arn:aws:s3:::shared", Account: acct2,
		Policy: pol(t, "shared", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}`)})
	scp := pol(t, "no-put", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:PutObject"],"Resource":"*"},
		{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/Forbidden"}]}`)
	rcp := pol(t, "org-only", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*",
		"Condition":{"StringNotEquals":{"aws:PrincipalAccount":"333333333333"}}}]}`)
	b.AddRole(newRole(t, role.Spec{Account: acct2, Name: "OrgOnly", Trust: pol(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-example1234"}}}]}`),
		Inline: []role.Inline{{Name: "in-org", Policy: pol(t, "in-org", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
			"Condition":{"StringEquals":{"aws:ResourceOrgID":"o-example1234"}}}]}`)}}}), account.Origin{})
	b.SetOrganization(account.Organization{ID: "o-example1234", ManagementAccount: "333333333333", Root: account.Unit{ID: "r-root", SCPs: []*policy.Policy{account.FullAWSAccess},
		RCPs:     []*policy.Policy{account.RCPFullAWSAccess},
		Accounts: []account.Member{{ID: acct1, SCPs: []*policy.Policy{account.FullAWSAccess, scp}}, {ID: acct2, SCPs: []*policy.Policy{account.FullAWSAccess}, RCPs: []*policy.Policy{rcp}}}}})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(set, nil)
	if err != nil {
		t.Fatal(err)
	}
	caller, _ := s.LongTerm(alice)
	sess, err := s.AssumeRole(caller, AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Worker", RoleSessionName: "w1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		action, resource string
		want             evaluate.Decision
	}{
		{"s3:GetObject", "arn:aws:s3:::mine/x", evaluate.Allow},
		{"s3:PutObject", "arn:aws:s3:::mine/x", evaluate.ExplicitDeny},   // the SCP
		{"s3:GetObject", "arn:aws:s3:::shared/x", evaluate.ExplicitDeny}, // the RCP of the bucket's account
	} {
		if got := decide(t, s, sess, c.action, c.resource); got != c.want {
			t.Errorf("%s %s = %v, want %v", c.action, c.resource, got, c.want)
		}
	}
	_, err = s.AssumeRole(caller, AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Forbidden", RoleSessionName: "f1"})
	wantCode(t, err, CodeAccessDenied, "")
	// aws:PrincipalOrgID in a trust policy and aws:ResourceOrgID in a role's
	// policy come from the loaded organization.
	org, err := s.AssumeRole(caller, AssumeRoleInput{RoleArn: "arn:aws:iam::222222222222:role/OrgOnly", RoleSessionName: "o1"})
	if err != nil {
		t.Fatalf("a principal of the organization: %v", err)
	}
	if got := decide(t, s, org, "s3:ListBucket", "arn:aws:s3:::in-org-bucket"); got != evaluate.Allow {
		t.Errorf("aws:ResourceOrgID of a resource in the organization: %v", got)
	}
}

// RCPs bind only the services that support them ("RCPs apply to resources
// of the following AWS services", AWS Organizations User Guide, "Resource
// control policies (RCPs)"): an RCP denying "e*:*" stops ECR (listed) but
// not EC2 (not listed), on the session path as in account.Authorize.
func TestRCPsBindOnlyTheirServices(t *testing.T) {
	var b account.Builder
	b.AddAccount(account.Account{ID: acct1})
	b.AddUser(account.User{Account: acct1, Name: "alice",
		Inline: []role.Inline{{Name: "all", Policy: allow(t, "all", `"*"`, `"*"`)}}})
	rcp := pol(t, "deny-e", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"e*:*","Resource":"*"}]}`)
	b.SetOrganization(account.Organization{ID: "o-example1234", ManagementAccount: "333333333333", Root: account.Unit{ID: "r-root",
		SCPs: []*policy.Policy{account.FullAWSAccess}, RCPs: []*policy.Policy{account.RCPFullAWSAccess},
		Accounts: []account.Member{{ID: acct1, SCPs: []*policy.Policy{account.FullAWSAccess}, RCPs: []*policy.Policy{rcp}}}}})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(set, nil)
	if err != nil {
		t.Fatal(err)
	}
	caller, _ := s.LongTerm(alice)
	for _, c := range []struct {
		action, resource string
		want             evaluate.Decision
	}{
		{"ec2:DescribeInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-1", evaluate.Allow},
		{"ecr:BatchGetImage", "arn:aws:ecr:us-east-1:111111111111:repository/app", evaluate.ExplicitDeny},
	} {
		if got := decide(t, s, caller, c.action, c.resource); got != c.want {
			t.Errorf("%s = %v, want %v", c.action, got, c.want)
		}
	}
}
