package account_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// Scale of issue 11: 10,000 roles, 10,000 users in 500 groups, 2,000
// customer managed policies.
const (
	benchRoles    = 10000
	benchUsers    = 10000
	benchGroups   = 500
	benchPolicies = 2000
)

// genExport writes an account export of that scale, as aws iam
// get-account-authorization-details prints it: users in groups, managed
// policies attached to users, groups and roles, a trust and an inline
// policy per role.
func genExport() []byte {
	var b strings.Builder
	const acct = "111111111111"
	doc := func(i int) string {
		return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"Read%d","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-%d","arn:aws:s3:::bucket-%d/*"]},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:%s:queue-%d","Condition":{"StringEquals":{"aws:PrincipalTag/team":"t%d"}}}]}`, i, i, i, acct, i, i%50)
	}
	att := func(ids ...int) string {
		var parts []string
		for _, i := range ids {
			parts = append(parts, fmt.Sprintf(`{"PolicyName":"P%d","PolicyArn":"arn:aws:iam::%s:policy/team/P%d"}`, i, acct, i))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	b.WriteString(`{"UserDetailList":[`)
	for i := range benchUsers {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Path":"/staff/","UserName":"user%d","UserId":"AIDAQ%015d","Arn":"arn:aws:iam::%s:user/staff/user%d","GroupList":["group%d"],"AttachedManagedPolicies":%s,"UserPolicyList":[],"Tags":[{"Key":"team","Value":"t%d"}]}`,
			i, i, acct, i, i%benchGroups, att(i%benchPolicies), i%50)
	}
	b.WriteString(`],"GroupDetailList":[`)
	for g := range benchGroups {
		if g > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Path":"/","GroupName":"group%d","GroupId":"AGPAQ%015d","Arn":"arn:aws:iam::%s:group/group%d","GroupPolicyList":[],"AttachedManagedPolicies":%s}`,
			g, g, acct, g, att((g*4)%benchPolicies, (g*4+1)%benchPolicies))
	}
	b.WriteString(`],"RoleDetailList":[`)
	for r := range benchRoles {
		if r > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Path":"/app/","RoleName":"role%d","RoleId":"AROAQ%015d","Arn":"arn:aws:iam::%s:role/app/role%d","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]},"InstanceProfileList":[],"RolePolicyList":[{"PolicyName":"inline","PolicyDocument":%s}],"AttachedManagedPolicies":%s,"Tags":[]}`,
			r, r, acct, r, doc(r%benchPolicies+7), att(r%benchPolicies, (r+1000)%benchPolicies))
	}
	b.WriteString(`],"Policies":[`)
	for p := range benchPolicies {
		if p > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"PolicyName":"P%d","PolicyId":"ANPAQ%015d","Arn":"arn:aws:iam::%s:policy/team/P%d","Path":"/team/","DefaultVersionId":"v1","PolicyVersionList":[{"Document":%s,"VersionId":"v1","IsDefaultVersion":true}]}`,
			p, p, acct, p, doc(p))
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func loadBench(b *testing.B) *account.Set {
	b.Helper()
	set, err := account.Load([]account.File{{Name: "bench.json", Data: genExport()}}, nil, account.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return set
}

// BenchmarkLoad loads the generated export (target: ≤ 1 s) and reports the
// heap a loaded principal costs.
func BenchmarkLoad(b *testing.B) {
	data := genExport()
	b.SetBytes(int64(len(data)))
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		set, err := account.Load([]account.File{{Name: "bench.json", Data: data}}, nil, account.Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(benchUsers+benchRoles), "heapB/principal")
		runtime.KeepAlive(set)
	}
}

// BenchmarkAuthorize builds, prepares and decides a fresh request for a
// different principal each time, over all 20,000 principals, once every
// principal's policies are compiled (steady state; target: ≤ 2 µs).
func BenchmarkAuthorize(b *testing.B) {
	set := loadBench(b)
	principals := set.Principals()
	for _, p := range principals { // warm: compile each principal once
		if _, err := set.Decide(account.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-7/k"}); err != nil {
			b.Fatal(err)
		}
	}
	i := 0
	for b.Loop() {
		d, err := set.Decide(account.Request{Principal: principals[i%len(principals)], Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-7/k"})
		if err != nil || d == evaluate.ExplicitDeny {
			b.Fatal(err, d)
		}
		i++
	}
}

// BenchmarkWhoCan asks who may read one object, over all 20,000
// principals (target: ≤ 100 ms).
func BenchmarkWhoCan(b *testing.B) {
	set := loadBench(b)
	q := account.Query{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-7/k"}
	if _, err := set.WhoCan(q); err != nil { // warm: compile each principal once
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		got, err := set.WhoCan(q)
		if err != nil {
			b.Fatal(err)
		}
		n = len(got)
	}
	b.ReportMetric(float64(n), "allowed")
}

// BenchmarkWhoCanConditional asks who may read an object when every one of
// 5,000 users is bound by a managed policy denying everything without MFA
// (IAM User Guide, "Configuring MFA-protected API access"): each is
// conditional on aws:MultiFactorAuthPresent, decided on an optimistic copy
// of its policies.
func BenchmarkWhoCanConditional(b *testing.B) {
	var bl account.Builder
	const acct = "111111111111"
	mfa := "arn:aws:iam::111111111111:policy/ForceMFA"
	bl.AddPolicy(account.ManagedPolicy{ARN: mfa, Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: policy.MustParse(mfa,
		`{"Version":"2012-10-17","Statement":[{"Sid":"DenyWithoutMFA","Effect":"Deny","NotAction":["iam:ChangePassword","sts:GetSessionToken"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`)}}})
	read := policy.MustParse("read", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-7/*"}]}`)
	for i := range 5000 {
		bl.AddUser(account.User{Account: acct, Name: fmt.Sprintf("user%d", i), Inline: []role.Inline{{Name: "read", Policy: read}}, Managed: []string{mfa}})
	}
	set, err := bl.Build(account.Options{})
	if err != nil {
		b.Fatal(err)
	}
	q := account.Query{Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-7/k"}
	n := 0
	for b.Loop() {
		got, err := set.WhoCan(q)
		if err != nil {
			b.Fatal(err)
		}
		n = len(got)
	}
	if n != 5000 || len(n0(set, q)) == 0 {
		b.Fatalf("%d conditional", n)
	}
	b.ReportMetric(float64(n), "conditional")
}

func n0(set *account.Set, q account.Query) []string {
	got, _ := set.WhoCan(q)
	if len(got) == 0 {
		return nil
	}
	return got[0].Keys
}
