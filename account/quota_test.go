package account_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
)

// statementsOf returns a policy document of n statements, each allowing
// s3:GetObject on its own bucket, with white space between elements as a
// person writes it (IAM does not count it).
func statementsOf(n int) string {
	var st []string
	for i := range n {
		st = append(st, fmt.Sprintf(`{"Sid": "S%04d", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b%04d/*"}`, i, i))
	}
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(st, ",\n    ") + `]}`
}

func inlineList(key string, docs ...string) string {
	var items []string
	for i, d := range docs {
		items = append(items, fmt.Sprintf(`{"PolicyName":"p%d","PolicyDocument":%s}`, i, d))
	}
	return `"` + key + `":[` + strings.Join(items, ",") + `]`
}

func attachedList(n int) string {
	var items []string
	for i := range n {
		items = append(items, fmt.Sprintf(`{"PolicyName":"P%d","PolicyArn":"arn:aws:iam::111111111111:policy/P%d"}`, i, i))
	}
	return `"AttachedManagedPolicies":[` + strings.Join(items, ",") + `]`
}

func managedList(n int) string {
	var items []string
	for i := range n {
		items = append(items, managedPolicyJSON(fmt.Sprintf("arn:aws:iam::111111111111:policy/P%d", i), version("v1", true, readDoc)))
	}
	return strings.Join(items, ",")
}

const trustEC2 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// bigTrust is a trust policy of about 2,400 characters: many ARNs trusted.
func bigTrust() string {
	var arns []string
	for i := range 40 {
		arns = append(arns, fmt.Sprintf(`"arn:aws:iam::222222222222:role/trusted-role-%02d"`, i))
	}
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[` + strings.Join(arns, ",") + `]},"Action":"sts:AssumeRole"}]}`
}

// TestQuotas: what IAM's quotas would have refused is refused at load, at
// the entity's file:line:col (IAM User Guide, "IAM and AWS STS quotas":
// inline policies of a user 2,048, group 5,120, role 10,240 characters in
// aggregate; a managed policy version 6,144; 10 managed policies attached
// by default; role trust policy 2,048 by default; white space not counted),
// while AWS managed policies, which no size quota binds, load whatever
// their size.
func TestQuotas(t *testing.T) {
	// 12 statements are about 1,150 characters without white space: two
	// such inline policies pass 2,048 but not 5,120 or 10,240.
	p12 := statementsOf(12)
	// 18 statements: some 1,700 characters, and over 2,700 with the white
	// space between elements.
	spaced := strings.ReplaceAll(statementsOf(18), ", ", ",\n          ")
	if n := len(spaced); n <= 2048 {
		t.Fatalf("the spaced policy is only %d characters with its white space", n)
	}
	user := func(extra string) string {
		return `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u",` + extra + `}]}`
	}
	group := func(extra string) string {
		return `{"GroupDetailList":[{"GroupName":"g","Path":"/","Arn":"arn:aws:iam::111111111111:group/g",` + extra + `}]}`
	}
	roleWith := func(trust, extra string) string {
		return `{"RoleDetailList":[{"RoleName":"r","Path":"/","Arn":"arn:aws:iam::111111111111:role/r","AssumeRolePolicyDocument":` + trust + `,` + extra + `}]}`
	}
	cases := []struct {
		reason string
		data   string
		opts   account.Options
		want   string // "" for a load that succeeds
	}{
		{"a user's inline policies over 2,048 together", user(inlineList("UserPolicyList", p12, p12)), account.Options{},
			"a.json:1:20: UserDetailList[0].UserPolicyList: the inline policies are 2"},
		{"one user inline policy of 2,048 characters or fewer loads, however much white space it holds", user(inlineList("UserPolicyList", spaced)), account.Options{}, ""},
		{"a group's inline policies under 5,120 load", group(inlineList("GroupPolicyList", p12, p12)), account.Options{}, ""},
		{"a group's inline policies over 5,120", group(inlineList("GroupPolicyList", p12, p12, p12, p12, p12)), account.Options{},
			"a.json:1:21: GroupDetailList[0].GroupPolicyList: the inline policies are 5"},
		{"a role's inline policies under 10,240 load", roleWith(trustEC2, inlineList("RolePolicyList", p12, p12, p12, p12, p12)), account.Options{}, ""},
		{"a role's inline policies over 10,240", roleWith(trustEC2, inlineList("RolePolicyList", p12, p12, p12, p12, p12, p12, p12, p12, p12, p12)), account.Options{},
			"a.json:1:20: RoleDetailList[0]: role r: Inline"},
		{"a role trust policy over 2,048", roleWith(bigTrust(), `"RolePolicyList":[]`), account.Options{},
			"a.json:1:20: RoleDetailList[0]: role r: Trust"},
		{"a role trust policy under a raised quota", roleWith(bigTrust(), `"RolePolicyList":[]`), account.Options{MaxTrustPolicyChars: 4096}, ""},
		{"11 managed policies attached to a user", `{"Policies":[` + managedList(11) + `],` + user(attachedList(11))[1:], account.Options{},
			"UserDetailList[0].AttachedManagedPolicies: 11 managed policies are attached, over the quota of 10"},
		{"11 managed policies attached to a role", `{"Policies":[` + managedList(11) + `],` + roleWith(trustEC2, attachedList(11))[1:], account.Options{},
			"RoleDetailList[0].AttachedManagedPolicies: 11 managed policies are attached, over the quota of 10"},
		{"11 attached under a raised quota", `{"Policies":[` + managedList(11) + `],` + user(attachedList(11))[1:], account.Options{MaxManagedPolicies: 20}, ""},
		{"a customer managed policy version over 6,144", policies(managedPolicyJSON("arn:aws:iam::111111111111:policy/Big", version("v1", true, statementsOf(70)))), account.Options{},
			"a.json:1:14: Policies[0].PolicyVersionList[0]: version v1 of arn:aws:iam::111111111111:policy/Big is 6"},
		{"a non-default version over 6,144", policies(managedPolicyJSON("arn:aws:iam::111111111111:policy/Big", version("v1", true, readDoc)+","+version("v2", false, statementsOf(70)))), account.Options{},
			"Policies[0].PolicyVersionList[1].Document: version v2 is 6"},
		{"an AWS managed policy of some 47,000 characters loads (ReadOnlyAccess is that size)",
			policies(managedPolicyJSON("arn:aws:iam::aws:policy/ReadOnlyAccess", version("v1", false, statementsOf(500))+","+version("v2", true, statementsOf(500)))), account.Options{}, ""},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			set, err := account.Load([]account.File{file("a.json", c.data)}, nil, c.opts)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want == "":
				if set == nil {
					t.Fatal("no set")
				}
			case err == nil:
				t.Fatal("loaded what IAM's quotas refuse")
			case !strings.Contains(err.Error(), c.want):
				t.Fatalf("missing %q in:\n%v", c.want, err)
			}
		})
	}
	if n := len(statementsOf(500)); n < 47000 {
		t.Fatalf("the AWS managed policy of the test is only %d characters", n)
	}
}
