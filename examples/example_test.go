package examples_test

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// readPhotos is the administrator's policy: read-only access to the photos
// bucket and its objects, written as Go values that read like its JSON.
var readPhotos = policy.MustBuild("read-photos", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{
		{Sid: "ListPhotos", Effect: policy.Allow, Action: []string{"s3:ListBucket"}, Resource: []string{"arn:aws:s3:::photos"}},
		{Sid: "ReadPhotos", Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"arn:aws:s3:::photos/*"}},
	},
})

// trustEC2 lets the EC2 service assume the role for an instance profile.
var trustEC2 = policy.MustBuild("trust-ec2", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{{
		Effect:    policy.Allow,
		Principal: policy.Principal{"Service": {"ec2.amazonaws.com"}},
		Action:    []string{"sts:AssumeRole"},
	}},
})

func decide(ps evaluate.Policies, r evaluate.Request) evaluate.Decision {
	res, err := evaluate.Evaluate(ps, r)
	if err != nil {
		panic(err)
	}
	return res.Decision
}

// The founding scenario. EC2 assumes the PhotoReader role for the instance
// (the trust policy allows it); the application then uses the session's
// temporary credentials to read, and only read, the photos bucket (AWS IAM
// User Guide, "Use an IAM role to grant permissions to applications
// running on Amazon EC2 instances").
func Example_ec2InstanceProfile() {
	role := "arn:aws:iam::111111111111:role/PhotoReader"
	session := "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123"

	fmt.Println("EC2 assumes the role:", decide(
		evaluate.Policies{Resource: trustEC2},
		evaluate.Request{Principal: "ec2.amazonaws.com", Action: "sts:AssumeRole", Resource: role}))
	for _, action := range []string{"s3:GetObject", "s3:PutObject"} {
		fmt.Printf("the session calls %s: %v\n", action, decide(
			evaluate.Policies{Identity: []*policy.Policy{readPhotos}},
			evaluate.Request{Principal: session, Action: action, Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111"}))
	}
	// Output:
	// EC2 assumes the role: Allow
	// the session calls s3:GetObject: Allow
	// the session calls s3:PutObject: ImplicitDeny
}

// A third-party auditor in another account assumes a role only with the
// external ID agreed with it (AWS IAM User Guide, "Access to AWS accounts
// owned by third parties"). Both sides must allow: the auditor's identity
// policy and the role's trust policy.
func Example_externalID() {
	trust := policy.MustBuild("trust-auditor", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect:    policy.Allow,
			Principal: policy.Principal{"AWS": {"arn:aws:iam::222222222222:root"}},
			Action:    []string{"sts:AssumeRole"},
			Condition: policy.Condition{"StringEquals": {"sts:ExternalId": {"Unique-ID-8675309"}}},
		}},
	})
	mayAssume := policy.MustBuild("may-assume", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect: policy.Allow, Action: []string{"sts:AssumeRole"},
			Resource: []string{"arn:aws:iam::111111111111:role/Auditor"},
		}},
	})
	ps := evaluate.Policies{Identity: []*policy.Policy{mayAssume}, Resource: trust}
	for _, id := range []string{"Unique-ID-8675309", "guessed"} {
		fmt.Printf("external ID %q: %v\n", id, decide(ps, evaluate.Request{
			Principal: "arn:aws:iam::222222222222:user/auditor",
			Action:    "sts:AssumeRole",
			Resource:  "arn:aws:iam::111111111111:role/Auditor",
			Context:   map[string][]string{"sts:ExternalId": {id}},
		}))
	}
	// Output:
	// external ID "Unique-ID-8675309": Allow
	// external ID "guessed": ImplicitDeny
}

// A mobile app signs its users in with Amazon Cognito and exchanges their
// tokens for a role session (AWS IAM User Guide, "AWS JSON policy
// elements: Principal" > "Federated user principals").
func Example_webIdentity() {
	trust := policy.MustBuild("trust-cognito", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect:    policy.Allow,
			Principal: policy.Principal{"Federated": {"cognito-identity.amazonaws.com"}},
			Action:    []string{"sts:AssumeRoleWithWebIdentity"},
			Condition: policy.Condition{
				"StringEquals":             {"cognito-identity.amazonaws.com:aud": {"us-east-1:12345678-abcd-abcd-abcd-123456789012"}},
				"ForAnyValue:StringEquals": {"cognito-identity.amazonaws.com:amr": {"authenticated"}},
			},
		}},
	})
	request := func(amr string) evaluate.Request {
		return evaluate.Request{
			Principal: "cognito-identity.amazonaws.com",
			Action:    "sts:AssumeRoleWithWebIdentity",
			Resource:  "arn:aws:iam::111111111111:role/MobileUser",
			Context: map[string][]string{
				"cognito-identity.amazonaws.com:aud": {"us-east-1:12345678-abcd-abcd-abcd-123456789012"},
				"cognito-identity.amazonaws.com:amr": {amr},
			},
		}
	}
	fmt.Println("signed-in user:", decide(evaluate.Policies{Resource: trust}, request("authenticated")))
	fmt.Println("guest:", decide(evaluate.Policies{Resource: trust}, request("unauthenticated")))
	// Output:
	// signed-in user: Allow
	// guest: ImplicitDeny
}

// A corporate directory federates through SAML; the trust policy checks
// the assertion's audience (AWS IAM User Guide, "Configure SAML assertions
// for the authentication response").
func Example_saml() {
	trust := policy.MustBuild("trust-saml", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect:    policy.Allow,
			Principal: policy.Principal{"Federated": {"arn:aws:iam::111111111111:saml-provider/ExampleCorp"}},
			Action:    []string{"sts:AssumeRoleWithSAML"},
			Condition: policy.Condition{"StringEquals": {"SAML:aud": {"https://signin.aws.amazon.com/saml"}}},
		}},
	})
	fmt.Println(decide(evaluate.Policies{Resource: trust}, evaluate.Request{
		Principal: "arn:aws:iam::111111111111:saml-provider/ExampleCorp",
		Action:    "sts:AssumeRoleWithSAML",
		Resource:  "arn:aws:iam::111111111111:role/Engineers",
		Context:   map[string][]string{"SAML:aud": {"https://signin.aws.amazon.com/saml"}},
	}))
	// Output:
	// Allow
}

// A user of the same account needs an identity policy that allows
// sts:AssumeRole when the trust policy trusts only the account: naming the
// account delegates the decision to the account's identity policies (AWS
// IAM User Guide, "AWS JSON policy elements: Principal" > "AWS account
// principals").
func Example_sameAccountUser() {
	trust := policy.MustBuild("trust-account", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect: policy.Allow, Principal: policy.Principal{"AWS": {"111111111111"}},
			Action: []string{"sts:AssumeRole"},
		}},
	})
	request := evaluate.Request{
		Principal: "arn:aws:iam::111111111111:user/alice",
		Action:    "sts:AssumeRole",
		Resource:  "arn:aws:iam::111111111111:role/PhotoReader",
	}
	fmt.Println("without an identity policy:", decide(evaluate.Policies{Resource: trust}, request))
	mayAssume := policy.MustBuild("may-assume", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect: policy.Allow, Action: []string{"sts:AssumeRole"},
			Resource: []string{"arn:aws:iam::111111111111:role/PhotoReader"},
		}},
	})
	fmt.Println("with one:", decide(evaluate.Policies{Resource: trust, Identity: []*policy.Policy{mayAssume}}, request))
	// Output:
	// without an identity policy: ImplicitDeny
	// with one: Allow
}
