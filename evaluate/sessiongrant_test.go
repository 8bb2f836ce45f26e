package evaluate

import (
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// sts:TagSession and sts:SetSourceIdentity on a role need the role's trust
// policy, as sts:AssumeRole does: the caller's identity policy alone does
// not allow them, even within the account (IAM User Guide, "Pass session
// tags in AWS STS" > "Permissions required to add session tags"; "Monitor
// and control actions taken with assumed roles"). Issue 12 §2.
func TestSessionGrantsNeedTheTrustPolicy(t *testing.T) {
	identity := policy.MustParse("id", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Resource":"*"}]}`)
	assumeOnly := policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`)
	withTags := policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}`)
	namesUser := policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`)
	cases := []struct {
		name     string
		identity []*policy.Policy
		trust    *policy.Policy
		action   string
		resource string
		want     Decision
	}{
		{"identity alone, trust without TagSession", []*policy.Policy{identity}, assumeOnly, "sts:TagSession", "arn:aws:iam::111111111111:role/R", ImplicitDeny},
		{"identity alone, trust without SetSourceIdentity", []*policy.Policy{identity}, assumeOnly, "sts:SetSourceIdentity", "arn:aws:iam::111111111111:role/R", ImplicitDeny},
		{"identity alone, no trust policy given", []*policy.Policy{identity}, nil, "sts:TagSession", "arn:aws:iam::111111111111:role/R", ImplicitDeny},
		{"trust in the account and identity", []*policy.Policy{identity}, withTags, "sts:TagSession", "arn:aws:iam::111111111111:role/R", Allow},
		{"trust in the account without identity", nil, withTags, "sts:TagSession", "arn:aws:iam::111111111111:role/R", ImplicitDeny},
		{"trust naming the user, no identity policy", nil, namesUser, "sts:TagSession", "arn:aws:iam::111111111111:role/R", Allow},
		{"a federated user's tags need only identity", []*policy.Policy{identity}, nil, "sts:TagSession", "arn:aws:sts::111111111111:federated-user/Bob", Allow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Evaluate(Policies{Identity: c.identity, Resource: c.trust},
				Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: c.action, Resource: c.resource})
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != c.want {
				t.Errorf("%v, want %v\n%s", res.Decision, c.want, res)
			}
		})
	}
}
