package policy

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// Print writes the canonical JSON form of d: two-space indentation, elements
// in grammar order, Statement always a list, one-value lists as a plain
// string, principal types and condition operators and keys sorted, condition
// values as strings. Parsing the output gives d back (nil and empty lists
// stay distinct).
func Print(d Document) []byte {
	w := &printer{}
	w.document(d)
	return w.buf
}

// Build compiles a Document written in Go into a Policy. It prints the
// document and parses the result, so a built policy is validated exactly as
// the same JSON would be, and its positions refer to the printed form.
func Build(name string, d Document) (*Policy, error) {
	return Parse(name, Print(d))
}

// MustBuild is Build that panics on an error; for tests and examples.
func MustBuild(name string, d Document) *Policy {
	p, err := Build(name, d)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the canonical JSON form of the policy.
func (p *Policy) String() string { return string(Print(*p.document())) }

// MarshalJSON returns the canonical JSON form of the policy.
func (p *Policy) MarshalJSON() ([]byte, error) { return Print(*p.document()), nil }

type printer struct {
	buf    []byte
	indent int
}

func (w *printer) nl() {
	w.buf = append(w.buf, '\n')
	for range w.indent {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// open starts an object or list; first reports whether a member was written.
func (w *printer) key(k string, first *bool) {
	if !*first {
		w.buf = append(w.buf, ',')
	}
	*first = false
	w.nl()
	w.str(k)
	w.buf = append(w.buf, ':', ' ')
}

func (w *printer) document(d Document) {
	w.buf = append(w.buf, '{')
	w.indent++
	first := true
	if d.Version != "" {
		w.key("Version", &first)
		w.str(d.Version)
	}
	if d.ID != "" {
		w.key("Id", &first)
		w.str(d.ID)
	}
	if d.Statement != nil {
		w.key("Statement", &first)
		w.buf = append(w.buf, '[')
		w.indent++
		for i, s := range d.Statement {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.nl()
			w.statement(s)
		}
		w.indent--
		if len(d.Statement) > 0 {
			w.nl()
		}
		w.buf = append(w.buf, ']')
	}
	w.indent--
	w.nl()
	w.buf = append(w.buf, '}', '\n')
}

func (w *printer) statement(s Statement) {
	w.buf = append(w.buf, '{')
	w.indent++
	first := true
	if s.Sid != "" {
		w.key("Sid", &first)
		w.str(s.Sid)
	}
	if s.Effect != "" {
		w.key("Effect", &first)
		w.str(string(s.Effect))
	}
	w.principal("Principal", s.Principal, &first)
	w.principal("NotPrincipal", s.NotPrincipal, &first)
	w.list("Action", s.Action, &first)
	w.list("NotAction", s.NotAction, &first)
	w.list("Resource", s.Resource, &first)
	w.list("NotResource", s.NotResource, &first)
	if s.Condition != nil {
		w.key("Condition", &first)
		w.condition(s.Condition)
	}
	w.indent--
	w.nl()
	w.buf = append(w.buf, '}')
}

func (w *printer) list(name string, vals []string, first *bool) {
	if vals == nil {
		return
	}
	w.key(name, first)
	w.values(vals)
}

// values writes one value as a string and several (or none) as a list.
func (w *printer) values(vals []string) {
	if len(vals) == 1 {
		w.str(vals[0])
		return
	}
	w.buf = append(w.buf, '[')
	for i, v := range vals {
		if i > 0 {
			w.buf = append(w.buf, ',', ' ')
		}
		w.str(v)
	}
	w.buf = append(w.buf, ']')
}

var principalOrder = []string{"AWS", "CanonicalUser", "Federated", "Service"}

func (w *printer) principal(name string, p Principal, first *bool) {
	if p == nil {
		return
	}
	w.key(name, first)
	if _, star := p["*"]; star && len(p) == 1 {
		w.str("*")
		return
	}
	w.buf = append(w.buf, '{')
	w.indent++
	inner := true
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		ia, ib := slices.Index(principalOrder, a), slices.Index(principalOrder, b)
		if ia != ib {
			if ia < 0 {
				return 1
			}
			if ib < 0 {
				return -1
			}
			return ia - ib
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	for _, k := range keys {
		w.key(k, &inner)
		vals := p[k]
		if vals == nil {
			vals = []string{}
		}
		w.values(vals)
	}
	w.indent--
	if len(keys) > 0 {
		w.nl()
	}
	w.buf = append(w.buf, '}')
}

func (w *printer) condition(c Condition) {
	w.buf = append(w.buf, '{')
	w.indent++
	first := true
	for _, op := range sortedKeys(c) {
		w.key(op, &first)
		w.buf = append(w.buf, '{')
		w.indent++
		inner := true
		keys := c[op]
		for _, k := range sortedKeys(keys) {
			w.key(k, &inner)
			vals := keys[k]
			if vals == nil {
				vals = []string{}
			}
			w.values(vals)
		}
		w.indent--
		if len(keys) > 0 {
			w.nl()
		}
		w.buf = append(w.buf, '}')
	}
	w.indent--
	if len(c) > 0 {
		w.nl()
	}
	w.buf = append(w.buf, '}')
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// str writes s as a JSON string. Characters from U+0020 up stay as they are
// (policies are Latin-1 text); control characters, quotes and backslashes
// are escaped, and invalid UTF-8 becomes U+FFFD.
func (w *printer) str(s string) {
	w.buf = append(w.buf, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			w.buf = append(w.buf, '\\', byte(r))
		case r == '\n':
			w.buf = append(w.buf, '\\', 'n')
		case r == '\r':
			w.buf = append(w.buf, '\\', 'r')
		case r == '\t':
			w.buf = append(w.buf, '\\', 't')
		case r < 0x20 || r == utf8.RuneError || r > 0xFF:
			w.buf = append(w.buf, `\u`...)
			h := strconv.FormatInt(int64(r), 16)
			if r > 0xFFFF {
				// Outside the policy character set anyway: write the surrogate pair.
				r -= 0x10000
				hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
				w.buf = append(w.buf, hex4(int(hi))...)
				w.buf = append(w.buf, `\u`...)
				w.buf = append(w.buf, hex4(int(lo))...)
				continue
			}
			for range 4 - len(h) {
				w.buf = append(w.buf, '0')
			}
			w.buf = append(w.buf, h...)
		default:
			w.buf = utf8.AppendRune(w.buf, r)
		}
	}
	w.buf = append(w.buf, '"')
}

func hex4(n int) string {
	h := strconv.FormatInt(int64(n), 16)
	for len(h) < 4 {
		h = "0" + h
	}
	return h
}
