package iamtest_test

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
)

// A team pins its IAM design in go test: each case names a request and the
// decision it must get; Check returns the cases that get another one.
func ExampleCheck() {
	readPhotos := policy.MustParse("read-photos.json", `{"Version": "2012-10-17",
 "Statement": {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`)
	session := "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123"
	mismatches, err := iamtest.Check(evaluate.Policies{Identity: []*policy.Policy{readPhotos}}, []iamtest.Case{
		{Name: "reads a photo", Principal: session, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111", Want: evaluate.Allow},
		{Name: "cannot delete", Principal: session, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111", Want: evaluate.ImplicitDeny},
		{Name: "cannot read elsewhere", Principal: session, Action: "s3:GetObject", Resource: "arn:aws:s3:::secrets/key", ResourceAccount: "111111111111", Want: evaluate.Allow},
	})
	if err != nil {
		panic(err)
	}
	for _, m := range mismatches {
		fmt.Println(m.Case.Name, "got", m.Result.Decision)
	}
	// Output:
	// cannot read elsewhere got ImplicitDeny
}
