package evaluate

import (
	"slices"

	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/internal/swar"
	"github.com/iamsim/iamsim/policy"
)

// needs is what a ruleSet's statements read of a request beyond its
// action and resource: the forms their condition operators read values in,
// and the derived keys they read (derive.go). PolicySet.Prepare reads no
// more than that.
type needs struct {
	forms   formSet
	derived keyMask
	// indexed: some stage has an index, whose candidates start from the
	// resource's head (index.go). Preparing finds the head only then.
	indexed bool
}

// familyForms is the reading each operator family compares: string, ARN
// and Null operators read the text.
var familyForms = [...]formSet{
	compiled.FamilyNumeric: 1 << formNumber,
	compiled.FamilyDate:    1 << formDate,
	compiled.FamilyBool:    1 << formBool,
	compiled.FamilyBinary:  1 << formBinary,
	compiled.FamilyIP:      1 << formAddr,
	compiled.FamilyARN:     0,
}

// formsOf returns the reading an operator compares.
func formsOf(op compiled.Operator) formSet {
	if f := op.Family(); int(f) < len(familyForms) {
		return familyForms[f]
	}
	return 0
}

// addRule adds what a statement reads to n. A policy variable may name any
// key (and Lookup reads a derived one), so a statement with one needs every
// derived key. (ruleSet.init calls it as it files each statement, while
// the statement is at hand.)
func (n *needs) addRule(r *policy.Rule) {
	if r.HasVariables() {
		n.derived = allDerived
	}
	clauses := r.Conditions()
	for i := range clauses {
		c := &clauses[i]
		n.forms |= formsOf(c.Operator)
		if k, ok := derivedIndex(c.LowerKey); ok {
			n.derived |= 1 << k
		}
	}
}

// stagesNeed is what every stage needs.
func stagesNeed(stages []stage) needs {
	var n needs
	for i := range stages {
		n.forms |= stages[i].rules.needs.forms
		n.derived |= stages[i].rules.needs.derived
		n.indexed = n.indexed || stages[i].rules.idx != nil
	}
	return n
}

// actionLits are the first distinct literal actions of a set's
// statements, folded, for litAction: a small set's request finds its
// action among them without walking the statements.
type actionLits struct {
	lits [4]string
	n    uint8 // (a byte: a PolicySet stays in the 320-byte size class)
	more bool  // more literals than lits holds, or an indexed stage: look there too
}

// collectLits gathers the literal actions of the stages.
func collectLits(stages []stage) actionLits {
	var a actionLits
	for i := range stages {
		rs := stages[i].rules
		if rs.idx != nil {
			a.more = true
			continue
		}
		for _, ref := range rs.refs {
			patterns, _ := ref.rule.Actions()
			for j := range patterns {
				lit, ok := patterns[j].IsLiteral()
				// A literal is a request's action (policy.Rule.Actions
				// promises the form actionCheck checks), so an action that
				// folds to one needs no check of its own (Prepared's
				// litAction).
				if !ok || slices.Contains(a.lits[:a.n], lit) {
					continue
				}
				if int(a.n) == len(a.lits) {
					a.more = true
					continue
				}
				a.lits[a.n] = lit
				a.n++
			}
		}
	}
	return a
}

// litAction returns the set's literal action (collectLits) that action
// folds to, if any: when one of the set's statements names the action
// literally, a request in the usual mixed case (s3:GetObject) costs no
// string of its own. Such a literal is a request's action (actionCheck), and
// so is every text that folds to it: preparing checks only the others.
func (s *PolicySet) litAction(action string) (string, bool) {
	if s == nil {
		return "", false
	}
	for _, lit := range s.lits.lits[:s.lits.n] {
		if foldsTo(action, lit) {
			return lit, true
		}
	}
	return "", false
}

// foldOther returns an action that is none of s.lits in lower case
// (compiled.FoldAction), as a statement behind the set's index spells it
// when one names it literally.
func (s *PolicySet) foldOther(action string) string {
	if s == nil {
		return compiled.FoldAction(action)
	}
	var buf [64]byte
	if !s.lits.more || len(action) > len(buf) || !compiled.HasUpperASCII(action) {
		return compiled.FoldAction(action)
	}
	b := buf[:len(action)]
	for i := 0; i < len(action); i++ {
		c := action[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	for i := range s.stages {
		rs := s.stages[i].rules
		if rs.idx != nil {
			if ri := rs.idx.byAction[string(b)]; ri != nil {
				return ri.action
			}
			continue
		}
		for _, ref := range rs.refs {
			patterns, _ := ref.rule.Actions()
			for j := range patterns {
				if lit, ok := patterns[j].IsLiteral(); ok && lit == string(b) {
					return lit
				}
			}
		}
	}
	return compiled.FoldAction(action)
}

// foldsTo reports whether compiled.FoldAction(s) == lower: s folded to
// lower case byte by byte (ASCII capitals only) is lower. It compares
// eight bytes at a time (foldWord).
func foldsTo(s, lower string) bool {
	n := len(s)
	if n != len(lower) {
		return false
	}
	if n < 8 {
		for i := 0; i < n; i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[i] {
				return false
			}
		}
		return true
	}
	lower = lower[:n]
	for i := 0; i < n-8; i += 8 {
		if foldWord(swar.Load(s, i)) != swar.Load(lower, i) {
			return false
		}
	}
	// The last eight bytes, overlapping the word before.
	return foldWord(swar.Load(s, n-8)) == swar.Load(lower, n-8)
}

// foldWord folds the ASCII capitals of eight bytes to lower case: for a
// byte below 0x80, adding 0x3f sets its high bit when it is 'A' or more,
// adding 0x25 when it is past 'Z' (no carry crosses a byte: the high bits
// are cleared first); a capital gains 0x20.
func foldWord(x uint64) uint64 {
	h := x &^ swar.High
	upper := (h + 0x3f*swar.Low) &^ (h + 0x25*swar.Low) &^ x & swar.High
	return x | upper>>2
}
