package jsontext

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDuplicateKeys(t *testing.T) {
	many := `{`
	for i := range 20 {
		many += `"k` + string(rune('a'+i)) + `": 1, `
	}
	many += `"kc": 2}`
	tests := []struct {
		src string
		off int // of the second key; -1 when none repeats
		key string
	}{
		{`{"expect": "ImplicitDeny", "expect": "Allow"}`, 27, "expect"},
		{`{"a": {"b": 1, "c": {"b": 2}}, "d": [{"x": 1}, {"x": 2, "x": 3}]}`, 56, "x"},
		{`{"a\u0062": 1, "ab": 2}`, 15, "ab"},
		{many, strings.LastIndex(many, `"kc"`), "kc"},
		{`{"a": 1, "A": 2, "b": {"a": 1}}`, -1, ""},
	}
	for _, tt := range tests {
		err := Read([]byte(tt.src), new(Tape), Options{})
		var de *DuplicateKeyError
		switch {
		case tt.off < 0 && err != nil:
			t.Errorf("%s: %v", tt.src, err)
		case tt.off >= 0 && (!errors.As(err, &de) || de.Offset != tt.off || de.Key != tt.key):
			t.Errorf("%s: %v, want %q at %d", tt.src, err, tt.key, tt.off)
		}
		if err := Read([]byte(tt.src), new(Tape), Options{AllowDuplicateKeys: true}); err != nil {
			t.Errorf("%s with duplicates allowed: %v", tt.src, err)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct {
		src string
		off int
	}{
		{`{"a": 1,}`, 8}, {`[1 2]`, 3}, {`{"a": 01}`, 7}, {``, 0}, {`{"a": "x`, 8}, {`{} x`, 3},
	} {
		err := Read([]byte(tt.src), new(Tape), Options{})
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != tt.off {
			t.Errorf("%q: %v, want a SyntaxError at %d", tt.src, err, tt.off)
		}
	}
}

// TestWalk reads a text and walks it with each API, checking offsets.
func TestWalk(t *testing.T) {
	src := `{"name": "a\"b", "n": -1.5e3, "ok": true, "none": null, "list": [1, {"x": []}], "o": {}}`
	tp := Borrow()
	defer tp.Release()
	if err := Read([]byte(src), tp, Options{}); err != nil {
		t.Fatal(err)
	}
	root := tp.Root()
	if !root.IsObject() || root.Off != 0 || tp.End(root) != len(src) || tp.Count(root) != 6 {
		t.Fatalf("root %+v, %d members", root, tp.Count(root))
	}
	var keys []string
	for k, v := range tp.Members(root) {
		keys = append(keys, k.Text)
		if src[k.Off] != '"' || !strings.HasPrefix(src[k.Off+1:], k.Text) && k.Text != "name" {
			t.Errorf("key %q at %d", k.Text, k.Off)
		}
		if v.Kind == Object || v.Kind == Array {
			if got := src[v.Off:tp.End(v)]; got[0] != "{["[v.Kind-Object] || got[len(got)-1] != "}]"[v.Kind-Object] {
				t.Errorf("%s spans %q", k.Text, got)
			}
		}
	}
	if want := []string{"name", "n", "ok", "none", "list", "o"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	if v, ok := tp.Get(root, "name"); !ok || v.Text != `a"b` || v.Kind != String || v.Describe() != `"a\"b"` {
		t.Errorf("name = %+v", v)
	}
	if v, _ := tp.Get(root, "n"); v.Kind != Number || v.Text != "-1.5e3" || src[v.Off] != '-' {
		t.Errorf("n = %+v", v)
	}
	if v, _ := tp.Get(root, "ok"); v.Kind != True || v.Describe() != "a boolean" {
		t.Errorf("ok = %+v", v)
	}
	if _, ok := tp.Get(root, "missing"); ok {
		t.Error("Get found a missing key")
	}
	list, _ := tp.Get(root, "list")
	var kinds []Kind
	for it := range tp.Items(list) {
		kinds = append(kinds, it.Kind)
	}
	if !slices.Equal(kinds, []Kind{Number, Object}) {
		t.Errorf("list items %v", kinds)
	}
	for i, end := tp.Children(list); i < end; i = tp.Next(i) {
		if v := tp.At(i); v.Kind == Object {
			inner, _ := tp.Get(v, "x")
			if inner.Kind != Array || src[inner.Off:tp.End(inner)] != "[]" || tp.Count(inner) != 0 {
				t.Errorf("x = %+v", inner)
			}
		}
	}
}

// TestLimits checks that a container over MaxMembers is Full and holds
// MaxMembers+1 entries, and that levels below RecordDepth are one node.
func TestLimits(t *testing.T) {
	var tp Tape
	if err := Read([]byte(`[1, 2, 3, 4, 5]`), &tp, Options{MaxMembers: 3}); err != nil {
		t.Fatal(err)
	}
	if root := tp.Root(); !tp.Full(root) || tp.Count(root) != 4 {
		t.Errorf("full %t, %d items; want full with 4", tp.Full(root), tp.Count(root))
	}
	if err := Read([]byte(`[1, 2, 3]`), &tp, Options{MaxMembers: 3}); err != nil || tp.Full(tp.Root()) {
		t.Errorf("a list at the limit: %v, full %t", err, tp.Full(tp.Root()))
	}
	if err := Read([]byte(`[[[1, 2]], 3]`), &tp, Options{RecordDepth: 2}); err != nil {
		t.Fatal(err)
	}
	if tp.Len() != 4 { // the root, [[1,2]], [1,2] kept as one node, 3
		t.Errorf("%d nodes, want 4", tp.Len())
	}
}

func TestCharDefect(t *testing.T) {
	for _, tt := range []struct {
		src  string
		off  int
		kind CharDefectKind
	}{
		{`{"a": "é"}`, -1, 0}, {`{"a": "€"}`, 7, BadRaw}, {`{"a": "\u0100"}`, 7, BadEscape},
		{`{"a": "\f"}`, 7, BadCtlEsc}, {"{\"a\": \"\xff\"}", 7, BadUTF8},
	} {
		var tp Tape
		if err := Read([]byte(tt.src), &tp, Options{}); err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if d := tp.CharDefect(); d.Off != tt.off || (d.Off >= 0 && d.Kind != tt.kind) {
			t.Errorf("%q: %+v, want kind %d at %d", tt.src, d, tt.kind, tt.off)
		}
	}
}
