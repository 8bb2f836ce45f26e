package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// seedPolicies returns every .json policy of the shared conformance folder
// (when present) and of testdata/policies.
func seedPolicies(tb testing.TB) map[string][]byte {
	seeds := map[string][]byte{}
	for _, dir := range []string{"../../shared/conformance/policies", "testdata/policies", "testdata/print"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
		more, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, f := range append(files, more...) {
			if strings.HasSuffix(f, ".expect.json") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			seeds[f] = b
		}
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, b := range seedPolicies(f) {
		f.Add(b)
	}
	f.Add([]byte(stmt(effect, action, resource, `"Condition": {"StringLike": {"s3:prefix": "a\b\f"}}`)))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse("fuzz.json", src)
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("Parse returned %T %v, want a non-empty ErrorList", err, err)
			}
			for _, f := range list {
				checkFinding(t, src, f)
				if f.Severity != Error {
					t.Errorf("error list holds %v", f)
				}
			}
			return
		}
		for _, f := range p.Findings() {
			checkFinding(t, src, f)
		}
		for k := Kind(0); k < numKinds; k++ {
			for _, f := range p.Validate(k) {
				checkFinding(t, src, f)
			}
			if got, want := errorStrings(p.Refusals(k)), refusalsOf(p, k); !slices.Equal(got, want) {
				t.Fatalf("%s: Refusals %q, Validate's refused errors %q", k, got, want)
			}
		}
		// A literal action is service:action (Rule.Actions), as evaluate
		// relies on.
		for _, r := range p.Rules() {
			patterns, _ := r.Actions()
			for i := range patterns {
				if lit, ok := patterns[i].IsLiteral(); ok && !isRequestAction(lit) {
					t.Fatalf("the literal action %q is not service:action", lit)
				}
			}
		}
		// encoding/json reads the same policy through Policy and Document.
		var d Document
		if err := json.Unmarshal(src, &d); err != nil {
			t.Fatalf("Document.UnmarshalJSON of a valid policy: %v\n%q", err, src)
		}
		if diff := cmp.Diff(p.Document(), d); diff != "" {
			t.Fatalf("Document.UnmarshalJSON differs from Parse (-Parse +Unmarshal):\n%s", diff)
		}
		var q0 Policy
		if err := json.Unmarshal(src, &q0); err != nil || len(q0.Rules()) != len(p.Rules()) {
			t.Fatalf("Policy.UnmarshalJSON of a valid policy: %v", err)
		}
		out := Print(p.Document())
		if again := Print(p.Document()); !bytes.Equal(out, again) {
			t.Fatalf("Print is not deterministic:\n%s\n%s", out, again)
		}
		q, err := Parse("printed.json", out)
		if err != nil {
			t.Fatalf("the printed form does not parse: %v\n%s\nfrom\n%q", err, out, src)
		}
		if diff := cmp.Diff(p.Document(), q.Document()); diff != "" {
			t.Fatalf("Parse(Print(doc)) != doc (-want +got):\n%s", diff)
		}
		if again := Print(q.Document()); !bytes.Equal(out, again) {
			t.Fatalf("printing the reparsed document differs:\n%s\n%s", out, again)
		}
	})
}

// checkFinding checks that a finding's position lies in src and agrees with
// its offset.
func checkFinding(t *testing.T, src []byte, f *Finding) {
	t.Helper()
	if f.Pos.Offset < 0 || f.Pos.Offset > len(src) {
		t.Fatalf("%v: offset %d outside the input of %d bytes", f, f.Pos.Offset, len(src))
	}
	if f.Pos.IsValid() {
		if want := positionAt(src, f.Pos.Offset); f.Pos.Offset != want.Offset || f.Pos.Line != want.Line || f.Pos.Column != want.Column {
			t.Fatalf("%v: position %+v, want %+v", f, f.Pos, want)
		}
	}
	if _, ok := f.Code.Info(); !ok {
		t.Fatalf("finding with a code outside the table: %+v", f)
	}
	if f.Code == "" || f.Message == "" {
		t.Fatalf("finding without code or message: %+v", f)
	}
}

// isRequestAction reports whether a is service:action in lower case: one
// colon, neither part empty, no white space, wildcard or capital letter.
func isRequestAction(a string) bool {
	svc, name, ok := strings.Cut(a, ":")
	return ok && svc != "" && name != "" && !strings.ContainsAny(a, " \t\n\r*?") &&
		!strings.Contains(name, ":") && strings.ToLower(a) == a
}
