package iamtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
)

// Run decides every case against the target as a subtest of t named after
// the case, failing each case that gets another decision, wants nothing,
// or cannot be decided; a malformed case fails alone, and every other case
// is still decided. A failure names the case, the file and line where it
// was written (when its Name appears in the test's source), its request,
// what it wanted and got, and why (the explanation, near misses
// included):
//
//	photos_test.go:31: "reader cannot upload" (photos_test.go:24): want Denied (either deny), got Allow
//	    request: arn:aws:iam::111111111111:role/app/PhotoReader s3:PutObject arn:aws:s3:::photos/cat.jpg
//	    why: Allow: ... is allowed by statement "ReadAndWrite" of the identity-based policy (photos:4:5).
//
// t is a *testing.T or a *testing.B (one sub-benchmark per case); another
// testing.TB decides the cases without subtests.
func Run(t testing.TB, target Target, cases []Case, opts ...Option) {
	t.Helper()
	file := callerFile()
	if len(cases) == 0 {
		t.Fatalf("iamtest: no cases: an empty table tests nothing")
	}
	if err := target.prepareCases(cases, newOptions(opts)); err != nil {
		t.Fatalf("iamtest: %v", err)
	}
	named := map[string]int{}
	for i := range cases {
		c := cases[i]
		if c.at == "" {
			c.at = locate(file, c.Name)
		}
		first, dup := named[c.Name]
		if c.Name != "" && !dup {
			named[c.Name] = i
		}
		check := func(t testing.TB) {
			t.Helper()
			if c.Name != "" && dup {
				t.Errorf("%q: cases %d and %d have the same name: name each case for what it shows", c.Name, first, i)
				return
			}
			if msg := verdict(target, c); msg != "" {
				t.Error(msg)
			}
		}
		switch tt := t.(type) {
		case *testing.T:
			tt.Run(c.label(), func(t *testing.T) { t.Helper(); check(t) })
		case *testing.B:
			tt.Run(c.label(), func(b *testing.B) { b.Helper(); check(b) })
		default:
			check(t)
		}
	}
}

// verdict decides one case: "" when it gets what it wants, else the
// failure message.
func verdict(target Target, c Case) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", c.label())
	if c.at != "" {
		fmt.Fprintf(&b, " (%s)", c.at)
	}
	res, text, err := decideCase(target, c)
	if err != nil {
		fmt.Fprintf(&b, ": %v", err)
		return b.String()
	}
	if c.Want.Matches(res.Decision) {
		return ""
	}
	fmt.Fprintf(&b, ": want %v, got %v\n", c.Want, res.Decision)
	fmt.Fprintf(&b, "request: %s\n", requestText(c.Request))
	b.WriteString(indentWhy(explanation(res, text)))
	return b.String()
}

// requestText is a request on one line: PRINCIPAL ACTION RESOURCE, then
// the resource account and context when given.
func requestText(r evaluate.Request) string {
	principal := r.Principal
	if principal == "" && r.Caller != nil {
		principal = r.Caller.ARN
		if r.Caller.SessionName != "" {
			principal += " (session " + r.Caller.SessionName + ")"
		}
	}
	s := fmt.Sprintf("%s %s %s", principal, r.Action, r.Resource)
	if r.ResourceAccount != "" {
		s += " in account " + r.ResourceAccount
	}
	if len(r.Context) > 0 {
		s += fmt.Sprintf(" with context %v", r.Context)
	}
	return s
}

// indentWhy prefixes the explanation with "why: " and indents its lines.
func indentWhy(s string) string {
	return "why: " + strings.ReplaceAll(s, "\n", "\n     ")
}

// callerFile is the file of the first caller outside this package: the
// user's test file.
func callerFile() string {
	for skip := 2; skip < 10; skip++ {
		_, file, _, ok := runtime.Caller(skip)
		if !ok {
			return ""
		}
		if filepath.Base(filepath.Dir(file)) != "iamtest" || strings.HasSuffix(file, "_test.go") {
			return file
		}
	}
	return ""
}

// locate finds where a case named name was written in file: the first
// line holding the name as a Go string literal. "" when it is not there
// (a generated name, a table in another file).
func locate(file, name string) string {
	if file == "" || name == "" {
		return ""
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	for _, lit := range []string{strconv.Quote(name), "`" + name + "`"} {
		if i := bytes.Index(src, []byte(lit)); i >= 0 {
			return fmt.Sprintf("%s:%d", filepath.Base(file), bytes.Count(src[:i], []byte("\n"))+1)
		}
	}
	return ""
}
