package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
)

// orgKeysExport: a user in each of three accounts; the overlay places 111
// in an OU and 999 (the management account) at the root, and declares 222
// standalone. The bucket of 111 lets the whole organization read (Amazon S3
// User Guide, bucket policy examples: aws:PrincipalOrgID), and an RCP
// denies principals of other organizations (AWS Organizations User Guide,
// "Resource control policies" examples: aws:PrincipalOrgID with
// aws:ResourceOrgID).
func orgKeysSet(t *testing.T, orgID string) (*account.Set, error) {
	t.Helper()
	var users []string
	for _, a := range []string{"111111111111", "222222222222", "999999999999"} {
		users = append(users, `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::`+a+`:user/u",
"UserPolicyList":[{"PolicyName":"read","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}]}`)
	}
	ov := file("ov.json", `{"accounts":[{"id":"222222222222","standalone":true}],"organization":{"id":"`+orgID+`","managementAccount":"999999999999","root":{"id":"r-ab12",
"rcps":[{"name":"OrgOnly","document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
  "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"${aws:ResourceOrgID}"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}}],
"accounts":[{"id":"999999999999"}],
"units":[{"id":"ou-ab12-11111111","accounts":[{"id":"111111111111"}]}]}},
"resourcePolicies":[{"arn":"arn:aws:s3:::org-bucket","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::org-bucket/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"`+orgID+`"}}},
  {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::org-bucket","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"`+orgID+`/r-ab12/ou-ab12-11111111/*"}}}]}}]}`)
	return account.Load([]account.File{file("a.json", users[0]), file("b.json", users[1]), file("c.json", users[2])}, &ov, account.Options{})
}

// TestOrganizationKeys: the organization's id and entity paths reach
// aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:ResourceOrgID and
// aws:ResourceOrgPaths (IAM User Guide, "AWS global condition context
// keys"), and a request cannot claim other values.
func TestOrganizationKeys(t *testing.T) {
	const org = "o-a1b2c3d4e5"
	set, err := orgKeysSet(t, org)
	if err != nil {
		t.Fatal(err)
	}
	if id, path, ok := set.OrgOf("111111111111"); !ok || id != org || path != org+"/r-ab12/ou-ab12-11111111/" {
		t.Fatalf("OrgOf: %s %s %v", id, path, ok)
	}
	if _, _, ok := set.OrgOf("222222222222"); ok {
		t.Fatal("222222222222 is outside the organization")
	}
	cases := []struct {
		principal, action, resource string
		want                        evaluate.Decision
	}{
		{"arn:aws:iam::999999999999:user/u", "s3:GetObject", "arn:aws:s3:::org-bucket/k", evaluate.Allow},        // the management account is a member
		{"arn:aws:iam::111111111111:user/u", "s3:ListBucket", "arn:aws:s3:::org-bucket", evaluate.Allow},         // same account, its path under the OU
		{"arn:aws:iam::999999999999:user/u", "s3:ListBucket", "arn:aws:s3:::org-bucket", evaluate.ImplicitDeny},  // its path is at the root
		{"arn:aws:iam::222222222222:user/u", "s3:GetObject", "arn:aws:s3:::org-bucket/k", evaluate.ExplicitDeny}, // outside: the RCP denies
	}
	for _, c := range cases {
		res, err := set.Authorize(account.Request{Principal: c.principal, Action: c.action, Resource: c.resource})
		if err != nil || res.Decision != c.want {
			t.Errorf("%s %s: got %v %v, want %v", c.principal, c.action, res, err, c.want)
		}
	}
	var re *evaluate.RequestError
	_, err = set.Authorize(account.Request{Principal: "arn:aws:iam::222222222222:user/u", Action: "s3:GetObject", Resource: "arn:aws:s3:::org-bucket/k",
		Context: map[string][]string{"aws:ResourceOrgID": {"o-zzzzzzzzzz"}}})
	if !errors.As(err, &re) || !strings.Contains(re.Msg, org) {
		t.Fatalf("a request that names another organization for the resource: %v", err)
	}
	_, err = set.Authorize(account.Request{Principal: "arn:aws:iam::222222222222:user/u", Action: "s3:GetObject", Resource: "arn:aws:s3:::org-bucket/k",
		Context: map[string][]string{"aws:PrincipalOrgID": {org}}})
	if !errors.As(err, &re) {
		t.Fatalf("a request that claims the principal's organization: %v", err)
	}
	if _, err := orgKeysSet(t, "o-BAD"); err == nil || !strings.Contains(err.Error(), `organization id "o-BAD"`) {
		t.Fatalf("a malformed organization id: %v", err)
	}
}
