package policy

import (
	"strconv"
	"sync"

	"github.com/iamsim/iamsim/internal/compiled"
)

// Policy is a parsed and compiled policy document. It keeps the source text
// for positions and the Document form for printing. A Policy is immutable and
// safe for concurrent use; the zero Policy has no statements.
type Policy struct {
	origin   origin
	own      File       // the File of a policy Parse read alone: origin.file points here
	src      []byte     // the policy text: origin.file's bytes [base, base+len(src))
	doc      Document   // Version and ID always; the rest when docOnce has run
	docOnce  sync.Once  // builds doc on first use: Parse itself needs only the rules
	offs     docOffsets // (beside docOnce and traits: 21 bytes, padded to 24)
	traits   stmtTraits // what its statements hold that a place may refuse (Refusals)
	rules    []Rule
	findings []*Finding // warnings and suggestions found while parsing

	// few holds the compiled statements of a small policy, so that most
	// trust and identity policies (a statement or two) take no allocations
	// beyond the Policy's for them. A Policy is never copied once parsed:
	// its slices may point here.
	few struct {
		rules    [2]Rule
		acts     [2]compiled.Template
		ress     [2]compiled.ARNPattern
		clauses  [1]compiled.Clause
		operands [1]compiled.Operand
	}
}

// origin is where a policy comes from: its name and its place in a file.
// A policy's rules point to it, so that a statement knows its policy and
// its place without a reference to the Policy.
type origin struct {
	file *File
	name string // the policy's name or id (a file name, an ARN, a scenario's key)
	base int    // offset of the policy's text in file
}

// position returns the place in the file of offset off of the policy's text.
func (o *origin) position(off int) Position {
	if off < 0 || o.file == nil {
		return Position{}
	}
	return o.file.Position(o.base + off)
}

// docOffsets are byte offsets of elements of the document, -1 when absent.
type docOffsets struct {
	root, version int32
}

// Name returns the name the policy was parsed under: its id, which need not
// be its file's name (a policy of an account export is named by its ARN).
func (p *Policy) Name() string { return p.origin.name }

// File returns the file the policy was parsed from (for Parse, a File of
// the policy text alone, named as the policy is); nil for the zero Policy.
func (p *Policy) File() *File { return p.origin.file }

// Offset returns the byte offset of the policy's text in its File.
func (p *Policy) Offset() int { return p.origin.base }

// Version returns the Version element, "" when absent.
func (p *Policy) Version() string { return p.doc.Version }

// document returns the Document form, building it on first use by reading
// the source again: most policies are only evaluated, and the Document's
// slices and maps would double the cost of Parse.
func (p *Policy) document() *Document {
	p.docOnce.Do(func() {
		if p.src == nil || len(p.rules) == 0 {
			return
		}
		q := &parser{origin: p.origin, src: p.src, wantDoc: true}
		if pol := q.parse(); len(q.errs) == 0 {
			// Only the statements: Version and ID were set by Parse and
			// are read without the Once (Version, Validate), so writing
			// them again here would race with those readers.
			p.doc.Statement = pol.doc.Statement
		}
	})
	return &p.doc
}

// Rules returns the compiled statements in document order. The slice is
// shared: treat it as read-only.
func (p *Policy) Rules() []Rule { return p.rules }

// Document returns the policy as Go values. The result shares nothing with p.
func (p *Policy) Document() Document { return cloneDocument(*p.document()) }

// Source returns the text the policy was parsed from. It is shared: treat it
// as read-only.
func (p *Policy) Source() []byte { return p.src }

// Position converts a byte offset in the policy's source to its place in
// the policy's File. Offsets come from Rule.Offset, Clause.Offset and
// Operand.Pos.
func (p *Policy) Position(offset int) Position { return p.origin.position(offset) }

// Findings returns the warnings and suggestions Parse found in the
// document's grammar (such as a Numeric operand that is not a number).
// Validate adds the checks that depend on the policy's kind.
func (p *Policy) Findings() []*Finding { return append([]*Finding(nil), p.findings...) }

// Rule is the compiled form of one Statement: what the decision engine reads.
// Its fields are read through methods so that a Policy stays immutable.
type Rule struct {
	sid          string
	origin       *origin // the policy's
	principal    *compiled.PrincipalSet
	actions      []compiled.Template
	resources    []compiled.ARNPattern
	conditions   []compiled.Clause
	index        int32
	off          int32 // byte offset of the statement's '{'
	end          int32 // byte offset just past its '}'
	keyOffs      keyOffsets
	effect       effectCode
	notPrincipal bool
	notAction    bool
	notResource  bool
	hasResource  bool
	vars         bool // a Resource or Condition value holds a policy variable
}

// keyOffsets are byte offsets of a statement's element keys, -1 when absent.
// (int32, as the tape's offsets: a Rule is read for every statement of
// every policy, and small rules keep large policies small.)
type keyOffsets struct {
	sid, principal, action, resource, condition int32
}

// path returns the statement's JSON path as findings name it.
func (r *Rule) path() string { return "Statement[" + strconv.Itoa(int(r.index)) + "]" }

// Index returns the statement's place in the Statement list, from 0.
func (r *Rule) Index() int { return int(r.index) }

// Sid returns the statement's Sid, "" when it has none.
func (r *Rule) Sid() string { return r.sid }

// Effect returns Allow or Deny.
func (r *Rule) Effect() Effect { return r.effect.Effect() }

// Denies reports whether the statement's Effect is Deny: one byte compared,
// where Effect() == Deny compares strings (the engine asks it of every
// statement that matches a request).
func (r *Rule) Denies() bool { return r.effect == effectDeny }

// effectCode is an Effect in one byte (a Rule is kept per statement): 0
// for a statement without a valid Effect, which never reaches evaluation.
type effectCode uint8

const (
	effectAllow effectCode = 1 + iota
	effectDeny
)

func (e effectCode) Effect() Effect {
	switch e {
	case effectAllow:
		return Allow
	case effectDeny:
		return Deny
	}
	return ""
}

// Offset returns the byte offset of the statement's opening brace in the
// policy's text.
func (r *Rule) Offset() int { return int(r.off) }

// End returns the byte offset just past the statement's closing brace in
// the policy's text.
func (r *Rule) End() int { return int(r.end) }

// PolicyName returns the name of the statement's policy (Policy.Name).
func (r *Rule) PolicyName() string {
	if r.origin == nil {
		return ""
	}
	return r.origin.name
}

// File returns the file of the statement's policy.
func (r *Rule) File() *File {
	if r.origin == nil {
		return nil
	}
	return r.origin.file
}

// Span returns the places of the statement's opening and closing braces in
// its policy's file; zero Positions when the rule has no source.
func (r *Rule) Span() (start, end Position) {
	if r.origin == nil {
		return Position{}, Position{}
	}
	return r.origin.position(int(r.off)), r.origin.position(int(r.end) - 1)
}

// Principal returns the statement's Principal or NotPrincipal, and whether
// it is a NotPrincipal. It returns nil when the statement has neither.
func (r *Rule) Principal() (ps *compiled.PrincipalSet, not bool) { return r.principal, r.notPrincipal }

// Conditions returns the statement's conditions, one per operator and key.
func (r *Rule) Conditions() []compiled.Clause { return r.conditions }

// MatchAction reports whether the statement applies to the action, which
// must be in lower case (actions are case-insensitive; callers fold once per
// request). It accounts for NotAction.
func (r *Rule) MatchAction(lowerAction string) bool {
	for i := range r.actions {
		if r.actions[i].Match(lowerAction, nil) {
			return !r.notAction
		}
	}
	return r.notAction
}

// MatchResource reports whether the statement applies to the resource ARN,
// resolving policy variables with vars. It accounts for NotResource; a
// statement with neither Resource nor NotResource (as in a trust policy)
// applies to every resource.
func (r *Rule) MatchResource(resource string, vars compiled.Vars) bool {
	if !r.hasResource {
		return true
	}
	for i := range r.resources {
		if r.resources[i].Match(resource, vars) {
			return !r.notResource
		}
	}
	return r.notResource
}

// Actions returns the Action (or NotAction) patterns, and whether they are
// NotAction. A literal pattern (IsLiteral) is an action as a request names
// it, in lower case: service:action, one colon, neither part empty, no
// space or wildcard (the parser refuses any other; FuzzParse holds it).
func (r *Rule) Actions() (patterns []compiled.Template, not bool) { return r.actions, r.notAction }

// Resources returns the Resource (or NotResource) patterns, and whether they are NotResource.
func (r *Rule) Resources() (patterns []compiled.ARNPattern, not bool) {
	return r.resources, r.notResource
}

// HasVariables reports whether a Resource (or NotResource) entry or a
// condition value of the statement holds a policy variable (an escape such
// as ${*} counts): only such a statement reads keys beyond its conditions'.
func (r *Rule) HasVariables() bool { return r.vars }

// HasResource reports whether the statement has a Resource or NotResource
// element; a statement with neither (a trust policy's) applies to every
// resource.
func (r *Rule) HasResource() bool { return r.hasResource }
