package jsontext

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzRead holds Read to encoding/json: both must accept and reject the
// same texts (within the nesting bound; repeated keys allowed), since
// callers trust Read's yes without asking encoding/json, and the tape of an
// accepted text must hold the values encoding/json decodes.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `{"a":1}`, `{"a":[1,2,{"b":null}]}`, ` {"a" : "x\u00e9\n"} `, `{"a":-0.5e+10}`,
		`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":tru}`, `{"a":"\x"}`, `{"a":"\u12"}`,
		`{"a":1,}`, `[1,]`, `{,}`, `{"a"}`, `{"a":}`, `"x"`, `1`, `true`, `nul`, `{"a":1}x`, "{\"a\":\"\t\"}",
		"{\"a\":\"\x7f\"}", "{\"a\":\"\xff\"}", `{"a":"\ud83d\ude00"}`, `[[[[[]]]]]`, `{"a":1 "b":2}`,
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../../shared/conformance/policies/*/*.json")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var tp Tape
		err := Read(src, &tp, Options{AllowDuplicateKeys: true})
		valid := err == nil
		if want := json.Valid(src); valid != want {
			t.Fatalf("Read says %v, encoding/json valid=%t for %q", err, want, src)
		}
		if se, ok := err.(*SyntaxError); ok {
			if off, _, _ := Locate(src); off != se.Offset {
				t.Fatalf("SyntaxError at %d, encoding/json at %d", se.Offset, off)
			}
		}
		if bad := tp.CharDefect(); bad.Off < -1 || bad.Off >= len(src) {
			t.Fatalf("character defect at %d, outside the text of %d bytes", bad.Off, len(src))
		}
		if !valid || !utf8.Valid(src) {
			return // encoding/json replaces bad UTF-8 with U+FFFD; the parser rejects it
		}
		dec := json.NewDecoder(bytes.NewReader(src))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		got, next := tapeValue(t, &tp, 0)
		if next != int32(len(tp.nodes)) {
			t.Fatalf("the tape has %d nodes; the root covers %d", len(tp.nodes), next)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("tape of %q differs from encoding/json (-want +got):\n%s", src, diff)
		}
	})
}

// tapeValue rebuilds the value of node i as encoding/json decodes it into
// an any with UseNumber (the last of repeated keys wins), and returns the
// index after it, checking each node's offset points at its text.
func tapeValue(t *testing.T, tp *Tape, i int32) (any, int32) {
	n := tp.nodes[i]
	if want := map[Kind]string{Object: "{", Array: "[", String: `"`, Null: "n", True: "t", False: "f"}[n.kind]; want != "" && tp.text[n.off:n.off+1] != want {
		t.Fatalf("node %d (kind %d) is at %q", i, n.kind, tp.text[n.off:])
	}
	if n.kind == Object || n.kind == Array {
		if end := tp.End(tp.At(i)); end < 1 || tp.text[end-1] != map[Kind]byte{Object: '}', Array: ']'}[n.kind] {
			t.Fatalf("node %d (kind %d) ends at %d", i, n.kind, end)
		}
	}
	switch n.kind {
	case Object:
		m := map[string]any{}
		for j := i + 1; j < n.next; {
			var v any
			k, koff := tp.str(tp.nodes[j].key), tp.nodes[j].keyOff
			if tp.text[koff] != '"' {
				t.Fatalf("the key of node %d is at %q", j, tp.text[koff:])
			}
			v, j = tapeValue(t, tp, j)
			m[k] = v
		}
		return m, n.next
	case Array:
		l := []any{}
		for j := i + 1; j < n.next; {
			var v any
			v, j = tapeValue(t, tp, j)
			l = append(l, v)
		}
		return l, n.next
	case String:
		return tp.str(n.str), i + 1
	case Number:
		return json.Number(tp.str(n.str)), i + 1
	case True:
		return true, i + 1
	case False:
		return false, i + 1
	case Null:
		return nil, i + 1
	}
	t.Fatalf("node %d has no kind", i)
	return nil, 0
}

func TestReadNesting(t *testing.T) {
	deep := strings.Repeat("[", DefaultMaxDepth) + strings.Repeat("]", DefaultMaxDepth)
	if err := Read([]byte(deep), new(Tape), Options{}); err != nil {
		t.Errorf("nesting of exactly %d rejected: %v", DefaultMaxDepth, err)
	}
	deeper := "[" + deep + "]"
	if err := Read([]byte(deeper), new(Tape), Options{}); err == nil {
		t.Errorf("nesting of %d accepted", DefaultMaxDepth+1)
	}
	err := Read([]byte(`{"a": [[1]]}`), new(Tape), Options{MaxDepth: 2})
	if se, ok := err.(*SyntaxError); !ok || se.Offset != 7 {
		t.Errorf("nesting of 3 with MaxDepth 2: %v, want a SyntaxError at 7", err)
	}
}

// TestStringStop checks the word-at-a-time test of scanString against the
// byte table, for every byte at every place of a word, alone and after a
// byte that needs a look (a borrow or a carry must not hide it).
func TestStringStop(t *testing.T) {
	for b := range 256 {
		for at := range 8 {
			word := []byte("aaaaaaaa")
			word[at] = byte(b)
			m := stringStop(binary.LittleEndian.Uint64(word))
			if (m != 0) == stringPlain[b] {
				t.Fatalf("byte %#x at %d: flagged %t, plain %t", b, at, m != 0, stringPlain[b])
			}
			if m != 0 && bits.TrailingZeros64(m)>>3 != at {
				t.Fatalf("byte %#x at %d: the lowest flagged byte is %d", b, at, bits.TrailingZeros64(m)>>3)
			}
			for _, first := range []byte{0x00, 0x1f, 0xff, '"', '\\'} {
				if at == 0 {
					break
				}
				word[0] = first
				m := stringStop(binary.LittleEndian.Uint64(word))
				if bits.TrailingZeros64(m)>>3 != 0 {
					t.Fatalf("%#x then %#x: the lowest flagged byte is %d", first, b, bits.TrailingZeros64(m)>>3)
				}
			}
		}
	}
}
