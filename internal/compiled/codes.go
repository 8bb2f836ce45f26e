package compiled

// The finding codes of the defects compiled finds in a pattern or an
// operand; package policy's Code constants of the same names, and its table
// of their facts, document them.
const (
	CodeMissingBraceInVariable     = "MISSING_BRACE_IN_VARIABLE"
	CodeEmptyVariable              = "EMPTY_VARIABLE"
	CodeSpaceInVariable            = "UNSUPPORTED_SPACE_IN_VARIABLE"
	CodeSymbolInVariable           = "UNSUPPORTED_SYMBOL_IN_VARIABLE"
	CodeMissingQuoteInVariable     = "MISSING_QUOTE_IN_VARIABLE"
	CodeInvalidVariableForOperator = "INVALID_VARIABLE_FOR_OPERATOR"
	CodeTypeMismatchNumber         = "TYPE_MISMATCH_NUMBER"
	CodeTypeMismatchDate           = "TYPE_MISMATCH_DATE"
	CodeTypeMismatchBoolean        = "TYPE_MISMATCH_BOOLEAN"
	CodeTypeMismatchIPRange        = "TYPE_MISMATCH_IP_RANGE"
	CodeTypeMismatchString         = "TYPE_MISMATCH_STRING"
)
