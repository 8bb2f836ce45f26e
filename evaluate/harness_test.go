package evaluate_test

// The harness of the metamorphic tests: it decides generated cases, checks
// relations over them and shrinks a failing case.

import (
	"flag"
	"reflect"
	"slices"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// harness parses, compiles and decides cases, and checks on every decision
// that Decide and Explain agree and that the decision is one of the three.
type harness struct {
	tb    testing.TB
	cache map[string]*policy.Policy
	count [3]int
	// reused is one Prepared every case's request is prepared into in
	// turn (PrepareTo): nothing of a past request may show in the next.
	reused evaluate.Prepared
}

func newHarness(tb testing.TB) *harness {
	return &harness{tb: tb, cache: map[string]*policy.Policy{}}
}

func (h *harness) parse(src string) *policy.Policy {
	if p, ok := h.cache[src]; ok {
		return p
	}
	p, err := policy.ParseString("gen.json", src)
	if err != nil {
		h.tb.Fatalf("the generator wrote a policy that does not parse: %v\n%s", err, src)
	}
	if len(h.cache) > 20000 {
		clear(h.cache)
	}
	h.cache[src] = p
	return p
}

func (h *harness) policies(c *gCase, l *layout) evaluate.Policies {
	list := func(ps []gPolicy) []*policy.Policy {
		if ps == nil {
			return nil
		}
		out := make([]*policy.Policy, len(ps))
		for i, p := range ps {
			out[i] = h.parse(p.render(l))
		}
		return out
	}
	ps := evaluate.Policies{Identity: list(c.identity), Session: list(c.session)}
	if c.resource != nil {
		ps.Resource = h.parse(c.resource.render(l))
	}
	if c.boundary != nil {
		ps.Boundary = h.parse(c.boundary.render(l))
	}
	for _, lv := range c.scps {
		ps.SCPs = append(ps.SCPs, list(lv))
	}
	for _, lv := range c.rcps {
		ps.RCPs = append(ps.RCPs, list(lv))
	}
	return ps
}

// decide returns the decision for the case written in layout l, and
// whether the request is cross-account.
func (h *harness) decide(c *gCase, l *layout) (evaluate.Decision, bool) {
	h.tb.Helper()
	set := compileLaws(h.tb, h.policies(c, l))
	p, err := c.req.Prepare()
	if err != nil {
		h.tb.Fatalf("the generator wrote a request that Prepare refuses: %v\n%+v", err, c.req)
	}
	d := set.Decide(p)
	res := set.Explain(p)
	if d != Allow && d != ImplicitDeny && d != ExplicitDeny {
		h.tb.Fatalf("Decide returned %v, not one of the three decisions\n%s", d, c.scenarioJSON("bad decision"))
	}
	if res.Decision != d {
		h.tb.Fatalf("Decide says %v, Explain says %v\n%s\n%s", d, res.Decision, res, c.scenarioJSON("Decide and Explain disagree"))
	}
	denied := slices.ContainsFunc(res.Matched, func(m evaluate.Match) bool { return m.Effect == policy.Deny })
	if denied != (d == ExplicitDeny) {
		h.tb.Fatalf("decision %v, but a Deny statement matched: %t\n%s\n%s", d, denied, res, c.scenarioJSON("explicit deny without a matching Deny"))
	}
	h.preparedAlike(set, c, res)
	h.count[d]++
	return d, p.CrossAccount()
}

// preparedAlike checks that every way to prepare the case's request
// explains it alike: PolicySet.Prepare (which reads only what the set
// reads), a Prepared made for a set that reads nothing (so that every
// derived key and reading is made when a condition asks), the context
// given as Values rather than a map, and a Prepared reused from the cases
// before (PrepareTo).
func (h *harness) preparedAlike(set *evaluate.PolicySet, c *gCase, want *evaluate.Result) {
	h.tb.Helper()
	empty := compileLaws(h.tb, evaluate.Policies{})
	values := c.req
	values.Context = nil
	for k, vs := range c.req.Context {
		for _, v := range vs {
			values.Values = append(values.Values, evaluate.KeyValue{Key: k, Value: v})
		}
	}
	for _, way := range []struct {
		name    string
		prepare func() (*evaluate.Prepared, error)
	}{
		{"PolicySet.Prepare", func() (*evaluate.Prepared, error) { return set.Prepare(c.req) }},
		{"prepared for the empty set", func() (*evaluate.Prepared, error) { return empty.Prepare(c.req) }},
		{"Values", func() (*evaluate.Prepared, error) { return set.Prepare(values) }},
		{"PrepareTo a reused Prepared", func() (*evaluate.Prepared, error) { return &h.reused, set.PrepareTo(&h.reused, c.req) }},
		{"PrepareTo a reused Prepared, Values", func() (*evaluate.Prepared, error) { return &h.reused, set.PrepareTo(&h.reused, values) }},
	} {
		p, err := way.prepare()
		if err != nil {
			h.tb.Fatalf("%s refuses the request: %v\n%+v", way.name, err, c.req)
		}
		if d := set.Decide(p); d != want.Decision {
			h.tb.Fatalf("%s: Decide says %v, Request.Prepare's %v\n%s", way.name, d, want.Decision, c.scenarioJSON(way.name+" disagrees"))
		}
		got := set.Explain(p)
		got.Principal, got.Action, got.Resource = want.Principal, want.Action, want.Resource
		if !reflect.DeepEqual(got, want) {
			h.tb.Fatalf("%s explains otherwise:\n%s\nRequest.Prepare's:\n%s\n%s", way.name, got, want, c.scenarioJSON(way.name+" explains otherwise"))
		}
	}
}

const (
	Allow        = evaluate.Allow
	ImplicitDeny = evaluate.ImplicitDeny
	ExplicitDeny = evaluate.ExplicitDeny
)

// relation is a metamorphic property: a change to a case, and what the
// decision after it may be given the decision before. change returns nil
// when it does not apply to the case; it must be deterministic, so that a
// failing case can be shrunk.
type relation struct {
	name   string
	change func(c *gCase) *gCase
	holds  func(before, after evaluate.Decision) bool
	want   string // the property, for messages
	layout func() *layout
}

// neverGrants: the change never turns a non-Allow into Allow, nor removes
// an explicit deny.
func neverGrants(before, after evaluate.Decision) bool {
	return (after != Allow || before == Allow) && (before != ExplicitDeny || after == ExplicitDeny)
}

// neverRevokes: the change never turns an Allow into a denial, nor removes
// an explicit deny.
func neverRevokes(before, after evaluate.Decision) bool {
	return (before != Allow || after == Allow) && (before != ExplicitDeny || after == ExplicitDeny)
}

func same(before, after evaluate.Decision) bool { return before == after }

// check evaluates the relation on c and reports whether it held.
func (h *harness) check(rel relation, c *gCase) (ok bool, before, after evaluate.Decision, changed *gCase) {
	changed = rel.change(c.clone())
	if changed == nil {
		return true, 0, 0, nil
	}
	before, _ = h.decide(c, plain())
	l := plain()
	if rel.layout != nil {
		l = rel.layout()
	}
	after, _ = h.decide(changed, l)
	return rel.holds(before, after), before, after, changed
}

// shrink removes policies, statements, conditions and context keys from a
// case while the relation still fails on it.
func (h *harness) shrink(rel relation, c *gCase) *gCase {
	fails := func(c *gCase) bool {
		ok, _, _, _ := h.check(rel, c)
		return !ok
	}
	for progress := true; progress; {
		progress = false
		for _, cand := range reductions(c) {
			if fails(cand) {
				c, progress = cand, true
				break
			}
		}
	}
	return c
}

// reductions lists the cases that have one thing less than c.
func reductions(c *gCase) []*gCase {
	var out []*gCase
	add := func(f func(n *gCase) bool) {
		n := c.clone()
		if f(n) {
			out = append(out, n)
		}
	}
	for i := range c.identity {
		add(func(n *gCase) bool { n.identity = slices.Delete(n.identity, i, i+1); return true })
	}
	add(func(n *gCase) bool { had := n.resource != nil; n.resource = nil; return had })
	add(func(n *gCase) bool { had := n.boundary != nil; n.boundary = nil; return had })
	add(func(n *gCase) bool { had := n.session != nil; n.session = nil; return had })
	for i := range c.session {
		add(func(n *gCase) bool { n.session = slices.Delete(n.session, i, i+1); return len(n.session) > 0 })
	}
	for i := range c.scps {
		add(func(n *gCase) bool { n.scps = slices.Delete(n.scps, i, i+1); return true })
	}
	for i := range c.rcps {
		add(func(n *gCase) bool { n.rcps = slices.Delete(n.rcps, i, i+1); return true })
	}
	for _, ref := range c.slots() {
		p := c.policyAt(ref)
		for si, s := range p.stmts {
			if len(p.stmts) > 1 {
				add(func(n *gCase) bool {
					q := n.policyAt(ref)
					q.stmts = slices.Delete(q.stmts, si, si+1)
					return true
				})
			}
			for ci := range s.conds {
				add(func(n *gCase) bool {
					st := &n.policyAt(ref).stmts[si]
					st.conds = slices.Delete(st.conds, ci, ci+1)
					return true
				})
			}
			if len(s.actions) > 1 {
				add(func(n *gCase) bool { st := &n.policyAt(ref).stmts[si]; st.actions = st.actions[:1]; return true })
			}
			if len(s.resources) > 1 {
				add(func(n *gCase) bool { st := &n.policyAt(ref).stmts[si]; st.resources = st.resources[:1]; return true })
			}
		}
	}
	for k := range c.req.Context {
		add(func(n *gCase) bool { delete(n.req.Context, k); return true })
	}
	return out
}

// metamorphicCases sets how many generated cases each property runs on.
// The default keeps `go test -race` fast; a long run finds rarer defects:
//
//	go test -run=Metamorphic ./evaluate -metamorphic.cases=100000
var metamorphicCases = flag.Int("metamorphic.cases", 700, "generated cases per metamorphic property")

func caseCount() int {
	if testing.Short() {
		return min(*metamorphicCases, 150)
	}
	return *metamorphicCases
}

// runRelations checks relations over generated cases: each case is decided
// once, then once per relation after its change. The first failure of a
// relation is shrunk and printed as a scenario file.
func runRelations(t *testing.T, seed uint64, rels []relation) {
	t.Helper()
	h := newHarness(t)
	g := newGen(seed)
	applied := make([]int, len(rels))
	failed := make([]bool, len(rels))
	for i := range caseCount() {
		c := g.caseFor()
		before, _ := h.decide(c, plain())
		for r, rel := range rels {
			if failed[r] {
				continue
			}
			changed := rel.change(c.clone())
			if changed == nil {
				continue
			}
			applied[r]++
			l := plain()
			if rel.layout != nil {
				l = rel.layout()
			}
			if after, _ := h.decide(changed, l); rel.holds(before, after) {
				continue
			}
			failed[r] = true
			small := h.shrink(rel, c)
			_, b, a, changed := h.check(rel, small)
			t.Errorf("case %d (seed %d): %s: the decision went from %v to %v; want %s\nbefore (shrunk):\n%s\nafter:\n%s",
				i, seed, rel.name, b, a, rel.want, small.scenarioJSON("before: "+b.String()), changed.scenarioJSON("after: "+a.String()))
		}
	}
	for r, rel := range rels {
		if applied[r] < caseCount()/4 {
			t.Errorf("%s applied to only %d of %d cases: the generator does not exercise it", rel.name, applied[r], caseCount())
		}
		t.Logf("%s: %d of %d cases changed", rel.name, applied[r], caseCount())
	}
	t.Logf("decisions seen: Allow %d, ImplicitDeny %d, ExplicitDeny %d", h.count[Allow], h.count[ImplicitDeny], h.count[ExplicitDeny])
}

// changeSeed derives, from the case, a source for the random choices of a
// change, so that the change is the same when a shrunk case is re-checked.
func changeSeed(c *gCase) *gen {
	h := uint64(14695981039346656037)
	for _, s := range []string{c.req.Principal, c.req.Action, c.req.Resource} {
		for i := range len(s) {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
	}
	g := newGen(h)
	g.c = c
	return g
}
