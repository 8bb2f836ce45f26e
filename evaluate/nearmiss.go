package evaluate

import (
	"strconv"

	"github.com/iamsim/iamsim/internal/compiled"
)

// NearMiss is a statement that matched the request's action and resource
// (and, in a resource-based policy or RCP, its principal) but whose
// Condition did not hold: the statement that would have allowed (or
// denied) had the request been a little different.
type NearMiss struct {
	Match
	// Condition is the first clause that failed, as the policy writes it:
	// StringEquals aws:SourceVpc "vpc-111".
	Condition string `json:"condition"`
	// Reason says how the request failed it: did not match "vpc-999", or
	// the key is absent from the request.
	Reason string `json:"reason"`
}

// String returns the clause and why it failed, with the statement.
func (n NearMiss) String() string {
	return n.Condition + " " + n.Reason
}

// nearMiss records a statement whose condition c (its first clause that
// failed) did not hold. The clause and the reason are written into one
// buffer and one string: most explained requests have a near miss (a Deny
// whose condition exempts the caller), so it is kept cheap.
func (ex *explainer) nearMiss(p *Prepared, m Match, c *compiled.Clause) {
	var arr [160]byte
	b := appendClause(arr[:0], c)
	cut := len(b)
	b = appendFailure(append(b, ' '), c, p.context(c.LowerKey))
	text := string(b)
	ex.res.NearMisses = append(ex.res.NearMisses, NearMiss{Match: m, Condition: text[:cut], Reason: text[cut+1:]})
}

// appendClause writes a clause as the policy does: operator, key, values.
func appendClause(b []byte, c *compiled.Clause) []byte {
	if c.Qualifier != compiled.SingleValued {
		b = append(append(b, c.Qualifier.String()...), ':')
	}
	b = append(b, c.Operator.String()...)
	if c.IfExists {
		b = append(b, "IfExists"...)
	}
	b = append(append(append(b, ' '), c.Key...), ' ')
	return appendList(b, len(c.Values), func(i int) string { return c.Values[i].Raw })
}

// appendFailure says why a clause failed for the request's values of its
// key.
func appendFailure(b []byte, c *compiled.Clause, vals []value) []byte {
	list := func(b []byte) []byte { return appendList(b, len(vals), func(i int) string { return vals[i].s }) }
	switch {
	case len(vals) == 0:
		return append(b, "failed: the key is absent from the request"...)
	case c.Operator == compiled.Null:
		return list(append(b, "failed: the request has the key, "...))
	case isNull(vals) && c.Qualifier != compiled.SingleValued:
		return list(append(b, "failed: the request's values are empty, "...))
	case c.Operator.Negated():
		return list(append(b, "matched "...))
	}
	return list(append(b, "did not match "...))
}

// appendList quotes one value, or lists several in brackets.
func appendList(b []byte, n int, at func(int) string) []byte {
	if n == 1 {
		return appendQuote(b, at(0))
	}
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendQuote(b, at(i))
	}
	return append(b, ']')
}

// appendQuote is strconv.AppendQuote, with a fast path for the printable
// ASCII of most values (strconv weighs every rune).
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if !plainASCII[s[i]] {
			return strconv.AppendQuote(b, s)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// plainASCII are the bytes strconv.Quote leaves as they are: printable
// ASCII but the quote and the backslash.
var plainASCII = func() (t [256]bool) {
	for c := ' '; c <= '~'; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
