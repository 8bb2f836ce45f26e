package account_test

import (
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/role"
)

// TestDecideAllocations pins the steady-state cost of Set.Decide (issue
// 11, "Scale": a fresh request authorized in ≤ 2 µs): once a principal's
// policies are compiled, a request for a user or a role allocates nothing
// of its own (the request is prepared for the compiled set into a pooled
// Prepared, the compiled set is found through the principal), except one
// string per principal tag (its folded key, aws:principaltag/…).
func TestDecideAllocations(t *testing.T) {
	var b account.Builder
	read := doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}`)
	b.AddUser(account.User{Account: "111111111111", Name: "plain", Inline: []role.Inline{{Name: "p", Policy: read}}})
	b.AddUser(account.User{Account: "111111111111", Name: "tagged", Path: "/staff/", Inline: []role.Inline{{Name: "p", Policy: read}},
		Tags: []role.Tag{{Key: "team", Value: "photos"}}})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		principal string
		want      float64
	}{
		{"arn:aws:iam::111111111111:user/plain", 0},
		{"arn:aws:iam::111111111111:user/staff/tagged", 1},
	} {
		r := account.Request{Principal: tt.principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"}
		if d, err := set.Decide(r); err != nil || d.String() != "Allow" {
			t.Fatalf("%s: Decide = %v, %v; want Allow", tt.principal, d, err)
		}
		n := testing.AllocsPerRun(200, func() { _, _ = set.Decide(r) })
		// Under the race detector sync.Pool drops items at random.
		if n != tt.want && !raceEnabled {
			t.Errorf("%s: Decide allocates %v times, want %v", tt.principal, n, tt.want)
		}
	}
}
