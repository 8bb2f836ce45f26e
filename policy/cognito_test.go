package policy

import (
	"slices"
	"testing"
)

// TestCognitoTrustWithoutCondition: "IAM requires that roles for identity
// pools have at least one trust policy condition" (Amazon Cognito
// Developer Guide, "Security best practices for Amazon Cognito identity
// pools"), so a trust policy that lets cognito-identity.amazonaws.com assume
// the role unconditionally is refused, and its near misses are not.
func TestCognitoTrustWithoutCondition(t *testing.T) {
	const aud = `"Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456790ab"}}`
	for _, tc := range []struct {
		name, stmt string
		refused    bool
	}{
		{"no condition", `{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`, true},
		{"China Regions form", `{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.cn-north-1.amazonaws.com.cn"}, "Action": "sts:AssumeRoleWithWebIdentity"}`, true},
		{"action by wildcard", `{"Effect": "Allow", "Principal": {"Federated": ["accounts.google.com", "cognito-identity.amazonaws.com"]}, "Action": "sts:AssumeRoleWith*"}`, true},
		{"with the aud condition", `{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", ` + aud + `}`, false},
		{"a Deny", `{"Effect": "Deny", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`, false},
		{"another provider", `{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`, false},
		{"another action", `{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:TagSession"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := MustParse("trust.json", doc(tc.stmt))
			has := func(fs []*Finding) bool {
				return slices.ContainsFunc(fs, func(f *Finding) bool { return f.Code == CodeCognitoTrustWithoutCondition })
			}
			if got := has(p.Refusals(Trust)); got != tc.refused {
				t.Errorf("Refusals(Trust) has %s: %t, want %t", CodeCognitoTrustWithoutCondition, got, tc.refused)
			}
			if got := has(p.Validate(Trust)); got != tc.refused {
				t.Errorf("Validate(Trust) has %s: %t, want %t", CodeCognitoTrustWithoutCondition, got, tc.refused)
			}
			if has(p.Validate(Identity)) || has(p.Refusals(Resource)) {
				t.Errorf("%s outside a trust policy", CodeCognitoTrustWithoutCondition)
			}
		})
	}
}

// TestRuleHasVariables: a statement holds a policy variable when a
// Resource entry or a condition value has one, read as Version 2012-10-17
// reads it; Version 2008-10-17 reads ${...} as text.
func TestRuleHasVariables(t *testing.T) {
	for _, tc := range []struct {
		version, stmt string
		want          bool
	}{
		{"2012-10-17", `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}`, true},
		{"2012-10-17", `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"s3:prefix": "${aws:userid}"}}}`, true},
		{"2012-10-17", `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"s3:prefix": "home"}}}`, false},
		{"2008-10-17", `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}`, false},
	} {
		p := MustParse("p.json", `{"Version": "`+tc.version+`", "Statement": [`+tc.stmt+`]}`)
		if got := p.Rules()[0].HasVariables(); got != tc.want {
			t.Errorf("%s %s: HasVariables %t, want %t", tc.version, tc.stmt, got, tc.want)
		}
	}
}
