package evaluate_test

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// S3 Block Public Access: with RestrictPublicBuckets on, a public bucket
// policy no longer reaches anonymous callers, and the explanation names
// the setting.
func ExampleBlockPublicAccess() {
	site := policy.MustParse("site-bucket.json", `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}
  ]
}`)
	fmt.Println(evaluate.IsPublicBucketPolicy(site))
	res, err := evaluate.Evaluate(
		evaluate.Policies{
			Resource: site,
			BlockPublicAccess: evaluate.BlockPublicAccess{
				Account: evaluate.PublicAccessBlockConfiguration{RestrictPublicBuckets: true},
			},
		},
		evaluate.Request{Principal: evaluate.Anonymous, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/index.html", ResourceAccount: "111111111111"})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision, res.Stage)
	// Output:
	// true
	// ImplicitDeny rule restrict-public-buckets
}

// A request made through a VPC endpoint must be allowed by the endpoint's
// policy too.
func ExamplePolicies_endpoint() {
	readAll := policy.MustParse("read-all.json", `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	endpoint := policy.MustParse("vpce.json", `{"Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}]}`)
	for _, bucket := range []string{"photos", "other"} {
		res, err := evaluate.Evaluate(
			evaluate.Policies{Identity: []*policy.Policy{readAll}, Endpoint: endpoint},
			evaluate.Request{
				Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject",
				Resource: "arn:aws:s3:::" + bucket + "/a.jpg", ResourceAccount: "111111111111",
				Context: map[string][]string{"aws:SourceVpce": {"vpce-1a2b3c4d"}},
			})
		if err != nil {
			panic(err)
		}
		fmt.Println(bucket, res.Decision, res.Stage)
	}
	// Output:
	// photos Allow identity
	// other ImplicitDeny endpoint
}

// sts:GetCallerIdentity needs no permission, even under an explicit deny.
func ExampleRule() {
	denyAll := policy.MustParse("deny-all.json", `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Deny", "Action": "*", "Resource": "*"}]}`)
	res, err := evaluate.Evaluate(
		evaluate.Policies{Identity: []*policy.Policy{denyAll}},
		evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "sts:GetCallerIdentity", Resource: "*"})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision, res.Stage.Rule, "-", res.Stage.Rule.Source())
	// Output:
	// Allow get-caller-identity - AWS STS API Reference, "GetCallerIdentity"
}
