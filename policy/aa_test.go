package policy

import (
	"fmt"
	"strings"
	"testing"
)

// aaCase is one Access Analyzer check: a statement that triggers it and a
// near miss that must not. Statements are written as JSON statement
// bodies; stmt wraps them in a policy.
type aaCase struct {
	code      Code
	kind      Kind
	hit, miss string
}

func aaPolicy(body string) string {
	return `{"Version":"2012-10-17","Statement":[{` + body + `}]}`
}

// aaNotesOf parses src and runs the statement checks on every statement.
func aaNotesOf(t *testing.T, kind Kind, src string) []aaNote {
	t.Helper()
	p, err := ParseString("test", src)
	if err != nil {
		t.Fatalf("parse %s: %v", src, err)
	}
	var out []aaNote
	for i := range p.rules {
		out = append(out, aaStatementNotes(aaStatement(&p.rules[i], kind))...)
	}
	return out
}

func hasNote(notes []aaNote, code Code) (aaNote, bool) {
	for _, n := range notes {
		if n.code == code {
			return n, true
		}
	}
	return aaNote{}, false
}

var aaCases = []aaCase{
	// ARN family (IAM User Guide, "IAM policy validation check reference").
	{code: CodeARNRegionNotAllowed, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:us-east-1::photos"`,
		miss: `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos"`},
	{code: CodeARNAccountNotAllowed, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3::111122223333:photos"`,
		miss: `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos"`},
	{code: CodeMissingARNRegion, kind: Identity,
		hit:  `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb::111122223333:table/Books"`,
		miss: `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/Books"`},
	{code: CodeMissingARNAccount, kind: Identity,
		hit:  `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1::table/Books"`,
		miss: `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:*:table/Books"`},
	{code: CodeInvalidARNAccount, kind: Identity,
		hit:  `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:1234:table/Books"`,
		miss: `"Effect":"Allow","Action":"iam:GetPolicy","Resource":"arn:aws:iam::aws:policy/ReadOnlyAccess"`},
	{code: CodeInvalidARNRegion, kind: Identity,
		hit:  `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:useast1:111122223333:table/Books"`,
		miss: `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-gov-west-1:111122223333:table/Books"`},
	{code: CodeInvalidARNServiceCase, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:S3:::photos"`,
		miss: `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos"`},
	{code: CodeInvalidARNResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:111122223333:tables/Books"`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos"`},
	// Condition keys.
	{code: CodeInvalidGlobalConditionKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgId2":"o-1"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}`},
	{code: CodeInvalidServiceConditionKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s3:prefixes":"a/"}}`,
		miss: `"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"a/"}}`},
	{code: CodeInvalidService, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s4:prefix":"a/"}}`,
		miss: `"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"a/"}}`},
	{code: CodeUnsupportedActionForConditionKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"*","Condition":{"StringEquals":{"s3:prefix":"a/"}}`,
		miss: `"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"*","Condition":{"StringEquals":{"s3:prefix":"a/"}}`},
	{code: CodeUnsupportedActionForConditionKey, kind: Trust,
		// A provider's claims are in the context of AssumeRoleWithWebIdentity
		// and of the sts:TagSession it is authorized for (Amazon Cognito
		// Developer Guide's trust policy), not of sts:AssumeRole.
		hit:  `"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:1"}}`,
		miss: `"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:1"}}`},
	{code: CodeDeprecatedGlobalConditionKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnEquals":{"aws:ARN":"arn:aws:iam::111122223333:user/x"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/x"}}`},
	{code: CodeUnsupportedGlobalConditionKey, kind: Resource,
		hit:  `"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ArnEquals":{"aws:ARN":"arn:aws:iam::111122223333:user/x"}}`,
		miss: `"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/x"}}`},
	{code: CodeMissingTagKeyInCondition, kind: Identity,
		hit:  `"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag":"x"}}`,
		miss: `"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"x"}}`},
	{code: CodeTypeMismatch, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:MultiFactorAuthPresent":"true"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`},
	{code: CodeMissingQualifier, kind: Identity,
		hit:  `"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":"team"}}`,
		miss: `"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"team"}}`},
	{code: CodeForAllValuesWithSingleValuedKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":"o-1"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}`},
	{code: CodeStringLikeWithARNKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}`},
	// Condition values.
	{code: CodePrivateIPAddress, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.0/24"]}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":["10.0.0.0/8"],"aws:SourceVpc":"vpc-1a2b3c4d"}}`},
	{code: CodePrivateNotIPAddress, kind: Identity,
		hit:  `"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"172.16.0.0/12"}}`,
		miss: `"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`},
	{code: CodePrivateIPAddressSubset, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["198.51.100.0/24","203.0.113.0/24"]}}`},
	{code: CodePrivateNotIPAddressSubset, kind: Identity,
		hit:  `"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}`,
		miss: `"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}`},
	{code: CodeImproveIPRange, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.7/24"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`},
	{code: CodeInvalidVPCFormat, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpce-1a2b3c4d"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}`},
	{code: CodeInvalidVPCEFormat, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpc-1a2b3c4d"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d5e6f7a8b9"}}`},
	{code: CodeInvalidRegion, kind: Identity,
		hit:  `"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"US East"}}`,
		miss: `"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}`},
	{code: CodeInvalidDateValue, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"1767225600"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2026-01-01"}}`},
	{code: CodeEquivalentToNullFalse, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalTag/team":"*"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalTag/team":"a*"}}`},
	{code: CodeEquivalentToNullTrue, kind: Identity,
		hit:  `"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotLike":{"aws:PrincipalTag/team":"*"}}`,
		miss: `"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotLikeIfExists":{"aws:PrincipalTag/team":"*"}}`},
	{code: CodeRedundantConditionValueNum, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":["2700","3600"]}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericEquals":{"aws:MultiFactorAuthAge":["2700","3600"]}}`},
	{code: CodeMissingPairedConditionKeys, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}`},
	{code: CodeAllowWithUnsupportedTagKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":["ec2:StartInstances","s3:ListAllMyBuckets"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`,
		miss: `"Effect":"Allow","Action":["ec2:StartInstances"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`},
	{code: CodeDenyWithUnsupportedTagKey, kind: Identity,
		hit:  `"Effect":"Deny","Action":["ec2:StopInstances","s3:ListAllMyBuckets"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`,
		miss: `"Effect":"Deny","Action":["ec2:StopInstances"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`},
	{code: CodeAllowNotActionWithUnsupportedTagKey, kind: Identity,
		hit:  `"Effect":"Allow","NotAction":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`,
		miss: `"Effect":"Allow","NotAction":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}`},
	{code: CodeDenyNotActionWithUnsupportedTagKey, kind: Identity,
		hit:  `"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}`,
		miss: `"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}`},
	// Actions.
	{code: CodeWildcardInServiceName, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s*:GetObject","Resource":"*"`,
		miss: `"Effect":"Allow","Action":"s3:Get*","Resource":"*"`},
	{code: CodeWildcardInServiceName, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:*code*::111122223333:*"`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:*:*:111122223333:*"`},
	{code: CodeRCPSyntaxErrorAction, kind: RCP,
		hit:  `"Effect":"Deny","Principal":"*","Action":"ec2:RunInstances","Resource":"*"`,
		miss: `"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"`},
	// Pass role and create SLR (identity policies only).
	{code: CodePassRoleWithStarInResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:PassRole","Resource":"*"`,
		miss: `"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}`},
	{code: CodePassRoleWithStarInActionAndResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:role/*"`,
		miss: `"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:role/app-*"`},
	{code: CodePassRoleWithNotActionAndStarInResource, kind: Identity,
		hit:  `"Effect":"Allow","NotAction":"s3:*","Resource":"*"`,
		miss: `"Effect":"Allow","NotAction":["s3:*","iam:*"],"Resource":"*"`},
	{code: CodePassRoleWithNotResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"`,
		miss: `"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app"`},
	{code: CodePassRoleWithStarInActionAndNotResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:Pass*","NotResource":"arn:aws:iam::111122223333:role/admin"`,
		miss: `"Effect":"Deny","Action":"iam:Pass*","NotResource":"arn:aws:iam::111122223333:role/admin"`},
	{code: CodePassRoleWithNotActionAndNotResource, kind: Identity,
		hit:  `"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:iam::111122223333:role/admin"`,
		miss: `"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:s3:::b"`},
	{code: CodeCreateSLRWithStarInResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*"`,
		miss: `"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":"ecs.amazonaws.com"}}`},
	{code: CodeCreateSLRWithStarInActionAndResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"*","Resource":"*"`,
		miss: `"Effect":"Allow","Action":"s3:*","Resource":"*"`},
	{code: CodeCreateSLRWithStarInResourceAndNotAction, kind: Identity,
		hit:  `"Effect":"Allow","NotAction":"s3:*","Resource":"*"`,
		miss: `"Effect":"Allow","NotAction":"iam:*","Resource":"*"`},
	{code: CodeCreateSLRWithNotResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","NotResource":"arn:aws:iam::*:role/aws-service-role/x"`,
		miss: `"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*"`},
	{code: CodeCreateSLRWithStarInActionAndNotResource, kind: Identity,
		hit:  `"Effect":"Allow","Action":"iam:Create*","NotResource":"arn:aws:iam::*:role/x"`,
		miss: `"Effect":"Allow","Action":"iam:Get*","NotResource":"arn:aws:iam::*:role/x"`},
	{code: CodeCreateSLRWithNotActionAndNotResource, kind: Identity,
		hit:  `"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:iam::*:role/x"`,
		miss: `"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/x"`},
	// Principals by kind.
	{code: CodeFederatedPrincipalNotSupported, kind: Resource,
		hit:  `"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`,
		miss: `"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`},
	{code: CodeMissingActionForRolesAnywhere, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":"sts:AssumeRole"`,
		miss: `"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]`},
	{code: CodeMissingGitHubRepoConditionKey, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}`,
		miss: `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}`},
	{code: CodeInvalidRoleReference, kind: Resource,
		hit:  `"Effect":"Allow","Principal":{"AWS":"AROAJQABLZS4A3QDU576Q"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`,
		miss: `"Effect":"Allow","Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`},
	{code: CodeInvalidUserReference, kind: Resource,
		hit:  `"Effect":"Allow","Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`,
		miss: `"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/u"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`},
	{code: CodeRestrictAccessToServicePrincipal, kind: Resource,
		hit:  `"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"`,
		miss: `"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}`},
	// OIDC claims in trust policies (aa_oidc.go).
	{code: CodeSpecificGitHubRepoAndBranchRecommended, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}`,
		miss: `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}`},
	{code: CodeConfirmAudienceClaimType, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}`,
		miss: `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}`}, {code: CodeForAnyValueWithAudienceClaimType, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}`,
		miss: `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}`},
	{code: CodeMissingConditionKeyForOIDCPrincipal, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE"},"Action":"sts:AssumeRoleWithWebIdentity"`,
		miss: `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE:sub":"system:serviceaccount:default:app"}}`},
	{code: CodeRedundantPrincipalInRoleTrustPolicy, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/ops/Deploy","arn:aws:sts::111122223333:assumed-role/Deploy/ci"]},"Action":"sts:AssumeRole"`,
		miss: `"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/ops/Deploy","arn:aws:sts::111122223333:assumed-role/Build/ci"]},"Action":"sts:AssumeRole"`},
	{code: CodeRecommendedConditionKeyForServicePrincipal, kind: Resource,
		hit:  `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringLike":{"aws:Referer":"https://example.com/*"}}`,
		miss: `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}`},
	{code: CodeUnsupportedConditionKeyForServicePrincipal, kind: Resource,
		hit:  `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`,
		miss: `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:SourceOrgID":"o-a1b2c3d4e5"}}`},
	// Condition keys (aa_keys.go).
	{code: CodeUntrustworthyConditionKey, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:UserAgent":"MyApp/*"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"web"}}`},
	{code: CodeDynamoDBAttributesWithoutSelect, kind: Identity,
		hit:  `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*","Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]}}`,
		miss: `"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*","Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]},"StringEquals":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}`},
	{code: CodeS3PrefixInNegativeContext, kind: Identity,
		hit:  `"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"private/*"}}`,
		miss: `"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringNotLike":{"s3:prefix":"public/*"}}`},
	{code: CodeWildcardUsageTooPermissive, kind: Resource,
		hit:  `"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringLike":{"aws:PrincipalAccount":"1111*"}}`,
		miss: `"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`},
	{code: CodeVariableUsageTooPermissive, kind: Identity,
		hit:  `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"${aws:userid}"}}`,
		miss: `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}`},
	{code: CodeMissingActionForConditionKey, kind: Trust,
		hit:  `"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:RequestTag/project":"x"}}`,
		miss: `"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/project":"x"}}`},
	{code: CodeUseConditionKeyOnlyWithSupportedServices, kind: RCP,
		hit:  `"Effect":"Deny","Principal":"*","Action":["s3:*","sns:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:PrincipalIsAWSService":"false","aws:ViaAWSService":"false"},"StringNotEqualsIfExists":{"aws:VpceOrgID":"o-abcdef0123"}}`,
		miss: `"Effect":"Deny","Principal":"*","Action":["s3:*","kms:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:PrincipalIsAWSService":"false","aws:ViaAWSService":"false"},"StringNotEqualsIfExists":{"aws:VpceOrgID":"o-abcdef0123"}}`},
	// RCPs (aa_rcp.go): the near misses are AWS's data perimeter RCPs.
	{code: CodeRCPMissingRelatedPrincipalConditionKey, kind: RCP,
		hit:  `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`,
		miss: `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}`},
	{code: CodeRCPMissingRelatedServicePrincipalConditionKey, kind: RCP,
		hit:  `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceOrgID":"o-a1b2c3d4e5"},"Null":{"aws:SourceAccount":"false"}}`,
		miss: `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceOrgID":"o-a1b2c3d4e5"},"Null":{"aws:SourceAccount":"false"},"Bool":{"aws:PrincipalIsAWSService":"true"}}`},
	{code: CodeRCPMissingServiceConditionKeyNullCheck, kind: RCP,
		hit:  `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceOrgID":"o-a1b2c3d4e5"},"Bool":{"aws:PrincipalIsAWSService":"true"}}`,
		miss: `"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceOrgID":"o-a1b2c3d4e5"},"Null":{"aws:SourceAccount":"false"},"Bool":{"aws:PrincipalIsAWSService":"true"}}`},
}

// TestAACheckTriggersAndNearMisses runs each check on a statement that
// triggers it and on a near miss that must not.
func TestAACheckTriggersAndNearMisses(t *testing.T) {
	for i, tc := range aaCases {
		t.Run(fmt.Sprintf("%d_%s", i, tc.code), func(t *testing.T) {
			n, ok := hasNote(aaNotesOf(t, tc.kind, aaPolicy(tc.hit)), tc.code)
			if !ok {
				t.Errorf("%s: not reported on %s\n got %v", tc.code, tc.hit, aaNotesOf(t, tc.kind, aaPolicy(tc.hit)))
			} else if info, _ := tc.code.Info(); n.sev != info.Severity {
				t.Errorf("%s reported as %s, want %s", tc.code, n.sev, info.Severity)
			}
			if n, ok := hasNote(aaNotesOf(t, tc.kind, aaPolicy(tc.miss)), tc.code); ok {
				t.Errorf("%s reported on the near miss %s: %s", tc.code, tc.miss, n.msg)
			}
		})
	}
}

// TestPassRoleNotOnSCPsOrRCPs pins the defect of issue 13 §4: AWS's own
// FullAWSAccess SCP and RCPFullAWSAccess RCP get no pass-role finding.
func TestPassRoleNotOnSCPsOrRCPs(t *testing.T) {
	full := aaPolicy(`"Effect":"Allow","Action":"*","Resource":"*"`)
	rcpFull := aaPolicy(`"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"`)
	for _, c := range []struct {
		kind Kind
		src  string
	}{{SCP, full}, {RCP, rcpFull}} {
		if notes := aaNotesOf(t, c.kind, c.src); len(notes) != 0 {
			t.Errorf("%s: %v", c.kind, notes)
		}
	}
}

func TestGlobsIntersect(t *testing.T) {
	tests := []struct {
		format, res string
		want        bool
	}{
		{"${BucketName}/${ObjectName}", "photos/*", true},
		{"${BucketName}/${ObjectName}", "photos", false},
		{"table/${TableName}", "table/*", true},
		{"table/${TableName}", "*", true},
		{"table/${TableName}", "table/", false},
		{"function:${FunctionName}", "function:my-*", true},
		{"function:${FunctionName}", "layer:x", false},
	}
	for _, tt := range tests {
		if got := globsIntersect(formatTokens(tt.format), resourceTokens(tt.res)); got != tt.want {
			t.Errorf("globsIntersect(%q, %q) = %t", tt.format, tt.res, got)
		}
	}
	for _, tt := range []struct {
		pattern, s string
		want       bool
	}{
		{"iam:Pass*", "iam:passrole", true},
		{"iam:Get*", "iam:passrole", false},
		{"*", "", true},
		{"Get*Object", "GetBucketObject", true},
		{"Get*Object", "GetObjectAcl", false},
		{"*Object*", "getobjectacl", true},
		{"Get?bject", "GetObject", true},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
	} {
		if got := globFold(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globFold(%q, %q) = %t", tt.pattern, tt.s, got)
		}
	}
}

// rtCases are the checks of a resource type: a policy that triggers each
// and a near miss.
var rtCases = []struct {
	rt        ResourceType
	code      Code
	hit, miss string
}{
	{S3Bucket, CodeUnsupportedActionInPolicy,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ec2:StartInstances","Resource":"arn:aws:s3:::b"`,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"`},
	{S3Bucket, CodeUnsupportedActionInPolicy,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::b"`,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"`},
	{S3Bucket, CodeUnsupportedResourceARNInPolicy,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/t"`,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`},
	{S3Bucket, CodeIrrelevantConditionKeyInPolicy,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"s3:ResourceAccount":"111122223333"}}`,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`},
	{DynamoDBTable, CodeUnsupportedResourceARNInPolicy,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"dynamodb:GetItem","Resource":"arn:aws:s3:::b"`,
		`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/t"`},
}

func TestResourceTypeChecks(t *testing.T) {
	for _, tt := range rtCases {
		find := func(body string) *Finding {
			_, fs := CheckResource("t.json", []byte(aaPolicy(body)), tt.rt)
			for _, f := range fs {
				if f.Code == tt.code {
					return f
				}
			}
			return nil
		}
		if f := find(tt.hit); f == nil {
			t.Errorf("%s %s: not reported on %s", tt.rt, tt.code, tt.hit)
		} else if info, _ := tt.code.Info(); f.Severity != info.Severity {
			t.Errorf("%s: %s, want %s", tt.code, f.Severity, info.Severity)
		}
		if f := find(tt.miss); f != nil {
			t.Errorf("%s %s: reported on the near miss %s: %v", tt.rt, tt.code, tt.miss, f)
		}
	}
	for _, s := range []string{"AWS::S3::Bucket", "s3-bucket", "DYNAMODB-TABLE", "role-trust"} {
		if _, err := ParseResourceType(s); err != nil {
			t.Error(err)
		}
	}
	if _, err := ParseResourceType("AWS::KMS::Key"); err == nil {
		t.Error("AWS::KMS::Key accepted")
	}
	if RoleTrustPolicy.Kind() != Trust || S3Bucket.Kind() != Resource {
		t.Error("ResourceType.Kind wrong")
	}
}

func TestConditionDataType(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{`"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":[3600,"7200"]}}`, true},
		{`"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/a":[true,"x"]}}`, true},
		{`"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":[3600,7200]}}`, false},
		{`"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/a":["x","y"]}}`, false},
	} {
		src := aaPolicy(tc.body)
		p, err := ParseString("t", src)
		if err != nil {
			t.Fatal(err)
		}
		st := aaStatement(&p.rules[0], Identity)
		_, got := hasNote(aaValueTypes(st, 0, func(pos int) byte { return src[pos] }), CodeInvalidConditionDataType)
		if got != tc.want {
			t.Errorf("%s: INVALID_CONDITION_DATA_TYPE %t, want %t", tc.body, got, tc.want)
		}
	}
}

// TestOIDCClaimChecks covers the near misses of aa_oidc.go that one pair
// per check cannot: the kinds, effects and operators that must not report.
func TestOIDCClaimChecks(t *testing.T) {
	const gh = `"Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"`
	tests := []noteCase{
		// A wildcard in the repository part too.
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":["repo:acme/app:ref:refs/heads/main","repo:acme/*"]}}`, CodeSpecificGitHubRepoAndBranchRecommended, true},
		// A Deny, a negated operator, and StringEquals (where * is literal) narrow nothing.
		{Trust, `"Effect":"Deny",` + gh + `,"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:evil/*"}}`, CodeSpecificGitHubRepoAndBranchRecommended, false},
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringNotLike":{"token.actions.githubusercontent.com:sub":"repo:evil/*"}}`, CodeSpecificGitHubRepoAndBranchRecommended, false},
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/*"}}`, CodeSpecificGitHubRepoAndBranchRecommended, false},
		// A subject without a branch: an environment, unless a ref condition names it.
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:environment:prod"}}`, CodeSpecificGitHubRepoAndBranchRecommended, true},
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:environment:prod","token.actions.githubusercontent.com:ref":"refs/heads/main"}}`, CodeSpecificGitHubRepoAndBranchRecommended, false},
		// A ref condition names the branch only with exact values.
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:environment:prod"},"StringLike":{"token.actions.githubusercontent.com:ref":"refs/heads/*"}}`, CodeSpecificGitHubRepoAndBranchRecommended, true},
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:environment:prod"},"StringNotEquals":{"token.actions.githubusercontent.com:ref":"refs/heads/dev"}}`, CodeSpecificGitHubRepoAndBranchRecommended, true},
		// A customized subject naming the branch in its job_workflow_ref.
		{Trust, `"Effect":"Allow",` + gh + `,"Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:job_workflow_ref:acme/app/.github/workflows/deploy.yml@refs/heads/main"}}`, CodeSpecificGitHubRepoAndBranchRecommended, false},
		// Another provider's aud claim; the Cognito one; not aws: keys nor other kinds.
		{Trust, `"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"accounts.google.com:aud":"app.apps.googleusercontent.com"}}`, CodeConfirmAudienceClaimType, true},
		{Trust, `"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}`, CodeConfirmAudienceClaimType, true},
		{Trust, `"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/aud":"x"}}`, CodeConfirmAudienceClaimType, false},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"accounts.google.com:aud":"x"}}`, CodeConfirmAudienceClaimType, false},
	}
	checkNotes(t, tests)
}

// TestKeyCheckEdges covers the near misses of aa_keys.go, aa_principals.go
// and aa_rcp.go that one pair per check cannot.
func TestKeyCheckEdges(t *testing.T) {
	const tagTrust = `"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},`
	tests := []noteCase{
		// aws:userid: a wildcard or variable right of the colon, or all of its left side.
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"AIDACKCEVSQ6C2EXAMPLE:*"}}`, CodeWildcardUsageTooPermissive, false},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"*:*"}}`, CodeWildcardUsageTooPermissive, false},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"*"}}`, CodeWildcardUsageTooPermissive, true},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"AROA*:*"}}`, CodeWildcardUsageTooPermissive, true},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"AIDACKCEVSQ6C2EXAMPLE:${aws:userid}"}}`, CodeVariableUsageTooPermissive, false},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:userid":"${aws:userid}:*"}}`, CodeVariableUsageTooPermissive, false},
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:userid":"${aws:userid}"}}`, CodeVariableUsageTooPermissive, true},
		// Sensitive keys: any wildcard, whatever the operator; other keys may have one.
		{Identity, `"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotLike":{"aws:SourceVpce":"vpce-*"}}`, CodeWildcardUsageTooPermissive, true},
		{Identity, `"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"}}`, CodeWildcardUsageTooPermissive, false},
		// s3:prefix: an Allow with StringNotLike is negative too; an Allow with StringLike is not.
		{Identity, `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringNotLike":{"s3:prefix":"private/*"}}`, CodeS3PrefixInNegativeContext, true},
		{Identity, `"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"home/*"}}`, CodeS3PrefixInNegativeContext, false},
		// The action a trust policy needs for a key the caller sets, also through a wildcard.
		{Trust, tagTrust + `"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:SourceIdentity":"admin"}}`, CodeMissingActionForConditionKey, true},
		{Trust, tagTrust + `"Action":["sts:AssumeRole","sts:Set*"],"Condition":{"StringEquals":{"sts:SourceIdentity":"admin"}}`, CodeMissingActionForConditionKey, false},
		{Identity, `"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/project":"x"}}`, CodeMissingActionForConditionKey, false},
		// A role session of another account is not the role's.
		{Trust, `"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/Deploy","arn:aws:sts::444455556666:assumed-role/Deploy/ci"]},"Action":"sts:AssumeRole"`, CodeRedundantPrincipalInRoleTrustPolicy, false},
		// With an AWS principal beside the service, the organization keys have a value.
		{Resource, `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com","AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`, CodeUnsupportedConditionKeyForServicePrincipal, false},
		// aws:VpcSourceIp is paired by aws:SourceVpcArn too.
		{Identity, `"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"ArnEquals":{"aws:SourceVpcArn":"arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1a2b3c4d"}}`, CodeMissingPairedConditionKeys, false},
		// An organization key never matches a service principal, source key or not.
		{Resource, `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5","aws:SourceArn":"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}`, CodeUnsupportedConditionKeyForServicePrincipal, true},
		{Resource, `"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*","Condition":{"StringLike":{"aws:Referer":"https://example.com/*"},"StringEquals":{"aws:SourceArn":"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}`, CodeRecommendedConditionKeyForServicePrincipal, false},
		// A key about the request, not its origin, is not replaced by a source key.
		{Resource, `"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}`, CodeRecommendedConditionKeyForServicePrincipal, false},
		{Resource, `"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, CodeRecommendedConditionKeyForServicePrincipal, true},
		// A service key beside a service principal is not a recommendation.
		{Resource, `"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}`, CodeRecommendedConditionKeyForServicePrincipal, false},
		// The OIDC providers named without an ARN; SAML is not OIDC.
		{Trust, `"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"`, CodeMissingConditionKeyForOIDCPrincipal, true},
		{Trust, `"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/Corp"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}`, CodeMissingConditionKeyForOIDCPrincipal, false},
		// The VPC endpoint keys: iam:PassRole and NotAction are not scoped; the global keys page's own RCP is.
		{Identity, `"Effect":"Allow","Action":["iam:GetRole","iam:PassRole"],"Resource":"*","Condition":{"StringEquals":{"aws:VpceAccount":"111122223333"}}`, CodeUseConditionKeyOnlyWithSupportedServices, true},
		{Identity, `"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:VpceAccount":"111122223333"}}`, CodeUseConditionKeyOnlyWithSupportedServices, true},
		{RCP, `"Effect":"Deny","Principal":"*","Action":["s3:*","kms:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:PrincipalIsAWSService":"false","aws:ViaAWSService":"false"},"StringNotEqualsIfExists":{"aws:VpceOrgID":"o-abcdef0123","aws:PrincipalTag/network-perimeter-exception":"true"}}`, CodeRCPMissingRelatedPrincipalConditionKey, false},
		// A provider's claims reach sts:TagSession only in a web identity federation.
		{Trust, `"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}`, CodeUnsupportedActionForConditionKey, false},
		{Trust, tagTrust + `"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}`, CodeUnsupportedActionForConditionKey, true},
		// Cognito's amr claim is multivalued; a Google aud claim is not.
		{Trust, `"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`, CodeForAnyValueWithSingleValuedKey, false},
		// RCPs only; the identity of a caller is not tested in an SCP's own terms.
		{SCP, `"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`, CodeRCPMissingRelatedPrincipalConditionKey, false},
	}
	checkNotes(t, tests)
}

// TestUnsupportedActionMessage pins what UNSUPPORTED_ACTION_FOR_CONDITION_KEY
// says the condition yields for an action without the key: an ...IfExists
// or negated operator is true when the key is absent (IAM User Guide,
// "Condition operators"), not "never true".
func TestUnsupportedActionMessage(t *testing.T) {
	for _, tt := range []struct{ op, want string }{
		{"StringEquals", "never true"},
		{"StringEqualsIfExists", "always true"},
		{"StringNotEquals", "always true"},
	} {
		body := `"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem"],"Resource":"*","Condition":{"` + tt.op + `":{"dynamodb:ReturnValues":"NONE"}}`
		n, ok := hasNote(aaNotesOf(t, Identity, aaPolicy(body)), CodeUnsupportedActionForConditionKey)
		if !ok || !strings.Contains(n.msg, "is "+tt.want+" for them") {
			t.Errorf("%s: %t %q, want %q", tt.op, ok, n.msg, tt.want)
		}
	}
}

// noteCase is a statement of a policy of kind, and whether the Access
// Analyzer check code reports it.
type noteCase struct {
	kind Kind
	body string
	code Code
	want bool
}

func checkNotes(t *testing.T, cases []noteCase) {
	t.Helper()
	for _, tt := range cases {
		n, got := hasNote(aaNotesOf(t, tt.kind, aaPolicy(tt.body)), tt.code)
		if got != tt.want {
			t.Errorf("%s on %s: %t, want %t (%s)", tt.code, tt.body, got, tt.want, n.msg)
		}
	}
}
