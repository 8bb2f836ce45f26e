package evaluate_test

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// worldPolicies merges the policies of many generated cases into one
// policy set (each place's statements joined, some policies large enough
// for the engine's index), and returns it with the cases' requests.
func worldPolicies(t *testing.T, seed uint64, cases int) (evaluate.Policies, []evaluate.Request) {
	t.Helper()
	g := newGen(seed)
	var (
		identity, session  []gPolicy
		resource, boundary gPolicy
		scp0, scp1, rcp0   gPolicy
		reqs               []evaluate.Request
	)
	// A Deny is kept only with a condition and without NotAction or
	// NotResource, so that the merged set does not deny everything.
	merge := func(dst *gPolicy, src *gPolicy) {
		for _, s := range src.stmts {
			if s.effect == "Deny" && (len(s.conds) == 0 || s.notAction || s.notRes) {
				continue
			}
			dst.stmts = append(dst.stmts, s.clone())
		}
	}
	mergeLevels := func(dst *gPolicy, levels [][]gPolicy) {
		for _, l := range levels {
			for i := range l {
				merge(dst, &l[i])
			}
		}
	}
	mergeList := func(dst []gPolicy, src []gPolicy) []gPolicy {
		for i := range src {
			var p gPolicy
			merge(&p, &src[i])
			if len(p.stmts) > 0 {
				dst = append(dst, p)
			}
		}
		return dst
	}
	for i := range cases {
		c := g.caseFor()
		reqs = append(reqs, c.req)
		if i >= 40 {
			continue // the policies of 40 cases; the requests of all
		}
		identity = mergeList(identity, c.identity)
		session = mergeList(session, c.session)
		if c.resource != nil {
			merge(&resource, c.resource)
		}
		if c.boundary != nil {
			merge(&boundary, c.boundary)
		}
		if i%2 == 0 {
			mergeLevels(&scp0, c.scps)
		} else {
			mergeLevels(&scp1, c.scps)
		}
		mergeLevels(&rcp0, c.rcps)
	}
	// One narrow Deny that always applies.
	identity = append(identity, gPolicy{stmts: []gStmt{{effect: "Deny", actions: []string{"s3:PutObject", "kms:*"}, resources: []string{"*"}}}})
	everything := gStmt{effect: "Allow", actions: []string{"*"}, resources: []string{"*"}}
	everyone := everything
	everyone.principal = "*"
	scp0.stmts = append(scp0.stmts, everything)
	scp1.stmts = append(scp1.stmts, everything)
	rcp0.stmts = append(rcp0.stmts, everyone)
	boundary.stmts = append(boundary.stmts, everything)
	session = append(session, gPolicy{stmts: []gStmt{everything}})
	if len(resource.stmts) == 0 {
		resource.stmts = []gStmt{everyone}
	}
	h := newHarness(t)
	c := &gCase{identity: identity, resource: &resource, boundary: &boundary, session: session,
		scps: [][]gPolicy{{scp0}, {scp1}}, rcps: [][]gPolicy{{rcp0}}}
	return h.policies(c, plain()), reqs
}

// answer is a decision and its explanation.
type answer struct {
	decision evaluate.Decision
	result   *evaluate.Result
}

// serialAnswers decides every request with every set, one at a time, and
// fails unless all three decisions occur.
func serialAnswers(t *testing.T, sets []*evaluate.PolicySet, prepared []*evaluate.Prepared) [][]answer {
	t.Helper()
	serial := make([][]answer, len(sets))
	var counts [3]int
	for s, set := range sets {
		for _, p := range prepared {
			a := answer{set.Decide(p), set.Explain(p)}
			if a.result.Decision != a.decision {
				t.Fatalf("serial: Decide %v, Explain %v", a.decision, a.result.Decision)
			}
			counts[a.decision]++
			serial[s] = append(serial[s], a)
		}
	}
	if counts[Allow] == 0 || counts[ImplicitDeny] == 0 || counts[ExplicitDeny] == 0 {
		t.Fatalf("decisions (Implicit, Allow, Explicit) %v: every decision must occur for the test to mean anything", counts)
	}
	return serial
}

// TestConcurrentUse: one compiled PolicySet, its policies and its prepared
// requests used from 64 goroutines at once give the results of serial
// evaluation. Run with -race.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	nreq := 200
	if testing.Short() {
		nreq = 60
	}
	ps, reqs := worldPolicies(t, 77, nreq)
	// The same policies with no boundary and no session policy, so that
	// identity and resource policies decide more requests.
	open := evaluate.Policies{Identity: ps.Identity, Resource: ps.Resource, SCPs: ps.SCPs, RCPs: ps.RCPs}
	var sets []*evaluate.PolicySet
	for _, p := range []evaluate.Policies{ps, open} {
		sets = append(sets, compileLaws(t, p))
	}
	// A set derived from the open one shares its compiled stages
	// (WithSession): they are read from every goroutine too.
	if derived, err := sets[1].WithSession(ps.Session...); err == nil {
		sets = append(sets, derived)
	}
	// A third of the requests are prepared for the first set, a third for
	// a set that reads nothing: the sets that read more derive keys and
	// read values as they decide, from every goroutine at once.
	empty := compileLaws(t, evaluate.Policies{})
	prepared := make([]*evaluate.Prepared, len(reqs))
	for i, r := range reqs {
		prepare := []func(evaluate.Request) (*evaluate.Prepared, error){evaluate.Request.Prepare, sets[0].Prepare, empty.Prepare}[i%3]
		p, err := prepare(r)
		if err != nil {
			t.Fatal(err)
		}
		prepared[i] = p
	}
	serial := serialAnswers(t, sets, prepared)
	t.Logf("%d requests, %d policy sets", len(reqs), len(sets))

	const workers = 64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := range len(prepared) {
				i := (k*7 + w*13) % len(prepared) // every worker its own order
				for s, set := range sets {
					want := serial[s][i]
					if d := set.Decide(prepared[i]); d != want.decision {
						t.Errorf("worker %d, request %d, set %d: Decide %v, serial %v", w, i, s, d, want.decision)
						return
					}
					if i%4 == w%4 { // the one-call path, from a pool shared by all
						if d, err := set.DecideRequest(reqs[i]); err != nil || d != want.decision {
							t.Errorf("worker %d, request %d, set %d: DecideRequest %v %v, serial %v", w, i, s, d, err, want.decision)
							return
						}
					}
					if i%8 == w%8 { // every worker explains, an eighth of the requests each
						if got := set.Explain(prepared[i]); !reflect.DeepEqual(want.result, got) {
							t.Errorf("worker %d, request %d, set %d: Explain differs from serial (-want +got):\n%s", w, i, s, cmp.Diff(want.result, got))
							return
						}
					}
				}
				if w%8 == 1 && k%10 == 0 {
					// Preparing and compiling concurrently from shared
					// requests and policies gives the same answer too.
					p, err := reqs[i].Prepare()
					if err != nil {
						t.Errorf("worker %d: Prepare: %v", w, err)
						return
					}
					set, err := evaluate.Compile(open)
					if err != nil {
						set, err = evaluate.CompileUnchecked(open)
					}
					if err != nil {
						t.Errorf("worker %d: Compile: %v", w, err)
						return
					}
					if d := set.Decide(p); d != serial[1][i].decision {
						t.Errorf("worker %d, request %d: freshly compiled and prepared: %v, serial %v", w, i, d, serial[1][i].decision)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestConcurrentParseAndEvaluate: parsing the same source and evaluating
// with the same *policy.Policy values from many goroutines (the documented
// immutability of Policy) gives identical results.
func TestConcurrentParseAndEvaluate(t *testing.T) {
	t.Parallel()
	g := newGen(78)
	type item struct {
		c    *gCase
		src  []string
		want evaluate.Decision
	}
	var items []item
	h := newHarness(t)
	for range 40 {
		c := g.caseFor()
		d, _ := h.decide(c, plain())
		var srcs []string
		for _, ref := range c.slots() {
			srcs = append(srcs, c.policyAt(ref).render(plain()))
		}
		items = append(items, item{c, srcs, d})
	}
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Go(func() {
			for k := range items {
				it := items[(k+w)%len(items)]
				for _, src := range it.src {
					if _, err := policy.ParseString(fmt.Sprintf("w%d.json", w), src); err != nil {
						t.Errorf("worker %d: %v", w, err)
						return
					}
				}
				ps := h.policiesShared(it.c)
				res, err := evaluateLaws(ps, it.c.req)
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
				if res.Decision != it.want {
					t.Errorf("worker %d: %v, serial %v", w, res.Decision, it.want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// policiesShared returns the parsed policies of a case from the harness
// cache without writing to it: safe for concurrent use once every policy
// of the case is cached.
func (h *harness) policiesShared(c *gCase) evaluate.Policies {
	ro := &harness{tb: h.tb, cache: h.cache}
	get := func(p gPolicy) *policy.Policy {
		src := p.render(plain())
		pol, ok := ro.cache[src]
		if !ok {
			panic("policy not cached: " + src)
		}
		return pol
	}
	list := func(ps []gPolicy) []*policy.Policy {
		if ps == nil {
			return nil
		}
		out := make([]*policy.Policy, len(ps))
		for i, p := range ps {
			out[i] = get(p)
		}
		return out
	}
	ps := evaluate.Policies{Identity: list(c.identity), Session: list(c.session)}
	if c.resource != nil {
		ps.Resource = get(*c.resource)
	}
	if c.boundary != nil {
		ps.Boundary = get(*c.boundary)
	}
	for _, l := range c.scps {
		ps.SCPs = append(ps.SCPs, list(l))
	}
	for _, l := range c.rcps {
		ps.RCPs = append(ps.RCPs, list(l))
	}
	return ps
}

// evaluateLaws is Evaluate for policies the generator wrote, which AWS may
// refuse to store: through CompileUnchecked when Compile refuses.
func evaluateLaws(ps evaluate.Policies, r evaluate.Request) (*evaluate.Result, error) {
	set, err := evaluate.Compile(ps)
	var re *evaluate.RefusedError
	if errors.As(err, &re) {
		set, err = evaluate.CompileUnchecked(ps)
	}
	if err != nil {
		return nil, err
	}
	p, err := r.Prepare()
	if err != nil {
		return nil, err
	}
	return set.Explain(p), nil
}
