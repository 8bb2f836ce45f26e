package account_test

import (
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// TestRCPServices: RCPs apply to the resources of the services the AWS
// Organizations User Guide lists ("Resource control policies (RCPs)",
// "List of AWS services that support RCPs": Amazon S3, AWS STS, AWS KMS,
// Amazon SQS, AWS Secrets Manager, …). An RCP that denies every action
// still leaves an action of another service (EC2, IAM) to the identity
// policies, while it binds the listed services' actions; SCPs, which bind
// every service, bind both.
func TestRCPServices(t *testing.T) {
	// "*" alone is refused in an RCP; a wildcard in the service prefix is
	// not, and matches services RCPs do not apply to.
	denyAll := policy.MustParse("DenyWild", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["e*:*","i*:*","s*:*"],"Resource":"*"}]}`)
	all := policy.MustParse("all", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	var b account.Builder
	b.AddUser(account.User{Account: member, Name: "admin", Inline: []role.Inline{{Name: "all", Policy: all}}})
	b.SetOrganization(account.Organization{ManagementAccount: mgmt, Root: account.Unit{ID: "r-1",
		RCPs: []*policy.Policy{denyAll}, Accounts: []account.Member{{ID: member}}}})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const admin = "arn:aws:iam::111111111111:user/admin"
	for _, c := range []struct {
		action, resource string
		want             evaluate.Decision
	}{
		{"ec2:DescribeInstances", "*", evaluate.Allow},
		{"iam:ListUsers", "*", evaluate.Allow},
		{"s3:GetObject", "arn:aws:s3:::member-bucket/x", evaluate.ExplicitDeny},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q", evaluate.ExplicitDeny},
		{"ecr:GetDownloadUrlForLayer", "arn:aws:ecr:us-east-1:111111111111:repository/r", evaluate.ExplicitDeny},
	} {
		t.Run(c.action, func(t *testing.T) {
			d, err := set.Decide(account.Request{Principal: admin, Action: c.action, Resource: c.resource, ResourceAccount: member})
			if err != nil || d != c.want {
				t.Fatalf("got %v %v, want %v", d, err, c.want)
			}
		})
	}
}
