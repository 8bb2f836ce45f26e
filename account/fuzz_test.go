package account_test

import (
	"errors"
	"os"
	"testing"

	"github.com/iamsim/iamsim/account"
)

func seed(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkLoad holds Load to its contract on any input: no panic, a Set or an
// ErrorList of errors that each name the file, never both, never neither.
func checkLoad(t *testing.T, set *account.Set, err error, name string) {
	if (set == nil) == (err == nil) {
		t.Fatalf("Load returned set %v and error %v", set != nil, err)
	}
	if err == nil {
		for _, p := range set.Principals() {
			if _, err := set.Authorize(account.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"}); err != nil {
				t.Fatalf("a loaded principal %s cannot be authorized: %v", p, err)
			}
		}
		return
	}
	var list account.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
	}
	for _, e := range list {
		if e.File != name && e.File != "photos.json" {
			t.Fatalf("error does not name its file: %v", e)
		}
	}
}

func FuzzLoadExport(f *testing.F) {
	seed(f, "../examples/photos/account.json", "../testdata/accounts/dev-page1.json", "../testdata/accounts/dev-page2.json", "../testdata/accounts/audit.json")
	f.Add([]byte(minimalRole))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := account.Load([]account.File{{Name: "export.json", Data: data}}, nil, account.Options{AllowMissingPolicies: len(data)%2 == 0})
		checkLoad(t, set, err, "export.json")
	})
}

func FuzzLoadOverlay(f *testing.F) {
	seed(f, "../examples/photos/overlay.json", "../testdata/accounts/overlay.json")
	photos, err := os.ReadFile("../examples/photos/account.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ov := account.File{Name: "overlay.json", Data: data}
		set, err := account.Load([]account.File{{Name: "photos.json", Data: photos}}, &ov, account.Options{})
		checkLoad(t, set, err, "overlay.json")
	})
}
