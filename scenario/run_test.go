package scenario_test

import (
	"errors"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/scenario"
)

// A policy AWS would refuse in its place is an *Error at its first
// refusing defect, wrapping evaluate's refusal: never a decision.
func TestRunRefusedPolicy(t *testing.T) {
	src := `[{"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
 "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}],
 "scps": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
   {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}]],
 "expect": "Allow"}]`
	entries := scenario.Load("r.json", []byte(src))
	if entries[0].Err != nil {
		t.Fatal(entries[0].Err)
	}
	res, err := entries[0].Scenario.Run()
	var e *scenario.Error
	var refused *evaluate.RefusedError
	if res != nil || !errors.As(err, &e) || !errors.As(err, &refused) {
		t.Fatalf("Run = %v, %v; want a *scenario.Error wrapping a RefusedError", res, err)
	}
	want := "r.json:4:64: [0].scps[0][1].Statement[0].Principal: AWS would refuse this policy in its place (checked as scp), so it is not evaluated: ERROR SCP_SYNTAX_ERROR_PRINCIPAL: "
	if got := err.Error(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("error\n got %q\nwant %q...", got, want)
	}
}
