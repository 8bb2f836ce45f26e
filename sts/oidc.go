package sts

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// OIDCKey is a public key of an OIDC provider, as its JWKS lists it.
type OIDCKey struct {
	Issuer string // the iss the tokens carry, such as https://token.actions.githubusercontent.com
	KeyID  string // kid; "" matches a token without one
	Key    crypto.PublicKey
}

// OIDCVerifier returns a Config.WebIdentity that verifies JSON Web Tokens
// signed with the given keys (RS256, RS384, RS512, ES256, ES384, ES512:
// "Tokens must be signed using either RSA keys (RS256, RS384, or RS512) or
// ECDSA keys (ES256, ES384, or ES512)", AWS STS API Reference,
// AssumeRoleWithWebIdentity, WebIdentityToken) and
// returns their claims: iss, sub, aud (a string or a list), amr, exp, and
// AWS's https://aws.amazon.com/tags (principal_tags, transitive_tag_keys)
// and https://aws.amazon.com/source_identity claims (IAM User Guide, "Pass
// session tags using AssumeRoleWithWebIdentity"). Expiry is checked by
// AssumeRoleWithWebIdentity against the Service's clock.
func OIDCVerifier(keys ...OIDCKey) func(token string) (*WebIdentityClaims, error) {
	return func(token string) (*WebIdentityClaims, error) {
		parts := strings.Split(token, ".")
		if len(parts) != 3 {
			return nil, errNotJWT
		}
		var head struct{ Alg, Kid string }
		var claims jwtClaims
		if err := decodeSegment(parts[0], &head); err != nil {
			return nil, err
		}
		if err := decodeSegment(parts[1], &claims); err != nil {
			return nil, err
		}
		sig, err := base64.RawURLEncoding.DecodeString(parts[2])
		if err != nil {
			return nil, errNotJWT
		}
		for _, k := range keys {
			if k.Issuer == claims.Iss && k.KeyID == head.Kid {
				if err := verifyJWS(head.Alg, k.Key, parts[0]+"."+parts[1], sig); err != nil {
					return nil, err
				}
				exp, err := claims.expiry()
				switch {
				case len(claims.Exp) == 0 || string(claims.Exp) == "null":
					return nil, invalidToken("The ID Token has no expiration time (exp).") // fail closed: a token that never expires
				case err != nil:
					// "Timestamps in the token must be formatted as
					// either an integer or a long integer" (AWS STS API
					// Reference, AssumeRoleWithWebIdentity,
					// WebIdentityToken).
					return nil, invalidToken("The ID Token's exp is not an integer.")
				case exp <= 0:
					return nil, invalidToken("The ID Token has no expiration time (exp).")
				}
				return claims.webIdentity(), nil
			}
		}
		return nil, invalidToken(fmt.Sprintf("No key of the issuer %s has the id %q", claims.Iss, head.Kid))
	}
}

// errNotJWT is InvalidIdentityToken for a token that is not a JWT.
var errNotJWT = invalidToken("The ID Token provided is not a valid JWT.")

func invalidToken(msg string) *Error {
	return &Error{Code: CodeInvalidIdentityToken, Message: msg, Status: http.StatusBadRequest}
}

type jwtClaims struct {
	Iss  string          `json:"iss"`
	Sub  string          `json:"sub"`
	Aud  json.RawMessage `json:"aud"`
	Amr  []string        `json:"amr"`
	Exp  json.RawMessage `json:"exp"`
	Tags *struct {
		PrincipalTags     map[string][]string `json:"principal_tags"`
		TransitiveTagKeys []string            `json:"transitive_tag_keys"`
	} `json:"https://aws.amazon.com/tags"`
	SourceIdentity string `json:"https://aws.amazon.com/source_identity"`
}

func (c *jwtClaims) webIdentity() *WebIdentityClaims {
	w := &WebIdentityClaims{Issuer: c.Iss, Subject: c.Sub, AMR: c.Amr, SourceIdentity: c.SourceIdentity}
	if exp, err := c.expiry(); err == nil && exp > 0 {
		w.Expiry = time.Unix(exp, 0)
	}
	var one string
	if json.Unmarshal(c.Aud, &one) == nil {
		w.Audience = []string{one}
	} else {
		_ = json.Unmarshal(c.Aud, &w.Audience)
	}
	if c.Tags != nil {
		for k, vs := range c.Tags.PrincipalTags {
			if len(vs) > 0 {
				w.Tags = append(w.Tags, Tag{Key: k, Value: vs[0]})
			}
		}
		w.TransitiveTagKeys = c.Tags.TransitiveTagKeys
	}
	return w
}

// expiry is the exp claim, which must be a JSON integer: a string, a
// fraction or an exponent is not one.
func (c *jwtClaims) expiry() (int64, error) {
	return strconv.ParseInt(string(c.Exp), 10, 64)
}

func decodeSegment(seg string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil || json.Unmarshal(b, v) != nil {
		return errNotJWT
	}
	return nil
}

// esCurve is the curve of each ECDSA JWS algorithm (RFC 7518 §3.4).
var esCurve = map[string]string{"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}

// verifyJWS checks a JWS signature (RFC 7518 §3.3, §3.4).
func verifyJWS(alg string, key crypto.PublicKey, signed string, sig []byte) error {
	var h hash.Hash
	var ch crypto.Hash
	switch alg[min(2, len(alg)):] {
	case "256":
		h, ch = sha256.New(), crypto.SHA256
	case "384":
		h, ch = sha512.New384(), crypto.SHA384
	case "512":
		h, ch = sha512.New(), crypto.SHA512
	default:
		return invalidToken(fmt.Sprintf("Unsupported signing algorithm %q", alg))
	}
	h.Write([]byte(signed))
	sum := h.Sum(nil)
	bad := invalidToken("The signature of the ID Token is not valid.")
	switch k := key.(type) {
	case *rsa.PublicKey:
		if !strings.HasPrefix(alg, "RS") || rsa.VerifyPKCS1v15(k, ch, sum, sig) != nil {
			return bad
		}
	case *ecdsa.PublicKey:
		// Each ES algorithm has its curve: ES256 P-256, ES384 P-384, ES512
		// P-521 (RFC 7518 §3.4); a key on another curve is refused.
		size := (k.Curve.Params().BitSize + 7) / 8
		if !strings.HasPrefix(alg, "ES") || len(sig) != 2*size || esCurve[alg] != k.Curve.Params().Name {
			return bad
		}
		r, s := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
		if !ecdsa.Verify(k, sum, r, s) {
			return bad
		}
	default:
		return bad
	}
	return nil
}
