package jsontext

import (
	"iter"
	"strconv"
	"sync"
)

// Kind is the type of a JSON value. The zero Kind marks an absent value.
type Kind uint8

// The kinds of JSON values.
const (
	None Kind = iota
	Null
	False
	True
	Number
	String
	Object
	Array
)

// String names the kind as error messages do: "null", "a string", ...
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case False, True:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Object:
		return "an object"
	case Array:
		return "a list"
	}
	return "nothing"
}

// node is one JSON value of a tape, with its key when it is an object's
// member. It holds no pointers, so that a tape costs the garbage collector
// nothing and writing one needs no write barriers: texts are spans.
type node struct {
	str    span  // a string's decoded text; a number's JSON text; a container's end offset (str.end)
	key    span  // the member's key, decoded
	off    int32 // byte offset of the value in the text
	keyOff int32 // byte offset of the key
	next   int32 // index of the node after this value and everything in it
	kind   Kind
	full   bool // a container of more than MaxMembers members or items
}

// span is a text of a tape: text[start:end], or, for a string with
// escapes (end < 0), decoded[start].
type span struct{ start, end int32 }

// Tape is a JSON text read once: every value in document order. An
// object's node is followed by its members' values (each with its key), a
// list's by its items; each node knows where its contents end. Strings
// without escapes are slices of a private copy of the source; the others
// are decoded. The zero Tape is empty and ready for Read.
type Tape struct {
	nodes   []node
	text    string
	decoded []string
	defect  CharDefect
}

// frame is an open container of the reader, to depth MaxRecordDepth.
type frame struct {
	node  int32 // its node, -1 when it is not recorded
	count int32 // members or items so far
}

// Value is one JSON value of a tape. The zero Value is absent (Kind None).
type Value struct {
	Text string // a string's decoded text or a number's JSON text; "" otherwise
	Off  int    // byte offset of the value's first byte (Tape.End gives a container's end)
	Kind Kind
	node int32 // its node; -1 for a key
}

// Exists reports whether v is a value (not the zero Value).
func (v Value) Exists() bool { return v.Kind != None }

// IsObject reports whether v is an object.
func (v Value) IsObject() bool { return v.Kind == Object }

// IsArray reports whether v is a list.
func (v Value) IsArray() bool { return v.Kind == Array }

// Describe names v for an error message: a string quoted, "the number 3",
// "a boolean", "null", "a list", "an object".
func (v Value) Describe() string {
	switch v.Kind {
	case String:
		return strconv.Quote(v.Text)
	case Number:
		return "the number " + v.Text
	}
	return v.Kind.String()
}

// str returns the text of sp.
func (t *Tape) str(sp span) string {
	if sp.end < 0 {
		return t.decoded[sp.start]
	}
	return t.text[sp.start:sp.end]
}

// Len returns the number of values on the tape.
func (t *Tape) Len() int { return len(t.nodes) }

// Root returns the text's value; the zero Value for an empty tape.
func (t *Tape) Root() Value {
	if len(t.nodes) == 0 {
		return Value{}
	}
	return t.At(0)
}

// At returns the value of node i (an index from Children or Next).
func (t *Tape) At(i int32) Value {
	n := &t.nodes[i]
	if n.kind >= Object {
		return Value{Off: int(n.off), node: i, Kind: n.kind}
	}
	return Value{Text: t.str(n.str), Off: int(n.off), node: i, Kind: n.kind}
}

// End returns the byte offset just past the object or list v (its closing
// brace or bracket), and 0 for another value or a container below
// Options.RecordDepth.
func (t *Tape) End(v Value) int {
	if v.Kind < Object || v.node < 0 {
		return 0
	}
	return int(t.nodes[v.node].str.end)
}

// KeyAt returns the key of node i, a member of an object, as a String
// value at the key's offset.
func (t *Tape) KeyAt(i int32) Value {
	n := &t.nodes[i]
	return Value{Text: t.str(n.key), Off: int(n.keyOff), node: -1, Kind: String}
}

// KeyText returns the key of node i without the rest of a Value.
func (t *Tape) KeyText(i int32) string { return t.str(t.nodes[i].key) }

// KindAt returns the kind of node i.
func (t *Tape) KindAt(i int32) Kind { return t.nodes[i].kind }

// Node returns v's node index (for Children's loop); -1 for a key.
func (v Value) Node() int32 { return v.node }

// Children returns the nodes of v's members or items: they run from first,
// each followed by Next, to end (KeyAt gives a member's key). For another
// value the range is empty.
//
//	for i, end := t.Children(v); i < end; i = t.Next(i) { ... t.At(i) ... }
func (t *Tape) Children(v Value) (first, end int32) {
	if v.Kind != Object && v.Kind != Array || v.node < 0 {
		return 0, 0
	}
	return v.node + 1, t.nodes[v.node].next
}

// Next returns the node after node i and everything in it.
func (t *Tape) Next(i int32) int32 { return t.nodes[i].next }

// Full reports whether the container v has more members or items than
// Options.MaxMembers: the tape holds only the first MaxMembers+1.
func (t *Tape) Full(v Value) bool { return v.node >= 0 && t.nodes[v.node].full }

// Count returns the number of members or items of v on the tape.
func (t *Tape) Count(v Value) int {
	n := 0
	for i, end := t.Children(v); i < end; i = t.nodes[i].next {
		n++
	}
	return n
}

// Members returns the members of the object v, key and value, in document
// order (repeated keys included when Options.AllowDuplicateKeys).
func (t *Tape) Members(v Value) iter.Seq2[Value, Value] {
	return func(yield func(Value, Value) bool) {
		if v.Kind != Object {
			return
		}
		for i, end := t.Children(v); i < end; i = t.nodes[i].next {
			if !yield(t.KeyAt(i), t.At(i)) {
				return
			}
		}
	}
}

// Items returns the items of the list v in order.
func (t *Tape) Items(v Value) iter.Seq[Value] {
	return func(yield func(Value) bool) {
		if v.Kind != Array {
			return
		}
		for i, end := t.Children(v); i < end; i = t.nodes[i].next {
			if !yield(t.At(i)) {
				return
			}
		}
	}
}

// Get returns the member key of the object v (the first, when keys may
// repeat), and whether there is one.
func (t *Tape) Get(v Value, key string) (Value, bool) {
	if v.Kind != Object {
		return Value{}, false
	}
	for i, end := t.Children(v); i < end; i = t.nodes[i].next {
		if t.str(t.nodes[i].key) == key {
			return t.At(i), true
		}
	}
	return Value{}, false
}

// CharDefect returns the first character of the text outside TAB, LF, CR
// and U+0020 to U+00FF (raw or escaped), or bytes that are not UTF-8; its
// Off is -1 when there is none.
func (t *Tape) CharDefect() CharDefect { return t.defect }

// tapes recycles tapes between Borrow and Release.
var tapes = sync.Pool{New: func() any { return new(Tape) }}

// Borrow returns an empty tape from a pool; Release returns it.
func Borrow() *Tape { return tapes.Get().(*Tape) }

// Release empties t, dropping its references to the text, and returns it
// to the pool Borrow takes from. t must not be used afterwards.
func (t *Tape) Release() {
	t.reset()
	if cap(t.nodes) > 1<<16 {
		t.nodes = nil // a huge text's tape is not worth keeping
	}
	tapes.Put(t)
}

func (t *Tape) reset() {
	clear(t.decoded)
	t.nodes, t.text, t.decoded = t.nodes[:0], "", t.decoded[:0]
	t.defect = CharDefect{Off: -1}
}

// duplicateKey returns the offset and text of the first key that repeats
// an earlier key of its object, in node order, and whether there is one.
func (t *Tape) duplicateKey() (off int, key string, found bool) {
	var seen map[string]bool
	for i := range t.nodes {
		if t.nodes[i].kind != Object {
			continue
		}
		first, end := int32(i)+1, t.nodes[i].next
		n := 0
		for j := first; j < end; j = t.nodes[j].next {
			n++
		}
		if n < 2 {
			continue
		}
		if n <= 16 { // a few keys: compare each with the earlier ones
			for j := first; j < end; j = t.nodes[j].next {
				kj := t.str(t.nodes[j].key)
				for m := first; m < j; m = t.nodes[m].next {
					if t.str(t.nodes[m].key) == kj {
						return int(t.nodes[j].keyOff), kj, true
					}
				}
			}
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		clear(seen)
		for j := first; j < end; j = t.nodes[j].next {
			k := t.str(t.nodes[j].key)
			if seen[k] {
				return int(t.nodes[j].keyOff), k, true
			}
			seen[k] = true
		}
	}
	return 0, "", false
}

// ChildrenAt is Children for node i.
func (t *Tape) ChildrenAt(i int32) (first, end int32) {
	if k := t.nodes[i].kind; k != Object && k != Array {
		return 0, 0
	}
	return i + 1, t.nodes[i].next
}

// TextAt returns the Text of node i: a string's decoded text, a number's
// JSON text, "" for another value.
func (t *Tape) TextAt(i int32) string {
	if t.nodes[i].kind >= Object {
		return ""
	}
	return t.str(t.nodes[i].str)
}
