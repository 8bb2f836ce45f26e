package account_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
)

func file(name, data string) account.File { return account.File{Name: name, Data: []byte(data)} }

const minimalRole = `{"RoleDetailList":[{"Path":"/","RoleName":"R","RoleId":"AROAQRRRRRRRRRRRRRRR","Arn":"arn:aws:iam::111111111111:role/R",
"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]},
"AttachedManagedPolicies":[{"PolicyName":"Gone","PolicyArn":"arn:aws:iam::111111111111:policy/Gone"}],"SomeFieldAWSAddsLater":{"x":[1,2]}}]}`

const samePolicy = `{"Policies":[{"Arn":"arn:aws:iam::111111111111:policy/P","DefaultVersionId":"v1","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,
"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}]}`

// TestLoadErrors: each error names the file, the JSON path and line:column.
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		reason string
		files  []account.File
		want   []string // each a substring of one error, in order
	}{
		{"not JSON", []account.File{file("a.json", "{\n  \"UserDetailList\": [,]\n}")}, []string{"a.json:2:22: not valid JSON"}},
		{"a repeated key (the strict reader)", []account.File{file("a.json", `{"Policies":[],"Policies":[]}`)}, []string{`a.json:1:16: the key "Policies" appears twice`}},
		{"a field of the wrong type", []account.File{file("a.json", "{\"UserDetailList\":[{\"UserName\":7,\"Arn\":\"arn:aws:iam::111111111111:user/x\"}]}")},
			[]string{"a.json:1:32: UserDetailList[0].UserName: want a string, found the number 7"}},
		{"a bad inline policy, with the policy's own finding", []account.File{file("a.json", `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u",
"UserPolicyList":[{"PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}}]}]}`)},
			[]string{`a.json:1:20: UserDetailList[0].UserPolicyList[0]: IAM refuses inline policy "p" (MalformedPolicyDocument)`, "a.json:2:91: ERROR MISSING_RESOURCE"}},
		{"an attached policy in no file", []account.File{file("r.json", minimalRole)},
			[]string{"r.json:1:20: RoleDetailList[0].AttachedManagedPolicies[0]: managed policy arn:aws:iam::111111111111:policy/Gone is attached but is in no loaded file"}},
		{"a principal twice, across pages", []account.File{file("p1.json", minimalRole), file("p2.json", minimalRole)},
			[]string{"p1.json", "p2.json:1:20: RoleDetailList[0]: role R is loaded twice in account 111111111111 (first at p1.json:1:20 RoleDetailList[0])"}},
		{"a managed policy twice, across pages", []account.File{file("p1.json", samePolicy), file("p2.json", samePolicy)},
			[]string{"p2.json:1:14: Policies[0]: managed policy arn:aws:iam::111111111111:policy/P is loaded twice"}},
		{"an ARN that does not match its path", []account.File{file("a.json", `{"GroupDetailList":[{"GroupName":"g","Path":"/x/","Arn":"arn:aws:iam::111111111111:group/g"}]}`)},
			[]string{`a.json:1:21: GroupDetailList[0].Arn: arn:aws:iam::111111111111:group/g does not match the path "/x/" and name "g" beside it`}},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			set, err := account.Load(c.files, nil, account.Options{})
			if set != nil || err == nil {
				t.Fatal("loaded a defective input")
			}
			var list account.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not an ErrorList", err)
			}
			text := err.Error()
			for _, w := range c.want {
				i := strings.Index(text, w)
				if i < 0 {
					t.Fatalf("missing %q in:\n%s", w, text)
				}
				text = text[i+len(w):]
			}
		})
	}
}

// TestAllowMissing: opting in loads the principal without the policy, and
// every answer about it says so.
func TestAllowMissing(t *testing.T) {
	set, err := account.Load([]account.File{file("r.json", minimalRole)}, nil, account.Options{AllowMissingPolicies: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:role/R", Action: "s3:GetObject", Resource: "*"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != evaluate.ImplicitDeny || len(res.Missing) != 1 || !strings.Contains(res.String(), "arn:aws:iam::111111111111:policy/Gone is attached to the principal but was not loaded") {
		t.Fatalf("got %s", res)
	}
}

// TestOverlayErrors: the overlay is checked as strictly, and names of
// principals that no export holds are errors, not silently ignored.
func TestOverlayErrors(t *testing.T) {
	photos, err := os.ReadFile("../examples/photos/account.json")
	if err != nil {
		t.Fatal(err)
	}
	ov := file("ov.json", `{"accounts":[{"id":"111111111111","roles":[{"name":"PhotoReadr"},{"name":"PhotoReader","maxSessionDuration":60}]}],
"organization":{"managementAccount":"999999999999","root":{"scps":[{"name":"Custom"}],"units":[{"id":"ou-1","accounts":[{"id":"111111111111"}]}]}},
"resourcePolicies":[{"arn":"arn:aws:s3:::b","account":"1"}]}`)
	_, err = account.Load([]account.File{file("photos.json", string(photos))}, &ov, account.Options{})
	if err == nil {
		t.Fatal("loaded a defective overlay")
	}
	for _, w := range []string{
		`ov.json:2:68: organization.root.scps[0]: policy "Custom" has no document`,
		"ov.json:3:21: resourcePolicies[0]: policy is missing",
		`photos.json:5:9: RoleDetailList[0]: role PhotoReader: MaxSessionDuration "60": must be from 3600 to 43200 seconds`,
		"ov.json:1:44: accounts[0].roles[0]: 111111111111/photoreadr is in no export file",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in:\n%v", w, err)
		}
	}
}

// TestAllowMissingBoundary: a permissions boundary that is not loaded fails
// closed: it allows nothing, and the answer says it was left out.
func TestAllowMissingBoundary(t *testing.T) {
	export := file("u.json", `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u",
"UserPolicyList":[{"PolicyName":"all","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}],
"PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"arn:aws:iam::111111111111:policy/Gone"}}]}`)
	set, err := account.Load([]account.File{export}, nil, account.Options{AllowMissingPolicies: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:user/u", Action: "s3:GetObject", Resource: "*"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision == evaluate.Allow || len(res.Missing) != 1 {
		t.Fatalf("got %s", res)
	}
}
