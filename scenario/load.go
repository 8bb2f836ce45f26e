package scenario

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
)

// Load reads the scenarios of one file: a scenario object or a list of
// them. A scenario with a defect gets an Entry with Err; the others load.
// A file that is not one JSON value is one Entry with Err.
func Load(file string, data []byte) []Entry {
	src := policy.NewFile(file, data)
	var t jsontext.Tape
	// Repeated keys are allowed on the tape and refused by the loader
	// (see the package doc), each with its path.
	if err := jsontext.Read(data, &t, jsontext.Options{AllowDuplicateKeys: true}); err != nil {
		e := &Error{File: file, Msg: "invalid JSON: " + err.Error(), Err: err}
		var se *jsontext.SyntaxError
		if errors.As(err, &se) {
			e.Pos, e.Msg = src.Position(se.Offset), "invalid JSON: "+se.Msg
		}
		return []Entry{{Err: e}}
	}
	l := &loader{file: file, src: src, t: &t}
	root := t.Root()
	switch root.Kind {
	case jsontext.Object:
		return []Entry{l.scenario(root, 0, "")}
	case jsontext.Array:
		var out []Entry
		i := 0
		for v := range t.Items(root) {
			out = append(out, l.scenario(v, i, "["+strconv.Itoa(i)+"]"))
			i++
		}
		if len(out) == 0 {
			// A file that runs nothing should not pass for one that passed.
			return []Entry{{Err: l.fail(root, "", "the list of scenarios is empty")}}
		}
		return out
	}
	return []Entry{{Err: l.fail(root, "", "a scenario file holds a scenario object or a list of them")}}
}

// loader reads the scenarios of one file from its tape.
type loader struct {
	file string
	src  *policy.File // the file, shared by its policies' positions
	t    *jsontext.Tape
}

// fail is an *Error at v (a value, or a member's key).
func (l *loader) fail(v jsontext.Value, path, format string, args ...any) *Error {
	return &Error{File: l.file, Pos: l.src.Position(v.Off), Path: strings.TrimPrefix(path, "."), Msg: fmt.Sprintf(format, args...)}
}

// members calls fn for each member of the object v, in order, until fn
// returns an error; a key that repeats an earlier key of v is an error at
// the second key.
func (l *loader) members(v jsontext.Value, path string, fn func(k, val jsontext.Value, kp string) error) error {
	seen := map[string]bool{}
	for k, val := range l.t.Members(v) {
		kp := path + "." + k.Text
		if seen[k.Text] {
			return l.fail(k, kp, "the key %q appears twice in the same object", k.Text)
		}
		seen[k.Text] = true
		if err := fn(k, val, kp); err != nil {
			return err
		}
	}
	return nil
}

// noRepeatedKeys checks a value the loader does not otherwise read (a
// note) for repeated keys, at any depth.
func (l *loader) noRepeatedKeys(v jsontext.Value, path string) error {
	switch v.Kind {
	case jsontext.Object:
		return l.members(v, path, func(_, val jsontext.Value, kp string) error { return l.noRepeatedKeys(val, kp) })
	case jsontext.Array:
		i := 0
		for item := range l.t.Items(v) {
			if err := l.noRepeatedKeys(item, path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
			i++
		}
	}
	return nil
}

// str reads a string value.
func (l *loader) str(v jsontext.Value, path string, dst *string) error {
	if v.Kind != jsontext.String {
		return l.fail(v, path, "must be a string, not %s", v.Describe())
	}
	*dst = v.Text
	return nil
}

func (l *loader) scenario(v jsontext.Value, index int, path string) Entry {
	e := Entry{Index: index}
	if !v.IsObject() {
		e.Err = l.fail(v, path, "a scenario is a JSON object")
		return e
	}
	s := &Scenario{File: l.file, Index: index, path: path, fieldPos: map[string]policy.Position{}}
	err := l.members(v, path, func(k, val jsontext.Value, kp string) error {
		switch k.Text {
		case "name":
			err := l.str(val, kp, &s.Name)
			e.Name = s.Name
			return err
		case "source":
			return l.str(val, kp, &s.Source)
		case "note", "description", "comment":
			return l.noRepeatedKeys(val, kp)
		case "request":
			s.fieldPos["request"] = l.src.Position(val.Off)
			return l.request(val, kp, s)
		case "expect":
			return l.expect(val, kp, s)
		}
		if ok, err := l.policies(k.Text, val, kp, &s.Policies); ok {
			return err
		}
		return l.fail(k, kp, "unknown field %q", k.Text)
	})
	if err == nil && s.Request.Principal == "" && s.Request.Action == "" && s.Request.Caller == nil {
		err = l.fail(v, path, "the scenario has no request")
	}
	if err != nil {
		e.Err = err
		return e
	}
	e.Scenario = s
	return e
}

func (l *loader) expect(v jsontext.Value, path string, s *Scenario) error {
	const want = `expect is "Allow", "ExplicitDeny" or "ImplicitDeny"`
	if v.Kind != jsontext.String {
		return l.fail(v, path, "%s", want)
	}
	d, err := evaluate.ParseDecision(v.Text)
	if err != nil {
		return l.fail(v, path, "%s, not %q", want, v.Text)
	}
	s.Expect, s.HasExpect = d, true
	return nil
}

// policies reads the policy field name into ps; ok is false when name is
// not a policy field.
func (l *loader) policies(name string, v jsontext.Value, path string, ps *evaluate.Policies) (ok bool, err error) {
	switch name {
	case "identityPolicies":
		ps.Identity, err = l.policyList(v, path)
	case "resourcePolicy":
		ps.Resource, err = l.policy(v, path)
	case "permissionsBoundary":
		ps.Boundary, err = l.policy(v, path)
	case "sessionPolicies":
		ps.Session, err = l.policyList(v, path)
	case "scps":
		ps.SCPs, err = l.levels(v, path)
	case "rcps":
		ps.RCPs, err = l.levels(v, path)
	case "endpointPolicy":
		ps.Endpoint, err = l.policy(v, path)
	case "blockPublicAccess":
		err = l.blockPublicAccess(v, path, &ps.BlockPublicAccess)
	default:
		return false, nil
	}
	return true, err
}

func (l *loader) request(v jsontext.Value, path string, s *Scenario) error {
	r := &s.Request
	if !v.IsObject() {
		return l.fail(v, path, "request is an object")
	}
	return l.members(v, path, func(k, val jsontext.Value, kp string) error {
		s.fieldPos[k.Text] = l.src.Position(val.Off)
		switch k.Text {
		case "principal":
			return l.str(val, kp, &r.Principal)
		case "action":
			return l.str(val, kp, &r.Action)
		case "resource":
			return l.str(val, kp, &r.Resource)
		case "resourceAccount":
			return l.str(val, kp, &r.ResourceAccount)
		case "context":
			var err error
			r.Context, err = l.context(val, kp, s)
			return err
		case "caller":
			var err error
			r.Caller, err = l.caller(val, kp, s)
			return err
		}
		return l.fail(k, kp, "unknown field %q (want principal, action, resource, resourceAccount, context, caller)", k.Text)
	})
}

func (l *loader) context(v jsontext.Value, path string, s *Scenario) (map[string][]string, error) {
	if !v.IsObject() {
		return nil, l.fail(v, path, "context is an object of key: value or key: [values]")
	}
	ctx := map[string][]string{}
	err := l.members(v, path, func(k, val jsontext.Value, kp string) error {
		s.fieldPos["context."+k.Text] = l.src.Position(k.Off)
		if !val.IsArray() {
			c, err := l.scalar(val, kp)
			ctx[k.Text] = []string{c}
			return err
		}
		vals := []string{}
		i := 0
		for item := range l.t.Items(val) {
			c, err := l.scalar(item, kp+"["+strconv.Itoa(i)+"]")
			if err != nil {
				return err
			}
			vals = append(vals, c)
			i++
		}
		ctx[k.Text] = vals
		return nil
	})
	return ctx, err
}

// scalar reads a context value: a string, or a number or boolean as its
// JSON text.
func (l *loader) scalar(v jsontext.Value, path string) (string, error) {
	switch v.Kind {
	case jsontext.String, jsontext.Number:
		return v.Text, nil
	case jsontext.True:
		return "true", nil
	case jsontext.False:
		return "false", nil
	}
	return "", l.fail(v, path, "a context value is a string (or a number or boolean)")
}

// policy parses an embedded policy; its positions are those of the file.
func (l *loader) policy(v jsontext.Value, path string) (*policy.Policy, error) {
	if !v.IsObject() {
		return nil, l.fail(v, path, "a policy is a JSON object")
	}
	end := l.t.End(v)
	if end <= v.Off {
		return nil, l.fail(v, path, "the policy is nested too deep in the file to be read")
	}
	p, err := policy.ParseFile(l.src, l.file, v.Off, end)
	if err == nil {
		return p, nil
	}
	e := l.fail(v, path, "bad policy: %v", err)
	e.Err = err
	var list policy.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		f := list[0]
		e.Msg = fmt.Sprintf("bad policy: %s %s: %s", f.Severity, f.Code, f.Message)
		if len(list) > 1 {
			e.Msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
		}
		if f.Pos.IsValid() {
			e.Pos = f.Pos
		}
	}
	return nil, e
}

func (l *loader) policyList(v jsontext.Value, path string) ([]*policy.Policy, error) {
	if !v.IsArray() {
		return nil, l.fail(v, path, "must be a list of policies")
	}
	out := []*policy.Policy{}
	i := 0
	for item := range l.t.Items(v) {
		p, err := l.policy(item, path+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		out = append(out, p)
		i++
	}
	return out, nil
}

func (l *loader) levels(v jsontext.Value, path string) ([][]*policy.Policy, error) {
	if !v.IsArray() {
		return nil, l.fail(v, path, "must be a list of levels, each a list of policies")
	}
	out := [][]*policy.Policy{}
	i := 0
	for item := range l.t.Items(v) {
		level, err := l.policyList(item, path+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		out = append(out, level)
		i++
	}
	return out, nil
}
