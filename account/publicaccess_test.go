package account_test

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// TestBlockPublicAccessOverlay: the overlay's publicAccessBlock of an
// account and of a bucket limit what a public bucket policy grants
// (Amazon S3 User Guide, "Blocking public access to your Amazon S3
// storage": with RestrictPublicBuckets, "Amazon S3 disables cross-account
// access, even though the policy delegates access to a specific account").
func TestBlockPublicAccessOverlay(t *testing.T) {
	bucketPolicy := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"},
		{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}]}`
	build := func(acct, bucket evaluate.PublicAccessBlockConfiguration) *account.Set {
		var b account.Builder
		b.AddAccount(account.Account{ID: "111111111111", PublicAccessBlock: acct})
		b.AddUser(account.User{Account: "222222222222", Name: "bob", Inline: []role.Inline{{Name: "read", Policy: policy.MustParse("read",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)}}})
		b.AddResourcePolicy(account.ResourcePolicy{ARN: "arn:aws:s3:::logs", Account: "111111111111", Policy: policy.MustParse("logs", bucketPolicy), PublicAccessBlock: bucket})
		set, err := b.Build(account.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	req := account.Request{Principal: "arn:aws:iam::222222222222:user/bob", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/a.json"}
	restrict := evaluate.PublicAccessBlockConfiguration{RestrictPublicBuckets: true}
	for _, tt := range []struct {
		reason       string
		acct, bucket evaluate.PublicAccessBlockConfiguration
		want         evaluate.Decision
	}{
		{"no settings: the other account reads", evaluate.PublicAccessBlockConfiguration{}, evaluate.PublicAccessBlockConfiguration{}, evaluate.Allow},
		{"the owner account's RestrictPublicBuckets", restrict, evaluate.PublicAccessBlockConfiguration{}, evaluate.ImplicitDeny},
		{"the bucket's RestrictPublicBuckets", evaluate.PublicAccessBlockConfiguration{}, restrict, evaluate.ImplicitDeny},
	} {
		res, err := build(tt.acct, tt.bucket).Authorize(req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != tt.want {
			t.Errorf("%s: %v, want %v", tt.reason, res.Decision, tt.want)
		}
	}

	// The overlay reads the settings, and refuses them where S3 has none.
	for _, tt := range []struct{ reason, overlay, want string }{
		{"an unknown setting", `{"accounts":[{"id":"111111111111","publicAccessBlock":{"restrictPublicBucket":true}}]}`, "unknown setting restrictPublicBucket"},
		{"not a boolean", `{"accounts":[{"id":"111111111111","publicAccessBlock":{"blockPublicPolicy":"yes"}}]}`, "want true or false"},
		{"settings on what is not a bucket", `{"resourcePolicies":[{"arn":"arn:aws:sqs:us-east-1:111111111111:q","account":"111111111111","publicAccessBlock":{"restrictPublicBuckets":true},
			"policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}}]}`, "is not an S3 bucket"},
	} {
		_, err := account.Load(nil, &account.File{Name: "ov.json", Data: []byte(tt.overlay)}, account.Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.reason, err, tt.want)
		}
	}
	set, err := account.Load(nil, &account.File{Name: "ov.json", Data: []byte(`{"accounts":[{"id":"111111111111","publicAccessBlock":{"restrictPublicBuckets":true,"blockPublicAcls":false}}]}`)}, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := set.Account("111111111111"); !ok || !a.PublicAccessBlock.RestrictPublicBuckets || a.PublicAccessBlock.BlockPublicAcls {
		t.Errorf("the account's settings were not read: %+v", a)
	}
}

// TestAccountBlockPublicAclsWithoutBucketPolicy: the account's
// BlockPublicAcls refuses a PutObject with a public canned ACL in a bucket
// that has no bucket policy too ("PUT Object calls fail if the request
// includes a public ACL", Amazon S3 User Guide, "Blocking public access to
// your Amazon S3 storage").
func TestAccountBlockPublicAclsWithoutBucketPolicy(t *testing.T) {
	build := func(acct evaluate.PublicAccessBlockConfiguration) *account.Set {
		var b account.Builder
		b.AddAccount(account.Account{ID: "111111111111", PublicAccessBlock: acct})
		b.AddUser(account.User{Account: "111111111111", Name: "alice", Inline: []role.Inline{{Name: "put", Policy: policy.MustParse("put",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`)}}})
		set, err := b.Build(account.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	req := account.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:PutObject",
		Resource: "arn:aws:s3:::uploads/a.txt", ResourceAccount: "111111111111",
		Context: map[string][]string{"s3:x-amz-acl": {"public-read"}}}
	private := req
	private.Context = map[string][]string{"s3:x-amz-acl": {"private"}}
	for _, tt := range []struct {
		acct evaluate.PublicAccessBlockConfiguration
		req  account.Request
		want evaluate.Decision
	}{
		{evaluate.PublicAccessBlockConfiguration{}, req, evaluate.Allow},
		{evaluate.PublicAccessBlockConfiguration{BlockPublicAcls: true}, req, evaluate.ImplicitDeny},
		{evaluate.PublicAccessBlockConfiguration{BlockPublicAcls: true}, private, evaluate.Allow},
	} {
		set := build(tt.acct)
		for range 2 { // the second answer comes from the cache
			res, err := set.Authorize(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != tt.want {
				t.Errorf("account settings %+v, ACL %v: %v, want %v\n%s", tt.acct, tt.req.Context, res.Decision, tt.want, res)
			}
		}
	}
}
