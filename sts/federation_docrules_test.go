package sts

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/iamsim/evaluate"
)

// The tests here pin documented rules of web identity and SAML federation
// and of the instance metadata service, citing the page each follows.

// AssumeRoleWithSAML's result carries NameQualifier, "BASE64 ( SHA1 (
// "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) )" (AWS STS
// API Reference, AssumeRoleWithSAML, Response Elements).
func TestSAMLResultNameQualifier(t *testing.T) {
	clk := newClock()
	as := &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
		SubjectType: "persistent", RoleSessionName: "alice", NotOnOrAfter: clk.now().Add(5 * time.Minute)}
	s, err := New(testSet(t), &Config{Now: clk.now, SAML: func(string) (*SAMLAssertion, error) { return as, nil }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	status, body, _ := call(t, s, clk, srv, "", "", "", url.Values{"Action": {"AssumeRoleWithSAML"}, "Version": {"2011-06-15"},
		"RoleArn": {samlRole}, "PrincipalArn": {samlIdP}, "SAMLAssertion": {"PHNhbWw+"}})
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	var out struct {
		NameQualifier string `xml:"AssumeRoleWithSAMLResult>NameQualifier"`
		Issuer        string `xml:"AssumeRoleWithSAMLResult>Issuer"`
	}
	if err := xml.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	sum := sha1.Sum([]byte("http://www.okta.com/x" + "111111111111" + "/Okta"))
	if want := base64.StdEncoding.EncodeToString(sum[:]); out.NameQualifier != want || out.Issuer != as.Issuer {
		t.Errorf("NameQualifier %q, want %q\n%s", out.NameQualifier, want, body)
	}
}

// The instance metadata service's documented answers (Amazon EC2 User
// Guide, "How Instance Metadata Service Version 2 works" and "Retrieve
// instance metadata" > "Responses and error messages"): a token lasts
// "a minimum of one second and a maximum of six hours"; "400 - Missing or
// Invalid Parameters – The PUT request is not valid"; "401 - Unauthorized –
// The GET request uses an invalid token"; "PUT requests are rejected if
// they contain an X-Forwarded-For header"; a PUT to a version-specific
// token path is 403; a resource that is not available is 404.
func TestIMDSDocumentedStatuses(t *testing.T) {
	s, clk := newService(t)
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.IMDSHandler("i-0abc123"))
	defer srv.Close()
	put := func(path, ttl string, hdr map[string]string) (int, string, http.Header) {
		r, _ := http.NewRequest("PUT", srv.URL+path, nil)
		if ttl != "" {
			r.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", ttl)
		}
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b := new(strings.Builder)
		_, _ = io.Copy(b, resp.Body)
		return resp.StatusCode, b.String(), resp.Header
	}
	for _, ttl := range []string{"1", "21600"} {
		st, tok, h := put("/latest/api/token", ttl, nil)
		if st != 200 || tok == "" || h.Get("X-Aws-Ec2-Metadata-Token-Ttl-Seconds") != ttl {
			t.Errorf("TTL %s: %d %q %v", ttl, st, tok, h)
		}
	}
	for _, bad := range []string{"-1", "1.5", "21601"} {
		if st, _, _ := put("/latest/api/token", bad, nil); st != 400 {
			t.Errorf("TTL %q: %d, want 400", bad, st)
		}
	}
	if st, _, _ := put("/latest/api/token", "300", map[string]string{"X-Forwarded-For": "203.0.113.7"}); st != 403 {
		t.Errorf("PUT with X-Forwarded-For: %d, want 403", st)
	}
	if st, _, _ := put("/2021-03-23/api/token", "300", nil); st != 403 {
		t.Errorf("PUT to a version-specific path: %d, want 403", st)
	}
	if st, _ := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/", "not-a-token"); st != 401 {
		t.Errorf("invalid token: %d, want 401", st)
	}
	_, short, _ := put("/latest/api/token", "1", nil)
	_, tok, _ := put("/latest/api/token", "300", nil)
	if st, _ := imdsGet(t, srv, "/latest/meta-data/no-such-item", tok); st != 404 {
		t.Errorf("unknown item: %d, want 404", st)
	}
	if st, _ := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/", short); st != 200 {
		t.Errorf("a one-second token within its second: %d", st)
	}
	clk.advance(time.Second)
	if st, _ := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/", short); st != 401 {
		t.Errorf("a one-second token a second later: %d, want 401", st)
	}
}

// The SAML SessionDuration attribute "extends sessions only to the AWS
// Management Console. It cannot extend the lifetime of other credentials.
// However, if it is present in an AssumeRoleWithSAML API call, it can be
// used to shorten the duration of the session. The default lifetime of the
// credentials returned by the call is 60 minutes" (IAM User Guide,
// "Configuring SAML assertions for the authentication response" > "SAML
// SessionDuration Attribute"). An IdP's 12-hour console session does not
// make AssumeRoleWithSAML fail on a role whose maximum is one hour.
func TestSAMLSessionDurationOnlyShortens(t *testing.T) {
	s, clk := newService(t)
	for _, c := range []struct {
		attr int
		dur  *int
		want time.Duration
	}{
		{43200, nil, time.Hour},
		{1800, nil, 30 * time.Minute},
		{1800, intp(900), 15 * time.Minute},
		{0, intp(900), 15 * time.Minute},
	} {
		as := &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
			SubjectType: "persistent", RoleSessionName: "alice", NotOnOrAfter: clk.now().Add(5 * time.Minute), SessionDuration: c.attr}
		sess, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, DurationSeconds: c.dur, Assertion: as})
		if err != nil {
			t.Fatalf("SessionDuration %d: %v", c.attr, err)
		}
		if got := sess.Expiration().Sub(sess.IssuedAt()); got != c.want {
			t.Errorf("SessionDuration %d, DurationSeconds %v: %v, want %v", c.attr, c.dur, got, c.want)
		}
	}
}

// AssumeRoleWithWebIdentity's Provider is the IAM OIDC provider's ARN, as
// AWS answers ("Provider": "arn:aws:iam::012345678901:oidc-provider/
// spire-oidc.example.org", AWS CLI output recorded in spiffe/spiffe.io#110;
// EKS IRSA outputs alike).
func TestWebIdentityResultProvider(t *testing.T) {
	clk := newClock()
	claims := &WebIdentityClaims{Issuer: ghIssuer, Subject: "repo:iamsim/x", Audience: []string{"sts.amazonaws.com"}, Expiry: clk.now().Add(time.Hour)}
	s, err := New(testSet(t), &Config{Now: clk.now, WebIdentity: func(string) (*WebIdentityClaims, error) { return claims, nil }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	status, body, _ := call(t, s, clk, srv, "", "", "", url.Values{"Action": {"AssumeRoleWithWebIdentity"}, "Version": {"2011-06-15"},
		"RoleArn": {oidcRole}, "RoleSessionName": {"gh"}, "WebIdentityToken": {"eyJ.x.y"}})
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	var out struct {
		Provider string `xml:"AssumeRoleWithWebIdentityResult>Provider"`
		Subject  string `xml:"AssumeRoleWithWebIdentityResult>SubjectFromWebIdentityToken"`
		Audience string `xml:"AssumeRoleWithWebIdentityResult>Audience"`
	}
	if err := xml.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if out.Provider != "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" || out.Subject != "repo:iamsim/x" || out.Audience != "sts.amazonaws.com" {
		t.Errorf("%+v", out)
	}
}

// "The token is an instance-specific key. The token is not valid on other
// EC2 instances" (Amazon EC2 User Guide, "How Instance Metadata Service
// Version 2 works"); a general resource (a path ending in /) lists what it
// holds ("Retrieve instance metadata" > "Responses and error messages").
func TestIMDSTokenIsPerInstance(t *testing.T) {
	s, _ := newService(t)
	for _, id := range []string{"i-0abc123", "i-0def456"} {
		if _, err := s.LaunchInstance(id, "PhotoReaderProfile"); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	r, _ := http.NewRequest("PUT", srv.URL+"/i-0abc123/latest/api/token", nil)
	r.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", "300")
	resp, err := srv.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := string(b)
	if st, body := imdsGet(t, srv, "/i-0abc123/latest/meta-data/iam/", tok); st != 200 || body != "info\nsecurity-credentials/" {
		t.Errorf("iam/ on its instance: %d %q", st, body)
	}
	if st, _ := imdsGet(t, srv, "/i-0def456/latest/meta-data/iam/", tok); st != 401 {
		t.Errorf("a token of another instance: %d, want 401", st)
	}
}

// Through the combined Handler too, a token PUT to a version-specific path
// is the metadata service's 403 ("Issuing PUT requests to any
// version-specific path, for example /2021-03-23/api/token, will result in
// the metadata service returning 403 Forbidden errors", Amazon EC2 User
// Guide, "Retrieve instance metadata" > "Considerations").
func TestHandlerVersionedTokenPath(t *testing.T) {
	s, _ := newService(t)
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, path := range []string{"/2021-03-23/api/token", "/i-0abc123/2021-03-23/api/token"} {
		r, _ := http.NewRequest("PUT", srv.URL+path, nil)
		r.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", "300")
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("PUT %s: %d, want 403", path, resp.StatusCode)
		}
	}
}

// sts:RoleSessionName "is present in the request when the principal
// assumes the role using the AWS Management Console, any assume-role CLI
// command, or any AWS STS AssumeRole API operation" (IAM User Guide, "IAM
// and AWS STS condition context keys" > "Available keys for AWS STS"): for
// AssumeRoleWithSAML it is the assertion's RoleSessionName attribute.
func TestSAMLRoleSessionNameInTrust(t *testing.T) {
	s, clk := newService(t)
	named := "arn:aws:iam::111111111111:role/SAMLNamed"
	as := func(name string) *SAMLAssertion {
		return &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
			SubjectType: "persistent", RoleSessionName: name, NotOnOrAfter: clk.now().Add(5 * time.Minute)}
	}
	if _, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: named, PrincipalArn: samlIdP, Assertion: as("alice")}); err != nil {
		t.Fatalf("the trust policy's sts:RoleSessionName condition sees the attribute: %v", err)
	}
	_, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: named, PrincipalArn: samlIdP, Assertion: as("mallory")})
	wantCode(t, err, CodeAccessDenied, "Not authorized to perform sts:AssumeRoleWithSAML")
}

// The provider's keys reach the requests a federated session makes: "In
// the permissions policy of a role for SAML federation ... you can include
// the following keys: saml:namequalifier, saml:sub, saml:sub_type"; with
// web identity federation "additional condition keys are available when
// the temporary security credentials are used to make a request" (IAM User
// Guide, "IAM and AWS STS condition context keys"). A request cannot give
// them itself, and a session file carries them.
func TestFederatedSessionsCarryProviderKeys(t *testing.T) {
	s, clk := newService(t)
	as := &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
		SubjectType: "persistent", RoleSessionName: "alice", NotOnOrAfter: clk.now().Add(5 * time.Minute)}
	saml, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: as})
	if err != nil {
		t.Fatal(err)
	}
	web, err := s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh",
		Claims: &WebIdentityClaims{Issuer: ghIssuer, Subject: "repo:iamsim/x", Audience: []string{"sts.amazonaws.com"}, Expiry: clk.now().Add(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha1.Sum([]byte("http://www.okta.com/x" + "111111111111" + "/Okta"))
	f, err := saml.File()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(f)
	s2, _ := New(testSet(t), &Config{Now: clk.now})
	back, err := s2.Import(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		s    *Service
		sess *Session
		want map[string]string
	}{
		{s, saml, map[string]string{"saml:sub": "alice@example.com", "saml:sub_type": "persistent", "saml:namequalifier": base64.StdEncoding.EncodeToString(sum[:])}},
		{s2, back, map[string]string{"saml:sub": "alice@example.com", "saml:sub_type": "persistent"}},
		{s, web, map[string]string{"token.actions.githubusercontent.com:sub": "repo:iamsim/x", "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}},
	} {
		p, err := c.s.prepareForTest(c.sess)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range c.want {
			if got, ok := p.Lookup(k); !ok || got != v {
				t.Errorf("%s: %s = %q %v, want %q", c.sess.ARN(), k, got, ok, v)
			}
		}
	}
	_, err = s.Decide(saml, Request{Action: "s3:GetObject", Resource: "*", Context: map[string][]string{"SAML:sub": {"bob@example.com"}}})
	var re *evaluate.RequestError
	if !errors.As(err, &re) {
		t.Errorf("a request gave saml:sub itself: %v", err)
	}
}

// "Tokens must be signed using either RSA keys (RS256, RS384, or RS512) or
// ECDSA keys (ES256, ES384, or ES512)" (AWS STS API Reference,
// AssumeRoleWithWebIdentity, WebIdentityToken); each ES algorithm goes
// with its curve (RFC 7518 §3.4: P-256, P-384, P-521).
func TestOIDCVerifierECDSAAlgorithms(t *testing.T) {
	keys := map[string]*ecdsa.PrivateKey{}
	for name, c := range map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()} {
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		keys[name] = k
	}
	var known []OIDCKey
	for name, k := range keys {
		known = append(known, OIDCKey{Issuer: ghIssuer, KeyID: name, Key: &k.PublicKey})
	}
	v := OIDCVerifier(known...)
	claims := map[string]any{"iss": ghIssuer, "sub": "repo:iamsim/x", "aud": "sts.amazonaws.com", "exp": time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC).Unix()}
	sign := func(k *ecdsa.PrivateKey) func([]byte) []byte {
		return func(sum []byte) []byte {
			r, s, _ := ecdsa.Sign(rand.Reader, k, sum)
			size := (k.Curve.Params().BitSize + 7) / 8
			out := make([]byte, 2*size)
			r.FillBytes(out[:size])
			s.FillBytes(out[size:])
			return out
		}
	}
	hashes := map[string]func([]byte) []byte{
		"ES256": func(b []byte) []byte { h := sha256.Sum256(b); return h[:] },
		"ES384": func(b []byte) []byte { h := sha512.Sum384(b); return h[:] },
		"ES512": func(b []byte) []byte { h := sha512.Sum512(b); return h[:] },
	}
	for _, c := range []struct {
		alg, curve string
		ok         bool
	}{{"ES256", "P-256", true}, {"ES384", "P-384", true}, {"ES512", "P-521", true}, {"ES512", "P-256", false}, {"ES256", "P-384", false}} {
		tok := ecJWT(t, c.alg, c.curve, claims, hashes[c.alg], sign(keys[c.curve]))
		if _, err := v(tok); (err == nil) != c.ok {
			t.Errorf("%s with a %s key: %v, want accepted %v", c.alg, c.curve, err, c.ok)
		}
	}
}

// ecJWT signs claims as a JWS with an ECDSA key, hashing as alg does.
func ecJWT(t *testing.T, alg, kid string, claims map[string]any, hash func([]byte) []byte, sign func([]byte) []byte) string {
	t.Helper()
	head, _ := json.Marshal(map[string]string{"alg": alg, "kid": kid, "typ": "JWT"})
	body, _ := json.Marshal(claims)
	signed := base64.RawURLEncoding.EncodeToString(head) + "." + base64.RawURLEncoding.EncodeToString(body)
	return signed + "." + base64.RawURLEncoding.EncodeToString(sign(hash([]byte(signed))))
}

// Passing session tags needs sts:TagSession, and setting a source identity
// sts:SetSourceIdentity, whatever the operation: "In addition to the
// action that matches the API operation, you must have the following
// permissions-only action in your policy: sts:TagSession" (IAM User Guide,
// "Passing session tags in AWS STS" > "Permissions required to add session
// tags"); "Trust policies for all roles connected to an identity provider
// (IdP) must have the sts:SetSourceIdentity permission. For roles that
// don't have this permission in the role trust policy, the AssumeRole*
// operation will fail" ("Monitor and control actions taken with assumed
// roles").
func TestPermissionsOnlyActions(t *testing.T) {
	s, clk := newService(t)
	dave := "arn:aws:iam::111111111111:user/dave"
	if _, err := s.GetFederationToken(longTerm(t, s, dave), GetFederationTokenInput{Name: "Bob"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetFederationToken(longTerm(t, s, dave), GetFederationTokenInput{Name: "Bob", Tags: []Tag{{"k", "v"}}})
	wantCode(t, err, CodeAccessDenied, "User: "+dave+" is not authorized to perform: sts:TagSession on resource: arn:aws:sts::111111111111:federated-user/Bob")
	as := &SAMLAssertion{Issuer: "http://www.okta.com/x", Audience: "https://signin.aws.amazon.com/saml", Subject: "alice@example.com",
		SubjectType: "persistent", RoleSessionName: "alice", NotOnOrAfter: clk.now().Add(5 * time.Minute), SourceIdentity: "alice"}
	_, err = s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: as})
	wantCode(t, err, CodeAccessDenied, "Not authorized to perform sts:AssumeRoleWithSAML") // the trust allows sts:TagSession, not sts:SetSourceIdentity
	as.SourceIdentity = ""
	if _, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: samlRole, PrincipalArn: samlIdP, Assertion: as}); err != nil {
		t.Errorf("without a source identity: %v", err)
	}
}

// "Timestamps in the token must be formatted as either an integer or a
// long integer" (AWS STS API Reference, AssumeRoleWithWebIdentity,
// WebIdentityToken): an exp written as a fraction, an exponent or a string
// is refused.
func TestOIDCVerifierIntegerTimestamps(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	v := OIDCVerifier(OIDCKey{Issuer: ghIssuer, KeyID: "P-256", Key: &k.PublicKey})
	sign := func(sum []byte) []byte {
		r, s, _ := ecdsa.Sign(rand.Reader, k, sum)
		out := make([]byte, 64)
		r.FillBytes(out[:32])
		s.FillBytes(out[32:])
		return out
	}
	for exp, ok := range map[any]bool{1798675200: true, 1798675200.5: false, "1798675200": false, json.Number("1.7986752e9"): false} {
		claims := map[string]any{"iss": ghIssuer, "sub": "repo:iamsim/x", "aud": "sts.amazonaws.com", "exp": exp}
		_, err := v(jwt(t, "ES256", "P-256", claims, sign))
		if (err == nil) != ok {
			t.Errorf("exp %v: %v, want accepted %v", exp, err, ok)
		}
	}
}

// "There is no practical limit on the number of concurrent tokens" (Amazon
// EC2 User Guide, "How Instance Metadata Service Version 2 works"): a token
// handed out works even when iamsim's bounded store is full; the token that
// expires first makes room.
func TestIMDSTokenStoreFull(t *testing.T) {
	s, clk := newService(t)
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.IMDSHandler("i-0abc123"))
	defer srv.Close()
	put := func(ttl string) string {
		r, _ := http.NewRequest("PUT", srv.URL+"/latest/api/token", nil)
		r.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", ttl)
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	first := put("60")
	for range maxIMDSTokens - 1 {
		put("600")
	}
	clk.advance(time.Second)
	last := put("600")
	if st, _ := imdsGet(t, srv, "/latest/meta-data/instance-id", last); st != 200 {
		t.Errorf("the newest token with the store full: %d", st)
	}
	if st, _ := imdsGet(t, srv, "/latest/meta-data/instance-id", first); st != 401 {
		t.Errorf("the token that expires first made room: %d, want 401", st)
	}
}
