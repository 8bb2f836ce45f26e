package policy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// policyExpect is the .expect.json beside each policy of
// ../shared/conformance/policies (see its README).
type policyExpect struct {
	Kind         string `json:"kind"`
	Line         *int   `json:"line"`
	Column       *int   `json:"column"`
	Rule         string `json:"rule"`
	Severity     string `json:"severity"`
	Limit        int    `json:"limit"`
	Size         int    `json:"size"`
	NeedsCatalog bool   `json:"needs_catalog"`
}

// TestConformancePolicies runs every policy of the shared conformance
// folder, and of testdata/policies, through Check and compares the verdict.
func TestConformancePolicies(t *testing.T) {
	dirs := []string{"../../shared/conformance/policies", "testdata/policies"}
	ran := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.expect.json"))
		for _, exp := range files {
			ran++
			src := strings.TrimSuffix(exp, ".expect.json") + ".json"
			verdict := filepath.Base(filepath.Dir(exp))
			t.Run(verdict+"/"+filepath.Base(src), func(t *testing.T) {
				runPolicyCase(t, src, exp, verdict)
			})
		}
	}
	if ran == 0 {
		t.Skip("no conformance policies found")
	}
}

func runPolicyCase(t *testing.T, srcPath, expPath, verdict string) {
	var want policyExpect
	raw, err := os.ReadFile(expPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("%s: %v", expPath, err)
	}
	src, err := os.ReadFile(srcPath)
	if err != nil {
		t.Fatal(err)
	}
	kind, err := ParseKind(want.Kind)
	if err != nil {
		t.Fatal(err)
	}
	_, findings := Check(filepath.Base(srcPath), src, kind)
	var errs []*Finding
	for _, f := range findings {
		if f.Severity == Error {
			errs = append(errs, f)
		}
	}
	switch verdict {
	case "valid":
		for _, f := range errs {
			t.Errorf("valid policy rejected: %v", f)
		}
	case "warning":
		for _, f := range errs {
			t.Errorf("policy that AWS accepts rejected: %v", f)
		}
		if !hasAt(findings, want.Line, want.Column, func(f *Finding) bool { return f.Severity != Error }) {
			t.Errorf("no %s finding at %d:%d for %q; got %v", want.Severity, *want.Line, *want.Column, want.Rule, findings)
		}
	case "invalid":
		if len(errs) == 0 {
			t.Fatalf("invalid policy accepted (%s); findings: %v", want.Rule, findings)
		}
		if !hasAt(errs, want.Line, want.Column, func(*Finding) bool { return true }) {
			t.Errorf("want an error at %d:%d (%s); got %v", *want.Line, *want.Column, want.Rule, errs)
		}
	case "oversize":
		found := false
		for _, f := range errs {
			if strings.HasPrefix(string(f.Code), "POLICY_SIZE_EXCEEDS_") {
				found = true
			} else {
				t.Errorf("unexpected error: %v", f)
			}
		}
		if !found {
			t.Errorf("oversize policy (%d > %d) accepted", want.Size, want.Limit)
		}
	default:
		t.Fatalf("unknown verdict folder %q", verdict)
	}
}

func hasAt(findings []*Finding, line, col *int, keep func(*Finding) bool) bool {
	if line == nil || col == nil {
		return len(findings) > 0
	}
	for _, f := range findings {
		if keep(f) && f.Pos.Line == *line && f.Pos.Column == *col {
			return true
		}
	}
	return false
}
