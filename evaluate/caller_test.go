package evaluate

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/iamsim/policy"
)

const (
	appsRole   = "arn:aws:iam::111111111111:role/apps/Reader"
	appsSess   = "arn:aws:sts::111111111111:assumed-role/Reader/s1"
	photosItem = "arn:aws:s3:::photos/cat.jpg"
)

func mustPolicy(t *testing.T, src string) *policy.Policy {
	t.Helper()
	p, err := policy.ParseString("p.json", src)
	if err != nil {
		t.Fatalf("parse %s: %v", src, err)
	}
	return p
}

func callerRequest(c *Caller, ctx map[string][]string) Request {
	return Request{Action: "s3:GetObject", Resource: photosItem, ResourceAccount: "111111111111", Context: ctx, Caller: c}
}

// TestCallerKeys checks the context keys a Caller sets, against the IAM
// User Guide, "AWS global condition context keys" (principal and role
// session properties). want maps a folded key to its value, "" for absent.
func TestCallerKeys(t *testing.T) {
	issued := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		reason string
		caller Caller
		ctx    ctx
		want   map[string]string
	}{
		{"aws:PrincipalArn of a role session is the role's ARN, with its path",
			Caller{ARN: appsRole, SessionName: "s1"}, nil,
			map[string]string{"aws:principalarn": appsRole, "aws:principaltype": "AssumedRole", "aws:principalaccount": "111111111111", "aws:username": ""}},
		{"aws:username is an IAM user's name; aws:userid its unique id",
			Caller{ARN: "arn:aws:iam::111111111111:user/eng/alice", UserID: "AIDAEXAMPLE"}, nil,
			map[string]string{"aws:username": "alice", "aws:userid": "AIDAEXAMPLE", "aws:principaltype": "User"}},
		{"aws:userid of root is the account id",
			Caller{ARN: "arn:aws:iam::111111111111:root"}, nil,
			map[string]string{"aws:userid": "111111111111", "aws:principaltype": "Account"}},
		{"aws:userid of a federated user is account:name",
			Caller{ARN: "arn:aws:sts::111111111111:federated-user/bob"}, nil,
			map[string]string{"aws:userid": "111111111111:bob", "aws:principaltype": "FederatedUser", "aws:multifactorauthpresent": "false"}},
		{"aws:PrincipalTag/<key>: tag keys are case-insensitive, values are not",
			Caller{ARN: appsRole, SessionName: "s1", Tags: map[string]string{"Team": "Photos"}}, nil,
			map[string]string{"aws:principaltag/team": "Photos"}},
		{"aws:MultiFactorAuthPresent is absent with long-term credentials",
			Caller{ARN: "arn:aws:iam::111111111111:user/alice"}, nil,
			map[string]string{"aws:multifactorauthpresent": "", "aws:multifactorauthage": "", "aws:tokenissuetime": ""}},
		{"aws:MultiFactorAuthPresent is false for temporary credentials without MFA",
			Caller{ARN: appsRole, SessionName: "s1"}, nil,
			map[string]string{"aws:multifactorauthpresent": "false", "aws:multifactorauthage": ""}},
		{"aws:MultiFactorAuthAge is the seconds from MFA to aws:CurrentTime",
			Caller{ARN: "arn:aws:iam::111111111111:user/alice", Temporary: true, MFAAuthTime: issued, TokenIssueTime: issued},
			ctx{"aws:CurrentTime": {"2026-12-07T10:30:00Z"}},
			map[string]string{"aws:multifactorauthpresent": "true", "aws:multifactorauthage": "1800", "aws:tokenissuetime": "2026-12-07T10:00:00Z"}},
		{"without aws:CurrentTime the engine cannot know the MFA age: absent",
			Caller{ARN: appsRole, SessionName: "s1", MFAAuthTime: issued}, nil,
			map[string]string{"aws:multifactorauthpresent": "true", "aws:multifactorauthage": ""}},
		{"aws:SourceIdentity and aws:FederatedProvider come from the session",
			Caller{ARN: appsRole, SessionName: "s1", SourceIdentity: "alice", FederatedProvider: "accounts.google.com"}, nil,
			map[string]string{"aws:sourceidentity": "alice", "aws:federatedprovider": "accounts.google.com"}},
		{"aws:PrincipalOrgID is the organization of the principal's account",
			Caller{ARN: appsRole, SessionName: "s1", OrgID: "o-a1b2c3d4e5"}, nil,
			map[string]string{"aws:principalorgid": "o-a1b2c3d4e5", "aws:principalorgpaths": ""}},
		{"aws:PrincipalOrgID is absent for an account in no organization",
			Caller{ARN: appsRole, SessionName: "s1"}, nil,
			map[string]string{"aws:principalorgid": "", "aws:principalorgpaths": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			p, err := callerRequest(&tt.caller, tt.ctx).Prepare()
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.want {
				got, ok := p.Lookup(k)
				if want == "" && ok {
					t.Errorf("%s = %q, want absent", k, got)
				}
				if want != "" && got != want {
					t.Errorf("%s = %q (present %t), want %q", k, got, ok, want)
				}
			}
		})
	}
}

// TestCallerPrincipal checks the Principal a Caller stands for.
func TestCallerPrincipal(t *testing.T) {
	tests := []struct {
		reason    string
		caller    Caller
		principal string // given
		want      string // derived; "" for a RequestError
	}{
		{"a role with a session name is the assumed-role ARN, without the path", Caller{ARN: appsRole, SessionName: "s1"}, "", appsSess},
		{"a role without a session name stands for any session of it", Caller{ARN: appsRole}, "", appsRole},
		{"a user is its ARN", Caller{ARN: "arn:aws:iam::111111111111:user/alice"}, "", "arn:aws:iam::111111111111:user/alice"},
		{"a Principal that agrees is accepted", Caller{ARN: appsRole, SessionName: "s1"}, appsSess, appsSess},
		{"a Principal of another session disagrees", Caller{ARN: appsRole, SessionName: "s1"}, "arn:aws:sts::111111111111:assumed-role/Reader/s2", ""},
		{"a Principal of another account disagrees", Caller{ARN: "arn:aws:iam::111111111111:user/alice"}, "arn:aws:iam::222222222222:user/alice", ""},
		{"a session ARN is not a Caller ARN: give the role and the session name", Caller{ARN: appsSess}, "", ""},
		{"only a role has a session name", Caller{ARN: "arn:aws:iam::111111111111:user/alice", SessionName: "s1"}, "", ""},
		{"a session name must be a valid one", Caller{ARN: appsRole, SessionName: "a b"}, "", ""},
		{"MFA is recorded only in temporary credentials", Caller{ARN: "arn:aws:iam::111111111111:user/alice", MFAAuthTime: time.Unix(1, 0)}, "", ""},
		{"tag keys differing only in case are ambiguous", Caller{ARN: appsRole, Tags: map[string]string{"team": "a", "Team": "b"}}, "", ""},
		{"a service principal has no Caller", Caller{ARN: "ec2.amazonaws.com"}, "", ""},
		{"an organization id is o- and 10 to 32 letters or digits", Caller{ARN: appsRole, OrgID: "o-ABC"}, "", ""},
		{"organization paths need the organization", Caller{ARN: appsRole, OrgPaths: []string{"o-a1b2c3d4e5/r-ab12/"}}, "", ""},
		{"an organization path begins with its organization's id", Caller{ARN: appsRole, OrgID: "o-a1b2c3d4e5", OrgPaths: []string{"o-zzzzzzzzzz/r-ab12/"}}, "", ""},
		{"an organization path ends with a slash", Caller{ARN: appsRole, OrgID: "o-a1b2c3d4e5", OrgPaths: []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111"}}, "", ""},
		{"a caller in an organization", Caller{ARN: appsRole, OrgID: "o-a1b2c3d4e5", OrgPaths: []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"}}, "", appsRole},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			r := callerRequest(&tt.caller, nil)
			r.Principal = tt.principal
			p, err := r.Prepare()
			if tt.want == "" {
				var re *RequestError
				if !errors.As(err, &re) {
					t.Fatalf("Prepare: %v, want a *RequestError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Request().Principal; got != tt.want {
				t.Errorf("Principal = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCallerOverridesContext: the keys a Caller governs cannot come from
// the request's context, not even those it leaves absent.
func TestCallerOverridesContext(t *testing.T) {
	for _, key := range []string{"aws:PrincipalArn", "AWS:USERID", "aws:PrincipalTag/team", "aws:SourceIdentity", "aws:MultiFactorAuthPresent", "aws:PrincipalType", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths"} {
		_, err := callerRequest(&Caller{ARN: appsRole, SessionName: "s1"}, ctx{key: {"x"}}).Prepare()
		var re *RequestError
		if !errors.As(err, &re) || re.Field != "Context" || !strings.EqualFold(re.Value, key) {
			t.Errorf("context %s with a Caller: %v, want a RequestError naming the key", key, err)
		}
	}
	if _, err := callerRequest(&Caller{ARN: appsRole, SessionName: "s1"}, ctx{"aws:SourceVpc": {"vpc-1"}}).Prepare(); err != nil {
		t.Errorf("a key the Caller does not govern: %v", err)
	}
}

// TestCallerOrganization: aws:PrincipalOrgID and aws:PrincipalOrgPaths
// come from the Caller (IAM User Guide, "AWS global condition context
// keys"); without a Caller the request's context may give them.
func TestCallerOrganization(t *testing.T) {
	byOrg := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}`)
	byOU := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}}]}`)
	inOU := Caller{ARN: appsRole, SessionName: "s1", OrgID: "o-a1b2c3d4e5", OrgPaths: []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"}}
	elsewhere := Caller{ARN: appsRole, SessionName: "s1", OrgID: "o-a1b2c3d4e5", OrgPaths: []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-33333333/"}}
	outside := Caller{ARN: appsRole, SessionName: "s1"}
	tests := []struct {
		name   string
		pol    *policy.Policy
		caller *Caller
		ctx    ctx
		want   Decision
	}{
		{"the caller's organization", byOrg, &inOU, nil, Allow},
		{"a caller in no organization", byOrg, &outside, nil, ImplicitDeny},
		{"an OU above the caller's account", byOU, &inOU, nil, Allow},
		{"another OU", byOU, &elsewhere, nil, ImplicitDeny},
		{"no Caller: the context gives the key", byOrg, nil, ctx{"aws:PrincipalOrgID": {"o-a1b2c3d4e5"}}, Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Compile(Policies{Identity: []*policy.Policy{tt.pol}})
			if err != nil {
				t.Fatal(err)
			}
			r := callerRequest(tt.caller, tt.ctx)
			if tt.caller == nil {
				r.Principal = appsSess
			}
			p, err := r.Prepare()
			if err != nil {
				t.Fatal(err)
			}
			if got := set.Decide(p); got != tt.want {
				t.Errorf("Decide = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCallerDecisions: what the typed caller changes in decisions.
func TestCallerDecisions(t *testing.T) {
	arnLike := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/apps/*"}}}]}`
	allowAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	denyAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`
	mfaWithin := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}]}`
	denyOldTokens := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-12-08T00:00:00Z"}}}]}`
	mfaAt := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	trust := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"s3:GetObject","Resource":"*"}]}`
	}
	tests := []struct {
		reason   string
		ps       func(t *testing.T) Policies
		req      Request
		want     Decision
		wantType PolicyType
	}{
		{"ArnLike aws:PrincipalArn …:role/apps/* matches a session of role /apps/Reader (global keys: aws:PrincipalArn)",
			func(t *testing.T) Policies { return Policies{Identity: []*policy.Policy{mustPolicy(t, arnLike)}} },
			callerRequest(&Caller{ARN: appsRole, SessionName: "s1"}, nil), Allow, IdentityPolicy},
		{"without a Caller the session ARN carries no path, so the same policy does not match",
			func(t *testing.T) Policies { return Policies{Identity: []*policy.Policy{mustPolicy(t, arnLike)}} },
			Request{Principal: appsSess, Action: "s3:GetObject", Resource: photosItem, ResourceAccount: "111111111111"}, ImplicitDeny, IdentityPolicy},
		{"a resource policy naming the role with its path names the session",
			func(t *testing.T) Policies { return Policies{Resource: mustPolicy(t, trust(appsRole))} },
			callerRequest(&Caller{ARN: appsRole, SessionName: "s1"}, nil), Allow, ResourcePolicy},
		{"a resource policy naming a role of another path does not",
			func(t *testing.T) Policies {
				return Policies{Resource: mustPolicy(t, trust("arn:aws:iam::111111111111:role/other/Reader"))}
			},
			callerRequest(&Caller{ARN: appsRole, SessionName: "s1"}, nil), ImplicitDeny, IdentityPolicy},
		{"aws:MultiFactorAuthAge from the Caller and aws:CurrentTime: an Allow within the hour (global keys: aws:MultiFactorAuthAge)",
			func(t *testing.T) Policies {
				return Policies{Identity: []*policy.Policy{mustPolicy(t, mfaWithin)}}
			},
			callerRequest(&Caller{ARN: appsRole, SessionName: "s1", MFAAuthTime: mfaAt}, ctx{"aws:CurrentTime": {"2026-12-07T10:59:00Z"}}), Allow, IdentityPolicy},
		{"… and past the hour it denies",
			func(t *testing.T) Policies {
				return Policies{Identity: []*policy.Policy{mustPolicy(t, mfaWithin)}}
			},
			callerRequest(&Caller{ARN: appsRole, SessionName: "s1", MFAAuthTime: mfaAt}, ctx{"aws:CurrentTime": {"2026-12-07T11:01:00Z"}}), ImplicitDeny, IdentityPolicy},
		{"a Deny on old tokens reads aws:TokenIssueTime from the Caller (global keys: aws:TokenIssueTime)",
			func(t *testing.T) Policies {
				return Policies{Identity: []*policy.Policy{mustPolicy(t, allowAll), mustPolicy(t, denyOldTokens)}}
			},
			callerRequest(&Caller{ARN: appsRole, SessionName: "s1", TokenIssueTime: mfaAt}, nil), ExplicitDeny, IdentityPolicy},
		{"SCPs do not affect service-linked roles: the Caller's path says which (AWS Organizations User Guide)",
			func(t *testing.T) Policies {
				return Policies{Identity: []*policy.Policy{mustPolicy(t, allowAll)}, SCPs: [][]*policy.Policy{{mustPolicy(t, denyAll)}}}
			},
			callerRequest(&Caller{ARN: "arn:aws:iam::111111111111:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR", SessionName: "s1"}, nil), Allow, IdentityPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			res, err := Evaluate(tt.ps(t), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != tt.want || res.Stage.Type != tt.wantType {
				t.Errorf("got %v at %v, want %v at %v\n%s", res.Decision, res.Stage, tt.want, tt.wantType, res)
			}
		})
	}
}

// FuzzCaller: Prepare with any Caller either refuses it with a
// *RequestError or derives a Principal that Prepare accepts on its own and
// that agrees with the Caller, and the keys the Caller governs never come
// from the context.
func FuzzCaller(f *testing.F) {
	f.Add(appsRole, "s1", "AROAX:s1", "team", "photos", "aws:PrincipalArn", "x", int64(0))
	f.Add("arn:aws:iam::111111111111:user/alice", "", "", "Team", "a", "aws:SourceVpc", "vpc-1", int64(1700000000))
	f.Add("arn:aws:sts::111111111111:federated-user/bob", "", "", "", "", "aws:CurrentTime", "2026-12-07T10:00:00Z", int64(1796637600))
	f.Add("arn:aws:iam::111111111111:root", "x", "", "", "", "", "", int64(-1))
	f.Add(appsRole, "ab12/ou-ab12-11111111", "o-a1b2c3d4e5", "", "", "aws:PrincipalOrgPaths", "x", int64(0))
	f.Fuzz(func(t *testing.T, callerARN, session, userID, tagKey, tagVal, ctxKey, ctxVal string, mfa int64) {
		c := &Caller{ARN: callerARN, SessionName: session, UserID: userID, Temporary: mfa%2 == 0}
		if strings.HasPrefix(userID, "o-") { // an organization, its id in userID, a path of it in session
			c.UserID, c.SessionName, c.OrgID, c.OrgPaths = "", "", userID, []string{userID + "/r-" + session + "/"}
		}
		if tagKey != "" {
			c.Tags = map[string]string{tagKey: tagVal}
		}
		if mfa > 0 {
			c.MFAAuthTime = time.Unix(mfa, 0)
		}
		var cx ctx
		if ctxKey != "" {
			cx = ctx{ctxKey: {ctxVal}}
		}
		p, err := callerRequest(c, cx).Prepare()
		if err != nil {
			var re *RequestError
			if !errors.As(err, &re) {
				t.Fatalf("Prepare: %T %v, want a *RequestError", err, err)
			}
			return
		}
		if isCallerKey(strings.ToLower(ctxKey)) {
			t.Fatalf("the context gave %s, which the Caller governs", ctxKey)
		}
		if got, _ := p.Lookup("aws:principalarn"); got != callerARN {
			t.Fatalf("aws:PrincipalArn = %q, want the Caller's %q", got, callerARN)
		}
		if got, _ := p.Lookup("aws:principalorgid"); got != c.OrgID {
			t.Fatalf("aws:PrincipalOrgID = %q, want the Caller's %q", got, c.OrgID)
		}
		again := callerRequest(c, cx)
		again.Principal = p.Request().Principal
		if _, err := again.Prepare(); err != nil {
			t.Fatalf("the derived Principal %q disagrees with its Caller: %v", again.Principal, err)
		}
	})
}

// TestCallerMemo: a Prepared reused for one Caller after another
// (PrepareTo, which remembers the last Caller's ARN and SessionName)
// prepares each as a fresh Prepared does: the same error, or the same
// Principal, context keys and values, in every order, a Caller repeated
// with what its memo does not cover changed (MFA, organization, a given
// Principal, tags, user id).
func TestCallerMemo(t *testing.T) {
	alice := "arn:aws:iam::111111111111:user/alice"
	issued := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	reqs := []Request{
		callerRequest(&Caller{ARN: appsRole, SessionName: "s1", UserID: "AROAX:s1"}, nil),
		callerRequest(&Caller{ARN: appsRole, SessionName: "s1", UserID: "AROAX:s1", OrgID: "o-ABC"}, nil),
		callerRequest(&Caller{ARN: appsRole, SessionName: "s2"}, nil),
		callerRequest(&Caller{ARN: appsRole}, nil),
		callerRequest(&Caller{ARN: appsRole, SessionName: "a b"}, nil),
		callerRequest(&Caller{ARN: alice, UserID: "AIDAX"}, nil),
		callerRequest(&Caller{ARN: alice, MFAAuthTime: issued}, nil),
		callerRequest(&Caller{ARN: alice, Temporary: true, MFAAuthTime: issued}, ctx{"aws:CurrentTime": {"2026-12-07T10:30:00Z"}}),
		callerRequest(&Caller{ARN: alice, SessionName: "s1"}, nil),
		callerRequest(&Caller{ARN: "arn:aws:iam::111111111111:root"}, nil),
		callerRequest(&Caller{ARN: "arn:aws:sts::111111111111:federated-user/bob"}, nil),
		callerRequest(&Caller{ARN: appsSess}, nil),
		callerRequest(&Caller{ARN: appsRole, SessionName: "s1", Tags: map[string]string{"Team": "Photos"}}, ctx{"aws:SourceVpc": {"vpc-1"}}),
		callerRequest(&Caller{ARN: appsRole, SessionName: "s1", OrgID: "o-a1b2c3d4e5", OrgPaths: []string{"o-a1b2c3d4e5/r-ab12/"}}, nil),
		{Principal: appsSess, Action: "s3:GetObject", Resource: photosItem, ResourceAccount: "111111111111"},
	}
	given := callerRequest(&Caller{ARN: appsRole, SessionName: "s1"}, nil)
	given.Principal = "arn:aws:sts::111111111111:assumed-role/Reader/s2"
	reqs = append(reqs, given)
	given.Principal = appsSess
	reqs = append(reqs, given)

	var order []int
	for i := range reqs {
		order = append(order, i, i)
	}
	for i := range reqs {
		order = append(order, len(reqs)-1-i)
	}
	set := compileSet(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/apps/*"}}}]}`)
	var p Prepared
	for _, i := range order {
		r := reqs[i]
		want, wantErr := r.Prepare()
		err := set.PrepareTo(&p, r)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("request %d: PrepareTo %v, Prepare %v", i, err, wantErr)
		}
		if err != nil {
			continue
		}
		if got, w := p.Request().Principal, want.Request().Principal; got != w {
			t.Errorf("request %d: Principal %q, want %q", i, got, w)
		}
		keys, wantKeys := p.ContextKeys(), want.ContextKeys()
		if !slices.Equal(keys, wantKeys) {
			t.Errorf("request %d: keys %v, want %v", i, keys, wantKeys)
		}
		for _, k := range wantKeys {
			if got, ok := p.Lookup(k); got != mustLookup(want, k) || !ok && len(want.context(k)) == 1 {
				t.Errorf("request %d: %s = %q, want %q", i, k, got, mustLookup(want, k))
			}
		}
		if d, w := set.Decide(&p), set.Decide(want); d != w {
			t.Errorf("request %d: %v, want %v", i, d, w)
		}
	}
}

// mustLookup is Lookup's value, "" when absent or multivalued.
func mustLookup(p *Prepared, key string) string {
	v, _ := p.Lookup(key)
	return v
}
