package sigv4

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

const exampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

func verifier(at string) *Verifier {
	t, _ := time.Parse(timeFormat, at)
	return &Verifier{Now: func() time.Time { return t }, Lookup: func(id, tok string) (string, error) {
		if id != "AKIDEXAMPLE" {
			return "", &Error{Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid.", Status: 403}
		}
		return exampleSecret, nil
	}}
}

// The get-vanilla case of AWS's Signature Version 4 test suite.
func TestVanilla(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.amazonaws.com/", nil)
	r.Header.Set("X-Amz-Date", "20150830T123600Z")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
	s, err := verifier("20150830T123600Z").Verify(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.AccessKeyID != "AKIDEXAMPLE" || s.Region != "us-east-1" || s.Service != "service" {
		t.Errorf("%+v", s)
	}
}

// The IAM ListUsers example of the IAM User Guide, "Create a signed AWS API
// request" (and the SigV4 documentation's worked example).
func TestIAMListUsersExample(t *testing.T) {
	r := httptest.NewRequest("GET", "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", nil)
	r.Host = "iam.amazonaws.com"
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	r.Header.Set("X-Amz-Date", "20150830T123600Z")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
	if _, err := verifier("20150830T123600Z").Verify(r, nil); err != nil {
		t.Fatal(err)
	}
}

func vanilla() *http.Request {
	r := httptest.NewRequest("GET", "http://example.amazonaws.com/", nil)
	r.Header.Set("X-Amz-Date", "20150830T123600Z")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
	return r
}

func wantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != code || (msg != "" && e.Message != msg) {
		t.Fatalf("error %v; want %s %q", err, code, msg)
	}
}

func TestRefusals(t *testing.T) {
	v := verifier("20150830T123600Z")
	r := vanilla()
	r.Header.Set("X-Amz-Date", "20150830T123601Z")
	_, err := v.Verify(r, nil)
	wantErr(t, err, CodeSignatureDoesNotMatch, MsgSignatureDoesNotMatch)

	r = vanilla()
	r.Host = "other.amazonaws.com"
	_, err = v.Verify(r, nil)
	wantErr(t, err, CodeSignatureDoesNotMatch, MsgSignatureDoesNotMatch)

	r = vanilla()
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
	_, err = v.Verify(r, nil)
	wantErr(t, err, "InvalidClientTokenId", "")

	r = vanilla()
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host")
	r.Header.Del("X-Amz-Date")
	_, err = v.Verify(r, nil)
	wantErr(t, err, CodeIncompleteSignature, "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 SignedHeaders=host")

	_, err = v.Verify(httptest.NewRequest("GET", "/", nil), nil)
	wantErr(t, err, CodeMissingAuthenticationToken, "")

	_, err = verifier("20150830T125101Z").Verify(vanilla(), nil)
	wantErr(t, err, CodeSignatureDoesNotMatch, "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)")
	if _, err := verifier("20150830T125100Z").Verify(vanilla(), nil); err != nil {
		t.Errorf("15 minutes of skew are allowed: %v", err)
	}
	_, err = verifier("20150830T122059Z").Verify(vanilla(), nil)
	wantErr(t, err, CodeSignatureDoesNotMatch, "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T122059Z + 15 min.)")

	sv := verifier("20150830T123600Z")
	sv.Service = "sts"
	_, err = sv.Verify(vanilla(), nil)
	wantErr(t, err, CodeSignatureDoesNotMatch, "Credential should be scoped to correct service: 'sts'. ")
	rv := verifier("20150830T123600Z")
	rv.Regions = []string{"eu-west-1"}
	_, err = rv.Verify(vanilla(), nil)
	wantErr(t, err, CodeSignatureDoesNotMatch, "Credential should be scoped to a valid region, not 'us-east-1'. ")

	r = vanilla()
	r.Header.Set("X-Amz-Content-Sha256", EmptySHA256)
	_, err = v.Verify(r, []byte("tampered"))
	wantErr(t, err, CodeContentSHA256Mismatch, "")
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{"a b": "a%20b", "a+b": "a%2Bb", "~-_.": "~-_.", "/x/é": "/x/%C3%A9"} {
		if got := escape(in, false); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := canonicalQuery("b=2&a=1&a=0&X-Amz-Signature=x&sp=a%20b", true); got != "a=0&a=1&b=2&sp=a%20b" {
		t.Errorf("canonicalQuery = %q", got)
	}
}

func TestSignMatchesTheTestSuite(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.amazonaws.com/", nil)
	at, _ := time.Parse(timeFormat, "20150830T123600Z")
	Sign(r, nil, "AKIDEXAMPLE", exampleSecret, "", "us-east-1", "service", at)
	if got, want := r.Header.Get("Authorization"), vanilla().Header.Get("Authorization"); got != want {
		t.Errorf("Sign:\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkVerify is the SigV4 check of a signed S3 GET, signing key cached.
func BenchmarkVerify(b *testing.B) {
	at, _ := time.Parse(timeFormat, "20150830T123600Z")
	r := httptest.NewRequest("GET", "http://photos.example/photos/cat.jpg", nil)
	r.Header.Set("X-Amz-Content-Sha256", EmptySHA256)
	Sign(r, nil, "AKIDEXAMPLE", exampleSecret, "token", "us-east-1", "s3", at)
	v := verifier("20150830T123600Z")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(r, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRegionShaped(t *testing.T) {
	for s, want := range map[string]bool{"us-east-1": true, "us-gov-west-1": true, "ap-southeast-2": true, "eu-central-12": true,
		"": false, "us": false, "us-east": false, "US-east-1": false, "us-east-123": false, "us--1": false, "use-east-1": false, "us-east-x": false} {
		if got := regionShaped(s); got != want {
			t.Errorf("regionShaped(%q) = %v", s, got)
		}
	}
}
