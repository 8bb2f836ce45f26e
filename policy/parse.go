package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
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
// missing Resource, size quotas) are Validate's. The Policy keeps src as
// its Source (the compiled statements hold copies of their texts): do not
// modify src afterwards, or Source and Validate's size checks read the
// change.
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
	sortFindings(p.errs)
	sortFindings(p.warns)
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
	acts     []compiled.Template
	ress     []compiled.ARNPattern
	clauses  []compiled.Clause
	operands []compiled.Operand

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

// stored records a finding of a defect AWS stores, or one Validate weighs
// by the policy's place: it never stops Parse, whatever its code's
// severity (an Access Analyzer ERROR such as INVALID_VARIABLE_FOR_OPERATOR,
// or EMPTY_ARRAY_ACTION, refused but for Validate to report).
func (p *parser) stored(off int, path string, code Code, format string, args ...any) {
	info, _ := code.Info()
	p.add(Warning, off, path, code, format, args...)
	p.warns[len(p.warns)-1].Severity = info.Severity
}

func (p *parser) errorf(off int, path string, code Code, format string, args ...any) {
	p.add(Error, off, path, code, format, args...)
}

func (p *parser) parse() *Policy {
	pol := p.into
	if pol == nil {
		pol = &Policy{origin: p.origin, src: p.src, offs: docOffsets{-1, -1}}
	} else {
		*pol = Policy{origin: p.origin, src: p.src, offs: docOffsets{-1, -1}}
	}
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
	pol.offs.root = int32(root.Off)
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
			pol.offs.version = int32(v.Off)
			p.version(v, &pol.doc)
		case "Id":
			if v.Kind != jsontext.String {
				p.errorf(v.Off, "Id", CodeDataTypeMismatch, "Id must be a string, not %s", v.Describe())
			} else {
				pol.doc.ID = v.Text
			}
		case "Statement":
			stmtVal = v
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
		// The next rule of the arena, zero as allocated (filled in place:
		// a Rule is 144 bytes, and a large policy's arena is larger than
		// the caches). Within its capacity: the pointer stays good.
		pol.rules = pol.rules[:len(pol.rules)+1]
		r := &pol.rules[len(pol.rules)-1]
		r.index, r.origin, r.end = int32(i), &pol.origin, int32(p.tape.End(sv))
		p.statement(sv, sp, st, r)
		// The rule's entries are complete: slice them, with full capacity
		// limits so that no rule can append into its neighbour's. (An
		// arena that outgrows its array later leaves these entries where
		// they are, unchanged.)
		a1, r1 := len(p.acts), len(p.ress)
		r.actions, r.resources = p.acts[a0:a1:a1], p.ress[r0:r1:r1]
		r.vars = hasVariables(r.resources, r.conditions) // while they are in the caches
		pol.traits |= r.traits()
	}
}

// hasVariables reports whether a resource pattern or a condition value
// holds a policy variable.
func hasVariables(resources []compiled.ARNPattern, clauses []compiled.Clause) bool {
	for i := range resources {
		if resources[i].HasVariables() {
			return true
		}
	}
	for i := range clauses {
		for j := range clauses[i].Values {
			if clauses[i].Values[j].HasVariables() {
				return true
			}
		}
	}
	return false
}

// arena returns an empty slice with room for n elements: few's own room
// when n fits, else a new array's.
func arena[T any](few []T, n int) []T {
	if n <= len(few) {
		return few[:0:n]
	}
	return make([]T, 0, n)
}

// SyntaxError reports whether src is not valid JSON and, if so, where a
// JSON parser detects the error (a byte offset; just past the end for a
// text cut short) and what it is. Files that embed policies use it too
// (it is internal/jsontext's Locate), so that every JSON error of iamsim is
// placed the same way.
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
