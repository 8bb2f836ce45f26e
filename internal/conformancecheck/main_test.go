package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "iamsim")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := report(root); !strings.Contains(got, "ABSENT") {
		t.Errorf("without the suite: %q", got)
	}
	for _, f := range []string{"shared/conformance/scenarios/a.json", "shared/conformance/scenarios/b.json", "shared/conformance/policies/valid/p.json"} {
		p := filepath.Join(base, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := report(root), "2 scenarios and 1 policies, run by the tests"; !strings.Contains(got, want) || strings.Contains(got, "ABSENT") {
		t.Errorf("with the suite: %q, want %q", got, want)
	}
}
