package evaluate

import (
	"strings"
	"testing"
)

// TestIsKMSResource checks isKMSResource against the ARN's service
// component read the long way (the text between the partition's ':' and
// the next one), for ARNs and texts that are not ARNs.
func TestIsKMSResource(t *testing.T) {
	long := func(s string) bool {
		rest, ok := strings.CutPrefix(s, "arn:")
		if !ok {
			return false
		}
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return false
		}
		svc, _, _ := strings.Cut(rest[i+1:], ":")
		return svc == "kms"
	}
	for _, s := range []string{
		"arn:aws:kms:us-east-1:111111111111:key/1234", "arn:aws-cn:kms:cn-north-1:111111111111:alias/a",
		"arn:aws:kms", "arn:aws:kms:", "arn:aws:kmsx:us-east-1:1:key/1", "arn:aws:km", "arn:aws:s3:::kms",
		"arn:kms", "arn::kms:", "kms", "", "*", "arn:aws:iam::111111111111:role/kms", "arn:aws::kms:",
	} {
		if got, want := isKMSResource(s), long(s); got != want {
			t.Errorf("isKMSResource(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzIsKMSResource compares isKMSResource with the long reading on any text.
func FuzzIsKMSResource(f *testing.F) {
	f.Add("arn:aws:kms:us-east-1:111111111111:key/1")
	f.Fuzz(func(t *testing.T, s string) {
		rest, ok := strings.CutPrefix(s, "arn:")
		want := false
		if i := strings.IndexByte(rest, ':'); ok && i >= 0 {
			svc, _, _ := strings.Cut(rest[i+1:], ":")
			want = svc == "kms"
		}
		if got := isKMSResource(s); got != want {
			t.Errorf("isKMSResource(%q) = %v, want %v", s, got, want)
		}
	})
}
