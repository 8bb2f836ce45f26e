package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
)

// The shape of aws iam get-account-authorization-details (IAM API
// Reference, GetAccountAuthorizationDetails; its data types UserDetail,
// GroupDetail, RoleDetail, ManagedPolicyDetail, AttachedPolicy,
// AttachedPermissionsBoundary, Tag): what an export that AWS could not have
// printed looks like, and what a real one grants.

const gaadUser = `{"UserName":"u","Path":"/","UserId":"AIDAQUUUUUUUUUUUUUUU","Arn":"arn:aws:iam::111111111111:user/u"`

func gaadPolicy(arnText, name, path, doc string) string {
	return `{"PolicyName":"` + name + `","Path":"` + path + `","Arn":"` + arnText + `","DefaultVersionId":"v1","PolicyVersionList":[` + version("v1", true, doc) + `]}`
}

// TestGAADSelfContradiction: a value the export states twice must agree
// with itself; one that does not is no export AWS printed, and is refused
// at its file:line:col, never read as one of its two readings.
func TestGAADSelfContradiction(t *testing.T) {
	const p = "arn:aws:iam::111111111111:policy/team/P"
	cases := []struct {
		reason string
		files  []account.File
		want   []string
	}{
		{"IAM API Reference, ManagedPolicyDetail: PolicyName is the name the Arn ends with",
			[]account.File{file("a.json", policies(gaadPolicy(p, "Q", "/team/", readDoc)))},
			[]string{"a.json:1:14: Policies[0].Arn: ", `does not match the path "/team/" and name "Q" beside it`}},
		{"IAM API Reference, ManagedPolicyDetail: Path is the path of the Arn",
			[]account.File{file("a.json", policies(gaadPolicy(p, "P", "/", readDoc)))},
			[]string{"a.json:1:14: Policies[0].Arn: ", `does not match the path "/" and name "P" beside it`}},
		{"IAM API Reference, Tag: Value is required",
			[]account.File{file("a.json", `{"UserDetailList":[`+gaadUser+`,"Tags":[{"Key":"team"}]}]}`)},
			[]string{"a.json:1:", "UserDetailList[0].Tags[0]: Value is missing"}},
		{"IAM API Reference, GetAccountAuthorizationDetails: IsTruncated is a Boolean",
			[]account.File{file("a.json", `{"UserDetailList":[`+gaadUser+`}],"IsTruncated":"false"}`)},
			[]string{"a.json:1:", "IsTruncated: want a boolean"}},
		{"IAM API Reference, GetAccountAuthorizationDetails: when IsTruncated is true, Marker is present",
			[]account.File{file("a.json", `{"UserDetailList":[`+gaadUser+`}],"IsTruncated":true}`)},
			[]string{"a.json:1:", "IsTruncated is true but Marker is missing"}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			wantLoadError(t, c.files, nil, account.Options{}, c.want...)
		})
	}
}

// TestGAADTruncated: a page that says more items remain (IsTruncated true,
// IAM API Reference, GetAccountAuthorizationDetails: "We recommend that
// you check IsTruncated after every call to ensure that you receive all
// your results") loaded without the account's last page is an incomplete
// export: who-can over it would leave out principals, so it is refused.
func TestGAADTruncated(t *testing.T) {
	page1 := file("p1.json", `{"UserDetailList":[`+gaadUser+`}],"IsTruncated":true,"Marker":"m1"}`)
	page2 := file("p2.json", `{"RoleDetailList":[],"IsTruncated":false}`)
	wantLoadError(t, []account.File{page1}, nil, account.Options{}, "p1.json:1:", "IsTruncated: this page of account 111111111111 says more items remain, but no page of it loaded is its last (IsTruncated false)")
	var list account.ErrorList
	_, err := account.Load([]account.File{page1}, nil, account.Options{})
	if !errors.As(err, &list) || !errors.Is(err, account.ErrIncompleteExport) {
		t.Fatalf("got %v, want ErrIncompleteExport", err)
	}
	if _, err := account.Load([]account.File{page1, page2}, nil, account.Options{}); err == nil {
		t.Fatal("an empty last page names no account: its page 1 still looks incomplete")
	}
	page2 = file("p2.json", `{"RoleDetailList":[{"Path":"/","RoleName":"R","Arn":"arn:aws:iam::111111111111:role/R",
"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}}],"IsTruncated":false}`)
	if _, err := account.Load([]account.File{page1, page2}, nil, account.Options{}); err != nil {
		t.Fatalf("both pages: %v", err)
	}
}

// TestGAADGroupsPerUser: "Groups an IAM user can be a member of: 10" (IAM
// User Guide, "IAM and AWS STS quotas"); IAM never stored an eleventh.
func TestGAADGroupsPerUser(t *testing.T) {
	var groups, names []string
	for i := range 11 {
		n := "g" + string(rune('a'+i))
		groups = append(groups, `{"GroupName":"`+n+`","Path":"/","Arn":"arn:aws:iam::111111111111:group/`+n+`"}`)
		names = append(names, `"`+n+`"`)
	}
	export := func(k int) account.File {
		return file("a.json", `{"GroupDetailList":[`+strings.Join(groups, ",")+`],"UserDetailList":[`+gaadUser+`,"GroupList":[`+strings.Join(names[:k], ",")+`]}]}`)
	}
	if _, err := account.Load([]account.File{export(10)}, nil, account.Options{}); err != nil {
		t.Fatalf("10 groups: %v", err)
	}
	wantLoadError(t, []account.File{export(11)}, nil, account.Options{}, "a.json:1:", "UserDetailList[0].GroupList: user u is in 11 groups, over the quota of 10")
}

// TestGAADUserPermissions: a user's identity-based policies are its inline
// and attached managed policies and those of every group it is in (IAM User
// Guide, "Policy evaluation logic"; "IAM user groups"), and its permissions
// boundary limits all of them ("Permissions boundaries for IAM entities":
// "the entity can perform only the actions that are allowed by both its
// identity-based policies and its permissions boundaries"). Policy
// documents come as objects or URL-encoded (GetAccountAuthorizationDetails:
// "URL-encoded compliant with RFC 3986"), and only a managed policy's
// default version applies ("Versioning IAM policies").
func TestGAADUserPermissions(t *testing.T) {
	const (
		gp  = "arn:aws:iam::111111111111:policy/GroupPut"
		bnd = "arn:aws:iam::111111111111:policy/Boundary"
		ver = "arn:aws:iam::111111111111:policy/Versions"
	)
	put := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`
	sqs := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}`
	sns := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}`
	// The URL-encoded form of a group inline policy allowing dynamodb:GetItem.
	ddbEncoded := `%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22dynamodb%3AGetItem%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D`
	boundary := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","dynamodb:GetItem","sns:Publish"],"Resource":"*"}]}`
	export := `{"Policies":[` + gaadPolicy(gp, "GroupPut", "/", put) + `,` + gaadPolicy(bnd, "Boundary", "/", boundary) + `,
{"PolicyName":"Versions","Path":"/","Arn":"` + ver + `","DefaultVersionId":"v2","PolicyVersionList":[` + version("v1", false, writeDoc) + `,` + version("v2", true, sns) + `]}],
"GroupDetailList":[{"GroupName":"G","Path":"/","Arn":"arn:aws:iam::111111111111:group/G",
 "GroupPolicyList":[{"PolicyName":"ddb","PolicyDocument":"` + ddbEncoded + `"},{"PolicyName":"sqs","PolicyDocument":` + sqs + `}],
 "AttachedManagedPolicies":[{"PolicyName":"GroupPut","PolicyArn":"` + gp + `"}]}],
"UserDetailList":[` + gaadUser + `,"GroupList":["G"],
 "UserPolicyList":[{"PolicyName":"read","PolicyDocument":` + readDoc + `}],
 "AttachedManagedPolicies":[{"PolicyName":"Versions","PolicyArn":"` + ver + `"}],
 "PermissionsBoundary":{"PermissionsBoundaryType":"PermissionsBoundaryPolicy","PermissionsBoundaryArn":"` + bnd + `"}}]}`
	set, err := account.Load([]account.File{file("a.json", export)}, nil, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const u = "arn:aws:iam::111111111111:user/u"
	for _, c := range []struct {
		why    string
		action string
		want   evaluate.Decision
	}{
		{"the user's own inline policy", "s3:GetObject", evaluate.Allow},
		{"a managed policy attached to its group", "s3:PutObject", evaluate.Allow},
		{"its group's URL-encoded inline policy", "dynamodb:GetItem", evaluate.Allow},
		{"the default version (v2) of its attached managed policy", "sns:Publish", evaluate.Allow},
		{"a non-default version (v1) grants nothing", "s3:DeleteObject", evaluate.ImplicitDeny},
		{"the group's inline policy, outside the boundary", "sqs:SendMessage", evaluate.ImplicitDeny},
	} {
		t.Run(c.why, func(t *testing.T) {
			d, err := set.Decide(account.Request{Principal: u, Action: c.action, Resource: "*"})
			if err != nil || d != c.want {
				t.Fatalf("%s: got %v %v, want %v", c.action, d, err, c.want)
			}
		})
	}
}

// TestGAADAWSManagedPolicyPath: an AWS managed policy under a path
// (arn:aws:iam::aws:policy/service-role/…, IAM User Guide, "AWS managed
// policies") is listed with that Path and its name, which agree with its
// Arn; the export may list it (GetAccountAuthorizationDetails, Filter
// AWSManagedPolicy), and a user may attach it.
func TestGAADAWSManagedPolicyPath(t *testing.T) {
	const p = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
	logs := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}`
	export := `{"Policies":[` + gaadPolicy(p, "AWSLambdaBasicExecutionRole", "/service-role/", logs) + `],"UserDetailList":[` + gaadUser +
		`,"AttachedManagedPolicies":[{"PolicyName":"AWSLambdaBasicExecutionRole","PolicyArn":"` + p + `"}]}]}`
	set, err := account.Load([]account.File{file("a.json", export)}, nil, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := set.Decide(account.Request{Principal: "arn:aws:iam::111111111111:user/u", Action: "logs:PutLogEvents", Resource: "*"}); err != nil || d != evaluate.Allow {
		t.Fatalf("got %v %v", d, err)
	}
	wrong := strings.Replace(export, `"Path":"/service-role/"`, `"Path":"/"`, 1)
	wantLoadError(t, []account.File{file("a.json", wrong)}, nil, account.Options{}, "a.json:1:14: Policies[0].Arn: "+p+` does not match the path "/" and name "AWSLambdaBasicExecutionRole" beside it`)
}

// TestGAADNonDefaultVersionForm: a version that is not the default grants
// nothing ("Versioning IAM policies"), but its Document is still a policy
// document, an object or a URL-encoded string (GetAccountAuthorizationDetails,
// PolicyVersion: Document); any other value is no export IAM printed.
func TestGAADNonDefaultVersionForm(t *testing.T) {
	const p = "arn:aws:iam::111111111111:policy/P"
	export := `{"Policies":[{"PolicyName":"P","Path":"/","Arn":"` + p + `","DefaultVersionId":"v2","PolicyVersionList":[` +
		`{"VersionId":"v1","IsDefaultVersion":false,"Document":7},` + version("v2", true, readDoc) + `]}]}`
	wantLoadError(t, []account.File{file("a.json", export)}, nil, account.Options{}, "a.json:1:", "Policies[0].PolicyVersionList[0].Document: want a policy document (an object or a URL-encoded string), found the number 7")
}

// TestGAADInstanceProfiles: an InstanceProfileList entry of a role is an
// instance profile that holds that role (IAM API Reference, RoleDetail:
// InstanceProfileList; InstanceProfile: Arn, InstanceProfileName, Path,
// Roles; IAM User Guide, "Use instance profiles": "An instance profile can
// contain only one IAM role"). A profile whose Arn is not its path and name,
// or whose Roles name another role, contradicts the export: EC2 credentials
// for it would be for a role it does not hold.
func TestGAADInstanceProfiles(t *testing.T) {
	role := func(profile string) account.File {
		return file("r.json", `{"RoleDetailList":[{"Path":"/app/","RoleName":"R","Arn":"arn:aws:iam::111111111111:role/app/R",
"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]},
"InstanceProfileList":[`+profile+`]}]}`)
	}
	const (
		good      = `{"Path":"/","InstanceProfileName":"P","Arn":"arn:aws:iam::111111111111:instance-profile/P","Roles":[{"Path":"/app/","RoleName":"R","Arn":"arn:aws:iam::111111111111:role/app/R"}]}`
		otherName = `{"Path":"/","InstanceProfileName":"P","Arn":"arn:aws:iam::111111111111:instance-profile/Q","Roles":[]}`
		otherRole = `{"Path":"/","InstanceProfileName":"P","Arn":"arn:aws:iam::111111111111:instance-profile/P","Roles":[{"Path":"/","RoleName":"S","Arn":"arn:aws:iam::111111111111:role/S"}]}`
	)
	set, err := account.Load([]account.File{role(good)}, nil, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r, _, ok := set.InstanceProfile("111111111111", "P"); !ok || r.Name() != "R" {
		t.Fatalf("profile P: %v %v", r, ok)
	}
	wantLoadError(t, []account.File{role(otherName)}, nil, account.Options{}, "r.json:",
		`RoleDetailList[0].InstanceProfileList[0].Arn: arn:aws:iam::111111111111:instance-profile/Q does not match the path "/" and name "P" beside it`)
	wantLoadError(t, []account.File{role(otherRole)}, nil, account.Options{}, "r.json:",
		"RoleDetailList[0].InstanceProfileList[0].Roles[0]: instance profile P holds arn:aws:iam::111111111111:role/S, not arn:aws:iam::111111111111:role/app/R, whose InstanceProfileList lists it")
}

// TestGAADPolicyPartition: an account is in one partition, and IAM attaches
// only the account's own and AWS managed policies of that partition (IAM
// User Guide, "IAM identifiers": arn:partition:iam::account:policy/…;
// AWS managed policies are arn:aws:iam::aws:policy/… in the aws partition,
// arn:aws-cn:iam::aws:policy/… in China). An aws account's user attaching
// an aws-cn policy contradicts the export.
func TestGAADPolicyPartition(t *testing.T) {
	for _, p := range []string{"arn:aws-cn:iam::111111111111:policy/P", "arn:aws-cn:iam::aws:policy/P"} {
		export := `{"Policies":[` + gaadPolicy(p, "P", "/", readDoc) + `]}`
		user := `{"UserDetailList":[` + gaadUser + `,"AttachedManagedPolicies":[{"PolicyName":"P","PolicyArn":"` + p + `"}]}]}`
		wantLoadError(t, []account.File{file("p.json", export), file("u.json", user)}, nil, account.Options{}, "u.json:1:",
			"UserDetailList[0].AttachedManagedPolicies[0]: "+p+" is in partition aws-cn, but account 111111111111 is in aws")
	}
}
