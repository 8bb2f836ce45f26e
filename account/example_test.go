package account_test

import (
	"fmt"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// An account written as code: the photos account of the founding story.
func ExampleBuilder() {
	var b account.Builder
	b.AddAccount(account.Account{ID: "111111111111", Name: "photos"})
	b.AddPolicy(account.ManagedPolicy{
		ARN: "arn:aws:iam::111111111111:policy/PhotosReadOnly",
		Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: policy.MustParse(
			"arn:aws:iam::111111111111:policy/PhotosReadOnly",
			`{"Version":"2012-10-17","Statement":[{"Sid":"ReadPhotos","Effect":"Allow",
			  "Action":["s3:GetObject","s3:ListBucket"],
			  "Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"]}]}`)}},
	})
	b.AddRole(role.MustNew(role.Spec{
		Account: "111111111111", Name: "PhotoReader", Path: "/app/",
		Trust: policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		Managed:          []string{"arn:aws:iam::111111111111:policy/PhotosReadOnly"},
		InstanceProfiles: []role.InstanceProfile{{Name: "PhotoReaderProfile"}},
	}), account.Origin{})
	set, err := b.Build(account.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, action := range []string{"s3:GetObject", "s3:PutObject"} {
		res, err := set.Authorize(account.Request{
			Principal: "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123",
			Action:    action,
			Resource:  "arn:aws:s3:::photos/cat.jpg",
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(res)
	}
	// Output:
	// Allow: arn:aws:iam::111111111111:role/app/PhotoReader s3:GetObject on arn:aws:s3:::photos/cat.jpg (as arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123)
	//   Allow by statement 0 ("ReadPhotos") of managed policy arn:aws:iam::111111111111:policy/PhotosReadOnly [arn:aws:iam::111111111111:policy/PhotosReadOnly:1:38]
	// ImplicitDeny: arn:aws:iam::111111111111:role/app/PhotoReader s3:PutObject on arn:aws:s3:::photos/cat.jpg (as arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123)
	// no statement allows it (identity)
}

// Load the photos account from its export and overlay, and ask who may read
// a photo.
func ExampleLoadFiles() {
	set, err := account.LoadFiles([]string{"../examples/photos/account.json"}, "../examples/photos/overlay.json", account.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	answers, err := set.WhoCan(account.Query{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range answers {
		fmt.Println(a.Principal, a.Verdict, a.Reasons[0].Policy.Name, a.Reasons[0].Position)
	}
	// Output:
	// arn:aws:iam::111111111111:role/app/PhotoReader allowed arn:aws:iam::111111111111:policy/PhotosReadOnly ../examples/photos/account.json:81:29
}
