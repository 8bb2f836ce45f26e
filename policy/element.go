package policy

// The elements of a statement: its members, Sid, Effect and the string
// lists that Action, Resource and principals share.

import (
	"strings"

	"github.com/iamsim/iamsim/internal/jsontext"
)

// statement reads the statement v into rule and, when the Document form is
// built, st. (Its switch stays in the loop: a call per member would cost
// more than the element's own work for most statements.)
func (p *parser) statement(v jsontext.Value, sp path, st *Statement, rule *Rule) {
	rule.off, rule.keyOffs = int32(v.Off), keyOffsets{-1, -1, -1, -1, -1}
	var seen uint16   // the statement's elements met so far, by stmtElement
	var others keySet // and the unknown ones
	has := func(e stmtElement) bool { return seen&(1<<e) != 0 }
	first, end, ok := p.members(v, sp)
	if !ok {
		return
	}
	for kn := first; kn < end; kn = p.tape.Next(kn) {
		k, val := p.tape.KeyAt(kn), p.tape.At(kn)
		elem := statementElement(k.Text)
		if elem == elemUnknown {
			if !p.unique(&others, k, sp) {
				continue
			}
		} else {
			if has(elem) {
				p.duplicate(k, sp)
				continue
			}
			seen |= 1 << elem
		}
		ep := sp.child(k.Text)
		if other, code := elem.exclusive(); other != elemUnknown && has(other) {
			p.errorf(k.Off, ep.String(), code, "a statement has either %s or %s, not both", min(other, elem), max(other, elem))
			continue
		}
		switch elem {
		case elemSid:
			rule.keyOffs.sid = int32(val.Off)
			p.sid(val, ep, st, rule)
		case elemEffect:
			p.effect(val, ep, st, rule)
		case elemAction, elemNotAction:
			rule.keyOffs.action, rule.notAction = int32(k.Off), elem == elemNotAction
			*pick(elem == elemAction, &st.Action, &st.NotAction) = p.actions(val, ep)
		case elemResource, elemNotResource:
			rule.keyOffs.resource, rule.hasResource, rule.notResource = int32(k.Off), true, elem == elemNotResource
			*pick(elem == elemResource, &st.Resource, &st.NotResource) = p.resources(val, ep)
		case elemPrincipal, elemNotPrincipal:
			rule.keyOffs.principal, rule.notPrincipal = int32(k.Off), elem == elemNotPrincipal
			*pick(elem == elemPrincipal, &st.Principal, &st.NotPrincipal), rule.principal = p.principal(val, ep)
		case elemCondition:
			rule.keyOffs.condition = int32(k.Off)
			var c0, c1 int
			if st.Condition, c0, c1 = p.conditions(val, ep); c1 > c0 {
				rule.conditions = p.clauses[c0:c1:c1]
			}
		default:
			p.unknownElement(k, sp, "Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition")
		}
	}
	if !has(elemEffect) {
		p.errorf(v.Off, sp.String(), CodeMissingEffect, "the statement has no Effect: add \"Effect\": \"Allow\" or \"Deny\"")
	}
	if !has(elemAction) && !has(elemNotAction) {
		p.errorf(v.Off, sp.String(), CodeMissingAction, "the statement has no Action or NotAction")
	}
}

// pick returns a when first is set, else b: the field of an element or of
// its Not form.
func pick[T any](first bool, a, b *T) *T {
	if first {
		return a
	}
	return b
}

// effect reads the Effect element v.
func (p *parser) effect(v jsontext.Value, ep path, st *Statement, rule *Rule) {
	if v.Kind != jsontext.String || (v.Text != string(Allow) && v.Text != string(Deny)) {
		hint := ""
		if v.Kind == jsontext.String && (strings.EqualFold(v.Text, "allow") || strings.EqualFold(v.Text, "deny")) {
			hint = " (Effect is case-sensitive)"
		}
		p.errorf(v.Off, ep.String(), CodeInvalidEffect, "Effect must be exactly \"Allow\" or \"Deny\", not %s%s", v.Describe(), hint)
		return
	}
	st.Effect = Effect(v.Text)
	rule.effect = effectAllow
	if st.Effect == Deny {
		rule.effect = effectDeny
	}
}

func (p *parser) sid(v jsontext.Value, pa path, st *Statement, rule *Rule) {
	if v.Kind != jsontext.String {
		p.errorf(v.Off, pa.String(), CodeDataTypeMismatch, "Sid must be a string, not %s", v.Describe())
		return
	}
	st.Sid, rule.sid = v.Text, v.Text
	if v.Text == "" {
		return
	}
	if !p.sids.add(v.Text) {
		// IAM requires unique Sids, other services recommend them: Validate
		// makes this an ERROR for the policies IAM stores.
		p.stored(v.Off, pa.String(), CodeUniqueSidsRecommended, "the Sid %q is used by an earlier statement: use a Sid once in a policy", v.Text)
	}
}

// keySet remembers the keys of one JSON object to find duplicates. Policy
// objects have few keys, so a short array serves before a map is needed.
type keySet struct {
	small [12]string
	n     int
	more  map[string]bool
}

// add records k and reports whether it was new.
func (s *keySet) add(k string) bool {
	for _, seen := range s.small[:s.n] {
		if seen == k {
			return false
		}
	}
	if s.n < len(s.small) {
		s.small[s.n] = k
		s.n++
		return true
	}
	if s.more == nil {
		s.more = map[string]bool{}
	}
	if s.more[k] {
		return false
	}
	s.more[k] = true
	return true
}

// unique reports whether key k is the first of its name in its object, and
// reports a duplicate otherwise (encoding/json would keep the last silently).
func (p *parser) unique(seen *keySet, k jsontext.Value, parent path) bool {
	if !seen.add(k.Text) {
		p.duplicate(k, parent)
		return false
	}
	return true
}

func (p *parser) duplicate(k jsontext.Value, parent path) {
	p.errorf(k.Off, parent.child(k.Text).String(), CodeDuplicateKey, "the element %q appears twice in the same object", k.Text)
}

// members returns the nodes of object v's members (see tape.children) and
// true; an object of more than MaxValues members is refused whole, as a
// list of more than MaxValues entries is: reported, with an empty range.
func (p *parser) members(v jsontext.Value, pa path) (first, end int32, ok bool) {
	first, end = p.tape.Children(v)
	if p.tape.Full(v) {
		p.errorf(v.Off, pa.String(), CodeTooManyValues, "the object has more than %d members", MaxValues)
		return 0, 0, false
	}
	return first, end, true
}

// stmtElement names the elements of a statement, so that the parser
// switches on a key's text once.
type stmtElement uint8

const (
	elemUnknown stmtElement = iota
	elemSid
	elemEffect
	elemAction
	elemNotAction
	elemResource
	elemNotResource
	elemPrincipal
	elemNotPrincipal
	elemCondition
)

// String returns the element's name.
func (e stmtElement) String() string {
	return [...]string{"", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"}[e]
}

// exclusive returns the element a statement may not hold together with e
// (Action and NotAction, say), and the code of that defect; elemUnknown
// when there is none.
func (e stmtElement) exclusive() (stmtElement, Code) {
	switch e {
	case elemAction, elemNotAction:
		return elemAction ^ elemNotAction ^ e, CodeUnsupportedElementCombination
	case elemResource, elemNotResource:
		return elemResource ^ elemNotResource ^ e, CodeUnsupportedElementCombination
	case elemPrincipal, elemNotPrincipal:
		return elemPrincipal ^ elemNotPrincipal ^ e, CodeUnsupportedElementCombination
	}
	return elemUnknown, ""
}

func statementElement(key string) stmtElement {
	switch key {
	case "Sid":
		return elemSid
	case "Effect":
		return elemEffect
	case "Action":
		return elemAction
	case "NotAction":
		return elemNotAction
	case "Resource":
		return elemResource
	case "NotResource":
		return elemNotResource
	case "Principal":
		return elemPrincipal
	case "NotPrincipal":
		return elemNotPrincipal
	case "Condition":
		return elemCondition
	}
	return elemUnknown
}

func (p *parser) unknownElement(k jsontext.Value, parent path, known string) {
	path := parent.child(k.Text).String()
	for _, name := range strings.Split(known, ", ") {
		if strings.EqualFold(name, k.Text) {
			p.errorf(k.Off, path, CodeInvalidPolicyElement, "unknown element %q: element names are case-sensitive, did you mean %q?", k.Text, name)
			return
		}
	}
	p.errorf(k.Off, path, CodeInvalidPolicyElement, "unknown element %q (expected one of %s)", k.Text, known)
}

// strItem is a string of a list with its byte offset.
type strItem struct {
	s   string
	off int
}

// stringList reads a string or a list of strings into buf (which the
// caller may keep on its stack) and reports other types. A list gives a
// non-nil result even when empty.
func (p *parser) stringList(v jsontext.Value, pa path, what string, buf []strItem) ([]strItem, bool) {
	switch {
	case v.Kind == jsontext.String:
		return append(buf[:0], strItem{v.Text, v.Off}), true
	case v.IsArray():
		items := buf[:0:len(buf)]
		if items == nil {
			items = []strItem{} // an empty list is not an absent one
		}
		ok := true
		i := 0
		for in, end := p.tape.Children(v); in < end; in = p.tape.Next(in) {
			item := p.tape.At(in)
			if i >= MaxValues {
				p.errorf(v.Off, pa.String(), CodeTooManyValues, "%s has more than %d values", what, MaxValues)
				ok, items = false, nil // refused whole: its values are not checked one by one
				break
			}
			if item.Kind != jsontext.String {
				p.errorf(item.Off, pa.at(i).String(), CodeDataTypeMismatch, "%s values must be strings, not %s", what, item.Describe())
				ok = false
			} else {
				items = append(items, strItem{item.Text, item.Off})
			}
			i++
		}
		return items, ok
	}
	p.errorf(v.Off, pa.String(), CodeDataTypeMismatch, "%s must be a string or a list of strings, not %s", what, v.Describe())
	return nil, false
}

// docStrings returns the strings of items for the Document form, or nil
// when the parser is not building it.
func (p *parser) docStrings(items []strItem) []string {
	if !p.wantDoc {
		return nil
	}
	return itemsToStrings(items)
}

func itemsToStrings(items []strItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.s
	}
	return out
}
