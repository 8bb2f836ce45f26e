package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCLI feeds arbitrary bytes to the commands that read files, as
// standard input: check (every kind), eval (text and JSON) and simulate.
// Properties: no panic; exit status 0, 1 or 2 as documented; check's
// JSON output and eval's JSON lines always parse, and eval prints one line
// per scenario or an error line.
func FuzzCLI(f *testing.F) {
	for _, dir := range []string{"../../../shared/conformance/policies/*/*.json", "../../../shared/conformance/scenarios/*.json", "../../examples/photos/*.json"} {
		files, _ := filepath.Glob(dir)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && !strings.HasSuffix(file, ".expect.json") {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[]}`))
	f.Add([]byte(`[{"name":"x"}]`))
	f.Add([]byte("{"))
	kinds := []string{"identity", "inline-user", "inline-group", "inline-role", "resource", "trust", "boundary", "session", "scp", "rcp"}
	f.Fuzz(func(t *testing.T, data []byte) {
		kind := kinds[len(data)%len(kinds)]
		var out, errOut bytes.Buffer
		code := run([]string{"check", "--kind", kind, "--json", "-"}, bytes.NewReader(data), &out, &errOut)
		if code != 0 && code != 1 {
			t.Fatalf("check exit %d: %s", code, errOut.String())
		}
		var findings []map[string]any
		if err := json.Unmarshal(out.Bytes(), &findings); err != nil {
			t.Fatalf("check --json printed invalid JSON: %v\n%s", err, out.String())
		}

		out.Reset()
		errOut.Reset()
		code = run([]string{"eval", "--json", "-"}, bytes.NewReader(data), &out, &errOut)
		if code < 0 || code > 2 {
			t.Fatalf("eval exit %d", code)
		}
		lines := 0
		sc := bufio.NewScanner(&out)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			lines++
			var line map[string]any
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Fatalf("eval --json line is not JSON: %v\n%s", err, sc.Text())
			}
			if _, isErr := line["error"]; !isErr {
				if _, ok := line["decision"]; !ok {
					t.Fatalf("eval line has neither decision nor error: %s", sc.Text())
				}
			}
		}
		if lines == 0 && code != 2 {
			t.Fatalf("eval printed nothing and exited %d", code)
		}

		out.Reset()
		errOut.Reset()
		code = run([]string{"eval", "-"}, bytes.NewReader(data), &out, &errOut)
		if code < 0 || code > 2 {
			t.Fatalf("eval (text) exit %d", code)
		}

		out.Reset()
		errOut.Reset()
		code = run([]string{"simulate", "--policy", "-", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/a", "--output", "aws"}, bytes.NewReader(data), &out, &errOut)
		switch code {
		case 0:
			var resp map[string]any
			if err := json.Unmarshal(out.Bytes(), &resp); err != nil {
				t.Fatalf("simulate --output aws printed invalid JSON: %v\n%s", err, out.String())
			}
		case 2:
		default:
			t.Fatalf("simulate exit %d", code)
		}
	})
}
