package policy

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// MaxSourceBytes bounds the policy text Parse reads. AWS's largest policy
// quota is a few tens of kilobytes (an S3 bucket policy is at most 20 KB), so
// 4 MiB leaves room for generated policies of 10,000 statements (as the
// benchmarks use) while keeping hostile input cheap: Parse is linear.
const MaxSourceBytes = 4 << 20

// MaxStatements bounds the statements of one policy, and MaxValues the
// entries of one list (actions, resources, principals, condition values)
// and the members of one object (condition keys, say). Both are far above
// what any AWS quota lets a policy hold; a list or object beyond them is
// refused whole, never read in part.
const (
	MaxStatements = 20000
	MaxValues     = 20000
)

// Parse reads a policy document, checks it against the IAM policy grammar
// and compiles it. name labels positions in errors (a file name, say): the
// policy's File and the policy are both named name. It reports every error
// of the document at once, as an ErrorList of *Finding in source order;
// warnings that IAM accepts are kept in Policy.Findings. Rules that depend
// on where the policy is attached (a Principal in an identity policy, a
// missing Resource, size quotas) are Validate's.
func Parse(name string, src []byte) (*Policy, error) {
	pol, errs := parseFile(nil, name, src, 0, len(src), nil)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return pol, nil
}

// ParseFile parses the policy that occupies the bytes [start, end) of f, a
// policy among others in a larger file (a scenario, an account export),
// under the name id (its ARN, say). Its positions are places in f, and
// every policy of f shares f's one line table. A range outside f is an
// error.
func ParseFile(f *File, id string, start, end int) (*Policy, error) {
	if f == nil || start < 0 || end < start || end > f.Size() {
		return nil, fmt.Errorf("policy: ParseFile of %q: the range [%d, %d) is not within the file", id, start, end)
	}
	pol, errs := parseFile(f, id, f.Bytes(), start, end, nil)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return pol, nil
}

// ParseAt parses the policy that occupies file[start:end] of the file
// named name, naming the policy name too.
//
// Deprecated: use ParseFile with one File for every policy of a file, so
// that they share its line table.
func ParseAt(name string, file []byte, start, end int) (*Policy, error) {
	return ParseFile(NewFile(name, file), name, start, end)
}

// parseFile parses as ParseFile does and returns the policy as far as it
// was compiled even when the text has errors (Check reads its actions),
// with the errors. A nil f stands for a File of src named id, which the
// Policy holds itself (saving Parse an allocation). The policy is into
// when it is not nil (UnmarshalJSON fills its receiver).
func parseFile(f *File, id string, src []byte, start, end int, into *Policy) (*Policy, ErrorList) {
	p := &parser{origin: origin{file: f, name: id, base: start}, src: src[start:end:end], into: into}
	pol := p.parse()
	// Missing elements are found after the object's members but are
	// reported at its '{': sort to keep the promised source order.
	byOffset := func(a, b *Finding) int { return cmp.Compare(a.Pos.Offset, b.Pos.Offset) }
	slices.SortStableFunc(p.errs, byOffset)
	slices.SortStableFunc(p.warns, byOffset)
	pol.findings = p.warns
	return pol, p.errs
}

// ParseString is Parse for a string.
func ParseString(name, src string) (*Policy, error) { return Parse(name, []byte(src)) }

// MustParse is Parse that panics on an error; for tests and examples.
func MustParse(name, src string) *Policy {
	p, err := ParseString(name, src)
	if err != nil {
		panic(err)
	}
	return p
}

type parser struct {
	origin    origin  // the policy's name and file
	into      *Policy // the policy to fill; nil for a new one
	src       []byte  // the policy text
	errs      ErrorList
	warns     []*Finding
	variables bool           // Version 2012-10-17: ${...} is a variable
	wantDoc   bool           // build the Document form too (Policy.Document builds it on demand)
	sids      keySet         // the Sids seen so far
	tape      *jsontext.Tape // the policy text, read

	// Arenas: the compiled entries of every statement, one slice per
	// type, which the rules slice (see statements).
	acts     []Template
	ress     []ARNPattern
	clauses  []Clause
	operands []Operand

	lower      strings.Builder // see lowerASCII
	lowerHint  int
	recent     [4]recentAction // see action
	nextRecent int
}

func (p *parser) add(sev Severity, off int, path string, code Code, format string, args ...any) {
	f := &Finding{
		Policy:   p.origin.name,
		Pos:      p.position(off),
		Path:     path,
		Severity: sev,
		Code:     code,
		Message:  fmt.Sprintf(format, args...),
	}
	if sev == Error {
		p.errs = append(p.errs, f)
	} else {
		p.warns = append(p.warns, f)
	}
}

// position converts an offset in the policy text to a place in its file.
// Negative offsets (whole-document defects) have no place.
func (p *parser) position(off int) Position { return p.origin.position(off) }

func (p *parser) errorf(off int, path string, code Code, format string, args ...any) {
	p.add(Error, off, path, code, format, args...)
}

func (p *parser) parse() *Policy {
	pol := p.into
	if pol == nil {
		pol = new(Policy)
	}
	*pol = Policy{origin: p.origin, src: p.src, offs: docOffsets{-1, -1, -1}}
	if pol.origin.file == nil {
		pol.own = File{name: p.origin.name, src: p.src}
		pol.origin.file = &pol.own
		p.origin.file = &pol.own
	}
	if len(p.src) > MaxSourceBytes {
		p.errorf(-1, "", CodePolicyTooLarge, "the policy is %d bytes; iamsim reads at most %d", len(p.src), MaxSourceBytes)
		return pol
	}
	// One pass over the text checks the JSON and the policy character set
	// and records every value; a syntax error is reported first, as a JSON
	// parser meets it first.
	t := jsontext.Borrow()
	defer t.Release()
	if err := jsontext.Read(p.src, t, readOptions); err != nil {
		var se *jsontext.SyntaxError
		if errors.As(err, &se) {
			p.errorf(se.Offset, "", CodeJSONSyntaxError, "invalid JSON: %s", se.Msg)
		} else {
			p.errorf(-1, "", CodeJSONSyntaxError, "%v", err)
		}
		return pol
	}
	if bad := t.CharDefect(); bad.Off >= 0 {
		p.reportChar(bad)
		return pol
	}
	p.tape = t
	root := t.Root()
	pol.offs.root = root.Off
	if !root.IsObject() {
		p.errorf(root.Off, "", CodeJSONSyntaxError, "a policy is a JSON object, not %s", root.Describe())
		return pol
	}
	// Version decides whether ${...} is a variable: the walk takes the
	// elements in any order and Statement is read after it.
	var stmtVal jsontext.Value
	var seen keySet
	first, end, ok := p.members(root, path{})
	if !ok {
		return pol
	}
	for kn := first; kn < end; kn = p.tape.Next(kn) {
		k, v := p.tape.KeyAt(kn), p.tape.At(kn)
		if !p.unique(&seen, k, path{}) {
			continue
		}
		switch k.Text {
		case "Version":
			pol.offs.version = v.Off
			p.version(v, &pol.doc)
		case "Id":
			if v.Kind != jsontext.String {
				p.errorf(v.Off, "Id", CodeDataTypeMismatch, "Id must be a string, not %s", v.Describe())
			} else {
				pol.doc.ID = v.Text
			}
		case "Statement":
			stmtVal = v
			pol.offs.statement = v.Off
		default:
			p.unknownElement(k, path{}, "Version, Id, Statement")
		}
	}
	p.variables = pol.doc.Version == Version2012
	if !stmtVal.Exists() {
		p.errorf(root.Off, "", CodeMissingStatement, "the policy has no Statement element")
		return pol
	}
	p.statements(stmtVal, pol)
	return pol
}

func (p *parser) version(v jsontext.Value, doc *Document) {
	if v.Kind != jsontext.String {
		p.errorf(v.Off, "Version", CodeInvalidVersion, "Version must be the string \"2012-10-17\" or \"2008-10-17\", not %s", v.Describe())
		return
	}
	switch v.Text {
	case Version2012, Version2008:
		doc.Version = v.Text
	default:
		p.errorf(v.Off, "Version", CodeInvalidVersion, "Version %q is not a policy language version: use \"2012-10-17\" (or the older \"2008-10-17\")", v.Text)
	}
}

func (p *parser) statements(v jsontext.Value, pol *Policy) {
	// The statements are the object itself or the items of the list.
	first, end, n := v.Node(), v.Node()+1, 1
	switch {
	case v.IsObject():
	case v.IsArray():
		first, end = p.tape.Children(v)
		n = p.tape.Count(v)
		if n == 0 {
			p.errorf(v.Off, "Statement", CodeMissingStatement, "the Statement list is empty: a policy needs at least one statement")
			return
		}
		if n > MaxStatements {
			p.errorf(v.Off, "Statement", CodeTooManyValues, "the Statement list has more than %d statements", MaxStatements)
			return
		}
	default:
		p.errorf(v.Off, "Statement", CodeDataTypeMismatch, "Statement must be an object or a list of objects, not %s", v.Describe())
		return
	}
	if p.wantDoc {
		pol.doc.Statement = make([]Statement, 0, n)
	}
	// The arenas get the room the tape says the statements need (at most:
	// a repeated or invalid entry is counted but not kept), so they never
	// grow; a small policy's fit in the Policy itself. A policy of a
	// statement or two starts there without counting: a longer list than
	// it holds grows as appends do. (No entry changes once a rule slices
	// it, so slices of an outgrown array stay good.)
	f := &pol.few
	size := entryCounts{actions: len(f.acts), resources: len(f.ress), clauses: len(f.clauses), operands: len(f.operands)}
	if n > len(f.rules) {
		size = countEntries(p.tape, first, end)
	}
	p.lowerHint = size.actionBytes
	pol.rules = arena(f.rules[:], n)
	p.acts = arena(f.acts[:], size.actions)
	p.ress = arena(f.ress[:], size.resources)
	p.clauses = arena(f.clauses[:], size.clauses)
	p.operands = arena(f.operands[:], size.operands)
	type span struct{ a0, a1, r0, r1 int32 }
	var spanBuf [8]span
	spans := spanBuf[:0]
	if n > len(spanBuf) {
		spans = make([]span, 0, n)
	}
	var scratch Statement // the Document form's statement, when it is not built
	list := v.IsArray()
	for i, item := 0, first; item < end; i, item = i+1, p.tape.Next(item) {
		sv := p.tape.At(item)
		sp := statementPath(i, list)
		if !sv.IsObject() {
			p.errorf(sv.Off, sp.String(), CodeDataTypeMismatch, "a statement must be a JSON object, not %s", sv.Describe())
			continue
		}
		st := &scratch
		if p.wantDoc {
			pol.doc.Statement = append(pol.doc.Statement, Statement{})
			st = &pol.doc.Statement[len(pol.doc.Statement)-1]
		}
		a0, r0 := len(p.acts), len(p.ress)
		pol.rules = append(pol.rules, Rule{index: int32(i), origin: &pol.origin, end: int32(p.tape.End(sv))}) // within its capacity: the pointer stays good
		p.statement(sv, sp, st, &pol.rules[len(pol.rules)-1])
		spans = append(spans, span{int32(a0), int32(len(p.acts)), int32(r0), int32(len(p.ress))})
	}
	// The arenas have stopped growing: slice them (with full capacity
	// limits, so that no rule can append into its neighbour's entries).
	for i, s := range spans {
		r := &pol.rules[i]
		r.actions = p.acts[s.a0:s.a1:s.a1]
		r.resources = p.ress[s.r0:s.r1:s.r1]
	}
}

// arena returns an empty slice with room for n elements: few's own room
// when n fits, else a new array's.
func arena[T any](few []T, n int) []T {
	if n <= len(few) {
		return few[:0:n]
	}
	return make([]T, 0, n)
}

// path is the JSON path of an element, such as
// Statement[2].Condition.StringEquals.aws:username[1], put together only
// when a finding needs it: parsing a valid policy builds no path strings.
// It is a chain from the element up to the root through paths on the
// parser's stack, so that making one for every element costs four words.
// The zero path is the document's root.
type path struct {
	up    *path  // the enclosing element; nil at the root
	name  string // an element's name
	index int32  // a statement's or a list item's index
	kind  pathKind
}

type pathKind uint8

const (
	pathRoot       pathKind = iota
	pathElement             // name
	pathItem                // [index]
	pathStatement           // Statement, the only one
	pathStatementN          // Statement[index]
)

// statementPath returns the path of statement i; list says whether the
// Statement element is a list.
func statementPath(i int, list bool) path {
	if list {
		return path{index: int32(i), kind: pathStatementN}
	}
	return path{kind: pathStatement}
}

// child returns the path of the element name below pa.
func (pa *path) child(name string) path { return path{up: pa, name: name, kind: pathElement} }

// at returns the path of the list item i of pa.
func (pa *path) at(i int) path { return path{up: pa, index: int32(i), kind: pathItem} }

func (pa path) String() string {
	var b strings.Builder
	pa.write(&b)
	return b.String()
}

// write writes the path from the root down to pa.
func (pa *path) write(b *strings.Builder) {
	if pa.up != nil {
		pa.up.write(b)
	}
	switch pa.kind {
	case pathElement:
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(pa.name)
	case pathItem:
		b.WriteString("[" + strconv.Itoa(int(pa.index)) + "]")
	case pathStatement:
		b.WriteString("Statement")
	case pathStatementN:
		b.WriteString("Statement[" + strconv.Itoa(int(pa.index)) + "]")
	}
}

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
			if val.Kind != jsontext.String || (val.Text != string(Allow) && val.Text != string(Deny)) {
				hint := ""
				if val.Kind == jsontext.String && (strings.EqualFold(val.Text, "allow") || strings.EqualFold(val.Text, "deny")) {
					hint = " (Effect is case-sensitive)"
				}
				p.errorf(val.Off, ep.String(), CodeInvalidEffect, "Effect must be exactly \"Allow\" or \"Deny\", not %s%s", val.Describe(), hint)
				continue
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

func (p *parser) actions(v jsontext.Value, pa path) []string {
	var buf [4]strItem
	items, _ := p.stringList(v, pa, "Action", buf[:])
	if items != nil && len(items) == 0 {
		p.add(Suggestion, v.Off, pa.String(), CodeEmptyArrayAction, "the action list is empty: the statement applies to no action")
	}
	for _, it := range items {
		t, msg := p.action(it.s)
		if msg != "" {
			p.errorf(it.off, pa.String(), CodeInvalidActionFormat, "the action %q %s", it.s, msg)
			continue
		}
		t.off = int32(it.off)
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
func (p *parser) action(raw string) (t Template, msg string) {
	for i := range p.recent {
		if r := &p.recent[i]; r.set && r.t.raw == raw {
			return r.t, r.msg
		}
	}
	t = Template{raw: raw}
	if msg = actionSyntax(raw); msg == "" {
		t = compileAction(raw, p.lowerASCII(raw))
	}
	p.recent[p.nextRecent] = recentAction{t: t, msg: msg, set: true}
	p.nextRecent = (p.nextRecent + 1) % len(p.recent)
	return t, msg
}

// recentAction is an action the parser checked (t.raw is its text) and,
// when msg is "", compiled.
type recentAction struct {
	t   Template
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
	if !hasUpperASCII(s) {
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
	if i := indexNotIn(svc, &serviceChars); i >= 0 {
		r, _ := utf8.DecodeRuneInString(svc[i:])
		return "has the character " + strconv.QuoteRune(r) + " in its service prefix"
	}
	if i := indexNotIn(name, &actionNameChars); i >= 0 {
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

// indexIn returns the index of the first byte of s in set, or -1.
func indexIn(s string, set *[256]bool) int {
	for i := 0; i < len(s); i++ {
		if set[s[i]] {
			return i
		}
	}
	return -1
}

// indexNotIn returns the index of the first byte of s outside set, or -1.
func indexNotIn(s string, set *[256]bool) int {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return i
		}
	}
	return -1
}

func (p *parser) resources(v jsontext.Value, pa path) []string {
	var buf [4]strItem
	items, _ := p.stringList(v, pa, "Resource", buf[:])
	if items != nil && len(items) == 0 {
		p.add(Suggestion, v.Off, pa.String(), CodeEmptyArrayResource, "the resource list is empty: the statement applies to no resource")
	}
	for _, it := range items {
		if pat, ok := p.resource(it, pa); ok {
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
func (p *parser) resource(it strItem, pa path) (ARNPattern, bool) {
	s := it.s
	if s == "*" {
		return ARNPattern{raw: s, all: true}, true
	}
	if !strings.HasPrefix(s, "arn:") {
		p.errorf(it.off, pa.String(), CodeInvalidARNResource, "the resource %q must be an ARN (arn:partition:service:region:account:resource) or \"*\"", s)
		return ARNPattern{}, false
	}
	all, n := splitARNPattern(s, p.variables)
	comps := all[:n]
	if len(comps) < 6 && !strings.HasSuffix(s, "*") {
		p.errorf(it.off, pa.String(), CodeInvalidARNResource, "the resource %q has %d of the six ARN components (arn:partition:service:region:account:resource)", s, len(comps))
		return ARNPattern{}, false
	}
	if part := comps[1]; indexPatternChar(part) < 0 && !arn.ValidPartition(part) {
		p.errorf(it.off, pa.String(), CodeInvalidPartition, "the partition %q of the resource %q is not an AWS partition (aws, aws-cn, aws-us-gov, ...)", part, s)
		return ARNPattern{}, false
	}
	if len(comps) > 2 && comps[2] == "" {
		p.errorf(it.off, pa.String(), CodeInvalidARNResource, "the resource %q has no service", s)
		return ARNPattern{}, false
	}
	pat, verr := compileARNComponents(s, comps, templateSyntax{wildcards: true, variables: p.variables})
	if verr != nil {
		p.errorf(it.off, pa.String(), verr.code, "%s in the resource %q", verr.msg, s)
		return ARNPattern{}, false
	}
	return pat, true
}

func (p *parser) principal(v jsontext.Value, pa path) (Principal, *PrincipalSet) {
	set := &PrincipalSet{}
	if v.Kind == jsontext.String {
		if v.Text == "*" {
			set.All = true
			return Principal{"*": nil}, set
		}
		p.errorf(v.Off, pa.String(), CodeInvalidPrincipalFormat, "a principal other than \"*\" is written as an object, such as {\"AWS\": %q}", v.Text)
		return nil, set
	}
	if !v.IsObject() {
		p.errorf(v.Off, pa.String(), CodeInvalidPrincipalFormat, "the principal must be \"*\" or an object of AWS, Service, Federated, CanonicalUser, not %s", v.Describe())
		return nil, set
	}
	var doc Principal
	if p.wantDoc {
		doc = Principal{}
	}
	var seen keySet
	empty := true
	first, end, ok := p.members(v, pa)
	if !ok {
		return nil, set
	}
	for kn := first; kn < end; kn = p.tape.Next(kn) {
		k, val := p.tape.KeyAt(kn), p.tape.At(kn)
		empty = false
		if !p.unique(&seen, k, pa) {
			continue
		}
		kp := pa.child(k.Text)
		switch k.Text {
		case "AWS", "Service", "Federated", "CanonicalUser":
		default:
			p.unknownElement(k, pa, "AWS, Service, Federated, CanonicalUser")
			continue
		}
		items, _ := p.stringList(val, kp, "Principal "+k.Text, nil)
		if items != nil && len(items) == 0 {
			p.add(Suggestion, val.Off, kp.String(), CodeEmptyArrayPrincipal, "the %s principal list is empty", k.Text)
		}
		if p.wantDoc {
			doc[k.Text] = itemsToStrings(items)
		}
		for _, it := range items {
			p.principalValue(set, k.Text, it, kp)
		}
	}
	if empty {
		p.add(Suggestion, v.Off, pa.String(), CodeEmptyObjectPrincipal, "the principal is an empty object: the statement applies to no principal")
	}
	return doc, set
}

func (p *parser) principalValue(set *PrincipalSet, typ string, it strItem, pa path) {
	s := it.s
	switch typ {
	case "AWS":
		switch {
		case s == "*":
			set.All = true
			set.AWS = append(set.AWS, AWSPrincipal{Kind: AWSAll, Raw: s})
		case arn.IsAccountID(s):
			set.AWS = append(set.AWS, AWSPrincipal{Kind: AWSAccount, Raw: s, Account: s})
		case strings.HasPrefix(s, "arn:"):
			if strings.ContainsAny(s, "*?") {
				p.errorf(it.off, pa.String(), CodeUnsupportedWildcardInPrincipal, "the principal %q has a wildcard: a principal ARN cannot match part of a name (use \"*\" with an aws:PrincipalArn condition)", s)
				return
			}
			a, err := arn.Parse(s)
			if err != nil {
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the principal %q is not a valid ARN: %v", s, errMsg(err))
				return
			}
			if a.Kind() == arn.KindRoot {
				set.AWS = append(set.AWS, AWSPrincipal{Kind: AWSAccount, Raw: s, Account: a.Account(), ARN: a})
				return
			}
			if a.Service() != "iam" && a.Service() != "sts" {
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the principal %q is not an IAM or STS principal ARN", s)
				return
			}
			set.AWS = append(set.AWS, AWSPrincipal{Kind: AWSARN, Raw: s, Account: a.Account(), ARN: a})
		case isUniqueID(s):
			set.AWS = append(set.AWS, AWSPrincipal{Kind: AWSUniqueID, Raw: s})
			p.add(Warning, it.off, pa.String(), CodeUniqueIDPrincipal, "the principal %q is a unique id: IAM writes one when the principal it named was deleted, and it matches no principal", s)
		default:
			p.errorf(it.off, pa.String(), CodeInvalidPrincipalFormat, "the AWS principal %q must be \"*\", a 12-digit account id or an IAM/STS ARN", s)
		}
	case "Service":
		if s != "*" && !arn.IsServicePrincipal(s) {
			p.errorf(it.off, pa.String(), CodeInvalidServicePrincipal, "%q is not a service principal name such as ec2.amazonaws.com", s)
			return
		}
		set.Service = append(set.Service, s)
	case "Federated":
		if strings.HasPrefix(s, "arn:") {
			if _, err := arn.Parse(s); err != nil {
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the federated principal %q is not a valid ARN: %v", s, errMsg(err))
				return
			}
		} else if s == "" || strings.ContainsAny(s, " *?") {
			p.errorf(it.off, pa.String(), CodeInvalidFederatedPrincipal, "%q is not an identity provider (an ARN or a provider name such as cognito-identity.amazonaws.com)", s)
			return
		}
		set.Federated = append(set.Federated, s)
	case "CanonicalUser":
		set.CanonicalUser = append(set.CanonicalUser, s)
	}
}

// isUniqueID recognises IAM unique ids such as AIDAJQABLZS4A3QDU576Q.
func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func errMsg(err error) string {
	var pe *arn.ParseError
	if errors.As(err, &pe) {
		return pe.Msg
	}
	return err.Error()
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
		opPath := pa.child(opKey.Text)
		op, q, ifExists, ok := parseOperator(opKey.Text)
		if !ok {
			msg := fmt.Sprintf("unknown condition operator %q", opKey.Text)
			if s := suggestOperator(opKey.Text); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			p.errorf(opKey.Off, opPath.String(), CodeInvalidConditionOperator, "%s", msg)
			continue
		}
		if op == Null && ifExists {
			p.errorf(opKey.Off, opPath.String(), CodeNullWithIfExists, "IfExists cannot be added to the Null operator")
			continue
		}
		if op == Null && q != SingleValued {
			p.add(Warning, opKey.Off, opPath.String(), CodeNullWithSetOperator, "%s cannot qualify Null: the Null operator tests whether a key is present", q)
		}
		if !block.IsObject() {
			p.errorf(block.Off, opPath.String(), CodeDataTypeMismatch, "the %s operator takes an object of condition keys and values, not %s", opKey.Text, block.Describe())
			continue
		}
		var keys foldSet
		var docKeys map[string][]string
		if p.wantDoc {
			docKeys = map[string][]string{}
		}
		blockEmpty := true
		first, end, ok := p.members(block, opPath)
		if !ok {
			continue
		}
		for kn2 := first; kn2 < end; kn2 = p.tape.Next(kn2) {
			k, vals := p.tape.KeyAt(kn2), p.tape.At(kn2)
			blockEmpty = false
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
				p.errorf(k.Off, kp.String(), CodeInvalidConditionKey, "the condition key %q %s", k.Text, msg)
				continue
			}
			c := Clause{Operator: op, Qualifier: q, IfExists: ifExists, Key: k.Text, LowerKey: lower, Offset: k.Off, OpOffset: opKey.Off}
			var buf [4]strItem
			raw, ok := p.conditionValues(vals, kp, buf[:])
			if !ok {
				continue
			}
			if (op == Bool || op == Null) && len(raw) > 1 && q == SingleValued {
				p.errorf(vals.Off, kp.String(), CodeInvalidConditionMultipleBoolean, "the %s operator takes a single true or false value for %s, not a list", op, k.Text)
				continue
			}
			if len(raw) == 0 {
				p.add(Suggestion, vals.Off, kp.String(), CodeEmptyArrayCondition, "the condition key %s has no values: the condition never matches", k.Text)
			}
			if p.wantDoc {
				docKeys[k.Text] = itemsToStrings(raw)
			}
			var seenVals keySet
			o0 := len(p.operands)
			for _, it := range raw {
				if !seenVals.add(it.s) {
					p.add(Suggestion, it.off, kp.String(), CodeRedundantConditionValue, "the value %q is listed twice for %s", it.s, k.Text)
				}
				p.operands = append(p.operands, Operand{})
				code, msg, fatal, verr := compileOperand(&p.operands[len(p.operands)-1], op, it.s, it.off, p.variables)
				switch {
				case verr != nil:
					p.errorf(it.off, kp.String(), verr.code, "%s in the condition value %q", verr.msg, it.s)
				case fatal:
					p.errorf(it.off, kp.String(), code, "%s", msg)
				case code != "":
					p.add(Warning, it.off, kp.String(), code, "%s", msg)
				}
			}
			if len(p.operands) > o0 {
				c.Values = p.operands[o0:len(p.operands):len(p.operands)]
			}
			if (op == StringEquals || op == StringNotEquals) && p.variables {
				for _, it := range raw {
					if indexIn(it.s, &wildcardChars) >= 0 && !strings.Contains(it.s, "${") {
						p.add(Warning, it.off, kp.String(), CodeWildcardInStringEquals, "%s compares %q literally: its * and ? are not wildcards (use StringLike)", op, it.s)
						break
					}
				}
			}
			p.clauses = append(p.clauses, c)
		}
		if blockEmpty {
			p.add(Suggestion, block.Off, opPath.String(), CodeEmptyObjectConditionOperator, "the %s operator has no condition keys", opKey.Text)
		}
		if p.wantDoc {
			doc[opKey.Text] = docKeys
		}
	}
	if empty {
		p.add(Suggestion, v.Off, pa.String(), CodeEmptyObjectCondition, "the Condition element is empty: remove it")
	}
	return doc, c0, len(p.clauses)
}

// conditionKeySyntax checks that a key has a service prefix ("aws:", "s3:").
func conditionKeySyntax(k string) string {
	prefix, rest, ok := strings.Cut(k, ":")
	switch {
	case !ok:
		return "has no service prefix, such as aws: or s3:"
	case prefix == "" || rest == "":
		return "is not of the form prefix:name"
	case indexIn(k, &keyForbiddenChars) >= 0:
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

// SyntaxError reports whether src is not valid JSON and, if so, where a
// JSON parser detects the error (a byte offset; just past the end for a
// text cut short) and what it is.
//
// Deprecated: internal; files that embed policies read them with
// internal/jsontext, whose Locate this is.
func SyntaxError(src []byte) (offset int, msg string, invalid bool) { return jsontext.Locate(src) }

// readOptions are the policy's limits for the JSON reader: the tape keeps
// one more member or item than a list or object may hold, so that the
// parser reports the excess; it records the seven levels of the policy
// grammar and more (a deeper container is one node, whose type the parser
// reports at its own level); repeated keys are the parser's to report, as
// DUPLICATE_KEY findings with their paths.
var readOptions = jsontext.Options{
	MaxMembers:         max(MaxStatements, MaxValues),
	RecordDepth:        16,
	AllowDuplicateKeys: true,
}
