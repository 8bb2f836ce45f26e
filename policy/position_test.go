package policy

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// positionAt is the direct scan File.Position's table must agree with:
// 1-based, columns in bytes, CR LF one break, a lone CR one too.
func positionAt(src []byte, off int) Position {
	if off < 0 {
		return Position{}
	}
	off = min(off, len(src))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line++
			start = i + 1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			line++
			start = i + 1
		}
	}
	return Position{Offset: off, Line: line, Column: off - start + 1}
}

// TestFilePosition checks the line table against the direct scan.
func TestFilePosition(t *testing.T) {
	for _, src := range []string{"", "a", "\n", "\r\n", "\r", "a\r\nb\rc\n\nd", "\r\r\n\n\r"} {
		f := NewFile("f.json", []byte(src))
		for off := -1; off <= len(src)+1; off++ {
			want := positionAt([]byte(src), off)
			if want.IsValid() {
				want.Filename = "f.json"
			}
			if got := f.Position(off); got != want {
				t.Errorf("%q offset %d: File.Position %v, scan %v", src, off, got, want)
			}
		}
	}
}

func TestPositionString(t *testing.T) {
	for _, tt := range []struct {
		p    Position
		want string
	}{
		{Position{}, "-"},
		{Position{Offset: 3, Line: 1, Column: 4}, "1:4"},
		{Position{Filename: "a.json", Offset: 3, Line: 2, Column: 1}, "a.json:2:1"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestFileConcurrent asks positions of one File from several goroutines
// (go test -race finds a table built twice or read while built).
func TestFileConcurrent(t *testing.T) {
	src := []byte(strings.Repeat("{\n}\r\n", 100))
	f := NewFile("c.json", src)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for off := g; off < len(src); off += 7 {
				if got, want := f.Position(off), positionAt(src, off); got.Line != want.Line || got.Column != want.Column {
					t.Errorf("offset %d: %v, want %v", off, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// manyPolicies returns a file of n policies in one JSON list, and where
// each policy begins and ends.
func manyPolicies(n int) (src []byte, spans [][2]int) {
	var b strings.Builder
	b.WriteString("[\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		start := b.Len()
		fmt.Fprintf(&b, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"S%d\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"],\n      \"Resource\": \"arn:aws:s3:::bucket-%d/*\"\n    }\n  ]\n}", i, i)
		spans = append(spans, [2]int{start, b.Len()})
	}
	b.WriteString("\n]\n")
	return []byte(b.String()), spans
}

// TestManyPoliciesShareLines parses 2,000 policies of one file (about
// 400 KB) and asks each for a position: the line table is built once, so
// the memory taken stays within a small multiple of the file's size (it
// was 1.3 GB for 2,000 policies of 293 KB when each built its own).
func TestManyPoliciesShareLines(t *testing.T) {
	src, spans := manyPolicies(2000)
	f := NewFile("export.json", src)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	pols := make([]*Policy, len(spans))
	for i, sp := range spans {
		p, err := ParseFile(f, fmt.Sprintf("policy-%d", i), sp[0], sp[1])
		if err != nil {
			t.Fatal(err)
		}
		pols[i] = p
		start, end := p.Rules()[0].Span()
		if start.Filename != "export.json" || start.Offset != sp[0]+p.Rules()[0].Offset() || end.Offset <= start.Offset {
			t.Fatalf("policy %d: statement at %v to %v", i, start, end)
		}
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	if limit := uint64(40 * len(src)); alloc > limit {
		t.Errorf("2,000 policies of a %d-byte file allocated %d bytes, over %d", len(src), alloc, limit)
	}
	runtime.KeepAlive(pols)
}

// BenchmarkManyPoliciesOneFile reports the bytes allocated to parse every
// policy of a file and show one position of each, per byte of the file.
func BenchmarkManyPoliciesOneFile(b *testing.B) {
	src, spans := manyPolicies(2000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f := NewFile("export.json", src)
		for i, sp := range spans {
			p, err := ParseFile(f, "p", sp[0], sp[1])
			if err != nil {
				b.Fatal(err)
			}
			_ = p.Position(p.Rules()[0].Offset())
			_ = i
		}
	}
}

// TestRuleSpan checks a statement's start and end against the text.
func TestRuleSpan(t *testing.T) {
	src := "{\"Version\": \"2012-10-17\",\r\n \"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n  {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n]}"
	p := MustParse("r.json", src)
	for i, r := range p.Rules() {
		text := src[r.Offset():r.End()]
		if !strings.HasPrefix(text, "{\"Effect\"") || !strings.HasSuffix(text, "}") || strings.Count(text, "{") != 1 {
			t.Errorf("rule %d spans %q", i, text)
		}
		start, end := r.Span()
		if start.Line != 3+i || start.Column != 3 || end.Line != 3+i || end.Offset != r.End()-1 || start.Filename != "r.json" {
			t.Errorf("rule %d: span %v to %v", i, start, end)
		}
		if r.PolicyName() != "r.json" || r.File() != p.File() {
			t.Errorf("rule %d: policy %q file %v", i, r.PolicyName(), r.File())
		}
	}
}

// TestParseFileRange checks that a range outside the file is an error, not
// a panic, and that ParseAt still reads as ParseFile does.
func TestParseFileRange(t *testing.T) {
	f := NewFile("r.json", []byte(`[{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}]`))
	for _, r := range [][2]int{{-1, 3}, {5, 2}, {0, f.Size() + 1}} {
		if _, err := ParseFile(f, "p", r[0], r[1]); err == nil {
			t.Errorf("ParseFile of [%d, %d) accepted", r[0], r[1])
		}
	}
	if _, err := ParseFile(nil, "p", 0, 0); err == nil {
		t.Error("ParseFile of a nil File accepted")
	}
	p, err := ParseFile(f, "p", 1, f.Size()-1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "p" || p.File() != f || p.Offset() != 1 || p.Position(0).String() != "r.json:1:2" {
		t.Errorf("policy %q in %v at %d, position %v", p.Name(), p.File().Name(), p.Offset(), p.Position(0))
	}
	q, err := ParseAt("r.json", f.Bytes(), 1, f.Size()-1)
	if err != nil || q.Position(0) != p.Position(0) {
		t.Errorf("ParseAt: %v %v", err, q)
	}
}

// TestFindingNamesFileAndPolicy checks Finding.Error for a policy that is
// not its file: the place in the file, and the policy's name after.
func TestFindingNamesFileAndPolicy(t *testing.T) {
	f := NewFile("export.json", []byte("[\n{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}]"))
	_, err := ParseFile(f, "arn:aws:iam::123456789012:policy/p", 2, f.Size()-1)
	want := `export.json:2:26: ERROR INVALID_EFFECT: Effect must be exactly "Allow" or "Deny", not "allow" (Effect is case-sensitive) (policy arn:aws:iam::123456789012:policy/p)`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
