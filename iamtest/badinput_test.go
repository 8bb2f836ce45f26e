package iamtest_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
)

// TestBadInputFailsNeverPasses: iamtest given input it cannot decide
// fails the test with a clear message; before, a Cannot on a mistyped
// resource passed (it matched no Allow), a nil account set or session
// panicked, Decide of no case returned no error, and Golden of no request
// wrote a file that pinned nothing.
func TestBadInputFailsNeverPasses(t *testing.T) {
	pol := iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}})
	for _, tc := range []struct {
		name string
		f    func(tb testing.TB)
		want string
	}{
		{"a Cannot on a resource that is not an ARN", func(tb testing.TB) {
			iamtest.As(tb, pol, reader).Cannot("s3:DeleteBucket", "arn:aws:s3::photos")
		}, `Resource "arn:aws:s3::photos" is neither an ARN nor *`},
		{"a case on an empty resource", func(tb testing.TB) {
			iamtest.Run(tb, pol, []iamtest.Case{{Name: "no resource", Want: iamtest.Denied,
				Request: evaluate.Request{Principal: reader, Action: "s3:DeleteBucket"}}})
		}, `Resource "" is neither an ARN nor *`},
		{"a matrix cell on a bucket name", func(tb testing.TB) {
			iamtest.CheckMatrix(tb, pol, iamtest.Matrix{Principals: []string{reader}, Actions: []string{"s3:DeleteBucket"},
				Resources: []string{"photos"}, Else: iamtest.Denied})
		}, `Resource "photos" is neither an ARN nor *`},
		{"Accounts(nil)", func(tb testing.TB) {
			iamtest.As(tb, iamtest.Accounts(nil), reader).Cannot("s3:GetObject", photo)
		}, "the account.Set is nil"},
		{"Run over Accounts(nil)", func(tb testing.TB) {
			iamtest.Run(tb, iamtest.Accounts(nil), []iamtest.Case{{Want: iamtest.Denied, Request: req("s3:GetObject")}})
		}, "the account.Set is nil"},
		{"AsSession with a nil session", func(tb testing.TB) {
			iamtest.AsSession(tb, nil, nil).Cannot("s3:GetObject", photo)
		}, "the sts.Service is nil"},
		{"the zero Target", func(tb testing.TB) {
			iamtest.As(tb, iamtest.Target{}, reader).Cannot("s3:GetObject", photo)
		}, "the Target is the zero value"},
		{"Golden of no request", func(tb testing.TB) {
			iamtest.Golden(tb, pol, filepath.Join(t.TempDir(), "none.golden"), nil)
		}, "Golden has no requests"},
	} {
		got := record(t, tc.f)
		if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), tc.want) {
			t.Errorf("%s: failures %q; want one that says %q", tc.name, got, tc.want)
		}
	}
	if _, err := iamtest.Check(evaluate.Policies{Identity: []*policy.Policy{readWrite}}, nil); err == nil || !strings.Contains(err.Error(), "no cases") {
		t.Errorf("Check of no case: %v, want an error", err)
	}
	if _, err := iamtest.Decide(iamtest.Session(nil, nil), []iamtest.Case{{Want: iamtest.Denied, Request: req("s3:GetObject")}}); err == nil {
		t.Errorf("Decide over Session(nil, nil): no error")
	}
	// "*" and ARNs are still decided.
	if got := record(t, func(tb testing.TB) {
		iamtest.As(tb, pol, reader).Cannot("s3:DeleteBucket", "arn:aws:s3:::photos")
		iamtest.As(tb, pol, reader).Cannot("s3:ListAllMyBuckets")
	}); len(got) != 0 {
		t.Errorf("well-formed assertions failed: %q", got)
	}
}
