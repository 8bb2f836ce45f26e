package evaluate

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// indexThreshold is the statement count from which a policy gets an index;
// below it a plain scan is faster than the lookups.
const indexThreshold = 16

// compiledPolicy is a policy with, when it is large, an index that narrows
// a request to the statements that could match it, so that cost grows with
// those statements and not with the policy. The index only filters: every
// candidate is still matched in full.
type compiledPolicy struct {
	pol   *policy.Policy
	rules []policy.Rule
	idx   *policyIndex
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

func compilePolicy(pol *policy.Policy) *compiledPolicy {
	c := &compiledPolicy{pol: pol, rules: pol.Rules()}
	if len(c.rules) >= indexThreshold {
		c.idx = buildIndex(c.rules)
	}
	return c
}

func buildIndex(rules []policy.Rule) *policyIndex {
	idx := &policyIndex{byAction: map[string]*resourceIndex{}, byService: map[string]*resourceIndex{}, any: &resourceIndex{}}
	bucket := func(m map[string]*resourceIndex, k string) *resourceIndex {
		ri := m[k]
		if ri == nil {
			ri = &resourceIndex{}
			m[k] = ri
		}
		return ri
	}
	for i := range rules {
		r := &rules[i]
		heads := resourceHeads(r)
		patterns, not := r.Actions()
		if not {
			idx.any.add(int32(i), heads)
			continue
		}
		for j := range patterns {
			raw := strings.ToLower(patterns[j].String())
			if _, lit := patterns[j].IsLiteral(); lit {
				bucket(idx.byAction, raw).add(int32(i), heads)
				continue
			}
			if svc, _, ok := strings.Cut(raw, ":"); ok && !strings.ContainsAny(svc, "*?") {
				bucket(idx.byService, svc).add(int32(i), heads)
				continue
			}
			idx.any.add(int32(i), heads)
		}
	}
	return idx
}

// resourceHeads returns the heads a statement's resources can match, or
// nil when some resource cannot be filed by head (a wildcard or variable
// before the head ends, "*", NotResource, no Resource element).
func resourceHeads(r *policy.Rule) []string {
	patterns, not := r.Resources()
	if not || !r.HasResource() || len(patterns) == 0 {
		return nil
	}
	heads := make([]string, 0, len(patterns))
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

// cursor walks the statements of a policy that could match a request, in
// document order.
type cursor struct {
	c     *compiledPolicy
	lists [6][]int32
	n     int
	i     int // next statement when there is no index
}

func (c *compiledPolicy) cursor(p *Prepared) cursor {
	cur := cursor{c: c}
	if c.idx != nil {
		cur.n = c.idx.candidates(p, &cur.lists)
	}
	return cur
}

// next returns the next candidate statement, or nil.
func (cur *cursor) next() *policy.Rule {
	if cur.c.idx == nil {
		if cur.i >= len(cur.c.rules) {
			return nil
		}
		cur.i++
		return &cur.c.rules[cur.i-1]
	}
	next := int32(-1)
	for k := 0; k < cur.n; k++ {
		if l := cur.lists[k]; len(l) > 0 && (next < 0 || l[0] < next) {
			next = l[0]
		}
	}
	if next < 0 {
		return nil
	}
	for k := 0; k < cur.n; k++ {
		if l := cur.lists[k]; len(l) > 0 && l[0] == next {
			cur.lists[k] = l[1:]
		}
	}
	return &cur.c.rules[next]
}
