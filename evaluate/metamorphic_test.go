package evaluate_test

// Metamorphic properties of the engine, checked over thousands of random
// but valid policy sets and requests (the cases of gencase_test.go, drawn
// by gen_test.go, written by render_test.go, decided by harness_test.go):
// relations between the decision for a case and the decision for the case
// changed in a way whose effect the evaluation logic fixes (a Deny added
// never grants, statement order never matters, ...). When a property fails,
// the case is shrunk and printed as a scenario file (../shared/conformance
// FORMAT.md), ready for `iamsim eval`.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// addStatement returns a change that appends a statement of the effect to
// one policy of the case, or adds it as a new identity policy.
func addStatement(effect string) func(c *gCase) *gCase {
	return func(c *gCase) *gCase {
		g := changeSeed(c)
		slots := c.slots()
		if len(slots) == 0 || g.chance(20) {
			c.identity = append(c.identity, gPolicy{stmts: []gStmt{g.statement(slotIdentity, effect)}})
			return c
		}
		ref := slots[g.r.IntN(len(slots))]
		p := c.policyAt(ref)
		p.stmts = append(p.stmts, g.statement(ref.kind, effect))
		return c
	}
}

// removeAllow returns a change that removes one Allow statement from a
// policy that keeps at least one statement, or an identity policy that
// holds only Allow statements.
func removeAllow(c *gCase) *gCase {
	type cand struct {
		ref slotRef
		si  int // -1: the whole identity policy
	}
	var cands []cand
	for _, ref := range c.slots() {
		p := c.policyAt(ref)
		allAllow := true
		for si, s := range p.stmts {
			if s.effect != "Allow" {
				allAllow = false
				continue
			}
			if len(p.stmts) > 1 {
				cands = append(cands, cand{ref, si})
			}
		}
		if ref.kind == slotIdentity && allAllow {
			cands = append(cands, cand{ref, -1})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	k := cands[changeSeed(c).r.IntN(len(cands))]
	if k.si < 0 {
		c.identity = slices.Delete(c.identity, k.ref.i, k.ref.i+1)
		return c
	}
	p := c.policyAt(k.ref)
	p.stmts = slices.Delete(p.stmts, k.si, k.si+1)
	return c
}

// monotonic are the relations between a policy set and a larger or
// smaller one.
//
// A federated user (GetFederationToken) is left out of "add a session
// policy": with no session policy it has no permissions at all (IAM API
// Reference, GetFederationToken: "If you do not pass a policy to this
// operation, the resulting federated user session has no permissions"), so
// a session policy is what gives it any. TestFederatedUserNeedsSessionPolicy
// pins that reading.
func monotonic() []relation {
	limit := func(name string, change func(g *gen, c *gCase) *gCase) relation {
		return relation{name: name, change: func(c *gCase) *gCase { return change(changeSeed(c), c) },
			holds: neverGrants, want: "never Allow unless Allow before; an explicit deny stays"}
	}
	return []relation{
		{name: "add a Deny statement", change: addStatement("Deny"), holds: neverGrants,
			want: "never Allow after a Deny is added unless Allow before; an explicit deny stays"},
		{name: "add an Allow statement", change: addStatement("Allow"), holds: neverRevokes,
			want: "an Allow stays Allow when an Allow statement is added; an explicit deny stays"},
		{name: "remove an Allow statement", change: removeAllow, holds: neverGrants,
			want: "never Allow after an Allow statement is removed unless Allow before"},
		limit("add a permissions boundary", func(g *gen, c *gCase) *gCase {
			if c.boundary != nil {
				return nil
			}
			b := g.policy(slotBoundary)
			c.boundary = &b
			return c
		}),
		limit("add a session policy", func(g *gen, c *gCase) *gCase {
			if c.session != nil || c.p.kind == "federated" {
				return nil
			}
			c.session = []gPolicy{g.policy(slotSession)}
			return c
		}),
		limit("add an SCP level", func(g *gen, c *gCase) *gCase {
			c.scps = slices.Insert(c.scps, g.r.IntN(len(c.scps)+1), []gPolicy{g.guardrail(slotSCP)})
			return c
		}),
		limit("add an RCP level", func(g *gen, c *gCase) *gCase {
			c.rcps = slices.Insert(c.rcps, g.r.IntN(len(c.rcps)+1), []gPolicy{g.guardrail(slotRCP)})
			return c
		}),
	}
}

// TestMetamorphicMonotonic: adding a Deny statement never grants, adding an
// Allow statement never revokes, removing an Allow statement never grants,
// and adding a permissions boundary, a session policy, an SCP level or an
// RCP level never grants.
func TestMetamorphicMonotonic(t *testing.T) {
	t.Parallel()
	runRelations(t, 1, monotonic())
}

// TestMetamorphicInvariants: a decision does not depend on the order of
// statements (and of policies in a list), on white space and the order of
// JSON members, on the letter case of actions, or on the letter case of
// condition keys; nor on irrelevant statements that make a policy large
// enough for the engine's index.
func TestMetamorphicInvariants(t *testing.T) {
	t.Parallel()
	runRelations(t, 2, invariants())
}

// randomCase changes the letter case of s at random.
func randomCase(r *rand.Rand, s string) string {
	b := []rune(s)
	for i, c := range b {
		if r.IntN(2) == 0 {
			b[i] = unicode.ToUpper(c)
		} else {
			b[i] = unicode.ToLower(c)
		}
	}
	return string(b)
}

// mapStatements applies f to every statement of every policy of c.
func mapStatements(c *gCase, f func(s *gStmt)) {
	for _, ref := range c.slots() {
		p := c.policyAt(ref)
		for i := range p.stmts {
			f(&p.stmts[i])
		}
	}
}

// invariants are the changes that must not change a decision.
func invariants() []relation {
	rels := []relation{
		{name: "statement order", change: func(c *gCase) *gCase {
			g := changeSeed(c)
			for _, ref := range c.slots() {
				p := c.policyAt(ref)
				g.r.Shuffle(len(p.stmts), func(i, j int) { p.stmts[i], p.stmts[j] = p.stmts[j], p.stmts[i] })
			}
			g.r.Shuffle(len(c.identity), func(i, j int) { c.identity[i], c.identity[j] = c.identity[j], c.identity[i] })
			g.r.Shuffle(len(c.session), func(i, j int) { c.session[i], c.session[j] = c.session[j], c.session[i] })
			return c
		}},
		{name: "white space and member order", change: func(c *gCase) *gCase { return c }, layout: func() *layout {
			return &layout{ws: 2, shuffle: true, bare: true, listOne: true, version: true, rng: rand.New(rand.NewPCG(7, 7))}
		}},
		{name: "indented, without Version", change: func(c *gCase) *gCase {
			// Without a Version the policy language is 2008-10-17, where
			// ${...} is literal text: keep only cases without variables.
			vars := false
			mapStatements(c, func(s *gStmt) {
				vars = vars || slices.ContainsFunc(s.resources, func(r string) bool { return strings.Contains(r, "${") })
			})
			if vars {
				return nil
			}
			return c
		}, layout: func() *layout { return &layout{ws: 1} }},
		{name: "action letter case", change: func(c *gCase) *gCase {
			g := changeSeed(c)
			c.req.Action = randomCase(g.r, c.req.Action)
			mapStatements(c, func(s *gStmt) {
				for i := range s.actions {
					s.actions[i] = randomCase(g.r, s.actions[i])
				}
			})
			return c
		}},
		{name: "condition key letter case", change: func(c *gCase) *gCase {
			g := changeSeed(c)
			mapStatements(c, func(s *gStmt) {
				for i := range s.conds {
					s.conds[i].key = randomCase(g.r, s.conds[i].key)
				}
			})
			ctx := map[string][]string{}
			for k, v := range c.req.Context {
				ctx[randomCase(g.r, k)] = v
			}
			c.req.Context = ctx
			return c
		}},
		{name: "padding to the index threshold", change: func(c *gCase) *gCase {
			g := changeSeed(c)
			for _, ref := range c.slots() {
				p := c.policyAt(ref)
				for i := range 16 + g.r.IntN(8) {
					// Real actions on resources no request names: filed in
					// the same index buckets as the statements that matter.
					s := gStmt{effect: g.pick([]string{"Allow", "Deny"}), actions: []string{g.pick([]string{c.req.Action, "s3:*", "*", "sqs:SendMessage"})},
						resources: []string{fmt.Sprintf("arn:aws:s3:::pad-%d/*", i)}}
					if ref.kind == slotResource || ref.kind == slotRCP {
						s.principal = "*"
					}
					p.stmts = slices.Insert(p.stmts, g.r.IntN(len(p.stmts)+1), s)
				}
			}
			return c
		}},
	}
	for i := range rels {
		rels[i].holds, rels[i].want = same, "the same decision"
	}
	return rels
}

// TestCrossAccountNeedsBothSides: a cross-account request is never allowed
// by one side alone. Without a resource-based policy it is not allowed;
// without identity policies it is not allowed, except for an account's root
// user, whose identity side allows everything ("the AWS account root user
// ... has full access", IAM User Guide, "Policy evaluation logic").
func TestCrossAccountNeedsBothSides(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	g := newGen(40)
	cross, allowed := 0, 0
	for i := range caseCount() * 2 {
		c := g.caseFor()
		d, isCross := h.decide(c, plain())
		if !isCross {
			continue
		}
		cross++
		if d == Allow {
			allowed++
		}
		noRes := c.clone()
		noRes.resource = nil
		if d2, _ := h.decide(noRes, plain()); d2 == Allow {
			t.Fatalf("case %d: a cross-account request is allowed without a resource-based policy\n%s", i, noRes.scenarioJSON("cross-account, no resource policy"))
		}
		if c.p.kind == "root" {
			continue
		}
		noID := c.clone()
		noID.identity = nil
		if d2, _ := h.decide(noID, plain()); d2 == Allow {
			t.Fatalf("case %d: a cross-account request is allowed without identity policies\n%s", i, noID.scenarioJSON("cross-account, no identity policy"))
		}
	}
	if cross < caseCount()/10 || allowed == 0 {
		t.Errorf("only %d cross-account cases, %d allowed: the generator does not exercise the property", cross, allowed)
	}
	t.Logf("%d cross-account cases, %d allowed", cross, allowed)
}

// TestFederatedUserNeedsSessionPolicy pins the reading that the session
// policy property leaves out: a federated user with no session policy has
// no permissions from its identity policies.
func TestFederatedUserNeedsSessionPolicy(t *testing.T) {
	t.Parallel()
	allowAll := policy.MustParse("all.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	req := evaluate.Request{Principal: "arn:aws:sts::111111111111:federated-user/fed", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: acctA}
	for _, tc := range []struct {
		reason  string
		session []*policy.Policy
		want    evaluate.Decision
	}{
		{"no session policy: no permissions", nil, ImplicitDeny},
		{"a session policy that allows: the intersection allows", []*policy.Policy{allowAll}, Allow},
	} {
		res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{allowAll}, Session: tc.session}, req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != tc.want {
			t.Errorf("%s: %v, want %v", tc.reason, res.Decision, tc.want)
		}
	}
}

// TestGeneratorCoversDecisions keeps the generator honest: its cases must
// reach every decision often, every caller kind, and every policy type.
func TestGeneratorCoversDecisions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	g := newGen(99)
	kinds := map[string]int{}
	slotsSeen := map[int]int{}
	for range 1000 {
		c := g.caseFor()
		h.decide(c, plain())
		kinds[c.p.kind]++
		for _, ref := range c.slots() {
			slotsSeen[ref.kind]++
		}
	}
	for d, n := range h.count {
		if n < 100 {
			t.Errorf("%v in only %d of 1000 cases", evaluate.Decision(d), n)
		}
	}
	for _, k := range []string{"user", "session", "federated", "root", "service", "provider"} {
		if kinds[k] == 0 {
			t.Errorf("no %s caller in 1000 cases", k)
		}
	}
	for k := range slotNames {
		if slotsSeen[k] == 0 {
			t.Errorf("no %s policy in 1000 cases", slotNames[k])
		}
	}
	t.Logf("decisions %v (Implicit, Allow, Explicit); callers %v", h.count, kinds)
}
