package arn

import (
	"errors"
	"testing"
)

var fuzzSeeds = []string{
	"",
	"arn:",
	"arn:aws:iam::111111111111:root",
	"arn:aws:iam::111111111111:user/division/alice",
	"arn:aws:iam::111111111111:role/service/PhotoReader",
	"arn:aws:iam::111111111111:group/Devs",
	"arn:aws:iam::111111111111:instance-profile/web",
	"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
	"arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc",
	"arn:aws:sts::111111111111:federated-user/bob",
	"arn:aws:s3:::bucket/key:with:colons",
	"arn:aws:lambda:us-east-1:123456789012:function:my-fn:1",
	"arn:aws-cn:ec2:cn-north-1:123456789012:vpc/vpc-1",
	"arn:aws-eusc:s3:::b",
	"arn:amazon:s3:::x",
	"arn:aws:s3:::*",
	"arn:aws:s3:::a\xffb",
	"arn:aws:iam::111111111111::",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %T, want *ParseError", s, err)
			}
			if pe.Input != s || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("Parse(%q): bad ParseError %+v", s, pe)
			}
			if a != (ARN{}) {
				t.Fatalf("Parse(%q) returned non-zero ARN with error", s)
			}
			return
		}
		if !a.IsValid() || a.String() != s {
			t.Fatalf("Parse(%q) = %q, valid=%v", s, a, a.IsValid())
		}
		b, err := Parse(a.String())
		if err != nil || b != a || b.Compare(a) != 0 {
			t.Fatalf("reparse of %q = %v, %v", s, b, err)
		}
		joined := "arn:" + a.Partition() + ":" + a.Service() + ":" + a.Region() + ":" + a.Account() + ":" + a.Resource()
		if joined != s {
			t.Fatalf("fields of %q rejoin to %q", s, joined)
		}
		if !ValidPartition(a.Partition()) || a.Service() == "" || a.Resource() == "" {
			t.Fatalf("Parse(%q) accepted invalid fields", s)
		}
		var u ARN
		text, _ := a.MarshalText()
		if err := u.UnmarshalText(text); err != nil || u != a {
			t.Fatalf("text round trip of %q = %v, %v", s, u, err)
		}

		// Identity decomposition must be consistent with the constructors:
		// whenever a constructor accepts the decomposed parts, it must
		// rebuild exactly the same ARN.
		p, acct := a.Partition(), a.Account()
		var rebuilt ARN
		var rerr error
		switch a.Kind() {
		case KindOther:
			if a.Path() != "" || a.Name() != "" || a.SessionName() != "" {
				t.Fatalf("KindOther %q has identity parts", s)
			}
			return
		case KindRoot:
			rebuilt, rerr = Root(p, acct)
		case KindUser:
			rebuilt, rerr = User(p, acct, a.Path(), a.Name())
		case KindRole:
			rebuilt, rerr = Role(p, acct, a.Path(), a.Name())
		case KindAssumedRole:
			rebuilt, rerr = AssumedRole(p, acct, a.Name(), a.SessionName())
			if _, err := a.RoleARN(""); err != nil && rerr == nil {
				t.Fatalf("RoleARN of %q: %v", s, err)
			}
		case KindFederatedUser:
			rebuilt, rerr = FederatedUser(p, acct, a.Name())
			if a.Name() != a.SessionName() {
				t.Fatalf("federated user %q: name %q != session %q", s, a.Name(), a.SessionName())
			}
		default:
			if a.Name() == "" || a.Path() == "" {
				t.Fatalf("%v %q lacks name or path", a.Kind(), s)
			}
			return
		}
		if rerr == nil && rebuilt != a {
			t.Fatalf("%v %q rebuilt as %q", a.Kind(), s, rebuilt)
		}
	})
}
