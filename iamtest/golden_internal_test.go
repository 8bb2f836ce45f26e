package iamtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

type goldenRecorder struct {
	testing.TB
	errors []string
}

func (r *goldenRecorder) Helper() {}
func (r *goldenRecorder) Errorf(f string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(f, a...))
}

// TestGolden: -update writes the decisions and their reasons; a change of
// the policies that changes a decision fails with a diff.
func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "photos.golden")
	read := policy.MustParse("read.json", `{"Version": "2012-10-17", "Statement": {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}`)
	reqs := []evaluate.Request{
		{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a.jpg", ResourceAccount: "111111111111"},
		{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/a.jpg", ResourceAccount: "111111111111"},
	}
	*update = true
	Golden(t, Policies(evaluate.Policies{Identity: []*policy.Policy{read}}), path, reqs)
	*update = false
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "s3:GetObject arn:aws:s3:::photos/a.jpg in account 111111111111\n  Allow\n  why: ") ||
		!strings.Contains(string(data), "s3:PutObject arn:aws:s3:::photos/a.jpg in account 111111111111\n  ImplicitDeny\n") {
		t.Fatalf("golden file %v:\n%s", err, data)
	}
	Golden(t, Policies(evaluate.Policies{Identity: []*policy.Policy{read}}), path, reqs)

	readWrite := policy.MustParse("read.json", `{"Version": "2012-10-17", "Statement": {"Sid": "Read", "Effect": "Allow", "Action": "s3:*Object", "Resource": "arn:aws:s3:::photos/*"}}`)
	r := &goldenRecorder{TB: t}
	Golden(r, Policies(evaluate.Policies{Identity: []*policy.Policy{readWrite}}), path, reqs)
	msg := ""
	if len(r.errors) == 1 {
		msg = strings.ReplaceAll(r.errors[0], "\u00a0", " ")
	}
	if !strings.Contains(msg, "(-golden +now; go test -update rewrites it)") ||
		!strings.Contains(msg, "- \t  ImplicitDeny\n") || !strings.Contains(msg, "+ \t  Allow\n") {
		t.Errorf("after a change: %q", r.errors)
	}
}
