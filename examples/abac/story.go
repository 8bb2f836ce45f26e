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
	photos   = "111111111111"
	engineer = "arn:aws:iam::111111111111:role/Engineer"
	alice    = "arn:aws:iam::111111111111:user/alice" // tagged team=blue
)

// trustTagged lets users of the account assume the role and tag the
// session, but only with their own team: the team tag they pass must be
// the one their user carries (IAM User Guide, "IAM tutorial: Use SAML
// session tags for ABAC" and "Pass session tags in AWS STS").
var trustTagged = policy.MustBuild("trust-Engineer", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{
		{Sid: "AssumeRole", Effect: policy.Allow, Principal: policy.Principal{"AWS": {"arn:aws:iam::111111111111:root"}},
			Action: []string{"sts:AssumeRole"}},
		{Sid: "TagOwnTeamOnly", Effect: policy.Allow, Principal: policy.Principal{"AWS": {"arn:aws:iam::111111111111:root"}},
			Action:    []string{"sts:TagSession"},
			Condition: policy.Condition{"StringEquals": {"aws:RequestTag/team": {"${aws:PrincipalTag/team}"}}}},
	},
})

// teamPhotos is one policy for every team: a session reaches the folder of
// the team its tag names, and no other.
var teamPhotos = story.Allow("team-photos", []string{"s3:GetObject", "s3:PutObject"},
	[]string{"arn:aws:s3:::photos/${aws:PrincipalTag/team}/*"})

var mayAssume = story.Allow("may-assume-Engineer", []string{"sts:AssumeRole", "sts:TagSession"}, []string{engineer})

func design() *story.Design {
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}},
		Users: []account.User{{Account: photos, Name: "alice", Tags: []role.Tag{{Key: "team", Value: "blue"}},
			Inline: []role.Inline{{Name: "may-assume-Engineer", Policy: mayAssume}}}},
		Roles: []role.Spec{{Account: photos, Name: "Engineer", Trust: trustTagged,
			Inline: []role.Inline{{Name: "team-photos", Policy: teamPhotos}}}},
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
	red, err := svc.AssumeRole(caller, sts.AssumeRoleInput{RoleArn: engineer, RoleSessionName: "alice",
		Tags: []sts.Tag{{Key: "team", Value: "red"}}})
	story.Assumed(w, "alice (team blue) asks for a session tagged team=red", red, err)
	sess, err := svc.AssumeRole(caller, sts.AssumeRoleInput{RoleArn: engineer, RoleSessionName: "alice",
		Tags: []sts.Tag{{Key: "team", Value: "blue"}}})
	story.Assumed(w, "alice asks for a session tagged team=blue", sess, err)
	if err != nil {
		return nil
	}
	for _, folder := range []string{"blue", "red"} {
		story.Authorize(w, svc, sess, "the session uploads to the "+folder+" team's folder", sts.Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/" + folder + "/cat.jpg", ResourceAccount: photos})
	}
	return nil
}
