package policy

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

// FuzzReadJSON holds readJSON to encoding/json: both must accept and
// reject the same texts (within the nesting bound), since the parser trusts
// readJSON's yes without asking encoding/json, and the tape of an accepted
// text must hold the values encoding/json decodes.
func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `{"a":1}`, `{"a":[1,2,{"b":null}]}`, ` {"a" : "x\u00e9\n"} `, `{"a":-0.5e+10}`,
		`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":tru}`, `{"a":"\x"}`, `{"a":"\u12"}`,
		`{"a":1,}`, `[1,]`, `{,}`, `{"a"}`, `{"a":}`, `"x"`, `1`, `true`, `nul`, `{"a":1}x`, "{\"a\":\"\t\"}",
		"{\"a\":\"\x7f\"}", "{\"a\":\"\xff\"}", `{"a":"\ud83d\ude00"}`, `[[[[[]]]]]`, `{"a":1 "b":2}`,
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../shared/conformance/policies/*/*.json")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var tp tape
		valid, bad := readJSON(src, &tp)
		if want := json.Valid(src); valid != want {
			t.Fatalf("readJSON says valid=%t, encoding/json %t for %q", valid, want, src)
		}
		if bad.off < -1 || bad.off >= len(src) {
			t.Fatalf("character defect at %d, outside the text of %d bytes", bad.off, len(src))
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
func tapeValue(t *testing.T, tp *tape, i int32) (any, int32) {
	n := tp.nodes[i]
	if want := map[jsonKind]string{jsonObject: "{", jsonArray: "[", jsonString: `"`, jsonNull: "n", jsonTrue: "t", jsonFalse: "f"}[n.kind]; want != "" && tp.text[n.off:n.off+1] != want {
		t.Fatalf("node %d (kind %d) is at %q", i, n.kind, tp.text[n.off:])
	}
	switch n.kind {
	case jsonObject:
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
	case jsonArray:
		l := []any{}
		for j := i + 1; j < n.next; {
			var v any
			v, j = tapeValue(t, tp, j)
			l = append(l, v)
		}
		return l, n.next
	case jsonString:
		return tp.str(n.str), i + 1
	case jsonNumber:
		return json.Number(tp.str(n.str)), i + 1
	case jsonTrue:
		return true, i + 1
	case jsonFalse:
		return false, i + 1
	case jsonNull:
		return nil, i + 1
	}
	t.Fatalf("node %d has no kind", i)
	return nil, 0
}

func TestScanJSONNesting(t *testing.T) {
	deep := strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting)
	if valid, _ := readJSON([]byte(deep), new(tape)); !valid {
		t.Errorf("nesting of exactly %d rejected", maxNesting)
	}
	deeper := "[" + deep + "]"
	if valid, _ := readJSON([]byte(deeper), new(tape)); valid {
		t.Errorf("nesting of %d accepted", maxNesting+1)
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
