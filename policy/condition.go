package policy

// The Condition element: operators, keys and values.

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/byteset"
	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// foldSet maps condition keys in lower case to their first spelling, to
// find keys repeated in another letter case. Most blocks have a key or two.
type foldSet struct {
	lower, orig [8]string
	n           int
	more        map[string]string
}

func (s *foldSet) lookup(lower string) (string, bool) {
	for i := range s.n {
		if s.lower[i] == lower {
			return s.orig[i], true
		}
	}
	orig, ok := s.more[lower]
	return orig, ok
}

func (s *foldSet) add(lower, orig string) {
	if s.n < len(s.lower) {
		s.lower[s.n], s.orig[s.n] = lower, orig
		s.n++
		return
	}
	if s.more == nil {
		s.more = map[string]string{}
	}
	s.more[lower] = orig
}

// conditions reads the Condition element v. Its clauses go to p.clauses
// (and their values to p.operands): it returns their span.
func (p *parser) conditions(v jsontext.Value, pa path) (doc Condition, c0, c1 int) {
	c0 = len(p.clauses)
	if !v.IsObject() {
		p.errorf(v.Off, pa.String(), CodeDataTypeMismatch, "Condition must be an object of operators, not %s", v.Describe())
		return nil, c0, c0
	}
	if p.wantDoc {
		doc = Condition{}
	}
	var seen keySet
	empty := true
	first, end, ok := p.members(v, pa)
	if !ok {
		return nil, c0, c0
	}
	for kn := first; kn < end; kn = p.tape.Next(kn) {
		opKey, block := p.tape.KeyAt(kn), p.tape.At(kn)
		empty = false
		if !p.unique(&seen, opKey, pa) {
			continue
		}
		if docKeys, ok := p.operator(opKey, block, pa.child(opKey.Text)); ok && p.wantDoc {
			doc[opKey.Text] = docKeys
		}
	}
	if empty {
		p.add(Suggestion, v.Off, pa.String(), CodeEmptyObjectCondition, "the Condition element is empty: remove it")
	}
	return doc, c0, len(p.clauses)
}

// operator reads one operator of a Condition and its block of keys and
// values, adding a clause per key; it returns the block's Document form
// and false when the operator or its block is refused.
func (p *parser) operator(opKey, block jsontext.Value, opPath path) (docKeys map[string][]string, ok bool) {
	op, q, ifExists, ok := compiled.ParseOperator(opKey.Text)
	switch {
	case !ok:
		msg := fmt.Sprintf("unknown condition operator %q", opKey.Text)
		if s := compiled.SuggestOperator(opKey.Text); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		}
		p.errorf(opKey.Off, opPath.String(), CodeInvalidConditionOperator, "%s", msg)
		return nil, false
	case op == compiled.Null && ifExists:
		p.errorf(opKey.Off, opPath.String(), CodeNullWithIfExists, "IfExists cannot be added to the Null operator")
		return nil, false
	case op == compiled.Null && q != compiled.SingleValued:
		p.stored(opKey.Off, opPath.String(), CodeNullWithQualifier, "%s:Null is always %t: the Null operator tests whether a key is present; use Null alone", q, q == compiled.ForAllValues)
	}
	if !block.IsObject() {
		p.errorf(block.Off, opPath.String(), CodeDataTypeMismatch, "the %s operator takes an object of condition keys and values, not %s", opKey.Text, block.Describe())
		return nil, false
	}
	if p.wantDoc {
		docKeys = map[string][]string{}
	}
	var keys foldSet
	first, end, ok := p.members(block, opPath)
	if !ok {
		return nil, false
	}
	for kn := first; kn < end; kn = p.tape.Next(kn) {
		k, vals := p.tape.KeyAt(kn), p.tape.At(kn)
		kp := opPath.child(k.Text)
		lower := p.lowerKey(k.Text)
		if prev, dup := keys.lookup(lower); dup {
			if prev == k.Text {
				p.errorf(k.Off, kp.String(), CodeDuplicateKey, "the condition key %q appears twice under %s", k.Text, opKey.Text)
			} else {
				p.errorf(k.Off, kp.String(), CodeDuplicateKeysWithDifferentCase, "the condition key %q repeats %q: condition keys are case-insensitive", k.Text, prev)
			}
			continue
		}
		keys.add(lower, k.Text)
		if msg := conditionKeySyntax(k.Text); msg != "" {
			p.errorf(k.Off, kp.String(), CodeInvalidConditionKeyFormat, "the condition key %q %s", k.Text, msg)
			continue
		}
		var buf [4]strItem
		raw, ok := p.conditionValues(vals, kp, buf[:])
		if !ok {
			continue
		}
		if (op == compiled.Bool || op == compiled.Null) && len(raw) > 1 && q == compiled.SingleValued {
			p.errorf(vals.Off, kp.String(), CodeInvalidConditionMultipleBoolean, "the %s operator takes a single true or false value for %s, not a list", op, k.Text)
			continue
		}
		if len(raw) == 0 {
			p.emptyCondition(vals.Off, kp.String(), k.Text, q, ifExists)
		}
		if p.wantDoc {
			docKeys[k.Text] = itemsToStrings(raw)
		}
		p.clause(compiled.Clause{Operator: op, Qualifier: q, IfExists: ifExists, Key: k.Text, LowerKey: lower, Offset: k.Off, OpOffset: opKey.Off}, raw, kp)
	}
	if first == end {
		p.add(Suggestion, block.Off, opPath.String(), CodeEmptyObjectConditionOperator, "the %s operator has no condition keys", opKey.Text)
	}
	return docKeys, true
}

// clause compiles the values raw of the clause c, whose key is at kp, and
// adds it to p.clauses.
func (p *parser) clause(c compiled.Clause, raw []strItem, kp path) {
	if len(raw) > 1 {
		var seenVals keySet
		for _, it := range raw {
			if !seenVals.add(it.s) {
				p.add(Suggestion, it.off, kp.String(), CodeRedundantConditionValue, "the value %q is listed twice for %s", it.s, c.Key)
			}
		}
	}
	o0 := len(p.operands)
	for _, it := range raw {
		p.operands = append(p.operands, compiled.Operand{})
		code, msg, fatal, verr := compiled.CompileOperand(&p.operands[len(p.operands)-1], c.Operator, it.s, it.off, p.variables)
		switch {
		case verr != nil:
			p.errorf(it.off, kp.String(), Code(verr.Code), "%s in the condition value %q", verr.Msg, it.s)
		case fatal:
			p.errorf(it.off, kp.String(), Code(code), "%s", msg)
		case code != "":
			p.stored(it.off, kp.String(), Code(code), "%s", msg)
		}
	}
	if len(p.operands) > o0 {
		c.Values = p.operands[o0:len(p.operands):len(p.operands)]
	}
	if (c.Operator == compiled.StringEquals || c.Operator == compiled.StringNotEquals) && p.variables {
		for _, it := range raw {
			// (IndexPatternChar reads eight bytes at a time: most values
			// have no *, ? or $ at all.)
			if compiled.IndexPatternChar(it.s) >= 0 && byteset.Index(it.s, &wildcardChars) >= 0 && !strings.Contains(it.s, "${") {
				p.add(Warning, it.off, kp.String(), CodeWildcardWithoutLikeOperator, "%s compares %q literally: its * and ? are not wildcards (use StringLike)", c.Operator, it.s)
				break
			}
		}
	}
	p.clauses = append(p.clauses, c)
}

// conditionKeySyntax checks that a key has a service prefix ("aws:", "s3:").
func conditionKeySyntax(k string) string {
	prefix, rest, ok := strings.Cut(k, ":")
	switch {
	case !ok:
		return "has no service prefix, such as aws: or s3:"
	case prefix == "" || rest == "":
		return "is not of the form prefix:name"
	case byteset.Index(k, &keyForbiddenChars) >= 0:
		return "contains white space or a wildcard"
	}
	return ""
}

// conditionValues reads a condition value: a string, number or boolean, or
// a list of them. Numbers keep their JSON text; booleans become "true" and
// "false".
func (p *parser) conditionValues(v jsontext.Value, pa path, buf []strItem) ([]strItem, bool) {
	scalar := func(r jsontext.Value, at path) (strItem, bool) {
		switch r.Kind {
		case jsontext.String:
			return strItem{r.Text, r.Off}, true
		case jsontext.Number:
			return strItem{r.Text, r.Off}, true
		case jsontext.True:
			return strItem{"true", r.Off}, true
		case jsontext.False:
			return strItem{"false", r.Off}, true
		}
		p.errorf(r.Off, at.String(), CodeDataTypeMismatch, "a condition value is a string, number or boolean, not %s", r.Describe())
		return strItem{}, false
	}
	if !v.IsArray() {
		it, ok := scalar(v, pa)
		if !ok {
			return nil, false
		}
		return append(buf[:0], it), true
	}
	items := buf[:0:len(buf)]
	ok := true
	i := 0
	for in, end := p.tape.Children(v); in < end; in = p.tape.Next(in) {
		item := p.tape.At(in)
		if i >= MaxValues {
			p.errorf(v.Off, pa.String(), CodeTooManyValues, "the condition has more than %d values", MaxValues)
			ok = false
			break
		}
		it, good := scalar(item, pa.at(i))
		if good {
			items = append(items, it)
		} else {
			ok = false
		}
		i++
	}
	return items, ok
}

// emptyCondition reports a condition key with no values (IAM User Guide,
// "IAM policy validation check reference": Empty array condition and its
// ForAllValues, ForAnyValue and IfExists variants). With ForAllValues or
// IfExists an empty list matches when the key is absent from the request;
// otherwise the condition never matches.
func (p *parser) emptyCondition(off int, path, key string, q compiled.SetQualifier, ifExists bool) {
	switch {
	case q == compiled.ForAllValues:
		p.stored(off, path, CodeEmptyArrayConditionForAllValues, "ForAllValues with no values for %s matches only when the key is absent from the request: to test that, use Null with true", key)
	case q == compiled.ForAnyValue:
		p.stored(off, path, CodeEmptyArrayConditionForAnyValue, "ForAnyValue with no values for %s never matches", key)
	case ifExists:
		p.stored(off, path, CodeEmptyArrayConditionIfExists, "IfExists with no values for %s matches only when the key is absent from the request: to test that, use Null with true", key)
	default:
		p.stored(off, path, CodeEmptyArrayCondition, "the condition key %s has no values: the condition never matches", key)
	}
}
