package policy

import (
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
)

// The codes of IAM Access Analyzer's policy validation ("IAM policy
// validation check reference" in the IAM User Guide) that iamsim reports
// beyond the grammar checks of code.go. Each is AA's issue code, with AA's
// finding type as its severity; a code's comment says what triggers it.
const (
	// CodeARNAccountNotAllowed: a resource ARN names an account where every ARN format of its resource types has none (s3 buckets).
	CodeARNAccountNotAllowed Code = "ARN_ACCOUNT_NOT_ALLOWED"
	// CodeARNRegionNotAllowed: a resource ARN names a Region where every ARN format of its resource types has none (IAM, S3 buckets).
	CodeARNRegionNotAllowed Code = "ARN_REGION_NOT_ALLOWED"
	// CodeMissingARNRegion: a resource ARN has no Region where every ARN format of its resource types has one.
	CodeMissingARNRegion Code = "MISSING_ARN_REGION"
	// CodeMissingARNAccount: a resource ARN has no account where every ARN format of its resource types has one.
	CodeMissingARNAccount Code = "MISSING_ARN_ACCOUNT"
	// CodeInvalidARNAccount: a resource ARN's account is neither 12 digits nor "aws" (nor a wildcard or variable).
	CodeInvalidARNAccount Code = "INVALID_ARN_ACCOUNT"
	// CodeInvalidARNRegion: a resource ARN's Region does not have the form of an AWS Region.
	CodeInvalidARNRegion Code = "INVALID_ARN_REGION"
	// CodeInvalidARNServiceCase: a resource ARN's service is not in lower case.
	CodeInvalidARNServiceCase Code = "INVALID_ARN_SERVICE_CASE"
	// CodeInvalidARNResource: a resource ARN fits no ARN format of a resource type of its service.
	CodeInvalidARNResource Code = "INVALID_ARN_RESOURCE"
	// CodeInvalidGlobalConditionKey: an aws: condition key that is not a global key.
	CodeInvalidGlobalConditionKey Code = "INVALID_GLOBAL_CONDITION_KEY"
	// CodeInvalidServiceConditionKey: a condition key its service does not have.
	CodeInvalidServiceConditionKey Code = "INVALID_SERVICE_CONDITION_KEY"
	// CodeInvalidService: a condition key's prefix names no service.
	CodeInvalidService Code = "INVALID_SERVICE"
	// CodeUnsupportedActionForConditionKey: some of the statement's actions do not support a service condition key.
	CodeUnsupportedActionForConditionKey Code = "UNSUPPORTED_ACTION_FOR_CONDITION_KEY"
	// CodeUnsupportedGlobalConditionKey: aws:ARN in a resource-based or trust policy.
	CodeUnsupportedGlobalConditionKey Code = "UNSUPPORTED_GLOBAL_CONDITION_KEY"
	// CodeDeprecatedGlobalConditionKey: aws:ARN in an identity-based policy.
	CodeDeprecatedGlobalConditionKey Code = "DEPRECATED_GLOBAL_CONDITION_KEY"
	// CodeMissingTagKeyInCondition: a tag condition key without its tag key (aws:ResourceTag, aws:ResourceTag/).
	CodeMissingTagKeyInCondition Code = "MISSING_TAG_KEY_IN_CONDITION"
	// CodeTypeMismatch: an operator of another type than the condition key's (StringEquals on aws:MultiFactorAuthPresent).
	CodeTypeMismatch Code = "TYPE_MISMATCH"
	// CodeMissingQualifier: a multivalued condition key without ForAllValues or ForAnyValue.
	CodeMissingQualifier Code = "MISSING_QUALIFIER"
	// CodeStringLikeWithARNKey: StringLike on a condition key of type ARN (ArnLike is meant).
	CodeStringLikeWithARNKey Code = "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"
	// CodePrivateIPAddress: IpAddress on aws:SourceIp with private addresses only: it never matches.
	CodePrivateIPAddress Code = "PRIVATE_IP_ADDRESS"
	// CodePrivateNotIPAddress: NotIpAddress on aws:SourceIp with private addresses only: it always matches.
	CodePrivateNotIPAddress Code = "PRIVATE_NOT_IP_ADDRESS"
	// CodePrivateIPAddressSubset: IpAddress on aws:SourceIp with private and public addresses.
	CodePrivateIPAddressSubset Code = "PRIVATE_IP_ADDRESS_SUBSET"
	// CodePrivateNotIPAddressSubset: NotIpAddress on aws:SourceIp with private and public addresses.
	CodePrivateNotIPAddressSubset Code = "PRIVATE_NOT_IP_ADDRESS_SUBSET"
	// CodeImproveIPRange: a CIDR block with bits set after its mask.
	CodeImproveIPRange Code = "IMPROVE_IP_RANGE"
	// CodeInvalidVPCFormat: an aws:SourceVpc value that is not a VPC id (vpc-…).
	CodeInvalidVPCFormat Code = "INVALID_VPC_FORMAT"
	// CodeInvalidVPCEFormat: an aws:SourceVpce value that is not a VPC endpoint id (vpce-…).
	CodeInvalidVPCEFormat Code = "INVALID_VPCE_FORMAT"
	// CodeInvalidRegion: an aws:RequestedRegion value that does not have the form of an AWS Region.
	CodeInvalidRegion Code = "INVALID_REGION"
	// CodeInvalidDateValue: a Date operator's value in epoch seconds, which Access Analyzer recommends against.
	CodeInvalidDateValue Code = "INVALID_DATE_VALUE"
	// CodeEquivalentToNullFalse: StringLike or ArnLike "*" alone: the condition says only that the key is present.
	CodeEquivalentToNullFalse Code = "EQUIVALENT_TO_NULL_FALSE"
	// CodeEquivalentToNullTrue: StringNotLike or ArnNotLike "*" alone: the condition says only that the key is absent.
	CodeEquivalentToNullTrue Code = "EQUIVALENT_TO_NULL_TRUE"
	// CodeRedundantConditionValueNum: a Numeric less-than or greater-than operator with several values: one is enough.
	CodeRedundantConditionValueNum Code = "REDUNDANT_CONDITION_VALUE_NUM"
	// CodeMissingPairedConditionKeys: aws:VpcSourceIp without aws:SourceVpc, aws:SourceVpce or aws:SourceVpcArn in the statement.
	CodeMissingPairedConditionKeys Code = "MISSING_PAIRED_CONDITION_KEYS"
	// CodeAllowWithUnsupportedTagKey: Allow with a tag condition key and actions of services that do not support it.
	CodeAllowWithUnsupportedTagKey Code = "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	// CodeAllowNotActionWithUnsupportedTagKey: Allow with NotAction and a tag condition key some services do not support.
	CodeAllowNotActionWithUnsupportedTagKey Code = "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	// CodeDenyWithUnsupportedTagKey: Deny with a tag condition key and actions of services that do not support it.
	CodeDenyWithUnsupportedTagKey Code = "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	// CodeDenyNotActionWithUnsupportedTagKey: Deny with NotAction and a tag condition key some services do not support.
	CodeDenyNotActionWithUnsupportedTagKey Code = "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	// CodeVariableUnsupportedInElement: a policy variable in an element that takes none (Action, NotAction); IAM refuses the action's form.
	CodeVariableUnsupportedInElement Code = "VARIABLE_UNSUPPORTED_IN_ELEMENT"
	// CodeUnsupportedActionInPolicy: with a resource type (ValidatePolicy's validatePolicyResourceType), an action that resource does not support; the service refuses the policy (S3: "Policy has invalid action").
	CodeUnsupportedActionInPolicy Code = "UNSUPPORTED_ACTION_IN_POLICY"
	// CodeUnsupportedResourceARNInPolicy: with a resource type, a resource ARN not of that type; the service refuses the policy (S3: "Policy has invalid resource").
	CodeUnsupportedResourceARNInPolicy Code = "UNSUPPORTED_RESOURCE_ARN_IN_POLICY"
	// CodeInvalidConditionDataType: a condition key's values are of different JSON types (a number and a string).
	CodeInvalidConditionDataType Code = "INVALID_CONDITION_DATA_TYPE"
	// CodeInvalidRoleReference: an AWS principal that is a role's unique id (AROA…).
	CodeInvalidRoleReference Code = "INVALID_ROLE_REFERENCE"
	// CodeInvalidUserReference: an AWS principal that is a user's unique id (AIDA…).
	CodeInvalidUserReference Code = "INVALID_USER_REFERENCE"
	// CodeWildcardInServiceName: an action whose service prefix has a wildcard.
	CodeWildcardInServiceName Code = "WILDCARD_IN_SERVICE_NAME"
	// CodeEmptySidValue: "Sid": "".
	CodeEmptySidValue Code = "EMPTY_SID_VALUE"
	// CodeUniqueSidsRecommended: two statements share a Sid in a policy kind that does not require unique Sids.
	CodeUniqueSidsRecommended Code = "UNIQUE_SIDS_RECOMMENDED"
	// CodeEmptyArrayConditionForAllValues: ForAllValues with no values: it matches only when the key is absent.
	CodeEmptyArrayConditionForAllValues Code = "EMPTY_ARRAY_CONDITION_FORALLVALUES"
	// CodeEmptyArrayConditionForAnyValue: ForAnyValue with no values: it never matches.
	CodeEmptyArrayConditionForAnyValue Code = "EMPTY_ARRAY_CONDITION_FORANYVALUE"
	// CodeEmptyArrayConditionIfExists: …IfExists with no values: it matches only when the key is absent.
	CodeEmptyArrayConditionIfExists Code = "EMPTY_ARRAY_CONDITION_IFEXISTS"
	// CodePassRoleWithNotResource: Allow iam:PassRole with NotResource.
	CodePassRoleWithNotResource Code = "PASS_ROLE_WITH_NOT_RESOURCE"
	// CodePassRoleWithStarInActionAndNotResource: Allow an action pattern covering iam:PassRole with NotResource.
	CodePassRoleWithStarInActionAndNotResource Code = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
	// CodePassRoleWithNotActionAndNotResource: Allow with NotAction (not excluding iam:PassRole) and NotResource.
	CodePassRoleWithNotActionAndNotResource Code = "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
	// CodePassRoleWithStarInActionAndResource: Allow an action pattern covering iam:PassRole on every role.
	CodePassRoleWithStarInActionAndResource Code = "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"
	// CodePassRoleWithNotActionAndStarInResource: Allow with NotAction (not excluding iam:PassRole) on every role.
	CodePassRoleWithNotActionAndStarInResource Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
	// CodeCreateSLRWithNotResource: Allow iam:CreateServiceLinkedRole with NotResource.
	CodeCreateSLRWithNotResource Code = "CREATE_SLR_WITH_NOT_RESOURCE"
	// CodeCreateSLRWithStarInActionAndNotResource: Allow an action pattern covering iam:CreateServiceLinkedRole with NotResource.
	CodeCreateSLRWithStarInActionAndNotResource Code = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
	// CodeCreateSLRWithNotActionAndNotResource: Allow with NotAction (not excluding iam:CreateServiceLinkedRole) and NotResource.
	CodeCreateSLRWithNotActionAndNotResource Code = "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"
	// CodeCreateSLRWithStarInResource: Allow iam:CreateServiceLinkedRole on every role.
	CodeCreateSLRWithStarInResource Code = "CREATE_SLR_WITH_STAR_IN_RESOURCE"
	// CodeCreateSLRWithStarInActionAndResource: Allow an action pattern covering iam:CreateServiceLinkedRole on every role.
	CodeCreateSLRWithStarInActionAndResource Code = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"
	// CodeCreateSLRWithStarInResourceAndNotAction: Allow with NotAction (not excluding iam:CreateServiceLinkedRole) on every role.
	CodeCreateSLRWithStarInResourceAndNotAction Code = "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
	// CodeRCPSyntaxErrorAction: an RCP names an action of a service RCPs do not apply to.
	CodeRCPSyntaxErrorAction Code = "RCP_SYNTAX_ERROR_ACTION"
	// CodeFederatedPrincipalNotSupported: a Federated principal outside a role trust policy.
	CodeFederatedPrincipalNotSupported Code = "FEDERATED_PRINCIPAL_NOT_SUPPORTED"
	// CodeMissingActionForRolesAnywhere: a trust policy for IAM Roles Anywhere without sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity.
	CodeMissingActionForRolesAnywhere Code = "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"
	// CodeMissingGitHubRepoConditionKey: a trust policy for GitHub's OIDC provider that does not name the repository (token.actions.githubusercontent.com:sub).
	CodeMissingGitHubRepoConditionKey Code = "MISSING_GITHUB_REPO_CONDITION_KEY"
	// CodeRestrictAccessToServicePrincipal: a resource policy allows a service principal with no aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition.
	CodeRestrictAccessToServicePrincipal Code = "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"
	// CodeSpecificGitHubRepoAndBranchRecommended: a trust policy tests token.actions.githubusercontent.com:sub with StringLike and a wildcard, or with a subject that names no branch and no exact token.actions.githubusercontent.com:ref condition.
	CodeSpecificGitHubRepoAndBranchRecommended Code = "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"
	// CodeConfirmAudienceClaimType: a trust policy tests an OIDC identity provider's aud claim, which a provider may issue as one value or a list.
	CodeConfirmAudienceClaimType Code = "CONFIRM_AUDIENCE_CLAIM_TYPE"
	// CodeForAnyValueWithAudienceClaimType: ForAnyValue on an OIDC identity provider's aud claim, which is single-valued.
	CodeForAnyValueWithAudienceClaimType Code = "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE"
	// CodeMissingConditionKeyForOIDCPrincipal: a trust policy allows an OIDC identity provider with no condition on that provider's claims.
	CodeMissingConditionKeyForOIDCPrincipal Code = "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"
	// CodeRedundantPrincipalInRoleTrustPolicy: a trust policy names both a role and a session of that role.
	CodeRedundantPrincipalInRoleTrustPolicy Code = "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"
	// CodeRecommendedConditionKeyForServicePrincipal: a resource policy restricts a service principal by the request's origin (aws:Referer, the network or principal keys) instead of aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths.
	CodeRecommendedConditionKeyForServicePrincipal Code = "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"
	// CodeUnsupportedConditionKeyForServicePrincipal: a statement whose principals are all service principals tests a key of the principal's organization, which a service principal does not have.
	CodeUnsupportedConditionKeyForServicePrincipal Code = "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"
	// CodeUntrustworthyConditionKey: a condition on aws:Referer or aws:UserAgent, values the caller writes.
	CodeUntrustworthyConditionKey Code = "UNTRUSTWORTHY_CONDITION_KEY"
	// CodeDynamoDBAttributesWithoutSelect: Allow with dynamodb:Attributes but no dynamodb:Select = SPECIFIC_ATTRIBUTES.
	CodeDynamoDBAttributesWithoutSelect Code = "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT"
	// CodeS3PrefixInNegativeContext: s3:prefix in a Deny with a positive operator, or in an Allow with a negated one.
	CodeS3PrefixInNegativeContext Code = "S3_PREFIX_IN_NEGATIVE_CONTEXT"
	// CodeWildcardUsageTooPermissive: a wildcard in a sensitive condition key's value, or where aws:userid does not take one.
	CodeWildcardUsageTooPermissive Code = "WILDCARD_USAGE_TOO_PERMISSIVE"
	// CodeVariableUsageTooPermissive: a policy variable where aws:userid does not take one (left of its colon, unless all of that side).
	CodeVariableUsageTooPermissive Code = "VARIABLE_USAGE_TOO_PERMISSIVE"
	// CodeMissingActionForConditionKey: a trust policy tests a key the caller sets only with an action the statement does not allow (sts:TagSession, sts:SetSourceIdentity).
	CodeMissingActionForConditionKey Code = "MISSING_ACTION_FOR_CONDITION_KEY"
	// CodeRCPMissingRelatedPrincipalConditionKey: an RCP tests a key of the principal without excluding service principals (aws:PrincipalIsAWSService false).
	CodeRCPMissingRelatedPrincipalConditionKey Code = "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY"
	// CodeRCPMissingRelatedServicePrincipalConditionKey: an RCP tests a source key of service calls without limiting the statement to service principals (aws:PrincipalIsAWSService true).
	CodeRCPMissingRelatedServicePrincipalConditionKey Code = "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY"
	// CodeRCPMissingServiceConditionKeyNullCheck: an RCP tests a source key of service calls without a Null check that aws:SourceAccount or aws:SourceArn is present.
	CodeRCPMissingServiceConditionKeyNullCheck Code = "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK"
	// CodeIrrelevantConditionKeyInPolicy: with a resource type, a condition key that has no meaning in that resource's policy (s3:ResourceAccount in an S3 bucket or access point policy).
	CodeIrrelevantConditionKeyInPolicy Code = "IRRELEVANT_CONDITION_KEY_IN_POLICY"
	// CodePolicySizeExceedsRoleTrustQuota: a role trust policy over the trust policy length quota: IAM refuses it at the default quota, so an ERROR where Access Analyzer has a WARNING (the quota can be raised).
	CodePolicySizeExceedsRoleTrustQuota Code = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"
	// CodeUseConditionKeyOnlyWithSupportedServices: aws:VpceAccount, aws:VpceOrgID or aws:VpceOrgPaths in a statement with actions of services that do not support it.
	CodeUseConditionKeyOnlyWithSupportedServices Code = "USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES"
)

// aaNote is one finding of an Access Analyzer check before it is placed:
// the element it is about and the index of the entry in that element's
// list (an action, a resource, a clause), -1 for the element itself; for a
// clause, sub is the index of the value it is about, -1 for the key.
type aaNote struct {
	code  Code
	sev   Severity
	elem  aaElem
	index int
	sub   int
	msg   string
	text  string // aaPrincipal: the principal entry it is about, "" for the element
}

// aaElem names the statement element a note is about.
type aaElem uint8

const (
	aaStmtElem aaElem = iota
	aaAction
	aaResource
	aaCondition // index is the clause's, sub the value's
	aaPrincipal
)

func note(code Code, elem aaElem, index int, msg string) aaNote {
	info := codeTable[code]
	return aaNote{code: code, sev: info.Severity, elem: elem, index: index, sub: -1, msg: msg}
}

// principalNote is note for the principal entry text (as written).
func principalNote(code Code, text, msg string) aaNote {
	n := note(code, aaPrincipal, -1, msg)
	n.text = text
	return n
}

// valueNote is note for value vi of clause ci.
func valueNote(code Code, ci, vi int, msg string) aaNote {
	n := note(code, aaCondition, ci, msg)
	n.sub = vi
	return n
}

// aaStatement gathers what the statement checks of Access Analyzer read
// of rule r of a policy of kind kind, through Rule's methods.
func aaStatement(r *Rule, kind Kind) *aaStmt {
	st := &aaStmt{kind: kind, effect: r.Effect(), clauses: r.Conditions()}
	st.principal, st.notPrinc = r.Principal()
	actions, notAction := r.Actions()
	resources, notResource := r.Resources()
	st.notAction, st.notResource = notAction, notResource
	for i := range actions {
		st.actions = append(st.actions, actions[i].String())
	}
	for i := range resources {
		st.resources = append(st.resources, resources[i].String())
	}
	return st
}

// aaOp is what the checks read of a clause's operator, by name: its
// family, whether it negates, its set qualifier and IfExists.
type aaOp struct {
	name     string // the operator without qualifier or IfExists: "StringLike"
	family   string // String, Numeric, Date, Bool, Binary, IP, ARN or Null
	qual     string // "", "ForAllValues" or "ForAnyValue"
	ifExists bool
	negated  bool
}

func opOf(c *compiled.Clause) aaOp {
	o := aaOp{name: c.Operator.String(), qual: c.Qualifier.String(), ifExists: c.IfExists}
	switch {
	case strings.HasPrefix(o.name, "String"):
		o.family = "String"
	case strings.HasPrefix(o.name, "Numeric"):
		o.family = "Numeric"
	case strings.HasPrefix(o.name, "Date"):
		o.family = "Date"
	case o.name == "Bool":
		o.family = "Bool"
	case o.name == "BinaryEquals":
		o.family = "Binary"
	case o.name == "IpAddress" || o.name == "NotIpAddress":
		o.family = "IP"
	case strings.HasPrefix(o.name, "Arn"):
		o.family = "ARN"
	case o.name == "Null":
		o.family = "Null"
	}
	o.negated = strings.Contains(o.name, "Not")
	return o
}

// aaStatementNotes runs every statement check of Access Analyzer on st.
func aaStatementNotes(st *aaStmt) []aaNote {
	var out []aaNote
	if !st.notResource {
		cache := map[string][]arnFormat{}
		for i, res := range st.resources {
			out = append(out, aaResourceARN(res, st.actions, st.notAction, i, cache)...)
		}
	}
	for i := range st.clauses {
		out = append(out, aaConditionKey(st, i)...)
		out = append(out, aaConditionValues(st, i)...)
	}
	out = append(out, aaPairedKeys(st)...)
	out = append(out, aaTagKeySupport(st)...)
	out = append(out, aaActions(st)...)
	out = append(out, aaSensitive(st)...)
	out = append(out, aaPrincipals(st)...)
	out = append(out, aaOIDCClaims(st)...)
	out = append(out, aaKeyChecks(st)...)
	out = append(out, aaRCPKeys(st)...)
	out = append(out, aaVpceKeys(st)...)
	out = append(out, aaUniqueIDs(st)...)
	return out
}
