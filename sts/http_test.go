package sts

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/iamsim/sts/sigv4"
)

// call POSTs a signed Query API request and returns the status and body.
func call(t *testing.T, s *Service, clk *testClock, srv *httptest.Server, akid, secret, token string, params url.Values) (int, string, http.Header) {
	t.Helper()
	body := params.Encode()
	r, _ := http.NewRequest("POST", srv.URL+"/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if akid != "" {
		sigv4.Sign(r, []byte(body), akid, secret, token, "us-east-1", "sts", clk.now())
	}
	resp, err := srv.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func errorOf(t *testing.T, body string) (code, msg, reqID string) {
	t.Helper()
	var e struct {
		Type      string `xml:"Error>Type"`
		Code      string `xml:"Error>Code"`
		Message   string `xml:"Error>Message"`
		RequestID string `xml:"RequestId"`
	}
	if err := xml.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	if e.Type != "Sender" {
		t.Errorf("Type %q", e.Type)
	}
	return e.Code, e.Message, e.RequestID
}

func TestQueryAPI(t *testing.T) {
	s, clk := newService(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	assume := url.Values{"Action": {"AssumeRole"}, "Version": {"2011-06-15"}, "RoleArn": {devRole}, "RoleSessionName": {"http"},
		"Tags.member.1.Key": {"Project"}, "Tags.member.1.Value": {"Unicorn"}, "TransitiveTagKeys.member.1": {"Project"},
		"PolicyArns": {""}, "SourceIdentity": {"alice"}, "DurationSeconds": {"1800"}}
	status, body, h := call(t, s, clk, srv, aliceKey, aliceSec, "", assume)
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var out struct {
		XMLName   xml.Name
		Creds     xmlCredentials     `xml:"AssumeRoleResult>Credentials"`
		User      xmlAssumedRoleUser `xml:"AssumeRoleResult>AssumedRoleUser"`
		Source    string             `xml:"AssumeRoleResult>SourceIdentity"`
		Packed    int                `xml:"AssumeRoleResult>PackedPolicySize"`
		RequestID string             `xml:"ResponseMetadata>RequestId"`
	}
	if err := xml.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if out.XMLName.Local != "AssumeRoleResponse" || out.XMLName.Space != stsNamespace || out.User.Arn != "arn:aws:sts::111111111111:assumed-role/Dev/http" ||
		out.Source != "alice" || out.Creds.Expiration != "2026-12-07T12:30:00Z" || out.RequestID != h.Get("x-amzn-RequestId") || out.RequestID == "" {
		t.Errorf("%+v\n%s", out, body)
	}
	sess, ok := s.Session(out.Creds.AccessKeyID)
	if !ok || sess.Tags()["Project"] != "Unicorn" || len(sess.TransitiveTagKeys()) != 1 {
		t.Fatalf("session %v", sess)
	}
	// The session's credentials call GetCallerIdentity.
	status, body, _ = call(t, s, clk, srv, out.Creds.AccessKeyID, out.Creds.SecretAccessKey, out.Creds.SessionToken,
		url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}})
	if status != 200 || !strings.Contains(body, "<Arn>arn:aws:sts::111111111111:assumed-role/Dev/http</Arn>") {
		t.Errorf("%d %s", status, body)
	}
	cases := []struct {
		name                string
		akid, secret, token string
		params              url.Values
		status              int
		code, msg           string
	}{
		{"unsigned", "", "", "", url.Values{"Action": {"GetCallerIdentity"}}, 403, "MissingAuthenticationToken", ""},
		{"unknown key", "AKIAUNKNOWNEXAMPLE01", "x", "", url.Values{"Action": {"GetCallerIdentity"}}, 403, CodeInvalidClientTokenID, msgInvalidToken},
		{"wrong secret", aliceKey, "wrong", "", url.Values{"Action": {"GetCallerIdentity"}}, 403, CodeSignatureDoesNotMatch, sigv4.MsgSignatureDoesNotMatch},
		{"session key without its token", out.Creds.AccessKeyID, out.Creds.SecretAccessKey, "", url.Values{"Action": {"GetCallerIdentity"}}, 403, CodeInvalidClientTokenID, msgInvalidToken},
		{"validation", aliceKey, aliceSec, "", url.Values{"Action": {"AssumeRole"}, "RoleArn": {devRole}, "RoleSessionName": {"a:b"}}, 400, CodeValidation, ""},
		{"duration not a number", aliceKey, aliceSec, "", url.Values{"Action": {"AssumeRole"}, "RoleArn": {devRole}, "RoleSessionName": {"ab"}, "DurationSeconds": {"x"}}, 400, CodeValidation, ""},
		{"denied", aliceKey, aliceSec, "", url.Values{"Action": {"AssumeRole"}, "RoleArn": {xRole + "x"}, "RoleSessionName": {"ab"}}, 403, CodeAccessDenied,
			"User: " + alice + " is not authorized to perform: sts:AssumeRole on resource: " + xRole + "x"},
		{"unknown action", aliceKey, aliceSec, "", url.Values{"Action": {"Nope"}, "Version": {"2011-06-15"}}, 400, CodeInvalidAction, "Could not find operation Nope for version 2011-06-15"},
		{"web identity without a verifier", "", "", "", url.Values{"Action": {"AssumeRoleWithWebIdentity"}, "RoleArn": {oidcRole}, "RoleSessionName": {"ab"}, "WebIdentityToken": {"eyJ.x.y"}}, 400, CodeInvalidIdentityToken, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body, h := call(t, s, clk, srv, c.akid, c.secret, c.token, c.params)
			code, msg, id := errorOf(t, body)
			if status != c.status || code != c.code || (c.msg != "" && msg != c.msg) || id == "" || id != h.Get("x-amzn-RequestId") {
				t.Errorf("%d %s %q %s\nwant %d %s %q", status, code, msg, id, c.status, c.code, c.msg)
			}
		})
	}
	clk.advance(31 * time.Minute)
	status, body, _ = call(t, s, clk, srv, out.Creds.AccessKeyID, out.Creds.SecretAccessKey, out.Creds.SessionToken,
		url.Values{"Action": {"GetCallerIdentity"}})
	if code, msg, _ := errorOf(t, body); status != 403 || code != CodeExpiredToken || msg != msgExpiredToken {
		t.Errorf("expired: %d %s", status, body)
	}
}

func imdsGet(t *testing.T, srv *httptest.Server, path, token string) (int, string) {
	t.Helper()
	r, _ := http.NewRequest("GET", srv.URL+path, nil)
	if token != "" {
		r.Header.Set("X-aws-ec2-metadata-token", token)
	}
	resp, err := srv.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestIMDS(t *testing.T) {
	s, clk := newService(t)
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	put := func(ttl string) (*http.Response, string) {
		r, _ := http.NewRequest("PUT", srv.URL+"/latest/api/token", nil)
		if ttl != "" {
			r.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", ttl)
		}
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	for _, bad := range []string{"", "0", "21601", "x"} {
		if resp, _ := put(bad); resp.StatusCode != 400 {
			t.Errorf("TTL %q: %d", bad, resp.StatusCode)
		}
	}
	resp, tok := put("300")
	if resp.StatusCode != 200 || resp.Header.Get("X-Aws-Ec2-Metadata-Token-Ttl-Seconds") != "300" || tok == "" {
		t.Fatalf("token: %d %v", resp.StatusCode, resp.Header)
	}
	if st, _ := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/", ""); st != 401 {
		t.Errorf("no token: %d", st)
	}
	st, name := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/", tok)
	if st != 200 || name != "PhotoReader" {
		t.Fatalf("%d %q", st, name)
	}
	st, doc := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/PhotoReader", tok)
	var d map[string]string
	if err := json.Unmarshal([]byte(doc), &d); err != nil || st != 200 {
		t.Fatalf("%d %s", st, doc)
	}
	if d["Code"] != "Success" || d["Type"] != "AWS-HMAC" || !strings.HasPrefix(d["AccessKeyId"], "ASIA") || d["Token"] == "" || d["Expiration"] != "2026-12-07T18:00:00Z" {
		t.Errorf("%v", d)
	}
	st, info := imdsGet(t, srv, "/i-0abc123/latest/meta-data/iam/info", tok)
	if st != 200 || !strings.Contains(info, `"InstanceProfileArn": "arn:aws:iam::111111111111:instance-profile/PhotoReaderProfile"`) {
		t.Errorf("%d %s", st, info)
	}
	if st, _ := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/Other", tok); st != 404 {
		t.Errorf("other role: %d", st)
	}
	clk.advance(301 * time.Second)
	if st, _ := imdsGet(t, srv, "/latest/meta-data/iam/security-credentials/", tok); st != 401 {
		t.Errorf("expired token: %d", st)
	}
}

// The founding story behind the middleware: the instance's credentials read
// the photos bucket and may not write it.
func TestMiddleware(t *testing.T) {
	s, clk := newService(t)
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		t.Fatal(err)
	}
	sess, err := s.InstanceCredentials("i-0abc123")
	if err != nil {
		t.Fatal(err)
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who, _ := SessionFromContext(r.Context())
		io.WriteString(w, "served "+who.ARN())
	})
	srv := httptest.NewServer(s.Middleware(MiddlewareConfig{Service: "s3", Map: S3Request}, ok))
	defer srv.Close()
	c := sess.Credentials()
	do := func(method, path string) (int, string) {
		r, _ := http.NewRequest(method, srv.URL+path, nil)
		r.Header.Set("X-Amz-Content-Sha256", sigv4.EmptySHA256)
		sigv4.Sign(r, nil, c.AccessKeyID, c.SecretAccessKey.Reveal(), c.SessionToken.Reveal(), "us-east-1", "s3", clk.now())
		resp, err := srv.Client().Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, body := do("GET", "/photos/cat.jpg"); st != 200 || body != "served arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123" {
		t.Errorf("GetObject: %d %s", st, body)
	}
	if st, body := do("PUT", "/photos/cat.jpg"); st != 403 || !strings.Contains(body, "<Code>AccessDenied</Code>") {
		t.Errorf("PutObject: %d %s", st, body)
	}
	if st, _ := do("GET", "/other/cat.jpg"); st != 403 {
		t.Errorf("other bucket: %d", st)
	}
	if st, _ := do("GET", "/photos?prefix=2024/"); st != 200 {
		t.Errorf("ListBucket: %d", st)
	}
	if st, _ := do("GET", "/photos/cat.jpg?torrent"); st != 400 {
		t.Errorf("unknown subresource: %d", st)
	}
	clk.advance(InstanceCredentialLifetime)
	if st, body := do("GET", "/photos/cat.jpg"); st != 403 || !strings.Contains(body, "ExpiredToken") {
		t.Errorf("expired: %d %s", st, body)
	}
}
