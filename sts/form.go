package sts

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// form is a Query API request's parameters (url.ParseQuery of the body or
// the query string).
type form url.Values

func (f form) get(k string) string {
	if v := f[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// intp reads an optional integer parameter: absent is nil; a value that is
// not an integer is a ValidationError.
func (f form) intp(k, member string) (*int, error) {
	v, ok := f[k]
	if !ok || len(v) == 0 {
		return nil, nil
	}
	n, err := strconv.Atoi(v[0])
	if err != nil {
		return nil, validation("1 validation error detected: Value '" + v[0] + "' at '" + member + "' failed to satisfy constraint: Member must be a number")
	}
	return &n, nil
}

// members reads a list sent as Name.member.N[.Field]: the values by N in
// order. "Name=" alone is the empty list the SDKs send for an empty,
// non-nil slice.
func (f form) members(name, field string) []string {
	prefix := name + ".member."
	type item struct {
		n int
		v string
	}
	var items []item
	for k, v := range f {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok || len(v) == 0 {
			continue
		}
		num, sub, _ := strings.Cut(rest, ".")
		if sub != field {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 {
			continue
		}
		items = append(items, item{n, v[0]})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// tags reads Tags.member.N.Key and .Value.
func (f form) tags() []Tag {
	keys := f.members("Tags", "Key")
	if len(keys) == 0 {
		return nil
	}
	out := make([]Tag, len(keys))
	for i := range keys {
		n := strconv.Itoa(i + 1)
		out[i] = Tag{Key: f.get("Tags.member." + n + ".Key"), Value: f.get("Tags.member." + n + ".Value")}
	}
	return out
}

// minLen is an optional string parameter and its least length (AWS STS API
// Reference, each parameter's Length Constraints).
type minLen struct {
	key, member string
	min         int
}

// emptyGiven checks the optional string parameters a request gives with an
// empty value ("ExternalId="): the SDKs send an empty, non-nil string so
// (sts-wire.md §1.1), and STS checks its length as for any value, where the
// Go API's "" means absent.
func (f form) emptyGiven(params ...minLen) error {
	var c constraintErrors
	for _, p := range params {
		if v, ok := f[p.key]; ok && len(v) > 0 && v[0] == "" && p.min > 0 {
			c.length("", p.member, p.min, 0)
		}
	}
	return c.err()
}
