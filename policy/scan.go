package policy

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// charDefect is the first character of a policy outside the policy
// character set: TAB, LF, CR and U+0020 to U+00FF, raw or escaped (IAM User
// Guide, "IAM and AWS STS quotas" > "IAM name requirements"; IAM API
// Reference, CreatePolicy, PolicyDocument pattern).
type charDefect struct {
	off  int    // byte offset; -1 when there is none
	text string // the escape as written, for escapes
	r    rune
	kind charDefectKind
}

type charDefectKind uint8

const (
	badRaw    charDefectKind = iota // a raw character outside the set
	badUTF8                         // bytes that are not UTF-8
	badEscape                       // \uXXXX outside the set
	badCtlEsc                       // \b or \f
)

// jsonKind is the type of a JSON value on a tape. The zero kind marks an
// absent value.
type jsonKind uint8

const (
	jsonNone jsonKind = iota
	jsonNull
	jsonFalse
	jsonTrue
	jsonNumber
	jsonString
	jsonObject
	jsonArray
)

// node is one JSON value of a tape, with its key when it is an object's
// member. It holds no pointers, so that a tape costs the garbage collector
// nothing and writing one needs no write barriers: texts are spans.
type node struct {
	str    span  // a string's decoded text; a number's JSON text; for a container, end is the offset just past it
	key    span  // the member's key, decoded
	off    int32 // byte offset of the value in the text
	keyOff int32 // byte offset of the key
	next   int32 // index of the node after this value and everything in it
	kind   jsonKind
	full   bool // a container of more than maxRecorded-1 members or items: the tape keeps maxRecorded
}

// span is a text of a tape: text[start:end], or, for a string with
// escapes (end < 0), decoded[start].
type span struct{ start, end int32 }

// tape is a JSON text read once: every value in document order. An object's
// node is followed by its members' values (each with its key), a list's by
// its items; each node knows where its contents end, so the parser walks
// the document without reading the text again. Strings without escapes are
// slices of text, a private copy of the source; the others are decoded.
type tape struct {
	nodes   []node
	text    string
	decoded []string
}

// str returns the text of sp.
func (t *tape) str(sp span) string {
	if sp.end < 0 {
		return t.decoded[sp.start]
	}
	return t.text[sp.start:sp.end]
}

// value is one JSON value of a tape, with its kind, text and offset copied
// out for the parser; the zero value is absent.
type value struct {
	str  string // as node.str
	off  int    // byte offset in the text
	end  int    // byte offset just past a container (0 for another value)
	i    int32  // its node
	kind jsonKind
}

// key returns the key of node i, an object's member, as a string value.
func (t *tape) key(i int32) value {
	n := &t.nodes[i]
	return value{str: t.str(n.key), off: int(n.keyOff), i: -1, kind: jsonString}
}

// value returns the value of node i.
func (t *tape) value(i int32) value {
	n := &t.nodes[i]
	if n.kind >= jsonObject {
		return value{off: int(n.off), end: int(n.str.end), i: i, kind: n.kind}
	}
	return value{str: t.str(n.str), off: int(n.off), i: i, kind: n.kind}
}

func (v value) exists() bool   { return v.kind != jsonNone }
func (v value) isObject() bool { return v.kind == jsonObject }
func (v value) isArray() bool  { return v.kind == jsonArray }

// children returns the nodes of v's members or items: they run from first,
// each ending where its node's next says, to end (tape.key gives a member's
// key). For another value the range is empty.
func (t *tape) children(v value) (first, end int32) {
	if v.kind != jsonObject && v.kind != jsonArray {
		return 0, 0
	}
	return v.i + 1, t.nodes[v.i].next
}

// count returns the number of members or items of the container node i
// (at most maxRecorded).
func (t *tape) count(i int32) int {
	n := 0
	for j, end := i+1, t.nodes[i].next; j < end; j = t.nodes[j].next {
		n++
	}
	return n
}

// entryCounts are the sizes of the parser's arenas.
type entryCounts struct {
	actions     int // Action and NotAction entries
	actionBytes int // and the length of their text
	resources   int // Resource and NotResource entries
	clauses     int // condition keys
	operands    int // condition values
}

// countEntries counts the entries of the statements among the nodes
// [first, end), for the parser to size its arenas: at least as many as it
// will keep (a repeated or invalid entry is counted, not kept).
func (t *tape) countEntries(first, end int32) entryCounts {
	var n entryCounts
	for s := first; s < end; s = t.nodes[s].next {
		if t.nodes[s].kind != jsonObject {
			continue
		}
		for m := s + 1; m < t.nodes[s].next; m = t.nodes[m].next {
			switch t.str(t.nodes[m].key) {
			case "Action", "NotAction":
				n.actions += t.entries(m)
				n.actionBytes += t.textLen(m)
			case "Resource", "NotResource":
				n.resources += t.entries(m)
			case "Condition":
				t.countConditions(m, &n)
			}
		}
	}
	return n
}

// countConditions adds the keys and values of the Condition node c to n.
func (t *tape) countConditions(c int32, n *entryCounts) {
	if t.nodes[c].kind != jsonObject {
		return
	}
	for block := c + 1; block < t.nodes[c].next; block = t.nodes[block].next {
		if t.nodes[block].kind != jsonObject {
			continue
		}
		for m := block + 1; m < t.nodes[block].next; m = t.nodes[m].next {
			n.clauses++
			n.operands += t.entries(m)
		}
	}
}

// textLen returns the length of the strings of node i, a string or a list.
func (t *tape) textLen(i int32) int {
	if t.nodes[i].kind != jsonArray {
		return len(t.str(t.nodes[i].str))
	}
	n := 0
	for j := i + 1; j < t.nodes[i].next; j = t.nodes[j].next {
		n += len(t.str(t.nodes[j].str))
	}
	return n
}

// entries returns the number of items of a list node, 1 for another.
func (t *tape) entries(i int32) int {
	if t.nodes[i].kind == jsonArray {
		return t.count(i)
	}
	return 1
}

// tapes recycles tapes: a tape lives only while one policy is parsed.
var tapes = sync.Pool{New: func() any { return new(tape) }}

// release returns t to tapes, dropping its references to the text.
func (t *tape) release() {
	clear(t.decoded)
	t.nodes, t.text, t.decoded = t.nodes[:0], "", t.decoded[:0]
	if cap(t.nodes) > 1<<16 {
		t.nodes = nil // a huge policy's tape is not worth keeping
	}
	tapes.Put(t)
}

// readJSON reads src once: it reports whether src is one JSON value (RFC
// 8259) nested at most maxNesting deep, finds the first character outside
// the policy character set, and fills t with the values of a valid text.
// One pass replaces a validator, a character check and a JSON walk that
// reads nested values once per level. A container keeps only its first
// maxRecorded members or items on the tape (and is marked full when it has
// more), down to recordDepth levels. It only accepts or rejects: for a
// rejected text the parser asks encoding/json where the error is (the cold
// path).
func readJSON(src []byte, t *tape) (valid bool, bad charDefect) {
	bad.off = -1
	t.text = string(src)
	nodes := t.nodes[:0]
	defer func() { t.nodes = nodes }()
	// kinds holds the open containers (jsonObject or jsonArray); deeper
	// nesting than the array spills.
	var stack [64]jsonKind
	kinds := stack[:0]
	// frames holds the open containers up to recordDepth, with what the
	// tape needs to know of them.
	type frame struct {
		node  int32 // its node, -1 when it is not recorded
		count int32 // members or items so far
	}
	var frames [recordDepth]frame
	// record counts a member or item of the innermost container and
	// reports whether it goes on the tape: the first maxRecorded of each
	// do, down to recordDepth, so hostile input costs no memory beyond the
	// limits'.
	record := func() bool {
		d := len(kinds)
		if d == 0 {
			return true
		}
		if d > recordDepth {
			return false
		}
		f := &frames[d-1]
		f.count++
		if f.count >= maxRecorded && f.node >= 0 {
			nodes[f.node].full = true
		}
		return f.node >= 0 && f.count <= maxRecorded
	}
	// The reader moves between three places: a value is expected (value),
	// an object's key is expected (key), a value has ended (closed).
	i := skipSpace(src, 0)
	rec := true // whether the value about to be read goes on the tape
	// The key of the member whose value is read next; none for an item.
	var key span
	var keyOff int32
	// add puts the value that starts at i on the tape, when it is recorded.
	add := func(kind jsonKind, str span) {
		if rec {
			nodes = push(nodes, node{str: str, key: key, off: int32(i), keyOff: keyOff, next: int32(len(nodes) + 1), kind: kind})
		}
	}
value:
	if i >= len(src) {
		return false, bad
	}
	switch c := src[i]; c {
	case '{', '[':
		if len(kinds) >= maxNesting {
			return false, bad
		}
		kind := jsonObject
		if c == '[' {
			kind = jsonArray
		}
		f := frame{node: -1}
		if rec {
			f.node = int32(len(nodes))
		}
		add(kind, span{})
		kinds = append(kinds, kind)
		if d := len(kinds); d <= recordDepth {
			frames[d-1] = f
		}
		i = skipSpace(src, i+1)
		if i < len(src) && src[i] == closer(kind) {
			goto closeContainer
		}
		if kind == jsonObject {
			goto key
		}
		rec, key, keyOff = record(), span{}, 0
		goto value
	case '"':
		end, escaped, ok := scanString(src, i, &bad)
		if !ok {
			return false, bad
		}
		if rec {
			add(jsonString, t.stringSpan(i, end, escaped))
		}
		i = end
	case 't', 'f', 'n':
		lit, kind := "null", jsonNull
		switch c {
		case 't':
			lit, kind = "true", jsonTrue
		case 'f':
			lit, kind = "false", jsonFalse
		}
		if !hasLiteral(src, i, lit) {
			return false, bad
		}
		add(kind, span{})
		i += len(lit)
	default:
		if c != '-' && (c < '0' || c > '9') {
			return false, bad
		}
		end, ok := scanNumber(src, i)
		if !ok {
			return false, bad
		}
		add(jsonNumber, span{int32(i), int32(end)})
		i = end
	}
	goto closed
key:
	if i >= len(src) || src[i] != '"' {
		return false, bad
	}
	{
		end, escaped, ok := scanString(src, i, &bad)
		if !ok {
			return false, bad
		}
		rec = record()
		key, keyOff = t.stringSpan(i, end, escaped), int32(i)
		i = skipSpace(src, end)
	}
	if i >= len(src) || src[i] != ':' {
		return false, bad
	}
	i = skipSpace(src, i+1)
	goto value
closed:
	// A value (or a container) has just ended.
	i = skipSpace(src, i)
	if len(kinds) == 0 {
		return i == len(src), bad
	}
	if i >= len(src) {
		return false, bad
	}
	switch top := kinds[len(kinds)-1]; src[i] {
	case ',':
		i = skipSpace(src, i+1)
		if top == jsonObject {
			goto key
		}
		rec, key, keyOff = record(), span{}, 0
		goto value
	case closer(top):
		goto closeContainer
	}
	return false, bad
closeContainer:
	// src[i] closes the innermost container.
	if d := len(kinds); d <= recordDepth {
		if f := frames[d-1]; f.node >= 0 {
			nodes[f.node].next = int32(len(nodes))
			nodes[f.node].str.end = int32(i + 1)
		}
	}
	kinds = kinds[:len(kinds)-1]
	i++
	goto closed
}

// push appends v to s, doubling the capacity when s is full: append grows
// large slices by a quarter, which for a deep or long document would
// allocate several times the final tape.
func push[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, max(len(s), 64))
	}
	return append(s, v)
}

// closer returns the character that closes a container of kind k.
func closer(k jsonKind) byte {
	if k == jsonObject {
		return '}'
	}
	return ']'
}

// recordDepth is how deep a tape records containers. The policy grammar
// nests seven levels (Statement, a statement, Condition, an operator, a key,
// a list of values); a container deeper than recordDepth is kept as one node
// without its contents, which the parser never reads: it reports the type
// error at the container's own level.
const recordDepth = 16

// maxRecorded is how many members or items of one container a tape keeps:
// one more than the parser accepts, so that it can report the excess (a
// container that reaches it is marked full).
const maxRecorded = max(MaxStatements, MaxValues) + 1

// stringSpan returns the span of the JSON string text[start:end] (quotes
// included): within text, or a decoded copy's when it has escapes.
func (t *tape) stringSpan(start, end int, escaped bool) span {
	if !escaped {
		return span{int32(start + 1), int32(end - 1)}
	}
	t.decoded = append(t.decoded, unescape(t.text[start+1:end-1]))
	return span{int32(len(t.decoded) - 1), -1}
}

// unescape decodes the escapes of a JSON string scanString accepted. A
// \u escape of a lone surrogate becomes U+FFFD, as in encoding/json; the
// parser rejects such a string anyway (it is outside the policy character
// set), but the tape stays well defined.
func unescape(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, _ := readHex4(s[i+1 : i+5]) // scanString checked the digits
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2, _ = readHex4(s[i+3 : i+7])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, s[i])
		}
	}
	return string(out)
}

// readHex4 reads the four hexadecimal digits of a \u escape; ok is false
// when one is not a digit.
func readHex4[T string | []byte](h T) (n rune, ok bool) {
	for i := 0; i < 4; i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			n = n<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			n = n<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			n = n<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func skipSpace(src []byte, i int) int {
	for i < len(src) && jsonSpace[src[i]] {
		i++
	}
	return i
}

var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func hasLiteral(src []byte, i int, lit string) bool {
	return len(src)-i >= len(lit) && string(src[i:i+len(lit)]) == lit
}

// scanNumber reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at i.
func scanNumber(src []byte, i int) (int, bool) {
	digits := func(i int) (int, bool) {
		start := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i, i > start
	}
	if src[i] == '-' {
		i++
	}
	if i >= len(src) {
		return i, false
	}
	if src[i] == '0' {
		i++
	} else {
		var ok bool
		if i, ok = digits(i); !ok {
			return i, false
		}
	}
	if i < len(src) && src[i] == '.' {
		var ok bool
		if i, ok = digits(i + 1); !ok {
			return i, false
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		var ok bool
		if i, ok = digits(i); !ok {
			return i, false
		}
	}
	return i, true
}

// stringPlain marks the bytes a string passes over without a second look:
// printable ASCII other than the quote and the backslash.
var stringPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = false, false
	return t
}()

// stringStop is non-zero when one of the eight bytes of x (read little
// endian) is not stringPlain: a control character, '"', '\\', DEL or a byte
// of a multi-byte character; the high bit of each such byte is set. It may
// also flag a plain byte above a flagged one (a borrow or a carry), never
// below, so the lowest flagged byte is always one to look at.
// (It is hasByte for '"' and '\\' and two more tests, fused: the
// parser's hottest loop runs it on every word of every string.)
func stringStop(x uint64) uint64 {
	q := x ^ (lowBits * '"')
	b := x ^ (lowBits * '\\')
	return ((q-lowBits)&^q | (b-lowBits)&^b | (x-lowBits*0x20)&^x | x | (x + lowBits)) & highBits
}

// scanString reads the string whose opening quote is at i and returns the
// offset after its closing quote and whether the string has escapes. It
// records the first character outside the policy character set in bad.
func scanString(src []byte, i int, bad *charDefect) (end int, escaped, ok bool) {
	i++
	for {
		// Skip plain bytes, eight at a time: the lowest flagged byte of a
		// word is the first that needs a look.
		for {
			if i+8 > len(src) {
				for i < len(src) && stringPlain[src[i]] {
					i++
				}
				break
			}
			if m := stringStop(binary.LittleEndian.Uint64(src[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(src) {
			return i, escaped, false
		}
		c := src[i]
		switch {
		case c == '"':
			return i + 1, escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(src) {
				return i, escaped, false
			}
			switch src[i+1] {
			case '"', '\\', '/', 'n', 'r', 't':
				i += 2
			case 'b', 'f':
				if bad.off < 0 {
					*bad = charDefect{off: i, text: string(src[i : i+2]), kind: badCtlEsc}
				}
				i += 2
			case 'u':
				if i+6 > len(src) {
					return i, escaped, false
				}
				n, ok := readHex4(src[i+2 : i+6])
				if !ok {
					return i, escaped, false
				}
				if !allowedRune(n) && bad.off < 0 {
					*bad = charDefect{off: i, text: string(src[i : i+6]), r: n, kind: badEscape}
				}
				i += 6
			default:
				return i, escaped, false
			}
		case c < 0x20:
			return i, escaped, false // JSON forbids raw control characters in strings
		case c < utf8.RuneSelf: // DEL, which the set includes
			i++
		default:
			r, n := utf8.DecodeRune(src[i:])
			if bad.off < 0 {
				switch {
				case r == utf8.RuneError && n <= 1:
					*bad = charDefect{off: i, kind: badUTF8}
				case !allowedRune(r):
					*bad = charDefect{off: i, r: r, kind: badRaw}
				}
			}
			i += n
		}
	}
}

// reportChar reports a character outside the policy character set.
func (p *parser) reportChar(bad charDefect) {
	const set = "policy documents may hold only TAB, LF, CR and U+0020 to U+00FF"
	switch bad.kind {
	case badEscape:
		p.errorf(bad.off, "", CodeInvalidCharacter, "the escape %s stands for U+%04X: %s", bad.text, bad.r, set)
	case badCtlEsc:
		p.errorf(bad.off, "", CodeInvalidCharacter, "the escape %s stands for a control character: %s", bad.text, set)
	case badUTF8:
		p.errorf(bad.off, "", CodeInvalidCharacter, "the policy is not valid UTF-8 at this byte")
	default:
		p.errorf(bad.off, "", CodeInvalidCharacter, "the character %q (U+%04X) is outside the policy character set: %s", bad.r, bad.r, set)
	}
}
