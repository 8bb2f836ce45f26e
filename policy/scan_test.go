package policy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScanJSON holds scanJSON to encoding/json: both must accept and
// reject the same texts (within the nesting bound), since the parser trusts
// scanJSON's yes without asking encoding/json.
func FuzzScanJSON(f *testing.F) {
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
		valid, bad := scanJSON(src)
		if want := json.Valid(src); valid != want {
			t.Fatalf("scanJSON says valid=%t, encoding/json %t for %q", valid, want, src)
		}
		if bad.off < -1 || bad.off >= len(src) {
			t.Fatalf("character defect at %d, outside the text of %d bytes", bad.off, len(src))
		}
	})
}

func TestScanJSONNesting(t *testing.T) {
	deep := strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting)
	if valid, _ := scanJSON([]byte(deep)); !valid {
		t.Errorf("nesting of exactly %d rejected", maxNesting)
	}
	deeper := "[" + deep + "]"
	if valid, _ := scanJSON([]byte(deeper)); valid {
		t.Errorf("nesting of %d accepted", maxNesting+1)
	}
}
