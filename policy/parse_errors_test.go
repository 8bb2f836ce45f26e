package policy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		src    string
		want   []at
		msg    string // a part of the first error's message, when it matters
	}{
		{
			name:   "trailing comma",
			reason: "RFC 8259 has no trailing commas; the error is at the '}' that follows one",
			src:    stmt(effect, action, resource+","),
			want:   []at{{"JSON_SYNTAX_ERROR", 8, 5, ""}},
		},
		{
			name:   "trailing comma CRLF",
			reason: "CR LF is one line break: the column must not count the CR",
			src:    strings.ReplaceAll(stmt(effect, action, resource+","), "\n", "\r\n"),
			want:   []at{{"JSON_SYNTAX_ERROR", 8, 5, ""}},
		},
		{
			name:   "lone CR",
			reason: "a lone CR also ends a line",
			src:    "{\r  \"Version\": \"2012-10-17\",\r  \"Statement\": [}\r}",
			want:   []at{{"JSON_SYNTAX_ERROR", 3, 17, ""}},
		},
		{
			name:   "truncated",
			reason: "at the end of the input the error is just past the last byte",
			src:    "{\n  \"Version\": \"2012-10-17\"",
			want:   []at{{"JSON_SYNTAX_ERROR", 2, 26, ""}},
		},
		{
			name:   "missing comma",
			reason: "the parser stops at the token where a comma was due",
			src:    stmt(effect, action+"\n      "+resource),
			want:   []at{{"JSON_SYNTAX_ERROR", 7, 7, ""}},
		},
		{
			name:   "not an object",
			reason: "a policy is a JSON object; the error points at the first non-space byte",
			src:    "\n  [\"Statement\"]",
			want:   []at{{"JSON_SYNTAX_ERROR", 2, 3, ""}},
		},
		{
			name:   "unknown top-level element and missing Statement",
			reason: "a misspelt Statement is unknown, and the policy then has no Statement; both are reported, in source order",
			src:    "{\n  \"Version\": \"2012-10-17\",\n  \"Statment\": []\n}",
			want: []at{
				{"MISSING_STATEMENT", 1, 1, ""},
				{"INVALID_POLICY_ELEMENT", 3, 3, "Statment"},
			},
		},
		{
			name:   "unknown element in a statement, case",
			reason: "element names are case-sensitive; the key is reported, and the Action it was meant to be is missing",
			src:    stmt(effect, `"action": "s3:GetObject"`, resource),
			want: []at{
				{"MISSING_ACTION", 4, 5, "Statement[0]"},
				{"INVALID_POLICY_ELEMENT", 6, 7, "Statement[0].action"},
			},
			msg: `did you mean "Action"?`,
		},
		{
			name:   "duplicate key",
			reason: "encoding/json keeps the last of two equal keys silently; IAM rejects the document. The second is reported",
			src:    stmt(effect, action, `"Effect": "Deny"`, resource),
			want:   []at{{"DUPLICATE_KEY", 7, 7, "Statement[0].Effect"}},
		},
		{
			name:   "duplicate key by escape",
			reason: "\"Eff\\u0065ct\" is the key Effect once decoded",
			src:    stmt(effect, action, `"Eff\u0065ct": "Deny"`, resource),
			want:   []at{{"DUPLICATE_KEY", 7, 7, "Statement[0].Effect"}},
		},
		{
			name:   "duplicate top-level Version",
			reason: "top-level keys are unique too",
			src:    "{\n  \"Version\": \"2012-10-17\",\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}\n}",
			want:   []at{{"DUPLICATE_KEY", 3, 3, "Version"}},
		},
		{
			name:   "wrong types",
			reason: "Id and Sid are strings, Action a string or list of strings, Resource too, Condition an object: each value is reported where it is",
			src: "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": 7,\n  \"Statement\": [\n    {\n" +
				"      \"Sid\": true,\n" +
				"      \"Effect\": \"Allow\",\n" +
				"      \"Action\": [\"s3:GetObject\", 3],\n" +
				"      \"Resource\": {\"arn\": \"x\"},\n" +
				"      \"Condition\": [\"StringEquals\"]\n" +
				"    }\n  ]\n}",
			want: []at{
				{"DATA_TYPE_MISMATCH", 3, 9, "Id"},
				{"DATA_TYPE_MISMATCH", 6, 14, "Statement[0].Sid"},
				{"DATA_TYPE_MISMATCH", 8, 34, "Statement[0].Action[1]"},
				{"DATA_TYPE_MISMATCH", 9, 19, "Statement[0].Resource"},
				{"DATA_TYPE_MISMATCH", 10, 20, "Statement[0].Condition"},
			},
		},
		{
			name:   "Statement a string",
			reason: "Statement is an object or a list of objects",
			src:    "{\n  \"Statement\": \"Allow\"\n}",
			want:   []at{{"DATA_TYPE_MISMATCH", 2, 16, "Statement"}},
		},
		{
			name:   "statement not an object",
			reason: "each entry of the Statement list is an object; the good ones are still checked",
			src:    "{\n  \"Statement\": [\n    \"Allow\",\n    {\"Effect\": \"Allow\", \"Action\": \"s3:x\", \"Resource\": \"*\"}\n  ]\n}",
			want:   []at{{"DATA_TYPE_MISMATCH", 3, 5, "Statement[0]"}},
		},
		{
			name:   "condition value an object",
			reason: "a condition value is a string, number or boolean",
			src:    stmt(effect, action, resource, `"Condition": {"StringEquals": {"aws:username": {"a": "b"}}}`),
			want:   []at{{"DATA_TYPE_MISMATCH", 8, 54, "Statement[0].Condition.StringEquals.aws:username"}},
		},
		{
			name:   "Version not a version",
			reason: "Version is one of two dates; YAML turns 2012-10-17 into a timestamp",
			src:    "{\n  \"Version\": \"2012-10-18\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}\n}",
			want:   []at{{"INVALID_VERSION", 2, 14, "Version"}},
		},
		{
			name:   "missing Effect",
			reason: "a missing element is reported at the '{' of the object that lacks it",
			src:    stmt(action, resource),
			want:   []at{{"MISSING_EFFECT", 4, 5, "Statement[0]"}},
		},
		{
			name:   "Effect lower case",
			reason: "Effect is case-sensitive",
			src:    stmt(`"Effect": "allow"`, action, resource),
			want:   []at{{"INVALID_EFFECT", 5, 17, "Statement[0].Effect"}},
			msg:    "case-sensitive",
		},
		{
			name:   "Effect a boolean",
			reason: "Effect is a string",
			src:    stmt(`"Effect": true`, action, resource),
			want:   []at{{"INVALID_EFFECT", 5, 17, "Statement[0].Effect"}},
		},
		{
			name:   "Action and NotAction",
			reason: "mutually exclusive elements: the later key is reported",
			src:    stmt(effect, action, `"NotAction": "s3:PutObject"`, resource),
			want:   []at{{"UNSUPPORTED_ELEMENT_COMBINATION", 7, 7, "Statement[0].NotAction"}},
		},
		{
			name:   "Resource and NotResource",
			reason: "mutually exclusive elements: the later key is reported",
			src:    stmt(effect, action, `"NotResource": "*"`, resource),
			want:   []at{{"UNSUPPORTED_ELEMENT_COMBINATION", 8, 7, "Statement[0].Resource"}},
		},
		{
			name:   "Principal and NotPrincipal",
			reason: "mutually exclusive elements: the later key is reported",
			src:    stmt(effect, `"NotPrincipal": "*"`, `"Principal": "*"`, action, resource),
			want:   []at{{"UNSUPPORTED_ELEMENT_COMBINATION", 7, 7, "Statement[0].Principal"}},
		},
		{
			name:   "missing Action",
			reason: "a statement needs Action or NotAction",
			src:    stmt(effect, resource),
			want:   []at{{"MISSING_ACTION", 4, 5, "Statement[0]"}},
		},
		{
			name:   "bad action formats",
			reason: "an action is service:action; every bad value of the list is reported at the value",
			src:    stmt(effect, `"Action": ["s3GetObject", "s3:Get:Object", ":GetObject", "s3:", "s3:Get Object", "s 3:x"]`, resource),
			want: []at{
				{"INVALID_ACTION_FORMAT", 6, 18, "Statement[0].Action"},
				{"INVALID_ACTION_FORMAT", 6, 33, "Statement[0].Action"},
				{"INVALID_ACTION_FORMAT", 6, 50, "Statement[0].Action"},
				{"INVALID_ACTION_FORMAT", 6, 64, "Statement[0].Action"},
				{"INVALID_ACTION_FORMAT", 6, 71, "Statement[0].Action"},
				{"INVALID_ACTION_FORMAT", 6, 88, "Statement[0].Action"},
			},
		},
		{
			name:   "bad resources",
			reason: "a resource is \"*\" or an ARN of six components with a known partition and a service",
			src:    stmt(effect, action, `"Resource": ["photos", "arn:aws:s3", "arn:aws-foo:s3:::x", "arn:aws::::x", "arn:aws:s3:::ok"]`),
			want: []at{
				{"INVALID_ARN_PREFIX", 7, 20, "Statement[0].Resource"},
				{"MISSING_ARN_FIELD", 7, 30, "Statement[0].Resource"},
				{"INVALID_PARTITION", 7, 44, "Statement[0].Resource"},
				{"MISSING_ARN_FIELD", 7, 66, "Statement[0].Resource"},
			},
		},
		{
			name:   "variable errors",
			reason: "${} names no key, ${ needs its }, a default value is in single quotes",
			src:    stmt(effect, action, `"Resource": ["arn:aws:s3:::b/${}", "arn:aws:s3:::b/${aws:username", "arn:aws:s3:::b/${aws:username, anonymous}"]`),
			want: []at{
				{"EMPTY_VARIABLE", 7, 20, "Statement[0].Resource"},
				{"MISSING_BRACE_IN_VARIABLE", 7, 42, "Statement[0].Resource"},
				{"MISSING_QUOTE_IN_VARIABLE", 7, 75, "Statement[0].Resource"},
			},
		},
		{
			name:   "variable error in a condition value",
			reason: "condition values are templates too",
			src:    stmt(effect, action, resource, `"Condition": {"StringLike": {"s3:prefix": "home/${aws:username/*"}}`),
			want:   []at{{"MISSING_BRACE_IN_VARIABLE", 8, 49, "Statement[0].Condition.StringLike.s3:prefix"}},
		},
		{
			name:   "misspelt operator",
			reason: "an unknown operator is reported at its key with the closest name",
			src:    stmt(effect, action, resource, `"Condition": {"StringEqual": {"aws:username": "bob"}}`),
			want:   []at{{"INVALID_CONDITION_OPERATOR", 8, 21, "Statement[0].Condition.StringEqual"}},
			msg:    `did you mean "StringEquals"?`,
		},
		{
			name:   "misspelt qualifier",
			reason: "the qualifier is ForAnyValue, without s",
			src:    stmt(effect, action, resource, `"Condition": {"ForAnyValues:StringLike": {"aws:TagKeys": "a*"}}`),
			want:   []at{{"INVALID_CONDITION_OPERATOR", 8, 21, "Statement[0].Condition.ForAnyValues:StringLike"}},
			msg:    `did you mean "ForAnyValue:StringLike"?`,
		},
		{
			name:   "Null IfExists",
			reason: "IfExists cannot qualify Null",
			src:    stmt(effect, action, resource, `"Condition": {"NullIfExists": {"aws:TokenIssueTime": "true"}}`),
			want:   []at{{"NULL_WITH_IF_EXISTS", 8, 21, "Statement[0].Condition.NullIfExists"}},
		},
		{
			name:   "bad date",
			reason: "a Date operand is ISO 8601 or epoch seconds; IAM rejects others",
			src:    stmt(effect, action, resource, `"Condition": {"DateGreaterThan": {"aws:CurrentTime": "yesterday"}}`),
			want:   []at{{"TYPE_MISMATCH_DATE", 8, 60, "Statement[0].Condition.DateGreaterThan.aws:CurrentTime"}},
		},
		{
			name:   "several Bool values",
			reason: "Bool takes one value; the list is reported",
			src:    stmt(effect, action, resource, `"Condition": {"Bool": {"aws:SecureTransport": ["true", "false"]}}`),
			want:   []at{{"INVALID_CONDITION_MULTIPLE_BOOLEAN", 8, 53, "Statement[0].Condition.Bool.aws:SecureTransport"}},
		},
		{
			name:   "condition keys differing in case",
			reason: "condition keys are case-insensitive: the second is a duplicate",
			src:    stmt(effect, action, resource, `"Condition": {"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}`),
			want:   []at{{"DUPLICATE_KEYS_WITH_DIFFERENT_CASE", 8, 59, "Statement[0].Condition.StringEquals.AWS:UserName"}},
		},
		{
			name:   "condition key twice",
			reason: "an exact duplicate is a plain duplicate key",
			src:    stmt(effect, action, resource, `"Condition": {"StringEquals": {"aws:username": "a", "aws:username": "b"}}`),
			want:   []at{{"DUPLICATE_KEY", 8, 59, "Statement[0].Condition.StringEquals.aws:username"}},
		},
		{
			name:   "condition key without prefix",
			reason: "a condition key has a service prefix",
			src:    stmt(effect, action, resource, `"Condition": {"StringEquals": {"username": "a"}}`),
			want:   []at{{"INVALID_CONDITION_KEY_FORMAT", 8, 38, "Statement[0].Condition.StringEquals.username"}},
		},
		{
			name:   "empty Statement",
			reason: "a policy needs a statement; reported at the '['",
			src:    "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}",
			want:   []at{{"MISSING_STATEMENT", 3, 16, "Statement"}},
		},
		{
			name:   "principal formats",
			reason: "a principal other than \"*\" is an object; AWS values are \"*\", an account or an IAM/STS ARN without wildcards; Service values are service names; Federated values are providers",
			src: stmt(effect, action, resource, `"Principal": {`+
				`"AWS": ["bob", "arn:aws:iam::123456789012:user/*", "arn:aws:s3:::bucket", "arn:aws:iam::12:user/x"], `+
				`"Service": "not a service", "Federated": "bad provider", "Aws": "*"}`),
			want: []at{
				{"INVALID_PRINCIPAL_FORMAT", 8, 29, "Statement[0].Principal.AWS"},
				{"UNSUPPORTED_WILDCARD_IN_PRINCIPAL", 8, 36, "Statement[0].Principal.AWS"},
				{"INVALID_ARN_PRINCIPAL", 8, 72, "Statement[0].Principal.AWS"},
				{"INVALID_ARN_PRINCIPAL", 8, 95, "Statement[0].Principal.AWS"},
				{"INVALID_SERVICE_PRINCIPAL_FORMAT", 8, 133, "Statement[0].Principal.Service"},
				{"INVALID_FEDERATED_PRINCIPAL", 8, 163, "Statement[0].Principal.Federated"},
				{"INVALID_PRINCIPAL_KEY", 8, 179, "Statement[0].Principal.Aws"},
			},
		},
		{
			name:   "bare ARN principal",
			reason: "an ARN principal is written {\"AWS\": ARN}",
			src:    stmt(effect, `"Principal": "arn:aws:iam::123456789012:root"`, action, resource),
			want:   []at{{"INVALID_PRINCIPAL_FORMAT", 6, 20, "Statement[0].Principal"}},
		},
		{
			name:   "group principal",
			reason: "IAM User Guide, 'AWS JSON policy elements: Principal' > 'Specifying a principal': \"You cannot identify a user group as a principal in a policy\"",
			src:    stmt(effect, `"Principal": {"AWS": "arn:aws:iam::123456789012:group/Admins"}`, action, resource),
			want:   []at{{"INVALID_ARN_PRINCIPAL", 6, 28, "Statement[0].Principal.AWS"}},
		},
		{
			name:   "federated ARN of no identity provider",
			reason: "IAM User Guide, 'AWS JSON policy elements: Principal' (a SAML principal is arn:aws:iam::ACCOUNT:saml-provider/NAME) and 'IAM Access Analyzer policy check reference' > 'Error – Invalid federated principal syntax in role trust policy' ('Update the federated principal to a domain name or a SAML metadata ARN'); OIDC providers are arn:aws:iam::ACCOUNT:oidc-provider/HOST",
			src:    stmt(effect, `"Principal": {"Federated": ["arn:aws:iam::123456789012:oidc-provider/example.com", "arn:aws:s3:::idp"]}`, action, resource),
			want:   []at{{"INVALID_FEDERATED_PRINCIPAL", 6, 90, "Statement[0].Principal.Federated"}},
		},
		{
			name:   "principal a list",
			reason: "a principal is \"*\" or an object",
			src:    stmt(effect, `"Principal": ["*"]`, action, resource),
			want:   []at{{"INVALID_PRINCIPAL_FORMAT", 6, 20, "Statement[0].Principal"}},
		},
		{
			name:   "character outside Latin-1",
			reason: "policies hold TAB, LF, CR and U+0020 to U+00FF; the first offending character is reported",
			src:    stmt(effect, action, resource, `"Condition": {"StringEquals": {"aws:PrincipalTag/city": "東京"}}`),
			want:   []at{{"INVALID_CHARACTER", 8, 64, ""}},
		},
		{
			name:   "escaped character outside Latin-1",
			reason: "the character set applies to the decoded text: \\u20ac is the euro sign",
			src:    stmt(effect, action, resource, `"Condition": {"StringEquals": {"aws:PrincipalTag/cur": "\u20ac"}}`),
			want:   []at{{"INVALID_CHARACTER", 8, 63, ""}},
		},
		{
			name:   "escaped control character",
			reason: "\\u0001 and \\b stand for control characters",
			src:    stmt(effect, action, `"Resource": "arn:aws:s3:::a\bc"`),
			want:   []at{{"INVALID_CHARACTER", 7, 34, ""}},
		},
		{
			name:   "invalid UTF-8",
			reason: "Latin-1 text is written in UTF-8; a raw Latin-1 byte is not valid UTF-8",
			src:    stmt(effect, action, "\"Resource\": \"arn:aws:s3:::caf\xe9\""),
			want:   []at{{"INVALID_CHARACTER", 7, 36, ""}},
		},
		{
			name:   "Latin-1 text counts bytes in columns",
			reason: "columns count bytes: the é before the bad value is two bytes",
			src:    stmt(effect, `"Sid": "é"`, `"Action": "x"`, resource),
			want:   []at{{"INVALID_ACTION_FORMAT", 7, 17, "Statement[0].Action"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := parseErrors(t, tt.src)
			if diff := cmp.Diff(tt.want, findingsAt(errs)); diff != "" {
				t.Errorf("%s\nerrors (-want +got):\n%s\n%v", tt.reason, diff, errs)
			}
			if tt.msg != "" && !strings.Contains(fmt.Sprint([]*Finding(errs)), tt.msg) {
				t.Errorf("%s\nno message contains %q: %v", tt.reason, tt.msg, []*Finding(errs))
			}
			for _, f := range errs {
				if f.Severity != Error || f.Policy != "test.json" {
					t.Errorf("finding %v: severity %v, policy %q", f, f.Severity, f.Policy)
				}
			}
		})
	}
}
