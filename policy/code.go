package policy

// Code names a kind of Finding. Codes are stable, upper case and follow IAM
// Access Analyzer's policy-validation names where it has one (INVALID_ACTION,
// MISSING_VERSION); the others follow its style. Each code's facts (its
// usual severity, and whether AWS refuses to store a policy that has it) are
// in one table, codeTable, which Refusals and the tests read.
type Code string

// The finding codes. A code's comment says what it reports.
const (
	// CodeJSONSyntaxError: the text is not JSON (RFC 8259), or not a JSON object.
	CodeJSONSyntaxError Code = "JSON_SYNTAX_ERROR"
	// CodeInvalidCharacter: a character outside the policy character set (TAB, LF, CR, U+0020 to U+00FF).
	CodeInvalidCharacter Code = "INVALID_CHARACTER"
	// CodePolicyTooLarge: the text is larger than MaxSourceBytes, iamsim's own bound far above every AWS quota.
	CodePolicyTooLarge Code = "POLICY_TOO_LARGE"
	// CodeTooManyValues: a list or object holds more than MaxValues entries (MaxStatements statements), far above every AWS quota.
	CodeTooManyValues Code = "TOO_MANY_VALUES"
	// CodeDuplicateKey: a key appears twice in one JSON object (encoding/json would keep the last silently).
	CodeDuplicateKey Code = "DUPLICATE_KEY"
	// CodeDataTypeMismatch: an element has the wrong JSON type (a number where a string belongs, say).
	CodeDataTypeMismatch Code = "DATA_TYPE_MISMATCH"
	// CodeMissingVersion: no Version element: an ERROR for a managed policy, which IAM refuses; a WARNING elsewhere.
	CodeMissingVersion Code = "MISSING_VERSION"
	// CodeInvalidVersion: Version is neither 2012-10-17 nor 2008-10-17, or a managed policy is 2008-10-17.
	CodeInvalidVersion Code = "INVALID_VERSION"
	// CodeMissingStatement: no Statement element, or an empty list.
	CodeMissingStatement Code = "MISSING_STATEMENT"
	// CodeInvalidPolicyElement: an element the grammar does not have (element names are case-sensitive).
	CodeInvalidPolicyElement Code = "INVALID_POLICY_ELEMENT"
	// CodeInvalidEffect: Effect is not exactly Allow or Deny.
	CodeInvalidEffect Code = "INVALID_EFFECT"
	// CodeMissingEffect: a statement has no Effect.
	CodeMissingEffect Code = "MISSING_EFFECT"
	// CodeMissingAction: a statement has neither Action nor NotAction.
	CodeMissingAction Code = "MISSING_ACTION"
	// CodeUnsupportedElementCombination: a statement has both Action and NotAction, Resource and NotResource, or Principal and NotPrincipal.
	CodeUnsupportedElementCombination Code = "UNSUPPORTED_ELEMENT_COMBINATION"
	// CodeUniqueSidsRequired: two statements share a Sid.
	CodeUniqueSidsRequired Code = "UNIQUE_SIDS_REQUIRED"
	// CodeUnsupportedSid: a Sid of a policy IAM stores holds a character other than A-Z, a-z, 0-9 (IAM User Guide, "IAM JSON policy elements: Sid").
	CodeUnsupportedSid Code = "UNSUPPORTED_SID"
	// CodeInvalidActionFormat: an action is not service:action in the action grammar.
	CodeInvalidActionFormat Code = "INVALID_ACTION_FORMAT"
	// CodeInvalidAction: an action missing from iamsim's catalog of AWS actions; Access Analyzer reports it, IAM stores it (AWS managed policies list retired actions).
	CodeInvalidAction Code = "INVALID_ACTION"
	// CodeInvalidServiceInAction: an action's service prefix is not in the catalog; Access Analyzer reports it, IAM stores it (the service may be newer than the snapshot).
	CodeInvalidServiceInAction Code = "INVALID_SERVICE_IN_ACTION"
	// CodeInvalidARNPrefix: a resource is neither "*" nor an ARN (it does not start with arn:).
	CodeInvalidARNPrefix Code = "INVALID_ARN_PREFIX"
	// CodeMissingARNField: a resource ARN has fewer than the six fields arn:partition:service:region:account:resource, or no service.
	CodeMissingARNField Code = "MISSING_ARN_FIELD"
	// CodeInvalidPartition: a resource ARN's partition is not an AWS partition.
	CodeInvalidPartition Code = "INVALID_PARTITION"
	// CodeMissingBraceInVariable: a policy variable ${ has no closing brace.
	CodeMissingBraceInVariable Code = "MISSING_BRACE_IN_VARIABLE"
	// CodeEmptyVariable: a policy variable ${} names no key.
	CodeEmptyVariable Code = "EMPTY_VARIABLE"
	// CodeUnsupportedSpaceInVariable: a policy variable's key holds a space.
	CodeUnsupportedSpaceInVariable Code = "UNSUPPORTED_SPACE_IN_VARIABLE"
	// CodeUnsupportedSymbolInVariable: a policy variable's key holds a quote, a wildcard or a $.
	CodeUnsupportedSymbolInVariable Code = "UNSUPPORTED_SYMBOL_IN_VARIABLE"
	// CodeMissingQuoteInVariable: a policy variable's default value is not in single quotes.
	CodeMissingQuoteInVariable Code = "MISSING_QUOTE_IN_VARIABLE"
	// CodeInvalidVariableForOperator: an operator that takes no policy variables has one (only String and ARN operators do): it is literal text and never matches; IAM stores it.
	CodeInvalidVariableForOperator Code = "INVALID_VARIABLE_FOR_OPERATOR"
	// CodeVariableUnsupportedInVersion: ${...} in a policy whose Version is not 2012-10-17, where it is literal text; IAM stores it.
	CodeVariableUnsupportedInVersion Code = "VARIABLE_UNSUPPORTED_IN_VERSION"
	// CodeInvalidPrincipalFormat: a principal is neither "*" nor an object of AWS, Service, Federated, CanonicalUser entries of the right form.
	CodeInvalidPrincipalFormat Code = "INVALID_PRINCIPAL_FORMAT"
	// CodeInvalidPrincipalKey: a Principal object key other than AWS, Service, Federated, CanonicalUser.
	CodeInvalidPrincipalKey Code = "INVALID_PRINCIPAL_KEY"
	// CodeUnsupportedWildcardInPrincipal: a principal ARN has a wildcard.
	CodeUnsupportedWildcardInPrincipal Code = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	// CodeRoleTrustPolicyUnsupportedWildcardInPrincipal: UNSUPPORTED_WILDCARD_IN_PRINCIPAL in a role trust policy, as Access Analyzer names it there.
	CodeRoleTrustPolicyUnsupportedWildcardInPrincipal Code = "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	// CodeInvalidARNPrincipal: a principal ARN is malformed or not an IAM or STS ARN.
	CodeInvalidARNPrincipal Code = "INVALID_ARN_PRINCIPAL"
	// CodeInvalidServicePrincipalFormat: a Service principal is not a service principal name.
	CodeInvalidServicePrincipalFormat Code = "INVALID_SERVICE_PRINCIPAL_FORMAT"
	// CodeInvalidFederatedPrincipal: a Federated principal is neither an ARN nor a provider name.
	CodeInvalidFederatedPrincipal Code = "INVALID_FEDERATED_PRINCIPAL"
	// CodeInvalidFederatedPrincipalSyntaxInRoleTrustPolicy: INVALID_FEDERATED_PRINCIPAL in a role trust policy, as Access Analyzer names it there.
	CodeInvalidFederatedPrincipalSyntaxInRoleTrustPolicy Code = "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"
	// CodeUniqueIDPrincipal: an AWS principal is a unique id, which IAM leaves when the principal it named is deleted: it matches nothing.
	CodeUniqueIDPrincipal Code = "UNIQUE_ID_PRINCIPAL"
	// CodeUnsupportedPrincipal: a Principal or NotPrincipal in a policy whose place names none (identity, boundary, session, SCP).
	CodeUnsupportedPrincipal Code = "UNSUPPORTED_PRINCIPAL"
	// CodeSCPSyntaxErrorPrincipal: Principal or NotPrincipal in an SCP.
	CodeSCPSyntaxErrorPrincipal Code = "SCP_SYNTAX_ERROR_PRINCIPAL"
	// CodeMissingPrincipal: a statement of a trust, resource or RCP policy has no Principal.
	CodeMissingPrincipal Code = "MISSING_PRINCIPAL"
	// CodeRoleTrustPolicySyntaxErrorNotPrincipal: NotPrincipal in a role trust policy.
	CodeRoleTrustPolicySyntaxErrorNotPrincipal Code = "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"
	// CodeRoleTrustPolicySyntaxErrorResource: Resource or NotResource in a role trust policy ("Has prohibited field Resource").
	CodeRoleTrustPolicySyntaxErrorResource Code = "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"
	// CodeMissingResource: a statement has neither Resource nor NotResource where its place needs one.
	CodeMissingResource Code = "MISSING_RESOURCE"
	// CodeMismatchedActionForPrincipal: a trust policy's assume-role action does not go with its principal's type; Access Analyzer reports it, IAM stores it.
	CodeMismatchedActionForPrincipal Code = "MISMATCHED_ACTION_FOR_PRINCIPAL"
	// CodeTrustPolicyNonSTSAction: a trust policy names an action outside sts:, which governs nothing there.
	CodeTrustPolicyNonSTSAction Code = "TRUST_POLICY_NON_STS_ACTION"
	// CodeTrustPolicyAllowsAnyPrincipal: a trust policy lets any AWS principal assume the role with no condition.
	CodeTrustPolicyAllowsAnyPrincipal Code = "TRUST_POLICY_ALLOWS_ANY_PRINCIPAL"
	// CodeRCPSyntaxErrorPrincipal: an RCP statement's Principal is not "*".
	CodeRCPSyntaxErrorPrincipal Code = "RCP_SYNTAX_ERROR_PRINCIPAL"
	// CodeRCPSyntaxErrorNotAction: an RCP statement uses NotAction.
	CodeRCPSyntaxErrorNotAction Code = "RCP_SYNTAX_ERROR_NOTACTION"
	// CodeRCPSyntaxErrorAllow: an RCP statement allows outside the RCPFullAWSAccess form.
	CodeRCPSyntaxErrorAllow Code = "RCP_SYNTAX_ERROR_ALLOW"
	// CodeRCPStarAction: a customer managed RCP denies the action "*".
	CodeRCPStarAction Code = "RCP_STAR_ACTION"
	// CodePolicySizeExceedsIdentityQuota: an identity-based policy (managed, inline, boundary, session) over its place's size quota: IAM refuses it, so an ERROR where Access Analyzer has a WARNING; a size quota, which a loader that knows the place checks (AWS managed policies have none).
	CodePolicySizeExceedsIdentityQuota Code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"
	// CodePolicySizeExceedsResourceQuota: a resource-based or trust policy over its place's size quota: an ERROR where Access Analyzer has a WARNING, as for identity policies.
	CodePolicySizeExceedsResourceQuota Code = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"
	// CodePolicySizeExceedsSCPQuota: an SCP over the 5,120-character quota of AWS Organizations.
	CodePolicySizeExceedsSCPQuota Code = "POLICY_SIZE_EXCEEDS_SCP_QUOTA"
	// CodePolicySizeExceedsRCPQuota: an RCP over the 5,120-character quota of AWS Organizations.
	CodePolicySizeExceedsRCPQuota Code = "POLICY_SIZE_EXCEEDS_RCP_QUOTA"
	// CodeAllowAllActionsOnAllResources: Allow of every action on every resource with no condition: full administrator access.
	CodeAllowAllActionsOnAllResources Code = "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES"
	// CodePassRoleWithStarInResource: iam:PassRole with Resource "*".
	CodePassRoleWithStarInResource Code = "PASS_ROLE_WITH_STAR_IN_RESOURCE"
	// CodePublicAccess: a resource policy allows Principal "*" with no condition.
	CodePublicAccess Code = "PUBLIC_ACCESS"
	// CodeAllowWithNotPrincipal: Allow with NotPrincipal in a resource policy.
	CodeAllowWithNotPrincipal Code = "ALLOW_WITH_NOT_PRINCIPAL"
	// CodeAllowWithNotAction: Allow with NotAction.
	CodeAllowWithNotAction Code = "ALLOW_WITH_NOT_ACTION"
	// CodeAllowWithNotResource: Allow with NotResource.
	CodeAllowWithNotResource Code = "ALLOW_WITH_NOT_RESOURCE"
	// CodeInvalidConditionOperator: an unknown condition operator.
	CodeInvalidConditionOperator Code = "INVALID_CONDITION_OPERATOR"
	// CodeNullWithIfExists: IfExists on the Null operator.
	CodeNullWithIfExists Code = "NULL_WITH_IF_EXISTS"
	// CodeNullWithQualifier: ForAllValues or ForAnyValue on the Null operator, which then is always true or always false.
	CodeNullWithQualifier Code = "NULL_WITH_QUALIFIER"
	// CodeDuplicateKeysWithDifferentCase: a condition key repeated under one operator in another letter case.
	CodeDuplicateKeysWithDifferentCase Code = "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"
	// CodeInvalidConditionKeyFormat: a condition key without a service prefix, or with white space or a wildcard.
	CodeInvalidConditionKeyFormat Code = "INVALID_CONDITION_KEY_FORMAT"
	// CodeInvalidConditionMultipleBoolean: Bool or Null with a list of values.
	CodeInvalidConditionMultipleBoolean Code = "INVALID_CONDITION_MULTIPLE_BOOLEAN"
	// CodeTypeMismatchDate: a Date operator's value is neither an ISO 8601 date nor epoch seconds; IAM refuses it ("The policy failed legacy parsing"), so an ERROR where Access Analyzer has a WARNING.
	CodeTypeMismatchDate Code = "TYPE_MISMATCH_DATE"
	// CodeTypeMismatchNumber: a Numeric operator's value is not a number: the condition never matches.
	CodeTypeMismatchNumber Code = "TYPE_MISMATCH_NUMBER"
	// CodeTypeMismatchBoolean: a Bool or Null operator's value is neither true nor false: the condition never matches.
	CodeTypeMismatchBoolean Code = "TYPE_MISMATCH_BOOLEAN"
	// CodeTypeMismatchIPRange: an IP address operator's value is not an address or CIDR block: the condition never matches.
	CodeTypeMismatchIPRange Code = "TYPE_MISMATCH_IP_RANGE"
	// CodeTypeMismatchString: a BinaryEquals value is not base64: the condition never matches.
	CodeTypeMismatchString Code = "TYPE_MISMATCH_STRING"
	// CodeWildcardWithoutLikeOperator: StringEquals or StringNotEquals with * or ?, which it compares literally.
	CodeWildcardWithoutLikeOperator Code = "WILDCARD_WITHOUT_LIKE_OPERATOR"
	// CodeForAllValuesWithSingleValuedKey: ForAllValues with a single-valued key, true when the key is absent: a SECURITY_WARNING in an Allow, a WARNING in a Deny.
	CodeForAllValuesWithSingleValuedKey Code = "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
	// CodeForAnyValueWithSingleValuedKey: ForAnyValue with a single-valued key.
	CodeForAnyValueWithSingleValuedKey Code = "FOR_ANY_VALUE_WITH_SINGLE_VALUED_KEY"
	// CodeEmptyArrayAction: an empty Action list: IAM refuses it ("Policy statement must contain actions"), so an ERROR where Access Analyzer has a SUGGESTION.
	CodeEmptyArrayAction Code = "EMPTY_ARRAY_ACTION"
	// CodeEmptyArrayResource: an empty Resource list: IAM refuses it ("Policy statement must contain resources"), so an ERROR where Access Analyzer has a SUGGESTION.
	CodeEmptyArrayResource Code = "EMPTY_ARRAY_RESOURCE"
	// CodeEmptyArrayPrincipal: an empty principal list.
	CodeEmptyArrayPrincipal Code = "EMPTY_ARRAY_PRINCIPAL"
	// CodeEmptyObjectPrincipal: an empty Principal object: the statement applies to no principal.
	CodeEmptyObjectPrincipal Code = "EMPTY_OBJECT_PRINCIPAL"
	// CodeEmptyArrayCondition: a condition key with no values, without ForAllValues, ForAnyValue or IfExists: the condition never matches.
	CodeEmptyArrayCondition Code = "EMPTY_ARRAY_CONDITION"
	// CodeEmptyObjectConditionOperator: a condition operator with no keys.
	CodeEmptyObjectConditionOperator Code = "EMPTY_OBJECT_CONDITION_OPERATOR"
	// CodeEmptyObjectCondition: an empty Condition element.
	CodeEmptyObjectCondition Code = "EMPTY_OBJECT_CONDITION"
	// CodeRedundantAction: an action another entry of the list covers.
	CodeRedundantAction Code = "REDUNDANT_ACTION"
	// CodeRedundantResource: a resource another entry of the list covers.
	CodeRedundantResource Code = "REDUNDANT_RESOURCE"
	// CodeRedundantConditionValue: a condition value listed twice.
	CodeRedundantConditionValue Code = "REDUNDANT_CONDITION_VALUE"
	// CodeRedundantStatement: a statement that repeats an earlier one, Sid aside.
	CodeRedundantStatement Code = "REDUNDANT_STATEMENT"
)

// CodeInfo holds the facts of one code.
type CodeInfo struct {
	// Severity is the code's usual severity, Access Analyzer's where it has
	// the code. Some depend on the context: MISSING_VERSION (an ERROR for a
	// managed policy, which IAM refuses), FORALLVALUES_WITH_SINGLE_VALUED_KEY
	// (a WARNING in a Deny), UNIQUE_SIDS_RECOMMENDED (UNIQUE_SIDS_REQUIRED,
	// an ERROR, in the policies IAM stores).
	Severity Severity
	// Refused says whether AWS refuses to store a policy with an ERROR of
	// this code in a place where the code applies (IAM's
	// MalformedPolicyDocument, the Organizations and service equivalents),
	// as opposed to an ERROR only Access Analyzer reports (INVALID_ACTION,
	// MISMATCHED_ACTION_FOR_PRINCIPAL) or a size quota (POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA and the others,
	// which a loader that knows where a policy is stored checks). Every code
	// Parse reports is refused: Parse returns no Policy for it.
	Refused bool
}

// Info returns the facts of the code, and false for a code iamsim does not
// report.
func (c Code) Info() (CodeInfo, bool) {
	info, ok := codeTable[c]
	return info, ok
}

// Codes returns every code iamsim reports, in the order of codeTable.
func Codes() []Code {
	out := make([]Code, len(codeOrder))
	copy(out, codeOrder[:])
	return out
}

// codeTable is the one record of each code's facts.
var codeTable = map[Code]CodeInfo{
	CodeJSONSyntaxError:                                  {Error, true},
	CodeInvalidCharacter:                                 {Error, true},
	CodePolicyTooLarge:                                   {Error, true},
	CodeTooManyValues:                                    {Error, true},
	CodeDuplicateKey:                                     {Error, true},
	CodeDataTypeMismatch:                                 {Error, true},
	CodeMissingVersion:                                   {Warning, true},
	CodeInvalidVersion:                                   {Error, true},
	CodeMissingStatement:                                 {Error, true},
	CodeInvalidPolicyElement:                             {Error, true},
	CodeInvalidEffect:                                    {Error, true},
	CodeMissingEffect:                                    {Error, true},
	CodeMissingAction:                                    {Error, true},
	CodeUnsupportedElementCombination:                    {Error, true},
	CodeUniqueSidsRequired:                               {Error, true},
	CodeUnsupportedSid:                                   {Error, true},
	CodeInvalidActionFormat:                              {Error, true},
	CodeInvalidAction:                                    {Error, false},
	CodeInvalidServiceInAction:                           {Error, false},
	CodeInvalidARNPrefix:                                 {Error, true},
	CodeMissingARNField:                                  {Error, true},
	CodeInvalidPartition:                                 {Error, true},
	CodeMissingBraceInVariable:                           {Error, true},
	CodeEmptyVariable:                                    {Error, true},
	CodeUnsupportedSpaceInVariable:                       {Error, true},
	CodeUnsupportedSymbolInVariable:                      {Error, true},
	CodeMissingQuoteInVariable:                           {Error, true},
	CodeInvalidVariableForOperator:                       {Error, false},
	CodeVariableUnsupportedInVersion:                     {Error, false},
	CodeInvalidPrincipalFormat:                           {Error, true},
	CodeInvalidPrincipalKey:                              {Error, true},
	CodeUnsupportedWildcardInPrincipal:                   {Error, true},
	CodeRoleTrustPolicyUnsupportedWildcardInPrincipal:    {Error, true},
	CodeInvalidARNPrincipal:                              {Error, true},
	CodeInvalidServicePrincipalFormat:                    {Error, true},
	CodeInvalidFederatedPrincipal:                        {Error, true},
	CodeInvalidFederatedPrincipalSyntaxInRoleTrustPolicy: {Error, true},
	CodeUniqueIDPrincipal:                                {Warning, false},
	CodeUnsupportedPrincipal:                             {Error, true},
	CodeSCPSyntaxErrorPrincipal:                          {Error, true},
	CodeMissingPrincipal:                                 {Error, true},
	CodeRoleTrustPolicySyntaxErrorNotPrincipal:           {Error, true},
	CodeRoleTrustPolicySyntaxErrorResource:               {Error, true},
	CodeMissingResource:                                  {Error, true},
	CodeMismatchedActionForPrincipal:                     {Error, false},
	CodeTrustPolicyNonSTSAction:                          {Warning, false},
	CodeTrustPolicyAllowsAnyPrincipal:                    {SecurityWarning, false},
	CodeRCPSyntaxErrorPrincipal:                          {Error, true},
	CodeRCPSyntaxErrorNotAction:                          {Error, true},
	CodeRCPSyntaxErrorAllow:                              {Error, true},
	CodeRCPStarAction:                                    {Error, true},
	CodePolicySizeExceedsIdentityQuota:                   {Error, false},
	CodePolicySizeExceedsResourceQuota:                   {Error, false},
	CodePolicySizeExceedsSCPQuota:                        {Error, false},
	CodePolicySizeExceedsRCPQuota:                        {Error, false},
	CodeAllowAllActionsOnAllResources:                    {SecurityWarning, false},
	CodePassRoleWithStarInResource:                       {SecurityWarning, false},
	CodePublicAccess:                                     {SecurityWarning, false},
	CodeAllowWithNotPrincipal:                            {SecurityWarning, false},
	CodeAllowWithNotAction:                               {Warning, false},
	CodeAllowWithNotResource:                             {Warning, false},
	CodeInvalidConditionOperator:                         {Error, true},
	CodeNullWithIfExists:                                 {Error, true},
	CodeNullWithQualifier:                                {Suggestion, false},
	CodeDuplicateKeysWithDifferentCase:                   {Error, true},
	CodeInvalidConditionKeyFormat:                        {Error, true},
	CodeInvalidConditionMultipleBoolean:                  {Error, true},
	CodeTypeMismatchDate:                                 {Error, true},
	CodeTypeMismatchNumber:                               {Warning, false},
	CodeTypeMismatchBoolean:                              {Warning, false},
	CodeTypeMismatchIPRange:                              {Warning, false},
	CodeTypeMismatchString:                               {Warning, false},
	CodeWildcardWithoutLikeOperator:                      {Warning, false},
	CodeForAllValuesWithSingleValuedKey:                  {SecurityWarning, false},
	CodeForAnyValueWithSingleValuedKey:                   {Warning, false},
	CodeEmptyArrayAction:                                 {Error, true},
	CodeEmptyArrayResource:                               {Error, true},
	CodeEmptyArrayPrincipal:                              {Suggestion, false},
	CodeEmptyObjectPrincipal:                             {Suggestion, false},
	CodeEmptyArrayCondition:                              {Suggestion, false},
	CodeEmptyObjectConditionOperator:                     {Suggestion, false},
	CodeEmptyObjectCondition:                             {Suggestion, false},
	CodeRedundantAction:                                  {Suggestion, false},
	CodeRedundantResource:                                {Suggestion, false},
	CodeRedundantConditionValue:                          {Suggestion, false},
	CodeRedundantStatement:                               {Suggestion, false},
	CodeARNAccountNotAllowed:                             {Error, false},
	CodeARNRegionNotAllowed:                              {Error, false},
	CodeMissingARNRegion:                                 {Error, false},
	CodeMissingARNAccount:                                {Error, false},
	CodeInvalidARNAccount:                                {Error, false},
	CodeInvalidARNRegion:                                 {Error, false},
	CodeInvalidARNServiceCase:                            {Error, false},
	CodeInvalidARNResource:                               {Error, false},
	CodeInvalidGlobalConditionKey:                        {Error, false},
	CodeInvalidServiceConditionKey:                       {Error, false},
	CodeInvalidService:                                   {Error, false},
	CodeUnsupportedActionForConditionKey:                 {Error, false},
	CodeUnsupportedGlobalConditionKey:                    {Error, false},
	CodeDeprecatedGlobalConditionKey:                     {Warning, false},
	CodeMissingTagKeyInCondition:                         {Error, false},
	CodeTypeMismatch:                                     {Warning, false},
	CodeMissingQualifier:                                 {Error, false},
	CodeStringLikeWithARNKey:                             {SecurityWarning, false},
	CodePrivateIPAddress:                                 {Error, false},
	CodePrivateNotIPAddress:                              {Error, false},
	CodePrivateIPAddressSubset:                           {Suggestion, false},
	CodePrivateNotIPAddressSubset:                        {Suggestion, false},
	CodeImproveIPRange:                                   {Suggestion, false},
	CodeInvalidVPCFormat:                                 {Error, false},
	CodeInvalidVPCEFormat:                                {Error, false},
	CodeInvalidRegion:                                    {Error, false},
	CodeInvalidDateValue:                                 {Warning, false},
	CodeEquivalentToNullFalse:                            {Suggestion, false},
	CodeEquivalentToNullTrue:                             {Suggestion, false},
	CodeRedundantConditionValueNum:                       {Suggestion, false},
	CodeMissingPairedConditionKeys:                       {SecurityWarning, false},
	CodeAllowWithUnsupportedTagKey:                       {Suggestion, false},
	CodeAllowNotActionWithUnsupportedTagKey:              {Suggestion, false},
	CodeDenyWithUnsupportedTagKey:                        {SecurityWarning, false},
	CodeDenyNotActionWithUnsupportedTagKey:               {SecurityWarning, false},
	CodeVariableUnsupportedInElement:                     {Error, true},
	CodeUnsupportedActionInPolicy:                        {Error, true},
	CodeUnsupportedResourceARNInPolicy:                   {Error, true},
	CodeInvalidConditionDataType:                         {Error, false},
	CodeInvalidRoleReference:                             {Warning, false},
	CodeInvalidUserReference:                             {Warning, false},
	CodeWildcardInServiceName:                            {Suggestion, false},
	CodeEmptySidValue:                                    {Suggestion, false},
	CodeUniqueSidsRecommended:                            {Warning, false},
	CodeEmptyArrayConditionForAllValues:                  {Suggestion, false},
	CodeEmptyArrayConditionForAnyValue:                   {Suggestion, false},
	CodeEmptyArrayConditionIfExists:                      {Suggestion, false},
	CodePassRoleWithNotResource:                          {SecurityWarning, false},
	CodePassRoleWithStarInActionAndNotResource:           {SecurityWarning, false},
	CodePassRoleWithNotActionAndNotResource:              {SecurityWarning, false},
	CodePassRoleWithStarInActionAndResource:              {SecurityWarning, false},
	CodePassRoleWithNotActionAndStarInResource:           {SecurityWarning, false},
	CodeCreateSLRWithNotResource:                         {Warning, false},
	CodeCreateSLRWithStarInActionAndNotResource:          {Warning, false},
	CodeCreateSLRWithNotActionAndNotResource:             {Warning, false},
	CodeCreateSLRWithStarInResource:                      {Warning, false},
	CodeCreateSLRWithStarInActionAndResource:             {Warning, false},
	CodeCreateSLRWithStarInResourceAndNotAction:          {Warning, false},
	CodeRCPSyntaxErrorAction:                             {Error, false},
	CodeFederatedPrincipalNotSupported:                   {Error, false},
	CodeMissingActionForRolesAnywhere:                    {Error, false},
	CodeMissingGitHubRepoConditionKey:                    {SecurityWarning, false},
	CodeRestrictAccessToServicePrincipal:                 {SecurityWarning, false},
	CodeSpecificGitHubRepoAndBranchRecommended:           {Warning, false},
	CodeConfirmAudienceClaimType:                         {Suggestion, false},
	CodeForAnyValueWithAudienceClaimType:                 {SecurityWarning, false},
	CodeMissingConditionKeyForOIDCPrincipal:              {SecurityWarning, false},
	CodeRedundantPrincipalInRoleTrustPolicy:              {Suggestion, false},
	CodeRecommendedConditionKeyForServicePrincipal:       {Suggestion, false},
	CodeUnsupportedConditionKeyForServicePrincipal:       {Error, false},
	CodeUntrustworthyConditionKey:                        {SecurityWarning, false},
	CodeDynamoDBAttributesWithoutSelect:                  {SecurityWarning, false},
	CodeS3PrefixInNegativeContext:                        {SecurityWarning, false},
	CodeWildcardUsageTooPermissive:                       {Error, false},
	CodeVariableUsageTooPermissive:                       {Error, false},
	CodeMissingActionForConditionKey:                     {Error, false},
	CodeRCPMissingRelatedPrincipalConditionKey:           {Warning, false},
	CodeRCPMissingRelatedServicePrincipalConditionKey:    {Warning, false},
	CodeRCPMissingServiceConditionKeyNullCheck:           {Warning, false},
	CodeIrrelevantConditionKeyInPolicy:                   {Suggestion, false},
	CodePolicySizeExceedsRoleTrustQuota:                  {Error, false},
	CodeUseConditionKeyOnlyWithSupportedServices:         {Warning, false},
}

// codeOrder lists the codes in the order of the constants.
var codeOrder = [...]Code{
	CodeJSONSyntaxError,
	CodeInvalidCharacter,
	CodePolicyTooLarge,
	CodeTooManyValues,
	CodeDuplicateKey,
	CodeDataTypeMismatch,
	CodeMissingVersion,
	CodeInvalidVersion,
	CodeMissingStatement,
	CodeInvalidPolicyElement,
	CodeInvalidEffect,
	CodeMissingEffect,
	CodeMissingAction,
	CodeUnsupportedElementCombination,
	CodeUniqueSidsRequired,
	CodeUnsupportedSid,
	CodeInvalidActionFormat,
	CodeInvalidAction,
	CodeInvalidServiceInAction,
	CodeInvalidARNPrefix,
	CodeMissingARNField,
	CodeInvalidPartition,
	CodeMissingBraceInVariable,
	CodeEmptyVariable,
	CodeUnsupportedSpaceInVariable,
	CodeUnsupportedSymbolInVariable,
	CodeMissingQuoteInVariable,
	CodeInvalidVariableForOperator,
	CodeVariableUnsupportedInVersion,
	CodeInvalidPrincipalFormat,
	CodeInvalidPrincipalKey,
	CodeUnsupportedWildcardInPrincipal,
	CodeRoleTrustPolicyUnsupportedWildcardInPrincipal,
	CodeInvalidARNPrincipal,
	CodeInvalidServicePrincipalFormat,
	CodeInvalidFederatedPrincipal,
	CodeInvalidFederatedPrincipalSyntaxInRoleTrustPolicy,
	CodeUniqueIDPrincipal,
	CodeUnsupportedPrincipal,
	CodeSCPSyntaxErrorPrincipal,
	CodeMissingPrincipal,
	CodeRoleTrustPolicySyntaxErrorNotPrincipal,
	CodeRoleTrustPolicySyntaxErrorResource,
	CodeMissingResource,
	CodeMismatchedActionForPrincipal,
	CodeTrustPolicyNonSTSAction,
	CodeTrustPolicyAllowsAnyPrincipal,
	CodeRCPSyntaxErrorPrincipal,
	CodeRCPSyntaxErrorNotAction,
	CodeRCPSyntaxErrorAllow,
	CodeRCPStarAction,
	CodePolicySizeExceedsIdentityQuota,
	CodePolicySizeExceedsResourceQuota,
	CodePolicySizeExceedsSCPQuota,
	CodePolicySizeExceedsRCPQuota,
	CodeAllowAllActionsOnAllResources,
	CodePassRoleWithStarInResource,
	CodePublicAccess,
	CodeAllowWithNotPrincipal,
	CodeAllowWithNotAction,
	CodeAllowWithNotResource,
	CodeInvalidConditionOperator,
	CodeNullWithIfExists,
	CodeNullWithQualifier,
	CodeDuplicateKeysWithDifferentCase,
	CodeInvalidConditionKeyFormat,
	CodeInvalidConditionMultipleBoolean,
	CodeTypeMismatchDate,
	CodeTypeMismatchNumber,
	CodeTypeMismatchBoolean,
	CodeTypeMismatchIPRange,
	CodeTypeMismatchString,
	CodeWildcardWithoutLikeOperator,
	CodeForAllValuesWithSingleValuedKey,
	CodeForAnyValueWithSingleValuedKey,
	CodeEmptyArrayAction,
	CodeEmptyArrayResource,
	CodeEmptyArrayPrincipal,
	CodeEmptyObjectPrincipal,
	CodeEmptyArrayCondition,
	CodeEmptyObjectConditionOperator,
	CodeEmptyObjectCondition,
	CodeRedundantAction,
	CodeRedundantResource,
	CodeRedundantConditionValue,
	CodeRedundantStatement,
	CodeARNAccountNotAllowed,
	CodeARNRegionNotAllowed,
	CodeMissingARNRegion,
	CodeMissingARNAccount,
	CodeInvalidARNAccount,
	CodeInvalidARNRegion,
	CodeInvalidARNServiceCase,
	CodeInvalidARNResource,
	CodeInvalidGlobalConditionKey,
	CodeInvalidServiceConditionKey,
	CodeInvalidService,
	CodeUnsupportedActionForConditionKey,
	CodeUnsupportedGlobalConditionKey,
	CodeDeprecatedGlobalConditionKey,
	CodeMissingTagKeyInCondition,
	CodeTypeMismatch,
	CodeMissingQualifier,
	CodeStringLikeWithARNKey,
	CodePrivateIPAddress,
	CodePrivateNotIPAddress,
	CodePrivateIPAddressSubset,
	CodePrivateNotIPAddressSubset,
	CodeImproveIPRange,
	CodeInvalidVPCFormat,
	CodeInvalidVPCEFormat,
	CodeInvalidRegion,
	CodeInvalidDateValue,
	CodeEquivalentToNullFalse,
	CodeEquivalentToNullTrue,
	CodeRedundantConditionValueNum,
	CodeMissingPairedConditionKeys,
	CodeAllowWithUnsupportedTagKey,
	CodeAllowNotActionWithUnsupportedTagKey,
	CodeDenyWithUnsupportedTagKey,
	CodeDenyNotActionWithUnsupportedTagKey,
	CodeVariableUnsupportedInElement,
	CodeUnsupportedActionInPolicy,
	CodeUnsupportedResourceARNInPolicy,
	CodeInvalidConditionDataType,
	CodeInvalidRoleReference,
	CodeInvalidUserReference,
	CodeWildcardInServiceName,
	CodeEmptySidValue,
	CodeUniqueSidsRecommended,
	CodeEmptyArrayConditionForAllValues,
	CodeEmptyArrayConditionForAnyValue,
	CodeEmptyArrayConditionIfExists,
	CodePassRoleWithNotResource,
	CodePassRoleWithStarInActionAndNotResource,
	CodePassRoleWithNotActionAndNotResource,
	CodePassRoleWithStarInActionAndResource,
	CodePassRoleWithNotActionAndStarInResource,
	CodeCreateSLRWithNotResource,
	CodeCreateSLRWithStarInActionAndNotResource,
	CodeCreateSLRWithNotActionAndNotResource,
	CodeCreateSLRWithStarInResource,
	CodeCreateSLRWithStarInActionAndResource,
	CodeCreateSLRWithStarInResourceAndNotAction,
	CodeRCPSyntaxErrorAction,
	CodeFederatedPrincipalNotSupported,
	CodeMissingActionForRolesAnywhere,
	CodeMissingGitHubRepoConditionKey,
	CodeRestrictAccessToServicePrincipal,
	CodeSpecificGitHubRepoAndBranchRecommended,
	CodeConfirmAudienceClaimType,
	CodeForAnyValueWithAudienceClaimType,
	CodeMissingConditionKeyForOIDCPrincipal,
	CodeRedundantPrincipalInRoleTrustPolicy,
	CodeRecommendedConditionKeyForServicePrincipal,
	CodeUnsupportedConditionKeyForServicePrincipal,
	CodeUntrustworthyConditionKey,
	CodeDynamoDBAttributesWithoutSelect,
	CodeS3PrefixInNegativeContext,
	CodeWildcardUsageTooPermissive,
	CodeVariableUsageTooPermissive,
	CodeMissingActionForConditionKey,
	CodeRCPMissingRelatedPrincipalConditionKey,
	CodeRCPMissingRelatedServicePrincipalConditionKey,
	CodeRCPMissingServiceConditionKeyNullCheck,
	CodeIrrelevantConditionKeyInPolicy,
	CodePolicySizeExceedsRoleTrustQuota,
	CodeUseConditionKeyOnlyWithSupportedServices,
}
