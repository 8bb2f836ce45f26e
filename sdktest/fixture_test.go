package sdktest

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
	"github.com/iamsim/iamsim/sts"
)

// The photos account of the founding story, and a second account.
const (
	acct     = "111111111111"
	alice    = "arn:aws:iam::111111111111:user/alice"
	aliceKey = "AKIAALICEEXAMPLE0001"
	aliceSec = "alice/secret+key/0123456789abcdefghijkl"
	devRole  = "arn:aws:iam::111111111111:role/team/Dev"
	chained  = "arn:aws:iam::111111111111:role/Chained"
	webRole  = "arn:aws:iam::111111111111:role/Web"
	photoR   = "arn:aws:iam::111111111111:role/app/PhotoReader"
	instance = "i-0abc123def4567890"
	ghIssuer = "https://token.actions.githubusercontent.com"
	samlIdP  = "arn:aws:iam::111111111111:saml-provider/Okta"
	samlRole = "arn:aws:iam::111111111111:role/SAMLUser"
)

func mustPolicy(t testing.TB, name, src string) *policy.Policy {
	t.Helper()
	p, err := policy.ParseString(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRole(t testing.TB, spec role.Spec) *role.Role {
	t.Helper()
	r, err := role.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func accounts(t testing.TB) *account.Set {
	var b account.Builder
	b.AddAccount(account.Account{ID: acct, Name: "photos"})
	b.AddPolicy(account.ManagedPolicy{ARN: "arn:aws:iam::111111111111:policy/PhotosReadOnly",
		Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: mustPolicy(t, "PhotosReadOnly",
			`{"Version":"2012-10-17","Statement":[{"Sid":"ReadPhotos","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
			  "Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"]}]}`)}}})
	b.AddUser(account.User{Account: acct, Name: "alice", AccessKeys: []account.AccessKey{{ID: aliceKey, Secret: aliceSec}},
		Inline: []role.Inline{{Name: "s3", Policy: mustPolicy(t, "s3", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}}})
	b.AddRole(mustRole(t, role.Spec{Account: acct, Name: "Dev", Path: "/team/", MaxSessionDuration: 7200,
		Trust: mustPolicy(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},
			"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Condition":{"StringEquals":{"sts:ExternalId":"ext-123"}}}]}`),
		Inline: []role.Inline{{Name: "dev", Policy: mustPolicy(t, "dev", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["s3:GetObject","sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Resource":"*"}]}`)}}}), account.Origin{})
	b.AddRole(mustRole(t, role.Spec{Account: acct, Name: "Chained", MaxSessionDuration: 43200,
		Trust: mustPolicy(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/team/Dev"},
			"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}`),
		Inline: []role.Inline{{Name: "r", Policy: mustPolicy(t, "r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)}}}), account.Origin{})
	b.AddRole(mustRole(t, role.Spec{Account: acct, Name: "PhotoReader", Path: "/app/",
		Trust:            mustPolicy(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		Managed:          []string{"arn:aws:iam::111111111111:policy/PhotosReadOnly"},
		InstanceProfiles: []role.InstanceProfile{{Name: "PhotoReaderProfile"}}}), account.Origin{})
	b.AddIdentityProvider(account.IdentityProvider{ARN: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
		Type: "OIDC", URL: ghIssuer, ClientIDs: []string{"sts.amazonaws.com"}})
	b.AddRole(mustRole(t, role.Spec{Account: acct, Name: "Web",
		Trust: mustPolicy(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
			"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:iamsim/*"}}}]}`)}), account.Origin{})
	b.AddIdentityProvider(account.IdentityProvider{ARN: samlIdP, Type: "SAML"})
	b.AddRole(mustRole(t, role.Spec{Account: acct, Name: "SAMLUser",
		Trust: mustPolicy(t, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/Okta"},
			"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`)}), account.Origin{})
	set, err := b.Build(account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// clock is real time plus an offset a test moves.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// webToken is the tests' stand-in for an OIDC token: "sub|aud|exp-unix".
// Verifying real JWT signatures is the job of Config.WebIdentity.
func webToken(tok string) (*sts.WebIdentityClaims, error) {
	parts := strings.Split(tok, "|")
	if len(parts) != 3 {
		return nil, errors.New("not a test token")
	}
	exp, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return nil, err
	}
	return &sts.WebIdentityClaims{Issuer: ghIssuer, Subject: parts[0], Audience: []string{parts[1]}, Expiry: time.Unix(exp, 0)}, nil
}

// samlAssertion is the tests' stand-in for a SAML assertion: base64 of
// "subject|session-name|audience". Verifying signed XML is Config.SAML's job.
func samlAssertion(clk *clock) func(string) (*sts.SAMLAssertion, error) {
	return func(a string) (*sts.SAMLAssertion, error) {
		raw, err := base64.StdEncoding.DecodeString(a)
		parts := strings.Split(string(raw), "|")
		if err != nil || len(parts) != 3 {
			return nil, errors.New("not a test assertion")
		}
		return &sts.SAMLAssertion{Issuer: "http://www.okta.com/x", Subject: parts[0], SubjectType: "persistent",
			RoleSessionName: parts[1], Audience: parts[2], NotOnOrAfter: clk.now().Add(5 * time.Minute), SessionNotOnOrAfter: clk.now().Add(20 * time.Minute)}, nil
	}
}

type fixture struct {
	svc   *sts.Service
	clock *clock
	srv   *httptest.Server // STS and IMDS
	s3    *httptest.Server // a bucket server behind the SigV4 middleware
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clk := &clock{}
	svc, err := sts.New(accounts(t), &sts.Config{Now: clk.now, WebIdentity: webToken, SAML: samlAssertion(clk),
		MFA: func(_, serial, code string, _ time.Time) error {
			if serial == "arn:aws:iam::111111111111:mfa/alice" && code == "123456" {
				return nil
			}
			return fmt.Errorf("bad code")
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LaunchInstance(instance, "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	f := &fixture{svc: svc, clock: clk, srv: httptest.NewServer(svc.Handler())}
	bucket := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			w.WriteHeader(http.StatusOK)
			return
		}
		if bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); key == "" {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte(`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>` + bucket + `</Name><KeyCount>0</KeyCount></ListBucketResult>`))
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte("a cat"))
	})
	f.s3 = httptest.NewServer(svc.Middleware(sts.MiddlewareConfig{Service: "s3", Map: sts.S3Request}, bucket))
	t.Cleanup(func() { f.srv.Close(); f.s3.Close() })
	isolate(t)
	return f
}

// isolate keeps the developer's AWS configuration out of the tests
// (sts-wire.md §6).
func isolate(t *testing.T) {
	for k, v := range map[string]string{"AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
		"AWS_PROFILE": "", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
		"AWS_SESSION_TOKEN": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_EC2_METADATA_DISABLED": "",
		"AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_STS": "", "AWS_ENDPOINT_URL_S3": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "",
		"AWS_ROLE_ARN": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": ""} {
		t.Setenv(k, v)
	}
}
