package scenario_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/scenario"
)

// TestConformanceScenarios runs every scenario of the shared conformance
// folder and of the project's testdata/scenarios, and fails when a decision
// differs from the one AWS documents. Without the shared folder its
// subtest skips, saying so (go test -v shows it; the README's test command
// says it in any case, through internal/conformancecheck).
func TestConformanceScenarios(t *testing.T) {
	dirs := []struct{ name, dir string }{
		{"shared", "../../shared/conformance/scenarios"},
		{"testdata", "../testdata/scenarios"},
	}
	for _, d := range dirs {
		t.Run(d.name, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(d.dir, "*.json"))
			if len(files) == 0 {
				t.Skipf("no scenarios in %s: the %s suite is absent and did not run", d.dir, d.name)
			}
			for _, file := range files {
				runFile(t, file)
			}
		})
	}
}

// runFile runs the scenarios of one file as subtests.
func runFile(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range scenario.Load(file, data) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if e.Err != nil {
				t.Fatalf("cannot load: %v", e.Err)
			}
			s := e.Scenario
			res, err := s.Run()
			if err != nil {
				t.Fatalf("%s: %v", s.Name, err)
			}
			if !s.HasExpect {
				t.Fatalf("%s: no expect", s.Name)
			}
			if res.Decision != s.Expect {
				t.Errorf("%s (%s)\nwant %v, got %v\n%s", s.Name, s.Source, s.Expect, res.Decision, res)
			}
		})
	}
}
