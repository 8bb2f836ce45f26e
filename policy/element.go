package policy

// The elements of a statement: its members, Sid, Effect and the string
// lists that Action, Resource and principals share.

import (
	"strings"

	"github.com/iamsim/iamsim/internal/jsontext"
)

// statement reads the statement v into rule and, when the Document form is
// built, st.
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
		k := p.tape.KeyAt(kn)
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
		p.element(elem, kn, &sp, st, rule)
	}
	if !has(elemEffect) {
		p.errorf(v.Off, sp.String(), CodeMissingEffect, "the statement has no Effect: add \"Effect\": \"Allow\" or \"Deny\"")
	}
	if !has(elemAction) && !has(elemNotAction) {
		p.errorf(v.Off, sp.String(), CodeMissingAction, "the statement has no Action or NotAction")
	}
}

// element reads the member of node kn of a statement, an element the statement
// may hold (statement has checked that it is not repeated and that its
// exclusive element is absent).
func (p *parser) element(elem stmtElement, kn int32, sp *path, st *Statement, rule *Rule) {
	k, val := p.tape.KeyAt(kn), p.tape.At(kn)
	ep := sp.child(k.Text)
	switch elem {
	case elemSid:
		rule.keyOffs.sid = int32(val.Off)
		p.sid(val, ep, st, rule)
	case elemEffect:
		if val.Kind != jsontext.String || (val.Text != string(Allow) && val.Text != string(Deny)) {
			hint := ""
			if val.Kind == jsontext.String && (strings.EqualFold(val.Text, "allow") || strings.EqualFold(val.Text, "deny")) {
				hint = " (Effect is case-sensitive)"
			}
			p.errorf(val.Off, ep.String(), CodeInvalidEffect, "Effect must be exactly \"Allow\" or \"Deny\", not %s%s", val.Describe(), hint)
			return
		}
		st.Effect = Effect(val.Text)
		rule.effect = st.Effect
	case elemAction, elemNotAction:
		rule.keyOffs.action = int32(k.Off)
		list := p.actions(val, ep)
		if elem == elemAction {
			st.Action = list
		} else {
			st.NotAction = list
			rule.notAction = true
		}
	case elemResource, elemNotResource:
		rule.keyOffs.resource = int32(k.Off)
		rule.hasResource = true
		list := p.resources(val, ep)
		if elem == elemResource {
			st.Resource = list
		} else {
			st.NotResource = list
			rule.notResource = true
		}
	case elemPrincipal, elemNotPrincipal:
		rule.keyOffs.principal = int32(k.Off)
		doc, set := p.principal(val, ep)
		rule.principal = set
		if elem == elemPrincipal {
			st.Principal = doc
		} else {
			st.NotPrincipal = doc
			rule.notPrincipal = true
		}
	case elemCondition:
		rule.keyOffs.condition = int32(k.Off)
		var c0, c1 int
		st.Condition, c0, c1 = p.conditions(val, ep)
		if c1 > c0 {
			rule.conditions = p.clauses[c0:c1:c1]
		}
	default:
		p.unknownElement(k, *sp, "Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition")
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
		p.errorf(v.Off, pa.String(), CodeUniqueSidsRequired, "the Sid %q is used by an earlier statement: Sids must be unique within a policy", v.Text)
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
		return elemAction ^ elemNotAction ^ e, CodeActionAndNotAction
	case elemResource, elemNotResource:
		return elemResource ^ elemNotResource ^ e, CodeResourceAndNotResource
	case elemPrincipal, elemNotPrincipal:
		return elemPrincipal ^ elemNotPrincipal ^ e, CodePrincipalAndNotPrincipal
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
			p.errorf(k.Off, path, CodeUnknownElement, "unknown element %q: element names are case-sensitive, did you mean %q?", k.Text, name)
			return
		}
	}
	p.errorf(k.Off, path, CodeUnknownElement, "unknown element %q (expected one of %s)", k.Text, known)
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
