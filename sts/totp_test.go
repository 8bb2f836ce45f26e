package sts

import (
	"errors"
	"testing"
	"time"
)

// RFC 6238 Appendix B, SHA-1 (the seed "12345678901234567890"), last six
// digits of the eight-digit values.
func TestTOTPVectors(t *testing.T) {
	key := []byte("12345678901234567890")
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924", 2000000000: "279037"} {
		if got := totpCode(key, unix/30); got != want {
			t.Errorf("T=%d: %s, want %s", unix, got, want)
		}
	}
	v, err := TOTP(map[string]string{"arn:aws:iam::111111111111:mfa/alice": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Unix(1111111109, 0)
	if err := v("", "arn:aws:iam::111111111111:mfa/alice", "081804", at); err != nil {
		t.Error(err)
	}
	if err := v("", "arn:aws:iam::111111111111:mfa/alice", "081805", at); err == nil {
		t.Error("a wrong code passed")
	}
	if err := v("", "arn:aws:iam::111111111111:mfa/bob", "081804", at); !errors.Is(err, ErrUnknownMFASerial) {
		t.Errorf("unknown serial: %v", err)
	}
	if _, err := TOTP(map[string]string{"x": "!!"}); err == nil {
		t.Error("a bad seed")
	}
}
