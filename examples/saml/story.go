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
	photos    = "111111111111"
	engineers = "arn:aws:iam::111111111111:role/Engineers"
	idp       = "arn:aws:iam::111111111111:saml-provider/ExampleCorp"
	signIn    = "https://signin.aws.amazon.com/saml" // the audience of assertions meant for AWS
)

// trustDirectory trusts the company's SAML identity provider for
// assertions addressed to AWS sign-in (IAM User Guide, "Configure SAML
// assertions for the authentication response").
var trustDirectory = story.Trust("trust-Engineers", policy.Principal{"Federated": {idp}},
	[]string{"sts:AssumeRoleWithSAML"}, policy.Condition{"StringEquals": {"SAML:aud": {signIn}}})

var listPhotos = story.Allow("list-photos", []string{"s3:ListBucket"}, []string{"arn:aws:s3:::photos"})

func design() *story.Design {
	return &story.Design{
		Accounts:          []account.Account{{ID: photos, Name: "photos"}},
		IdentityProviders: []account.IdentityProvider{{ARN: idp, Type: "SAML"}},
		Roles: []role.Spec{{Account: photos, Name: "Engineers", Trust: trustDirectory,
			Inline: []role.Inline{{Name: "list-photos", Policy: listPhotos}}}},
	}
}

func tell(w io.Writer, set *account.Set) error {
	svc, clock, err := story.NewService(set)
	if err != nil {
		return err
	}
	assertion := func(audience string) *sts.SAMLAssertion {
		return &sts.SAMLAssertion{Issuer: "https://idp.example.com/saml", Audience: audience,
			Subject: "jane@example.com", SubjectType: "persistent", RoleSessionName: "jane@example.com",
			NotOnOrAfter: clock.T.Add(time.Hour)}
	}
	for _, c := range []struct{ what, audience string }{
		{"jane signs in to AWS", signIn},
		{"an assertion meant for another service", "https://wiki.example.com/saml"},
	} {
		sess, err := svc.AssumeRoleWithSAML(sts.AssumeRoleWithSAMLInput{RoleArn: engineers, PrincipalArn: idp, Assertion: assertion(c.audience)})
		story.Assumed(w, c.what, sess, err)
		if err == nil {
			story.Authorize(w, svc, sess, "her session lists the photos", sts.Request{Action: "s3:ListBucket", Resource: "arn:aws:s3:::photos", ResourceAccount: photos})
		}
	}
	return nil
}
