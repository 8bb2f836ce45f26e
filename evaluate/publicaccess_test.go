package evaluate

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// bucketDoc wraps statements in a bucket policy.
func bucketDoc(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",") + `]}`
}

// TestPublicStatementsS3UserGuide table-tests the S3 User Guide's
// definition of a public policy ("Blocking public access to your Amazon
// S3 storage" > "The meaning of 'public'") on its own examples (the
// first eight rows, as the guide writes them) and on each key it lists.
func TestPublicStatementsS3UserGuide(t *testing.T) {
	tests := []struct {
		reason      string
		statement   string
		public      bool
		accessPoint bool // asked as an access point policy
	}{
		// The guide's examples of public policies.
		{"guide: a Federated principal is not a fixed AWS principal",
			`{"Principal": {"Federated": "graph.facebook.com"}, "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow"}`, true, false},
		{"guide: Principal \"*\"",
			`{"Principal": "*", "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow"}`, true, false},
		{"guide: aws:SourceVpc with a wildcard is not fixed",
			`{"Principal": "*", "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow", "Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}}}`, true, false},
		// The guide's examples of non-public policies.
		{"guide: aws:SourceVpc set to a fixed value",
			`{"Principal": "*", "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-91237329"}}}`, false, false},
		{"guide: a fixed role",
			`{"Principal": {"AWS": "arn:aws:iam::111122223333:role/JohnDoe"}, "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}`, false, false},
		{"guide: a set of CIDRs with aws:SourceIp",
			`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {"IpAddress": {"aws:SourceIp": "192.168.1.1/32"}}}`, false, false},
		{"guide: s3:DataAccessPointArn may wildcard the access point name in a bucket policy when the account is fixed",
			`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:123456789012:accesspoint/*"}}}`, false, false},
		{"guide: but the same statement renders an access point policy public",
			`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-west-2:123456789012:accesspoint/*"}}}`, true, true},
		// Each key the guide lists, with a fixed value.
		{"a fixed account", `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`, false, false},
		{"a service principal", `{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*"}`, false, false},
		{"a canonical user", `{"Effect": "Allow", "Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}, "Action": "s3:GetObject", "Resource": "*"}`, false, false},
		{"aws:PrincipalOrgID", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}`, false, false},
		{"aws:SourceArn", `{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t"}}}`, false, false},
		{"aws:SourceVpce", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}`, false, false},
		{"aws:SourceOwner", `{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceOwner": "111122223333"}}}`, false, false},
		{"aws:SourceAccount", `{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}`, false, false},
		{"s3:x-amz-server-side-encryption-aws-kms-key-id", `{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/k"}}}`, false, false},
		{"aws:userid, a fixed value", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:userid": "AIDAEXAMPLE"}}}`, false, false},
		{"s3:DataAccessPointAccount", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:DataAccessPointAccount": "111122223333"}}}`, false, false},
		// Where the guide is silent, the public reading (it grants less).
		{"aws:userid in the pattern AROLEID:* holds a wildcard", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:userid": "AROAEXAMPLE:*"}}}`, true, false},
		{"aws:SourceIp covering every address", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}`, true, false},
		{"a negated operator does not pin a value", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}}`, true, false},
		{"IfExists holds when the key is absent", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}}`, true, false},
		{"ForAllValues holds when the key is absent", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1"}}}`, true, false},
		{"a policy variable is not a fixed value", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}}}`, true, false},
		{"a key the guide does not list", `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}`, true, false},
		{"AWS \"*\" among fixed accounts", `{"Effect": "Allow", "Principal": {"AWS": ["111122223333", "*"]}, "Action": "s3:GetObject", "Resource": "*"}`, true, false},
		{"NotPrincipal with Allow names everyone else", `{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}`, true, false},
		{"a Deny grants nothing", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}`, false, false},
	}
	for _, tt := range tests {
		p := mustPolicy(t, bucketDoc(tt.statement))
		got := len(PublicStatements(p, tt.accessPoint)) > 0
		if got != tt.public {
			t.Errorf("%s: public %t, want %t", tt.reason, got, tt.public)
		}
		if !tt.accessPoint && IsPublicBucketPolicy(p) != tt.public {
			t.Errorf("%s: IsPublicBucketPolicy disagrees", tt.reason)
		}
	}
	mixed := mustPolicy(t, bucketDoc(tests[4].statement, tests[1].statement))
	if got := PublicStatements(mixed, false); !slices.Equal(got, []int{1}) {
		t.Errorf("PublicStatements of a fixed and a public statement = %v, want [1]", got)
	}
	if PublicStatements(nil, false) != nil {
		t.Error("a nil policy is public")
	}
}

// The S3 User Guide's example ("The meaning of 'public'" > "Example"): a
// bucket of Account-1 whose policy grants CloudTrail, Account-2, and the
// public.
const (
	bpaOwner     = "111111111111"
	bpaOther     = "222222222222"
	bpaObject    = "arn:aws:s3:::logs/2026/a.json"
	stCloudTrail = `{"Sid": "CloudTrail", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}`
	stAccount2   = `{"Sid": "Account2", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}`
	stPublic     = `{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}`
)

// TestRestrictPublicBuckets: with RestrictPublicBuckets on, a public
// bucket policy reaches "only AWS service principals and authorized users
// of the bucket owner's account"; "Amazon S3 disables access by
// 'Account-2'" though its statement is not public, and "if you remove
// statement 3 from the policy ... 'Account-2' regains access to the bucket,
// even if you leave RestrictPublicBuckets enabled" (Amazon S3 User Guide,
// "Blocking public access to your Amazon S3 storage").
func TestRestrictPublicBuckets(t *testing.T) {
	public := mustPolicy(t, bucketDoc(stCloudTrail, stAccount2, stPublic))
	fixed := mustPolicy(t, bucketDoc(stCloudTrail, stAccount2))
	otherID := mustPolicy(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	restrictAccount := BlockPublicAccess{Account: PublicAccessBlockConfiguration{RestrictPublicBuckets: true}}
	restrictBucket := BlockPublicAccess{Bucket: PublicAccessBlockConfiguration{RestrictPublicBuckets: true}}
	get := func(principal string) Request {
		return Request{Principal: principal, Action: "s3:GetObject", Resource: bpaObject, ResourceAccount: bpaOwner}
	}
	const (
		other = "arn:aws:iam::222222222222:user/bob"
		owner = "arn:aws:iam::111111111111:user/alice"
	)
	for _, c := range []ruleCase{
		{"off: the public reads", Policies{Resource: public}, get(Anonymous), Allow, NoRule},
		{"off: Account-2 reads", Policies{Resource: public, Identity: []*policy.Policy{otherID}}, get(other), Allow, NoRule},
		{"on (account level): CloudTrail still reads", Policies{Resource: public, BlockPublicAccess: restrictAccount}, get("cloudtrail.amazonaws.com"), Allow, NoRule},
		{"on (account level): the public does not", Policies{Resource: public, BlockPublicAccess: restrictAccount}, get(Anonymous), ImplicitDeny, RuleRestrictPublicBuckets},
		{"on (bucket level): the public does not", Policies{Resource: public, BlockPublicAccess: restrictBucket}, get(Anonymous), ImplicitDeny, RuleRestrictPublicBuckets},
		{"on: Account-2 loses its non-public grant too", Policies{Resource: public, Identity: []*policy.Policy{otherID}, BlockPublicAccess: restrictAccount},
			get(other), ImplicitDeny, RuleRestrictPublicBuckets},
		{"on: a user of the owner's account still reads through the public statement", Policies{Resource: public, BlockPublicAccess: restrictAccount}, get(owner), Allow, NoRule},
		{"on, statement 3 removed: Account-2 regains access", Policies{Resource: fixed, Identity: []*policy.Policy{otherID}, BlockPublicAccess: restrictAccount},
			get(other), Allow, NoRule},
		{"on, statement 3 removed: the public never had it", Policies{Resource: fixed, BlockPublicAccess: restrictAccount}, get(Anonymous), ImplicitDeny, NoRule},
		{"other settings do not restrict", Policies{Resource: public, BlockPublicAccess: BlockPublicAccess{
			Account: PublicAccessBlockConfiguration{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true}}}, get(Anonymous), Allow, NoRule},
	} {
		c.check(t)
	}

	// WithResource weighs a new bucket policy by the set's settings.
	set, err := Compile(Policies{Resource: fixed, BlockPublicAccess: restrictAccount})
	if err != nil {
		t.Fatal(err)
	}
	withPublic, err := set.WithResource(public)
	if err != nil {
		t.Fatal(err)
	}
	if d := withPublic.Decide(mustPrepare(t, get(Anonymous))); d != ImplicitDeny {
		t.Errorf("WithResource(public) under RestrictPublicBuckets: %v, want ImplicitDeny", d)
	}
	open, _ := Compile(Policies{Resource: fixed})
	withPublic, _ = open.WithResource(public)
	if d := withPublic.Decide(mustPrepare(t, get(Anonymous))); d != Allow {
		t.Errorf("WithResource(public) without settings: %v, want Allow", d)
	}
	p := mustPrepare(t, get(other))
	restricted, _ := Compile(Policies{Resource: public, Identity: []*policy.Policy{otherID}, BlockPublicAccess: restrictAccount})
	if !raceEnabled {
		if n := testing.AllocsPerRun(100, func() { restricted.Decide(p) }); n != 0 {
			t.Errorf("Decide under RestrictPublicBuckets allocates %v times", n)
		}
	}
}

// TestBlockPublicPolicy: BlockPublicPolicy makes S3 "reject calls to PUT
// Bucket policy if the specified bucket policy allows public access", and
// "doesn't affect existing bucket policies" (Amazon S3 API Reference,
// "PublicAccessBlockConfiguration"): it refuses a public policy, and does
// not change a decision.
func TestBlockPublicPolicy(t *testing.T) {
	public := mustPolicy(t, bucketDoc(stPublic))
	fixed := mustPolicy(t, bucketDoc(stAccount2))
	block := BlockPublicAccess{Bucket: PublicAccessBlockConfiguration{BlockPublicPolicy: true}}
	if !block.RefusesBucketPolicy(public) || block.RefusesBucketPolicy(fixed) || (BlockPublicAccess{}).RefusesBucketPolicy(public) {
		t.Error("RefusesBucketPolicy: want a refusal of the public policy only, and only under BlockPublicPolicy")
	}
	ruleCase{"an existing public policy still grants", Policies{Resource: public, BlockPublicAccess: block},
		Request{Principal: Anonymous, Action: "s3:GetObject", Resource: bpaObject, ResourceAccount: bpaOwner}, Allow, NoRule}.check(t)
	if got := (BlockPublicAccess{Account: PublicAccessBlockConfiguration{BlockPublicAcls: true}, Bucket: PublicAccessBlockConfiguration{RestrictPublicBuckets: true}}).Effective(); got != (PublicAccessBlockConfiguration{BlockPublicAcls: true, RestrictPublicBuckets: true}) {
		t.Errorf("Effective = %+v: the most restrictive combination of the levels", got)
	}
}

// TestBlockPublicAcls: "PUT Bucket ACL and PUT Object ACL calls fail if
// the specified ACL is public. PUT Object calls fail if the request
// includes a public ACL. PUT Bucket calls fail if the request includes a
// public ACL" (Amazon S3 API Reference, "PublicAccessBlockConfiguration");
// an ACL is public when it grants to AllUsers or AuthenticatedUsers
// (Amazon S3 User Guide, "The meaning of 'public'"). iamsim sees the ACL
// of the request's headers.
func TestBlockPublicAcls(t *testing.T) {
	admin := Policies{Identity: []*policy.Policy{mustPolicy(t, allowAllDoc)}}
	with := func(b BlockPublicAccess) Policies { ps := admin; ps.BlockPublicAccess = b; return ps }
	bucketLevel := with(BlockPublicAccess{Bucket: PublicAccessBlockConfiguration{BlockPublicAcls: true}})
	accountLevel := with(BlockPublicAccess{Account: PublicAccessBlockConfiguration{BlockPublicAcls: true}})
	ignoreOnly := with(BlockPublicAccess{Bucket: PublicAccessBlockConfiguration{IgnorePublicAcls: true}})
	put := func(action string, c ctx) Request {
		return Request{Principal: ruleUser, Action: action, Resource: "arn:aws:s3:::photos/a.jpg", ResourceAccount: ruleAccount, Context: c}
	}
	const allUsers = `uri="http://acs.amazonaws.com/groups/global/AllUsers"`
	for _, c := range []ruleCase{
		{"PutObject with public-read", bucketLevel, put("s3:PutObject", ctx{"s3:x-amz-acl": {"public-read"}}), ImplicitDeny, RuleBlockPublicAcls},
		{"PutObject with authenticated-read", accountLevel, put("s3:PutObject", ctx{"s3:x-amz-acl": {"authenticated-read"}}), ImplicitDeny, RuleBlockPublicAcls},
		{"PutObjectAcl granting AllUsers read", bucketLevel, put("s3:PutObjectAcl", ctx{"s3:x-amz-grant-read": {allUsers}}), ImplicitDeny, RuleBlockPublicAcls},
		{"PutBucketAcl with public-read-write", bucketLevel, put("s3:PutBucketAcl", ctx{"s3:x-amz-acl": {"public-read-write"}}), ImplicitDeny, RuleBlockPublicAcls},
		{"CreateBucket with a public ACL under the account's setting", accountLevel, put("s3:CreateBucket", ctx{"s3:x-amz-acl": {"public-read"}}), ImplicitDeny, RuleBlockPublicAcls},
		{"CreateBucket: a bucket being created has no setting of its own", bucketLevel, put("s3:CreateBucket", ctx{"s3:x-amz-acl": {"public-read"}}), Allow, NoRule},
		{"PutObject with a private ACL", bucketLevel, put("s3:PutObject", ctx{"s3:x-amz-acl": {"bucket-owner-full-control"}}), Allow, NoRule},
		{"PutObject with no ACL", bucketLevel, put("s3:PutObject", nil), Allow, NoRule},
		{"GetObject is no PUT", bucketLevel, put("s3:GetObject", ctx{"s3:x-amz-acl": {"public-read"}}), Allow, NoRule},
		{"IgnorePublicAcls does not refuse the PUT", ignoreOnly, put("s3:PutObject", ctx{"s3:x-amz-acl": {"public-read"}}), Allow, NoRule},
	} {
		c.check(t)
	}
	set, _ := Compile(bucketLevel)
	p := mustPrepare(t, put("s3:PutObject", ctx{"s3:x-amz-grant-full-control": {allUsers}}))
	if !raceEnabled {
		if n := testing.AllocsPerRun(100, func() { set.Decide(p) }); n != 0 {
			t.Errorf("Decide under BlockPublicAcls allocates %v times", n)
		}
	}
}

// TestWithBlockPublicAccess: a compiled set weighs its bucket policy by
// new settings without recompiling, and the original set is unchanged.
func TestWithBlockPublicAccess(t *testing.T) {
	public := mustPolicy(t, bucketDoc(stCloudTrail, stAccount2, stPublic))
	set, err := Compile(Policies{Resource: public})
	if err != nil {
		t.Fatal(err)
	}
	anon := mustPrepare(t, Request{Principal: Anonymous, Action: "s3:GetObject", Resource: bpaObject, ResourceAccount: bpaOwner})
	restricted := set.WithBlockPublicAccess(BlockPublicAccess{Bucket: PublicAccessBlockConfiguration{RestrictPublicBuckets: true}})
	if d := restricted.Decide(anon); d != ImplicitDeny {
		t.Errorf("under RestrictPublicBuckets: %v, want ImplicitDeny", d)
	}
	if res := restricted.Explain(anon); res.Stage.Rule != RuleRestrictPublicBuckets {
		t.Errorf("decided at %v, want the rule", res.Stage)
	}
	if d := set.Decide(anon); d != Allow {
		t.Errorf("the original set changed: %v", d)
	}
	if d := restricted.WithBlockPublicAccess(BlockPublicAccess{}).Decide(anon); d != Allow {
		t.Errorf("settings removed: %v, want Allow", d)
	}
	withSession, _ := restricted.WithSession()
	if d := withSession.Decide(anon); d != ImplicitDeny {
		t.Errorf("WithSession dropped the settings: %v", d)
	}
	var zero *PolicySet
	if d := zero.WithBlockPublicAccess(BlockPublicAccess{}).Decide(anon); d != ImplicitDeny {
		t.Errorf("a nil set: %v", d)
	}
}
