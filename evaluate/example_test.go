package evaluate_test

import (
	"errors"
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

// A typed Caller carries what the credentials establish, the role's path
// included: a session of role /apps/Reader matches aws:PrincipalArn
// arn:aws:iam::111111111111:role/apps/*, which its session ARN (with no
// path) cannot show.
func ExampleCaller() {
	apps := policy.MustParse("apps.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/apps/*"}}}}`)
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{apps}}, evaluate.Request{
		Caller: &evaluate.Caller{
			ARN:         "arn:aws:iam::111111111111:role/apps/Reader",
			SessionName: "i-0abc123",
			Tags:        map[string]string{"team": "photos"},
		},
		Action:   "s3:GetObject",
		Resource: "arn:aws:s3:::photos/cat.jpg",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Principal)
	fmt.Println(res.Decision)
	// Output:
	// arn:aws:sts::111111111111:assumed-role/Reader/i-0abc123
	// Allow
}

// The sessions of one role share its compiled identity and SCP stages:
// WithSession adds each session's policies without recompiling them.
func ExamplePolicySet_WithSession() {
	role := policy.MustParse("role.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`)
	readOnly := policy.MustParse("session.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}`)
	set, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Policy{role}})
	if err != nil {
		panic(err)
	}
	session, err := set.WithSession(readOnly)
	if err != nil {
		panic(err)
	}
	req, err := evaluate.Request{
		Principal: "arn:aws:sts::111111111111:assumed-role/Writer/s1",
		Action:    "s3:PutObject",
		Resource:  "arn:aws:s3:::photos/cat.jpg",
	}.Prepare()
	if err != nil {
		panic(err)
	}
	fmt.Println(set.Decide(req), session.Decide(req))
	// Output:
	// Allow ImplicitDeny
}

// Compile refuses a policy that AWS would refuse to store in its place:
// here an identity policy whose statement has no Resource, which would
// otherwise match every resource.
func ExampleCompile_refused() {
	noResource := policy.MustParse("no-resource.json", `{"Version": "2012-10-17",
 "Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}`)
	_, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Policy{noResource}})
	var refused *evaluate.RefusedError
	fmt.Println(errors.As(err, &refused), refused.Type, refused.Findings[0].Code)
	// Output:
	// true identity MISSING_RESOURCE
}

// An implicit deny names the near misses: the statement that would have
// allowed, and the clause that failed.
func ExampleResult_nearMiss() {
	vpc := policy.MustParse("vpc.json", `{"Version": "2012-10-17",
 "Statement": {"Sid": "FromVpc", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-111"}}}}`)
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{vpc}}, evaluate.Request{
		Principal: "arn:aws:iam::111111111111:user/alice",
		Action:    "s3:GetObject",
		Resource:  "arn:aws:s3:::photos/cat.jpg",
		Context:   map[string][]string{"aws:SourceVpc": {"vpc-999"}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.NearMisses[0])
	// Output:
	// StringEquals aws:SourceVpc "vpc-111" did not match "vpc-999"
}
