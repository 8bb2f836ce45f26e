package evaluate_test

// Writing generated cases as JSON, in layouts that all mean the same, and
// as scenario files (../shared/conformance/FORMAT.md) for failure messages.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/policy"
)

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
		if _, ok := compiled.ParseNumber(v); ok && !strings.ContainsAny(v, " +") && json.Valid([]byte(v)) {
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
