package evaluate

import (
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
)

// conditions returns the index of the first clause of a statement that
// fails, or -1 when every clause holds (clauses are ANDed). Missing keys
// are reported to miss when it is not nil.
func (p *Prepared) conditions(clauses []compiled.Clause, miss *missing) int {
	for i := range clauses {
		if !p.clause(&clauses[i], miss) {
			return i
		}
	}
	return -1
}

// missing collects the context keys conditions looked for and did not
// find, spelled as the first policy that looked for them spells them.
type missing struct{ keys []string }

func (m *missing) add(key string) {
	if m == nil {
		return
	}
	for _, k := range m.keys {
		if strings.EqualFold(k, key) {
			return
		}
	}
	m.keys = append(m.keys, key)
}

// clause evaluates one condition (IAM User Guide, "IAM JSON policy elements:
// Condition operators"; "Creating a condition with multiple keys or values").
//
//   - A missing key (absent, or present with no values): Null "true" holds;
//     ...IfExists holds; ForAllValues holds; ForAnyValue fails; a negated
//     operator holds; any other operator fails.
//   - ForAllValues: every request value must satisfy the operator.
//   - ForAnyValue: at least one request value must satisfy it.
//   - No qualifier: the single value must satisfy it. With several values
//     (a multivalued key without a set operator, which AWS's documentation
//     leaves undefined) a positive operator holds when any value matches
//     and a negated one when none does, so a negation stays the exact
//     complement of its operator.
//
// For a negated operator, a request value satisfies it when it matches none
// of the policy's values.
func (p *Prepared) clause(c *compiled.Clause, miss *missing) bool {
	vals, ok := p.ctx.lookup(c.LowerKey) // context, inline: a condition's key is usually there
	if !ok {
		vals = p.underived(c.LowerKey)
	}
	if c.Operator == compiled.Null {
		present := !isNull(vals)
		if !present {
			miss.add(c.Key)
		}
		for i := range c.Values {
			if o := &c.Values[i]; o.Valid && o.Bool == !present {
				return true
			}
		}
		return false
	}
	// The set operators read a key whose value "resolves to a null dataset,
	// such as an empty string" as missing (IAM User Guide, "Condition
	// operators" > set operators).
	if len(vals) == 0 || (c.Qualifier != compiled.SingleValued && isNull(vals)) {
		if len(vals) == 0 {
			miss.add(c.Key)
		}
		switch {
		case c.Qualifier == compiled.ForAllValues:
			return true
		case c.Qualifier == compiled.ForAnyValue:
			return false
		case c.IfExists:
			return true
		}
		return c.Operator.Negated()
	}
	negated := c.Operator.Negated()
	op := c.Operator.Positive()
	switch c.Qualifier {
	case compiled.ForAllValues:
		for i := range vals {
			if p.anyOperand(op, c.Values, &vals[i]) == negated {
				return false
			}
		}
		return true
	case compiled.ForAnyValue:
		for i := range vals {
			if p.anyOperand(op, c.Values, &vals[i]) != negated {
				return true
			}
		}
		return false
	}
	for i := range vals {
		if p.anyOperand(op, c.Values, &vals[i]) {
			return !negated
		}
	}
	return negated
}

// isNull reports whether a key is absent or holds nothing but empty
// strings: the Null operator's "null" and the set operators' "null
// dataset".
func isNull(vals []value) bool {
	for i := range vals {
		if vals[i].s != "" {
			return false
		}
	}
	return true
}

// anyOperand reports whether the request value v matches any of the
// policy's values under the positive operator op (values are ORed).
func (p *Prepared) anyOperand(op compiled.Operator, operands []compiled.Operand, v *value) bool {
	for i := range operands {
		if p.compare(op, &operands[i], v) {
			return true
		}
	}
	return false
}

// compare applies a positive operator to one policy value and one request
// value. An operand that could not be read (Valid false) matches nothing,
// and so does a request value that cannot be read as the operator needs.
func (p *Prepared) compare(op compiled.Operator, o *compiled.Operand, v *value) bool {
	if !o.Valid {
		return false
	}
	switch op {
	case compiled.StringEquals, compiled.StringLike:
		return o.Template.Match(v.s, p)
	case compiled.StringEqualsIgnoreCase:
		return o.Template.MatchFold(v.s, p)
	case compiled.ArnEquals, compiled.ArnLike:
		return o.ARN().Match(v.s, p)
	}
	if need := formsOf(op); v.done&need != need {
		// Prepared for a set that does not read this form: read it now.
		w := readValue(v.s, need)
		v = &w
	}
	switch op {
	case compiled.NumericEquals:
		return v.numOK && v.num == o.Number
	case compiled.NumericLessThan:
		return v.numOK && v.num < o.Number
	case compiled.NumericLessThanEquals:
		return v.numOK && v.num <= o.Number
	case compiled.NumericGreaterThan:
		return v.numOK && v.num > o.Number
	case compiled.NumericGreaterThanEquals:
		return v.numOK && v.num >= o.Number
	case compiled.DateEquals:
		return v.timeOK && v.time.Equal(o.Time())
	case compiled.DateLessThan:
		return v.timeOK && v.time.Before(o.Time())
	case compiled.DateLessThanEquals:
		return v.timeOK && !v.time.After(o.Time())
	case compiled.DateGreaterThan:
		return v.timeOK && v.time.After(o.Time())
	case compiled.DateGreaterThanEquals:
		return v.timeOK && !v.time.Before(o.Time())
	case compiled.Bool:
		return v.bOK && v.b == o.Bool
	case compiled.BinaryEquals:
		return v.binOK && v.bin == o.Bytes()
	case compiled.IPAddress:
		return v.addrOK && o.Prefix().Contains(v.addr)
	}
	return false
}
