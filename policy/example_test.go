package policy_test

import (
	"fmt"

	"github.com/iamsim/iamsim/policy"
)

func ExampleParse() {
	src := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"},
    {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
  ]
}`
	p, err := policy.ParseString("photos.json", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	rules := p.Rules()
	fmt.Println(len(rules), "rules")
	fmt.Println(rules[1].Sid(), rules[1].Effect(), rules[1].MatchAction("s3:deleteobject"), p.Position(rules[1].Offset()))
	// Output:
	// 2 rules
	// NoDeletes Deny true photos.json:5:5
}

func ExampleParse_error() {
	src := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadPhotos",
      "Effect": "allow",
      "Action": "s3:GetObject",
      "Resource": "photos/*"
    }
  ]
}`
	_, err := policy.ParseString("photos.json", src)
	if list, ok := err.(policy.ErrorList); ok {
		for _, f := range list {
			fmt.Println(f)
		}
	}
	// Output:
	// photos.json:6:17: ERROR INVALID_EFFECT: Effect must be exactly "Allow" or "Deny", not "allow" (Effect is case-sensitive)
	// photos.json:8:19: ERROR INVALID_ARN_PREFIX: the resource "photos/*" must be an ARN (arn:partition:service:region:account:resource) or "*"
}

func ExampleBuild() {
	p, err := policy.Build("photos", policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Sid:      "ReadPhotos",
			Effect:   policy.Allow,
			Action:   []string{"s3:GetObject", "s3:ListBucket"},
			Resource: []string{"arn:aws:s3:::photos", "arn:aws:s3:::photos/*"},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(p)
	// Output:
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Sid": "ReadPhotos",
	//       "Effect": "Allow",
	//       "Action": ["s3:GetObject", "s3:ListBucket"],
	//       "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]
	//     }
	//   ]
	// }
}

func ExampleCheck() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": ["s3:*", "s3:GetObject"],
    "Resource": "*"
  }
}`)
	_, findings := policy.Check("admin.json", src, policy.Identity)
	for _, f := range findings {
		fmt.Println(f)
	}
	fmt.Println("rejected:", policy.HasErrors(findings))
	// Output:
	// admin.json:5:5: ERROR UNSUPPORTED_PRINCIPAL: Principal is not allowed in an identity policy: it applies to the principal it is attached to
	// admin.json:6:24: SUGGESTION REDUNDANT_ACTION: the action "s3:GetObject" is already covered by "s3:*"
	// rejected: true
}
