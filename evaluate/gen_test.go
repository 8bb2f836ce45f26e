package evaluate_test

// The generator of the metamorphic tests: random but valid policy sets and
// requests, aimed at the request most of the time.

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
)

// gen draws cases from a seeded source. Statements are aimed at the
// request most of the time, so that all three decisions are common.
type gen struct {
	r *rand.Rand
	c *gCase
}

func newGen(seed uint64) *gen { return &gen{r: rand.New(rand.NewPCG(seed, 0x1a3))} }

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *gen) chance(pct int) bool       { return g.r.IntN(100) < pct }

// request draws a request and makes it the target of later statements.
func (g *gen) request() (evaluate.Request, genPrincipal) {
	tg := genTargets[g.r.IntN(len(genTargets))]
	var p genPrincipal
	for {
		p = genPrincipals[g.r.IntN(len(genPrincipals))]
		// Identity providers call only AssumeRoleWithWebIdentity.
		if (p.kind == "provider") == (tg.action == "sts:AssumeRoleWithWebIdentity") {
			break
		}
	}
	req := evaluate.Request{Principal: p.arn, Action: tg.action, Resource: tg.resource, ResourceAccount: tg.account}
	if g.chance(70) {
		req.Context = map[string][]string{}
		for _, k := range genKeys {
			if k.ctx != nil && g.chance(45) {
				req.Context[k.key] = slices.Clone(k.ctx[g.r.IntN(len(k.ctx))])
			}
		}
	}
	return req, p
}

// wildcardize replaces one letter of s at or after from with '?'.
func (g *gen) wildcardize(s string, from int) string {
	var idx []int
	for i := from; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return s
	}
	i := idx[g.r.IntN(len(idx))]
	return s[:i] + "?" + s[i+1:]
}

func (g *gen) action() string {
	a := g.c.req.Action
	if !g.chance(75) {
		return g.pick(otherActions)
	}
	svc, name, _ := strings.Cut(a, ":")
	switch g.r.IntN(7) {
	case 0:
		return svc + ":*"
	case 1:
		return svc + ":" + name[:1+g.r.IntN(len(name)-1)] + "*"
	case 2:
		return "*"
	case 3:
		return "*:" + name
	case 4:
		return g.wildcardize(a, 0)
	}
	return a
}

func (g *gen) resource() string {
	res := g.c.req.Resource
	if !g.chance(75) {
		return g.pick(otherResources)
	}
	if res == "*" {
		if g.chance(50) {
			return "*"
		}
		return g.pick(otherResources)
	}
	switch g.r.IntN(7) {
	case 0:
		return "*"
	case 1:
		// A prefix and a star; an ARN keeps its "arn:" so that it parses.
		return res[:4+g.r.IntN(len(res)-4)] + "*"
	case 2:
		// A '?' for one letter of the resource part.
		n, from := 0, 0
		for i := range len(res) {
			if res[i] == ':' {
				n++
				if n == 5 {
					from = i + 1
				}
			}
		}
		return g.wildcardize(res, from)
	case 3:
		if strings.HasPrefix(res, "arn:aws:s3:::photos/") {
			return "arn:aws:s3:::photos/${aws:username}/*"
		}
	}
	return res
}

// principal draws a Principal element value aimed at the caller.
func (g *gen) principal() any {
	p := g.c.p
	if g.chance(15) {
		return "*"
	}
	var aws, svc, fed []string
	n := 1 + g.r.IntN(2)
	for range n {
		aimed := g.chance(70)
		switch {
		case p.kind == "service" && aimed:
			svc = append(svc, p.arn)
		case p.kind == "provider" && aimed:
			fed = append(fed, p.arn)
		case !aimed:
			switch g.r.IntN(5) {
			case 0:
				aws = append(aws, g.pick([]string{acctA, acctB}))
			case 1:
				aws = append(aws, "arn:aws:iam::"+g.pick([]string{acctA, acctB})+":root")
			case 2:
				aws = append(aws, g.pick([]string{"arn:aws:iam::111111111111:user/alice", "arn:aws:iam::222222222222:role/Ext", "arn:aws:iam::111111111111:role/App"}))
			case 3:
				svc = append(svc, "ec2.amazonaws.com")
			default:
				aws = append(aws, "*")
			}
		default:
			switch g.r.IntN(4) {
			case 0:
				if p.account != "" {
					aws = append(aws, p.account)
				}
			case 1:
				if p.account != "" {
					aws = append(aws, "arn:aws:iam::"+p.account+":root")
				}
			case 2:
				if p.role != "" {
					aws = append(aws, p.role)
					break
				}
				fallthrough
			default:
				aws = append(aws, p.arn)
			}
		}
	}
	m := map[string][]string{}
	if aws != nil {
		m["AWS"] = aws
	}
	if svc != nil {
		m["Service"] = svc
	}
	if fed != nil {
		m["Federated"] = fed
	}
	if len(m) == 0 {
		return "*"
	}
	return m
}

func (g *gen) condition() gCond {
	k := genKeys[g.r.IntN(len(genKeys))]
	if g.chance(8) {
		return gCond{op: "Null", key: k.key, vals: []string{g.pick([]string{"true", "false"})}}
	}
	op := g.pick(k.ops)
	if k.setOp && g.chance(70) {
		op = g.pick([]string{"ForAllValues:", "ForAnyValue:"}) + op
	}
	if !k.noExist && g.chance(15) {
		op += "IfExists"
	}
	vals := []string{g.pick(k.vals)}
	if op != "Bool" && op != "BoolIfExists" && g.chance(30) {
		if v := g.pick(k.vals); v != vals[0] {
			vals = append(vals, v)
		}
	}
	return gCond{op: op, key: k.key, vals: vals}
}

// statement draws a statement for a policy of the slot kind.
func (g *gen) statement(kind int, effect string) gStmt {
	s := gStmt{effect: effect}
	if effect == "" {
		s.effect = "Allow"
		if g.chance(15) {
			s.effect = "Deny"
		}
	}
	switch kind {
	case slotResource:
		s.principal = g.principal()
		s.notPrin = g.chance(12)
		if s.notPrin && s.principal == "*" && g.chance(80) {
			s.notPrin = false
		}
	case slotRCP:
		s.principal = "*"
	}
	s.actions = []string{g.action()}
	if g.chance(25) {
		s.actions = append(s.actions, g.action())
	}
	s.notAction = g.chance(8)
	if !(kind == slotResource && g.chance(12)) {
		s.resources = []string{g.resource()}
		if g.chance(25) {
			s.resources = append(s.resources, g.resource())
		}
		s.notRes = g.chance(8)
	}
	nc := 0
	if g.chance(35) {
		nc = 1 + g.r.IntN(2)
	}
	seen := map[string]bool{}
	for range nc {
		cd := g.condition()
		// One key per operator: a key twice under an operator is a parse error.
		if id := cd.op + "\x00" + strings.ToLower(cd.key); !seen[id] {
			seen[id] = true
			s.conds = append(s.conds, cd)
		}
	}
	return s
}

func (g *gen) policy(kind int) gPolicy {
	n := 1 + g.r.IntN(3)
	if g.chance(6) {
		n = 16 + g.r.IntN(10) // large enough for the engine's index
	}
	p := gPolicy{}
	for range n {
		p.stmts = append(p.stmts, g.statement(kind, ""))
	}
	return p
}

// guardrail draws an SCP or RCP: mostly Allow statements that match.
func (g *gen) guardrail(kind int) gPolicy {
	p := g.policy(kind)
	if g.chance(60) {
		all := gStmt{effect: "Allow", actions: []string{"*"}, resources: []string{"*"}}
		if kind == slotRCP {
			all.principal = "*"
		}
		p.stmts = append(p.stmts, all)
	}
	return p
}

// caseFor draws a case.
func (g *gen) caseFor() *gCase {
	c := &gCase{}
	g.c = c
	c.req, c.p = g.request()
	for n := g.r.IntN(4); n > 0; n-- {
		c.identity = append(c.identity, g.policy(slotIdentity))
	}
	if g.chance(50) {
		r := g.policy(slotResource)
		c.resource = &r
	}
	if g.chance(20) {
		b := g.policy(slotBoundary)
		c.boundary = &b
	}
	if g.chance(20) || (c.p.kind == "federated" && g.chance(60)) {
		for n := 1 + g.r.IntN(2); n > 0; n-- {
			c.session = append(c.session, g.policy(slotSession))
		}
	}
	if g.chance(30) {
		for n := 1 + g.r.IntN(3); n > 0; n-- {
			c.scps = append(c.scps, []gPolicy{g.guardrail(slotSCP)})
		}
	}
	if g.chance(15) {
		for n := 1 + g.r.IntN(2); n > 0; n-- {
			c.rcps = append(c.rcps, []gPolicy{g.guardrail(slotRCP)})
		}
	}
	return c
}
