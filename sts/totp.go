package sts

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// TOTP returns an MFAVerifier for virtual MFA devices, by serial number
// (the device ARN) and base32 seed, as IAM's virtual MFA devices work: RFC
// 6238 time-based one-time passwords, HMAC-SHA1, 30-second steps, six
// digits, and the step before and after accepted for clock drift. A serial
// that is not among the seeds is ErrUnknownMFASerial.
func TOTP(seeds map[string]string) (MFAVerifier, error) {
	keys := make(map[string][]byte, len(seeds))
	for serial, seed := range seeds {
		k, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(strings.ReplaceAll(seed, " ", ""), "=")))
		if err != nil || len(k) == 0 {
			return nil, fmt.Errorf("sts: the seed of %s is not base32", serial)
		}
		keys[serial] = k
	}
	return func(_, serial, code string, at time.Time) error {
		k, ok := keys[serial]
		if !ok {
			return ErrUnknownMFASerial
		}
		step := at.Unix() / 30
		for _, s := range []int64{step, step - 1, step + 1} {
			if subtle.ConstantTimeCompare([]byte(totpCode(k, s)), []byte(code)) == 1 {
				return nil
			}
		}
		return fmt.Errorf("sts: invalid MFA code")
	}, nil
}

// totpCode is the six-digit code of a key at a time step (RFC 4226 §5.3).
func totpCode(key []byte, step int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	h := hmac.New(sha1.New, key)
	h.Write(msg[:])
	sum := h.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1000000)
}
