package main

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/examples/internal/story"
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
