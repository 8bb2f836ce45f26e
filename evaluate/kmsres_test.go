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
		if got, want := isKMSResource(s), long(s); got != want || want != (resourceService(s) == "kms") {
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
		if got := isKMSResource(s); got != want || got != (resourceService(s) == "kms") {
			t.Errorf("isKMSResource(%q) = %v, want %v (resourceService %q)", s, got, want, resourceService(s))
		}
	})
}

// TestDigits8: digits8 agrees with a byte-by-byte test for every byte in
// every lane, among digits.
func TestDigits8(t *testing.T) {
	for c := 0; c < 256; c++ {
		for lane := range 8 {
			b := []byte("01234567")
			b[lane] = byte(c)
			if got, want := digits8(string(b)), c >= '0' && c <= '9'; got != want {
				t.Errorf("digits8 with byte %#x at %d = %t, want %t", c, lane, got, want)
			}
		}
	}
	for _, s := range []string{"00000000", "99999999", "/0000000", ":9999999", "0000000:", "\x00\x00\x00\x00\x00\x00\x00\x00", "\xff\xff\xff\xff\xff\xff\xff\xff", "0\xb90\xba0000"} {
		want := true
		for i := range 8 {
			want = want && s[i] >= '0' && s[i] <= '9'
		}
		if got := digits8(s); got != want {
			t.Errorf("digits8(%q) = %t, want %t", s, got, want)
		}
	}
}
