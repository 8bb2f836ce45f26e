package sts

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

// An optional string parameter sent empty ("ExternalId=", as the SDKs send
// an empty non-nil string, sts-wire.md §1.1) is a value, and STS checks its
// length: ExternalId 2–1224, SerialNumber 9–256, TokenCode 6,
// SourceIdentity 2–64, Policy 1–2048 (AWS STS API Reference, AssumeRole,
// GetSessionToken and GetFederationToken, Length Constraints). It is not
// the same as leaving the parameter out.
func TestQueryEmptyOptionalParameters(t *testing.T) {
	s, clk := newService(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	base := func(action string, kv ...string) url.Values {
		v := url.Values{"Action": {action}, "Version": {"2011-06-15"}}
		if action == "AssumeRole" {
			v.Set("RoleArn", devRole)
			v.Set("RoleSessionName", "empty")
		}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	msg := func(member, min string) string {
		return "1 validation error detected: Value '' at '" + member + "' failed to satisfy constraint: Member must have length greater than or equal to " + min
	}
	cases := []struct {
		params url.Values
		msg    string
	}{
		{base("AssumeRole", "ExternalId", ""), msg("externalId", "2")},
		{base("AssumeRole", "SourceIdentity", ""), msg("sourceIdentity", "2")},
		{base("AssumeRole", "Policy", ""), msg("policy", "1")},
		{base("AssumeRole", "SerialNumber", "", "TokenCode", "123456"), msg("serialNumber", "9")},
		{base("GetSessionToken", "TokenCode", ""), msg("tokenCode", "6")},
		{base("GetFederationToken", "Name", "Bob", "Policy", ""), msg("policy", "1")},
		{base("AssumeRoleWithWebIdentity", "RoleArn", oidcRole, "RoleSessionName", "gh", "WebIdentityToken", "eyJ.x.y", "Policy", ""), msg("policy", "1")},
		{base("AssumeRoleWithSAML", "RoleArn", samlRole, "PrincipalArn", samlIdP, "SAMLAssertion", "PHNhbWw+", "Policy", ""), msg("policy", "1")},
	}
	for _, c := range cases {
		status, body, _ := call(t, s, clk, srv, aliceKey, aliceSec, "", c.params)
		code, m, _ := errorOf(t, body)
		if status != 400 || code != CodeValidation || m != c.msg {
			t.Errorf("%v: %d %s %q\nwant 400 %s %q", c.params, status, code, m, CodeValidation, c.msg)
		}
	}
	if status, body, _ := call(t, s, clk, srv, aliceKey, aliceSec, "", base("AssumeRole")); status != 200 {
		t.Errorf("without the optional parameters: %d %s", status, body)
	}
}
