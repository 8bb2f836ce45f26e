package sts

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
)

// A session never allows what its role does not, nor what its session
// policies do not (IAM User Guide, "Session policies": "The resulting
// session's permissions are the intersection of the role's identity-based
// policy and the session policies"), whatever the session policies say.
func TestSessionNeverExceedsItsRole(t *testing.T) {
	s, _ := newService(t)
	caller := longTerm(t, s, alice)
	plain, err := s.AssumeRole(caller, AssumeRoleInput{RoleArn: devRole, RoleSessionName: "plain"})
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "sts:AssumeRole", "ec2:RunInstances"}
	resources := []string{"arn:aws:s3:::photos/a", "arn:aws:s3:::other/b", "arn:aws:s3:::photos", "*", devRole}
	patterns := []string{"s3:*", "s3:Get*", "s3:PutObject", "*", "ec2:*", "sts:*", "s3:List*"}
	resPatterns := []string{"*", "arn:aws:s3:::photos/*", "arn:aws:s3:::*", "arn:aws:s3:::other/b", "arn:aws:iam::*:role/*"}
	rng := rand.New(rand.NewPCG(1, 2))
	allowed := 0
	for i := range 60 {
		var stmts []string
		for range 1 + rng.IntN(3) {
			effect := "Allow"
			if rng.IntN(4) == 0 {
				effect = "Deny"
			}
			stmts = append(stmts, fmt.Sprintf(`{"Effect":%q,"Action":%q,"Resource":%q}`, effect,
				patterns[rng.IntN(len(patterns))], resPatterns[rng.IntN(len(resPatterns))]))
		}
		doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
		sess, err := s.AssumeRole(caller, AssumeRoleInput{RoleArn: devRole, RoleSessionName: fmt.Sprintf("p%d", i), Policy: doc})
		if err != nil {
			t.Fatal(err)
		}
		sessionOnly, err := evaluate.Compile(evaluate.Policies{Identity: sess.Policies()})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range actions {
			for _, r := range resources {
				got := decide(t, s, sess, a, r)
				if got != evaluate.Allow {
					continue
				}
				allowed++
				if decide(t, s, plain, a, r) != evaluate.Allow {
					t.Fatalf("session policy %s allows %s on %s, which its role does not", doc, a, r)
				}
				p, _ := evaluate.Request{Principal: sess.ARN(), Action: a, Resource: r, Context: map[string][]string{"aws:PrincipalArn": {devRole}}}.Prepare()
				if sessionOnly.Decide(p) != evaluate.Allow {
					t.Fatalf("%s allowed on %s beyond the session policy %s", a, r, doc)
				}
			}
		}
	}
	if allowed < 20 {
		t.Errorf("only %d allowed requests: the property was barely tried", allowed)
	}
}
