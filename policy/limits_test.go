package policy_test

// Hostile input: sizes, depths and counts the parser must refuse cheaply,
// elements and operators it must never ignore, and operand readers that
// must never panic.
//
//	go test -run='^$' -fuzz='^FuzzOperands$' -fuzztime=3m ./policy

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/policy"
)

// parseAllocs parses src and returns the error and the bytes allocated.
// The tests that use it do not run in parallel, so that the count is theirs.
func parseAllocs(t *testing.T, src []byte) (uint64, error) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := policy.Parse("limits.json", src)
	runtime.ReadMemStats(&after)
	if err == nil && p == nil {
		t.Fatal("Parse returned neither a policy nor an error")
	}
	return after.TotalAlloc - before.TotalAlloc, err
}

// codes returns the codes of the findings of a Parse error.
func codes(t *testing.T, err error) []string {
	t.Helper()
	var list policy.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("Parse error %T %v, want a non-empty ErrorList", err, err)
	}
	var out []string
	for _, f := range list {
		if f.Severity != policy.Error {
			t.Errorf("the error list holds a %v: %v", f.Severity, f)
		}
		out = append(out, string(f.Code))
	}
	return out
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Parse accepted the input; want %s", code)
	}
	got := codes(t, err)
	for _, c := range got {
		if c == code {
			return
		}
	}
	t.Fatalf("Parse error codes %v, want %s (%v)", got, code, err)
}

// TestHugePolicyIsRefusedCheaply: a 100 MB policy is refused with
// POLICY_TOO_LARGE before it is read, allocating next to nothing.
func TestHugePolicyIsRefusedCheaply(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 100 MB")
	}
	huge := bytes.Repeat([]byte(" "), 100<<20)
	copy(huge, `{"Version":"2012-10-17","Statement":[`)
	alloc, err := parseAllocs(t, huge)
	wantCode(t, err, "POLICY_TOO_LARGE")
	if got := codes(t, err); len(got) != 1 {
		t.Errorf("codes %v, want POLICY_TOO_LARGE alone", got)
	}
	if !strings.Contains(err.Error(), strconv.Itoa(len(huge))) || !strings.Contains(err.Error(), strconv.Itoa(policy.MaxSourceBytes)) {
		t.Errorf("the message does not give the size and the limit: %v", err)
	}
	if alloc > 64<<10 {
		t.Errorf("refusing %d bytes allocated %d bytes", len(huge), alloc)
	}
	// ParseFile refuses the same text inside a larger file.
	if _, err := policy.ParseFile(policy.NewFile("file.json", huge), "p", 1, len(huge)); err == nil {
		t.Error("ParseFile accepted 100 MB")
	}
}

// TestSizeLimitBoundary: MaxSourceBytes is accepted, one byte more is not.
func TestSizeLimitBoundary(t *testing.T) {
	body := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	src := []byte(body + strings.Repeat(" ", policy.MaxSourceBytes-len(body)))
	if _, err := policy.Parse("max.json", src); err != nil {
		t.Fatalf("a policy of MaxSourceBytes: %v", err)
	}
	alloc, err := parseAllocs(t, append(src, ' '))
	wantCode(t, err, "POLICY_TOO_LARGE")
	if alloc > 64<<10 {
		t.Errorf("refusing %d bytes allocated %d bytes", len(src)+1, alloc)
	}
}

// TestDeepNestingIsASyntaxError: JSON nested 100,000 levels deep is a
// syntax error, found without a stack overflow and with memory bounded by
// 4× the input plus 1 MiB.
func TestDeepNestingIsASyntaxError(t *testing.T) {
	const depth = 100_000
	for _, tc := range []struct {
		reason string
		src    string
	}{
		{"lists in Statement", `{"Version":"2012-10-17","Statement":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`},
		{"objects in Condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` +
			strings.Repeat(`{"a":`, depth) + `1` + strings.Repeat("}", depth) + `}]}`},
		{"unclosed lists", strings.Repeat("[", depth)},
		{"unclosed objects", strings.Repeat(`{"a":`, depth)},
	} {
		t.Run(strings.ReplaceAll(tc.reason, " ", "_"), func(t *testing.T) {
			alloc, err := parseAllocs(t, []byte(tc.src))
			wantCode(t, err, "JSON_SYNTAX_ERROR")
			// The depth limit (10,000) bounds the parser's stack, a
			// constant part of the bound.
			if limit := uint64(4*len(tc.src) + 1<<20); alloc > limit {
				t.Errorf("%d bytes of input allocated %d bytes, more than %d", len(tc.src), alloc, limit)
			}
			t.Logf("%d bytes of input, %d bytes allocated", len(tc.src), alloc)
		})
	}
}

// TestNestingBelowTheLimitIsRead: JSON nested just under encoding/json's
// depth limit is valid, and the parser reports the wrong types in it
// without recursing out of stack.
func TestNestingBelowTheLimitIsRead(t *testing.T) {
	const depth = 9_990
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:x":` +
		strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}}}]}`
	_, err := policy.Parse("deep.json", []byte(src))
	wantCode(t, err, "DATA_TYPE_MISMATCH")
}

// list writes a JSON list of n copies of item.
// members returns a JSON object of n members "prefixI": value.
func members(prefix, value string, n int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", prefix+strconv.Itoa(i), value)
	}
	b.WriteByte('}')
	return b.String()
}

func list(item string, n int) string {
	var b strings.Builder
	b.Grow(n * (len(item) + 1))
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(item)
	}
	b.WriteByte(']')
	return b.String()
}

// TestHugeListsAreRefused: a million actions, a condition with a million
// values, a million statements: refused, as too large to read
// (POLICY_TOO_LARGE) or as too many (TOO_MANY_VALUES). Lists just over
// MaxValues (or MaxStatements) within the size limit: TOO_MANY_VALUES.
//
// Memory: a refusal by size costs next to nothing. A refusal by count reads
// the list up to the limit first, so it costs what MaxValues compiled values
// cost whatever the input (33× to 134× these inputs, up to ~10 MB): the
// bound is absolute, 16 MiB, and the ratio is logged.
func TestHugeListsAreRefused(t *testing.T) {
	stmtWith := func(elem string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` + elem + `}]}`
	}
	const countBound = 16 << 20
	tests := []struct {
		reason string
		src    string
	}{
		{"a million actions", stmtWith(`"Resource":"*","Action":` + list(`"s3:GetObject"`, 1_000_000))},
		{"a condition with a million values", stmtWith(`"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":` + list(`"a"`, 1_000_000) + `}}`)},
		{"a million numbers in a condition", stmtWith(`"Action":"s3:GetObject","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":` + list(`1`, 1_000_000) + `}}`)},
		{"a million statements", `{"Version":"2012-10-17","Statement":` + list(`{}`, 1_000_000) + `}`},
		{"a million resources", stmtWith(`"Action":"s3:GetObject","Resource":` + list(`"*"`, 1_000_000))},
		{"MaxValues+1 actions", stmtWith(`"Resource":"*","Action":` + list(`"a:b"`, policy.MaxValues+1))},
		{"MaxValues+1 resources", stmtWith(`"Action":"s3:GetObject","Resource":` + list(`"*"`, policy.MaxValues+1))},
		{"MaxValues+1 condition values", stmtWith(`"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":` + list(`"a"`, policy.MaxValues+1) + `}}`)},
		{"MaxValues+1 principals", stmtWith(`"Action":"s3:GetObject","Resource":"*","Principal":{"AWS":` + list(`"111111111111"`, policy.MaxValues+1) + `}`)},
		{"MaxStatements+1 statements", `{"Version":"2012-10-17","Statement":` + list(`{}`, policy.MaxStatements+1) + `}`},
		{"MaxValues+1 condition keys", stmtWith(`"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":` + members("aws:k", `"x"`, policy.MaxValues+1) + `}`)},
		{"200,000 condition keys", stmtWith(`"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":` + members("aws:k", `"x"`, 200_000) + `}`)},
		{"MaxValues+1 condition operators", stmtWith(`"Action":"s3:GetObject","Resource":"*","Condition":` + members("StringEquals", `{}`, policy.MaxValues+1))},
		{"MaxValues+1 statement members", `{"Version":"2012-10-17","Statement":[` + members("X", `1`, policy.MaxValues+1) + `]}`},
		{"MaxValues+1 principal types", stmtWith(`"Action":"s3:GetObject","Resource":"*","Principal":` + members("AWS", `"*"`, policy.MaxValues+1))},
		{"MaxValues+1 top-level members", members("X", `1`, policy.MaxValues+1)},
	}
	for _, tc := range tests {
		t.Run(strings.ReplaceAll(tc.reason, " ", "_"), func(t *testing.T) {
			alloc, err := parseAllocs(t, []byte(tc.src))
			if err == nil {
				t.Fatal("Parse accepted the input")
			}
			got := codes(t, err)
			ratio := float64(alloc) / float64(len(tc.src))
			switch {
			case got[0] == "POLICY_TOO_LARGE" && len(tc.src) > policy.MaxSourceBytes:
				if alloc > uint64(4*len(tc.src)) {
					t.Errorf("refusing %d bytes by size allocated %d bytes (%.1f×), more than 4×", len(tc.src), alloc, ratio)
				}
			case got[0] == "TOO_MANY_VALUES":
				if alloc > countBound {
					t.Errorf("refusing %d bytes by count allocated %d bytes (%.1f×), more than %d", len(tc.src), alloc, ratio, countBound)
				}
			default:
				t.Fatalf("codes %v, want POLICY_TOO_LARGE (above %d bytes) or TOO_MANY_VALUES: %v", got, policy.MaxSourceBytes, err)
			}
			t.Logf("%d bytes of input: %s, %d bytes allocated (%.1f×)", len(tc.src), got[0], alloc, ratio)
		})
	}
}

// TestListsAtTheLimitAreRead: MaxValues values, and MaxValues condition
// keys, are accepted.
func TestListsAtTheLimitAreRead(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":` + list(`"a:b"`, policy.MaxValues) + `}]}`
	if _, err := policy.Parse("limit.json", []byte(src)); err != nil {
		t.Fatalf("MaxValues actions: %v", err)
	}
	src = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":"s3:GetObject","Condition":{"StringEquals":` + members("aws:k", `"x"`, policy.MaxValues) + `}}]}`
	pol, err := policy.Parse("limit.json", []byte(src))
	if err != nil {
		t.Fatalf("MaxValues condition keys: %v", err)
	}
	if n := len(pol.Rules()[0].Conditions()); n != policy.MaxValues {
		t.Errorf("MaxValues condition keys compiled into %d clauses", n)
	}
}

// TestConditionKeysBeyondTheLimitAreNotDropped: a condition block of more
// than MaxValues keys is refused whole. Reading only the first keys would
// drop the last condition and allow what it denies.
func TestConditionKeysBeyondTheLimitAreNotDropped(t *testing.T) {
	keys := strings.TrimSuffix(members("aws:k", `"x"`, policy.MaxValues), "}") + `,"aws:username":"alice"}`
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":"s3:GetObject","Condition":{"StringEquals":` + keys + `}}]}`
	_, err := policy.Parse("many-keys.json", []byte(src))
	if got := codes(t, err); len(got) != 1 || got[0] != "TOO_MANY_VALUES" {
		t.Fatalf("codes %v, want TOO_MANY_VALUES alone", got)
	}
}

// TestUnknownElementIsAnError: an element the grammar does not know is an
// error, never silently ignored (a misspelled Condition would otherwise
// grant without its condition).
func TestUnknownElementIsAnError(t *testing.T) {
	const good = `"Effect":"Allow","Action":"s3:GetObject","Resource":"*"`
	for _, tc := range []struct {
		reason, src string
	}{
		{"misspelled Condition", `{"Version":"2012-10-17","Statement":[{` + good + `,"Condtion":{"Bool":{"aws:SecureTransport":"true"}}}]}`},
		{"lower-case condition", `{"Version":"2012-10-17","Statement":[{` + good + `,"condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`},
		{"lower-case effect", `{"Version":"2012-10-17","Statement":[{"effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`},
		{"Principals", `{"Version":"2012-10-17","Statement":[{` + good + `,"Principals":{"AWS":"*"}}]}`},
		{"NotCondition", `{"Version":"2012-10-17","Statement":[{` + good + `,"NotCondition":{}}]}`},
		{"a principal type Aws", `{"Version":"2012-10-17","Statement":[{` + good + `,"Principal":{"Aws":"111111111111"}}]}`},
		{"a principal type Services", `{"Version":"2012-10-17","Statement":[{` + good + `,"Principal":{"Services":"ec2.amazonaws.com"}}]}`},
		{"a top-level Statements", `{"Version":"2012-10-17","Statement":[{` + good + `}],"Statements":[]}`},
		{"a top-level Condition", `{"Version":"2012-10-17","Statement":[{` + good + `}],"Condition":{}}`},
	} {
		p, err := policy.Parse("unknown.json", []byte(tc.src))
		if err == nil || p != nil {
			t.Errorf("%s: Parse = %v, %v; want an error", tc.reason, p, err)
			continue
		}
		codes(t, err)
	}
}

// TestUnknownOperatorIsAnError: a condition operator that is not one of
// IAM's, in any letter case or with a misspelled qualifier or suffix, is
// INVALID_CONDITION_OPERATOR, never a condition that is skipped.
func TestUnknownOperatorIsAnError(t *testing.T) {
	for _, op := range []string{
		"StringEqual", "stringequals", "STRINGEQUALS", "StringEqualsIfExist", "StringEqualsIfexists", "NumericLessThen",
		"ForAnyValues:StringEquals", "ForAllValue:StringLike", "forallvalues:StringLike", "ForAnyValue:", "IfExists",
		"ForAnyValue:ForAllValues:StringEquals", "Bool:IfExists", "NullIfExists", "StringEquals ", " StringEquals", "",
		"IpAddressIfExistsIfExists", "ArnLikeIgnoreCase", "StringLikeIgnoreCase", "DateBetween",
	} {
		src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{` +
			strconv.Quote(op) + `:{"aws:SecureTransport":"true"}}}]}`
		p, err := policy.Parse("op.json", []byte(src))
		if err == nil || p != nil {
			t.Errorf("operator %q: Parse = %v, %v; want an error", op, p, err)
			continue
		}
		got := codes(t, err)
		if got[0] != "INVALID_CONDITION_OPERATOR" && got[0] != "NULL_WITH_IF_EXISTS" {
			t.Errorf("operator %q: codes %v, want INVALID_CONDITION_OPERATOR", op, got)
		}
	}
}

// TestParseDateRoundTrip: a date ParseDate reads reads back from its
// RFC 3339 form. It fails for an instant past 9999-12-31T23:59:59Z, which
// ParseDate takes in ISO form with a negative offset although it refuses
// the same instant in epoch seconds (253402300800): the two readings must
// agree on the range.
func TestParseDateRoundTrip(t *testing.T) {
	for _, s := range []string{"2024-06-30", "2024-06-30T12:00:00.5+02:00", "1719748800", "0001-01-01T00:00:00Z",
		"9999-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00", "0001-01-01T00:30:00+01:00"} {
		checkDate(t, s)
	}
	if _, ok := compiled.ParseDate("253402300800"); ok {
		t.Error("epoch seconds past 9999-12-31T23:59:59Z parsed")
	}
}

func checkDate(t *testing.T, s string) {
	t.Helper()
	tm, ok := compiled.ParseDate(s)
	if !ok {
		return
	}
	if tm.Location() != time.UTC {
		t.Errorf("ParseDate(%q) = %v, not in UTC", s, tm)
	}
	again, ok := compiled.ParseDate(tm.Format(time.RFC3339Nano))
	if !ok || !again.Equal(tm) {
		t.Errorf("ParseDate(%q) = %v, whose RFC 3339 form %q reads as %v, %t", s, tm, tm.Format(time.RFC3339Nano), again, ok)
	}
}

func FuzzOperands(f *testing.F) {
	for _, s := range []string{
		"", "0", "-0", "10", "10.5", "1e3", "1e400", "-1e-400", "NaN", "Inf", "0x10", "1_000", " 10 ", "+5", ".5", "5.",
		"2024", "2024-06", "2024-06-30", "2024-06-30T12:00Z", "2024-06-30T12:00:00Z", "2024-06-30T12:00:00.123456789+02:00",
		"2024-06-30T12:00:00+0200", "2024-06-30T12:00:00", "1719748800", "-62135596800", "253402300799", "253402300800",
		"9999-12-31T23:59:59-01:00", "2024-02-30", "2024-06-30T24:00:00Z",
		"true", "FALSE", "True ", "yes", "1",
		"10.0.0.1", "10.0.0.0/8", "10.0.0.1/8", "::1", "2001:db8::/32", "::ffff:10.0.0.1", "fe80::1%eth0", "1.2.3.4/33", "01.2.3.4",
		"aGVsbG8=", "aGVsbG8", "aGVs\nbG8=", "%%%", "====",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, ok := compiled.ParseNumber(s); ok {
			if math.IsNaN(n) || math.IsInf(n, 0) {
				t.Fatalf("ParseNumber(%q) = %v", s, n)
			}
			text := strconv.FormatFloat(n, 'g', -1, 64)
			if again, ok := compiled.ParseNumber(text); !ok || again != n {
				t.Fatalf("ParseNumber(%q) = %v, whose text %q reads as %v, %t", s, n, text, again, ok)
			}
		}
		if _, ok := compiled.ParseDate(s); ok {
			checkDate(t, s)
		}
		if b, ok := compiled.ParseBool(s); ok {
			if !strings.EqualFold(s, strconv.FormatBool(b)) {
				t.Fatalf("ParseBool(%q) = %v", s, b)
			}
		}
		if p, ok := compiled.ParseIP(s); ok {
			if !p.IsValid() || p != p.Masked() {
				t.Fatalf("ParseIP(%q) = %v, not a valid masked prefix", s, p)
			}
			if again, ok := compiled.ParseIP(p.String()); !ok || again != p {
				t.Fatalf("ParseIP(%q) = %v, whose text reads as %v, %t", s, p, again, ok)
			}
			if p.Addr().Zone() != "" {
				t.Fatalf("ParseIP(%q) = %v keeps a zone", s, p)
			}
		}
		if b, ok := compiled.ParseBinary(s); ok {
			enc := base64.StdEncoding.EncodeToString([]byte(b))
			if again, ok := compiled.ParseBinary(enc); !ok || again != b {
				t.Fatalf("ParseBinary(%q) = %q, whose encoding %q reads as %q, %t", s, b, enc, again, ok)
			}
		}
	})
}

// TestSmallPolicyAllocation pins the size of a Policy, which holds a small
// policy's compiled statements inline: with the runtime's 8-byte header for
// objects over 512 bytes it must stay within the 1,024-byte size class, as
// the garbage collector runs in proportion to the bytes a parse allocates
// (bench/: +512 bytes per parse cost +6% of parse+compile time).
func TestSmallPolicyAllocation(t *testing.T) {
	if n := unsafe.Sizeof(policy.Policy{}); n > 1016 {
		t.Errorf("a Policy is %d bytes, over the 1,016 that fit the 1,024-byte size class with its header", n)
	}
}
