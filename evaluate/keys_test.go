package evaluate

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestTypedContextKeys: the global keys have data types (IAM User Guide,
// "AWS global condition context keys": each key's "Data type" and "Value
// type"); Prepare refuses a value of the wrong form, naming the key.
func TestTypedContextKeys(t *testing.T) {
	tests := []struct {
		reason string
		key    string
		vals   []string
		ok     bool
	}{
		{"aws:SourceIp is an IP address", "aws:SourceIp", []string{"10.1.1.1"}, true},
		{"aws:SourceIp may be IPv6", "aws:SourceIp", []string{"2001:db8::1"}, true},
		{"aws:SourceIp is not host:port (http.Request.RemoteAddr)", "aws:SourceIp", []string{"10.1.1.1:443"}, false},
		{"aws:SourceIp is an address, not a CIDR block", "aws:SourceIp", []string{"10.0.0.0/8"}, false},
		{"aws:SourceIp is single-valued", "aws:SourceIp", []string{"10.1.1.1", "10.1.1.2"}, false},
		{"aws:VpcSourceIp is an IP address", "aws:VpcSourceIp", []string{"vpc"}, false},
		{"aws:CurrentTime is an ISO 8601 date", "aws:CurrentTime", []string{"2026-12-07T10:00:00Z"}, true},
		{"aws:CurrentTime is not free text", "aws:CurrentTime", []string{"yesterday"}, false},
		{"aws:EpochTime is epoch seconds", "aws:EpochTime", []string{"1796637600"}, true},
		{"aws:EpochTime is not free text", "aws:EpochTime", []string{"now"}, false},
		{"aws:TokenIssueTime is a date", "aws:TokenIssueTime", []string{"x"}, false},
		{"aws:SecureTransport is a boolean", "aws:SecureTransport", []string{"true"}, true},
		{"aws:SecureTransport is not yes", "aws:SecureTransport", []string{"yes"}, false},
		{"aws:MultiFactorAuthPresent is a boolean", "aws:MultiFactorAuthPresent", []string{"1"}, false},
		{"aws:ViaAWSService is a boolean", "AWS:VIAAWSSERVICE", []string{"False"}, true},
		{"aws:PrincipalIsAWSService is a boolean", "aws:PrincipalIsAWSService", []string{"no"}, false},
		{"aws:MultiFactorAuthAge is a number", "aws:MultiFactorAuthAge", []string{"3600"}, true},
		{"aws:MultiFactorAuthAge is not a duration", "aws:MultiFactorAuthAge", []string{"1h"}, false},
		{"aws:TagKeys is multivalued", "aws:TagKeys", []string{"a", "b"}, true},
		{"aws:PrincipalTag/<key> is single-valued", "aws:PrincipalTag/team", []string{"a", "b"}, false},
		{"aws:SourceVpc is a string", "aws:SourceVpc", []string{"vpc-111"}, true},
		{"a key the table does not know is taken as given", "s3:prefix", []string{"a", "b"}, true},
		{"an empty key is refused", "", []string{"x"}, false},
	}
	// A set that reads no form at all still has a typed key's form checked:
	// checking what is present is the floor of preparing (PolicySet.Prepare).
	empty, err := Compile(Policies{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			r := userRequest(ctx{tt.key: tt.vals})
			byValues := r
			byValues.Context = nil
			for _, v := range tt.vals {
				byValues.Values = append(byValues.Values, KeyValue{tt.key, v})
			}
			for _, way := range []struct {
				name string
				err  func() error
			}{
				{"Request.Prepare", func() error { _, err := r.Prepare(); return err }},
				{"PolicySet.Prepare", func() error { _, err := empty.Prepare(r); return err }},
				{"Values", func() error { _, err := empty.Prepare(byValues); return err }},
			} {
				err := way.err()
				if tt.ok {
					if err != nil {
						t.Fatalf("%s: %v", way.name, err)
					}
					continue
				}
				var re *RequestError
				if !errors.As(err, &re) || re.Field != "Context" || re.Value != tt.key {
					t.Fatalf("%s: %v, want a RequestError naming %q", way.name, err, tt.key)
				}
				if tt.key != "" && !strings.Contains(err.Error(), tt.key) {
					t.Errorf("%s: the error does not name the key: %v", way.name, err)
				}
			}
		})
	}
}

// TestZeroValues: the zero and nil forms deny and print, never panic.
func TestZeroValues(t *testing.T) {
	p, err := userRequest(nil).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	allowAll := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	set, err := Compile(Policies{Identity: []*policy.Policy{allowAll}})
	if err != nil {
		t.Fatal(err)
	}
	root, err := Request{Principal: "arn:aws:iam::111111111111:root", Action: "s3:GetObject", Resource: "*"}.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	var zero PolicySet
	var nilSet *PolicySet
	for _, tc := range []struct {
		reason string
		set    *PolicySet
		p      *Prepared
	}{
		{"a zero PolicySet denies", &zero, p},
		{"a zero PolicySet denies even the root user", &zero, root},
		{"a nil PolicySet denies", nilSet, p},
		{"Decide(nil) denies", set, nil},
		{"a zero Prepared denies", set, &Prepared{}},
	} {
		if d := tc.set.Decide(tc.p); d != ImplicitDeny {
			t.Errorf("%s: Decide = %v", tc.reason, d)
		}
		if r := tc.set.Explain(tc.p); r.Decision != ImplicitDeny || r.String() == "" {
			t.Errorf("%s: Explain = %v", tc.reason, r)
		}
		_ = tc.set.String()
	}
	if got := zero.String(); !strings.Contains(got, "denies") {
		t.Errorf("zero PolicySet prints %q", got)
	}
	if got, want := (&Result{}).String(), "ImplicitDeny: no request was evaluated."; got != want {
		t.Errorf("zero Result prints %q, want %q", got, want)
	}
	if got := (*Result)(nil).String(); got != "<nil>" {
		t.Errorf("nil Result prints %q", got)
	}
}

// TestCallerKeysDocumented: the Caller's doc comment lists every key the
// key table says a Caller governs.
func TestCallerKeysDocumented(t *testing.T) {
	src, err := os.ReadFile("caller.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.ToLower(string(src[:strings.Index(string(src), "type Caller struct")]))
	for key, f := range globalKeys {
		if f.caller && !strings.Contains(doc, key) {
			t.Errorf("the Caller's doc does not list %s", key)
		}
	}
	if !strings.Contains(doc, principalTagPrefix+"*") {
		t.Errorf("the Caller's doc does not list %s*", principalTagPrefix)
	}
}

// TestManyContextKeys: past the few keys kept in an array, a request's
// context moves to a map, and every key is still found.
func TestManyContextKeys(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 8, 9, 20} {
		c := ctx{}
		for i := range n {
			c[fmt.Sprintf("s3:Key%d", i)] = []string{fmt.Sprint(i)}
		}
		p := mustPrepare(t, userRequest(c))
		for i := range n {
			if got, ok := p.Lookup(fmt.Sprintf("s3:key%d", i)); !ok || got != fmt.Sprint(i) {
				t.Errorf("%d keys: s3:key%d = %q, %t", n, i, got, ok)
			}
		}
		if _, ok := p.Lookup("s3:absent"); ok {
			t.Errorf("%d keys: an absent key is found", n)
		}
		keys := p.ContextKeys()
		if !slices.IsSorted(keys) || !slices.Contains(keys, "aws:principalarn") || len(keys) < n {
			t.Errorf("%d keys: ContextKeys() = %v", n, keys)
		}
		// A key given twice in different letter case is refused, in the
		// array and in the map alike.
		c["S3:KEY0"] = []string{"x"}
		if _, err := userRequest(c).Prepare(); err == nil && n > 0 {
			t.Errorf("%d keys: a key given twice in different case was accepted", n)
		}
	}
}

// TestConstList: every fixed text finds its own shared list, read in
// every form, and no other text finds one.
func TestConstList(t *testing.T) {
	for i, s := range constTexts {
		l := constList(s)
		if len(l) != 1 || &l[0] != &constLists[i][0] || l[0].s != s || l[0].done != allForms {
			t.Errorf("constList(%q) = %v, want constLists[%d]", s, l, i)
		}
	}
	for _, s := range []string{"", "user", "True", "FALSE", "111111111111", "arn:aws:iam::111111111111:root"} {
		if l := constList(s); l != nil {
			t.Errorf("constList(%q) = %v, want none", s, l)
		}
	}
}
