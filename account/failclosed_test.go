package account_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// Adversarial tests of fail-closed on every account path: each input AWS
// would never produce, or a request naming a principal that is not loaded
// exactly as named, is refused; nothing is granted by accident.

// wantLoadError loads files and checks that the load fails with every want
// in the error text, in order.
func wantLoadError(t *testing.T, files []account.File, ov *account.File, opts account.Options, want ...string) {
	t.Helper()
	set, err := account.Load(files, ov, opts)
	if set != nil || err == nil {
		t.Fatal("loaded a defective input")
	}
	text := err.Error()
	for _, w := range want {
		i := strings.Index(text, w)
		if i < 0 {
			t.Fatalf("missing %q in:\n%s", w, err)
		}
		text = text[i+len(w):]
	}
}

// TestPrincipalMatchesOnlyExactly: a request names its principal by ARN,
// and ARNs are matched exactly (IAM User Guide, "IAM identifiers": the ARN
// holds the path; "IAM JSON policy elements: Principal": ARNs are case
// sensitive). A principal that matches a loaded one only by case, path or
// partition is refused, never taken for it.
func TestPrincipalMatchesOnlyExactly(t *testing.T) {
	set := loadTest(t)
	for _, p := range []string{
		"arn:aws:iam::111111111111:user/engineering/Alice",                 // case of the name
		"arn:aws:iam::111111111111:user/Engineering/alice",                 // case of the path
		"arn:aws:iam::111111111111:user/alice",                             // path left out
		"arn:aws:iam::111111111111:user/other/alice",                       // another path
		"arn:aws:iam::111111111111:role/crossaccountauditor",               // case of a role
		"arn:aws:iam::111111111111:role/x/CrossAccountAuditor",             // a role's path
		"arn:aws-cn:iam::111111111111:user/engineering/alice",              // another partition
		"arn:aws-cn:iam::111111111111:root",                                // the root of another partition
		"arn:aws-cn:sts::111111111111:assumed-role/CrossAccountAuditor/s1", // a session of another partition
		"arn:aws:sts::111111111111:assumed-role/crossaccountauditor/s1",    // a session spelling its role otherwise
		"arn:aws:sts::111111111111:assumed-role/NoSuchRole/s1",             // a session of a role that does not exist
		"arn:aws:sts::333333333333:assumed-role/CrossAccountAuditor/s1",    // a session in an account not loaded
		"arn:aws:iam::333333333333:root",                                   // the root of an account not loaded
		"arn:aws:iam::111111111111:group/Developers",                       // a group is no principal
	} {
		t.Run(p, func(t *testing.T) {
			_, err := set.Authorize(account.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"})
			var pe *account.PrincipalError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a PrincipalError", err)
			}
			if d, err := set.Decide(account.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"}); err == nil || d == evaluate.Allow {
				t.Fatalf("Decide: %v %v", d, err)
			}
		})
	}
}

// managedPolicyJSON is one entry of an export's Policies list, its
// PolicyName the name its Arn ends with (IAM API Reference,
// ManagedPolicyDetail).
func managedPolicyJSON(arnText, versions string) string {
	name := arnText[strings.LastIndexByte(arnText, '/')+1:]
	return `{"Arn":"` + arnText + `","PolicyName":"` + name + `","PolicyVersionList":[` + versions + `]}`
}

const readDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
const writeDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

func version(id string, def bool, doc string) string {
	d := "false"
	if def {
		d = "true"
	}
	return `{"VersionId":"` + id + `","IsDefaultVersion":` + d + `,"Document":` + doc + `}`
}

func policies(entries ...string) string { return `{"Policies":[` + strings.Join(entries, ",") + `]}` }

// TestLoadRefusesWhatIAMNeverStores: exports and overlays that AWS could
// not have produced are refused at load, each error at file:line:col.
func TestLoadRefusesWhatIAMNeverStores(t *testing.T) {
	const p = "arn:aws:iam::111111111111:policy/P"
	user := func(acct, name, extra string) string {
		return `{"UserName":"` + name + `","Path":"/","Arn":"arn:aws:iam::` + acct + `:user/` + name + `"` + extra + `}`
	}
	cases := []struct {
		reason string
		files  []account.File
		want   []string
	}{
		{"IAM API Reference, GetAccountAuthorizationDetails: one policy ARN twice in one page",
			[]account.File{file("a.json", policies(managedPolicyJSON(p, version("v1", true, readDoc)), managedPolicyJSON(p, version("v1", true, readDoc))))},
			[]string{"a.json:1:", "Policies[1]: managed policy " + p + " is loaded twice"}},
		{"the same policy in two pages with different documents",
			[]account.File{file("a.json", policies(managedPolicyJSON(p, version("v1", true, readDoc)))), file("b.json", policies(managedPolicyJSON(p, version("v1", true, writeDoc))))},
			[]string{"b.json:1:", "managed policy " + p + " is loaded twice"}},
		{"an AWS managed policy listed twice with two different default documents",
			[]account.File{file("a.json", policies(managedPolicyJSON("arn:aws:iam::aws:policy/X", version("v1", true, readDoc)))),
				file("b.json", policies(managedPolicyJSON("arn:aws:iam::aws:policy/X", version("v1", true, writeDoc))))},
			[]string{"b.json:1:", "managed policy arn:aws:iam::aws:policy/X is loaded twice"}},
		{"IAM API Reference, CreatePolicy: policy names are unique in an account regardless of case and path",
			[]account.File{file("a.json", policies(managedPolicyJSON(p, version("v1", true, readDoc)), managedPolicyJSON("arn:aws:iam::111111111111:policy/team/p", version("v1", true, readDoc))))},
			[]string{"a.json:1:", "Policies[1]: managed policy arn:aws:iam::111111111111:policy/team/p: account 111111111111 has a policy named P already"}},
		{"IAM User Guide, Versioning IAM policies: two default versions",
			[]account.File{file("a.json", policies(managedPolicyJSON(p, version("v1", true, readDoc)+","+version("v2", true, writeDoc))))},
			[]string{"a.json:1:", "has 2 default versions"}},
		{"Versioning IAM policies: no default version",
			[]account.File{file("a.json", policies(managedPolicyJSON(p, version("v1", false, readDoc))))},
			[]string{"a.json:1:", "has 0 default versions"}},
		{"Versioning IAM policies: one version id twice",
			[]account.File{file("a.json", policies(managedPolicyJSON(p, version("v1", true, readDoc)+","+version("v1", false, writeDoc))))},
			[]string{"a.json:1:", "PolicyVersionList[1]: version v1 appears twice"}},
		{"a DefaultVersionId that names no listed version",
			[]account.File{file("a.json", `{"Policies":[{"Arn":"`+p+`","DefaultVersionId":"v3","PolicyVersionList":[`+version("v1", false, readDoc)+`]}]}`)},
			[]string{"a.json:1:", "has 0 default versions"}},
		{"IAM User Guide, IAM user groups: a group a user is in must be loaded",
			[]account.File{file("a.json", `{"UserDetailList":[`+user("111111111111", "u", `,"GroupList":["Ghosts"]`)+`]}`)},
			[]string{"a.json:1:", `UserDetailList[0].GroupList[0]: user u is in group "Ghosts", which is not loaded`}},
		{"a permissions boundary that is not loaded, without opting in",
			[]account.File{file("a.json", `{"UserDetailList":[`+user("111111111111", "u", `,"PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"arn:aws:iam::111111111111:policy/Gone"}`)+`]}`)},
			[]string{"a.json:1:", "PermissionsBoundary: managed policy arn:aws:iam::111111111111:policy/Gone is attached but is in no loaded file"}},
		{"the same user in two accounts' files",
			[]account.File{file("dev.json", `{"UserDetailList":[`+user("111111111111", "u", "")+`]}`), file("audit.json", `{"UserDetailList":[`+user("111111111111", "U", "")+`]}`)},
			[]string{"audit.json:1:", "user U is loaded twice in account 111111111111 (first at dev.json:1:"}},
		{"IAM API Reference, GetAccountAuthorizationDetails: a page holds one account's entities",
			[]account.File{file("mixed.json", `{"UserDetailList":[`+user("111111111111", "u", "")+`,`+user("222222222222", "v", "")+`]}`)},
			[]string{"mixed.json:1:", "UserDetailList[1]: arn:aws:iam::222222222222:user/v is of account 222222222222, but this file holds account 111111111111 (first at UserDetailList[0])"}},
		{"RFC 3986 percent-encoding: a bad escape in a URL-encoded document",
			[]account.File{file("a.json", `{"Policies":[{"Arn":"`+p+`","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"Document":"%7B%ZZ"}]}]}`)},
			[]string{"a.json:1:", "Policies[0].PolicyVersionList[0].Document: a policy document string must be URL-encoded JSON"}},
		{"a URL-encoded document that decodes to a non-UTF-8 text",
			[]account.File{file("a.json", `{"Policies":[{"Arn":"`+p+`","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"Document":"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22%FF%22%2C%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"}]}]}`)},
			[]string{"a.json:1:", "Policies[0].PolicyVersionList[0].Document"}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			wantLoadError(t, c.files, nil, account.Options{}, c.want...)
		})
	}
}

const oneUser = `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u"}]}`

// orgWith is an overlay whose organization holds account 111111111111 with
// the given SCP and RCP lists at the root.
func orgWith(scps, rcps string) string {
	return `{"organization":{"managementAccount":"999999999999","root":{"id":"r-1",
"scps":[` + scps + `],"rcps":[` + rcps + `],
"accounts":[{"id":"111111111111","scps":[{"name":"FullAWSAccess"}]},{"id":"999999999999","scps":[{"name":"FullAWSAccess"}]}]}}}`
}

// TestOverlayRefusesWhatAWSRefuses: an SCP, RCP or resource policy AWS
// would refuse to store is refused at load, with the place of the policy
// and of its own defect.
func TestOverlayRefusesWhatAWSRefuses(t *testing.T) {
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":[` + strings.Repeat(`"arn:aws:s3:::bucket-with-a-long-name/*",`, 130) + `"*"]}]}`
	six := strings.Repeat(`{"name":"FullAWSAccess"},`, 5) + `{"name":"FullAWSAccess"}`
	cases := []struct {
		reason string
		ov     string
		want   []string
	}{
		{"AWS Organizations User Guide, SCP syntax: an SCP names no Principal",
			orgWith(`{"name":"FullAWSAccess"},{"name":"Bad","document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}}`, ""),
			[]string{"ov.json:2:59: organization.root.scps[1]: Organizations refuses scp \"Bad\"", "ov.json:2:113: ERROR SCP_SYNTAX_ERROR_PRINCIPAL"}},
		{"AWS Organizations User Guide, RCP syntax: customer RCPs Deny",
			orgWith(`{"name":"FullAWSAccess"}`, `{"name":"Bad","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}}`),
			[]string{"ov.json:2:68: organization.root.rcps[0]: Organizations refuses rcp \"Bad\"", "ERROR RCP_SYNTAX_ERROR_ALLOW"}},
		{"AWS Organizations User Guide, Quotas: an SCP is at most 5,120 characters",
			orgWith(`{"name":"FullAWSAccess"},{"name":"Big","document":`+big+`}`, ""),
			[]string{"ov.json:2:59: organization.root.scps[1]: SCP \"Big\" is 5", "characters (white space counted), over the 5120-character quota"}},
		{"AWS Organizations User Guide, Quotas: at most 5 SCPs attached to one root, OU or account",
			orgWith(six, ""),
			[]string{"organization.root.scps: 6 SCPs are attached to root r-1: at most 5"}},
		{"IAM User Guide, Resource-based policies: a bucket policy names a Principal",
			`{"resourcePolicies":[{"arn":"arn:aws:s3:::b","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: the resource policy of arn:aws:s3:::b would be refused", "ERROR MISSING_PRINCIPAL"}},
		{"a resource policy for a resource of another account than declared",
			`{"resourcePolicies":[{"arn":"arn:aws:sqs:us-east-1:222222222222:q","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: arn:aws:sqs:us-east-1:222222222222:q is in account 222222222222, not 111111111111"}},
		{"Amazon S3 User Guide, Bucket policies: a bucket policy is attached to a bucket, not an object",
			`{"resourcePolicies":[{"arn":"arn:aws:s3:::b/key","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: arn:aws:s3:::b/key is an object: an S3 resource policy is a bucket's"}},
		{"IAM User Guide, Roles terms: a role's resource-based policy is its trust policy, from the export",
			`{"resourcePolicies":[{"arn":"arn:aws:iam::111111111111:role/R","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"iam:*","Resource":"*"}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: arn:aws:iam::111111111111:role/R: IAM resources have no resource-based policy but a role's trust policy"}},
		{"Amazon S3 User Guide, Bucket policies and user policies: a bucket policy is at most 20 KB",
			`{"resourcePolicies":[{"arn":"arn:aws:s3:::b","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":[` +
				strings.Repeat(`"arn:aws:s3:::b/a-long-prefix-for-the-objects-read/*",`, 420) + `"arn:aws:s3:::b/*"]}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: the bucket policy of arn:aws:s3:::b is 2", "bytes, over S3's 20480"}},
		{"a resource of another partition than its account's",
			`{"resourcePolicies":[{"arn":"arn:aws-cn:s3:::b","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: arn:aws-cn:s3:::b is in partition aws-cn, but account 111111111111 is in aws"}},
		{"a resource policy on a pattern, not a resource",
			`{"resourcePolicies":[{"arn":"arn:aws:s3:::b*","account":"111111111111","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}}]}`,
			[]string{"ov.json:1:22: resourcePolicies[0]: resource ARN \"arn:aws:s3:::b*\"", "wildcard"}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			ov := file("ov.json", c.ov)
			wantLoadError(t, []account.File{file("u.json", oneUser)}, &ov, account.Options{}, c.want...)
		})
	}
}

// TestOrganizationReach: whom SCPs bind, on the paths the organization
// tests leave out (AWS Organizations User Guide, "Service control
// policies": SCPs affect the root user of member accounts, not the
// management account's, and not service-linked roles or their sessions).
// RCPs: TestRCPReach.
func TestOrganizationReach(t *testing.T) {
	set := orgSet(t)
	cases := []struct {
		reason              string
		principal, resource string
		action              string
		want                evaluate.Decision
	}{
		{"SCPs bind a member account's root user", "arn:aws:iam::111111111111:root", "arn:aws:s3:::any", "s3:ListBucket", evaluate.ExplicitDeny},
		{"SCPs do not bind the management account's root user", "arn:aws:iam::999999999999:root", "arn:aws:s3:::any", "s3:ListBucket", evaluate.Allow},
		{"SCPs do not bind a session of a service-linked role", "arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForX/s1", "arn:aws:s3:::any", "s3:ListBucket", evaluate.Allow},
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

// TestRCPReach: an RCP denying every read binds a member account's
// resources for its own users, but not for its service-linked role, and
// not the management account's resources (AWS Organizations User Guide,
// "Resource control policies": "RCPs don't apply to resources in the
// management account"; "RCPs don't apply to service-linked roles").
func TestRCPReach(t *testing.T) {
	var b account.Builder
	all := doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`)
	for _, acct := range []string{mgmt, member} {
		b.AddUser(account.User{Account: acct, Name: "admin", Inline: []role.Inline{{Name: "all", Policy: all}}})
	}
	b.AddRole(role.MustNew(role.Spec{Account: member, Name: "AWSServiceRoleForX", Path: "/aws-service-role/x.amazonaws.com/",
		Trust:  policy.MustParse("t", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"x.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		Inline: []role.Inline{{Name: "all", Policy: all}}}), account.Origin{})
	denyReads := policy.MustParse("DenyReads", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`)
	b.AddResourcePolicy(account.ResourcePolicy{ARN: "arn:aws:s3:::mgmt-bucket", Account: mgmt, Policy: policy.MustParse("b",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::mgmt-bucket/*"}]}`)})
	b.SetOrganization(account.Organization{ManagementAccount: mgmt, Root: account.Unit{ID: "r-1", RCPs: []*policy.Policy{denyReads},
		Accounts: []account.Member{{ID: mgmt}, {ID: member}}}})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		principal, resource string
		want                evaluate.Decision
	}{
		{"arn:aws:iam::111111111111:user/admin", "arn:aws:s3:::member-bucket/k", evaluate.ExplicitDeny},
		{"arn:aws:iam::111111111111:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX", "arn:aws:s3:::member-bucket/k", evaluate.Allow},
		{"arn:aws:iam::999999999999:user/admin", "arn:aws:s3:::mgmt-bucket/k", evaluate.Allow},
		{"arn:aws:iam::111111111111:user/admin", "arn:aws:s3:::mgmt-bucket/k", evaluate.Allow},
	} {
		res, err := set.Authorize(account.Request{Principal: c.principal, Action: "s3:GetObject", Resource: c.resource, ResourceAccount: map[bool]string{true: mgmt, false: member}[strings.Contains(c.resource, "mgmt")]})
		if err != nil || res.Decision != c.want {
			t.Errorf("%s on %s: got %v %v, want %v", c.principal, c.resource, res, err, c.want)
		}
	}
}

// TestResourceAccountContradiction: a request may not claim that a resource
// belongs to another account than its loaded resource policy or its ARN
// says: that would turn a cross-account request, which needs the
// resource's grant, into a same-account one (IAM User Guide,
// "Cross-account policy evaluation logic").
func TestResourceAccountContradiction(t *testing.T) {
	set := loadTest(t)
	const carol = "arn:aws:iam::222222222222:user/carol"
	for _, r := range []account.Request{
		{Principal: carol, Action: "s3:PutObject", Resource: "arn:aws:s3:::shared-logs/x", ResourceAccount: "222222222222"},
		{Principal: carol, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111111111111:q", ResourceAccount: "222222222222"},
	} {
		var re *evaluate.RequestError
		if _, err := set.Authorize(r); !errors.As(err, &re) || re.Field != "ResourceAccount" {
			t.Errorf("%s: got %v", r.Resource, err)
		}
	}
	// Saying what the files say is fine.
	res, err := set.Authorize(account.Request{Principal: carol, Action: "s3:GetObject", Resource: "arn:aws:s3:::shared-logs/x", ResourceAccount: "111111111111"})
	if err != nil || res.Decision != evaluate.Allow {
		t.Fatalf("got %v %v", res, err)
	}
}

// TestLoadRefusesAmbiguity: an access key of two users, an account in two
// partitions, an identity provider listed under another account than its
// ARN's.
func TestLoadRefusesAmbiguity(t *testing.T) {
	two := file("u.json", `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u"},{"UserName":"v","Path":"/","Arn":"arn:aws:iam::111111111111:user/v"}]}`)
	ov := file("ov.json", `{"accounts":[{"id":"111111111111","users":[{"name":"u","accessKeys":[{"id":"AKIAQEXAMPLE00000001","secret":"s"}]},{"name":"v","accessKeys":[{"id":"AKIAQEXAMPLE00000001","secret":"t"}]}]}]}`)
	wantLoadError(t, []account.File{two}, &ov, account.Options{}, "u.json:1:", "UserDetailList[1].AccessKeys[0]: access key AKIAQEXAMPLE00000001 belongs to 111111111111/u already")
	cn := file("cn.json", `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws-cn:iam::111111111111:user/u"}]}`)
	ov = file("ov.json", `{"accounts":[{"id":"111111111111","partition":"aws"}]}`)
	wantLoadError(t, []account.File{cn}, &ov, account.Options{}, "account 111111111111 is in partition aws and aws-cn")
	ov = file("ov.json", `{"accounts":[{"id":"111111111111","identityProviders":[{"arn":"arn:aws:iam::222222222222:oidc-provider/example.com","type":"OIDC","url":"https://example.com"}]}]}`)
	wantLoadError(t, []account.File{two}, &ov, account.Options{}, "ov.json:1:56: accounts[0].identityProviders[0].arn: arn:aws:iam::222222222222:oidc-provider/example.com is listed under account 111111111111 but its ARN is of account 222222222222")
}

// TestSameNameTwoAccounts: one name in two accounts is two users (IAM
// names are unique within an account), each found by its own ARN.
func TestSameNameTwoAccounts(t *testing.T) {
	set, err := account.Load([]account.File{
		file("dev.json", `{"UserDetailList":[{"UserName":"alice","Path":"/","Arn":"arn:aws:iam::111111111111:user/alice"}]}`),
		file("audit.json", `{"UserDetailList":[{"UserName":"alice","Path":"/","Arn":"arn:aws:iam::222222222222:user/alice"}]}`),
	}, nil, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(set.Principals(), " "); got != "arn:aws:iam::111111111111:user/alice arn:aws:iam::222222222222:user/alice" {
		t.Fatalf("got %s", got)
	}
}

// TestRCPCount: RCPFullAWSAccess counts once toward the 5 RCPs of a level,
// listed or not (AWS Organizations User Guide, "Quotas").
func TestRCPCount(t *testing.T) {
	deny := `{"name":"D%d","document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}}`
	four := strings.Join([]string{fmt.Sprintf(deny, 1), fmt.Sprintf(deny, 2), fmt.Sprintf(deny, 3), fmt.Sprintf(deny, 4)}, ",")
	ov := file("ov.json", orgWith(`{"name":"FullAWSAccess"}`, `{"name":"RCPFullAWSAccess"},`+four))
	if _, err := account.Load([]account.File{file("u.json", oneUser)}, &ov, account.Options{}); err != nil {
		t.Fatalf("RCPFullAWSAccess and 4 more: %v", err)
	}
	ov = file("ov.json", orgWith(`{"name":"FullAWSAccess"}`, four+","+fmt.Sprintf(deny, 5)))
	wantLoadError(t, []account.File{file("u.json", oneUser)}, &ov, account.Options{}, "organization.root.rcps: 6 RCPs are attached to root r-1 with RCPFullAWSAccess: at most 5")
}
