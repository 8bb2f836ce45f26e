package account_test

import (
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
)

// TestSCPEveryLevel loads testdata/accounts/scp-levels-*.json: FullAWSAccess
// at the root and at the account, an OU between them that allows only
// ec2:* and s3:GetObject. AWS Organizations User Guide, "SCP evaluation":
// "for a permission to be allowed for a specific account, there must be an
// explicit Allow statement at every level from the root through each OU in
// the direct path to the account (including the target account itself)";
// "SCPs don't affect users or roles in the management account"; "SCPs do
// not affect service-linked roles" ("Service control policies (SCPs)",
// "Tasks and entities not restricted by SCPs"), while "SCPs affect all
// users and roles in attached accounts, including the root user" (same
// page).
func TestSCPEveryLevel(t *testing.T) {
	set, err := account.LoadFiles([]string{"../testdata/accounts/scp-levels-member.json", "../testdata/accounts/scp-levels-management.json"},
		"../testdata/accounts/scp-levels-overlay.json", account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const (
		admin = "arn:aws:iam::111111111111:user/admin"
		mgmt  = "arn:aws:iam::999999999999:user/admin"
		slr   = "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
	)
	for _, c := range []struct {
		why, principal, action, resource string
		want                             evaluate.Decision
	}{
		{"allowed at every level", admin, "s3:GetObject", "arn:aws:s3:::b/k", evaluate.Allow},
		{"allowed at every level, through a service wildcard", admin, "ec2:RunInstances", "*", evaluate.Allow},
		{"the OU allows no s3:PutObject: root and account FullAWSAccess do not make up for it", admin, "s3:PutObject", "arn:aws:s3:::b/k", evaluate.ImplicitDeny},
		{"the OU allows no IAM action", admin, "iam:ListUsers", "*", evaluate.ImplicitDeny},
		{"the management account is not bound, wherever it sits", mgmt, "s3:PutObject", "arn:aws:s3:::b/k", evaluate.Allow},
		{"a service-linked role is not bound", slr, "s3:PutObject", "arn:aws:s3:::b/k", evaluate.Allow},
		{"a member account's root user is bound", "arn:aws:iam::111111111111:root", "s3:PutObject", "arn:aws:s3:::b/k", evaluate.ImplicitDeny},
		{"a member account's root user, allowed at every level", "arn:aws:iam::111111111111:root", "s3:GetObject", "arn:aws:s3:::b/k", evaluate.Allow},
	} {
		t.Run(c.why, func(t *testing.T) {
			res, err := set.Authorize(account.Request{Principal: c.principal, Action: c.action, Resource: c.resource})
			if err != nil || res.Decision != c.want {
				t.Fatalf("got %v %v, want %v\n%s", res.Decision, err, c.want, res)
			}
		})
	}
}

// TestSCPEveryLevelWhoCan: who-can over the same files names exactly the
// principals the SCPs leave able to write: the management account's and
// the service-linked role, never the member account's admin or root user.
func TestSCPEveryLevelWhoCan(t *testing.T) {
	set, err := account.LoadFiles([]string{"../testdata/accounts/scp-levels-member.json", "../testdata/accounts/scp-levels-management.json"},
		"../testdata/accounts/scp-levels-overlay.json", account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := set.WhoCan(account.Query{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k"})
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	for _, a := range got {
		if a.Verdict == account.Allowed {
			allowed[a.Principal] = true
		}
	}
	for p, want := range map[string]bool{
		"arn:aws:iam::999999999999:user/admin": true,
		"arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling": true,
		"arn:aws:iam::111111111111:user/admin": false,
		"arn:aws:iam::111111111111:root":       false,
	} {
		if allowed[p] != want {
			t.Errorf("%s allowed = %v, want %v (answers %v)", p, allowed[p], want, got)
		}
	}
}
