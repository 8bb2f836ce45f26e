package account_test

import (
	"encoding/json"
	"fmt"
	"strings"
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

// TestOverlayKeys: long-term access keys come from the overlay (exports
// hold no secrets), and never print their secret.
func TestOverlayKeys(t *testing.T) {
	set := loadTest(t)
	u, k, ok := set.UserByAccessKey("AKIAQCAROLEXAMPLE001")
	if !ok || u.Name != "carol" || k.Secret == "" || k.Inactive {
		t.Fatalf("got %v %v %v", u.Name, k, ok)
	}
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%+v", u), fmt.Sprintf("%#v", u)} {
		if strings.Contains(s, k.Secret) {
			t.Fatalf("the secret is printed: %s", s)
		}
	}
	if b, _ := json.Marshal(u); strings.Contains(string(b), k.Secret) {
		t.Fatalf("the secret is marshalled: %s", b)
	}
	idp, ok := set.IdentityProvider("arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com")
	if !ok || idp.Type != "OIDC" || len(idp.ClientIDs) != 1 {
		t.Fatalf("identity provider: %+v %v", idp, ok)
	}
	if r, _ := set.Role("arn:aws:iam::111111111111:role/CrossAccountAuditor"); r.MaxSessionDuration().Seconds() != 7200 {
		t.Fatalf("MaxSessionDuration from the overlay: %v", r.MaxSessionDuration())
	}
	if a, _ := set.Account("222222222222"); a.Name != "audit" {
		t.Fatalf("account name %q", a.Name)
	}
}
