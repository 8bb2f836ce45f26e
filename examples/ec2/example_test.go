package main

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/examples/internal/story"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
)

func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// IAM users in the account: 0 (nobody holds a long-term key)
	// the instance's credentials: assumed-role session arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123, temporary key ASIA…, expire 2026-12-07T18:00:00Z
	// read a photo:
	//     Allow: arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123 to perform s3:GetObject on arn:aws:s3:::photos/cat.jpg is allowed by statement "ReadPhotos" of the identity-based policy (PhotosReadOnly:10:5).
	// upload a photo:
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123 to perform s3:PutObject on arn:aws:s3:::photos/cat.jpg is not authorized because no identity-based policy allows the s3:PutObject action.
	// read another bucket:
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123 to perform s3:GetObject on arn:aws:s3:::billing/2026.csv is not authorized because no identity-based policy allows the s3:GetObject action.
	// a minute after they expire: sts: ExpiredToken: The security token included in the request is expired
	// the metadata service hands out new ones: expire 2026-12-08T00:01:00Z
}

// The founding scenario's files (examples/photos, which the README's first
// command and iamsim authorize read) hold the same design as the Go values.
func TestPhotosFilesTellTheSameStory(t *testing.T) {
	story.CheckReplay(t, design(), tell, []string{"../photos/account.json"}, "../photos/overlay.json")
	for file, want := range map[string]*policy.Policy{"../photos/read-photos.json": photosReadOnly, "../photos/trust.json": trustEC2} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := policy.Parse(file, data)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.Document(), got.Document()); diff != "" {
			t.Errorf("%s differs from the Go value (-go +file):\n%s", file, diff)
		}
	}
}

// The story's decisions, written down as scenario files, replay with
// iamsim eval examples/ec2/scenarios.json; go test -update (the flag
// iamtest defines) rewrites them.
func TestScenarios(t *testing.T) { story.CheckScenarios(t, ".", design(), tell, iamtest.Update()) }

// The design, as iamtest states it: what the role may do, from the
// accounts; what the instance's credentials may do, through STS.
func TestDesign(t *testing.T) {
	set, err := design().Build()
	if err != nil {
		t.Fatal(err)
	}
	reader := iamtest.As(t, iamtest.Accounts(set), "arn:aws:iam::111111111111:role/app/PhotoReader").
		InAccount(photos).With("aws:SecureTransport", "true")
	reader.Can("s3:GetObject", "arn:aws:s3:::photos/cat.jpg")
	reader.Can("s3:ListBucket", "arn:aws:s3:::photos")
	reader.Cannot("s3:PutObject", "arn:aws:s3:::photos/cat.jpg")
	reader.Cannot("s3:GetObject", "arn:aws:s3:::billing/2026.csv")
	reader.With("aws:SecureTransport", "false").IsExplicitlyDenied("s3:GetObject", "arn:aws:s3:::photos/cat.jpg")

	iamtest.CheckMatrix(t, iamtest.Accounts(set), iamtest.Matrix{
		Principals:      []string{"arn:aws:iam::111111111111:role/app/PhotoReader"},
		Actions:         []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"},
		Resources:       []string{"arn:aws:s3:::photos/cat.jpg", "arn:aws:s3:::billing/2026.csv"},
		ResourceAccount: photos,
		Want: map[iamtest.Cell]iamtest.Want{
			{Principal: "arn:aws:iam::111111111111:role/app/PhotoReader", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"}: iamtest.Allow,
		},
		Else: iamtest.Denied,
	})

	svc, _, err := story.NewService(set)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LaunchInstance(instance, profile); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.InstanceCredentials(instance)
	if err != nil {
		t.Fatal(err)
	}
	app := iamtest.AsSession(t, svc, sess).InAccount(photos)
	app.Can("s3:GetObject", "arn:aws:s3:::photos/cat.jpg")
	app.Cannot("s3:PutObject", "arn:aws:s3:::photos/cat.jpg")
}
