package sts

import (
	"strings"
	"testing"
)

// The remaining parameter limits (AWS STS API Reference, each parameter's
// Length Constraints and Pattern), one case each: dropping a check fails
// its case.
func TestParameterLimits(t *testing.T) {
	s, _ := newService(t)
	base := func(mod func(*AssumeRoleInput)) AssumeRoleInput {
		in := AssumeRoleInput{RoleArn: devRole, RoleSessionName: "ok"}
		mod(&in)
		return in
	}
	serial := "arn:aws:iam::111111111111:mfa/alice"
	cases := []struct {
		name string
		in   AssumeRoleInput
		msg  string
	}{
		{"external id pattern", base(func(in *AssumeRoleInput) { in.ExternalID = "a b" }),
			`1 validation error detected: Value 'a b' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@:\/-]*`},
		{"external id of 1225", base(func(in *AssumeRoleInput) { in.ExternalID = strings.Repeat("e", 1225) }),
			"1 validation error detected: Value '" + strings.Repeat("e", 1225) + "' at 'externalId' failed to satisfy constraint: Member must have length less than or equal to 1224"},
		{"serial number of 8", base(func(in *AssumeRoleInput) { in.SerialNumber, in.TokenCode = "GAHT1234", "123456" }),
			"1 validation error detected: Value 'GAHT1234' at 'serialNumber' failed to satisfy constraint: Member must have length greater than or equal to 9"},
		{"serial number pattern", base(func(in *AssumeRoleInput) { in.SerialNumber, in.TokenCode = "GAHT 12345678", "123456" }),
			`1 validation error detected: Value 'GAHT 12345678' at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=/:,.@-]*`},
		{"token code of letters", base(func(in *AssumeRoleInput) { in.SerialNumber, in.TokenCode = serial, "12345a" }),
			`1 validation error detected: Value '12345a' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\d]*`},
		{"tag value of 257", base(func(in *AssumeRoleInput) { in.Tags = []Tag{{"k", strings.Repeat("v", 257)}} }),
			"1 validation error detected: Value '" + strings.Repeat("v", 257) + "' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"tag key pattern", base(func(in *AssumeRoleInput) { in.Tags = []Tag{{"a*b", "v"}} }),
			`1 validation error detected: Value 'a*b' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+`},
		{"empty tag key", base(func(in *AssumeRoleInput) { in.Tags = []Tag{{"", "v"}} }),
			"1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"51 transitive keys", base(func(in *AssumeRoleInput) {
			for i := range 51 {
				in.TransitiveTagKeys = append(in.TransitiveTagKeys, "k"+strings.Repeat("x", i))
			}
		}), ""},
		{"source identity of 65", base(func(in *AssumeRoleInput) { in.SourceIdentity = strings.Repeat("s", 65) }),
			"1 validation error detected: Value '" + strings.Repeat("s", 65) + "' at 'sourceIdentity' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"role ARN of 19", base(func(in *AssumeRoleInput) { in.RoleArn = "arn:aws:iam::1:role" }),
			"1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"},
		{"policy outside its character set", base(func(in *AssumeRoleInput) { in.Policy = "{\u0100}" }),
			"1 validation error detected: Value '{\u0100}' at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: " + patPolicy},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.AssumeRole(longTerm(t, s, alice), c.in)
			wantCode(t, err, CodeValidation, c.msg)
		})
	}
	_, err := s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "a b"})
	wantCode(t, err, CodeValidation, `1 validation error detected: Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`)
	_, err = s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: strings.Repeat("n", 33)})
	wantCode(t, err, CodeValidation, "1 validation error detected: Value '"+strings.Repeat("n", 33)+"' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32")
	big := strings.Repeat(" ", 2049)
	_, err = s.GetFederationToken(longTerm(t, s, alice), GetFederationTokenInput{Name: "Bob", Policy: big})
	wantCode(t, err, CodeValidation, "1 validation error detected: Value '"+big+"' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048")
}

// The role ARN names the role with its path: "to call the STS AssumeRole
// API, you need to provide that full ARN" (alphagov/gsp#336); a path left
// out or invented names no role.
func TestRoleARNNeedsItsPath(t *testing.T) {
	s, _ := newService(t)
	for _, a := range []string{"arn:aws:iam::111111111111:role/Dev", "arn:aws:iam::111111111111:role/other/Dev"} {
		_, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: a, RoleSessionName: "path"})
		wantCode(t, err, CodeAccessDenied, "User: "+alice+" is not authorized to perform: sts:AssumeRole on resource: "+a)
	}
}
