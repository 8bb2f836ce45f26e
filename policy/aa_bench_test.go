package policy

import (
	"os"
	"testing"
)

// BenchmarkAAChecksReadOnlyAccess measures Access Analyzer's statement
// checks on AWS's largest managed policy (118 KB, thousands of actions).
func BenchmarkAAChecksReadOnlyAccess(b *testing.B) {
	src, err := os.ReadFile("testdata/aa_managed/ReadOnlyAccess.identity.json")
	if err != nil {
		b.Fatal(err)
	}
	p, err := Parse("ReadOnlyAccess", src)
	if err != nil {
		b.Fatal(err)
	}
	rules := p.Rules()
	for b.Loop() {
		for i := range rules {
			aaStatementNotes(aaStatement(&rules[i], Identity))
		}
	}
}
