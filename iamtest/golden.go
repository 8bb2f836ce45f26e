package iamtest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/evaluate"
)

// update is the -update flag: go test -update rewrites golden files. A
// test package that imports iamtest reads it with Update and must not
// define a flag of that name itself (as with gotest.tools' golden).
var update = flag.Bool("update", false, "rewrite the golden files of iamtest.Golden")

// Update reports whether go test was run with -update.
func Update() bool { return *update }

// Golden decides every request against the target and compares the
// decisions and their explanations with the golden file at path (relative
// to the test's package directory, as testdata/NAME.golden). With -update
// it writes the file instead. A difference fails t with a go-cmp diff
// (-golden +now): a change of the policies that changes a decision, or
// only its reason, shows in review.
func Golden(t testing.TB, target Target, path string, requests []evaluate.Request, opts ...Option) {
	t.Helper()
	if len(requests) == 0 {
		t.Fatalf("iamtest: Golden has no requests: an empty golden file pins nothing")
	}
	cases := make([]Case, len(requests))
	for i, r := range requests {
		cases[i] = Case{Request: r, Want: Denied}
	}
	if err := target.prepareCases(cases, newOptions(opts)); err != nil {
		t.Fatalf("iamtest: %v", err)
	}
	var b strings.Builder
	b.WriteString("# iamsim decisions (iamtest.Golden); go test -update rewrites this file\n")
	for _, c := range cases {
		err := checkResource(c.Resource)
		var res *evaluate.Result
		var text string
		if err == nil {
			res, text, err = target.decideOne(c)
		}
		fmt.Fprintf(&b, "\n%s\n", requestText(c.Request))
		if err != nil {
			fmt.Fprintf(&b, "  error: %v\n", err)
			continue
		}
		fmt.Fprintf(&b, "  %s\n  %s\n", res.Decision, strings.ReplaceAll(indentWhy(explanation(res, text)), "\n", "\n  "))
	}
	got := b.String()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("iamtest: %v (go test -update writes it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("decisions differ from %s (-golden +now; go test -update rewrites it):\n%s", path, diff)
	}
}
