package scenario_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/scenario"
)

// TestConformanceScenarios runs every scenario of the shared conformance
// folder and of the project's testdata/scenarios, and fails when a decision
// differs from the one AWS documents.
func TestConformanceScenarios(t *testing.T) {
	dirs := []string{"../../shared/conformance/scenarios", "../testdata/scenarios"}
	ran := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range scenario.Load(file, data) {
				ran++
				name := filepath.Base(file)
				t.Run(name, func(t *testing.T) {
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
	}
	if ran == 0 {
		t.Skip("no scenarios found")
	}
}
