package role_test

import (
	"errors"
	"fmt"

	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// A role written as code: the founding story's PhotoReader, assumed by EC2
// through its instance profile.
func ExampleNew() {
	r, err := role.New(role.Spec{
		Account: "111111111111",
		Name:    "PhotoReader",
		Path:    "/app/",
		Trust: policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{
			"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		Managed:          []string{"arn:aws:iam::111111111111:policy/PhotosReadOnly"},
		InstanceProfiles: []role.InstanceProfile{{Name: "PhotoReaderProfile"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ARN())
	fmt.Println(r.MaxSessionDuration())
	fmt.Println(r.InstanceProfileARN(0))
	// Output:
	// arn:aws:iam::111111111111:role/app/PhotoReader
	// 1h0m0s
	// arn:aws:iam::111111111111:instance-profile/PhotoReaderProfile
}

// New reports every defect at once, each as a *role.Error.
func ExampleNew_errors() {
	_, err := role.New(role.Spec{
		Account:            "111111111111",
		Name:               "Photo Reader",
		Path:               "app",
		MaxSessionDuration: 60,
		Trust:              policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`),
	})
	var list role.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e.Field, "-", e.Msg)
		}
	}
	// Output:
	// Name - character ' ' is not allowed: names are letters, digits and _+=,.@-
	// Path - must be "/" or begin and end with "/" around at least one character
	// Trust - not a valid trust policy: IAM refuses it (MalformedPolicyDocument)
	// MaxSessionDuration - must be from 3600 to 43200 seconds (CreateRole)
}
