// Command conformancecheck says whether the shared conformance suite
// (../shared/conformance, beside the module) is there for the tests to
// run. The tests that read it run without it when it is absent, and
// "go test ./..." prints nothing of a passing package, so the README's test
// command runs this first to say, in one line, which suite the tests ran:
//
//	go run ./internal/conformancecheck && go test -race ./...
//
// It always exits 0 when it can tell (an absent suite is allowed: the
// module's own tests still run), and 2 when it cannot find the module.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// suiteDir is where the tests look for the suite, from the module's root.
const suiteDir = "../shared/conformance"

func main() { os.Exit(run(os.Stdout, os.Stderr)) }

func run(stdout, stderr io.Writer) int {
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintf(stderr, "conformancecheck: %v\n", err)
		return 2
	}
	fmt.Fprintln(stdout, report(root))
	return 0
}

// report is the one line: what of the suite the tests will find beside
// the module at root.
func report(root string) string {
	dir := filepath.Join(root, suiteDir)
	scenarios, _ := filepath.Glob(filepath.Join(dir, "scenarios", "*.json"))
	policies, _ := filepath.Glob(filepath.Join(dir, "policies", "*", "*.json"))
	if len(scenarios)+len(policies) == 0 {
		return fmt.Sprintf("shared conformance suite: ABSENT (no %s beside the module): the tests run only the module's own scenarios and policies", suiteDir)
	}
	return fmt.Sprintf("shared conformance suite: %s, %d scenarios and %d policies, run by the tests", suiteDir, len(scenarios), len(policies))
}

// moduleRoot is the nearest directory at or above the working directory
// that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory")
		}
		dir = parent
	}
}
