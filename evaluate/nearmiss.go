package evaluate

import (
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/policy"
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

// nearMiss records a statement whose conditions failed, naming the first
// clause that did.
func (ex *explainer) nearMiss(p *Prepared, m Match, clauses []policy.Clause) {
	for i := range clauses {
		c := &clauses[i]
		if p.clause(c, nil) {
			continue
		}
		ex.res.NearMisses = append(ex.res.NearMisses, NearMiss{Match: m, Condition: clauseText(c), Reason: failure(c, p.context(c.LowerKey))})
		return
	}
}

// clauseText writes a clause as the policy does: operator, key, values.
func clauseText(c *policy.Clause) string {
	var b strings.Builder
	b.WriteString(c.OperatorName())
	b.WriteByte(' ')
	b.WriteString(c.Key)
	b.WriteByte(' ')
	raws := make([]string, len(c.Values))
	for i := range c.Values {
		raws[i] = c.Values[i].Raw
	}
	b.WriteString(quoteList(raws))
	return b.String()
}

// failure says why a clause failed for the request's values of its key.
func failure(c *policy.Clause, vals []value) string {
	s := make([]string, len(vals))
	for i := range vals {
		s[i] = vals[i].s
	}
	switch {
	case c.Operator == policy.Null:
		if len(vals) == 0 {
			return "failed: the key is absent from the request"
		}
		return "failed: the request has the key, " + quoteList(s)
	case len(vals) == 0:
		return "failed: the key is absent from the request"
	case isNull(vals) && c.Qualifier != policy.SingleValued:
		return "failed: the request's values are empty, " + quoteList(s)
	case c.Operator.Negated():
		return "matched " + quoteList(s)
	}
	return "did not match " + quoteList(s)
}

// quoteList quotes one value, or lists several in brackets.
func quoteList(vals []string) string {
	if len(vals) == 1 {
		return strconv.Quote(vals[0])
	}
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
