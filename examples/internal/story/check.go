package story

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// Run tells a story over a set of accounts.
type Run func(w io.Writer, set *account.Set) error

// CheckFiles is each example's test that its JSON files tell the story its
// Go values tell: the files written from the design are those on disk
// (update rewrites them), every policy file validates for its kind without
// an ERROR (so iamsim check accepts it), and the story told over the
// accounts loaded from the files, as the CLI loads them, prints exactly
// what it prints over the design built in Go.
func CheckFiles(t *testing.T, dir string, d *Design, run Run, update bool) {
	t.Helper()
	files, err := d.Files()
	if err != nil {
		t.Fatal(err)
	}
	if update {
		if err := WriteFiles(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%v (go test -update writes it)", err)
			continue
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs from the story's Go values (go test -update rewrites it) (-go +file):\n%s", name, diff)
		}
		if strings.HasPrefix(name, "policies/") {
			checkPolicyFile(t, filepath.Join(dir, name), got)
		}
	}
	// No policy file the story does not write (one left under an old
	// name would be checked by iamsim check as if it still told the story).
	if entries, err := os.ReadDir(filepath.Join(dir, "policies")); err == nil {
		for _, e := range entries {
			if _, ok := files["policies/"+e.Name()]; !ok {
				t.Errorf("policies/%s is no policy of the story: remove it", e.Name())
			}
		}
	}
	var exports []string
	for _, name := range Exports(files) {
		exports = append(exports, filepath.Join(dir, name))
	}
	CheckReplay(t, d, run, exports, filepath.Join(dir, "overlay.json"))
	CheckScenarios(t, dir, d, run, update)
}

// ScenarioFile is the name of the scenario file of a story's decisions.
const ScenarioFile = "scenarios.json"

// CheckScenarios writes the decisions the story makes with sessions down
// as a scenario file (update rewrites it), checks that it is the one on
// disk, and runs it as iamsim eval does: every scenario must load, have no
// ERROR finding and get the decision the story printed.
func CheckScenarios(t *testing.T, dir string, d *Design, run Run, update bool) {
	t.Helper()
	set, err := d.Build()
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := NewRecorder(io.Discard, set, filepath.Base(abs))
	if err := run(rec, set); err != nil {
		t.Fatal(err)
	}
	want, err := rec.File()
	if err != nil || want == nil {
		t.Fatalf("the story recorded no scenario (%v)", err)
	}
	path := filepath.Join(dir, ScenarioFile)
	if update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the story's decisions (go test -update rewrites it) (-story +file):\n%s", path, diff)
	}
	entries := scenario.Load(path, got)
	for _, e := range entries {
		if e.Err != nil {
			t.Errorf("%v", e.Err)
			continue
		}
		for _, f := range e.Scenario.Findings() {
			if f.Severity == policy.Error {
				t.Errorf("%s: %v", e.Scenario.Name, f)
			}
		}
		res, err := e.Scenario.Run()
		if err != nil {
			t.Errorf("%s: %v", e.Scenario.Name, err)
		} else if res.Decision != e.Scenario.Expect {
			t.Errorf("iamsim eval %s: %q gets %v, the story %v:\n%s", path, e.Scenario.Name, res.Decision, e.Scenario.Expect, res)
		}
	}
}

// CheckReplay loads exports and overlay as iamsim authorize does and checks
// that the story prints over them what it prints over the design.
func CheckReplay(t *testing.T, d *Design, run Run, exports []string, overlay string) {
	t.Helper()
	built, err := d.Build()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := account.LoadFiles(exports, overlay, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fromGo, fromFiles bytes.Buffer
	if err := run(&fromGo, built); err != nil {
		t.Fatal(err)
	}
	if err := run(&fromFiles, loaded); err != nil {
		t.Fatal(err)
	}
	// Positions differ (the Go values print as their own files); the
	// decisions and reasons must not.
	if diff := cmp.Diff(stripPositions(fromGo.String()), stripPositions(fromFiles.String())); diff != "" {
		t.Errorf("the story over the loaded files differs from the story over the Go values (-go +files):\n%s", diff)
	}
}

// checkPolicyFile validates a policy file for the kind its name says, read
// as iamsim check reads it: NAME.PLACE.json, else an identity policy.
func checkPolicyFile(t *testing.T, path string, data []byte) {
	t.Helper()
	kind := policy.Identity
	base := strings.TrimSuffix(filepath.Base(path), ".json")
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		k, err := policy.ParseKind(base[i+1:])
		if err != nil {
			t.Errorf("%s: the name's place %q is no policy kind", path, base[i+1:])
		}
		kind = k
	}
	p, err := policy.Parse(path, data)
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	for _, f := range p.Validate(kind) {
		if f.Severity == policy.Error {
			t.Errorf("iamsim check --kind %v %s: %v", kind, path, f)
		}
	}
}

// stripPositions drops "[file:line:col]" and "(name:line:col)" positions.
func stripPositions(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if i := strings.LastIndex(line, " ["); i >= 0 && strings.HasSuffix(line, "]") {
			line = line[:i]
		}
		if i := strings.LastIndex(line, " ("); i >= 0 && strings.HasSuffix(line, ").") && strings.Count(line[i:], ":") >= 2 {
			line = line[:i] + "."
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
