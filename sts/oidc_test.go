package sts

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"
)

func jwt(t *testing.T, alg, kid string, claims map[string]any, sign func([]byte) []byte) string {
	t.Helper()
	h, _ := json.Marshal(map[string]string{"alg": alg, "kid": kid, "typ": "JWT"})
	c, _ := json.Marshal(claims)
	signed := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sum := sha256.Sum256([]byte(signed))
	return signed + "." + base64.RawURLEncoding.EncodeToString(sign(sum[:]))
}

func TestOIDCVerifier(t *testing.T) {
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	v := OIDCVerifier(OIDCKey{Issuer: ghIssuer, KeyID: "r1", Key: &rk.PublicKey}, OIDCKey{Issuer: ghIssuer, KeyID: "e1", Key: &ek.PublicKey})
	claims := map[string]any{"iss": ghIssuer, "sub": "repo:iamsim/iamsim:ref:refs/heads/main", "aud": "sts.amazonaws.com",
		"exp":                                    time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC).Unix(),
		"https://aws.amazon.com/tags":            map[string]any{"principal_tags": map[string][]string{"team": {"blue"}}, "transitive_tag_keys": []string{"team"}},
		"https://aws.amazon.com/source_identity": "alice"}
	rsaSign := func(k *rsa.PrivateKey) func([]byte) []byte {
		return func(sum []byte) []byte { s, _ := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum); return s }
	}
	ecSign := func(sum []byte) []byte {
		r, s, _ := ecdsa.Sign(rand.Reader, ek, sum)
		out := make([]byte, 64)
		r.FillBytes(out[:32])
		s.FillBytes(out[32:])
		return out
	}
	for _, tok := range []string{jwt(t, "RS256", "r1", claims, rsaSign(rk)), jwt(t, "ES256", "e1", claims, ecSign)} {
		c, err := v(tok)
		if err != nil {
			t.Fatal(err)
		}
		if c.Subject != "repo:iamsim/iamsim:ref:refs/heads/main" || len(c.Audience) != 1 || c.Audience[0] != "sts.amazonaws.com" ||
			c.SourceIdentity != "alice" || len(c.Tags) != 1 || c.Tags[0] != (Tag{"team", "blue"}) || c.Expiry.IsZero() {
			t.Errorf("%+v", c)
		}
	}
	for name, tok := range map[string]string{
		"another key":       jwt(t, "RS256", "r1", claims, rsaSign(other)),
		"unknown kid":       jwt(t, "RS256", "r9", claims, rsaSign(rk)),
		"alg none":          jwt(t, "none", "r1", claims, func([]byte) []byte { return nil }),
		"RSA key, ES alg":   jwt(t, "ES256", "r1", claims, ecSign),
		"not a JWT":         "eyJ.x",
		"tampered payload":  jwt(t, "RS256", "r1", claims, rsaSign(rk))[:20] + "x" + jwt(t, "RS256", "r1", claims, rsaSign(rk))[21:],
		"zero EC signature": jwt(t, "ES256", "e1", claims, func([]byte) []byte { return make([]byte, 64) }),
	} {
		if _, err := v(tok); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	noExp := map[string]any{"iss": ghIssuer, "sub": "x", "aud": "sts.amazonaws.com"}
	if _, err := v(jwt(t, "RS256", "r1", noExp, rsaSign(rk))); err == nil {
		t.Error("a token without exp was accepted")
	}
	// Through AssumeRoleWithWebIdentity: the verified claims decide.
	clk := newClock()
	s, err := New(testSet(t), &Config{Now: clk.now, WebIdentity: v})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := v(jwt(t, "RS256", "r1", claims, rsaSign(rk)))
	c.Tags, c.TransitiveTagKeys = nil, nil // the GitHub role's trust does not allow sts:TagSession
	c.SourceIdentity = ""
	if _, err := s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: oidcRole, RoleSessionName: "gh", Claims: c}); err != nil {
		t.Fatal(err)
	}
}
