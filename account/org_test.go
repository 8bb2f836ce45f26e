package account_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

const (
	mgmt   = "999999999999"
	member = "111111111111"
)

var denyS3 = policy.MustParse("DenyS3", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`)

// denyForeignReads is an RCP that lets only principals of the organization's
// accounts read (AWS Organizations User Guide, "Resource control policies",
// the data perimeter example).
var denyForeignReads = policy.MustParse("DenyForeign", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*",
 "Condition":{"StringNotEquals":{"aws:PrincipalAccount":["111111111111","999999999999"]}}}]}`)

func orgSet(t *testing.T) *account.Set {
	t.Helper()
	var b account.Builder
	all := policy.MustParse("all", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	for _, acct := range []string{mgmt, member, "222222222222"} {
		b.AddUser(account.User{Account: acct, Name: "admin", Inline: []role.Inline{{Name: "all", Policy: all}}})
	}
	b.AddRole(role.MustNew(role.Spec{Account: member, Name: "AWSServiceRoleForX", Path: "/aws-service-role/x.amazonaws.com/",
		Trust:  policy.MustParse("t", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"x.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		Inline: []role.Inline{{Name: "all", Policy: all}}}), account.Origin{})
	b.AddResourcePolicy(account.ResourcePolicy{ARN: "arn:aws:s3:::member-bucket", Account: member, Policy: policy.MustParse("bucket",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::member-bucket/*"}]}`)})
	b.AddAccount(account.Account{ID: "222222222222", Standalone: true}) // in no organization
	b.SetOrganization(account.Organization{ManagementAccount: mgmt, Root: account.Unit{
		ID: "r-1", SCPs: []*policy.Policy{account.FullAWSAccess, denyS3}, RCPs: []*policy.Policy{denyForeignReads},
		Accounts: []account.Member{{ID: mgmt, SCPs: []*policy.Policy{account.FullAWSAccess}}, {ID: member, SCPs: []*policy.Policy{account.FullAWSAccess}}},
	}})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestOrganization pins who SCPs and RCPs bind, each with its page.
func TestOrganization(t *testing.T) {
	set := orgSet(t)
	cases := []struct {
		reason    string
		principal string
		action    string
		resource  string
		want      evaluate.Decision
	}{
		{"AWS Organizations User Guide, SCPs: a member account's users are bound", "arn:aws:iam::111111111111:user/admin", "s3:ListBucket", "arn:aws:s3:::any", evaluate.ExplicitDeny},
		{"SCPs: actions the SCPs allow stay allowed", "arn:aws:iam::111111111111:user/admin", "ec2:RunInstances", "*", evaluate.Allow},
		{"SCPs do not affect users or roles in the management account", "arn:aws:iam::999999999999:user/admin", "s3:ListBucket", "arn:aws:s3:::any", evaluate.Allow},
		{"SCPs do not affect service-linked roles", "arn:aws:iam::111111111111:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX", "s3:ListBucket", "arn:aws:s3:::any", evaluate.Allow},
		{"an account outside the organization has no SCPs", "arn:aws:iam::222222222222:user/admin", "s3:ListBucket", "arn:aws:s3:::any", evaluate.Allow},
		{"Resource control policies: a foreign principal is denied on a member's resource despite the bucket policy", "arn:aws:iam::222222222222:user/admin", "s3:GetObject", "arn:aws:s3:::member-bucket/k", evaluate.ExplicitDeny},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			res, err := set.Authorize(account.Request{Principal: c.principal, Action: c.action, Resource: c.resource})
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != c.want {
				t.Fatalf("got %v, want %v\n%s", res.Decision, c.want, res)
			}
		})
	}
}

// TestOrganizationErrors: a level without an SCP, an account placed twice.
func TestOrganizationErrors(t *testing.T) {
	var b account.Builder
	b.SetOrganization(account.Organization{ManagementAccount: mgmt, Root: account.Unit{
		SCPs:     []*policy.Policy{account.FullAWSAccess},
		Accounts: []account.Member{{ID: member}},
		Units:    []account.Unit{{ID: "ou-1", SCPs: []*policy.Policy{account.FullAWSAccess}, Accounts: []account.Member{{ID: member, SCPs: []*policy.Policy{account.FullAWSAccess}}}}},
	}})
	_, err := b.Build(account.Options{})
	var list account.ErrorList
	if !errors.As(err, &list) || len(list) != 2 ||
		!strings.Contains(list[0].Error(), "account 111111111111 has no SCP") || !strings.Contains(list[1].Error(), "account 111111111111 is placed twice") {
		t.Fatalf("got %v", err)
	}
}

// TestConcurrent: a Set is safe for concurrent use (run with -race).
func TestConcurrent(t *testing.T) {
	set := loadTest(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				p := set.Principals()[(g+i)%len(set.Principals())]
				if _, err := set.Authorize(account.Request{Principal: p, Action: "s3:GetObject", Resource: fmt.Sprintf("arn:aws:s3:::shared-logs/%d", i%3)}); err != nil {
					t.Error(err)
					return
				}
				if _, err := set.WhoCan(account.Query{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/x"}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
