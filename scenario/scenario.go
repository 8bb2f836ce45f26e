// Package scenario reads scenario files: one request, every policy AWS
// would weigh for it, and the decision AWS documents (the format of
// ../shared/conformance/FORMAT.md). The iamsim eval command, package
// iamtest and the project's own tests read them.
package scenario

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
	"github.com/tidwall/gjson"
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
		where = fmt.Sprintf("%s:%d:%d", e.File, e.Pos.Line, e.Pos.Column)
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

// Load reads the scenarios of one file: a scenario object or a list of
// them. A scenario with a defect gets an Entry with Err; the others load.
func Load(file string, data []byte) []Entry {
	if off, msg, bad := jsontext.Locate(data); bad {
		return []Entry{{Err: &Error{File: file, Pos: position(data, off), Msg: "invalid JSON: " + msg}}}
	}
	root := gjson.ParseBytes(data)
	root.Index = firstNonSpace(data)
	l := &loader{file: file, data: data, src: policy.NewFile(file, data)}
	switch {
	case root.IsObject():
		return []Entry{l.scenario(root, 0, "")}
	case root.IsArray():
		var out []Entry
		i := 0
		root.ForEach(func(_, v gjson.Result) bool {
			out = append(out, l.scenario(v, i, "["+strconv.Itoa(i)+"]"))
			i++
			return true
		})
		if len(out) == 0 {
			// A file that runs nothing should not pass for one that passed.
			return []Entry{{Err: &Error{File: file, Pos: position(data, root.Index), Msg: "the list of scenarios is empty"}}}
		}
		return out
	}
	return []Entry{{Err: &Error{File: file, Pos: position(data, root.Index), Msg: "a scenario file holds a scenario object or a list of them"}}}
}

type loader struct {
	file string
	data []byte
	src  *policy.File // data, shared by the file's policies
}

func (l *loader) fail(v gjson.Result, path, format string, args ...any) error {
	return &Error{File: l.file, Pos: position(l.data, v.Index), Path: strings.TrimPrefix(path, "."), Msg: fmt.Sprintf(format, args...)}
}

func (l *loader) scenario(v gjson.Result, index int, path string) Entry {
	e := Entry{Index: index}
	if !v.IsObject() {
		e.Err = l.fail(v, path, "a scenario is a JSON object")
		return e
	}
	s := &Scenario{File: l.file, Index: index, path: path, fieldPos: map[string]policy.Position{}}
	var err error
	v.ForEach(func(k, val gjson.Result) bool {
		kp := path + "." + k.Str
		switch k.Str {
		case "name":
			s.Name = val.String()
			e.Name = s.Name
		case "source":
			s.Source = val.String()
		case "note", "description", "comment":
		case "request":
			s.fieldPos["request"] = position(l.data, val.Index)
			err = l.request(val, kp, s)
		case "identityPolicies":
			s.Policies.Identity, err = l.policyList(val, kp)
		case "resourcePolicy":
			s.Policies.Resource, err = l.policy(val, kp)
		case "permissionsBoundary":
			s.Policies.Boundary, err = l.policy(val, kp)
		case "sessionPolicies":
			s.Policies.Session, err = l.policyList(val, kp)
		case "scps":
			s.Policies.SCPs, err = l.levels(val, kp)
		case "rcps":
			s.Policies.RCPs, err = l.levels(val, kp)
		case "expect":
			if val.Type != gjson.String {
				err = l.fail(val, kp, "expect is \"Allow\", \"ExplicitDeny\" or \"ImplicitDeny\"")
				break
			}
			if s.Expect, err = evaluate.ParseDecision(val.Str); err != nil {
				err = l.fail(val, kp, "expect is \"Allow\", \"ExplicitDeny\" or \"ImplicitDeny\", not %q", val.Str)
			}
			s.HasExpect = true
		default:
			err = l.fail(k, kp, "unknown field %q", k.Str)
		}
		return err == nil
	})
	if err == nil && s.Request.Principal == "" && s.Request.Action == "" {
		err = l.fail(v, path, "the scenario has no request")
	}
	if err != nil {
		e.Err = err
		return e
	}
	e.Scenario = s
	return e
}

func (l *loader) request(v gjson.Result, path string, s *Scenario) error {
	r := &s.Request
	if !v.IsObject() {
		return l.fail(v, path, "request is an object")
	}
	var err error
	str := func(val gjson.Result, kp string, dst *string) {
		if val.Type != gjson.String {
			err = l.fail(val, kp, "must be a string")
			return
		}
		*dst = val.Str
	}
	v.ForEach(func(k, val gjson.Result) bool {
		kp := path + "." + k.Str
		s.fieldPos[k.Str] = position(l.data, val.Index)
		switch k.Str {
		case "principal":
			str(val, kp, &r.Principal)
		case "action":
			str(val, kp, &r.Action)
		case "resource":
			str(val, kp, &r.Resource)
		case "resourceAccount":
			str(val, kp, &r.ResourceAccount)
		case "context":
			r.Context, err = l.context(val, kp)
		default:
			err = l.fail(k, kp, "unknown field %q (want principal, action, resource, resourceAccount, context)", k.Str)
		}
		return err == nil
	})
	return err
}

func (l *loader) context(v gjson.Result, path string) (map[string][]string, error) {
	if !v.IsObject() {
		return nil, l.fail(v, path, "context is an object of key: value or key: [values]")
	}
	ctx := map[string][]string{}
	var err error
	scalar := func(r gjson.Result, kp string) (string, bool) {
		switch r.Type {
		case gjson.String:
			return r.Str, true
		case gjson.Number:
			return r.Raw, true
		case gjson.True, gjson.False:
			return r.Raw, true
		}
		err = l.fail(r, kp, "a context value is a string (or a number or boolean)")
		return "", false
	}
	v.ForEach(func(k, val gjson.Result) bool {
		kp := path + "." + k.Str
		if val.IsArray() {
			vals := []string{}
			val.ForEach(func(_, item gjson.Result) bool {
				s, ok := scalar(item, kp)
				vals = append(vals, s)
				return ok
			})
			ctx[k.Str] = vals
		} else if s, ok := scalar(val, kp); ok {
			ctx[k.Str] = []string{s}
		}
		return err == nil
	})
	return ctx, err
}

// policy parses an embedded policy; its positions are those of the file.
func (l *loader) policy(v gjson.Result, path string) (*policy.Policy, error) {
	if !v.IsObject() {
		return nil, l.fail(v, path, "a policy is a JSON object")
	}
	p, err := policy.ParseFile(l.src, l.file, v.Index, v.Index+len(v.Raw))
	if err != nil {
		var list policy.ErrorList
		msg := err.Error()
		pos := position(l.data, v.Index)
		if errors.As(err, &list) && len(list) > 0 {
			msg = list[0].Severity.String() + " " + string(list[0].Code) + ": " + list[0].Message
			if len(list) > 1 {
				msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
			}
			if list[0].Pos.IsValid() {
				pos = list[0].Pos
			}
		}
		return nil, &Error{File: l.file, Pos: pos, Path: strings.TrimPrefix(path, "."), Msg: "bad policy: " + msg, Err: err}
	}
	return p, nil
}

func (l *loader) policyList(v gjson.Result, path string) ([]*policy.Policy, error) {
	if !v.IsArray() {
		return nil, l.fail(v, path, "must be a list of policies")
	}
	out := []*policy.Policy{}
	var err error
	i := 0
	v.ForEach(func(_, item gjson.Result) bool {
		var p *policy.Policy
		p, err = l.policy(item, path+"["+strconv.Itoa(i)+"]")
		out = append(out, p)
		i++
		return err == nil
	})
	return out, err
}

func (l *loader) levels(v gjson.Result, path string) ([][]*policy.Policy, error) {
	if !v.IsArray() {
		return nil, l.fail(v, path, "must be a list of levels, each a list of policies")
	}
	out := [][]*policy.Policy{}
	var err error
	i := 0
	v.ForEach(func(_, item gjson.Result) bool {
		var level []*policy.Policy
		level, err = l.policyList(item, path+"["+strconv.Itoa(i)+"]")
		out = append(out, level)
		i++
		return err == nil
	})
	return out, err
}

// Read loads the scenarios of r, named name in positions; ReadFile's
// counterpart for any reader (standard input, an embedded file).
func Read(name string, r io.Reader) ([]Entry, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, MaxFileBytes)
	}
	return Load(name, data), nil
}

func firstNonSpace(b []byte) int {
	for i, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return i
		}
	}
	return 0
}

func position(src []byte, off int) policy.Position { return policy.NewFile("", src).Position(off) }
