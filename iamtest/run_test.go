package iamtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/sts"
)

const (
	reader = "arn:aws:iam::111111111111:role/app/PhotoReader"
	photo  = "arn:aws:s3:::photos/cat.jpg"
)

// readWrite allows more than the design says the reader may do.
var readWrite = policy.MustParse("read-write.json", `{"Version": "2012-10-17", "Statement": [
 {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"},
 {"Sid": "WritePhotosFromTheOffice", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*",
  "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
 {"Sid": "AlsoWrite", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::photos/*"}]}`)

func req(action string) evaluate.Request {
	return evaluate.Request{Principal: reader, Action: action, Resource: photo, ResourceAccount: "111111111111"}
}

// TestRunReportsEveryFailingCase: a mismatch names the case, the line it
// was written on, its request, what it wanted and got, and why (near
// misses included); a case without Want and a malformed request fail
// alone; a good case does not fail.
func TestRunReportsEveryFailingCase(t *testing.T) {
	cases := []iamtest.Case{
		{Name: "reader reads", Want: iamtest.Allow, Request: req("s3:GetObject")},
		{Name: "reader cannot upload", Want: iamtest.Denied, Request: req("s3:PutObject")},
		{Name: "forgot the want", Request: req("s3:GetObject")},
		{Name: "not a principal", Want: iamtest.Allow, Request: evaluate.Request{Principal: "alice", Action: "s3:GetObject", Resource: photo}},
	}
	got := record(t, func(tb testing.TB) {
		iamtest.Run(tb, iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}}), cases)
	})
	if len(got) != 3 {
		t.Fatalf("%d failures, want 3:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
	if !containsAll(got[0], `"reader cannot upload" (run_test.go:38): want Denied (either deny), got Allow`,
		"request: "+reader+" s3:PutObject "+photo+" in account 111111111111",
		`why: Allow: `, `statement "AlsoWrite"`,
		`near miss: Allow statement 1 "WritePhotosFromTheOffice" of the identity policy read-write.json:3:2: IpAddress aws:SourceIp "203.0.113.0/24"`) {
		t.Errorf("mismatch message:\n%s", got[0])
	}
	if !containsAll(got[1], `"forgot the want" (run_test.go:39): the case says nothing of what it wants`) {
		t.Errorf("no-want message:\n%s", got[1])
	}
	if !containsAll(got[2], `"not a principal" (run_test.go:40): `) {
		t.Errorf("malformed message:\n%s", got[2])
	}
}

// TestRunSubtests: with a *testing.T every case is a subtest named after it.
func TestRunSubtests(t *testing.T) {
	var names []string
	t.Run("outer", func(t *testing.T) {
		iamtest.Run(t, iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}}), []iamtest.Case{
			{Name: "reads", Want: iamtest.Allow, Request: req("s3:GetObject")},
			{Want: iamtest.ImplicitDeny, Request: req("s3:DeleteObject")},
		})
		names = append(names, t.Name())
	})
	if len(names) != 1 {
		t.Fatal("the outer test did not run")
	}
}

// TestDecideReportsEveryMalformedCase: Decide decides the good cases and
// returns a CaseError for each malformed one.
func TestDecideReportsEveryMalformedCase(t *testing.T) {
	mismatches, err := iamtest.Decide(iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}}), []iamtest.Case{
		{Name: "a", Request: req("s3:GetObject")},
		{Name: "b", Want: iamtest.Allow, Request: evaluate.Request{Principal: "bob", Action: "s3:GetObject", Resource: photo}},
		{Name: "c", Want: iamtest.ImplicitDeny, Request: req("s3:GetObject")},
	})
	if err == nil || !containsAll(err.Error(), "case 0 (a): the case says nothing", "case 1 (b): ") {
		t.Errorf("err = %v, want cases 0 and 1 reported", err)
	}
	if len(mismatches) != 1 || mismatches[0].Case.Name != "c" {
		t.Errorf("mismatches = %v, want case c", mismatches)
	}
}

func photosAccounts(t *testing.T) *account.Set {
	t.Helper()
	set, err := account.LoadFiles([]string{"../examples/photos/account.json"}, "../examples/photos/overlay.json", account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestDesignAssertions: the founding design, from its account export, as
// its assertions read; and a wrong assertion fails at its own line.
func TestDesignAssertions(t *testing.T) {
	set := photosAccounts(t)
	r := iamtest.As(t, iamtest.Accounts(set), reader).InAccount("111111111111").With("aws:SecureTransport", "true")
	r.Can("s3:GetObject", photo, "arn:aws:s3:::photos/2026/dog.jpg")
	r.Can("s3:ListBucket", "arn:aws:s3:::photos")
	r.Cannot("s3:PutObject", photo)
	r.Cannot("s3:GetObject", "arn:aws:s3:::billing/2026.csv")
	r.With("aws:SecureTransport", "false").IsExplicitlyDenied("s3:GetObject", photo)

	got := record(t, func(tb testing.TB) {
		iamtest.As(tb, iamtest.Accounts(set), reader).InAccount("111111111111").Can("s3:PutObject", photo)
	})
	if len(got) != 1 || !containsAll(got[0], `can s3:PutObject on `+photo+`" (run_test.go:`, "want Allow, got ImplicitDeny",
		"why: ImplicitDeny: "+reader+" s3:PutObject on "+photo) {
		t.Errorf("failures %q", got)
	}
}

// TestSessionTarget: an STS session is the principal side; its expiry
// denies, with STS's reason.
func TestSessionTarget(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	svc, err := sts.New(photosAccounts(t), &sts.Config{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.InstanceCredentials("i-0abc123")
	if err != nil {
		t.Fatal(err)
	}
	app := iamtest.AsSession(t, svc, sess).InAccount("111111111111")
	app.Can("s3:GetObject", photo)
	app.Cannot("s3:PutObject", photo)
	now = sess.Expiration().Add(time.Second)
	got := record(t, func(tb testing.TB) {
		iamtest.AsSession(tb, svc, sess).InAccount("111111111111").Can("s3:GetObject", photo)
	})
	if len(got) != 1 || !containsAll(got[0], "want Allow, got ImplicitDeny", "why: refused by STS: sts: ExpiredToken") {
		t.Errorf("after expiry: %q", got)
	}
}

// TestRunRefusesEmptyAndDuplicateNames: an empty table and two cases of
// one name are errors, not passes.
func TestRunRefusesEmptyAndDuplicateNames(t *testing.T) {
	target := iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}})
	got := record(t, func(tb testing.TB) { iamtest.Run(tb, target, nil) })
	if len(got) != 1 || !strings.Contains(got[0], "no cases") {
		t.Errorf("empty table: %q", got)
	}
	got = record(t, func(tb testing.TB) {
		iamtest.Run(tb, target, []iamtest.Case{
			{Name: "reads", Want: iamtest.Allow, Request: req("s3:GetObject")},
			{Name: "reads", Want: iamtest.Allow, Request: req("s3:ListBucket")},
		})
	})
	if len(got) != 1 || !strings.Contains(got[0], `"reads": cases 0 and 1 have the same name`) {
		t.Errorf("duplicate names: %q", got)
	}
}

// TestTargetSharedByParallelTests: one Target serves parallel subtests
// (go test -race checks that nothing is shared unsafely).
func TestTargetSharedByParallelTests(t *testing.T) {
	target := iamtest.Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}})
	for _, name := range []string{"a", "b", "c", "d"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := iamtest.As(t, target, reader).InAccount("111111111111")
			r.Can("s3:GetObject", photo)
			r.Cannot("s3:DeleteObject", photo)
		})
	}
}
