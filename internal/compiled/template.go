package compiled

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamsim/iamsim/internal/swar"
)

// Vars resolves policy variables while a Template is matched. Key is the
// variable's condition key in lower case (for ${aws:PrincipalTag/team}, the
// key "aws:principaltag/team"). The evaluate package implements it over a
// request's context.
type Vars interface {
	Lookup(key string) (value string, ok bool)
}

type tokenKind uint8

const (
	tokLiteral  tokenKind = iota // text matched as is
	tokStar                      // '*': any run of characters
	tokQuestion                  // '?': exactly one character
	tokVar                       // ${key} or ${key, 'default'}
)

type token struct {
	kind   tokenKind
	text   string // literal text, or the lower-case key of a variable
	def    string // a variable's default value
	hasDef bool
}

// matchShape is what a Template can be reduced to, so that the common cases
// cost one comparison.
type matchShape uint8

const (
	shapeGlob   matchShape = iota // general: tokens with wildcards or variables
	shapeExact                    // one literal
	shapeAll                      // "*"
	shapePrefix                   // literal followed by "*"
	shapeEmpty                    // the empty string
)

// Template is a compiled string pattern of a policy: the text of an Action,
// a Resource segment, or a condition value, pre-split into literal text,
// wildcards (* and ?, when the context gives them that meaning) and policy
// variables. The zero Template matches only the empty string. A Template is
// immutable and safe for concurrent use.
type Template struct {
	raw    string
	toks   *tokenList // shapeGlob's tokens; nil for the other shapes
	lit    string     // the literal of shapeExact and shapePrefix
	off    int32      // an Action entry's byte offset in its policy's source (0 for other templates)
	shape  matchShape
	hasVar bool
}

// tokenList holds a glob Template's tokens, behind a pointer: most
// templates (literal actions, prefixes such as photos/*) need none, and a
// Template is kept for every Action entry and condition value, so it stays
// 48 bytes instead of 64. Two tokens fit without a second allocation.
type tokenList struct {
	toks   []token
	inline [2]token
}

// tokens returns the Template's tokens: none unless its shape is shapeGlob.
func (t *Template) tokens() []token {
	if t.toks == nil {
		return nil
	}
	return t.toks.toks
}

// Syntax says how to read a pattern's text.
type Syntax struct {
	Wildcards bool // * and ? are wildcards (Like operators, Action, Resource)
	Variables bool // ${...} is a policy variable (Version 2012-10-17)
}

// VarError is a defect of a pattern's ${...} variable.
type VarError struct {
	Off  int    // byte offset in the pattern's text
	Code string // a Code... constant of this package
	Msg  string
}

// compileTemplate splits text into tokens. Variables are read only when
// syntax.Variables is set; ${*}, ${?} and ${$} then stand for the literal
// characters * ? $ (IAM User Guide, "IAM policy elements: Variables and
// tags" > "Special characters").
func compileTemplate(text string, syntax Syntax) (Template, *VarError) {
	t := Template{raw: text}
	// Most policy text is plain: keep it as one literal, with no tokens.
	first := indexPatternChar(text)
	if first < 0 || (!syntax.Wildcards && !syntax.Variables) {
		if text == "" {
			t.shape = shapeEmpty
		} else {
			t.shape, t.lit = shapeExact, text
		}
		return t, nil
	}
	// The next most common: "*", and a literal with a final star, as in
	// photos/*. Neither needs tokens.
	if syntax.Wildcards && text == "*" {
		t.shape = shapeAll
		return t, nil
	}
	// A literal and a final star.
	if n := len(text); syntax.Wildcards && n > 1 && first == n-1 && text[n-1] == '*' {
		t.shape, t.lit = shapePrefix, text[:n-1] // no tokens: every use of a prefix reads lit
		return t, nil
	}
	var lit strings.Builder
	var buf [4]token
	toks := buf[:0]
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, token{kind: tokLiteral, text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case syntax.Wildcards && c == '*':
			flush()
			// Consecutive stars mean the same as one.
			if n := len(toks); n == 0 || toks[n-1].kind != tokStar {
				toks = append(toks, token{kind: tokStar})
			}
		case syntax.Wildcards && c == '?':
			flush()
			toks = append(toks, token{kind: tokQuestion})
		case syntax.Variables && c == '$' && i+1 < len(text) && text[i+1] == '{':
			end := strings.IndexByte(text[i+2:], '}')
			if end < 0 {
				return Template{}, &VarError{i, CodeMissingBraceInVariable, "the policy variable ${ has no closing brace }"}
			}
			body := text[i+2 : i+2+end]
			if strings.Contains(body, "${") {
				return Template{}, &VarError{i, CodeMissingBraceInVariable, "the policy variable ${ has no closing brace }"}
			}
			tok, verr := parseVariable(body, i)
			if verr != nil {
				return Template{}, verr
			}
			if tok.kind == tokLiteral {
				lit.WriteString(tok.text)
			} else {
				flush()
				toks = append(toks, tok)
				t.hasVar = true
			}
			i += 2 + end
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	t.shape = shapeOf(toks)
	switch t.shape {
	case shapeExact, shapePrefix:
		t.lit = toks[0].text
	case shapeGlob:
		l := new(tokenList)
		l.toks = append(l.inline[:0:len(l.inline)], toks...)
		t.toks = l
	}
	return t, nil
}

func shapeOf(toks []token) matchShape {
	switch {
	case len(toks) == 0:
		return shapeEmpty
	case len(toks) == 1 && toks[0].kind == tokLiteral:
		return shapeExact
	case len(toks) == 1 && toks[0].kind == tokStar:
		return shapeAll
	case len(toks) == 2 && toks[0].kind == tokLiteral && toks[1].kind == tokStar:
		return shapePrefix
	}
	return shapeGlob
}

// parseVariable reads the inside of ${...}: a key, optionally followed by a
// comma and a default value in single quotes (IAM User Guide, "IAM policy
// elements: Variables and tags" > "Specifying default values").
func parseVariable(body string, off int) (token, *VarError) {
	switch body {
	case "*", "?", "$":
		return token{kind: tokLiteral, text: body}, nil
	}
	key, def, hasDef := strings.Cut(body, ",")
	key = strings.TrimSpace(key)
	if key == "" {
		return token{}, &VarError{off, CodeEmptyVariable, "the policy variable ${} names no key"}
	}
	if strings.ContainsAny(key, " \t") {
		return token{}, &VarError{off, CodeSpaceInVariable, "the policy variable ${" + body + "} has a space in its key"}
	}
	if strings.ContainsAny(key, "'\"*?$") {
		return token{}, &VarError{off, CodeSymbolInVariable, "the policy variable ${" + body + "} has a symbol its key cannot hold"}
	}
	tok := token{kind: tokVar, text: strings.ToLower(key)}
	if hasDef {
		def = strings.TrimSpace(def)
		if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' {
			return token{}, &VarError{off, CodeMissingQuoteInVariable, "the default value of ${" + body + "} must be in single quotes"}
		}
		tok.def, tok.hasDef = def[1:len(def)-1], true
	}
	return tok, nil
}

// patternChars marks the bytes that can make policy text more than a
// literal: the wildcards * and ?, and the $ of a ${...} variable.
var patternChars = [256]bool{'*': true, '?': true, '$': true}

// indexPatternChar returns the index of the first *, ? or $ of s, or -1.
// The parser asks it of every action and resource, so it reads eight bytes
// at a time, the last word overlapping the one before instead of a loop
// over the bytes left.
func indexPatternChar(s string) int {
	n := len(s)
	if n < 8 {
		for i := 0; i < n; i++ {
			if patternChars[s[i]] {
				return i
			}
		}
		return -1
	}
	for i := 0; i < n-8; i += 8 {
		if m := patternMask(swar.Load(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	// The words before held none, so the first in the last word is the first.
	if m := patternMask(swar.Load(s, n-8)); m != 0 {
		return n - 8 + bits.TrailingZeros64(m)>>3
	}
	return -1
}

// patternMask flags the bytes of x that are *, ? or $ (and may flag a byte
// above a flagged one, never below: the lowest flagged byte is one).
func patternMask(x uint64) uint64 {
	return swar.HasByte(x, '*') | swar.HasByte(x, '?') | swar.HasByte(x, '$')
}

// compileAction compiles an Action entry. Actions match case-insensitively,
// so the Template matches lower, which is raw with its ASCII letters in
// lower case (FoldAction); raw stays its text.
func compileAction(raw, lower string) Template {
	t, _ := compileTemplate(lower, Syntax{Wildcards: true})
	t.raw = raw
	return t
}

// hasUpperASCII reports whether s has an ASCII capital letter.
func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// FoldAction returns an action name as actions are matched: ASCII letters
// in lower case, every other character as it is. Action names are ASCII, so
// folding only ASCII keeps a look-alike such as the Kelvin sign (U+212A)
// from matching the letter k.
func FoldAction(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// String returns the text the Template was compiled from.
func (t Template) String() string { return t.raw }

// HasVariables reports whether the Template holds a policy variable.
func (t Template) HasVariables() bool { return t.hasVar }

// HasWildcards reports whether the Template holds a * or ? wildcard.
func (t Template) HasWildcards() bool {
	if t.shape == shapePrefix || t.shape == shapeAll {
		return true
	}
	for _, tok := range t.tokens() {
		if tok.kind == tokStar || tok.kind == tokQuestion {
			return true
		}
	}
	return false
}

// IsLiteral reports whether the Template is plain text, and returns it.
func (t Template) IsLiteral() (string, bool) {
	switch t.shape {
	case shapeExact:
		return t.lit, true
	case shapeEmpty:
		return "", true
	}
	return "", false
}

// Match reports whether s matches the Template. Variables are resolved with
// vars; a variable with no value and no default makes the Template match
// nothing (IAM User Guide, "IAM policy elements: Variables and tags"). A
// case-insensitive Template (actions) expects s in lower case. Match does not
// allocate.
func (t *Template) Match(s string, vars Vars) bool {
	switch t.shape {
	case shapeExact:
		return s == t.lit
	case shapeAll:
		return true
	case shapePrefix:
		return strings.HasPrefix(s, t.lit)
	case shapeEmpty:
		return s == ""
	}
	return t.glob(s, vars, false)
}

// MatchFold is Match with ASCII and Unicode letters compared case-insensitively
// (the IgnoreCase string operators).
func (t *Template) MatchFold(s string, vars Vars) bool {
	switch t.shape {
	case shapeExact:
		return strings.EqualFold(s, t.lit)
	case shapeEmpty:
		return s == ""
	case shapeAll:
		return true
	case shapePrefix:
		_, ok := hasPrefixFold(s, t.lit, true)
		return ok
	}
	return t.glob(s, vars, true)
}

// glob matches with backtracking to the last star, which is linear for
// patterns without stars and O(len(s)·len(pattern)) at worst.
func (t *Template) glob(s string, vars Vars, fold bool) bool {
	toks := t.tokens()
	ti, si := 0, 0
	starTok, starSub := -1, 0
	for {
		if ti < len(toks) {
			tok := &toks[ti]
			switch tok.kind {
			case tokStar:
				starTok, starSub = ti, si
				ti++
				continue
			case tokQuestion:
				if si < len(s) {
					_, n := utf8.DecodeRuneInString(s[si:])
					si += n
					ti++
					continue
				}
			case tokLiteral:
				if n, ok := hasPrefixFold(s[si:], tok.text, fold); ok {
					si += n
					ti++
					continue
				}
			case tokVar:
				v, ok := resolve(tok, vars)
				if !ok {
					return false
				}
				if n, ok := hasPrefixFold(s[si:], v, fold); ok {
					si += n
					ti++
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		if starTok < 0 || starSub >= len(s) {
			return false
		}
		// The star takes one more character, not one more byte: a '?' after
		// it must not match the rest of a multi-byte character.
		_, n := utf8.DecodeRuneInString(s[starSub:])
		starSub += n
		si, ti = starSub, starTok+1
	}
}

func resolve(tok *token, vars Vars) (string, bool) {
	if vars != nil {
		if v, ok := vars.Lookup(tok.text); ok {
			return v, true
		}
	}
	if tok.hasDef {
		return tok.def, true
	}
	return "", false
}

// hasPrefixFold reports whether s begins with prefix and how many bytes of s
// that prefix covers.
func hasPrefixFold(s, prefix string, fold bool) (int, bool) {
	if !fold {
		if strings.HasPrefix(s, prefix) {
			return len(prefix), true
		}
		return 0, false
	}
	i := 0
	for _, pr := range prefix {
		if i >= len(s) {
			return 0, false
		}
		sr, n := utf8.DecodeRuneInString(s[i:])
		if sr != pr && !equalFoldRune(sr, pr) {
			return 0, false
		}
		i += n
	}
	return i, true
}

func equalFoldRune(a, b rune) bool {
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// Expand returns the Template's text with its variables replaced, for
// operators that compare whole values (StringEquals, NumericEquals...). The
// wildcards of a Like template stay as * and ?. ok is false when a variable
// has no value and no default.
func (t *Template) Expand(vars Vars) (string, bool) {
	switch t.shape {
	case shapeExact:
		return t.lit, true
	case shapeEmpty:
		return "", true
	case shapePrefix:
		return t.lit + "*", true
	case shapeAll:
		return "*", true
	}
	var b strings.Builder
	toks := t.tokens()
	for i := range toks {
		tok := &toks[i]
		switch tok.kind {
		case tokLiteral:
			b.WriteString(tok.text)
		case tokStar:
			b.WriteByte('*')
		case tokQuestion:
			b.WriteByte('?')
		case tokVar:
			v, ok := resolve(tok, vars)
			if !ok {
				return "", false
			}
			b.WriteString(v)
		}
	}
	return b.String(), true
}
