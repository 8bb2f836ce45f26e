package policy

// JSON paths of policy elements, for findings.

import (
	"strconv"
	"strings"
)

// path is the JSON path of an element, such as
// Statement[2].Condition.StringEquals.aws:username[1], put together only
// when a finding needs it: parsing a valid policy builds no path strings.
// It is a chain from the element up to the root through paths on the
// parser's stack, so that making one for every element costs four words.
// The zero path is the document's root.
type path struct {
	up    *path  // the enclosing element; nil at the root
	name  string // an element's name
	index int32  // a statement's or a list item's index
	kind  pathKind
}

type pathKind uint8

const (
	pathRoot       pathKind = iota
	pathElement             // name
	pathItem                // [index]
	pathStatement           // Statement, the only one
	pathStatementN          // Statement[index]
)

// statementPath returns the path of statement i; list says whether the
// Statement element is a list.
func statementPath(i int, list bool) path {
	if list {
		return path{index: int32(i), kind: pathStatementN}
	}
	return path{kind: pathStatement}
}

// child returns the path of the element name below pa.
func (pa *path) child(name string) path { return path{up: pa, name: name, kind: pathElement} }

// at returns the path of the list item i of pa.
func (pa *path) at(i int) path { return path{up: pa, index: int32(i), kind: pathItem} }

func (pa path) String() string {
	var b strings.Builder
	pa.write(&b)
	return b.String()
}

// write writes the path from the root down to pa.
func (pa *path) write(b *strings.Builder) {
	if pa.up != nil {
		pa.up.write(b)
	}
	switch pa.kind {
	case pathElement:
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(pa.name)
	case pathItem:
		b.WriteString("[" + strconv.Itoa(int(pa.index)) + "]")
	case pathStatement:
		b.WriteString("Statement")
	case pathStatementN:
		b.WriteString("Statement[" + strconv.Itoa(int(pa.index)) + "]")
	}
}
