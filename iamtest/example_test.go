package iamtest_test

import (
	"errors"
	"fmt"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
)

// A Deny on a misspelt action denies nothing, so Check refuses to decide
// until the policy is fixed, or the test opts out of the finding by name.
func ExampleCheck_errorFinding() {
	p := policy.MustParse("photos.json", `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::photos/*"},
  {"Effect": "Deny", "Action": "s3:DeleteObjekt", "Resource": "arn:aws:s3:::photos/*"}]}`)
	cases := []iamtest.Case{{
		Name: "no deletes", Want: iamtest.ExplicitDeny, Request: evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice",
			Action: "s3:DeleteObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111"},
	}}
	ps := evaluate.Policies{Identity: []*policy.Policy{p}}

	_, err := iamtest.Check(ps, cases)
	var fe *iamtest.FindingsError
	if errors.As(err, &fe) {
		f := fe.Findings[0]
		fmt.Println(f.Pos, f.Code)
	}

	mismatches, _ := iamtest.Check(ps, cases, iamtest.AllowErrorFindings(policy.CodeInvalidAction))
	fmt.Println(mismatches[0].Case.Name, "got", mismatches[0].Result.Decision)
	// Output:
	// photos.json:3:32 INVALID_ACTION
	// no deletes got Allow
}

// Decide returns the cases whose decision differs from the one they want,
// with the explanation a failing test would print.
func ExampleDecide() {
	readPhotos := policy.MustParse("read-photos.json", `{"Version": "2012-10-17", "Statement":
  {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`)
	reader := "arn:aws:iam::111111111111:role/PhotoReader"
	mismatches, err := iamtest.Decide(iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readPhotos}}), []iamtest.Case{
		{Name: "reader reads", Want: iamtest.Allow, Request: evaluate.Request{
			Principal: reader, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111"}},
		{Name: "reader writes", Want: iamtest.Allow, Request: evaluate.Request{
			Principal: reader, Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111"}},
	})
	fmt.Println(err)
	for _, m := range mismatches {
		fmt.Println(m)
	}
	// Output:
	// <nil>
	// reader writes: want Allow, got ImplicitDeny: ImplicitDeny: arn:aws:iam::111111111111:role/PhotoReader to perform s3:PutObject on arn:aws:s3:::photos/cat.jpg is not authorized because no identity-based policy allows the s3:PutObject action.
}
