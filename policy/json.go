package policy

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/jsontext"
)

// UnmarshalJSON parses b as a policy document, as Parse does, so that
// json.Unmarshal into a struct holding a *Policy compiles the policy: its
// positions are places in b (with no file name), and a policy Parse refuses
// is an error (the ErrorList), never an empty policy that would drop a
// Deny. The text is copied: b may be reused by the caller.
func (p *Policy) UnmarshalJSON(b []byte) error {
	src := append([]byte(nil), b...)
	if _, errs := parseFile(nil, "", src, 0, len(src), p); len(errs) > 0 {
		*p = Policy{}
		return errs
	}
	return nil
}

// MarshalJSON returns Print's form of d: IAM's JSON, with one-value lists
// as plain strings.
func (d Document) MarshalJSON() ([]byte, error) { return Print(d), nil }

// UnmarshalJSON reads IAM's JSON form of a policy into d, as written:
// Statement an object or a list, Action, Resource and principal values a
// string or a list, Principal "*" or a map, condition values strings,
// numbers or booleans (kept as their text), alone or in lists. It checks
// the shape only, not the policy grammar (Build does, as Parse would): an
// unknown element or a value of the wrong JSON type is an error. The JSON
// itself is read strictly, repeated keys refused.
func (d *Document) UnmarshalJSON(b []byte) error {
	t := jsontext.Borrow()
	defer t.Release()
	if err := jsontext.Read(b, t, jsontext.Options{}); err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	root := t.Root()
	if !root.IsObject() {
		return docError(root, "a policy is a JSON object")
	}
	var out Document
	for k, v := range t.Members(root) {
		var err error
		switch k.Text {
		case "Version":
			out.Version, err = docString(v, "Version")
		case "Id":
			out.ID, err = docString(v, "Id")
		case "Statement":
			out.Statement, err = docStatements(t, v)
		default:
			err = docError(k, "unknown element "+k.Describe())
		}
		if err != nil {
			return err
		}
	}
	*d = out
	return nil
}

func docError(v jsontext.Value, msg string) error {
	return fmt.Errorf("policy: offset %d: %s", v.Off, msg)
}

func docString(v jsontext.Value, what string) (string, error) {
	if v.Kind != jsontext.String {
		return "", docError(v, what+" must be a string, not "+v.Describe())
	}
	return v.Text, nil
}

// docStrings reads a string or a list of strings; a list stays non-nil
// when empty.
func docStrings(t *jsontext.Tape, v jsontext.Value, what string) ([]string, error) {
	if v.Kind == jsontext.String {
		return []string{v.Text}, nil
	}
	if !v.IsArray() {
		return nil, docError(v, what+" must be a string or a list of strings, not "+v.Describe())
	}
	out := []string{}
	for it := range t.Items(v) {
		s, err := docString(it, what+" values")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func docStatements(t *jsontext.Tape, v jsontext.Value) ([]Statement, error) {
	if v.IsObject() {
		st, err := docStatement(t, v)
		return []Statement{st}, err
	}
	if !v.IsArray() {
		return nil, docError(v, "Statement must be an object or a list of objects, not "+v.Describe())
	}
	out := []Statement{}
	for it := range t.Items(v) {
		if !it.IsObject() {
			return nil, docError(it, "a statement must be an object, not "+it.Describe())
		}
		st, err := docStatement(t, it)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func docStatement(t *jsontext.Tape, v jsontext.Value) (Statement, error) {
	var st Statement
	for k, val := range t.Members(v) {
		var err error
		var effect string
		switch k.Text {
		case "Sid":
			st.Sid, err = docString(val, "Sid")
		case "Effect":
			effect, err = docString(val, "Effect")
			st.Effect = Effect(effect)
		case "Action":
			st.Action, err = docStrings(t, val, "Action")
		case "NotAction":
			st.NotAction, err = docStrings(t, val, "NotAction")
		case "Resource":
			st.Resource, err = docStrings(t, val, "Resource")
		case "NotResource":
			st.NotResource, err = docStrings(t, val, "NotResource")
		case "Principal":
			st.Principal, err = docPrincipal(t, val)
		case "NotPrincipal":
			st.NotPrincipal, err = docPrincipal(t, val)
		case "Condition":
			st.Condition, err = docCondition(t, val)
		default:
			err = docError(k, "unknown element "+k.Describe())
		}
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

func docPrincipal(t *jsontext.Tape, v jsontext.Value) (Principal, error) {
	if v.Kind == jsontext.String && v.Text == "*" {
		return Everyone(), nil
	}
	if !v.IsObject() {
		return nil, docError(v, "a principal is \"*\" or an object, not "+v.Describe())
	}
	p := Principal{}
	for k, val := range t.Members(v) {
		vals, err := docStrings(t, val, "Principal "+k.Text)
		if err != nil {
			return nil, err
		}
		p[k.Text] = vals
	}
	return p, nil
}

func docCondition(t *jsontext.Tape, v jsontext.Value) (Condition, error) {
	if !v.IsObject() {
		return nil, docError(v, "Condition must be an object, not "+v.Describe())
	}
	c := Condition{}
	for op, block := range t.Members(v) {
		if !block.IsObject() {
			return nil, docError(block, "a condition operator takes an object, not "+block.Describe())
		}
		keys := map[string][]string{}
		for k, vals := range t.Members(block) {
			var out []string
			if vals.IsArray() {
				out = []string{}
				for it := range t.Items(vals) {
					s, err := conditionText(it)
					if err != nil {
						return nil, err
					}
					out = append(out, s)
				}
			} else {
				s, err := conditionText(vals)
				if err != nil {
					return nil, err
				}
				out = []string{s}
			}
			keys[k.Text] = out
		}
		c[op.Text] = keys
	}
	return c, nil
}

// conditionText returns a condition value's text: a string's, a number's
// JSON text, "true" or "false".
func conditionText(v jsontext.Value) (string, error) {
	switch v.Kind {
	case jsontext.String, jsontext.Number:
		return v.Text, nil
	case jsontext.True:
		return "true", nil
	case jsontext.False:
		return "false", nil
	}
	return "", docError(v, "a condition value is a string, number or boolean, not "+v.Describe())
}
