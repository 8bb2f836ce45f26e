package policy

import (
	"maps"
	"slices"
)

func cloneDocument(d Document) Document {
	out := Document{Version: d.Version, ID: d.ID}
	if d.Statement != nil {
		out.Statement = make([]Statement, len(d.Statement))
		for i, s := range d.Statement {
			out.Statement[i] = Statement{
				Sid:          s.Sid,
				Effect:       s.Effect,
				Principal:    clonePrincipal(s.Principal),
				NotPrincipal: clonePrincipal(s.NotPrincipal),
				Action:       slices.Clone(s.Action),
				NotAction:    slices.Clone(s.NotAction),
				Resource:     slices.Clone(s.Resource),
				NotResource:  slices.Clone(s.NotResource),
				Condition:    cloneCondition(s.Condition),
			}
		}
	}
	return out
}

func clonePrincipal(p Principal) Principal {
	if p == nil {
		return nil
	}
	out := make(Principal, len(p))
	for k, v := range p {
		out[k] = slices.Clone(v)
	}
	return out
}

func cloneCondition(c Condition) Condition {
	if c == nil {
		return nil
	}
	out := make(Condition, len(c))
	for op, keys := range c {
		if keys == nil {
			out[op] = nil
			continue
		}
		m := maps.Clone(keys)
		for k, v := range m {
			m[k] = slices.Clone(v)
		}
		out[op] = m
	}
	return out
}
