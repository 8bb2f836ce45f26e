package sts

import (
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
)

// keyAlphabet is the alphabet of access key ids: base32 (A–Z, 2–7).
const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// accountOffset is added to half the account id before it is encoded in an
// access key id (the format described at
// awsteele.com/blog/2020/09/26/aws-access-key-format.html and reproduced by
// STS's GetAccessKeyInfo, which names a key's account from the key alone).
const accountOffset = 0x8000000000

// newAccessKeyID returns prefix (ASIA for temporary credentials, AKIA for
// long-term keys) and 16 base32 characters: characters 5–12 encode
// account/2 + accountOffset, the high bit of character 13 the account's
// parity, the rest are random.
func newAccessKeyID(prefix, account string, rnd io.Reader) (string, error) {
	var random [8]byte
	if _, err := io.ReadFull(rnd, random[:]); err != nil {
		return "", err
	}
	return accessKeyID(prefix, account, random)
}

// accessKeyID is newAccessKeyID with the random bytes given.
func accessKeyID(prefix, account string, random [8]byte) (string, error) {
	n, err := strconv.ParseUint(account, 10, 64)
	if err != nil || len(account) != 12 {
		return "", errors.New("sts: account id " + strconv.Quote(account) + " is not 12 digits")
	}
	var raw [8]byte
	binary.BigEndian.PutUint64(raw[:], n/2+accountOffset)
	b := make([]byte, 0, 20)
	b = append(b, prefix...)
	b = base32.StdEncoding.AppendEncode(b, raw[3:8]) // 5 bytes → 8 characters
	b = append(b, keyAlphabet[int(n%2)<<4|int(random[0]&0x0f)])
	for _, r := range random[1:] {
		b = append(b, keyAlphabet[r&0x1f])
	}
	return string(b), nil
}

// AccessKeyAccount returns the account an access key id (AKIA… or ASIA…,
// 20 characters) belongs to, read from the key as STS's GetAccessKeyInfo
// does, and whether the id has that form.
func AccessKeyAccount(id string) (string, bool) {
	if len(id) != 20 || (id[:4] != "AKIA" && id[:4] != "ASIA") {
		return "", false
	}
	var v uint64
	for i := 4; i < 13; i++ {
		c := indexAlphabet(id[i])
		if c < 0 {
			return "", false
		}
		v = v<<5 | uint64(c)
	}
	// 45 bits: 40 of account/2 + offset, then the parity bit and 4 random.
	half := (v >> 5) &^ accountOffset
	if half >= 1e12/2 {
		return "", false
	}
	acct := half*2 + (v>>4)&1
	s := strconv.FormatUint(acct, 10)
	for len(s) < 12 {
		s = "0" + s
	}
	return s, true
}

func indexAlphabet(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= '2' && c <= '7':
		return int(c-'2') + 26
	}
	return -1
}

// newSecret returns a 40-character secret access key, as AWS's are.
func newSecret(rnd io.Reader) (string, error) {
	var b [30]byte
	if _, err := io.ReadFull(rnd, b[:]); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b[:]), nil
}

// newToken returns an opaque session token: random bytes, base64. It
// carries nothing: the Service looks the session up by its access key id
// and compares the token in constant time.
func newToken(rnd io.Reader) (string, error) {
	var b [96]byte
	if _, err := io.ReadFull(rnd, b[:]); err != nil {
		return "", err
	}
	return tokenPrefix + base64.StdEncoding.EncodeToString(b[:]), nil
}

const tokenPrefix = "IQoJb3JpZ2luX2VjE"

// newCredentials draws an access key id, a secret and a token with one read
// of rnd (a read of crypto/rand is a system call).
func newCredentials(account string, rnd io.Reader) (id, secret, token string, err error) {
	var b [8 + 30 + 96]byte
	if _, err := io.ReadFull(rnd, b[:]); err != nil {
		return "", "", "", err
	}
	id, err = accessKeyID("ASIA", account, [8]byte(b[:8]))
	if err != nil {
		return "", "", "", err
	}
	return id, base64.StdEncoding.EncodeToString(b[8:38]), tokenPrefix + base64.StdEncoding.EncodeToString(b[38:]), nil
}
