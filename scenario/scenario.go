// Package scenario reads scenario files: one request, every policy AWS
// would weigh for it, and the decision AWS documents. FORMAT.md in this
// folder is the format: that of ../shared/conformance/FORMAT.md, which
// every file of the shared suite follows, and iamsim's extension to it
// (request.caller, the typed caller). The iamsim eval command, package
// iamtest and the project's own tests read them.
//
// A file is held to the rules of every JSON text iamsim reads: one JSON
// value, and no object that repeats a key. Each defect is reported with
// FILE:LINE:COL and its JSON path, and one scenario's defect does not keep
// the other scenarios of its file from loading.
package scenario

import (
	"fmt"
	"io"
	"os"

	"github.com/iamsim/iamsim/internal/bounded"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// Scenario is one loaded scenario, its policies parsed. Policy positions
// are lines and columns of the scenario file.
type Scenario struct {
	File      string // the file it came from
	Index     int    // its place in the file's list, 0 for a single scenario
	Name      string
	Source    string // the AWS documentation the expectation comes from
	Request   evaluate.Request
	Policies  evaluate.Policies
	Expect    evaluate.Decision
	HasExpect bool

	path     string                     // JSON path of the scenario in its file, "" or "[i]"
	fieldPos map[string]policy.Position // request fields and the request itself, for errors
}

// Entry is one scenario of a file: loaded, or the error that kept it from
// loading. Name is known even for many failed entries.
type Entry struct {
	Scenario *Scenario
	Name     string
	Index    int
	Err      error
}

// Error is a defect of a scenario file with its place.
type Error struct {
	File string
	Pos  policy.Position
	Path string // JSON path inside the file, such as [2].request.action
	Msg  string
	Err  error // the underlying error (a policy.ErrorList for a bad policy), if any
}

func (e *Error) Error() string {
	where := e.File
	if e.Pos.IsValid() {
		pos := e.Pos
		if pos.Filename == "" {
			pos.Filename = e.File // a position made by hand, without its file
		}
		where = pos.String()
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %s", where, e.Path, e.Msg)
	}
	return fmt.Sprintf("%s: %s", where, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// MaxFileBytes bounds a scenario file.
const MaxFileBytes = 64 << 20

// ReadFile loads the scenarios of a file; "-" reads standard input, named
// <stdin> in positions.
func ReadFile(path string) ([]Entry, error) {
	if path == "-" {
		return Read("<stdin>", os.Stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f)
}

// Read loads the scenarios of r, named name in positions; ReadFile's
// counterpart for any reader (standard input, an embedded file).
func Read(name string, r io.Reader) ([]Entry, error) {
	data, err := bounded.Read(name, r, MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return Load(name, data), nil
}
