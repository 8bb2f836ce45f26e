package main

import (
	"io"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/examples/internal/story"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
	"github.com/iamsim/iamsim/sts"
)

const (
	photos     = "111111111111" // the customer
	auditCo    = "999999999999" // the auditing company
	auditRole  = "arn:aws:iam::111111111111:role/ExternalAuditor"
	auditor    = "arn:aws:iam::999999999999:user/auditor"
	externalID = "Unique-ID-8675309" // agreed between the customer and the auditor
)

// trustAuditor trusts the auditing company only with the external ID it
// gave the customer, so that another customer of the auditor cannot make
// it act on this account (the confused deputy problem).
var trustAuditor = story.Trust("trust-ExternalAuditor", policy.Principal{"AWS": {"arn:aws:iam::999999999999:root"}},
	[]string{"sts:AssumeRole"}, policy.Condition{"StringEquals": {"sts:ExternalId": {externalID}}})

var audit = story.Allow("read-bucket-policies", []string{"s3:GetBucketPolicy", "s3:ListAllMyBuckets"}, []string{"*"})

var mayAssume = story.Allow("may-assume-customer-roles", []string{"sts:AssumeRole"}, []string{"arn:aws:iam::*:role/ExternalAuditor"})

func design() *story.Design {
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}, {ID: auditCo, Name: "auditor"}},
		Users:    []account.User{{Account: auditCo, Name: "auditor", Inline: []role.Inline{{Name: "may-assume-customer-roles", Policy: mayAssume}}}},
		Roles: []role.Spec{{Account: photos, Name: "ExternalAuditor", Trust: trustAuditor,
			Inline: []role.Inline{{Name: "read-bucket-policies", Policy: audit}}}},
	}
}

func tell(w io.Writer, set *account.Set) error {
	svc, _, err := story.NewService(set)
	if err != nil {
		return err
	}
	caller, err := svc.LongTerm(auditor)
	if err != nil {
		return err
	}
	for _, c := range []struct{ what, id string }{
		{"with the agreed external ID", externalID},
		{"with another customer's ID", "Other-ID-1234"},
		{"without an external ID", ""},
	} {
		sess, err := svc.AssumeRole(caller, sts.AssumeRoleInput{RoleArn: auditRole, RoleSessionName: "audit", ExternalID: c.id})
		story.Assumed(w, "the auditor assumes the role "+c.what, sess, err)
		if err == nil {
			story.Authorize(w, svc, sess, "the session reads the bucket policy", sts.Request{Action: "s3:GetBucketPolicy", Resource: "arn:aws:s3:::photos", ResourceAccount: photos})
			story.Authorize(w, svc, sess, "the session reads a photo", sts.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: photos})
		}
	}
	res, err := set.Authorize(account.Request{Principal: auditor, Action: "sts:AssumeRole", Resource: auditRole})
	story.Print(w, "why it is refused without the ID", res, err)
	return nil
}
