package evaluate

import (
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
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
	refs  []ruleRef
	idx   *policyIndex
	needs needs      // what the statements' conditions read (needs.go)
	few   [4]ruleRef // holds refs when they are few: one allocation less
}

// ruleRef is one statement and the policy it belongs to.
type ruleRef struct {
	pol  *policy.Policy
	rule *policy.Rule
}

func newRuleSet(pols ...*policy.Policy) *ruleSet {
	rs := new(ruleSet)
	rs.init(pols)
	return rs
}

// init fills rs, which must not move afterwards (refs may point into it).
func (rs *ruleSet) init(pols []*policy.Policy) {
	n := 0
	for _, pol := range pols {
		n += len(pol.Rules())
	}
	if n <= len(rs.few) {
		rs.refs = rs.few[:0:n]
	} else {
		rs.refs = make([]ruleRef, 0, n)
	}
	for _, pol := range pols {
		rules := pol.Rules()
		for i := range rules {
			rs.refs = append(rs.refs, ruleRef{pol, &rules[i]})
			rs.needs.addRule(&rules[i])
		}
	}
	if len(rs.refs) >= indexThreshold {
		rs.idx = buildIndex(rs.refs)
	}
}

// policyIndex files statements by what their Action can match: an exact
// action, every action of one service, or anything (wildcard services,
// NotAction). Within each, statements are filed by the head of their
// Resource: the ARN up to the first '/' or ':' of its resource part.
type policyIndex struct {
	byAction  map[string]*resourceIndex
	byService map[string]*resourceIndex
	any       *resourceIndex
	singles   []int32 // backs the lists of one statement (see single)
}

type resourceIndex struct {
	action string           // in byAction: the action, folded (PolicySet.foldOther returns it)
	byHead map[string]int32 // a head's list in lists
	lists  [][]int32
	other  []int32 // statements whose resources cannot be filed by head
}

func (idx *policyIndex) add(ri *resourceIndex, i int32, heads []string) {
	if heads == nil {
		ri.other = appendOnce(ri.other, i)
		return
	}
	if ri.byHead == nil {
		ri.byHead = map[string]int32{}
	}
	for _, h := range heads {
		k, ok := ri.byHead[h]
		if !ok {
			ri.byHead[h] = int32(len(ri.lists))
			ri.lists = append(ri.lists, idx.single(i))
			continue
		}
		ri.lists[k] = appendOnce(ri.lists[k], i)
	}
}

// single returns the list of the one statement i. Most heads file a single
// statement (a bucket, a table), so the lists start in one shared array
// with their capacity capped: a list that grows moves out on its own.
func (idx *policyIndex) single(i int32) []int32 {
	idx.singles = append(idx.singles, i)
	n := len(idx.singles)
	return idx.singles[n-1 : n : n]
}

func appendOnce(list []int32, i int32) []int32 {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

func buildIndex(refs []ruleRef) *policyIndex {
	// Every (statement, action, head) may start a list: with the array
	// that backs single lists sized for all, it never moves.
	n := 0
	for i := range refs {
		actions, _ := refs[i].rule.Actions()
		resources, _ := refs[i].rule.Resources()
		n += max(1, len(actions)) * max(1, len(resources))
	}
	idx := &policyIndex{byAction: map[string]*resourceIndex{}, byService: map[string]*resourceIndex{}, any: &resourceIndex{}, singles: make([]int32, 0, n)}
	bucket := func(m map[string]*resourceIndex, k string) *resourceIndex {
		ri := m[k]
		if ri == nil {
			ri = &resourceIndex{action: k}
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
			idx.add(idx.any, int32(i), heads)
			continue
		}
		for j := range patterns {
			if lit, ok := patterns[j].IsLiteral(); ok { // already folded
				idx.add(bucket(idx.byAction, lit), int32(i), heads)
				continue
			}
			raw := compiled.FoldAction(patterns[j].String())
			if svc, _, ok := strings.Cut(raw, ":"); ok && !strings.ContainsAny(svc, "*?") {
				idx.add(bucket(idx.byService, svc), int32(i), heads)
				continue
			}
			idx.add(idx.any, int32(i), heads)
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
		if h, ok := patterns[i].ResourceHead(); ok {
			heads = append(heads, h)
			continue
		}
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
	i, colons := 0, 0
	for ; i < len(s) && colons < 5; i++ {
		if s[i] == ':' {
			colons++
		}
	}
	for ; colons == 5 && i < len(s); i++ {
		if c := s[i]; c == '/' || c == ':' {
			return s[:i+1], true
		}
	}
	return s, false
}

// candidates fills lists with the sorted statement indexes that could match
// the request (head: its resource's, arnHead) and returns how many lists
// it filled.
func (idx *policyIndex) candidates(p *Prepared, head string, lists *[6][]int32) int {
	n := 0
	for _, ri := range [3]*resourceIndex{idx.byAction[p.action], idx.byService[p.service], idx.any} {
		if ri == nil {
			continue
		}
		if k, ok := ri.byHead[head]; ok {
			lists[n] = ri.lists[k]
			n++
		}
		if len(ri.other) > 0 {
			lists[n] = ri.other
			n++
		}
	}
	return n
}

// cursor walks the statements of an indexed ruleSet that could match a
// request, in order: policy by policy, each in document order. It merges
// the candidate lists, each sorted.
type cursor struct {
	refs  []ruleRef
	lists [6][]int32
	n     int
}

func (rs *ruleSet) cursor(p *Prepared) cursor {
	cur := cursor{refs: rs.refs}
	head := p.req.Resource[:p.headLen]
	if p.headLen == 0 { // prepared for a set without an index
		head, _ = arnHead(p.req.Resource)
	}
	cur.n = rs.idx.candidates(p, head, &cur.lists)
	return cur
}

// next returns the next candidate statement, or false.
func (cur *cursor) next() (ruleRef, bool) {
	if cur.n == 1 { // one list: no merge (most requests)
		l := cur.lists[0]
		if len(l) == 0 {
			return ruleRef{}, false
		}
		cur.lists[0] = l[1:]
		return cur.refs[l[0]], true
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
	return cur.refs[next], true
}
