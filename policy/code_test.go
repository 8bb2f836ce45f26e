package policy

import (
	"slices"
	"strings"
	"testing"
)

// getStmt writes a statement of an Allow of s3:GetObject on a bucket, with
// extra (a list of members) replacing or adding elements.
func getStmt(extra string) string {
	return `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"` + extra + `}`
}

// cond writes a statement with the Condition block c.
func cond(c string) string { return doc(getStmt(`, "Condition": ` + c)) }

// codeCases gives, for each code, a policy and a kind whose Check reports
// it. TestEveryCode requires one for every code of the table.
var codeCases = []struct {
	code Code
	kind Kind
	src  string
}{
	{CodeJSONSyntaxError, Identity, `{"Version": "2012-10-17",`},
	{CodeInvalidCharacter, Identity, doc(`{"Sid": "x\u0100", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`)},
	{CodePolicyTooLarge, Identity, `{"Id": "` + strings.Repeat("a", MaxSourceBytes) + `"}`},
	{CodeTooManyValues, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [` + strings.Repeat(`"*",`, MaxValues) + `"*"]}`)},
	{CodeDuplicateKey, Identity, doc(`{"Effect": "Allow", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`)},
	{CodeDataTypeMismatch, Identity, doc(`{"Effect": "Allow", "Action": 3, "Resource": "*"}`)},
	{CodeMissingVersion, Resource, `{"Statement": ` + bucketPol + `}`},
	{CodeInvalidVersion, Identity, `{"Version": "2012-10-18", "Statement": ` + s3Read + `}`},
	{CodeMissingStatement, Identity, `{"Version": "2012-10-17"}`},
	{CodeInvalidPolicyElement, Identity, doc(getStmt(`, "action": "s3:PutObject"`))},
	{CodeInvalidEffect, Identity, doc(`{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}`)},
	{CodeMissingEffect, Identity, doc(`{"Action": "s3:GetObject", "Resource": "*"}`)},
	{CodeMissingAction, Identity, doc(`{"Effect": "Allow", "Resource": "*"}`)},
	{CodeUnsupportedElementCombination, Identity, doc(getStmt(`, "NotAction": "s3:PutObject"`))},
	{CodeUnsupportedElementCombination, Identity, doc(getStmt(`, "NotResource": "*"`))},
	{CodeUnsupportedElementCombination, Resource, doc(getStmt(`, "Principal": "*", "NotPrincipal": "*"`))},
	{CodeUniqueSidsRequired, Identity, doc(getStmt(`, "Sid": "A"`), getStmt(`, "Sid": "A"`))},
	{CodeUnsupportedSid, Identity, doc(getStmt(`, "Sid": "read-photos"`))},
	{CodeInvalidActionFormat, Identity, doc(`{"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}`)},
	{CodeInvalidAction, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}`)},
	{CodeInvalidServiceInAction, Identity, doc(`{"Effect": "Allow", "Action": "nosuchservice:Get", "Resource": "*"}`)},
	{CodeInvalidARNPrefix, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "photos"}`)},
	{CodeInvalidPartition, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:nope:s3:::b"}`)},
	{CodeMissingBraceInVariable, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username"}`)},
	{CodeEmptyVariable, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${}"}`)},
	{CodeMissingQuoteInVariable, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username, x}"}`)},
	{CodeInvalidVariableForOperator, Identity, cond(`{"NumericLessThan": {"s3:max-keys": "${aws:username}"}}`)},
	{CodeVariableUnsupportedInVersion, Identity, `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}}`},
	{CodeInvalidPrincipalFormat, Resource, doc(getStmt(`, "Principal": "123456789012"`))},
	{CodeUnsupportedWildcardInPrincipal, Resource, doc(getStmt(`, "Principal": {"AWS": "arn:aws:iam::123456789012:role/*"}`))},
	{CodeInvalidARNPrincipal, Resource, doc(getStmt(`, "Principal": {"AWS": "arn:aws:s3:::b"}`))},
	{CodeInvalidServicePrincipalFormat, Resource, doc(getStmt(`, "Principal": {"Service": "ec2"}`))},
	{CodeInvalidFederatedPrincipal, Resource, doc(`{"Effect": "Allow", "Principal": {"Federated": "a b"}, "Action": "sts:AssumeRoleWithWebIdentity"}`)},
	{CodeUniqueIDPrincipal, Resource, doc(getStmt(`, "Principal": {"AWS": "AGPAJQABLZS4A3QDU576Q"}`))},
	{CodeUnsupportedPrincipal, Identity, doc(getStmt(`, "Principal": "*"`))},
	{CodeMissingPrincipal, Resource, doc(s3Read)},
	{CodeRoleTrustPolicySyntaxErrorNotPrincipal, Trust, doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}`)},
	{CodeRoleTrustPolicySyntaxErrorResource, Trust, doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`)},
	{CodeMissingResource, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject"}`)},
	{CodeMismatchedActionForPrincipal, Trust, doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRoleWithSAML"}`)},
	{CodeTrustPolicyNonSTSAction, Trust, doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "s3:GetObject"}`)},
	{CodeTrustPolicyAllowsAnyPrincipal, Trust, doc(`{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}`)},
	{CodeRCPSyntaxErrorPrincipal, RCP, doc(`{"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "*"}`)},
	{CodeRCPSyntaxErrorNotAction, RCP, doc(`{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}`)},
	{CodeRCPSyntaxErrorAllow, RCP, doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`)},
	{CodeRCPStarAction, RCP, doc(`{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}`)},
	{CodePolicySizeExceedsIdentityQuota, InlineUser, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::` + strings.Repeat("b", 2100) + `"}`)},
	{CodeAllowAllActionsOnAllResources, Identity, doc(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`)},
	{CodePassRoleWithStarInResource, Identity, doc(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`)},
	{CodePublicAccess, Resource, doc(getStmt(`, "Principal": "*"`))},
	{CodeAllowWithNotPrincipal, Resource, doc(getStmt(`, "NotPrincipal": {"AWS": "123456789012"}`))},
	{CodeAllowWithNotAction, Identity, doc(`{"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "*"}`)},
	{CodeAllowWithNotResource, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "*"}`)},
	{CodeInvalidConditionOperator, Identity, cond(`{"StringEqual": {"aws:username": "a"}}`)},
	{CodeNullWithIfExists, Identity, cond(`{"NullIfExists": {"aws:username": "true"}}`)},
	{CodeNullWithQualifier, Identity, cond(`{"ForAnyValue:Null": {"aws:TagKeys": "true"}}`)},
	{CodeDuplicateKeysWithDifferentCase, Identity, cond(`{"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}`)},
	{CodeInvalidConditionKeyFormat, Identity, cond(`{"StringEquals": {"username": "a"}}`)},
	{CodeInvalidConditionMultipleBoolean, Identity, cond(`{"Bool": {"aws:SecureTransport": ["true", "false"]}}`)},
	{CodeTypeMismatchDate, Identity, cond(`{"DateLessThan": {"aws:CurrentTime": "tomorrow"}}`)},
	{CodeTypeMismatchNumber, Identity, cond(`{"NumericLessThan": {"s3:max-keys": "ten"}}`)},
	{CodeTypeMismatchBoolean, Identity, cond(`{"Bool": {"aws:SecureTransport": "yes"}}`)},
	{CodeTypeMismatchIPRange, Identity, cond(`{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}`)},
	{CodeTypeMismatchString, Identity, cond(`{"BinaryEquals": {"s3:x-amz-content": "!!"}}`)},
	{CodeWildcardWithoutLikeOperator, Identity, cond(`{"StringEquals": {"aws:username": "a*"}}`)},
	{CodeForAllValuesWithSingleValuedKey, Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:username": "a"}}}}`},
	{CodeForAnyValueWithSingleValuedKey, Identity, cond(`{"ForAnyValue:StringEquals": {"aws:username": "a"}}`)},
	{CodeEmptyArrayAction, Identity, doc(`{"Effect": "Allow", "Action": [], "Resource": "*"}`)},
	{CodeEmptyArrayResource, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": []}`)},
	{CodeEmptyArrayPrincipal, Resource, doc(getStmt(`, "Principal": {"AWS": []}`))},
	{CodeEmptyObjectPrincipal, Resource, doc(getStmt(`, "Principal": {}`))},
	{CodeEmptyArrayCondition, Identity, cond(`{"StringEquals": {"aws:username": []}}`)},
	{CodeEmptyObjectConditionOperator, Identity, cond(`{"StringEquals": {}}`)},
	{CodeEmptyObjectCondition, Identity, cond(`{}`)},
	{CodeRedundantAction, Identity, doc(`{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}`)},
	{CodeRedundantResource, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x"]}`)},
	{CodeRedundantConditionValue, Identity, cond(`{"StringEquals": {"aws:username": ["a", "a"]}}`)},
	{CodeRedundantStatement, Identity, doc(s3Read, s3Read)},
	{CodeMissingARNField, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3"}`)},
	{CodeUnsupportedSpaceInVariable, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:user name}"}`)},
	{CodeUnsupportedSymbolInVariable, Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:user*}"}`)},
	{CodeInvalidPrincipalKey, Resource, doc(getStmt(`, "Principal": {"Aws": "123456789012"}`))},
	{CodeRoleTrustPolicyUnsupportedWildcardInPrincipal, Trust, doc(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/*"}, "Action": "sts:AssumeRole"}`)},
	{CodeInvalidFederatedPrincipalSyntaxInRoleTrustPolicy, Trust, doc(`{"Effect": "Allow", "Principal": {"Federated": "a b"}, "Action": "sts:AssumeRoleWithWebIdentity"}`)},
	{CodeSCPSyntaxErrorPrincipal, SCP, doc(`{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}`)},
	{CodeRCPSyntaxErrorPrincipal, RCP, doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`)},
	{CodePolicySizeExceedsResourceQuota, Resource, doc(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::` + strings.Repeat("b", 20500) + `/*"}`)},
	{CodePolicySizeExceedsRoleTrustQuota, Trust, doc(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/` + strings.Repeat("r", 2100) + `"}, "Action": "sts:AssumeRole"}`)},
	{CodePolicySizeExceedsSCPQuota, SCP, doc(`{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::` + strings.Repeat("b", 10300) + `"}`)},
	{CodePolicySizeExceedsRCPQuota, RCP, doc(`{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::` + strings.Repeat("b", 5200) + `"}`)},
	{CodeVariableUnsupportedInElement, Identity, doc(`{"Effect": "Allow", "Action": "s3:Get${aws:username}", "Resource": "*"}`)},
	{CodeInvalidConditionDataType, Identity, cond(`{"StringEquals": {"aws:PrincipalTag/a": [true, "x"]}}`)},
	{CodeEmptySidValue, Identity, doc(getStmt(`, "Sid": ""`))},
	{CodeUniqueSidsRecommended, Resource, doc(getStmt(`, "Sid": "A", "Principal": {"AWS": "123456789012"}`), getStmt(`, "Sid": "A", "Principal": {"AWS": "123456789012"}`))},
	{CodeEmptyArrayConditionForAllValues, Identity, cond(`{"ForAllValues:StringEquals": {"aws:TagKeys": []}}`)},
	{CodeEmptyArrayConditionForAnyValue, Identity, cond(`{"ForAnyValue:StringEquals": {"aws:TagKeys": []}}`)},
	{CodeEmptyArrayConditionIfExists, Identity, cond(`{"StringEqualsIfExists": {"aws:username": []}}`)},
}

// TestEveryCode checks that each code of the table is reported by Check for
// its case, with the table's severity, and that Refusals follows the
// table: a refused ERROR code that Validate reports is among the refusals,
// an ERROR AWS stores is not.
func TestEveryCode(t *testing.T) {
	covered := map[Code]bool{}
	cases := slices.Clone(codeCases)
	for _, tc := range aaCases {
		cases = append(cases, struct {
			code Code
			kind Kind
			src  string
		}{tc.code, tc.kind, aaPolicy(tc.hit)})
	}
	for _, tc := range cases {
		covered[tc.code] = true
		info, ok := tc.code.Info()
		if !ok {
			t.Errorf("%s: not in the code table", tc.code)
			continue
		}
		p, fs := Check("c.json", []byte(tc.src), tc.kind)
		i := slices.IndexFunc(fs, func(f *Finding) bool { return f.Code == tc.code })
		if i < 0 {
			t.Errorf("%s: Check(%s) reported %v", tc.code, tc.kind, fs)
			continue
		}
		if fs[i].Severity != info.Severity {
			t.Errorf("%s: severity %v, table says %v", tc.code, fs[i].Severity, info.Severity)
		}
		if p == nil {
			if info.Severity != Error || !info.Refused {
				t.Errorf("%s: Parse refused the policy, but the table says AWS stores it", tc.code)
			}
			continue
		}
		refused := slices.ContainsFunc(p.Refusals(tc.kind), func(f *Finding) bool { return f.Code == tc.code })
		if want := info.Severity == Error && info.Refused; refused != want {
			t.Errorf("%s: in Refusals(%s) = %v, want %v", tc.code, tc.kind, refused, want)
		}
	}
	for _, tc := range rtCases { // CheckResource's codes: TestResourceTypeChecks
		covered[tc.code] = true
	}
	for _, c := range Codes() {
		if !covered[c] {
			t.Errorf("%s: no test case produces it", c)
		}
	}
	if len(Codes()) != len(codeTable) {
		t.Errorf("codeOrder has %d codes, codeTable %d", len(Codes()), len(codeTable))
	}
}

// TestCodeSeverityVariants covers the codes whose severity depends on
// their context, as CodeInfo.Severity documents.
func TestCodeSeverityVariants(t *testing.T) {
	tests := []struct {
		code Code
		kind Kind
		src  string
		sev  Severity
	}{
		{CodeMissingVersion, Identity, `{"Statement": ` + s3Read + `}`, Error},
		{CodeForAllValuesWithSingleValuedKey, Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:username": "a"}}}}`, Warning},
	}
	for _, tt := range tests {
		_, fs := Check("c.json", []byte(tt.src), tt.kind)
		i := slices.IndexFunc(fs, func(f *Finding) bool { return f.Code == tt.code })
		if i < 0 || fs[i].Severity != tt.sev {
			t.Errorf("%s: findings %v, want it as %v", tt.code, fs, tt.sev)
		}
	}
}

// refusalsOf filters Validate's findings as Refusals promises to.
func refusalsOf(p *Policy, k Kind) []string {
	var out []string
	for _, f := range p.Validate(k) {
		if f.Severity == Error && f.Code.refused() {
			out = append(out, f.Error())
		}
	}
	return out
}

func errorStrings(l ErrorList) []string {
	var out []string
	for _, f := range l {
		out = append(out, f.Error())
	}
	return out
}

// TestRefusalsIsValidateFiltered holds Refusals, which runs only the checks
// AWS refuses on, to Validate filtered to the refused errors, for every
// code case and seed policy in every kind.
func TestRefusalsIsValidateFiltered(t *testing.T) {
	var srcs [][]byte
	for _, tc := range codeCases {
		srcs = append(srcs, []byte(tc.src))
	}
	for _, b := range seedPolicies(t) {
		srcs = append(srcs, b)
	}
	for _, src := range srcs {
		p, err := Parse("r.json", src)
		if err != nil {
			continue
		}
		for k := Kind(0); k < numKinds; k++ {
			if got, want := errorStrings(p.Refusals(k)), refusalsOf(p, k); !slices.Equal(got, want) {
				t.Errorf("%s of %.80s:\nRefusals %q\nValidate %q", k, src, got, want)
			}
		}
	}
}
