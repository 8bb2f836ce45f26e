package compiled

import "strings"

// ARNPattern is a compiled ARN pattern: an entry of Resource or NotResource,
// or a value of an Arn condition operator. Each of the six colon-separated
// components (arn, partition, service, region, account, resource) is matched
// on its own, so a wildcard never spans a colon between components; within
// the resource component '*' spans '/' and ':' alike (IAM User Guide, "IAM
// JSON policy elements: Resource" and "Condition operators" > "Amazon
// Resource Name (ARN) condition operators"). The zero ARNPattern matches
// nothing. An ARNPattern is immutable and safe for concurrent use.
type ARNPattern struct {
	raw   string
	lit   string     // exact: the text it matches (raw with ${*} ${?} ${$} resolved); isLed: the text it starts with
	parts []Template // up to six components; the last takes the rest of the ARN
	head  string     // when every component but the last is literal: them joined, with the last colon
	headN int32      // see ResourceHead: the length of the literal head, 0 when there is none
	all   bool       // "*": every resource
	exact bool       // no wildcard, no variable: compare lit
	fixed bool       // head is set: compare it as a prefix, then match the last component
	isLed bool       // the last component is literal then "*", after a fixed head (or none): the pattern is lit followed by anything
	off   int32      // a Resource entry's byte offset in its policy's source (0 for other patterns)
}

// compileARNPattern compiles text; ok is false when it is neither "*" nor
// begins with "arn:". Variable errors are reported with their byte offset.
func compileARNPattern(text string, syntax Syntax) (ARNPattern, *VarError) {
	all, n := splitARNPattern(text, syntax.Variables)
	return CompileARNComponents(text, all[:n], syntax)
}

// CompileARNComponents is compileARNPattern for a text splitARNPattern has
// split into comps already.
func CompileARNComponents(text string, comps []string, syntax Syntax) (ARNPattern, *VarError) {
	p := ARNPattern{raw: text}
	if text == "*" && syntax.Wildcards {
		p.all = true
		return p, nil
	}
	first := indexPatternChar(text)
	// The resource head (see ResourceHead) is found while the components
	// are at hand; it must be literal text, before any pattern character.
	if len(comps) == 6 {
		if j := indexIn(comps[5], &headEnds); j >= 0 {
			if n := len(text) - len(comps[5]) + j + 1; first < 0 || n <= first {
				p.headN = int32(n)
			}
		}
	}
	if first < 0 {
		p.exact, p.lit = true, text
		return p, nil
	}
	// The most common pattern, such as arn:aws:s3:::photos/*: literal text
	// through the resource part, then one star. It needs no components.
	if n := len(text); syntax.Wildcards && first == n-1 && text[n-1] == '*' && len(comps) == 6 {
		p.lit, p.isLed = text[:n-1], true
		return p, nil
	}
	p.parts = make([]Template, 0, len(comps))
	p.exact = true
	off := 0
	for _, c := range comps {
		t, err := compileTemplate(c, syntax)
		if err != nil {
			err.Off += off
			return ARNPattern{}, err
		}
		if t.shape != shapeExact && t.shape != shapeEmpty {
			p.exact = false
		}
		p.parts = append(p.parts, t)
		off += len(c) + 1
	}
	if p.exact {
		lits := make([]string, len(p.parts))
		for i := range p.parts {
			lits[i], _ = p.parts[i].IsLiteral()
		}
		p.lit = strings.Join(lits, ":")
	}
	// Literal components cannot hold a colon, so comparing them joined as a
	// prefix is the same as comparing them one by one, and cheaper.
	last := len(p.parts) - 1
	p.fixed = last > 0
	for i := 0; i < last && p.fixed; i++ {
		_, p.fixed = p.parts[i].IsLiteral()
	}
	if p.fixed {
		if h := text[:len(text)-len(comps[last])]; !strings.Contains(h, "$") {
			p.head = h // as written: no ${*} to resolve
		} else {
			var head strings.Builder
			for i := 0; i < last; i++ {
				lit, _ := p.parts[i].IsLiteral()
				head.WriteString(lit)
				head.WriteByte(':')
			}
			p.head = head.String()
		}
		if lp := &p.parts[last]; lp.shape == shapePrefix {
			p.lit, p.isLed = p.head+lp.lit, true
		}
	}
	return p, nil
}

// headEnds are the characters that end a resource head.
var headEnds = [256]bool{'/': true, ':': true}

// splitARNPattern splits at the first five colons that are not inside a
// policy variable, since ${aws:username} holds a colon of its own. It
// returns the components and how many there are (at most six: the last
// takes the rest).
func splitARNPattern(text string, variables bool) (comps [6]string, n int) {
	// Most ARNs have no variable before their fifth colon: split them in
	// one pass, and start over counting braces at the first "${".
	start := 0
	for i := 0; i < len(text) && n < 5; i++ {
		switch text[i] {
		case ':':
			comps[n] = text[start:i]
			n++
			start = i + 1
		case '$':
			if variables && i+1 < len(text) && text[i+1] == '{' {
				return splitARNVariables(text)
			}
		}
	}
	comps[n] = text[start:]
	return comps, n + 1
}

// splitARNVariables is splitARNPattern for a text with a variable before
// its fifth colon.
func splitARNVariables(text string) (comps [6]string, n int) {
	start, depth := 0, 0
	for i := 0; i < len(text) && n < 5; i++ {
		switch {
		case text[i] == '$' && i+1 < len(text) && text[i+1] == '{':
			depth++
			i++
		case text[i] == '}' && depth > 0:
			depth--
		case text[i] == ':' && depth == 0:
			comps[n] = text[start:i]
			n++
			start = i + 1
		}
	}
	comps[n] = text[start:]
	return comps, n + 1
}

// String returns the pattern's text.
func (p *ARNPattern) String() string { return p.raw }

// HasVariables reports whether the pattern holds a policy variable (an
// escape such as ${*} counts, as for Template).
func (p *ARNPattern) HasVariables() bool {
	for i := range p.parts {
		if p.parts[i].hasVar {
			return true
		}
	}
	return false
}

// IsAll reports whether the pattern is "*".
func (p *ARNPattern) IsAll() bool { return p.all }

// Match reports whether the ARN s matches. It does not allocate.
func (p *ARNPattern) Match(s string, vars Vars) bool {
	if p.all {
		return true
	}
	if p.exact {
		return s == p.lit
	}
	if p.isLed {
		return strings.HasPrefix(s, p.lit)
	}
	last := len(p.parts) - 1
	if last < 0 {
		return false
	}
	if p.fixed {
		return strings.HasPrefix(s, p.head) && p.parts[last].Match(s[len(p.head):], vars)
	}
	rest := s
	for i := 0; i < last; i++ {
		c, tail, found := strings.Cut(rest, ":")
		if !found {
			return false
		}
		if !p.parts[i].Match(c, vars) {
			return false
		}
		rest = tail
	}
	return p.parts[last].Match(rest, vars)
}

// indexIn returns the index of the first byte of s in set, or -1.
func indexIn(s string, set *[256]bool) int {
	for i := 0; i < len(s); i++ {
		if set[s[i]] {
			return i
		}
	}
	return -1
}
