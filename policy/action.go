package policy

// Actions and resources: their grammar and compilation.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/byteset"
	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/internal/jsontext"
)

func (p *parser) actions(v jsontext.Value, pa path) []string {
	var buf [4]strItem
	items, _ := p.stringList(v, pa, "Action", buf[:])
	if items != nil && len(items) == 0 {
		p.stored(v.Off, pa.String(), CodeEmptyArrayAction, "the action list is empty: IAM refuses it (policy statement must contain actions)")
	}
	for _, it := range items {
		t, msg := p.action(it.s)
		if msg != "" && strings.Contains(it.s, "${") {
			p.errorf(it.off, pa.String(), CodeVariableUnsupportedInElement, "the action %q has a policy variable: variables are supported in the Resource and Condition elements only", it.s)
			continue
		}
		if msg != "" {
			p.errorf(it.off, pa.String(), CodeInvalidActionFormat, "the action %q %s", it.s, msg)
			continue
		}
		t.SetOffset(it.off)
		p.acts = append(p.acts, t)
	}
	if items == nil {
		return nil
	}
	return p.docStrings(items)
}

// action checks and compiles one action; msg is actionSyntax's verdict on
// a malformed one. Policies repeat a few actions across many statements, so
// the last few distinct ones are remembered: a repeat costs a comparison.
func (p *parser) action(raw string) (t compiled.Template, msg string) {
	for i := range p.recent {
		if r := &p.recent[i]; r.set && r.raw == raw {
			return r.t, r.msg
		}
	}
	if msg = actionSyntax(raw); msg == "" {
		t = compiled.CompileAction(raw, p.lowerASCII(raw))
	}
	p.recent[p.nextRecent] = recentAction{raw: raw, t: t, msg: msg, set: true}
	p.nextRecent = (p.nextRecent + 1) % len(p.recent)
	return t, msg
}

// recentAction is an action the parser checked (raw is its text) and,
// when msg is "", compiled.
type recentAction struct {
	raw string
	t   compiled.Template
	msg string
	set bool
}

// lowerKey returns a condition key in lower case, as strings.ToLower does;
// an ASCII key (all of AWS's) shares lowerASCII's buffers.
func (p *parser) lowerKey(k string) string {
	for i := 0; i < len(k); i++ {
		if k[i] >= utf8.RuneSelf {
			return strings.ToLower(k)
		}
	}
	return p.lowerASCII(k)
}

// lowerASCII returns s with its ASCII letters in lower case. The lower-case
// copies of a policy's actions share a buffer instead of taking an
// allocation each. The first is sized for every action of the policy (the
// tape counts their text) up to 512 bytes; as repeats are compiled once,
// most policies never need a second.
func (p *parser) lowerASCII(s string) string {
	if !compiled.HasUpperASCII(s) {
		return s
	}
	if p.lower.Cap()-p.lower.Len() < len(s) {
		size := max(len(s), 2*p.lower.Cap(), min(p.lowerHint, 512))
		p.lower = strings.Builder{} // strings already taken keep the old buffer
		p.lower.Grow(size)
	}
	var tmp [64]byte
	b := append(tmp[:0], s...)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	start := p.lower.Len()
	p.lower.Write(b)
	return p.lower.String()[start:] // later writes fit in the buffer: this text stays as it is
}

// actionSyntax checks "service:action" (IAM User Guide, "Grammar" > "Notes
// about string values": action_string). It returns "" when the text is good.
func actionSyntax(s string) string {
	if s == "*" {
		return ""
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return "has no service prefix: write it as service:action, such as s3:GetObject"
	}
	svc, name := s[:colon], s[colon+1:]
	switch {
	case strings.IndexByte(name, ':') >= 0:
		return "has more than one colon: write it as service:action"
	case svc == "":
		return "has an empty service prefix"
	case name == "":
		return "has an empty action name"
	}
	if i := byteset.IndexNot(svc, &serviceChars); i >= 0 {
		r, _ := utf8.DecodeRuneInString(svc[i:])
		return "has the character " + strconv.QuoteRune(r) + " in its service prefix"
	}
	if i := byteset.IndexNot(name, &actionNameChars); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return "has the character " + strconv.QuoteRune(r) + " in its name"
	}
	return ""
}

// The characters of an action's service prefix and of its name, with the
// wildcards * and ?.
var serviceChars, actionNameChars = func() (svc, name [256]bool) {
	for c := range 256 {
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		svc[c] = alnum || c == '-' || c == '*' || c == '?'
		name[c] = svc[c] || c == '_' || c == '.'
	}
	return svc, name
}()

// wildcardChars are * and ?; keyForbiddenChars are what a condition key
// cannot hold: white space and wildcards.
var wildcardChars, keyForbiddenChars = [256]bool{'*': true, '?': true}, [256]bool{' ': true, '\t': true, '*': true, '?': true}

func (p *parser) resources(v jsontext.Value, pa path) []string {
	var buf [4]strItem
	items, _ := p.stringList(v, pa, "Resource", buf[:])
	if items != nil && len(items) == 0 {
		p.stored(v.Off, pa.String(), CodeEmptyArrayResource, "the resource list is empty: IAM refuses it (policy statement must contain resources)")
	}
	for _, it := range items {
		if pat, ok := p.resource(it, pa); ok {
			pat.SetOffset(it.off)
			p.ress = append(p.ress, pat)
		}
	}
	if items == nil {
		return nil
	}
	return p.docStrings(items)
}

// resource checks and compiles one Resource entry: "*" or an ARN whose
// components may hold wildcards and (in the resource part) variables.
func (p *parser) resource(it strItem, pa path) (compiled.ARNPattern, bool) {
	s := it.s
	if s == "*" {
		return compiled.AllResources(), true
	}
	if !strings.HasPrefix(s, "arn:") {
		p.errorf(it.off, pa.String(), CodeInvalidARNPrefix, "the resource %q must be an ARN (arn:partition:service:region:account:resource) or \"*\"", s)
		return compiled.ARNPattern{}, false
	}
	comps := compiled.SplitARNPattern(s, p.variables)
	if comps.Len() < 6 && !strings.HasSuffix(s, "*") {
		p.errorf(it.off, pa.String(), CodeMissingARNField, "the resource %q has %d of the six ARN components (arn:partition:service:region:account:resource)", s, comps.Len())
		return compiled.ARNPattern{}, false
	}
	if part := comps.Comp(1); !arn.ValidPartition(part) && compiled.IndexPatternChar(part) < 0 {
		p.errorf(it.off, pa.String(), CodeInvalidPartition, "the partition %q of the resource %q is not an AWS partition (aws, aws-cn, aws-us-gov, ...)", part, s)
		return compiled.ARNPattern{}, false
	}
	if comps.Len() > 2 && comps.Comp(2) == "" {
		p.errorf(it.off, pa.String(), CodeMissingARNField, "the resource %q has no service", s)
		return compiled.ARNPattern{}, false
	}
	pat, verr := compiled.CompileARNComponents(s, &comps, compiled.Syntax{Wildcards: true, Variables: p.variables})
	if verr != nil {
		p.errorf(it.off, pa.String(), Code(verr.Code), "%s in the resource %q", verr.Msg, s)
		return compiled.ARNPattern{}, false
	}
	return pat, true
}
