package role_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

const ec2Trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

func valid() role.Spec {
	return role.Spec{Account: "111111111111", Name: "App", Trust: policy.MustParse("trust", ec2Trust)}
}

// TestNewRejects pins each check New makes, with the AWS page it follows.
func TestNewRejects(t *testing.T) {
	long := strings.Repeat("a", 65)
	cases := []struct {
		reason string
		edit   func(*role.Spec)
		field  string
	}{
		{"CreateRole RoleName: at most 64 characters", func(s *role.Spec) { s.Name = long }, "Name"},
		{"CreateRole RoleName: [\\w+=,.@-]+", func(s *role.Spec) { s.Name = "a/b" }, "Name"},
		{"CreateRole Path: begins and ends with /", func(s *role.Spec) { s.Path = "/app" }, "Path"},
		{"CreateRole Path: at most 512 characters", func(s *role.Spec) { s.Path = "/" + strings.Repeat("a", 511) + "/" }, "Path"},
		{"CreateRole Path: ASCII ! to DEL", func(s *role.Spec) { s.Path = "/a b/" }, "Path"},
		{"CreateRole MaxSessionDuration: at least 3600", func(s *role.Spec) { s.MaxSessionDuration = 3599 }, "MaxSessionDuration"},
		{"CreateRole MaxSessionDuration: at most 43200", func(s *role.Spec) { s.MaxSessionDuration = 43201 }, "MaxSessionDuration"},
		{"CreateRole AssumeRolePolicyDocument is required", func(s *role.Spec) { s.Trust = nil }, "Trust"},
		{"a trust policy needs a Principal (IAM User Guide, Principal element)", func(s *role.Spec) {
			s.Trust = policy.MustParse("t", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`)
		}, "Trust"},
		{"an inline role policy names no Principal", func(s *role.Spec) {
			s.Inline = []role.Inline{{Name: "p", Policy: policy.MustParse("p", ec2Trust)}}
		}, "Inline[0].Policy"},
		{"inline policy names exclude / (IAM name requirements)", func(s *role.Spec) {
			s.Inline = []role.Inline{{Name: "a/b", Policy: policy.MustParse("p", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}}
		}, "Inline[0].Name"},
		{"an attached policy is a policy ARN", func(s *role.Spec) { s.Managed = []string{"arn:aws:iam::111111111111:role/x"} }, "Managed[0]"},
		{"a boundary is a policy ARN", func(s *role.Spec) { s.Boundary = "PhotosReadOnly" }, "Boundary"},
		{"Tag: aws: prefix reserved (Tagging IAM resources)", func(s *role.Spec) { s.Tags = []role.Tag{{Key: "aws:x", Value: "1"}} }, "Tags[0].Key"},
		{"Tag keys unique regardless of case", func(s *role.Spec) { s.Tags = []role.Tag{{Key: "Team", Value: "a"}, {Key: "team", Value: "b"}} }, "Tags[1].Key"},
		{"Tag Value at most 256", func(s *role.Spec) { s.Tags = []role.Tag{{Key: "k", Value: strings.Repeat("v", 257)}} }, "Tags[0].Value"},
		{"CreateRole Description character set", func(s *role.Spec) { s.Description = "bad\x01" }, "Description"},
		{"CreateInstanceProfile name at most 128", func(s *role.Spec) {
			s.InstanceProfiles = []role.InstanceProfile{{Name: strings.Repeat("p", 129)}}
		}, "InstanceProfiles[0].Name"},
		{"Role RoleId begins with AROA (IAM identifiers)", func(s *role.Spec) { s.RoleID = "AIDAXXXXXXXXXXXXXXXXX" }, "RoleID"},
		{"account ids are 12 digits", func(s *role.Spec) { s.Account = "1234" }, "Account"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			s := valid()
			c.edit(&s)
			_, err := role.New(s)
			var list role.ErrorList
			if !errors.As(err, &list) || len(list) != 1 || list[0].Field != c.field {
				t.Fatalf("New: %v; want one error on %s", err, c.field)
			}
		})
	}
}

func TestNewAcceptsLimits(t *testing.T) {
	s := valid()
	s.Name = strings.Repeat("a", 64)
	s.Path = "/" + strings.Repeat("a", 510) + "/"
	s.MaxSessionDuration = 43200
	s.RoleID = "AROADBQP57FF2AEXAMPLE"
	s.Tags = []role.Tag{{Key: "team name", Value: ""}}
	r, err := role.New(s)
	if err != nil {
		t.Fatal(err)
	}
	if r.RoleID() != "AROADBQP57FF2AEXAMPLE" || r.MaxSessionDuration().Seconds() != 43200 {
		t.Fatalf("got %s %v", r.RoleID(), r.MaxSessionDuration())
	}
}

func TestServiceLinked(t *testing.T) {
	s := valid()
	s.Path = "/aws-service-role/elasticbeanstalk.amazonaws.com/"
	if r := role.MustNew(s); !r.IsServiceLinked() {
		t.Fatal("a role under /aws-service-role/ is service-linked")
	}
	if role.MustNew(valid()).IsServiceLinked() {
		t.Fatal("a role at / is not service-linked")
	}
}

// TestImmutable: changing the Spec or what accessors return leaves the role as it was.
func TestImmutable(t *testing.T) {
	s := valid()
	s.Managed = []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}
	s.Tags = []role.Tag{{Key: "team", Value: "photos"}}
	r := role.MustNew(s)
	s.Managed[0] = "changed"
	r.Managed()[0] = "changed"
	r.Tags()[0].Value = "changed"
	r.TagMap()["team"] = "changed"
	if r.Managed()[0] != "arn:aws:iam::aws:policy/ReadOnlyAccess" {
		t.Fatal("Managed changed")
	}
	if v, _ := r.Tag("team"); v != "photos" {
		t.Fatal("tag changed")
	}
	if id := r.RoleID(); !strings.HasPrefix(id, "AROA") || len(id) != 21 || id != role.MustNew(valid()).RoleID() {
		t.Fatalf("derived RoleID %q is not a stable AROA id", id)
	}
}

// TestQuotas: IAM User Guide, "IAM and AWS STS quotas": a role trust policy
// is at most 2,048 characters unless the account's quota was raised, and a
// role's inline policies at most 10,240 together; white space is not
// counted.
func TestQuotas(t *testing.T) {
	var arns []string
	for i := range 40 {
		arns = append(arns, `"arn:aws:iam::222222222222:role/trusted-role-`+strings.Repeat("x", 2)+string(rune('a'+i%26))+`"`)
	}
	big := policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[`+strings.Join(arns, ",")+`]},"Action":"sts:AssumeRole"}]}`)
	s := valid()
	s.Trust = big
	var list role.ErrorList
	if _, err := role.New(s); !errors.As(err, &list) || list[0].Field != "Trust" || !strings.Contains(list[0].Msg, "over the 2048-character quota") {
		t.Fatalf("got %v", err)
	}
	s.TrustQuota = 4096
	if _, err := role.New(s); err != nil {
		t.Fatalf("a raised quota: %v", err)
	}
	// "Managed policies attached to an IAM role | 10 | 20": no account
	// attaches more than 20 (same page).
	s = valid()
	for i := range 21 {
		s.Managed = append(s.Managed, fmt.Sprintf("arn:aws:iam::111111111111:policy/P%d", i))
	}
	if _, err := role.New(s); !errors.As(err, &list) || len(list) != 1 || list[0].Field != "Managed" {
		t.Fatalf("21 attached policies: %v", err)
	}
	s.Managed = s.Managed[:20]
	if _, err := role.New(s); err != nil {
		t.Fatalf("20 attached policies: %v", err)
	}
	s = valid()
	s.Trust = big
	// "Role trust policy length | 2048 characters | 4096 characters":
	// the quota's maximum is 4,096, so no account's trust policies are
	// longer ("IAM and AWS STS quotas", adjustable quotas).
	s.TrustQuota = 4097
	if _, err := role.New(s); !errors.As(err, &list) || list[0].Field != "TrustQuota" {
		t.Fatalf("a quota past the maximum: %v", err)
	}
	spaced := policy.MustParse("trust", strings.ReplaceAll(ec2Trust, ",", ",\n"+strings.Repeat(" ", 600)))
	s = valid()
	s.Trust = spaced
	if _, err := role.New(s); err != nil {
		t.Fatalf("white space is not counted: %v", err)
	}
	var st []string
	for i := range 60 {
		st = append(st, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-`+strings.Repeat("b", 40)+string(rune('a'+i%26))+`/*"}`)
	}
	p := policy.MustParse("p", `{"Version":"2012-10-17","Statement":[`+strings.Join(st, ",")+`]}`)
	s = valid()
	s.Inline = []role.Inline{{Name: "a", Policy: p}, {Name: "b", Policy: p}}
	if _, err := role.New(s); !errors.As(err, &list) || list[0].Field != "Inline" {
		t.Fatalf("inline policies over 10,240 together: %v", err)
	}
	s.Inline = s.Inline[:1]
	if _, err := role.New(s); err != nil {
		t.Fatalf("one is under the quota: %v", err)
	}
}

// TestChecker: a Checker accepts what New accepts and refuses what New
// refuses, and the findings of a refused policy name that policy's own
// place even when the same text was seen before.
func TestChecker(t *testing.T) {
	var c role.Checker
	bad := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}`
	for i, text := range []string{ec2Trust, ec2Trust, bad, bad} {
		s := valid()
		s.Trust = policy.MustParse(fmt.Sprintf("trust%d", i), text)
		_, errNew := role.New(s)
		_, errChk := c.New(s)
		if (errNew == nil) != (errChk == nil) {
			t.Fatalf("%d: New %v, Checker %v", i, errNew, errChk)
		}
		if errChk != nil && !strings.Contains(errChk.Error(), fmt.Sprintf("trust%d:", i)) {
			t.Fatalf("%d: the findings name another policy: %v", i, errChk)
		}
	}
}

// TestServiceLinkedTrust: a role under /aws-service-role/ is exempt from
// SCPs and RCPs, so it must be what only CreateServiceLinkedRole makes: a
// role that an AWS service alone may assume ("Path prefix
// '/aws-service-role/' can only be used for AWS Service linked Roles").
func TestServiceLinkedTrust(t *testing.T) {
	for _, trust := range []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com","AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456790ab"}}}]}`,
	} {
		s := valid()
		s.Path = "/aws-service-role/ecs.amazonaws.com/"
		s.Trust = policy.MustParse("trust", trust)
		var list role.ErrorList
		if _, err := role.New(s); !errors.As(err, &list) || list[0].Field != "Path" {
			t.Errorf("%s: got %v", trust, err)
		}
		s.Path = "/"
		if _, err := role.New(s); err != nil {
			t.Errorf("the same trust at /: %v", err)
		}
	}
}
