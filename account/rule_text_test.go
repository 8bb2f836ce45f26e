package account_test

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// TestRuleNamedInExplanation: when a rule AWS applies around the policies
// decides (here: AWS managed policies cannot be changed, IAM User Guide,
// "AWS managed policies"), account's explanation names the rule, not "no
// statement allows it".
func TestRuleNamedInExplanation(t *testing.T) {
	var b account.Builder
	b.AddAccount(account.Account{ID: "111111111111"})
	b.AddRole(role.MustNew(role.Spec{
		Account: "111111111111", Name: "Admin",
		Trust: policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`),
		Inline: []role.Inline{{Name: "all", Policy: policy.MustParse("all",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
	}), account.Origin{})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Authorize(account.Request{
		Principal: "arn:aws:iam::111111111111:role/Admin",
		Action:    "iam:CreatePolicyVersion",
		Resource:  "arn:aws:iam::aws:policy/ReadOnlyAccess",
	})
	if err != nil {
		t.Fatal(err)
	}
	text := res.String()
	if res.Decision.String() == "Allow" || !strings.Contains(text, "decided by rule") || strings.Contains(text, "no statement allows it") {
		t.Errorf("decision %v, explanation:\n%s", res.Decision, text)
	}
}
