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
	photos  = "111111111111" // owns the role and the bucket
	dev     = "222222222222" // the role trusts this account
	other   = "333333333333" // the role does not trust this one
	reader  = "arn:aws:iam::111111111111:role/PhotoReader"
	dave    = "arn:aws:iam::222222222222:user/dave"    // may assume it, and is trusted
	erin    = "arn:aws:iam::222222222222:user/erin"    // trusted, but her policy does not allow it
	mallory = "arn:aws:iam::333333333333:user/mallory" // her policy allows it, but she is not trusted
)

// trustDev trusts the dev account: its administrators decide which of its
// users may assume the role.
var trustDev = story.Trust("trust-PhotoReader", policy.Principal{"AWS": {"arn:aws:iam::222222222222:root"}},
	[]string{"sts:AssumeRole"}, nil)

var readPhotos = story.Allow("read-photos", []string{"s3:GetObject"}, []string{"arn:aws:s3:::photos/*"})

var mayAssume = story.Allow("may-assume-PhotoReader", []string{"sts:AssumeRole"}, []string{reader})

func design() *story.Design {
	inline := []role.Inline{{Name: "may-assume-PhotoReader", Policy: mayAssume}}
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}, {ID: dev, Name: "dev"}, {ID: other, Name: "other"}},
		Users: []account.User{
			{Account: dev, Name: "dave", Inline: inline},
			{Account: dev, Name: "erin"},
			{Account: other, Name: "mallory", Inline: inline},
		},
		Roles: []role.Spec{{Account: photos, Name: "PhotoReader", Trust: trustDev,
			Inline: []role.Inline{{Name: "read-photos", Policy: readPhotos}}}},
	}
}

func tell(w io.Writer, set *account.Set) error {
	svc, _, err := story.NewService(set)
	if err != nil {
		return err
	}
	for _, user := range []string{dave, erin, mallory} {
		caller, err := svc.LongTerm(user)
		if err != nil {
			return err
		}
		sess, err := svc.AssumeRole(caller, sts.AssumeRoleInput{RoleArn: reader, RoleSessionName: "photos"})
		story.Assumed(w, user+" assumes PhotoReader", sess, err)
		if err == nil {
			story.Authorize(w, svc, sess, "the session reads a photo", sts.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: photos})
		}
	}
	for _, user := range []string{erin, mallory} {
		res, err := set.Authorize(account.Request{Principal: user, Action: "sts:AssumeRole", Resource: reader})
		story.Print(w, "why "+user+" is refused", res, err)
	}
	return nil
}
