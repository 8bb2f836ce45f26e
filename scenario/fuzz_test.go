package scenario_test

// go test -run='^$' -fuzz='^FuzzLoad$' -fuzztime=3m ./scenario

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// scenarioDirs seed FuzzLoad; a missing folder is skipped.
var scenarioDirs = []string{"../../shared/conformance/scenarios", "../testdata/scenarios", "testdata/scenarios"}

func FuzzLoad(f *testing.F) {
	for _, dir := range scenarioDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		`[]`, `{}`, `[{}, 1, "x", null]`, `{"request": 1}`, `{"request": {"principal": 7}}`,
		`{"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "*", "context": {"k": [1, true, "x"]}}, "identityPolicies": [{"Statement": []}]}`,
		`{"request": {"principal": "a", "action": "b"}, "scps": [[{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}], []], "expect": "Allow"}`,
		`{"request": {"caller": {"arn": "arn:aws:iam::111111111111:role/apps/r", "sessionName": "s", "tags": {"a": "b", "A": "c"}, "temporary": true, "mfaAuthTime": "2024-01-01T00:00:00Z"}, "action": "s3:GetObject", "resource": "*", "context": {"aws:CurrentTime": "2023-01-01T00:00:00Z"}}}`,
		`{"expect": "Allow", "expect": "Allow", "note": {"a": [{"b": 1, "b": 2}]}}`,
		"\xef\xbb\xbf{}", " \r\n[\n{\"name\": \"\\u00e9\"}\n]", `{"request": {"context": {"k": [[]]}}}`, `{"expect": 1}`, `{"expect": "allow"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries := scenario.Load("fuzz.json", data)
		for i, e := range entries {
			if (e.Scenario == nil) == (e.Err == nil) {
				t.Fatalf("entry %d: Scenario %v and Err %v: want exactly one", i, e.Scenario, e.Err)
			}
			if e.Err != nil {
				checkError(t, data, e.Err)
				continue
			}
			s := e.Scenario
			if s.Index != e.Index {
				t.Errorf("entry %d: Scenario.Index %d, Entry.Index %d", i, s.Index, e.Index)
			}
			res, err := s.Run()
			if err != nil {
				var re *evaluate.RequestError
				var refused *evaluate.RefusedError
				if !errors.As(err, &re) && !errors.As(err, &refused) && !errors.Is(err, evaluate.ErrNilPolicy) {
					t.Fatalf("entry %d: Run: %T %v, want an error about the request or a refused policy", i, err, err)
				}
				checkError(t, data, err)
				continue
			}
			switch res.Decision {
			case evaluate.Allow, evaluate.ImplicitDeny, evaluate.ExplicitDeny:
			default:
				t.Fatalf("entry %d: decision %v", i, res.Decision)
			}
			_ = res.String()
		}
	})
}

// checkError checks that a scenario error, and a policy error under it,
// points inside the input with a position that agrees with its offset.
func checkError(t *testing.T, data []byte, err error) {
	t.Helper()
	if err.Error() == "" {
		t.Fatalf("an error with no text: %#v", err)
	}
	var se *scenario.Error
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want a *scenario.Error", err, err)
	}
	checkPos(t, data, se.Pos, se.Error())
	var list policy.ErrorList
	if errors.As(se.Err, &list) {
		for _, f := range list {
			checkPos(t, data, f.Pos, f.Error())
		}
	}
}

func checkPos(t *testing.T, data []byte, pos policy.Position, msg string) {
	t.Helper()
	if pos.Offset < 0 || pos.Offset > len(data) {
		t.Fatalf("%s: offset %d outside the input of %d bytes", msg, pos.Offset, len(data))
	}
	if !pos.IsValid() {
		return
	}
	line, col := 1, 1
	for _, c := range data[:pos.Offset] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	if pos.Line != line || pos.Column != col {
		// CR LF counts as one break in both readings; only a lone CR
		// could make them differ.
		if !strings.Contains(string(data[:pos.Offset]), "\r") {
			t.Fatalf("%s: position %d:%d for offset %d, want %d:%d", msg, pos.Line, pos.Column, pos.Offset, line, col)
		}
	}
}
