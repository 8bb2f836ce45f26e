package account_test

import (
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
)

func loadPhotos(t *testing.T) *account.Set {
	t.Helper()
	set, err := account.LoadFiles([]string{"../examples/photos/account.json"}, "../examples/photos/overlay.json", account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestPhotos is the founding story on the photos export: PhotoReader may
// read photos and may not write them (IAM User Guide, "Policy evaluation
// logic", requests within a single account).
func TestPhotos(t *testing.T) {
	set := loadPhotos(t)
	for _, c := range []struct {
		action string
		want   evaluate.Decision
	}{{"s3:GetObject", evaluate.Allow}, {"s3:PutObject", evaluate.ImplicitDeny}} {
		res, err := set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:role/app/PhotoReader", Action: c.action, Resource: "arn:aws:s3:::photos/cat.jpg"})
		if err != nil {
			t.Fatal(err)
		}
		t.Log(res)
		if res.Decision != c.want {
			t.Errorf("%s: got %v, want %v", c.action, res.Decision, c.want)
		}
	}
}

// TestInstanceProfile: the photos instance profile holds PhotoReader.
func TestInstanceProfile(t *testing.T) {
	set := loadPhotos(t)
	r, a, ok := set.InstanceProfile("111111111111", "photoreaderprofile")
	if !ok || r.Name() != "PhotoReader" || a.String() != "arn:aws:iam::111111111111:instance-profile/PhotoReaderProfile" {
		t.Fatalf("got %v %v %v", r, a, ok)
	}
	if _, _, ok := set.InstanceProfile("111111111111", "Other"); ok {
		t.Fatal("found a profile that is not loaded")
	}
}
