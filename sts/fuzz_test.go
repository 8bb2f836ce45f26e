package sts

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzQueryAPI sends arbitrary (unsigned or badly signed) Query API
// requests: the handler never panics, always answers with well-formed XML
// and a request id, and never succeeds, since nothing can sign.
func FuzzQueryAPI(f *testing.F) {
	f.Add("POST", "/", "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2FRootTrust&RoleSessionName=s1&Tags.member.1.Key=a&Tags.member.1.Value=b&PolicyArns=", "")
	f.Add("POST", "/", "Action=GetCallerIdentity&Version=2011-06-15", "AWS4-HMAC-SHA256 Credential=AKIAALICEEXAMPLE0001/20261207/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	f.Add("GET", "/?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Signature=x", "", "")
	f.Add("POST", "/", "Action=AssumeRoleWithWebIdentity&RoleArn=x&RoleSessionName=s&WebIdentityToken=eyJ.x.y&DurationSeconds=99999999999999999999", "")
	f.Add("POST", "/", "%zz&&==&Action", "AWS4-HMAC-SHA256 ")
	s, _ := newService(f)
	h := s.QueryHandler()
	f.Fuzz(func(t *testing.T, method, target, body, auth string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t") {
			target = "/"
		}
		r, err := http.NewRequest(method, "http://sts.example"+target, strings.NewReader(body))
		if err != nil {
			return
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if auth != "" {
			r.Header.Set("Authorization", auth)
			r.Header.Set("X-Amz-Date", "20261207T120000Z")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code == http.StatusOK {
			t.Fatalf("an unsigned request succeeded: %s", w.Body)
		}
		var e struct {
			Code      string `xml:"Error>Code"`
			RequestID string `xml:"RequestId"`
		}
		if err := xml.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Code == "" || e.RequestID != w.Header().Get("x-amzn-RequestId") {
			t.Fatalf("malformed error response %d %q: %v", w.Code, w.Body, err)
		}
		if bytes.Contains(w.Body.Bytes(), []byte(aliceSec)) {
			t.Fatal("a secret in an error")
		}
	})
}

// FuzzIMDS sends arbitrary requests to an instance's metadata: never a
// panic, and never credentials without a token it issued.
func FuzzIMDS(f *testing.F) {
	f.Add("GET", "/latest/meta-data/iam/security-credentials/PhotoReader", "", "")
	f.Add("PUT", "/latest/api/token", "21600", "")
	f.Add("GET", "/latest/meta-data/iam/info", "", "AAAA")
	f.Add("GET", "/i-0abc123/latest/meta-data/iam/security-credentials/", "", "x")
	s, _ := newService(f)
	if _, err := s.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, method, path, ttl, token string) {
		r, err := http.NewRequest(method, "http://169.254.169.254/", nil)
		if err != nil {
			return
		}
		r.URL.Path = path
		if ttl != "" {
			r.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", ttl)
		}
		if token != "" {
			r.Header.Set("X-aws-ec2-metadata-token", token)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if strings.Contains(w.Body.String(), "SecretAccessKey") {
			t.Fatalf("credentials without a token: %s %s", method, path)
		}
	})
}

// FuzzS3Request maps arbitrary requests: never a panic, and an action only
// from the S3 tables, on a resource of the bucket the path names.
func FuzzS3Request(f *testing.F) {
	f.Add("GET", "/photos/cat.jpg", "")
	f.Add("PUT", "/photos/a/b?tagging", "tagging")
	f.Add("GET", "/photos", "prefix=2024/&list-type=2")
	f.Add("DELETE", "//x", "acl&tagging")
	f.Fuzz(func(t *testing.T, method, path, query string) {
		r, err := http.NewRequest(method, "http://s3.example/", nil)
		if err != nil {
			return
		}
		r.URL.Path, r.URL.RawQuery = path, query
		req, err := S3Request(r)
		if err != nil {
			return
		}
		if !strings.HasPrefix(req.Action, "s3:") || (req.Resource != "*" && !strings.HasPrefix(req.Resource, "arn:aws:s3:::")) {
			t.Fatalf("%s %s?%s → %+v", method, path, query, req)
		}
	})
}
