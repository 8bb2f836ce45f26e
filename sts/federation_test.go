package sts

import (
	"testing"
	"time"

	"github.com/iamsim/iamsim/evaluate"
)

func TestAssumeRoleWithWebIdentity(t *testing.T) {
	s, clk := newService(t)
	claims := func(sub string) *WebIdentityClaims {
		return &WebIdentityClaims{Issuer: ghIssuer, Subject: sub, Audience: []string{"sts.amazonaws.com"}, Expiry: clk.now().Add(time.Hour)}
	}
	sess, err := s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: claims("repo:iamsim/iamsim:ref:refs/heads/main")})
	if err != nil {
		t.Fatal(err)
	}
	if sess.FederatedProvider() != "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" || sess.ARN() != "arn:aws:sts::111111111111:assumed-role/GitHub/gh" {
		t.Errorf("%s %s", sess.FederatedProvider(), sess.ARN())
	}
	if decide(t, s, sess, "s3:GetObject", "arn:aws:s3:::x/y") != evaluate.Allow {
		t.Error("the web identity session acts as its role")
	}
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: claims("repo:evil/x")})
	wantCode(t, err, CodeAccessDenied, "Not authorized to perform sts:AssumeRoleWithWebIdentity")
	bad := claims("repo:iamsim/x")
	bad.Audience = []string{"other"}
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: bad})
	wantCode(t, err, CodeInvalidIdentityToken, "")
	unknown := claims("repo:iamsim/x")
	unknown.Issuer = "https://evil.example.com"
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: unknown})
	wantCode(t, err, CodeInvalidIdentityToken, "No OpenIDConnect provider found in your account for https://evil.example.com")
	old := claims("repo:iamsim/x")
	old.Expiry = clk.now()
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: old})
	wantCode(t, err, CodeExpiredTokenException, "")
	tagged := claims("repo:iamsim/x")
	tagged.Tags = []Tag{{"k", "v"}}
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: tagged})
	wantCode(t, err, CodeAccessDenied, "") // the trust policy does not allow sts:TagSession
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", DurationSeconds: intp(3601), Claims: claims("repo:iamsim/x")})
	wantCode(t, err, CodeValidation, msgMaxDuration)
	// The trust policy of a role for users does not let a provider in.
	_, err = s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: devRole, RoleSessionName: "gh", Claims: claims("repo:iamsim/x")})
	wantCode(t, err, CodeAccessDenied, "")
}

func TestAssumeRoleWithSAML(t *testing.T) {
	s, clk := newService(t)
	as := func() *SAMLAssertion {
		return &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
			SubjectType: "persistent", RoleSessionName: "alice@example.com", NotOnOrAfter: clk.now().Add(5 * time.Minute),
			SessionNotOnOrAfter: clk.now().Add(30 * time.Minute), Tags: []Tag{{"dept", "eng"}}}
	}
	sess, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: as()})
	if err != nil {
		t.Fatal(err)
	}
	// The session ends at the assertion's SessionNotOnOrAfter, not at its
	// (earlier) NotOnOrAfter, which only bounds when STS accepts it (AWS
	// STS API Reference, AssumeRoleWithSAML, "Session Duration").
	if got := sess.Expiration().Sub(clk.now()); got != 30*time.Minute {
		t.Errorf("the session ends at %v, want SessionNotOnOrAfter (30m)", got)
	}
	noCap := as()
	noCap.SessionNotOnOrAfter = time.Time{}
	if sess, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: noCap}); err != nil {
		t.Fatal(err)
	} else if got := sess.Expiration().Sub(clk.now()); got != time.Hour {
		t.Errorf("without SessionNotOnOrAfter the session lasts %v, want the default hour", got)
	}
	if sess.Tags()["dept"] != "eng" || sess.FederatedProvider() != samlIdP {
		t.Errorf("%v %s", sess.Tags(), sess.FederatedProvider())
	}
	wrong := as()
	wrong.Audience = "https://example.com"
	_, err = s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: wrong})
	wantCode(t, err, CodeAccessDenied, "Not authorized to perform sts:AssumeRoleWithSAML")
	noName := as()
	noName.RoleSessionName = ""
	_, err = s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: noName})
	wantCode(t, err, CodeInvalidIdentityToken, "")
	clk.advance(time.Hour)
	_, err = s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: as()})
	if err != nil {
		t.Fatal(err)
	}
	expired := as()
	expired.NotOnOrAfter = clk.now().Add(-time.Second)
	_, err = s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: expired})
	wantCode(t, err, CodeExpiredTokenException, "")
}

func TestInstanceProfile(t *testing.T) {
	s, clk := newService(t)
	in, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile")
	if err != nil {
		t.Fatal(err)
	}
	if in.ARN != "arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123" || in.InstanceProfileArn != "arn:aws:iam::111111111111:instance-profile/PhotoReaderProfile" {
		t.Errorf("%+v", in)
	}
	sess, err := s.InstanceCredentials("i-0abc123")
	if err != nil {
		t.Fatal(err)
	}
	if sess.ARN() != "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123" || sess.Chained() {
		t.Errorf("%s chained %v", sess.ARN(), sess.Chained())
	}
	if decide(t, s, sess, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg") != evaluate.Allow ||
		decide(t, s, sess, "s3:PutObject", "arn:aws:s3:::photos/cat.jpg") != evaluate.ImplicitDeny ||
		decide(t, s, sess, "s3:GetObject", "arn:aws:s3:::other/cat.jpg") != evaluate.ImplicitDeny {
		t.Error("PhotoReader reads photos and nothing else")
	}
	p, _ := s.prepareForTest(sess)
	if v, _ := p.Lookup("ec2:sourceinstancearn"); v != in.ARN {
		t.Errorf("ec2:SourceInstanceARN = %q", v)
	}
	if v, _ := p.Lookup("ec2:roledelivery"); v != "2.0" {
		t.Errorf("ec2:RoleDelivery = %q", v)
	}
	same, _ := s.InstanceCredentials("i-0abc123")
	if same != sess {
		t.Error("credentials rotate only near expiry")
	}
	clk.advance(InstanceCredentialLifetime - InstanceRotateBefore)
	next, _ := s.InstanceCredentials("i-0abc123")
	if next == sess || next.Credentials().AccessKeyID == sess.Credentials().AccessKeyID {
		t.Error("credentials were not rotated before expiry")
	}
	if sess.Expired(clk.now()) {
		t.Error("the old credentials must still be valid when new ones appear")
	}
	if _, err := s.LaunchInstance("i-0bad", "WrongProfile"); err != nil {
		t.Fatal(err)
	}
	_, err = s.InstanceCredentials("i-0bad")
	wantCode(t, err, CodeAccessDenied, "") // the role does not trust ec2.amazonaws.com
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err == nil {
		t.Error("an instance launched twice")
	}
	if _, err := s.LaunchInstance("i-0x", "NoSuchProfile"); err == nil {
		t.Error("an unknown profile")
	}
}
