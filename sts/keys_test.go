package sts

import (
	"crypto/rand"
	"strings"
	"testing"
)

// The example key of awsteele.com/blog/2020/09/26/aws-access-key-format.html
// (decoded there independently of this package).
func TestAccessKeyAccountKnownKey(t *testing.T) {
	got, ok := AccessKeyAccount("ASIAY34FZKBOKMUTVV7A")
	if !ok || got != "609629065308" {
		t.Errorf("AccessKeyAccount(ASIAY34FZKBOKMUTVV7A) = %q, %v; want 609629065308", got, ok)
	}
}

func TestAccessKeyIDEncodesAccount(t *testing.T) {
	for _, acct := range []string{"000000000001", "000000000000", "111111111111", "123456789012", "999999999999", "609629065308"} {
		for range 20 {
			id, err := newAccessKeyID("ASIA", acct, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if len(id) != 20 || !strings.HasPrefix(id, "ASIA") {
				t.Fatalf("%s: id %q is not ASIA and 16 characters", acct, id)
			}
			for _, c := range id[4:] {
				if !strings.ContainsRune(keyAlphabet, c) {
					t.Fatalf("%s: id %q has %q outside A-Z2-7", acct, id, c)
				}
			}
			if got, ok := AccessKeyAccount(id); !ok || got != acct {
				t.Fatalf("AccessKeyAccount(%s) = %q, %v; want %s", id, got, ok, acct)
			}
		}
	}
}

func TestAccessKeyAccountRefuses(t *testing.T) {
	for _, id := range []string{"", "ASIA", "XXXXY34FZKBOKMUTVV7A", "ASIAY34FZKBOKMUTVV7", "ASIAY34FZKB0KMUTVV7A", "ASIA7777777777777777"} {
		if got, ok := AccessKeyAccount(id); ok {
			t.Errorf("AccessKeyAccount(%q) = %q, true; want false", id, got)
		}
	}
}

func TestNewAccessKeyIDRefusesBadAccount(t *testing.T) {
	for _, a := range []string{"", "12345", "abcdefghijkl", "1234567890123"} {
		if _, err := newAccessKeyID("ASIA", a, rand.Reader); err == nil {
			t.Errorf("newAccessKeyID(%q) succeeded", a)
		}
	}
}

func TestSecretsAreRandom(t *testing.T) {
	a, _ := newSecret(rand.Reader)
	b, _ := newSecret(rand.Reader)
	if len(a) != 40 || a == b {
		t.Errorf("secrets %q %q: want two different 40-character secrets", a, b)
	}
	x, _ := newToken(rand.Reader)
	y, _ := newToken(rand.Reader)
	if x == y || len(x) < 100 {
		t.Errorf("tokens not random or too short: %d", len(x))
	}
}

// Config.Rand is the only source of randomness: the same bytes give the
// same credentials.
func TestInjectedRand(t *testing.T) {
	ids := make([]string, 2)
	for i := range ids {
		clk := newClock()
		s, err := New(testSet(t), &Config{Now: clk.now, Rand: fixedRand()})
		if err != nil {
			t.Fatal(err)
		}
		sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "det"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = sess.Credentials().AccessKeyID + sess.Credentials().SecretAccessKey.Reveal()
	}
	if ids[0] != ids[1] {
		t.Error("the same Rand gave different credentials")
	}
}
