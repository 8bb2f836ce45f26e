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
	// CodeUnknownElement: an element the grammar does not have (element names are case-sensitive).
	CodeUnknownElement Code = "UNKNOWN_ELEMENT"
	// CodeInvalidEffect: Effect is not exactly Allow or Deny.
	CodeInvalidEffect Code = "INVALID_EFFECT"
	// CodeMissingEffect: a statement has no Effect.
	CodeMissingEffect Code = "MISSING_EFFECT"
	// CodeMissingAction: a statement has neither Action nor NotAction.
	CodeMissingAction Code = "MISSING_ACTION"
	// CodeActionAndNotAction: a statement has both Action and NotAction.
	CodeActionAndNotAction Code = "ACTION_AND_NOT_ACTION"
	// CodeResourceAndNotResource: a statement has both Resource and NotResource.
	CodeResourceAndNotResource Code = "RESOURCE_AND_NOT_RESOURCE"
	// CodePrincipalAndNotPrincipal: a statement has both Principal and NotPrincipal.
	CodePrincipalAndNotPrincipal Code = "PRINCIPAL_AND_NOT_PRINCIPAL"
	// CodeUniqueSidsRequired: two statements share a Sid.
	CodeUniqueSidsRequired Code = "UNIQUE_SIDS_REQUIRED"
	// CodeInvalidSid: a Sid of a policy IAM stores holds a character other than A-Z, a-z, 0-9 (IAM User Guide, "IAM JSON policy elements: Sid").
	CodeInvalidSid Code = "INVALID_SID"
	// CodeInvalidActionFormat: an action is not service:action in the action grammar.
	CodeInvalidActionFormat Code = "INVALID_ACTION_FORMAT"
	// CodeInvalidAction: an action missing from iamsim's catalog of AWS actions; Access Analyzer reports it, IAM stores it (AWS managed policies list retired actions).
	CodeInvalidAction Code = "INVALID_ACTION"
	// CodeUnknownService: an action's service prefix is not in the catalog (it may be newer than the snapshot).
	CodeUnknownService Code = "UNKNOWN_SERVICE"
	// CodeInvalidARNResource: a resource is neither "*" nor an ARN of six components.
	CodeInvalidARNResource Code = "INVALID_ARN_RESOURCE"
	// CodeInvalidPartition: a resource ARN's partition is not an AWS partition.
	CodeInvalidPartition Code = "INVALID_PARTITION"
	// CodeMissingBraceInVariable: a policy variable ${ has no closing brace.
	CodeMissingBraceInVariable Code = "MISSING_BRACE_IN_VARIABLE"
	// CodeInvalidVariable: a policy variable names no condition key.
	CodeInvalidVariable Code = "INVALID_VARIABLE"
	// CodeMissingQuoteInVariable: a policy variable's default value is not in single quotes.
	CodeMissingQuoteInVariable Code = "MISSING_QUOTE_IN_VARIABLE"
	// CodeVariableNotSupported: an operator that takes no policy variables has one: it is literal text and never matches.
	CodeVariableNotSupported Code = "VARIABLE_NOT_SUPPORTED"
	// CodeVariablesNeedVersion2012: ${...} in a policy whose Version is not 2012-10-17, where it is literal text.
	CodeVariablesNeedVersion2012 Code = "VARIABLES_NEED_VERSION_2012"
	// CodeInvalidPrincipalFormat: a principal is neither "*" nor an object of AWS, Service, Federated, CanonicalUser entries of the right form.
	CodeInvalidPrincipalFormat Code = "INVALID_PRINCIPAL_FORMAT"
	// CodeUnsupportedWildcardInPrincipal: a principal ARN has a wildcard.
	CodeUnsupportedWildcardInPrincipal Code = "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	// CodeInvalidARNPrincipal: a principal ARN is malformed or not an IAM or STS ARN.
	CodeInvalidARNPrincipal Code = "INVALID_ARN_PRINCIPAL"
	// CodeInvalidServicePrincipal: a Service principal is not a service principal name.
	CodeInvalidServicePrincipal Code = "INVALID_SERVICE_PRINCIPAL"
	// CodeInvalidFederatedPrincipal: a Federated principal is neither an ARN nor a provider name.
	CodeInvalidFederatedPrincipal Code = "INVALID_FEDERATED_PRINCIPAL"
	// CodeUniqueIDPrincipal: an AWS principal is a unique id, which IAM leaves when the principal it named is deleted: it matches nothing.
	CodeUniqueIDPrincipal Code = "UNIQUE_ID_PRINCIPAL"
	// CodeUnsupportedPrincipal: a Principal or NotPrincipal in a policy whose place names none (identity, boundary, session, SCP).
	CodeUnsupportedPrincipal Code = "UNSUPPORTED_PRINCIPAL"
	// CodeMissingPrincipal: a statement of a trust, resource or RCP policy has no Principal.
	CodeMissingPrincipal Code = "MISSING_PRINCIPAL"
	// CodeUnsupportedNotPrincipal: NotPrincipal in a trust policy or an RCP.
	CodeUnsupportedNotPrincipal Code = "UNSUPPORTED_NOT_PRINCIPAL"
	// CodeUnsupportedResource: Resource or NotResource in a role trust policy ("Has prohibited field Resource").
	CodeUnsupportedResource Code = "UNSUPPORTED_RESOURCE"
	// CodeMissingResource: a statement has neither Resource nor NotResource where its place needs one.
	CodeMissingResource Code = "MISSING_RESOURCE"
	// CodeMismatchedActionForPrincipal: a trust policy's assume-role action does not go with its principal's type; Access Analyzer reports it, IAM stores it.
	CodeMismatchedActionForPrincipal Code = "MISMATCHED_ACTION_FOR_PRINCIPAL"
	// CodeTrustPolicyNonSTSAction: a trust policy names an action outside sts:, which governs nothing there.
	CodeTrustPolicyNonSTSAction Code = "TRUST_POLICY_NON_STS_ACTION"
	// CodeTrustPolicyAllowsAnyPrincipal: a trust policy lets any AWS principal assume the role with no condition.
	CodeTrustPolicyAllowsAnyPrincipal Code = "TRUST_POLICY_ALLOWS_ANY_PRINCIPAL"
	// CodeRCPPrincipalNotStar: an RCP statement's Principal is not "*".
	CodeRCPPrincipalNotStar Code = "RCP_PRINCIPAL_NOT_STAR"
	// CodeRCPNotAction: an RCP statement uses NotAction.
	CodeRCPNotAction Code = "RCP_NOT_ACTION"
	// CodeRCPAllow: an RCP statement allows outside the RCPFullAWSAccess form.
	CodeRCPAllow Code = "RCP_ALLOW"
	// CodeRCPStarAction: a customer managed RCP denies the action "*".
	CodeRCPStarAction Code = "RCP_STAR_ACTION"
	// CodePolicySizeExceeded: the policy is over its place's size quota; a size quota, which a loader that knows the place checks (AWS managed policies have none).
	CodePolicySizeExceeded Code = "POLICY_SIZE_EXCEEDED"
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
	// CodeNullWithSetOperator: ForAllValues or ForAnyValue on the Null operator.
	CodeNullWithSetOperator Code = "NULL_WITH_SET_OPERATOR"
	// CodeDuplicateKeysWithDifferentCase: a condition key repeated under one operator in another letter case.
	CodeDuplicateKeysWithDifferentCase Code = "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"
	// CodeInvalidConditionKey: a condition key without a service prefix, or with white space or a wildcard.
	CodeInvalidConditionKey Code = "INVALID_CONDITION_KEY"
	// CodeInvalidConditionMultipleBoolean: Bool or Null with a list of values.
	CodeInvalidConditionMultipleBoolean Code = "INVALID_CONDITION_MULTIPLE_BOOLEAN"
	// CodeInvalidDateValue: a Date operator's value is neither an ISO 8601 date nor epoch seconds.
	CodeInvalidDateValue Code = "INVALID_DATE_VALUE"
	// CodeTypeMismatchNumber: a Numeric operator's value is not a number: the condition never matches.
	CodeTypeMismatchNumber Code = "TYPE_MISMATCH_NUMBER"
	// CodeTypeMismatchBoolean: a Bool or Null operator's value is neither true nor false: the condition never matches.
	CodeTypeMismatchBoolean Code = "TYPE_MISMATCH_BOOLEAN"
	// CodeTypeMismatchIPRange: an IP address operator's value is not an address or CIDR block: the condition never matches.
	CodeTypeMismatchIPRange Code = "TYPE_MISMATCH_IP_RANGE"
	// CodeTypeMismatchBinary: a BinaryEquals value is not base64: the condition never matches.
	CodeTypeMismatchBinary Code = "TYPE_MISMATCH_BINARY"
	// CodeWildcardInStringEquals: StringEquals or StringNotEquals with * or ?, which it compares literally.
	CodeWildcardInStringEquals Code = "WILDCARD_IN_STRING_EQUALS"
	// CodeForAllValuesWithSingleValuedKey: ForAllValues with a single-valued key, true when the key is absent: a SECURITY_WARNING in an Allow.
	CodeForAllValuesWithSingleValuedKey Code = "FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY"
	// CodeForAnyValueWithSingleValuedKey: ForAnyValue with a single-valued key.
	CodeForAnyValueWithSingleValuedKey Code = "FOR_ANY_VALUE_WITH_SINGLE_VALUED_KEY"
	// CodeMultivaluedKeyWithoutSetOperator: a multivalued key without ForAllValues or ForAnyValue.
	CodeMultivaluedKeyWithoutSetOperator Code = "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR"
	// CodeEmptyArrayAction: an empty Action list: the statement applies to no action.
	CodeEmptyArrayAction Code = "EMPTY_ARRAY_ACTION"
	// CodeEmptyArrayResource: an empty Resource list: the statement applies to no resource.
	CodeEmptyArrayResource Code = "EMPTY_ARRAY_RESOURCE"
	// CodeEmptyArrayPrincipal: an empty principal list.
	CodeEmptyArrayPrincipal Code = "EMPTY_ARRAY_PRINCIPAL"
	// CodeEmptyObjectPrincipal: an empty Principal object: the statement applies to no principal.
	CodeEmptyObjectPrincipal Code = "EMPTY_OBJECT_PRINCIPAL"
	// CodeEmptyArrayCondition: a condition key with no values: the condition never matches.
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
	// Severity is the code's usual severity. Three codes depend on the
	// context: MISSING_VERSION (an ERROR only for a managed policy) and
	// FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY (a SECURITY_WARNING in an Allow).
	Severity Severity
	// Refused says whether AWS refuses to store a policy with an ERROR of
	// this code in a place where the code applies (IAM's
	// MalformedPolicyDocument, the Organizations and service equivalents),
	// as opposed to an ERROR only Access Analyzer reports (INVALID_ACTION,
	// MISMATCHED_ACTION_FOR_PRINCIPAL) or a size quota (POLICY_SIZE_EXCEEDED,
	// which a loader that knows where a policy is stored checks). Every code
	// Parse reports is refused: Parse returns no Policy for it.
	Refused bool
}

// Info returns the facts of the code, and false for a code iamsim does not
// report.
func (c Code) Info() (CodeInfo, bool) {
	if info, ok := codeTable[c]; ok {
		return info, ok
	}
	info, ok := aaCodeInfo[c] // Access Analyzer's checks (aa_codes.go)
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
	CodeJSONSyntaxError:                  {Error, true},
	CodeInvalidCharacter:                 {Error, true},
	CodePolicyTooLarge:                   {Error, true},
	CodeTooManyValues:                    {Error, true},
	CodeDuplicateKey:                     {Error, true},
	CodeDataTypeMismatch:                 {Error, true},
	CodeMissingVersion:                   {Error, true},
	CodeInvalidVersion:                   {Error, true},
	CodeMissingStatement:                 {Error, true},
	CodeUnknownElement:                   {Error, true},
	CodeInvalidEffect:                    {Error, true},
	CodeMissingEffect:                    {Error, true},
	CodeMissingAction:                    {Error, true},
	CodeActionAndNotAction:               {Error, true},
	CodeResourceAndNotResource:           {Error, true},
	CodePrincipalAndNotPrincipal:         {Error, true},
	CodeUniqueSidsRequired:               {Error, true},
	CodeInvalidSid:                       {Error, true},
	CodeInvalidActionFormat:              {Error, true},
	CodeInvalidAction:                    {Error, false},
	CodeUnknownService:                   {Warning, false},
	CodeInvalidARNResource:               {Error, true},
	CodeInvalidPartition:                 {Error, true},
	CodeMissingBraceInVariable:           {Error, true},
	CodeInvalidVariable:                  {Error, true},
	CodeMissingQuoteInVariable:           {Error, true},
	CodeVariableNotSupported:             {Warning, false},
	CodeVariablesNeedVersion2012:         {Warning, false},
	CodeInvalidPrincipalFormat:           {Error, true},
	CodeUnsupportedWildcardInPrincipal:   {Error, true},
	CodeInvalidARNPrincipal:              {Error, true},
	CodeInvalidServicePrincipal:          {Error, true},
	CodeInvalidFederatedPrincipal:        {Error, true},
	CodeUniqueIDPrincipal:                {Warning, false},
	CodeUnsupportedPrincipal:             {Error, true},
	CodeMissingPrincipal:                 {Error, true},
	CodeUnsupportedNotPrincipal:          {Error, true},
	CodeUnsupportedResource:              {Error, true},
	CodeMissingResource:                  {Error, true},
	CodeMismatchedActionForPrincipal:     {Error, false},
	CodeTrustPolicyNonSTSAction:          {Warning, false},
	CodeTrustPolicyAllowsAnyPrincipal:    {SecurityWarning, false},
	CodeRCPPrincipalNotStar:              {Error, true},
	CodeRCPNotAction:                     {Error, true},
	CodeRCPAllow:                         {Error, true},
	CodeRCPStarAction:                    {Error, true},
	CodePolicySizeExceeded:               {Error, false},
	CodeAllowAllActionsOnAllResources:    {SecurityWarning, false},
	CodePassRoleWithStarInResource:       {SecurityWarning, false},
	CodePublicAccess:                     {SecurityWarning, false},
	CodeAllowWithNotPrincipal:            {SecurityWarning, false},
	CodeAllowWithNotAction:               {Warning, false},
	CodeAllowWithNotResource:             {Warning, false},
	CodeInvalidConditionOperator:         {Error, true},
	CodeNullWithIfExists:                 {Error, true},
	CodeNullWithSetOperator:              {Warning, false},
	CodeDuplicateKeysWithDifferentCase:   {Error, true},
	CodeInvalidConditionKey:              {Error, true},
	CodeInvalidConditionMultipleBoolean:  {Error, true},
	CodeInvalidDateValue:                 {Error, true},
	CodeTypeMismatchNumber:               {Warning, false},
	CodeTypeMismatchBoolean:              {Warning, false},
	CodeTypeMismatchIPRange:              {Warning, false},
	CodeTypeMismatchBinary:               {Warning, false},
	CodeWildcardInStringEquals:           {Warning, false},
	CodeForAllValuesWithSingleValuedKey:  {Warning, false},
	CodeForAnyValueWithSingleValuedKey:   {Warning, false},
	CodeMultivaluedKeyWithoutSetOperator: {Warning, false},
	CodeEmptyArrayAction:                 {Suggestion, false},
	CodeEmptyArrayResource:               {Suggestion, false},
	CodeEmptyArrayPrincipal:              {Suggestion, false},
	CodeEmptyObjectPrincipal:             {Suggestion, false},
	CodeEmptyArrayCondition:              {Suggestion, false},
	CodeEmptyObjectConditionOperator:     {Suggestion, false},
	CodeEmptyObjectCondition:             {Suggestion, false},
	CodeRedundantAction:                  {Suggestion, false},
	CodeRedundantResource:                {Suggestion, false},
	CodeRedundantConditionValue:          {Suggestion, false},
	CodeRedundantStatement:               {Suggestion, false},
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
	CodeUnknownElement,
	CodeInvalidEffect,
	CodeMissingEffect,
	CodeMissingAction,
	CodeActionAndNotAction,
	CodeResourceAndNotResource,
	CodePrincipalAndNotPrincipal,
	CodeUniqueSidsRequired,
	CodeInvalidSid,
	CodeInvalidActionFormat,
	CodeInvalidAction,
	CodeUnknownService,
	CodeInvalidARNResource,
	CodeInvalidPartition,
	CodeMissingBraceInVariable,
	CodeInvalidVariable,
	CodeMissingQuoteInVariable,
	CodeVariableNotSupported,
	CodeVariablesNeedVersion2012,
	CodeInvalidPrincipalFormat,
	CodeUnsupportedWildcardInPrincipal,
	CodeInvalidARNPrincipal,
	CodeInvalidServicePrincipal,
	CodeInvalidFederatedPrincipal,
	CodeUniqueIDPrincipal,
	CodeUnsupportedPrincipal,
	CodeMissingPrincipal,
	CodeUnsupportedNotPrincipal,
	CodeUnsupportedResource,
	CodeMissingResource,
	CodeMismatchedActionForPrincipal,
	CodeTrustPolicyNonSTSAction,
	CodeTrustPolicyAllowsAnyPrincipal,
	CodeRCPPrincipalNotStar,
	CodeRCPNotAction,
	CodeRCPAllow,
	CodeRCPStarAction,
	CodePolicySizeExceeded,
	CodeAllowAllActionsOnAllResources,
	CodePassRoleWithStarInResource,
	CodePublicAccess,
	CodeAllowWithNotPrincipal,
	CodeAllowWithNotAction,
	CodeAllowWithNotResource,
	CodeInvalidConditionOperator,
	CodeNullWithIfExists,
	CodeNullWithSetOperator,
	CodeDuplicateKeysWithDifferentCase,
	CodeInvalidConditionKey,
	CodeInvalidConditionMultipleBoolean,
	CodeInvalidDateValue,
	CodeTypeMismatchNumber,
	CodeTypeMismatchBoolean,
	CodeTypeMismatchIPRange,
	CodeTypeMismatchBinary,
	CodeWildcardInStringEquals,
	CodeForAllValuesWithSingleValuedKey,
	CodeForAnyValueWithSingleValuedKey,
	CodeMultivaluedKeyWithoutSetOperator,
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
}
