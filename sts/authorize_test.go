package sts

import (
	"testing"
	"time"

	"github.com/iamsim/iamsim/evaluate"
)

func decide(t *testing.T, s *Service, sess *Session, action, resource string) evaluate.Decision {
	t.Helper()
	d, err := s.Decide(sess, Request{Action: action, Resource: resource})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A session is authorized as its role intersected with its session
// policies (IAM User Guide, "Session policies").
func TestSessionPoliciesLimitTheRole(t *testing.T) {
	s, _ := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ro",
		Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::photos/*"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		action, resource string
		want             evaluate.Decision
	}{
		{"s3:GetObject", "arn:aws:s3:::photos/a.jpg", evaluate.Allow},
		{"s3:PutObject", "arn:aws:s3:::photos/a.jpg", evaluate.Allow},
		{"s3:GetObject", "arn:aws:s3:::other/a.jpg", evaluate.ImplicitDeny}, // the role allows, the session policy does not
		{"s3:DeleteObject", "arn:aws:s3:::photos/a.jpg", evaluate.ImplicitDeny},
	} {
		if got := decide(t, s, sess, c.action, c.resource); got != c.want {
			t.Errorf("%s %s = %v, want %v", c.action, c.resource, got, c.want)
		}
	}
}

// The session's keys come from the session: a policy on aws:PrincipalTag,
// aws:userid, aws:SourceIdentity sees them and a request cannot forge them.
func TestSessionContextKeys(t *testing.T) {
	s, clk := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "keys",
		SourceIdentity: "alice", Tags: []Tag{{"project", "apollo"}},
		SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "123456"})
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(10 * time.Minute)
	res, err := s.Authorize(sess, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a"})
	if err != nil || res.Decision != evaluate.Allow {
		t.Fatalf("%v %v", res, err)
	}
	p, err := evaluate.Request{Action: "s3:GetObject", Resource: "*", Caller: sess.Caller(),
		Context: map[string][]string{"aws:CurrentTime": {clk.now().Format(time.RFC3339)}}}.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"aws:principalarn":           devRole,
		"aws:userid":                 sess.UserID(),
		"aws:principaltag/project":   "apollo",
		"aws:principaltag/cost":      "1",
		"aws:sourceidentity":         "alice",
		"aws:multifactorauthpresent": "true",
		"aws:multifactorauthage":     "600",
		"aws:principaltype":          "AssumedRole",
		"aws:tokenissuetime":         "2026-12-07T12:00:00Z",
	}
	for k, v := range want {
		if got, ok := p.Lookup(k); !ok || got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if _, ok := p.Lookup("aws:principaltag/Project"); ok {
		t.Error("keys are folded")
	}
	if _, err := s.Decide(sess, Request{Action: "s3:GetObject", Resource: "*", Context: map[string][]string{"aws:PrincipalTag/project": {"x"}}}); err == nil {
		t.Error("a request overrode a principal tag")
	}
}

func TestExpiredSession(t *testing.T) {
	s, clk := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "exp", DurationSeconds: intp(900)})
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(899 * time.Second)
	if decide(t, s, sess, "s3:GetObject", "arn:aws:s3:::photos/a") != evaluate.Allow {
		t.Fatal("not allowed before expiry")
	}
	clk.advance(time.Second)
	_, err = s.Decide(sess, Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/a"})
	wantCode(t, err, CodeExpiredToken, msgExpiredToken)
	_, _, err = s.Lookup(sess.Credentials().AccessKeyID, sess.Credentials().SessionToken.Reveal())
	wantCode(t, err, CodeExpiredToken, msgExpiredToken)
	_, err = s.AssumeRole(sess, AssumeRoleInput{RoleArn: devRole, RoleSessionName: "again"})
	wantCode(t, err, CodeExpiredToken, msgExpiredToken)
	_, err = s.GetCallerIdentity(sess)
	wantCode(t, err, CodeExpiredToken, msgExpiredToken)
}

func TestGetSessionToken(t *testing.T) {
	s, _ := newService(t)
	st, err := s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{})
	if err != nil {
		t.Fatal(err)
	}
	if d := st.Expiration().Sub(st.IssuedAt()); d != 12*time.Hour {
		t.Errorf("default %v", d)
	}
	if st.ARN() != alice || decide(t, s, st, "s3:GetObject", "arn:aws:s3:::x/y") != evaluate.Allow {
		t.Error("a session token acts as its user")
	}
	_, err = s.Decide(st, Request{Action: "iam:ListUsers", Resource: "*"})
	wantCode(t, err, CodeInvalidClientTokenID, "")
	_, err = s.GetSessionToken(st, GetSessionTokenInput{})
	wantCode(t, err, CodeAccessDenied, msgSessionTokenCreds)
	r, err := s.GetSessionToken(longTerm(t, s, root1), GetSessionTokenInput{DurationSeconds: intp(7200)})
	if err != nil || r.Expiration().Sub(r.IssuedAt()) != time.Hour {
		t.Errorf("root: %v %v", r, err)
	}
	_, err = s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{DurationSeconds: intp(129601)})
	wantCode(t, err, CodeValidation, "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600")
	m, err := s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "123456"})
	if err != nil || m.MFAAuthTime().IsZero() {
		t.Fatalf("MFA session: %v", err)
	}
	// An MFA session token can then assume a role that demands MFA.
	if _, err := s.AssumeRole(m, AssumeRoleInput{RoleArn: devRole, RoleSessionName: "mfa"}); err != nil {
		t.Error(err)
	}
}

func TestGetFederationToken(t *testing.T) {
	s, _ := newService(t)
	none, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	if fu := none.FederatedUser(); fu.Arn != "arn:aws:sts::111111111111:federated-user/Bob" || fu.FederatedUserID != "111111111111:Bob" {
		t.Errorf("%+v", fu)
	}
	if decide(t, s, none, "s3:GetObject", "arn:aws:s3:::photos/a") != evaluate.ImplicitDeny {
		t.Error("a federated user without a session policy has no permissions")
	}
	with, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob",
		Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	if decide(t, s, with, "s3:GetObject", "arn:aws:s3:::photos/a") != evaluate.Allow ||
		decide(t, s, with, "s3:PutObject", "arn:aws:s3:::photos/a") != evaluate.ImplicitDeny {
		t.Error("federated user = user ∩ session policy")
	}
	_, err = s.GetFederationToken(longTerm(t, s, carol), GetFederationTokenInput{Name: "Bob"})
	wantCode(t, err, CodeAccessDenied, "User: "+carol+" is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::111111111111:federated-user/Bob")
	_, err = s.GetFederationToken(with, GetFederationTokenInput{Name: "Bob"})
	wantCode(t, err, CodeAccessDenied, msgFederationCreds)
	_, err = s.AssumeRole(with, AssumeRoleInput{RoleArn: devRole, RoleSessionName: "no"})
	wantCode(t, err, CodeAccessDenied, "")
	if id, err := s.GetCallerIdentity(with); err != nil || id.Arn != with.ARN() {
		t.Errorf("GetCallerIdentity is always allowed: %v %v", id, err)
	}
}
