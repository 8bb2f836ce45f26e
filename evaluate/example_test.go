package evaluate_test

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// The founding scenario: an application on an EC2 instance, running as a
// session of the PhotoReader role, reads the photos bucket.
func ExampleEvaluate() {
	readPhotos := policy.MustParse("read-photos.json", `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadPhotos",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]
    }
  ]
}`)
	res, err := evaluate.Evaluate(
		evaluate.Policies{Identity: []*policy.Policy{readPhotos}},
		evaluate.Request{
			Principal:       "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123",
			Action:          "s3:GetObject",
			Resource:        "arn:aws:s3:::photos/cat.jpg",
			ResourceAccount: "111111111111",
		})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision)
	fmt.Println(res)
	// Output:
	// Allow
	// Allow: arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123 to perform s3:GetObject on arn:aws:s3:::photos/cat.jpg is allowed by statement "ReadPhotos" of the identity-based policy (read-photos.json:4:5).
}

// An implicit deny names what failed to allow, as AWS's access-denied
// messages do.
func ExampleEvaluate_implicitDeny() {
	readPhotos := policy.MustParse("read-photos.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`)
	res, _ := evaluate.Evaluate(
		evaluate.Policies{Identity: []*policy.Policy{readPhotos}},
		evaluate.Request{
			Principal:       "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123",
			Action:          "s3:PutObject",
			Resource:        "arn:aws:s3:::photos/cat.jpg",
			ResourceAccount: "111111111111",
		})
	fmt.Println(res)
	// Output:
	// ImplicitDeny: arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123 to perform s3:PutObject on arn:aws:s3:::photos/cat.jpg is not authorized because no identity-based policy allows the s3:PutObject action.
}

// Compile once and prepare each request once; Decide then allocates
// nothing and is safe to call from many goroutines.
func ExamplePolicySet_Decide() {
	boundary := policy.MustParse("boundary.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`)
	admin := policy.MustParse("admin.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)
	set, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Policy{admin}, Boundary: boundary})
	if err != nil {
		panic(err)
	}
	for _, action := range []string{"s3:GetObject", "iam:CreateUser"} {
		req, err := evaluate.Request{
			Principal: "arn:aws:iam::111111111111:user/alice",
			Action:    action,
			Resource:  "*",
		}.Prepare()
		if err != nil {
			panic(err)
		}
		fmt.Println(action, set.Decide(req))
	}
	// Output:
	// s3:GetObject Allow
	// iam:CreateUser ImplicitDeny
}

// A cross-account request needs both sides: the caller's identity policy
// and the resource's policy.
func ExamplePolicySet_Explain_crossAccount() {
	bucket := policy.MustParse("bucket.json", `{"Version": "2012-10-17",
 "Statement": {"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": "222222222222"},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`)
	set, _ := evaluate.Compile(evaluate.Policies{Resource: bucket})
	req, _ := evaluate.Request{
		Principal:       "arn:aws:iam::222222222222:user/bob",
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::photos/cat.jpg",
		ResourceAccount: "111111111111",
	}.Prepare()
	res := set.Explain(req)
	fmt.Println(res.Decision, res.Stage, res.CrossAccount)
	// Output:
	// ImplicitDeny identity true
}
