package sigv4

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"testing"
)

// hmacAppend is HMAC-SHA256 as crypto/hmac computes it, for keys shorter
// than, equal to and longer than the block, and messages of any length.
func TestHMACAppendMatchesCryptoHMAC(t *testing.T) {
	for _, klen := range []int{0, 1, 32, 63, 64, 65, 200} {
		for _, mlen := range []int{0, 1, 55, 64, 300} {
			key := bytes.Repeat([]byte{byte(klen + 7)}, klen)
			msg := bytes.Repeat([]byte{byte(mlen + 3)}, mlen)
			h := hmac.New(sha256.New, key)
			h.Write(msg)
			want := h.Sum(nil)
			got, _ := hmacAppend(key, []byte("stale"), func(b []byte) []byte { return append(b, msg...) })
			if !bytes.Equal(got[:], want) {
				t.Errorf("key %d bytes, message %d bytes: %x, want %x", klen, mlen, got, want)
			}
		}
	}
}

// The credential scope is exactly five parts, read without a slice.
func TestScopeShape(t *testing.T) {
	for cred, ok := range map[string]bool{
		"AKID/20150830/us-east-1/s3/aws4_request":   true,
		"AKID/20150830/us-east-1/s3/aws4_request/x": false,
		"AKID/20150830/us-east-1/aws4_request":      false,
		"/20150830/us-east-1/s3/aws4_request":       false,
		"AKID/20150830/us-east-1/s3/aws4":           false,
		"":                                          false,
	} {
		s := &signature{amzDate: "20150830T123600Z"}
		err := s.scope(cred, "host")
		if (err == nil) != ok {
			t.Errorf("%q: %v", cred, err)
		}
		if err == nil && (s.accessKey != "AKID" || s.date != "20150830" || s.region != "us-east-1" || s.service != "s3") {
			t.Errorf("%q: read %+v", cred, s)
		}
		if !ok && err != nil && err.Error() != "sigv4: IncompleteSignature: Credential should be of the form AKID/YYYYMMDD/region/service/aws4_request: '"+cred+"'." {
			t.Errorf("%q: %v", cred, err)
		}
	}
}

// regionShapedSplit is regionShaped as it was written with strings.Split:
// the reference the allocation-free form must agree with.
func regionShapedSplit(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 || len(parts[0]) != 2 || !lower(parts[0]) {
		return false
	}
	for _, p := range parts[1 : len(parts)-1] {
		if p == "" || !lower(p) {
			return false
		}
	}
	n := parts[len(parts)-1]
	if len(n) < 1 || len(n) > 2 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}

func TestRegionShapedMatchesSplit(t *testing.T) {
	for _, s := range []string{"", "-", "--", "us-", "-us-1", "us-east-1", "us-east-1-", "us-gov-west-1", "us--1", "us-east--1",
		"us-1", "us-e-1", "us-east-12", "us-east-123", "u-east-1", "us-EAST-1", "us-east-1a", "ab-c-d-e-f-9", "us-east-", "us-east-x"} {
		if got, want := regionShaped(s), regionShapedSplit(s); got != want {
			t.Errorf("regionShaped(%q) = %v, split form says %v", s, got, want)
		}
	}
}

func FuzzRegionShaped(f *testing.F) {
	f.Add("us-gov-west-1")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := regionShaped(s), regionShapedSplit(s); got != want {
			t.Errorf("regionShaped(%q) = %v, split form says %v", s, got, want)
		}
	})
}
