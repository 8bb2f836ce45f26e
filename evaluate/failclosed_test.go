package evaluate_test

// Tests that the engine fails closed on what it cannot read, and that
// request values compare as the same text in a policy: regression tests
// found by the fuzz targets (fuzz_test.go).

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/policy"
)

// equalityOperators compare a value with a policy value; each is given
// with the reader that says whether a text is in the operator's domain.
var equalityOperators = []struct {
	op    string
	reads func(s string) bool
}{
	{"StringEquals", func(string) bool { return true }},
	{"StringEqualsIgnoreCase", func(string) bool { return true }},
	{"StringLike", func(string) bool { return true }},
	{"ArnEquals", func(string) bool { return true }},
	{"ArnLike", func(string) bool { return true }},
	{"NumericEquals", func(s string) bool { _, ok := compiled.ParseNumber(s); return ok }},
	{"DateEquals", func(s string) bool { _, ok := compiled.ParseDate(s); return ok }},
	{"Bool", func(s string) bool { _, ok := compiled.ParseBool(s); return ok }},
	{"BinaryEquals", func(s string) bool { _, ok := compiled.ParseBinary(s); return ok }},
	{"IpAddress", func(s string) bool { p, ok := compiled.ParseIP(s); return ok && p.IsSingleIP() }},
}

// checkValueEqualsItself checks that a request value equals the same text
// given as a policy value, for every equality operator whose reader takes
// the text: an Allow with the condition allows, a Deny denies.
func checkValueEqualsItself(t *testing.T, v string) {
	t.Helper()
	if strings.Contains(v, "${") || !utf8.ValidString(v) {
		return
	}
	req := evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "*",
		Context: map[string][]string{"test:value": {v}}}
	p, err := req.Prepare()
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	for _, eq := range equalityOperators {
		if !eq.reads(v) {
			continue
		}
		doc := policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
			Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"*"},
			Condition: policy.Condition{eq.op: {"test:value": {v}}},
		}}}
		pol, err := policy.Build("self.json", doc)
		if err != nil {
			continue // a character the policy language does not take
		}
		if d := decideBoth(t, evaluate.Policies{Identity: []*policy.Policy{pol}}, p); d != Allow {
			t.Errorf("%s {%q: %q} does not hold for the request value %q: %v", eq.op, "test:value", v, v, d)
		}
	}
}

// TestContextValueEqualsItself: a request value equals the same text as a
// policy value under every equality operator whose reader takes the text.
// Regression test: a value with white space around it was read as a
// number, date or address in a policy (compiled.ParseNumber, ParseDate and
// ParseIP trim it) but not in a request, so NumericEquals " 10" did not hold
// for the request value " 10"; base64 with a line break likewise (fixed in
// 664116a). FuzzPrepare checks the same property on fuzzed values.
func TestContextValueEqualsItself(t *testing.T) {
	for _, v := range []string{"10", " 10", "10 ", "\t1.5", "2024-06-30", " 2024-06-30T12:00:00Z", "1719748800 ",
		"203.0.113.5", " 203.0.113.5", "2001:db8::1 ", "true", " true", "aGVsbG8=", "aGVs\nbG8=", "arn:aws:s3:::a*b", "é"} {
		t.Run(strings.TrimSpace(fmt.Sprintf("%q", v)), func(t *testing.T) {
			if strings.Contains(v, "${") {
				t.Skip()
			}
			req := evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "*",
				Context: map[string][]string{"test:value": {v}}}
			p, err := req.Prepare()
			if err != nil {
				t.Fatal(err)
			}
			for _, eq := range equalityOperators {
				if !eq.reads(v) {
					continue
				}
				pol, err := policy.Build("self.json", policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
					Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"*"},
					Condition: policy.Condition{eq.op: {"test:value": {v}}},
				}}})
				if err != nil {
					t.Fatalf("%s %q: %v", eq.op, v, err)
				}
				if d := decideBoth(t, evaluate.Policies{Identity: []*policy.Policy{pol}}, p); d != Allow {
					t.Errorf("%s {\"test:value\": %q} does not hold for the request value %q: %v", eq.op, v, v, d)
				}
			}
		})
	}
}

// TestDenyAppliesToPaddedNumber is the security consequence of the defect
// above: a Deny on a numeric condition was evaded by a value with a space.
func TestDenyAppliesToPaddedNumber(t *testing.T) {
	pol := policy.MustParse("cap.json", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},
		{"Effect":"Deny","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericGreaterThan":{"s3:max-keys":"100"}}}]}`)
	for _, v := range []string{"1000", " 1000", "1000 "} {
		res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{pol}}, evaluate.Request{
			Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:ListBucket", Resource: "arn:aws:s3:::photos",
			ResourceAccount: acctA, Context: map[string][]string{"s3:max-keys": {v}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, isNumber := compiled.ParseNumber(v); isNumber && res.Decision != ExplicitDeny {
			t.Errorf("s3:max-keys %q (compiled.ParseNumber reads it as a number): %v, want ExplicitDeny", v, res.Decision)
		}
	}
}

// TestPolicyVariableInNumericDateBoolOperand: a condition with a policy
// variable in the operand of a Numeric, Date or Bool operator never holds
// when the resolved comparison is false or the variable has no value.
// Regression test: the operand was compiled as text but compared as its
// unset number, time or boolean (0, the zero time, false), so
// NumericGreaterThan {"s3:max-keys": "${aws:PrincipalTag/limit}"} held for
// any positive max-keys whatever the tag said: a wrong Allow (fixed in
// 664116a). Refusing such a policy at Parse would pass too.
func TestPolicyVariableInNumericDateBoolOperand(t *testing.T) {
	tests := []struct {
		reason    string
		condition string
		ctx       map[string][]string
	}{
		{"5 > limit 100 is false", `{"NumericGreaterThan":{"s3:max-keys":"${aws:PrincipalTag/limit}"}}`,
			map[string][]string{"s3:max-keys": {"5"}, "aws:PrincipalTag/limit": {"100"}}},
		{"no limit tag: the variable has no value", `{"NumericGreaterThan":{"s3:max-keys":"${aws:PrincipalTag/limit}"}}`,
			map[string][]string{"s3:max-keys": {"5"}}},
		{"0 = limit 7 is false", `{"NumericEquals":{"s3:max-keys":"${aws:PrincipalTag/limit}"}}`,
			map[string][]string{"s3:max-keys": {"0"}, "aws:PrincipalTag/limit": {"7"}}},
		{"2020 after start 2030 is false", `{"DateGreaterThan":{"aws:CurrentTime":"${aws:PrincipalTag/start}"}}`,
			map[string][]string{"aws:CurrentTime": {"2020-01-01T00:00:00Z"}, "aws:PrincipalTag/start": {"2030-01-01T00:00:00Z"}}},
		{"false = flag true is false", `{"Bool":{"aws:SecureTransport":"${aws:PrincipalTag/flag}"}}`,
			map[string][]string{"aws:SecureTransport": {"false"}, "aws:PrincipalTag/flag": {"true"}}},
	}
	for _, tc := range tests {
		src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":` + tc.condition + `}]}`
		pol, err := policy.ParseString("var.json", src)
		if err != nil {
			continue // refusing the policy is a fix too
		}
		res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{pol}}, evaluate.Request{
			Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:ListBucket", Resource: "arn:aws:s3:::photos",
			ResourceAccount: acctA, Context: tc.ctx})
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision == Allow {
			t.Errorf("%s: %s with %v: Allow, want ImplicitDeny", tc.reason, tc.condition, tc.ctx)
		}
	}
}

// TestCompileRejectsNil: a policy that did not parse is nil, and Compile
// (so Evaluate) refuses a nil policy in any list rather than skip it.
func TestCompileRejectsNil(t *testing.T) {
	_, parseErr := policy.ParseString("bad.json", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condtion":{}}]}`)
	if parseErr == nil {
		t.Fatal("an unknown element parsed")
	}
	tests := []struct {
		reason string
		ps     evaluate.Policies
	}{
		{"identity", evaluate.Policies{Identity: []*policy.Policy{nil}}},
		{"identity, after a good one", evaluate.Policies{Identity: []*policy.Policy{allowAll, nil}}},
		{"session", evaluate.Policies{Identity: []*policy.Policy{allowAll}, Session: []*policy.Policy{nil}}},
		{"SCP level", evaluate.Policies{Identity: []*policy.Policy{allowAll}, SCPs: [][]*policy.Policy{{allowAll}, {nil}}}},
		{"RCP level", evaluate.Policies{Identity: []*policy.Policy{allowAll}, RCPs: [][]*policy.Policy{{allowAllRes, nil}}}},
	}
	for _, tc := range tests {
		if set, err := evaluate.Compile(tc.ps); !errors.Is(err, evaluate.ErrNilPolicy) || set != nil {
			t.Errorf("%s: Compile = %v, %v; want nil, ErrNilPolicy", tc.reason, set, err)
		}
		res, err := evaluate.Evaluate(tc.ps, evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "*"})
		if !errors.Is(err, evaluate.ErrNilPolicy) || res != nil {
			t.Errorf("%s: Evaluate = %v, %v; want nil, ErrNilPolicy", tc.reason, res, err)
		}
	}
}

// TestNilBoundaryOrResourcePolicyIsAbsent documents a hazard of the API: a
// nil Boundary or Resource means "none", so a caller that ignores Parse's
// error and passes the nil result gets no boundary, which grants more than
// the boundary it meant. Compile cannot tell the two apart.
func TestNilBoundaryOrResourcePolicyIsAbsent(t *testing.T) {
	var failed *policy.Policy // what Parse returns with an error
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{allowAll}, Boundary: failed},
		evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "*"})
	if err != nil || res.Decision != Allow {
		t.Fatalf("got %v, %v; this test documents that a nil boundary is no boundary", res, err)
	}
}

// unreadable are operands IAM accepts (Access Analyzer warns) that cannot
// be read for their operator.
var unreadable = []struct {
	positive, negated  string // operator names
	key, operand, code string
	present            [][]string // request values to try
}{
	{"NumericLessThan", "NumericNotEquals", "s3:max-keys", "abc", "TYPE_MISMATCH_NUMBER", [][]string{{"1"}, {"abc"}, {"-1e300"}, {"1", "2"}}},
	// aws:SecureTransport and aws:SourceIp are typed global keys: Prepare
	// refuses a request value that is not a boolean or an address
	// (TestTypedContextKeys), so only readable values are tried here.
	{"Bool", "", "aws:SecureTransport", "yes", "TYPE_MISMATCH_BOOLEAN", [][]string{{"true"}, {"false"}}},
	{"IpAddress", "NotIpAddress", "aws:SourceIp", "not-an-ip", "TYPE_MISMATCH_IP_RANGE", [][]string{{"10.0.0.1"}, {"::1"}}},
	{"BinaryEquals", "", "s3:x-amz-bin", "%%%", "TYPE_MISMATCH_STRING", [][]string{{"JSUl"}, {"%%%"}}},
}

func conditionPolicy(t *testing.T, effect, op, key, operand string) *policy.Policy {
	t.Helper()
	stmt := fmt.Sprintf(`{"Effect":%q,"Action":"s3:ListBucket","Resource":"*","Condition":{%q:{%q:%q}}}`, effect, op, key, operand)
	src := `{"Version":"2012-10-17","Statement":[` + stmt
	if effect == "Deny" {
		src += `,{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}`
	}
	pol, err := policy.ParseString("unreadable.json", src+`]}`)
	if err != nil {
		t.Fatalf("%s %q: %v", op, operand, err)
	}
	return pol
}

func decideCtx(t *testing.T, pol *policy.Policy, ctx map[string][]string) evaluate.Decision {
	t.Helper()
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{pol}}, evaluate.Request{
		Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:ListBucket", Resource: "arn:aws:s3:::photos",
		ResourceAccount: acctA, Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	return res.Decision
}

// TestUnreadableOperandPositiveNeverMatches: an operand IAM accepts but
// cannot read parses with a warning finding and never matches under a
// positive operator: an Allow with it never allows, a Deny with it never
// denies, whatever the request holds. (With the key absent, the
// missing-key rules apply as to any operand, and IfExists holds.)
func TestUnreadableOperandPositiveNeverMatches(t *testing.T) {
	for _, u := range unreadable {
		for _, op := range []string{u.positive, u.positive + "IfExists"} {
			allow := conditionPolicy(t, "Allow", op, u.key, u.operand)
			fs := allow.Findings()
			if !slices.ContainsFunc(fs, func(f *policy.Finding) bool { return string(f.Code) == u.code && f.Severity == policy.Warning }) {
				t.Errorf("%s %q: findings %v, want a %s warning", op, u.operand, fs, u.code)
			}
			deny := conditionPolicy(t, "Deny", op, u.key, u.operand)
			for _, vals := range u.present {
				ctx := map[string][]string{u.key: vals}
				if d := decideCtx(t, allow, ctx); d != ImplicitDeny {
					t.Errorf("Allow if %s {%s: %q}, request %q: %v, want ImplicitDeny", op, u.key, u.operand, vals, d)
				}
				if d := decideCtx(t, deny, ctx); d != Allow {
					t.Errorf("Deny if %s {%s: %q}, request %q: %v, want the Deny not to apply", op, u.key, u.operand, vals, d)
				}
			}
			if d := decideCtx(t, allow, nil); (d == Allow) != strings.HasSuffix(op, "IfExists") {
				t.Errorf("Allow if %s {%s: %q}, key absent: %v", op, u.key, u.operand, d)
			}
		}
	}
}

// TestUnreadableOperandNegatedAlwaysHolds documents the observed behaviour
// of a negated operator with an unreadable operand (README, "Where
// behaviour is a choice"): the operand equals no request value, so
// NumericNotEquals "abc" and NotIpAddress "not-an-ip" hold for every
// request. A Deny with it always denies (fail closed); an Allow with it
// always allows, which Access Analyzer's warning is the only guard against.
func TestUnreadableOperandNegatedAlwaysHolds(t *testing.T) {
	for _, u := range unreadable {
		if u.negated == "" {
			continue
		}
		allow := conditionPolicy(t, "Allow", u.negated, u.key, u.operand)
		deny := conditionPolicy(t, "Deny", u.negated, u.key, u.operand)
		for _, vals := range append(u.present, nil) {
			ctx := map[string][]string{}
			if vals != nil {
				ctx[u.key] = vals
			}
			if d := decideCtx(t, allow, ctx); d != Allow {
				t.Errorf("Allow if %s {%s: %q}, request %q: %v, want Allow (the documented reading)", u.negated, u.key, u.operand, vals, d)
			}
			if d := decideCtx(t, deny, ctx); d != ExplicitDeny {
				t.Errorf("Deny if %s {%s: %q}, request %q: %v, want ExplicitDeny", u.negated, u.key, u.operand, vals, d)
			}
		}
	}
}

// TestUnreadableDateIsAParseError: IAM rejects a Date operand that is not a
// date, and so does Parse.
func TestUnreadableDateIsAParseError(t *testing.T) {
	for _, op := range []string{"DateLessThan", "DateNotEquals", "DateEqualsIfExists"} {
		src := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{%q:{"aws:CurrentTime":"abc"}}}]}`, op)
		p, err := policy.ParseString("date.json", src)
		var list policy.ErrorList
		if p != nil || !errors.As(err, &list) || list[0].Code != "TYPE_MISMATCH_DATE" {
			t.Errorf("%s \"abc\": Parse = %v, %v; want TYPE_MISMATCH_DATE", op, p, err)
		}
	}
}

// TestExplainCostIsLinear: Explain's cost grows with the statements that
// match, not with their number times the policy's size. Each Match takes
// its Position from Policy.Position, which scans the source from its start,
// so Explain is quadratic: on a 1 MB policy of 20,000 matching statements
// (within MaxSourceBytes) it took 8.9 s against Decide's 0.7 ms. The test
// compares Explain with Decide on the same policy instead of timing it:
// after the fix (a line index kept by the Policy) the ratio is a few
// hundred at most; today it is thousands.
func TestExplainCostIsLinear(t *testing.T) {
	const n = 2500
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)
	}
	b.WriteString(`]}`)
	set, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Policy{policy.MustParse("big.json", b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	p, err := evaluate.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "*"}.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	fastest := func(runs int, f func()) time.Duration {
		best := time.Duration(math.MaxInt64)
		for range runs {
			start := time.Now()
			f()
			best = min(best, time.Since(start))
		}
		return best
	}
	decide := fastest(20, func() { set.Decide(p) })
	explain := fastest(2, func() {
		if res := set.Explain(p); len(res.Matched) != n {
			t.Fatalf("%d statements matched, want %d", len(res.Matched), n)
		}
	})
	ratio := float64(explain) / float64(max(decide, time.Microsecond))
	t.Logf("%d matching statements, %d bytes: Decide %v, Explain %v (%.0f×)", n, b.Len(), decide, explain, ratio)
	if ratio > 1000 {
		t.Errorf("Explain costs %.0f× Decide on %d matching statements: quadratic in the policy's size", ratio, n)
	}
}

// TestNonASCIIActionMatchesNoASCIIPattern: the policy grammar takes only
// ASCII in action names, but Prepare folds a request's action with
// strings.ToLower, which maps U+212A KELVIN SIGN to 'k': the action
// "s3:ListBuc\u212Aet" is then allowed by "s3:ListBucket". A service that
// dispatches on the raw name and authorizes with iamsim gets a decision for
// an action that is not the one it runs. Prepare should refuse an action
// that is not ASCII (or fold only ASCII letters).
func TestNonASCIIActionMatchesNoASCIIPattern(t *testing.T) {
	pol := policy.MustParse("list.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`)
	for _, action := range []string{"s3:ListBuc\u212Aet", "s3:ListBucket\u0130"} {
		res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Policy{pol}}, evaluate.Request{
			Principal: "arn:aws:iam::111111111111:user/alice", Action: action, Resource: "*"})
		if err == nil && res.Decision == Allow {
			t.Errorf("the action %q is allowed by s3:ListBucket", action)
		}
	}
}
