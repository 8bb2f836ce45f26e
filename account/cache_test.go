package account_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// TestCompiledSetsBounded: a Set embedded in a long-running service is
// asked about many principals, resources and resource accounts; the
// compiled sets it keeps stay within MaxCompiledSets, requests naming
// accounts it does not hold add none, and the answers stay the same when
// sets are dropped and compiled again.
func TestCompiledSetsBounded(t *testing.T) {
	var b account.Builder
	read := doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)
	for i := range 20 {
		b.AddUser(account.User{Account: "111111111111", Name: fmt.Sprintf("u%d", i), Inline: []role.Inline{{Name: "p", Policy: read}}})
	}
	for i := range 10 {
		b.AddResourcePolicy(account.ResourcePolicy{ARN: fmt.Sprintf("arn:aws:s3:::b%d", i), Account: "222222222222", Policy: policy.MustParse("bp",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"*"}]}`)})
	}
	const max = 16
	set, err := b.Build(account.Options{MaxCompiledSets: max})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				for u := range 20 {
					for r := range 10 {
						d, err := set.Decide(account.Request{Principal: fmt.Sprintf("arn:aws:iam::111111111111:user/u%d", u), Action: "s3:GetObject",
							Resource: fmt.Sprintf("arn:aws:s3:::b%d/k", r)})
						if err != nil || d != evaluate.Allow {
							t.Errorf("g%d round %d u%d b%d: %v %v", g, round, u, r, d, err)
							return
						}
					}
					// Buckets without a policy, owned by accounts the Set
					// does not hold: none of these keys is new.
					for a := range 5 {
						_, err := set.Decide(account.Request{Principal: fmt.Sprintf("arn:aws:iam::111111111111:user/u%d", u), Action: "s3:GetObject",
							Resource: "arn:aws:s3:::elsewhere/k", ResourceAccount: fmt.Sprintf("33333333333%d", a)})
						if err != nil {
							t.Error(err)
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	if n := account.CompiledSets(set); n > max {
		t.Fatalf("%d compiled sets held, over the bound of %d", n, max)
	}
	if _, err := b.Build(account.Options{MaxCompiledSets: -1}); err == nil {
		t.Fatal("a negative bound was accepted")
	}
}
