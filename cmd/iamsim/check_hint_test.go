package main

import (
	"strings"
	"testing"
)

// TestCheckOnAScenarioFile: check given a scenario file says which command
// fits it, on stderr, beside its findings.
func TestCheckOnAScenarioFile(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "check", "../../examples/photos/scenario.json")
	if code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	if !strings.Contains(stderr, "holds scenarios, not a policy: iamsim eval") {
		t.Errorf("stderr lacks the hint:\n%s", stderr)
	}
	if strings.Contains(stdout, "iamsim eval") {
		t.Errorf("the hint went to stdout:\n%s", stdout)
	}
}
