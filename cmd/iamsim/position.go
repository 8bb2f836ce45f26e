package main

import "github.com/iamsim/iamsim/policy"

// closingBrace returns the offset of the '}' that closes the JSON object
// whose '{' is at src[open], skipping braces inside strings. It returns -1
// when src[open] is not '{' or the object is not closed.
func closingBrace(src []byte, open int) int {
	if open < 0 || open >= len(src) || src[open] != '{' {
		return -1
	}
	depth := 0
	inString, escaped := false, false
	for i := open; i < len(src); i++ {
		c := src[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// statementSpan returns where statement index of pol begins (its '{') and
// ends (its '}', inclusive). A position is zero when it is unknown.
func statementSpan(pol *policy.Policy, index int) (start, end policy.Position) {
	rules := pol.Rules()
	if index < 0 || index >= len(rules) {
		return start, end
	}
	off := rules[index].Offset()
	start = pol.Position(off)
	if c := closingBrace(pol.Source(), off); c >= 0 {
		end = pol.Position(c)
	}
	return start, end
}
