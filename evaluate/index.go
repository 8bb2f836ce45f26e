package evaluate

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// indexThreshold is the statement count from which a policy gets an index;
// below it a plain scan is faster than the lookups.
const indexThreshold = 8

// ruleSet holds the statements of every policy of one stage (all identity
// policies, all session policies, one SCP level...) and, when there are
// many, an index that narrows a request to the statements that could match
// it, so that cost grows with those statements and not with the policies.
// The index only filters: every candidate is still matched in full.
type ruleSet struct {
	refs []ruleRef
	idx  *policyIndex
}

// ruleRef is one statement and the policy it belongs to.
type ruleRef struct {
	pol  *policy.Policy
	rule *policy.Rule
}

func newRuleSet(pols ...*policy.Policy) *ruleSet {
	n := 0
	for _, pol := range pols {
		n += len(pol.Rules())
	}
	rs := &ruleSet{refs: make([]ruleRef, 0, n)}
	for _, pol := range pols {
		rules := pol.Rules()
		for i := range rules {
			rs.refs = append(rs.refs, ruleRef{pol, &rules[i]})
		}
	}
	if len(rs.refs) >= indexThreshold {
		rs.idx = buildIndex(rs.refs)
	}
	return rs
}

// policyIndex files statements by what their Action can match: an exact
// action, every action of one service, or anything (wildcard services,
// NotAction). Within each, statements are filed by the head of their
// Resource: the ARN up to the first '/' or ':' of its resource part.
type policyIndex struct {
	byAction  map[string]*resourceIndex
	byService map[string]*resourceIndex
	any       *resourceIndex
}

type resourceIndex struct {
	byHead map[string][]int32
	other  []int32 // statements whose resources cannot be filed by head
}

func (ri *resourceIndex) add(i int32, heads []string) {
	if heads == nil {
		ri.other = appendOnce(ri.other, i)
		return
	}
	if ri.byHead == nil {
		ri.byHead = map[string][]int32{}
	}
	for _, h := range heads {
		ri.byHead[h] = appendOnce(ri.byHead[h], i)
	}
}

func appendOnce(list []int32, i int32) []int32 {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

func buildIndex(refs []ruleRef) *policyIndex {
	idx := &policyIndex{byAction: map[string]*resourceIndex{}, byService: map[string]*resourceIndex{}, any: &resourceIndex{}}
	bucket := func(m map[string]*resourceIndex, k string) *resourceIndex {
		ri := m[k]
		if ri == nil {
			ri = &resourceIndex{}
			m[k] = ri
		}
		return ri
	}
	for i := range refs {
		r := refs[i].rule
		var buf [4]string
		heads := resourceHeads(r, buf[:0])
		patterns, not := r.Actions()
		if not {
			idx.any.add(int32(i), heads)
			continue
		}
		for j := range patterns {
			if lit, ok := patterns[j].IsLiteral(); ok { // already folded
				bucket(idx.byAction, lit).add(int32(i), heads)
				continue
			}
			raw := policy.FoldAction(patterns[j].String())
			if svc, _, ok := strings.Cut(raw, ":"); ok && !strings.ContainsAny(svc, "*?") {
				bucket(idx.byService, svc).add(int32(i), heads)
				continue
			}
			idx.any.add(int32(i), heads)
		}
	}
	return idx
}

// resourceHeads appends to heads the heads a statement's resources can
// match, or returns nil when some resource cannot be filed by head (a
// wildcard or variable before the head ends, "*", NotResource, no Resource
// element).
func resourceHeads(r *policy.Rule, heads []string) []string {
	patterns, not := r.Resources()
	if not || !r.HasResource() || len(patterns) == 0 {
		return nil
	}
	for i := range patterns {
		prefix, exact := patterns[i].LiteralPrefix()
		h, complete := arnHead(prefix)
		if !complete && !exact {
			return nil
		}
		heads = append(heads, h)
	}
	return heads
}

// arnHead returns an ARN up to and including the first '/' or ':' of its
// resource part, and whether there was one; without one, the whole ARN.
func arnHead(s string) (string, bool) {
	colons := 0
	for i := 0; i < len(s); i++ {
		if colons == 5 {
			if j := strings.IndexAny(s[i:], "/:"); j >= 0 {
				return s[:i+j+1], true
			}
			return s, false
		}
		if s[i] == ':' {
			colons++
		}
	}
	return s, false
}

// candidates fills lists with the sorted statement indexes that could match
// the request and returns how many lists it filled.
func (idx *policyIndex) candidates(p *Prepared, lists *[6][]int32) int {
	n := 0
	for _, ri := range [3]*resourceIndex{idx.byAction[p.action], idx.byService[p.service], idx.any} {
		if ri == nil {
			continue
		}
		if l := ri.byHead[p.head]; len(l) > 0 {
			lists[n] = l
			n++
		}
		if len(ri.other) > 0 {
			lists[n] = ri.other
			n++
		}
	}
	return n
}

// cursor walks the statements of a ruleSet that could match a request, in
// order: policy by policy, each in document order.
type cursor struct {
	rs    *ruleSet
	lists [6][]int32
	n     int
	i     int // next statement when there is no index
}

func (rs *ruleSet) cursor(p *Prepared) cursor {
	cur := cursor{rs: rs}
	if rs.idx != nil {
		cur.n = rs.idx.candidates(p, &cur.lists)
	}
	return cur
}

// next returns the next candidate statement, or false.
func (cur *cursor) next() (ruleRef, bool) {
	if cur.rs.idx == nil {
		if cur.i >= len(cur.rs.refs) {
			return ruleRef{}, false
		}
		cur.i++
		return cur.rs.refs[cur.i-1], true
	}
	next := int32(-1)
	for k := 0; k < cur.n; k++ {
		if l := cur.lists[k]; len(l) > 0 && (next < 0 || l[0] < next) {
			next = l[0]
		}
	}
	if next < 0 {
		return ruleRef{}, false
	}
	for k := 0; k < cur.n; k++ {
		if l := cur.lists[k]; len(l) > 0 && l[0] == next {
			cur.lists[k] = l[1:]
		}
	}
	return cur.rs.refs[next], true
}
