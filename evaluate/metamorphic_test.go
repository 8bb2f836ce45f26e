package evaluate_test

// This file holds a generator of random but valid policy sets and requests,
// and metamorphic properties of the engine checked over thousands of them:
// relations between the decision for a case and the decision for the case
// changed in a way whose effect the evaluation logic fixes (a Deny added
// never grants, statement order never matters, ...). When a property fails,
// the case is shrunk and printed as a scenario file (../shared/conformance
// FORMAT.md), ready for `iamsim eval`.

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

const (
	acctA = "111111111111"
	acctB = "222222222222"
)

// genPrincipal is a caller of the generated requests.
type genPrincipal struct {
	arn     string
	kind    string // user, session, federated, root, service, provider
	account string
	role    string // a session's role ARN
}

var genPrincipals = []genPrincipal{
	{"arn:aws:iam::111111111111:user/alice", "user", acctA, ""},
	{"arn:aws:iam::111111111111:user/team/carol", "user", acctA, ""},
	{"arn:aws:iam::222222222222:user/bob", "user", acctB, ""},
	{"arn:aws:sts::111111111111:assumed-role/App/s1", "session", acctA, "arn:aws:iam::111111111111:role/App"},
	{"arn:aws:sts::222222222222:assumed-role/Ext/s2", "session", acctB, "arn:aws:iam::222222222222:role/Ext"},
	{"arn:aws:iam::111111111111:role/App", "session", acctA, "arn:aws:iam::111111111111:role/App"},
	{"arn:aws:sts::111111111111:federated-user/fed", "federated", acctA, ""},
	{"arn:aws:sts::222222222222:federated-user/fed2", "federated", acctB, ""},
	{"arn:aws:iam::111111111111:root", "root", acctA, ""},
	{"arn:aws:iam::222222222222:root", "root", acctB, ""},
	{"ec2.amazonaws.com", "service", "", ""},
	{"lambda.amazonaws.com", "service", "", ""},
	{"cognito-identity.amazonaws.com", "provider", "", ""},
}

// genTargets are the actions and resources of requests; account is the
// request's ResourceAccount ("" lets the engine take it from the ARN or
// the principal).
var genTargets = []struct{ action, resource, account string }{
	{"s3:GetObject", "arn:aws:s3:::photos/cat.jpg", acctA},
	{"s3:GetObject", "arn:aws:s3:::photos/alice/x.jpg", acctA},
	{"s3:PutObject", "arn:aws:s3:::photos/cat.jpg", acctA},
	{"s3:ListBucket", "arn:aws:s3:::photos", acctA},
	{"s3:GetObject", "arn:aws:s3:::partner/data.csv", acctB},
	{"s3:ListBucket", "arn:aws:s3:::partner", acctB},
	{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111111111111:table/t", ""},
	{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:222222222222:table/t", ""},
	{"ec2:DescribeInstances", "*", ""},
	{"sts:AssumeRole", "arn:aws:iam::111111111111:role/App", ""},
	{"sts:AssumeRole", "arn:aws:iam::222222222222:role/Ext", ""},
	{"iam:PassRole", "arn:aws:iam::111111111111:role/App", ""},
	{"sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/App", ""},
	{"kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/k1", ""},
	{"kms:Decrypt", "arn:aws:kms:us-east-1:222222222222:key/k2", ""},
}

var (
	otherActions   = []string{"s3:DeleteObject", "ec2:RunInstances", "sqs:SendMessage", "iam:CreateUser", "s3:Put*", "dynamodb:*"}
	otherResources = []string{"arn:aws:s3:::other/*", "arn:aws:s3:::photos/private/*", "arn:aws:dynamodb:*:*:table/other",
		"arn:aws:iam::333333333333:role/*", "arn:aws:sqs:us-east-1:111111111111:q"}
)

// genKey is a condition key with the operators and values that suit it.
type genKey struct {
	key     string
	ops     []string
	vals    []string   // policy values
	ctx     [][]string // request values; nil: never in the request (derived by the engine)
	setOp   bool       // multivalued: ForAllValues / ForAnyValue
	noExist bool       // no IfExists
}

var genKeys = []genKey{
	{key: "aws:PrincipalTag/team", ops: []string{"StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"},
		vals: []string{"photos", "Photos", "ph*", "other"}, ctx: [][]string{{"photos"}, {"PHOTOS"}, {"other"}}},
	{key: "s3:max-keys", ops: []string{"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"},
		vals: []string{"10", "100", "5.5"}, ctx: [][]string{{"10"}, {"99"}, {"1000"}, {"abc"}}},
	{key: "aws:SecureTransport", ops: []string{"Bool"}, vals: []string{"true", "false"}, ctx: [][]string{{"true"}, {"false"}}},
	{key: "aws:SourceIp", ops: []string{"IpAddress", "NotIpAddress"}, vals: []string{"203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32"},
		ctx: [][]string{{"203.0.113.5"}, {"10.1.2.3"}, {"2001:db8::1"}, {"192.0.2.1"}}},
	{key: "aws:CurrentTime", ops: []string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"},
		vals: []string{"2025-01-01T00:00:00Z", "2030-01-01", "1767225600"}, ctx: [][]string{{"2026-06-01T00:00:00Z"}, {"1735689600"}, {"2020-01-01"}}},
	{key: "aws:TagKeys", ops: []string{"StringEquals", "StringLike", "StringNotEquals"}, vals: []string{"team", "env", "cost*"},
		ctx: [][]string{{"team"}, {"team", "env"}, {"owner"}, {"team", "owner"}}, setOp: true},
	{key: "aws:PrincipalAccount", ops: []string{"StringEquals", "StringNotEquals"}, vals: []string{acctA, acctB}},
	{key: "aws:PrincipalArn", ops: []string{"ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals"},
		vals: []string{"arn:aws:iam::111111111111:role/*", "arn:aws:iam::*:user/*", "arn:aws:iam::111111111111:root"}},
	{key: "aws:MultiFactorAuthPresent", ops: []string{"Bool"}, vals: []string{"true", "false"}, ctx: [][]string{{"true"}, {"false"}}},
	{key: "s3:x-amz-bin", ops: []string{"BinaryEquals"}, vals: []string{"aGVsbG8=", "d29ybGQ="}, ctx: [][]string{{"aGVsbG8="}, {"d29ybGQ="}}},
	{key: "aws:ResourceAccount", ops: []string{"StringEquals", "StringNotEquals"}, vals: []string{acctA, acctB}},
}

// Slot kinds: where a policy sits.
const (
	slotIdentity = iota
	slotResource
	slotBoundary
	slotSession
	slotSCP
	slotRCP
)

var slotNames = [...]string{"identity", "resource", "boundary", "session", "scp", "rcp"}

// gCond is one condition: an operator (with qualifier and IfExists) on a key.
type gCond struct {
	op   string
	key  string
	vals []string
}

// gStmt is one statement. principal is nil, "*" or a map[string][]string.
type gStmt struct {
	effect    string
	principal any
	notPrin   bool
	actions   []string
	notAction bool
	resources []string // nil: no Resource element
	notRes    bool
	conds     []gCond
}

type gPolicy struct{ stmts []gStmt }

// gCase is every policy of one request, and the request.
type gCase struct {
	identity []gPolicy
	resource *gPolicy
	boundary *gPolicy
	session  []gPolicy // nil: no session policy
	scps     [][]gPolicy
	rcps     [][]gPolicy
	req      evaluate.Request
	p        genPrincipal
}

func (s gStmt) clone() gStmt {
	c := s
	c.actions = slices.Clone(s.actions)
	c.resources = slices.Clone(s.resources)
	c.conds = make([]gCond, len(s.conds))
	for i, cd := range s.conds {
		c.conds[i] = gCond{cd.op, cd.key, slices.Clone(cd.vals)}
	}
	if m, ok := s.principal.(map[string][]string); ok {
		n := map[string][]string{}
		for k, v := range m {
			n[k] = slices.Clone(v)
		}
		c.principal = n
	}
	return c
}

func (p gPolicy) clone() gPolicy {
	out := gPolicy{stmts: make([]gStmt, len(p.stmts))}
	for i, s := range p.stmts {
		out.stmts[i] = s.clone()
	}
	return out
}

func clonePolicies(list []gPolicy) []gPolicy {
	if list == nil {
		return nil
	}
	out := make([]gPolicy, len(list))
	for i, p := range list {
		out[i] = p.clone()
	}
	return out
}

func (c *gCase) clone() *gCase {
	n := *c
	n.identity = clonePolicies(c.identity)
	n.session = clonePolicies(c.session)
	if c.resource != nil {
		r := c.resource.clone()
		n.resource = &r
	}
	if c.boundary != nil {
		b := c.boundary.clone()
		n.boundary = &b
	}
	n.scps, n.rcps = nil, nil
	for _, l := range c.scps {
		n.scps = append(n.scps, clonePolicies(l))
	}
	for _, l := range c.rcps {
		n.rcps = append(n.rcps, clonePolicies(l))
	}
	if c.req.Context != nil {
		n.req.Context = map[string][]string{}
		for k, v := range c.req.Context {
			n.req.Context[k] = slices.Clone(v)
		}
	}
	return &n
}

// slotRef names one policy of a case.
type slotRef struct{ kind, i, j int }

func (r slotRef) String() string { return fmt.Sprintf("%s[%d][%d]", slotNames[r.kind], r.i, r.j) }

// slots lists the policies a case has.
func (c *gCase) slots() []slotRef {
	var out []slotRef
	for i := range c.identity {
		out = append(out, slotRef{slotIdentity, i, 0})
	}
	if c.resource != nil {
		out = append(out, slotRef{slotResource, 0, 0})
	}
	if c.boundary != nil {
		out = append(out, slotRef{slotBoundary, 0, 0})
	}
	for i := range c.session {
		out = append(out, slotRef{slotSession, i, 0})
	}
	for i, l := range c.scps {
		for j := range l {
			out = append(out, slotRef{slotSCP, i, j})
		}
	}
	for i, l := range c.rcps {
		for j := range l {
			out = append(out, slotRef{slotRCP, i, j})
		}
	}
	return out
}

// policyAt returns the policy a slot names, or nil when the case has no such policy.
func (c *gCase) policyAt(r slotRef) *gPolicy {
	switch r.kind {
	case slotIdentity:
		if r.i < len(c.identity) {
			return &c.identity[r.i]
		}
	case slotResource:
		return c.resource
	case slotBoundary:
		return c.boundary
	case slotSession:
		if r.i < len(c.session) {
			return &c.session[r.i]
		}
	case slotSCP:
		if r.i < len(c.scps) && r.j < len(c.scps[r.i]) {
			return &c.scps[r.i][r.j]
		}
	case slotRCP:
		if r.i < len(c.rcps) && r.j < len(c.rcps[r.i]) {
			return &c.rcps[r.i][r.j]
		}
	}
	return nil
}

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

// layout says how to write a policy as JSON; every layout means the same.
type layout struct {
	ws      int // 0 compact, 1 indented, 2 random white space
	shuffle bool
	bare    bool // numbers and booleans in conditions as JSON literals
	version bool // a Version element (always 2012-10-17: variables need it)
	listOne bool // a single action or resource as a one-element list
	rng     *rand.Rand
}

type writer struct {
	b     strings.Builder
	l     *layout
	depth int
}

func (w *writer) ws() {
	switch w.l.ws {
	case 1:
		w.b.WriteByte('\n')
		w.b.WriteString(strings.Repeat("  ", w.depth))
	case 2:
		w.b.WriteString([]string{"", " ", "\t", "\r\n", "\n   ", "  "}[w.l.rng.IntN(6)])
	}
}

func (w *writer) str(s string) {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	w.b.Write(b)
}

func (w *writer) key(k string, first bool) {
	if !first {
		w.b.WriteByte(',')
	}
	w.ws()
	w.str(k)
	w.b.WriteByte(':')
	if w.l.ws != 0 {
		w.b.WriteByte(' ')
	}
}

func (w *writer) open(c byte) { w.b.WriteByte(c); w.depth++ }
func (w *writer) close(c byte) {
	w.depth--
	w.ws()
	w.b.WriteByte(c)
}

func (w *writer) list(vals []string, scalar func(string)) {
	if len(vals) == 1 && !w.l.listOne {
		scalar(vals[0])
		return
	}
	w.open('[')
	for i, v := range vals {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.ws()
		scalar(v)
	}
	w.close(']')
}

func (w *writer) condValue(v string) {
	if w.l.bare {
		if v == "true" || v == "false" {
			w.b.WriteString(v)
			return
		}
		if _, ok := policy.ParseNumber(v); ok && !strings.ContainsAny(v, " +") && json.Valid([]byte(v)) {
			w.b.WriteString(v)
			return
		}
	}
	w.str(v)
}

func (w *writer) statement(s gStmt) {
	w.open('{')
	type elem struct {
		name  string
		write func()
	}
	var elems []elem
	elems = append(elems, elem{"Effect", func() { w.str(s.effect) }})
	if s.principal != nil {
		name := "Principal"
		if s.notPrin {
			name = "NotPrincipal"
		}
		elems = append(elems, elem{name, func() {
			if s.principal == "*" {
				w.str("*")
				return
			}
			m := s.principal.(map[string][]string)
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			w.shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
			w.open('{')
			for i, k := range keys {
				w.key(k, i == 0)
				w.list(m[k], w.str)
			}
			w.close('}')
		}})
	}
	actName := "Action"
	if s.notAction {
		actName = "NotAction"
	}
	elems = append(elems, elem{actName, func() { w.list(s.actions, w.str) }})
	if s.resources != nil {
		name := "Resource"
		if s.notRes {
			name = "NotResource"
		}
		elems = append(elems, elem{name, func() { w.list(s.resources, w.str) }})
	}
	if len(s.conds) > 0 {
		elems = append(elems, elem{"Condition", func() {
			var ops []string
			byOp := map[string][]gCond{}
			for _, c := range s.conds {
				if byOp[c.op] == nil {
					ops = append(ops, c.op)
				}
				byOp[c.op] = append(byOp[c.op], c)
			}
			w.shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
			w.open('{')
			for i, op := range ops {
				w.key(op, i == 0)
				conds := byOp[op]
				w.shuffle(len(conds), func(i, j int) { conds[i], conds[j] = conds[j], conds[i] })
				w.open('{')
				for j, c := range conds {
					w.key(c.key, j == 0)
					w.list(c.vals, w.condValue)
				}
				w.close('}')
			}
			w.close('}')
		}})
	}
	w.shuffle(len(elems), func(i, j int) { elems[i], elems[j] = elems[j], elems[i] })
	for i, e := range elems {
		w.key(e.name, i == 0)
		e.write()
	}
	w.close('}')
}

func (w *writer) shuffle(n int, swap func(i, j int)) {
	if w.l.shuffle {
		w.l.rng.Shuffle(n, swap)
	}
}

// render writes a policy as JSON in the given layout.
func (p gPolicy) render(l *layout) string {
	w := &writer{l: l}
	w.open('{')
	version := func(first bool) {
		w.key("Version", first)
		w.str(policy.Version2012)
	}
	versionLast := l.version && l.shuffle && l.rng.IntN(2) == 0
	if l.version && !versionLast {
		version(true)
	}
	w.key("Statement", !l.version || versionLast)
	w.open('[')
	for i, s := range p.stmts {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.ws()
		w.statement(s)
	}
	w.close(']')
	if versionLast {
		version(false)
	}
	w.close('}')
	w.ws()
	return w.b.String()
}

// plain is the layout of the base case: compact, in grammar order.
func plain() *layout { return &layout{version: true} }

// scenarioJSON writes the case as a scenario file, for failure messages.
func (c *gCase) scenarioJSON(name string) string {
	l := &layout{ws: 1, version: true}
	var b strings.Builder
	req := map[string]any{"principal": c.req.Principal, "action": c.req.Action, "resource": c.req.Resource}
	if c.req.ResourceAccount != "" {
		req["resourceAccount"] = c.req.ResourceAccount
	}
	if len(c.req.Context) > 0 {
		req["context"] = c.req.Context
	}
	rb, _ := json.Marshal(req)
	fmt.Fprintf(&b, "{\n\"name\": %q,\n\"request\": %s", name, rb)
	list := func(ps []gPolicy) string {
		var parts []string
		for _, p := range ps {
			parts = append(parts, p.render(l))
		}
		return "[" + strings.Join(parts, ",\n") + "]"
	}
	if c.identity != nil {
		fmt.Fprintf(&b, ",\n\"identityPolicies\": %s", list(c.identity))
	}
	if c.resource != nil {
		fmt.Fprintf(&b, ",\n\"resourcePolicy\": %s", c.resource.render(l))
	}
	if c.boundary != nil {
		fmt.Fprintf(&b, ",\n\"permissionsBoundary\": %s", c.boundary.render(l))
	}
	if c.session != nil {
		fmt.Fprintf(&b, ",\n\"sessionPolicies\": %s", list(c.session))
	}
	levels := func(name string, ls [][]gPolicy) {
		if ls == nil {
			return
		}
		var parts []string
		for _, l := range ls {
			parts = append(parts, list(l))
		}
		fmt.Fprintf(&b, ",\n%q: [%s]", name, strings.Join(parts, ",\n"))
	}
	levels("scps", c.scps)
	levels("rcps", c.rcps)
	b.WriteString("\n}\n")
	return b.String()
}

// harness parses, compiles and decides cases, and checks on every decision
// that Decide and Explain agree and that the decision is one of the three.
type harness struct {
	tb    testing.TB
	cache map[string]*policy.Policy
	count [3]int
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
	h.count[d]++
	return d, p.CrossAccount()
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
