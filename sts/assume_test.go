package sts

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func wantCode(t *testing.T, err error, code, msg string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want %s", err, code)
	}
	if e.Code != code || (msg != "" && e.Message != msg) {
		t.Fatalf("error %s: %q\nwant  %s: %q", e.Code, e.Message, code, msg)
	}
}

func TestAssumeRoleResult(t *testing.T) {
	s, _ := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "alice-dev"})
	if err != nil {
		t.Fatal(err)
	}
	u := sess.AssumedRoleUser()
	r, _ := s.Accounts().Role(devRole)
	if u.Arn != "arn:aws:sts::111111111111:assumed-role/Dev/alice-dev" {
		t.Errorf("Arn = %s: the session ARN has no role path", u.Arn)
	}
	if u.AssumedRoleID != r.RoleID()+":alice-dev" || !strings.HasPrefix(u.AssumedRoleID, "AROA") {
		t.Errorf("AssumedRoleId = %s", u.AssumedRoleID)
	}
	c := sess.Credentials()
	if acct, ok := AccessKeyAccount(c.AccessKeyID); !ok || acct != acct1 || !strings.HasPrefix(c.AccessKeyID, "ASIA") {
		t.Errorf("AccessKeyId %s does not encode %s", c.AccessKeyID, acct1)
	}
	if got := c.Expiration.Sub(sess.IssuedAt()); got != time.Hour {
		t.Errorf("default duration %v, want 1h", got)
	}
	if sess.PrincipalARN() != devRole || sess.Chained() {
		t.Errorf("principal %s chained %v", sess.PrincipalARN(), sess.Chained())
	}
	ec := sess.Caller()
	if ec.ARN != devRole || ec.SessionName != "alice-dev" || ec.UserID != u.AssumedRoleID || !ec.Temporary || ec.TokenIssueTime.IsZero() {
		t.Errorf("Caller %+v", ec)
	}
	id, _ := s.GetCallerIdentity(sess)
	if id.Arn != u.Arn || id.UserID != u.AssumedRoleID || id.Account != acct1 {
		t.Errorf("GetCallerIdentity %+v", id)
	}
}

// Every parameter limit and its text (AWS STS API Reference, AssumeRole;
// texts from AWS responses, sts-wire.md §4.2, §5.3).
func TestAssumeRoleValidation(t *testing.T) {
	s, _ := newService(t)
	long := strings.Repeat("s", 65)
	cases := []struct {
		name string
		in   AssumeRoleInput
		code string
		msg  string
	}{
		{"session name with a colon", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "Session1:2"}, CodeValidation,
			`1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`},
		{"session name of 65", AssumeRoleInput{RoleArn: devRole, RoleSessionName: long}, CodeValidation,
			"1 validation error detected: Value '" + long + "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"session name of 1", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "a"}, CodeValidation,
			"1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{"duration 600", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", DurationSeconds: intp(600)}, CodeValidation,
			"1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"duration 0", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", DurationSeconds: intp(0)}, CodeValidation,
			"1 validation error detected: Value '0' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"duration over 12h", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", DurationSeconds: intp(43201)}, CodeValidation,
			"1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"},
		{"duration over the role's max", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", DurationSeconds: intp(7201)}, CodeValidation, msgMaxDuration},
		{"two errors", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "a", DurationSeconds: intp(1)}, CodeValidation,
			"2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '1' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"malformed role ARN", AssumeRoleInput{RoleArn: "nothing-valid-in-here", RoleSessionName: "ok"}, CodeValidation, "nothing-valid-in-here is invalid"},
		{"external id of 1", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", ExternalID: "x"}, CodeValidation,
			"1 validation error detected: Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{"token code of 7", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "1234567"}, CodeValidation,
			"1 validation error detected: Value '1234567' at 'tokenCode' failed to satisfy constraint: Member must have length less than or equal to 6"},
		{"source identity with a space", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", SourceIdentity: "a b"}, CodeValidation,
			`1 validation error detected: Value 'a b' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`},
		{"policy over 2048", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", Policy: strings.Repeat(" ", 2049)}, CodeValidation, ""},
		{"11 policy ARNs", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", PolicyArns: make11()}, CodeValidation, ""},
		{"51 tags", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", Tags: make51()}, CodeValidation, ""},
		{"tag key of 129", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", Tags: []Tag{{Key: strings.Repeat("k", 129)}}}, CodeValidation, ""},
		{"duplicate tag keys", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", Tags: []Tag{{"Dept", "a"}, {"dept", "b"}}}, CodeInvalidParameterValue, msgDuplicateTags},
		{"transitive key not a tag", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", Tags: []Tag{{"a", "b"}}, TransitiveTagKeys: []string{"c"}}, CodeInvalidParameterValue, msgTransitiveNotTag},
		{"serial without code", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", SerialNumber: "arn:aws:iam::111111111111:mfa/alice"}, CodeAccessDenied, msgMFABoth},
		{"wrong MFA code", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "000000"}, CodeAccessDenied, msgMFAInvalidCode},
		{"malformed session policy", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", Policy: `{"Version":`}, CodeMalformedPolicyDocument, "The policy is not in the valid JSON format."},
		{"session policy with a principal", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok",
			Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`}, CodeMalformedPolicyDocument, ""},
		{"unknown managed session policy", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", PolicyArns: []string{"arn:aws:iam::111111111111:policy/Nope"}}, CodeInvalidParameterValue, ""},
		{"missing role", AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Nope", RoleSessionName: "ok"}, CodeAccessDenied,
			"User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/Nope"},
		{"source identity aws:", AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok", SourceIdentity: "aws:x"}, CodeValidation, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.AssumeRole(longTerm(t, s, alice), c.in)
			wantCode(t, err, c.code, c.msg)
		})
	}
}

func make11() []string {
	out := make([]string, 11)
	for i := range out {
		out[i] = "arn:aws:iam::111111111111:policy/S3Read"
	}
	return out
}

func make51() []Tag {
	out := make([]Tag, 51)
	for i := range out {
		out[i] = Tag{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	return out
}

// Who may assume (IAM User Guide, "Policy evaluation logic", "Cross-account
// policy evaluation logic", "Pass session tags in AWS STS", "Monitor and
// control actions taken with assumed roles").
func TestWhoMayAssume(t *testing.T) {
	s, _ := newService(t)
	devOf := func(t *testing.T) *Session {
		sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dev"})
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	selfOf := func(t *testing.T, r string) *Session {
		sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: r, RoleSessionName: "first"})
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	cases := []struct {
		name   string
		caller func(*testing.T) *Session
		in     AssumeRoleInput
		denied string // the action named in the AccessDenied, "" when allowed
	}{
		{"same-account trust naming the user needs no identity policy", func(t *testing.T) *Session { return longTerm(t, s, carol) },
			AssumeRoleInput{RoleArn: devRole, RoleSessionName: "cc"}, ""},
		{"trust in the account root needs the identity policy (carol has none)", func(t *testing.T) *Session { return longTerm(t, s, carol) },
			AssumeRoleInput{RoleArn: rootRole, RoleSessionName: "cc"}, "sts:AssumeRole"},
		{"trust in the account root with the identity policy", func(t *testing.T) *Session { return longTerm(t, s, alice) },
			AssumeRoleInput{RoleArn: rootRole, RoleSessionName: "aa"}, ""},
		{"cross-account with trust and identity policy", func(t *testing.T) *Session { return longTerm(t, s, alice) },
			AssumeRoleInput{RoleArn: xRole, RoleSessionName: "aa"}, ""},
		{"cross-account trust without identity policy", func(t *testing.T) *Session { return longTerm(t, s, carol) },
			AssumeRoleInput{RoleArn: xRole, RoleSessionName: "cc"}, "sts:AssumeRole"},
		{"identity policy without trust (bob's account is not trusted)", func(t *testing.T) *Session { return longTerm(t, s, bob) },
			AssumeRoleInput{RoleArn: devRole, RoleSessionName: "bb"}, "sts:AssumeRole"},
		{"tags need sts:TagSession in the trust policy, not only the identity policy", func(t *testing.T) *Session { return longTerm(t, s, alice) },
			AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/NoTagTrust", RoleSessionName: "aa", Tags: []Tag{{"k", "v"}}}, "sts:TagSession"},
		{"tags with sts:TagSession in the trust policy", func(t *testing.T) *Session { return longTerm(t, s, carol) },
			AssumeRoleInput{RoleArn: devRole, RoleSessionName: "cc", Tags: []Tag{{"k", "v"}}}, ""},
		{"source identity needs sts:SetSourceIdentity in the trust policy", func(t *testing.T) *Session { return longTerm(t, s, alice) },
			AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/NoTagTrust", RoleSessionName: "aa", SourceIdentity: "alice"}, "sts:SetSourceIdentity"},
		{"source identity trusted", func(t *testing.T) *Session { return longTerm(t, s, carol) },
			AssumeRoleInput{RoleArn: devRole, RoleSessionName: "cc", SourceIdentity: "carol"}, ""},
		{"role chaining: the trust names the calling role", devOf, AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Chained", RoleSessionName: "ch"}, ""},
		{"a role assumes itself with explicit self-trust", func(t *testing.T) *Session { return selfOf(t, selfRole) },
			AssumeRoleInput{RoleArn: selfRole, RoleSessionName: "again"}, ""},
		{"a role assumes itself: trust in its account is not enough", func(t *testing.T) *Session { return selfOf(t, acctSelf) },
			AssumeRoleInput{RoleArn: acctSelf, RoleSessionName: "again"}, "sts:AssumeRole"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			caller := c.caller(t)
			_, err := s.AssumeRole(caller, c.in)
			if c.denied == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantCode(t, err, CodeAccessDenied, "User: "+caller.ARN()+" is not authorized to perform: "+c.denied+" on resource: "+c.in.RoleArn)
		})
	}
}

func TestRootMayNotAssume(t *testing.T) {
	s, _ := newService(t)
	_, err := s.AssumeRole(longTerm(t, s, root1), AssumeRoleInput{RoleArn: rootRole, RoleSessionName: "rr"})
	wantCode(t, err, CodeAccessDenied, msgRootAssume)
}

func TestRoleChaining(t *testing.T) {
	s, _ := newService(t)
	dev, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dev",
		DurationSeconds: intp(7200), SourceIdentity: "alice", Tags: []Tag{{"Project", "Apollo"}, {"Dept", "eng"}},
		TransitiveTagKeys: []string{"dept"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := dev.Tags(); got["Project"] != "Apollo" || got["cost"] != "1" || got["Dept"] != "eng" {
		t.Errorf("session tags override role tags: %v", got)
	}
	chained := AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Chained", RoleSessionName: "ch"}
	over := chained
	over.DurationSeconds = intp(3601)
	_, err = s.AssumeRole(dev, over)
	wantCode(t, err, CodeValidation, msgChainDuration)
	clash := chained
	clash.Tags = []Tag{{"DEPT", "x"}}
	_, err = s.AssumeRole(dev, clash)
	wantCode(t, err, CodeInvalidParameterValue, msgTransitiveClash)
	other := chained
	other.SourceIdentity = "mallory"
	_, err = s.AssumeRole(dev, other)
	wantCode(t, err, CodeAccessDenied, "")
	ch, err := s.AssumeRole(dev, chained)
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Chained() || ch.SourceIdentity() != "alice" || ch.Tags()["Dept"] != "eng" || ch.Tags()["Project"] != "" {
		t.Errorf("chained session: chained %v source %q tags %v", ch.Chained(), ch.SourceIdentity(), ch.Tags())
	}
	if got := ch.TransitiveTagKeys(); len(got) != 1 || got[0] != "Dept" {
		t.Errorf("transitive keys carried: %v", got)
	}
	if d := ch.Expiration().Sub(ch.IssuedAt()); d != time.Hour {
		t.Errorf("chained default %v", d)
	}
}

func TestMFA(t *testing.T) {
	s, clk := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "mm",
		SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "123456"})
	if err != nil {
		t.Fatal(err)
	}
	if !sess.MFAAuthTime().Equal(clk.now()) {
		t.Errorf("MFA time %v", sess.MFAAuthTime())
	}
	s2, err := New(testSet(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s2.AssumeRole(longTerm(t, s2, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "mm",
		SerialNumber: "arn:aws:iam::111111111111:mfa/alice", TokenCode: "123456"})
	wantCode(t, err, CodeAccessDenied, msgMFAInvalidCode) // no verifier: every code fails
}

func TestSessionPoliciesAndPackedSize(t *testing.T) {
	s, _ := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "pp",
		Policy:     `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
		PolicyArns: []string{"arn:aws:iam::111111111111:policy/S3Read"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Policies()) != 2 || sess.PackedPolicySize() <= 0 || sess.PackedPolicySize() > 100 {
		t.Errorf("policies %d packed %d", len(sess.Policies()), sess.PackedPolicySize())
	}
	_, _, err = s.sessionPolicies(acct1, strings.Repeat("x", 10), nil, nil)
	wantCode(t, err, CodeMalformedPolicyDocument, "")
	// Ten long ARNs pack beyond the quota: PackedPolicyTooLarge.
	big := make([]string, 10)
	for i := range big {
		big[i] = "arn:aws:iam::111111111111:policy/S3Read" + strings.Repeat("/", 200)
	}
	_, err = s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "pp", PolicyArns: big})
	if err == nil {
		t.Error("ten 240-character policy ARNs were accepted")
	}
}

// In role chaining a source identity needs sts:SetSourceIdentity in the
// calling role's permissions too, not only in the next role's trust
// policy ("Monitor and control actions taken with assumed roles").
func TestChainedSourceIdentityNeedsTheCallersPermission(t *testing.T) {
	s, _ := newService(t)
	target := AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/HopTarget", RoleSessionName: "next"}
	plain, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Hop", RoleSessionName: "hop"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssumeRole(plain, target); err != nil {
		t.Fatalf("without a source identity the chain is open: %v", err)
	}
	marked, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Hop", RoleSessionName: "hop", SourceIdentity: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AssumeRole(marked, target)
	wantCode(t, err, CodeAccessDenied, "User: "+marked.ARN()+" is not authorized to perform: sts:SetSourceIdentity on resource: "+target.RoleArn)
}
