package sts

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Each test here pins one rule of the AWS documentation to iamsim's STS,
// citing the page it follows.

// "When you use the temporary credentials that are returned by the
// GetFederationToken operation, the session's principal tags include the
// user's tags and the passed session tags" (IAM User Guide, "Passing
// session tags in AWS STS" > "Passing session tags using
// GetFederationToken"); "the session tag passed in the request takes
// precedence over the user tag", whatever its case (AWS STS API Reference,
// GetFederationToken, Tags).
func TestFederatedUserTagsIncludeTheUsers(t *testing.T) {
	s, _ := newService(t)
	plain, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain.Tags(); len(got) != 1 || got["team"] != "blue" {
		t.Errorf("federated user's tags %v, want alice's team=blue", got)
	}
	tagged, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob",
		Tags: []Tag{{"TEAM", "red"}, {"dept", "eng"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := tagged.Tags(); len(got) != 2 || got["TEAM"] != "red" || got["dept"] != "eng" {
		t.Errorf("session tags override the user's with any case: %v", got)
	}
	if v, _ := s.prepareForTest(tagged); v == nil {
		t.Fatal("no prepared request")
	} else if got, ok := v.Lookup("aws:principaltag/team"); !ok || got != "red" {
		t.Errorf("aws:PrincipalTag/team = %q %v, want red", got, ok)
	}
}

// In role chaining the persisted source identity is sts:SourceIdentity in
// the next trust decision: "the source identity in the request persists
// from the first assumed role session. Therefore, both the
// aws:SourceIdentity and sts:SourceIdentity keys are present in the
// request context" (IAM User Guide, "Monitor and control actions taken with
// assumed roles" > "Role chaining and cross-account requirements").
func TestChainedSourceIdentityIsInTheTrustContext(t *testing.T) {
	s, _ := newService(t)
	bound := AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/SourceBound", RoleSessionName: "next"}
	marked, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dev", SourceIdentity: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	next, err := s.AssumeRole(marked, bound)
	if err != nil {
		t.Fatalf("the trust policy's sts:SourceIdentity condition sees the carried value: %v", err)
	}
	if next.SourceIdentity() != "alice" {
		t.Errorf("source identity %q", next.SourceIdentity())
	}
	unmarked, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AssumeRole(unmarked, bound)
	wantCode(t, err, CodeAccessDenied, "User: "+unmarked.ARN()+" is not authorized to perform: sts:AssumeRole on resource: "+bound.RoleArn)
	// "If the user attempts to set a source identity that is different from
	// the value set when CriticalRole was assumed, the assume role request
	// will be denied" (same page).
	other := bound
	other.SourceIdentity = "mallory"
	_, err = s.AssumeRole(marked, other)
	wantCode(t, err, CodeAccessDenied, "")
}

// Managed session policies "must exist in the same account as the role"
// (AWS STS API Reference, AssumeRole, PolicyArns): a policy of another
// account is refused like one that does not exist.
func TestSessionPolicyArnsOfTheRolesAccount(t *testing.T) {
	s, _ := newService(t)
	_, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "pp", PolicyArns: []string{otherPol}})
	wantCode(t, err, CodeInvalidParameterValue, "The managed policy "+otherPol+" does not exist or is not attachable.")
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: xRole, RoleSessionName: "pp", PolicyArns: []string{otherPol}})
	if err != nil || len(sess.Policies()) != 1 {
		t.Fatalf("a policy of the role's own account: %v", err)
	}
	_, err = s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob", PolicyArns: []string{otherPol}})
	wantCode(t, err, CodeInvalidParameterValue, "")
}

// Session tags override the role's tags regardless of case: "Department and
// department are not saved as separate tags, and the session tag passed in
// the request takes precedence over the role tag" (AWS STS API Reference,
// AssumeRole, Tags).
func TestSessionTagOverridesRoleTagAnyCase(t *testing.T) {
	s, _ := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "tt", Tags: []Tag{{"PROJECT", "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := sess.Tags(); got["PROJECT"] != "x" || got["Project"] != "" || got["cost"] != "1" || len(got) != 2 {
		t.Errorf("tags %v", got)
	}
}

// The limits the AWS STS API Reference gives, at their bounds: each bound
// itself is accepted (RoleSessionName 2 and 64 of [\w+=,.@-]*; ExternalId 2
// and 1224 of [\w+=,.@:\/-]*; SourceIdentity 2 and 64; DurationSeconds 900
// and the role's MaxSessionDuration; 50 tags, keys of 128 and values of 256
// characters, "You can pass up to 50 session tags").
func TestAssumeRoleLimitsAtTheirBounds(t *testing.T) {
	s, _ := newService(t)
	tags := make([]Tag, 50)
	for i := range tags {
		k := strings.Repeat("k", 125) + string(rune('A'+i/26)) + string(rune('a'+i%26)) + "_"
		tags[i] = Tag{Key: k, Value: strings.Repeat("v", 256)}
	}
	cases := map[string]AssumeRoleInput{
		"session name of 2":      {RoleSessionName: "ab"},
		"session name of 64":     {RoleSessionName: strings.Repeat("s", 58) + "+=,.@-"},
		"session name word runs": {RoleSessionName: "A_z9"},
		"external id of 2":       {RoleSessionName: "ok", ExternalID: "e1"},
		"external id of 1224":    {RoleSessionName: "ok", ExternalID: strings.Repeat("e", 1213) + "+=,.@:/-_9Z"},
		"source identity of 2":   {RoleSessionName: "ok", SourceIdentity: "ab"},
		"source identity of 64":  {RoleSessionName: "ok", SourceIdentity: strings.Repeat("s", 58) + "+=,.@-"},
		"duration 900":           {RoleSessionName: "ok", DurationSeconds: intp(900)},
		"duration at the max":    {RoleSessionName: "ok", DurationSeconds: intp(7200)},
		"50 tags at their sizes": {RoleSessionName: "ok", Tags: tags},
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			in.RoleArn = devRole
			sess, err := s.AssumeRole(longTerm(t, s, alice), in)
			if err != nil {
				t.Fatal(err)
			}
			if in.DurationSeconds != nil {
				if d := sess.Expiration().Sub(sess.IssuedAt()); d != time.Duration(*in.DurationSeconds)*time.Second {
					t.Errorf("duration %v", d)
				}
			}
		})
	}
	// Role chaining: exactly one hour is allowed ("if you assume a role
	// using role chaining and provide a DurationSeconds parameter value
	// greater than one hour, the operation fails", AWS STS API Reference,
	// AssumeRole, DurationSeconds).
	dev, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssumeRole(dev, AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Chained", RoleSessionName: "ch", DurationSeconds: intp(3600)}); err != nil {
		t.Errorf("a chained hour: %v", err)
	}
}

// Limits just past their bounds that TestAssumeRoleValidation and
// TestParameterLimits leave out, with the Coral texts AWS sends.
func TestMoreParameterLimits(t *testing.T) {
	s, _ := newService(t)
	serial := "arn:aws:iam::111111111111:mfa/alice"
	cases := []struct {
		name string
		in   AssumeRoleInput
		msg  string
	}{
		{"token code of 5", AssumeRoleInput{SerialNumber: serial, TokenCode: "12345"},
			"1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6"},
		{"serial number of 257", AssumeRoleInput{SerialNumber: strings.Repeat("s", 257), TokenCode: "123456"},
			"1 validation error detected: Value '" + strings.Repeat("s", 257) + "' at 'serialNumber' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"source identity of 1", AssumeRoleInput{SourceIdentity: "a"},
			"1 validation error detected: Value 'a' at 'sourceIdentity' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{"session name with a slash", AssumeRoleInput{RoleSessionName: "a/b"},
			`1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`},
		{"session name with a non-ASCII letter", AssumeRoleInput{RoleSessionName: "é1"},
			`1 validation error detected: Value 'é1' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`},
		{"duration 899", AssumeRoleInput{DurationSeconds: intp(899)},
			"1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"tag key of 129", AssumeRoleInput{Tags: []Tag{{strings.Repeat("k", 129), "v"}}},
			"1 validation error detected: Value '" + strings.Repeat("k", 129) + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			in.RoleArn = devRole
			if in.RoleSessionName == "" {
				in.RoleSessionName = "ok"
			}
			_, err := s.AssumeRole(longTerm(t, s, alice), in)
			wantCode(t, err, CodeValidation, c.msg)
		})
	}
}

// GetFederationToken and GetSessionToken durations: "from 900 seconds (15
// minutes) up to a maximum of 129,600 seconds (36 hours)"; with root
// credentials at most 3,600 seconds, and "If the specified duration is
// longer than one hour, the session obtained by using root user
// credentials defaults to one hour" (AWS STS API Reference,
// GetFederationToken and GetSessionToken, DurationSeconds).
func TestTokenDurations(t *testing.T) {
	s, _ := newService(t)
	low := "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
	high := "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600"
	_, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob", DurationSeconds: intp(899)})
	wantCode(t, err, CodeValidation, low)
	_, err = s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob", DurationSeconds: intp(129601)})
	wantCode(t, err, CodeValidation, high)
	_, err = s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{DurationSeconds: intp(899)})
	wantCode(t, err, CodeValidation, low)
	for _, c := range []struct {
		name   string
		caller string
		d      *int
		want   time.Duration
	}{
		{"federation default", alice, nil, 12 * time.Hour},
		{"federation 900", alice, intp(900), 15 * time.Minute},
		{"federation 36h", alice, intp(129600), 36 * time.Hour},
		{"root federation capped", root1, intp(7200), time.Hour},
		{"root federation default capped", root1, nil, time.Hour},
	} {
		sess, err := s.GetFederationToken(longTerm(t, s, c.caller), GetFederationTokenInput{Name: "Bob", DurationSeconds: c.d})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := sess.Expiration().Sub(sess.IssuedAt()); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		d    *int
		want time.Duration
	}{{intp(900), 15 * time.Minute}, {intp(129600), 36 * time.Hour}} {
		sess, err := s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{DurationSeconds: c.d})
		if err != nil {
			t.Fatal(err)
		}
		if got := sess.Expiration().Sub(sess.IssuedAt()); got != c.want {
			t.Errorf("GetSessionToken %d: %v", *c.d, got)
		}
	}
	r, err := s.GetSessionToken(longTerm(t, s, root1), GetSessionTokenInput{})
	if err != nil || r.Expiration().Sub(r.IssuedAt()) != time.Hour {
		t.Errorf("root's default session token lasts an hour: %v", err)
	}
}

// GetCallerIdentity's UserId is "the values ... listed in the aws:userid
// column in the Principal table" (AWS STS API Reference,
// GetCallerIdentity; IAM User Guide, "IAM policy elements: Variables and
// tags" > principal table), its Arn the calling entity's.
func TestGetCallerIdentityByPrincipal(t *testing.T) {
	s, clk := newService(t)
	u, _ := s.Accounts().User(alice)
	dev, _ := s.Accounts().Role(devRole)
	gh, _ := s.Accounts().Role(oidcRole)
	photo, _ := s.Accounts().Role(photoR)
	must := func(sess *Session, err error) *Session {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		sess *Session
		want CallerIdentity
	}{
		{"IAM user", longTerm(t, s, alice), CallerIdentity{u.UserID, acct1, alice}},
		{"account root", longTerm(t, s, root1), CallerIdentity{acct1, acct1, root1}},
		{"session token of a user", must(s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{})), CallerIdentity{u.UserID, acct1, alice}},
		{"session token of root", must(s.GetSessionToken(longTerm(t, s, root1), GetSessionTokenInput{})), CallerIdentity{acct1, acct1, root1}},
		{"assumed role", must(s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "who"})),
			CallerIdentity{dev.RoleID() + ":who", acct1, "arn:aws:sts::111111111111:assumed-role/Dev/who"}},
		{"federated user", must(s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob"})),
			CallerIdentity{"111111111111:Bob", acct1, "arn:aws:sts::111111111111:federated-user/Bob"}},
		{"web identity", must(s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh",
			Claims: &WebIdentityClaims{Issuer: ghIssuer, Subject: "repo:iamsim/x", Audience: []string{"sts.amazonaws.com"}, Expiry: clk.now().Add(time.Hour)}})),
			CallerIdentity{gh.RoleID() + ":gh", acct1, "arn:aws:sts::111111111111:assumed-role/GitHub/gh"}},
		{"role on an EC2 instance", must(s.InstanceCredentials("i-0abc123")),
			CallerIdentity{photo.RoleID() + ":i-0abc123", acct1, "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123"}},
	}
	for _, c := range cases {
		got, err := s.GetCallerIdentity(c.sess)
		if err != nil || got != c.want {
			t.Errorf("%s: %+v %v\nwant %+v", c.name, got, err, c.want)
		}
	}
}

// "You cannot create a tag key or value that begins with the text aws:.
// This tag prefix is reserved for AWS internal use" (IAM User Guide,
// "Tagging IAM resources" > "Rules for tagging in IAM and AWS STS" >
// "Naming tags", for "AWS STS assume-role sessions, and AWS STS federated
// user sessions").
func TestSessionTagsReservedPrefix(t *testing.T) {
	s, clk := newService(t)
	for _, tag := range []Tag{{"aws:team", "x"}, {"AWS:team", "x"}, {"team", "aws:x"}} {
		_, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "tt", Tags: []Tag{tag}})
		wantCode(t, err, CodeInvalidParameterValue, msgReservedTagPrefix)
		_, err = s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob", Tags: []Tag{tag}})
		wantCode(t, err, CodeInvalidParameterValue, msgReservedTagPrefix)
		as := &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
			SubjectType: "persistent", RoleSessionName: "alice", NotOnOrAfter: clk.now().Add(5 * time.Minute), Tags: []Tag{tag}}
		_, err = s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: as})
		wantCode(t, err, CodeInvalidParameterValue, msgReservedTagPrefix)
	}
	if _, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "tt", Tags: []Tag{{"team", "arn:aws:x"}}}); err != nil {
		t.Errorf("aws: inside a value is not the prefix: %v", err)
	}
}

// Who can call what, as "Comparing the AWS STS API operations" lists it
// (IAM User Guide, "Requesting temporary security credentials"): role
// sessions "Cannot call GetFederationToken or GetSessionToken"; federated
// users cannot call IAM and no STS operation "except GetCallerIdentity";
// GetSessionToken sessions cannot call IAM "unless MFA information is
// included with the request" nor STS "except AssumeRole or
// GetCallerIdentity".
func TestComparingTheSTSOperations(t *testing.T) {
	s, _ := newService(t)
	role, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "rr"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.GetSessionToken(role, GetSessionTokenInput{})
	wantCode(t, err, CodeAccessDenied, msgSessionTokenCreds)
	_, err = s.GetFederationToken(role, GetFederationTokenInput{Name: "Bob"})
	wantCode(t, err, CodeAccessDenied, msgFederationCreds)
	fed, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob",
		Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Decide(fed, Request{Action: "iam:ListRoles", Resource: "*"})
	wantCode(t, err, CodeInvalidClientTokenID, msgInvalidToken)
	_, err = s.Decide(fed, Request{Action: "sts:AssumeRole", Resource: devRole})
	wantCode(t, err, CodeAccessDenied, "")
	_, err = s.GetSessionToken(fed, GetSessionTokenInput{})
	wantCode(t, err, CodeAccessDenied, msgSessionTokenCreds)
	plain, err := s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.GetFederationToken(plain, GetFederationTokenInput{Name: "Bob"})
	wantCode(t, err, CodeAccessDenied, msgFederationCreds)
	_, err = s.Decide(plain, Request{Action: "sts:GetFederationToken", Resource: "*"})
	wantCode(t, err, CodeAccessDenied, "")
	if _, err := s.AssumeRole(plain, AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok"}); err != nil {
		t.Errorf("a session token assumes a role: %v", err)
	}
	mfa, err := s.GetSessionToken(longTerm(t, s, alice), GetSessionTokenInput{SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "123456"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Decide(mfa, Request{Action: "iam:ListRoles", Resource: "*"}); err != nil {
		t.Errorf("with MFA a session token calls IAM: %v", err)
	}
}

// PackedPolicyTooLarge names the share of the packed space used: "Packed
// policy consumes n% of allotted space, please use smaller policy."
// (sts-wire.md §5.3, from AWS knowledge center "iam-role-aws-sts-error");
// the percentage is over 100.
func TestPackedPolicyTooLargeText(t *testing.T) {
	s, _ := newService(t)
	pre := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/`
	_, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "pp",
		Policy:     pre + strings.Repeat("A", 2040-len(pre)-4) + `"}]}`,
		PolicyArns: []string{"arn:aws:iam::111111111111:policy/PhotosReadOnly"}})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodePackedPolicyTooLarge || e.Status != http.StatusBadRequest {
		t.Fatalf("%v", err)
	}
	var pct int
	if n, _ := fmt.Sscanf(e.Message, "Packed policy consumes %d%% of allotted space, please use smaller policy.", &pct); n != 1 || pct <= 100 ||
		e.Message != fmt.Sprintf("Packed policy consumes %d%% of allotted space, please use smaller policy.", pct) {
		t.Errorf("message %q", e.Message)
	}
}

// In a role chain the principal tags "come from any new session tags, the
// inherited transitive session tags, and the role tags"; "The inherited
// Star = 1 session tag overrides the role's Star = 3 tag", and the role's
// own tags are not transitive (IAM User Guide, "Passing session tags in AWS
// STS" > "Chaining roles with session tags").
func TestChainedTransitiveTagOverridesRoleTag(t *testing.T) {
	s, _ := newService(t)
	dev, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dev",
		Tags: []Tag{{"Dept", "eng"}}, TransitiveTagKeys: []string{"Dept"}})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := s.AssumeRole(dev, AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Chained", RoleSessionName: "ch"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ch.Tags(); len(got) != 2 || got["Dept"] != "eng" || got["level"] != "2" {
		t.Errorf("chained tags %v, want Dept=eng (inherited, over the role's dept=ops) and level=2", got)
	}
	if got := ch.TransitiveTagKeys(); len(got) != 1 || got[0] != "Dept" {
		t.Errorf("transitive keys %v: the role's tags do not become transitive", got)
	}
}

// Malformed role ARNs answered "<value> is invalid" by AWS (sts-wire.md
// §4.2, recorded from AWS in LocalStack's snapshot tests).
func TestMalformedRoleARNs(t *testing.T) {
	s, _ := newService(t)
	for _, a := range []string{"arn::b:::something/test-role", "arn:a:a::aaaaaaaaaa:"} {
		_, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: a, RoleSessionName: "ok"})
		wantCode(t, err, CodeValidation, a+" is invalid")
	}
}
