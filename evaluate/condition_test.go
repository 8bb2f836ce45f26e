package evaluate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// allowIf returns an identity policy that allows s3:GetObject on every
// resource when the condition block holds.
func allowIf(t *testing.T, condition string) *policy.Policy {
	t.Helper()
	src := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":%s}]}`, condition)
	p, err := policy.ParseString("cond.json", src)
	if err != nil {
		t.Fatalf("parse %s: %v", condition, err)
	}
	return p
}

func userRequest(ctx map[string][]string) Request {
	return Request{
		Principal:       "arn:aws:iam::111111111111:user/alice",
		Action:          "s3:GetObject",
		Resource:        "arn:aws:s3:::photos/cat.jpg",
		ResourceAccount: "111111111111",
		Context:         ctx,
	}
}

func decideCondition(t *testing.T, condition string, ctx map[string][]string) bool {
	t.Helper()
	res, err := Evaluate(Policies{Identity: []*policy.Policy{allowIf(t, condition)}}, userRequest(ctx))
	if err != nil {
		t.Fatal(err)
	}
	return res.Decision == Allow
}

type ctx = map[string][]string

// TestConditionOperators checks each operator family against the rules of
// the IAM User Guide, "IAM JSON policy elements: Condition operators".
func TestConditionOperators(t *testing.T) {
	tests := []struct {
		reason    string
		condition string
		ctx       ctx
		want      bool
	}{
		// String condition operators.
		{"StringEquals matches the exact value", `{"StringEquals":{"aws:PrincipalTag/team":"photos"}}`, ctx{"aws:PrincipalTag/team": {"photos"}}, true},
		{"StringEquals is case-sensitive in values", `{"StringEquals":{"aws:PrincipalTag/team":"photos"}}`, ctx{"aws:PrincipalTag/team": {"Photos"}}, false},
		{"condition key names are case-insensitive", `{"StringEquals":{"AWS:PRINCIPALTAG/TEAM":"photos"}}`, ctx{"aws:principaltag/team": {"photos"}}, true},
		{"several values are ORed", `{"StringEquals":{"aws:PrincipalTag/team":["a","photos"]}}`, ctx{"aws:PrincipalTag/team": {"photos"}}, true},
		{"StringEquals treats * literally", `{"StringEquals":{"aws:PrincipalTag/team":"ph*"}}`, ctx{"aws:PrincipalTag/team": {"photos"}}, false},
		{"StringEquals with an absent key is false", `{"StringEquals":{"aws:PrincipalTag/team":"photos"}}`, nil, false},
		{"StringNotEquals with an absent key is true", `{"StringNotEquals":{"aws:PrincipalTag/team":"photos"}}`, nil, true},
		{"StringNotEquals with a listed value is false", `{"StringNotEquals":{"aws:PrincipalTag/team":["x","photos"]}}`, ctx{"aws:PrincipalTag/team": {"photos"}}, false},
		{"StringEqualsIgnoreCase folds case", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"PHOTOS"}}`, ctx{"aws:PrincipalTag/team": {"photos"}}, true},
		{"StringNotEqualsIgnoreCase folds case", `{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"PHOTOS"}}`, ctx{"aws:PrincipalTag/team": {"photos"}}, false},
		{"StringLike * spans slashes", `{"StringLike":{"s3:prefix":"home/*"}}`, ctx{"s3:prefix": {"home/alice/x"}}, true},
		{"StringLike ? is one character", `{"StringLike":{"s3:prefix":"a?c"}}`, ctx{"s3:prefix": {"abbc"}}, false},
		{"StringNotLike excludes the pattern", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx{"s3:prefix": {"tmp/x"}}, true},
		// Numeric.
		{"NumericEquals compares numbers, not text", `{"NumericEquals":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"10.0"}}, true},
		{"NumericNotEquals", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"11"}}, true},
		{"NumericLessThan", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"10"}}, false},
		{"NumericLessThanEquals", `{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"10"}}, true},
		{"NumericGreaterThan", `{"NumericGreaterThan":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"10.5"}}, true},
		{"NumericGreaterThanEquals", `{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, ctx{"s3:max-keys": {"9"}}, false},
		{"a JSON number operand", `{"NumericLessThan":{"s3:max-keys":100}}`, ctx{"s3:max-keys": {"99"}}, true},
		{"a request value that is not a number matches nothing", `{"NumericLessThan":{"s3:max-keys":"100"}}`, ctx{"s3:max-keys": {"many"}}, false},
		{"an operand that is not a number never matches", `{"NumericLessThanEquals":{"s3:max-keys":"abc"}}`, ctx{"s3:max-keys": {"1"}}, false},
		// Date.
		{"DateLessThan with ISO 8601", `{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`, ctx{"aws:CurrentTime": {"2026-11-29T12:00:00Z"}}, true},
		{"DateGreaterThan with epoch seconds in the request", `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01"}}`, ctx{"aws:CurrentTime": {"1767225600"}}, true},
		{"DateEquals across time zones", `{"DateEquals":{"aws:TokenIssueTime":"2024-06-30T12:00:00+02:00"}}`, ctx{"aws:TokenIssueTime": {"2024-06-30T10:00:00Z"}}, true},
		{"DateNotEquals", `{"DateNotEquals":{"aws:CurrentTime":"2024-06-30"}}`, ctx{"aws:CurrentTime": {"2024-06-30T00:00:00Z"}}, false},
		{"DateLessThanEquals at the instant", `{"DateLessThanEquals":{"aws:CurrentTime":"2024-06-30"}}`, ctx{"aws:CurrentTime": {"2024-06-30T00:00:00Z"}}, true},
		{"DateGreaterThanEquals", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2024-07"}}`, ctx{"aws:CurrentTime": {"2024-06-30T23:59:59Z"}}, false},
		{"the engine never reads the clock: aws:CurrentTime absent is false", `{"DateLessThan":{"aws:CurrentTime":"2999-01-01"}}`, nil, false},
		// Bool, Binary, IP, ARN, Null.
		{"Bool true", `{"Bool":{"aws:SecureTransport":"true"}}`, ctx{"aws:SecureTransport": {"true"}}, true},
		{"Bool with a JSON boolean", `{"Bool":{"aws:SecureTransport":true}}`, ctx{"aws:SecureTransport": {"false"}}, false},
		{"Bool absent is false", `{"Bool":{"aws:SecureTransport":"true"}}`, nil, false},
		{"BinaryEquals compares decoded bytes", `{"BinaryEquals":{"ex:blob":"QmluYXJ5VmFsdWU="}}`, ctx{"ex:blob": {"QmluYXJ5VmFsdWU="}}, true},
		{"BinaryEquals mismatch", `{"BinaryEquals":{"ex:blob":"QmluYXJ5VmFsdWU="}}`, ctx{"ex:blob": {"b3RoZXI="}}, false},
		{"IpAddress in an IPv4 block", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx{"aws:SourceIp": {"203.0.113.5"}}, true},
		{"IpAddress outside the block", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx{"aws:SourceIp": {"198.51.100.7"}}, false},
		{"IpAddress with IPv6", `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ctx{"aws:SourceIp": {"2001:db8:1234:5678::1"}}, true},
		{"IpAddress single address is /32", `{"IpAddress":{"aws:SourceIp":"203.0.113.5"}}`, ctx{"aws:SourceIp": {"203.0.113.5"}}, true},
		{"NotIpAddress outside", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx{"aws:SourceIp": {"198.51.100.7"}}, true},
		{"NotIpAddress absent is true", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, nil, true},
		{"ArnLike per component", `{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::photos*"}}`, ctx{"aws:SourceArn": {"arn:aws:s3:::photos-eu"}}, true},
		{"ArnEquals takes wildcards too", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111111111111:topic"}}`, ctx{"aws:SourceArn": {"arn:aws:sns:us-east-1:111111111111:topic"}}, true},
		{"ArnLike region star does not cross a colon", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:topic"}}`, ctx{"aws:SourceArn": {"arn:aws:sns:us-east-1:111111111111:topic"}}, false},
		{"ArnNotLike", `{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin*"}}`, nil, true},
		{"Null true: key absent", `{"Null":{"aws:TokenIssueTime":"true"}}`, nil, true},
		{"Null false: key present", `{"Null":{"aws:TokenIssueTime":"false"}}`, ctx{"aws:TokenIssueTime": {"2024-01-01T00:00:00Z"}}, true},
		{"Null true with the key present", `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx{"aws:TokenIssueTime": {"2024-01-01T00:00:00Z"}}, false},
		// IfExists.
		{"IfExists with the key absent holds", `{"StringLikeIfExists":{"ec2:InstanceType":"t3.*"}}`, nil, true},
		{"IfExists with the key present is evaluated", `{"StringLikeIfExists":{"ec2:InstanceType":"t3.*"}}`, ctx{"ec2:InstanceType": {"m5.large"}}, false},
		{"negated IfExists with the key absent holds", `{"StringNotEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}`, nil, true},
		// Set operators.
		{"ForAllValues with every value listed", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx{"aws:TagKeys": {"team", "env"}}, true},
		{"ForAllValues with one value unlisted", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx{"aws:TagKeys": {"team", "cost"}}, false},
		{"ForAllValues with the key absent holds", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, nil, true},
		{"ForAllValues with an empty list holds", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx{"aws:TagKeys": {}}, true},
		{"ForAnyValue with one value listed", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx{"aws:TagKeys": {"team", "env"}}, true},
		{"ForAnyValue with the key absent fails", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, nil, false},
		{"ForAllValues:StringNotEquals: no value may match", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctx{"aws:TagKeys": {"team", "secret"}}, false},
		{"ForAnyValue:StringNotEquals: one value must not match", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["secret"]}}`, ctx{"aws:TagKeys": {"team", "secret"}}, true},
		{"ForAnyValue:StringLike", `{"ForAnyValue:StringLike":{"aws:TagKeys":"te*"}}`, ctx{"aws:TagKeys": {"env", "team"}}, true},
		// Several keys and operators are ANDed.
		{"two keys: both must hold", `{"StringEquals":{"aws:PrincipalTag/team":"photos","aws:PrincipalTag/env":"prod"}}`, ctx{"aws:PrincipalTag/team": {"photos"}, "aws:PrincipalTag/env": {"dev"}}, false},
		{"two operators: both must hold", `{"StringEquals":{"aws:PrincipalTag/team":"photos"},"Bool":{"aws:SecureTransport":"true"}}`, ctx{"aws:PrincipalTag/team": {"photos"}, "aws:SecureTransport": {"true"}}, true},
		// Policy variables in condition values.
		{"a variable in a condition value", `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx{"s3:prefix": {"home/alice"}}, true},
		{"a variable with no value: StringEquals fails", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/dept}"}}`, ctx{"s3:prefix": {""}}, false},
		{"a variable with no value: StringNotEquals holds", `{"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/dept}"}}`, ctx{"s3:prefix": {"x"}}, true},
		{"a default value stands in for a missing variable", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/dept, 'none'}"}}`, ctx{"s3:prefix": {"none"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			if got := decideCondition(t, tt.condition, tt.ctx); got != tt.want {
				t.Errorf("%s with context %v: allowed = %t, want %t", tt.condition, tt.ctx, got, tt.want)
			}
		})
	}
}

func TestMissingContextKeysReported(t *testing.T) {
	res, err := Evaluate(Policies{Identity: []*policy.Policy{allowIf(t, `{"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`)}}, userRequest(nil))
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != ImplicitDeny {
		t.Fatalf("decision %v, want ImplicitDeny", res.Decision)
	}
	if len(res.MissingContextKeys) == 0 || res.MissingContextKeys[0] != "aws:SecureTransport" {
		t.Errorf("missing keys %v, want aws:SecureTransport first", res.MissingContextKeys)
	}
	if !strings.Contains(res.String(), "aws:SecureTransport") {
		t.Errorf("explanation does not name the missing key: %s", res)
	}
}
