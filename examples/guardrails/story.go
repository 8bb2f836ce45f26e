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
	photos     = "111111111111"
	management = "999999999999"
	dataAdmin  = "arn:aws:iam::111111111111:role/DataAdmin"
	boundary   = "arn:aws:iam::111111111111:policy/PhotosBoundary"
	alice      = "arn:aws:iam::111111111111:user/alice"
)

// everythingS3 is what the role's own policy grants: all of S3.
var everythingS3 = story.Allow("all-of-s3", []string{"s3:*"}, []string{"*"})

// photosBoundary is the most the role may ever do, whatever its policies
// grant: work on the photos bucket and its objects, without deleting them.
var photosBoundary = story.Allow("PhotosBoundary", []string{"s3:Get*", "s3:List*", "s3:PutObject", "s3:DeleteBucket"},
	[]string{"arn:aws:s3:::photos", "arn:aws:s3:::photos/*"})

// noBucketDeletion is the organization's guardrail for the Workloads OU:
// nobody in its accounts deletes a bucket.
var noBucketDeletion = policy.MustBuild("no-bucket-deletion", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{{Sid: "NoBucketDeletion", Effect: policy.Deny,
		Action: []string{"s3:DeleteBucket"}, Resource: []string{"*"}}},
})

var trustAlice = story.Trust("trust-DataAdmin", policy.Principal{"AWS": {alice}}, []string{"sts:AssumeRole"}, nil)

func design() *story.Design {
	full := []*policy.Policy{account.FullAWSAccess}
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}},
		Policies: []account.ManagedPolicy{{ARN: boundary, Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: photosBoundary}}}},
		Users:    []account.User{{Account: photos, Name: "alice"}},
		Roles: []role.Spec{{Account: photos, Name: "DataAdmin", Trust: trustAlice, Boundary: boundary,
			Inline: []role.Inline{{Name: "all-of-s3", Policy: everythingS3}}}},
		Organization: &account.Organization{ManagementAccount: management, Root: account.Unit{
			ID: "r-ab12", SCPs: full,
			Units: []account.Unit{{ID: "ou-ab12-workload", Name: "Workloads",
				SCPs:     []*policy.Policy{account.FullAWSAccess, noBucketDeletion},
				Accounts: []account.Member{{ID: photos, SCPs: full}}}},
		}},
	}
}

func tell(w io.Writer, set *account.Set) error {
	svc, _, err := story.NewService(set)
	if err != nil {
		return err
	}
	caller, err := svc.LongTerm(alice)
	if err != nil {
		return err
	}
	sess, err := svc.AssumeRole(caller, sts.AssumeRoleInput{RoleArn: dataAdmin, RoleSessionName: "alice"})
	story.Assumed(w, "alice assumes DataAdmin", sess, err)
	if err != nil {
		return nil
	}
	for _, r := range []struct{ what, action, resource string }{
		{"read a photo (the policy, the boundary and the SCPs allow it)", "s3:GetObject", "arn:aws:s3:::photos/cat.jpg"},
		{"delete a photo (the policy allows it, the boundary does not)", "s3:DeleteObject", "arn:aws:s3:::photos/cat.jpg"},
		{"read another bucket (outside the boundary)", "s3:GetObject", "arn:aws:s3:::billing/2026.csv"},
		{"delete the bucket (the boundary allows it, an SCP denies it)", "s3:DeleteBucket", "arn:aws:s3:::photos"},
	} {
		story.Authorize(w, svc, sess, r.what, sts.Request{Action: r.action, Resource: r.resource, ResourceAccount: photos})
	}
	return nil
}
