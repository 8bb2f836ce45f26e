package compiled

// The entry points of the policy parser: compiled's patterns and operands
// are built by package policy, which reads the text and reports defects.

// CompileTemplate compiles text as a pattern of the given syntax.
func CompileTemplate(text string, s Syntax) (Template, *VarError) {
	return compileTemplate(text, s)
}

// CompileAction compiles an Action entry raw, whose lower-case form is
// lower (actions match case-insensitively).
func CompileAction(raw, lower string) Template { return compileAction(raw, lower) }

// CompileARNPattern compiles a Resource entry or an ARN condition value.
func CompileARNPattern(text string, s Syntax) (ARNPattern, *VarError) {
	return compileARNPattern(text, s)
}

// SplitARNPattern splits an ARN pattern into its six components (the last
// keeps its colons), not splitting inside a variable when variables is set.
func SplitARNPattern(text string, variables bool) ARNSplit { return splitARNPattern(text, variables) }

// IndexPatternChar returns the index of the first *, ? or $ of s, or -1.
func IndexPatternChar(s string) int { return indexPatternChar(s) }

// HasUpperASCII reports whether s has an ASCII capital letter.
func HasUpperASCII(s string) bool { return hasUpperASCII(s) }

// ParseOperator reads a full operator name such as
// "ForAnyValue:StringLikeIfExists". Operator names are case-sensitive.
func ParseOperator(name string) (op Operator, q SetQualifier, ifExists bool, ok bool) {
	return parseOperator(name)
}

// SuggestOperator returns the operator name nearest to an unknown one, or "".
func SuggestOperator(name string) string { return suggestOperator(name) }

// Offset returns an Action entry's byte offset in its policy's text.
func (t Template) Offset() int { return int(t.off) }

// SetOffset sets the byte offset Offset returns. The parser calls it on an
// Action entry's template before the policy is shared; a Template is
// immutable afterwards.
func (t *Template) SetOffset(off int) { t.off = int32(off) }

// Exact returns the ARN of a pattern without wildcards or variables, and
// whether it is one.
func (p *ARNPattern) Exact() (string, bool) { return p.lit, p.exact }

// AllResources is the pattern of the Resource "*".
func AllResources() ARNPattern { return ARNPattern{raw: "*", all: true} }

// Offset returns a Resource entry's byte offset in its policy's text.
func (p ARNPattern) Offset() int { return int(p.off) }

// SetOffset sets the byte offset Offset returns. The parser calls it on a
// Resource entry's pattern before the policy is shared; an ARNPattern is
// immutable afterwards.
func (p *ARNPattern) SetOffset(off int) { p.off = int32(off) }
