package sigv4

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
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
