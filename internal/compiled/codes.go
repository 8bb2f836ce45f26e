package compiled

// The finding codes of the defects compiled finds in a pattern or an
// operand; package policy's Code constants of the same names, and its table
// of their facts, document them.
const (
	CodeMissingBraceInVariable = "MISSING_BRACE_IN_VARIABLE"
	CodeInvalidVariable        = "INVALID_VARIABLE"
	CodeMissingQuoteInVariable = "MISSING_QUOTE_IN_VARIABLE"
	CodeVariableNotSupported   = "VARIABLE_NOT_SUPPORTED"
	CodeTypeMismatchNumber     = "TYPE_MISMATCH_NUMBER"
	CodeInvalidDateValue       = "INVALID_DATE_VALUE"
	CodeTypeMismatchBoolean    = "TYPE_MISMATCH_BOOLEAN"
	CodeTypeMismatchIPRange    = "TYPE_MISMATCH_IP_RANGE"
	CodeTypeMismatchBinary     = "TYPE_MISMATCH_BINARY"
)
