package sigv4

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// FuzzVerify verifies arbitrary requests: never a panic, every refusal an
// *Error (or the Lookup's error), and a success only for the access key the
// Lookup knows, with the scope the request gave.
func FuzzVerify(f *testing.F) {
	f.Add("GET", "/", "", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "20150830T123600Z", "")
	f.Add("GET", "/", "Action=ListUsers&Version=2010-05-08", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", "20150830T123600Z", "")
	f.Add("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=aa", "", "", "")
	f.Add("POST", "/a%20b/%2F", "b=%zz&a", "AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;;, Signature=", "2015", "body")
	v := verifier("20150830T123600Z")
	f.Fuzz(func(t *testing.T, method, path, query, auth, date, body string) {
		r, err := http.NewRequest(method, "http://example.amazonaws.com/", strings.NewReader(body))
		if err != nil {
			return
		}
		r.URL.Path, r.URL.RawQuery = path, query
		r.Host = "example.amazonaws.com"
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		if date != "" {
			r.Header.Set("X-Amz-Date", date)
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		s, err := v.Verify(r, []byte(body))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code == "" || e.Status == 0 {
				t.Fatalf("refusal %v is not a typed error", err)
			}
			return
		}
		if s.AccessKeyID != "AKIDEXAMPLE" || s.Region == "" || s.Service == "" {
			t.Fatalf("accepted %+v", s)
		}
	})
}
