package main

import (
	"io"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/examples/internal/story"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
	"github.com/iamsim/iamsim/sts"
)

const (
	photos     = "111111111111"
	mobileRole = "arn:aws:iam::111111111111:role/MobilePhotos"
	pool       = "us-east-1:12345678-abcd-abcd-abcd-123456789012" // the Cognito identity pool
	cognito    = "cognito-identity.amazonaws.com"
)

// trustCognito trusts Amazon Cognito for the app's identity pool, and only
// for users who signed in (amr "authenticated"), not for guests (IAM User
// Guide, "Available keys for AWS OIDC federation").
var trustCognito = story.Trust("trust-MobilePhotos", policy.Principal{"Federated": {cognito}},
	[]string{"sts:AssumeRoleWithWebIdentity"}, policy.Condition{
		"StringEquals":           {"cognito-identity.amazonaws.com:aud": {pool}},
		"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": {"authenticated"}},
	})

var readShared = story.Allow("read-shared-photos", []string{"s3:GetObject"}, []string{"arn:aws:s3:::photos/shared/*"})

func design() *story.Design {
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}},
		Roles: []role.Spec{{Account: photos, Name: "MobilePhotos", Trust: trustCognito,
			Inline: []role.Inline{{Name: "read-shared-photos", Policy: readShared}}}},
	}
}

func tell(w io.Writer, set *account.Set) error {
	svc, clock, err := story.NewService(set)
	if err != nil {
		return err
	}
	token := func(amr []string, expiry time.Time) *sts.WebIdentityClaims {
		return &sts.WebIdentityClaims{Issuer: "https://" + cognito, Subject: "us-east-1:0f1e2d3c-aaaa-bbbb-cccc-000000000001",
			Audience: []string{pool}, AMR: amr, Expiry: expiry}
	}
	inAnHour := clock.T.Add(time.Hour)
	for _, c := range []struct {
		what   string
		claims *sts.WebIdentityClaims
	}{
		{"a signed-in user", token([]string{"authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"}, inAnHour)},
		{"a guest", token([]string{"unauthenticated"}, inAnHour)},
		{"a signed-in user with an expired token", token([]string{"authenticated"}, clock.T.Add(-time.Minute))},
	} {
		sess, err := svc.AssumeRoleWithWebIdentity(sts.AssumeRoleWithWebIdentityInput{RoleArn: mobileRole, RoleSessionName: "app", Claims: c.claims})
		story.Assumed(w, c.what, sess, err)
		if err == nil {
			for _, action := range []string{"s3:GetObject", "s3:PutObject"} {
				story.Authorize(w, svc, sess, "the app calls "+action, sts.Request{Action: action, Resource: "arn:aws:s3:::photos/shared/beach.jpg", ResourceAccount: photos})
			}
		}
	}
	return nil
}
