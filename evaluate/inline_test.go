package evaluate

import (
	"os/exec"
	"regexp"
	"testing"
)

// hotInlined are the functions of Decide's path whose inlining the
// benchmarks count on (design.md, "Decide beside 1925170"): each is a call
// less per decision, and several sit at the edge of the compiler's budget
// (identitySide costs 79 of 80), where one more term tips them over
// without any test failing.
var hotInlined = []string{
	"(*PolicySet).Decide",          // run checks the set and the Prepared
	"(*PolicySet).blocksPublicACL", // most sets block nothing
	"(*contextStore).lookup",       // a condition's key, found in place
	"(*verdicts).record",
	"(*verdicts).limitGaps",
	"mayBeException", // the six exception steps' triggers at once
	"identitySide",
	"resourceSide",
	"trustWithinBoundary", // a role's trust policy within the caller's boundary
}

// TestHotPathInlines asks the compiler which of hotInlined it inlines
// (go build -gcflags=-m) and fails for any it does not.
func TestHotPathInlines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goTool, "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, fn := range hotInlined {
		if !regexp.MustCompile(`(?m): can inline ` + regexp.QuoteMeta(fn) + `$`).Match(out) {
			t.Errorf("%s no longer inlines: Decide pays a call for it (go build -gcflags=-m=2 ./evaluate says why)", fn)
		}
	}
}
