package main

import (
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/examples/internal/story"
	"github.com/iamsim/iamsim/iamtest"
)

// The JSON files beside the story (the export, the overlay, each policy,
// the scenarios) hold the design of its Go values, and replay the same
// story when loaded as iamsim authorize and iamsim eval load them. go test
// -update (the flag iamtest defines) rewrites them.
func TestFiles(t *testing.T) { story.CheckFiles(t, ".", design(), tell, iamtest.Update()) }

// The guardrails' decisions and reasons, pinned in testdata/decisions.golden:
// a change of the role's policy, the boundary or the SCPs that changes
// what the role may do, or only why, shows in review.
func TestGolden(t *testing.T) {
	set, err := design().Build()
	if err != nil {
		t.Fatal(err)
	}
	var reqs []evaluate.Request
	for _, action := range []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:DeleteBucket"} {
		for _, resource := range []string{"arn:aws:s3:::photos", "arn:aws:s3:::photos/cat.jpg", "arn:aws:s3:::billing/2026.csv"} {
			reqs = append(reqs, evaluate.Request{Principal: dataAdmin, Action: action, Resource: resource, ResourceAccount: photos})
		}
	}
	iamtest.Golden(t, iamtest.Accounts(set), "testdata/decisions.golden", reqs)
}
