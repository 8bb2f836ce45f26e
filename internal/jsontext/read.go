package jsontext

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Options are the limits of a Read. The zero Options are the defaults.
type Options struct {
	// MaxDepth bounds nesting: a deeper text is refused. 0 means
	// DefaultMaxDepth.
	MaxDepth int
	// MaxMembers bounds what the tape records of one container: its first
	// MaxMembers+1 members or items, the container being marked Full when
	// it has more, so that a caller refuses it whole. 0 means no bound.
	MaxMembers int
	// RecordDepth is how many levels of containers the tape records; a
	// container deeper is one node without its contents. 0 means
	// MaxRecordDepth.
	RecordDepth int
	// AllowDuplicateKeys lets an object repeat a key (the tape keeps every
	// member). Only a caller that reports repeated keys itself sets it.
	AllowDuplicateKeys bool
}

// DefaultMaxDepth is encoding/json's nesting limit.
const DefaultMaxDepth = 10000

// maxText is the longest text a tape holds: its offsets are int32.
const maxText = 1<<31 - 1

// MaxRecordDepth is the most levels a tape records (a power of two: the
// reader masks its frame index with MaxRecordDepth-1, which spares a bounds
// check in its hottest loop).
const MaxRecordDepth = 32

// SyntaxError is a text that is not one JSON value (RFC 8259), or that
// nests deeper than Options.MaxDepth.
type SyntaxError struct {
	Offset int    // where a JSON parser detects the error; just past the end for a text cut short
	Msg    string // what it is, as encoding/json says it
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
}

// DuplicateKeyError is an object that repeats a key.
type DuplicateKeyError struct {
	Offset int    // of the second key's opening quote
	Key    string // the key, decoded
}

func (e *DuplicateKeyError) Error() string {
	return fmt.Sprintf("the key %q appears twice in one object (offset %d)", e.Key, e.Offset)
}

// ErrReaderDefect is Read's error for a text encoding/json accepts and
// Read does not, within the limits: a defect of this package (FuzzRead
// holds the two together), reported rather than read from a half-filled
// tape.
var ErrReaderDefect = errors.New("jsontext: the reader refused a text encoding/json accepts: please report it as a defect of iamsim")

// CharDefect is the first character of a text outside TAB, LF, CR and
// U+0020 to U+00FF, raw or escaped: the character set of policy documents
// (IAM User Guide, "IAM and AWS STS quotas" > "IAM name requirements"; IAM
// API Reference, CreatePolicy, PolicyDocument pattern).
type CharDefect struct {
	Off  int    // byte offset; -1 when there is none
	Text string // the escape as written, for escapes
	Rune rune
	Kind CharDefectKind
}

// CharDefectKind says what a CharDefect is.
type CharDefectKind uint8

// The kinds of CharDefect.
const (
	BadRaw    CharDefectKind = iota // a raw character outside the set
	BadUTF8                         // bytes that are not UTF-8
	BadEscape                       // \uXXXX outside the set
	BadCtlEsc                       // \b or \f
)

// Read reads src onto t (emptied first): it checks that src is one JSON
// value within opt's limits and records every value. On an error the tape
// holds nothing useful.
func Read(src []byte, t *Tape, opt Options) error {
	t.reset()
	if len(src) > maxText {
		return &SyntaxError{Offset: 0, Msg: fmt.Sprintf("the text is %d bytes; the reader takes at most %d", len(src), maxText)}
	}
	maxDepth := opt.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	recordDepth := opt.RecordDepth
	if recordDepth <= 0 || recordDepth > MaxRecordDepth {
		recordDepth = MaxRecordDepth
	}
	maxRecorded := int32(1<<31 - 1)
	if opt.MaxMembers > 0 && opt.MaxMembers < 1<<31-2 {
		maxRecorded = int32(opt.MaxMembers) + 1
	}
	lim := limits{maxDepth, recordDepth, maxRecorded}
	valid, deep, bad := t.read(src, &lim)
	t.defect = bad
	if !valid {
		t.reset()
		if deep >= 0 {
			return &SyntaxError{Offset: deep, Msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth)}
		}
		if off, msg, bad := Locate(src); bad {
			return &SyntaxError{Offset: off, Msg: msg}
		}
		return ErrReaderDefect
	}
	if !opt.AllowDuplicateKeys {
		if off, key, dup := t.duplicateKey(); dup {
			t.reset()
			return &DuplicateKeyError{Offset: off, Key: key}
		}
	}
	return nil
}

// Locate reports whether src is not valid JSON and, if so, where a JSON
// parser detects the error (a byte offset; just past the end for a text cut
// short) and what it is. It asks encoding/json: the cold path of a
// rejected text, so that every JSON error of iamsim is placed the same way.
func Locate(src []byte) (offset int, msg string, invalid bool) {
	if json.Valid(src) {
		return 0, "", false
	}
	var raw json.RawMessage
	err := json.Unmarshal(src, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return 0, strings.TrimPrefix(fmt.Sprint(err), "json: "), true
	}
	off := int(se.Offset)
	// Offset counts the bytes read, the bad one included, except at the end
	// of the input, where the error is just past the last byte.
	if off > 0 && !(off >= len(src) && strings.Contains(se.Error(), "end of JSON input")) {
		off--
	}
	msg = strings.TrimPrefix(se.Error(), "json: ")
	if plain := plainSyntax(src, off); plain != "" {
		msg = plain + " (" + msg + ")"
	}
	return off, msg, true
}

// plainSyntax says in plain words what two common defects are, which
// encoding/json names only by the character it met: a UTF-8 byte order
// mark that an editor put before the JSON (RFC 8259 section 8.1:
// "Implementations MUST NOT add a byte order mark"), and a comma after the
// last member or item, which JSON does not allow. "" for other errors.
func plainSyntax(src []byte, off int) string {
	if off == 0 && strings.HasPrefix(string(src), "\uFEFF") {
		return "the file begins with a UTF-8 byte order mark (BOM), which JSON does not allow: save it as UTF-8 without a BOM"
	}
	if off <= 0 || off >= len(src) || (src[off] != '}' && src[off] != ']') {
		return ""
	}
	i := off - 1
	for i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i--
	}
	if i >= 0 && src[i] == ',' {
		if src[off] == '}' {
			return "a comma before this '}': JSON allows no comma after an object's last member (remove it)"
		}
		return "a comma before this ']': JSON allows no comma after a list's last item (remove it)"
	}
	return ""
}

// read reads src once: it reports whether src is one JSON value (RFC 8259)
// nested at most maxDepth deep (deep is the offset of the container that
// goes deeper, -1 when none does), finds the first character outside the
// policy character set, and fills t with the values of a valid text. One
// pass replaces a validator, a character check and a JSON walk that reads
// nested values once per level. A container keeps only its first
// maxRecorded members or items on the tape (and is marked full when it has
// more), down to recordDepth levels. It only accepts or rejects: for a
// rejected text Read asks encoding/json where the error is (the cold path).
// It is one function of 160 lines on purpose: a state machine whose labels
// (value, key, closed, closeContainer) share the offset, the stack and the
// tape in registers; split into functions, every value would cost calls
// and the state would go through memory (the parser's hottest loop).
func (t *Tape) read(src []byte, lim *limits) (valid bool, deep int, bad CharDefect) {
	deep = -1
	bad.Off = -1
	t.text = string(src)
	nodes := t.nodes[:0]
	defer func() { t.nodes = nodes }()
	// kinds holds the open containers (Object or Array); deeper
	// nesting than the array spills.
	var stack [64]Kind
	kinds := stack[:0]
	// frames holds the open containers up to recordDepth, with what the
	// tape needs to know of them.
	var frames [MaxRecordDepth]frame
	// record counts a member or item of the innermost container and
	// reports whether it goes on the tape: the first maxRecorded of each
	// do, down to recordDepth, so hostile input costs no memory beyond the
	// limits'.
	record := func() bool {
		d := len(kinds)
		if d == 0 {
			return true
		}
		if d > lim.recordDepth {
			return false
		}
		f := &frames[(d-1)&(MaxRecordDepth-1)]
		f.count++
		if f.count >= lim.maxRecorded && f.node >= 0 {
			nodes[f.node].full = true
		}
		return f.node >= 0 && f.count <= lim.maxRecorded
	}
	// The reader moves between three places: a value is expected (value),
	// an object's key is expected (key), a value has ended (closed).
	i := skipSpace(src, 0)
	rec := true // whether the value about to be read goes on the tape
	// The key of the member whose value is read next; none for an item.
	var key span
	var keyOff int32
	// add puts the value that starts at i on the tape, when it is recorded.
	add := func(kind Kind, str span) {
		if rec {
			nodes = push(nodes, node{str: str, key: key, off: int32(i), keyOff: keyOff, next: int32(len(nodes) + 1), kind: kind})
		}
	}
value:
	if i >= len(src) {
		return false, deep, bad
	}
	switch c := src[i]; c {
	case '{', '[':
		if len(kinds) >= lim.maxDepth {
			return false, i, bad
		}
		kind := Object
		if c == '[' {
			kind = Array
		}
		f := frame{node: -1}
		if rec {
			f.node = int32(len(nodes))
		}
		add(kind, span{})
		kinds = append(kinds, kind)
		if d := len(kinds); d <= lim.recordDepth {
			frames[(d-1)&(MaxRecordDepth-1)] = f
		}
		i = skipSpace(src, i+1)
		if i < len(src) && src[i] == closer(kind) {
			goto closeContainer
		}
		if kind == Object {
			goto key
		}
		rec, key, keyOff = record(), span{}, 0
		goto value
	case '"':
		end, escaped, ok := scanString(src, i, &bad)
		if !ok {
			return false, deep, bad
		}
		if rec {
			add(String, t.stringSpan(i, end, escaped))
		}
		i = end
	case 't', 'f', 'n':
		lit, kind := "null", Null
		switch c {
		case 't':
			lit, kind = "true", True
		case 'f':
			lit, kind = "false", False
		}
		if !hasLiteral(src, i, lit) {
			return false, deep, bad
		}
		add(kind, span{})
		i += len(lit)
	default:
		if c != '-' && (c < '0' || c > '9') {
			return false, deep, bad
		}
		end, ok := scanNumber(src, i)
		if !ok {
			return false, deep, bad
		}
		add(Number, span{int32(i), int32(end)})
		i = end
	}
	goto closed
key:
	if i >= len(src) || src[i] != '"' {
		return false, deep, bad
	}
	{
		end, escaped, ok := scanString(src, i, &bad)
		if !ok {
			return false, deep, bad
		}
		rec = record()
		key, keyOff = t.stringSpan(i, end, escaped), int32(i)
		i = skipSpace(src, end)
	}
	if i >= len(src) || src[i] != ':' {
		return false, deep, bad
	}
	i = skipSpace(src, i+1)
	goto value
closed:
	// A value (or a container) has just ended.
	i = skipSpace(src, i)
	if len(kinds) == 0 {
		return i == len(src), deep, bad
	}
	if i >= len(src) {
		return false, deep, bad
	}
	switch top := kinds[len(kinds)-1]; src[i] {
	case ',':
		i = skipSpace(src, i+1)
		if top == Object {
			goto key
		}
		rec, key, keyOff = record(), span{}, 0
		goto value
	case closer(top):
		goto closeContainer
	}
	return false, deep, bad
closeContainer:
	// src[i] closes the innermost container.
	if d := len(kinds); d <= lim.recordDepth {
		if f := frames[(d-1)&(MaxRecordDepth-1)]; f.node >= 0 {
			nodes[f.node].next = int32(len(nodes))
			nodes[f.node].str = span{0, int32(i + 1)}
		}
	}
	kinds = kinds[:len(kinds)-1]
	i++
	goto closed
}

// limits are Read's Options as the reader checks them. The reader reads
// them through a pointer: as three more variables of its state machine
// they would take registers its hottest loop needs.
type limits struct {
	maxDepth, recordDepth int
	maxRecorded           int32
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
func closer(k Kind) byte {
	if k == Object {
		return '}'
	}
	return ']'
}
