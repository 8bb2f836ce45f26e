package compiled

import (
	"math/bits"
	"strings"

	"github.com/iamsim/iamsim/internal/byteset"
	"github.com/iamsim/iamsim/internal/swar"
)

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
	split := splitARNPattern(text, syntax.Variables)
	return CompileARNComponents(text, &split, syntax)
}

// CompileARNComponents is compileARNPattern for a text splitARNPattern has
// split already.
func CompileARNComponents(text string, comps *ARNSplit, syntax Syntax) (ARNPattern, *VarError) {
	p := ARNPattern{raw: text}
	if text == "*" && syntax.Wildcards {
		p.all = true
		return p, nil
	}
	first := indexPatternChar(text)
	// The resource head (see ResourceHead) is found while the components
	// are at hand; it must be literal text, before any pattern character.
	if comps.Len() == 6 {
		rp := comps.Comp(5)
		if j := byteset.Index(rp, &headEnds); j >= 0 {
			if n := len(text) - len(rp) + j + 1; first < 0 || n <= first {
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
	if n := len(text); syntax.Wildcards && first == n-1 && text[n-1] == '*' && comps.Len() == 6 {
		p.lit, p.isLed = text[:n-1], true
		return p, nil
	}
	p.parts = make([]Template, 0, comps.Len())
	p.exact = true
	off := 0
	for i := range comps.Len() {
		c := comps.Comp(i)
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
		if h := text[:len(text)-len(comps.Comp(last))]; !strings.Contains(h, "$") {
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

// ARNSplit is an ARN pattern split at its first five colons that are not
// inside a policy variable (${aws:username} holds a colon of its own):
// where the colons are, the components being taken as they are needed
// (most patterns need two or three of the six).
type ARNSplit struct {
	text   string
	colons [5]int32 // the offsets of the colons found
	n      int      // how many: the pattern has n+1 components, the last taking the rest
}

// Len returns the number of components, at most six.
func (s *ARNSplit) Len() int { return s.n + 1 }

// Comp returns component i, 0 <= i < Len().
func (s *ARNSplit) Comp(i int) string {
	start, end := 0, len(s.text)
	if i > 0 {
		start = int(s.colons[i-1]) + 1
	}
	if i < s.n {
		end = int(s.colons[i])
	}
	return s.text[start:end]
}

// splitARNPattern splits text (see ARNSplit).
func splitARNPattern(text string, variables bool) ARNSplit {
	// Most ARNs have no variable before their fifth colon: find their
	// colons eight bytes at a time; a word with a $ (or the bytes left)
	// one byte at a time, starting over counting braces at a "${".
	s := ARNSplit{text: text}
	i := 0
	for ; i+8 <= len(text); i += 8 {
		x := swar.Load(text, i)
		if variables && swar.HasByte(x, '$') != 0 {
			break
		}
		for m := swar.HasByte(x, ':'); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			if text[j] != ':' {
				continue // HasByte may flag the byte above a colon
			}
			s.colons[s.n] = int32(j)
			if s.n++; s.n == 5 {
				return s
			}
		}
	}
	for ; i < len(text) && s.n < 5; i++ {
		switch text[i] {
		case ':':
			s.colons[s.n] = int32(i)
			s.n++
		case '$':
			if variables && i+1 < len(text) && text[i+1] == '{' {
				return splitARNVariables(text)
			}
		}
	}
	return s
}

// splitARNVariables is splitARNPattern for a text with a variable before
// its fifth colon.
func splitARNVariables(text string) ARNSplit {
	s, depth := ARNSplit{text: text}, 0
	for i := 0; i < len(text) && s.n < 5; i++ {
		switch {
		case text[i] == '$' && i+1 < len(text) && text[i+1] == '{':
			depth++
			i++
		case text[i] == '}' && depth > 0:
			depth--
		case text[i] == ':' && depth == 0:
			s.colons[s.n] = int32(i)
			s.n++
		}
	}
	return s
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
