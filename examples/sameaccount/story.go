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
	photos = "111111111111"
	editor = "arn:aws:iam::111111111111:role/PhotoEditor"
	alice  = "arn:aws:iam::111111111111:user/alice"
	bob    = "arn:aws:iam::111111111111:user/bob"
)

// trustAccount names the account: the trust policy then leaves the
// decision to the account's identity policies ("AWS JSON policy elements:
// Principal" > "AWS account principals").
var trustAccount = story.Trust("trust-PhotoEditor", policy.Principal{"AWS": {"arn:aws:iam::111111111111:root"}},
	[]string{"sts:AssumeRole"}, nil)

// mayEdit is alice's policy: she may switch to the editor role.
var mayEdit = story.Allow("may-assume-PhotoEditor", []string{"sts:AssumeRole"}, []string{editor})

// editPhotos is the role's own policy.
var editPhotos = story.Allow("edit-photos", []string{"s3:GetObject", "s3:PutObject"}, []string{"arn:aws:s3:::photos/*"})

func design() *story.Design {
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}},
		Users: []account.User{
			{Account: photos, Name: "alice", Inline: []role.Inline{{Name: "may-assume-PhotoEditor", Policy: mayEdit}}},
			{Account: photos, Name: "bob"},
		},
		Roles: []role.Spec{{Account: photos, Name: "PhotoEditor", Trust: trustAccount,
			Inline: []role.Inline{{Name: "edit-photos", Policy: editPhotos}}}},
	}
}

func tell(w io.Writer, set *account.Set) error {
	svc, _, err := story.NewService(set)
	if err != nil {
		return err
	}
	for _, user := range []string{alice, bob} {
		caller, err := svc.LongTerm(user)
		if err != nil {
			return err
		}
		sess, err := svc.AssumeRole(caller, sts.AssumeRoleInput{RoleArn: editor, RoleSessionName: "edit"})
		story.Assumed(w, user+" assumes PhotoEditor", sess, err)
		if err != nil {
			continue
		}
		story.Authorize(w, svc, sess, "the session uploads a photo", sts.Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/cat.jpg"})
	}
	// Why bob was refused: the trust policy allows the account, and no
	// identity policy of bob's allows sts:AssumeRole.
	res, err := set.Authorize(account.Request{Principal: bob, Action: "sts:AssumeRole", Resource: editor})
	story.Print(w, "why bob is refused", res, err)
	return nil
}
