package compiled

// LiteralPrefix returns text that every ARN the pattern matches begins
// with, and whether the pattern matches exactly that text and nothing else.
// Indexes of large policy sets use it to skip statements that cannot match.
func (p *ARNPattern) LiteralPrefix() (prefix string, exact bool) {
	switch {
	case p.all:
		return "", false
	case p.exact:
		return p.lit, true
	case p.isLed:
		return p.lit, false
	case !p.fixed:
		return "", false
	}
	last := &p.parts[len(p.parts)-1]
	return p.head + last.literalPrefix(), false
}

// ResourceHead returns the text every ARN the pattern matches begins with,
// through the first '/' or ':' of its resource part (arn:aws:s3:::photos/
// for arn:aws:s3:::photos/*), and true; or false when the pattern has no
// such separator before its first wildcard or variable. Indexes of large
// policy sets file statements by it.
func (p *ARNPattern) ResourceHead() (string, bool) {
	if p.headN == 0 {
		return "", false
	}
	return p.raw[:p.headN], true
}

// literalPrefix returns the literal text before the Template's first
// wildcard or variable.
func (t *Template) literalPrefix() string {
	switch t.shape {
	case shapeExact, shapePrefix:
		return t.lit
	}
	if toks := t.tokens(); len(toks) > 0 && toks[0].kind == tokLiteral {
		return toks[0].text
	}
	return ""
}
