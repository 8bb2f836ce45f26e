package evaluate

import (
	"errors"
	"slices"
	"testing"

	"github.com/iamsim/iamsim/internal/workload"
)

// TestFreshRequestAllocations pins the path a service pays per call: the
// request built with Values, PolicySet.Prepare, Decide. It allocates the
// Prepared and the Values list (which the Prepared keeps, for Request):
// the action comes folded from the set's own statement, no derived key is
// materialized that the set does not read, no value is read in a form it
// does not compare. A Prepared made so decides with no allocation.
func TestFreshRequestAllocations(t *testing.T) {
	for _, size := range []int{2, 1000} {
		set := compileSet(t, largePolicy(size))
		n := testing.AllocsPerRun(100, func() {
			p, err := set.Prepare(freshRequest(workload.AppUserID))
			if err != nil || set.Decide(p) != Allow {
				t.Fatal("not allowed", err)
			}
		})
		t.Logf("%d statements: %v allocations", size, n)
		if limit := 2.0; n > limit {
			t.Errorf("%d statements: a fresh request allocates %v times, want at most %v", size, n, limit)
		}
		p, err := set.Prepare(freshRequest(workload.AppUserID))
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { set.Decide(p) }); n != 0 {
			t.Errorf("%d statements: Decide of a Prepared made by the set allocates %v times", size, n)
		}
	}
}

// TestPrepareForReadsLess: PolicySet.Prepare materializes only the derived
// keys the set reads, yet the Prepared has every key Request.Prepare's
// has (ContextKeys, Lookup), derived when asked.
func TestPrepareForReadsLess(t *testing.T) {
	set := compileSet(t, photosPolicy)
	r := freshRequest(workload.AppUserID)
	lean, err := set.Prepare(r)
	if err != nil {
		t.Fatal(err)
	}
	full, err := r.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	// aws:userid is derived for some principals (not a role session).
	if lean.derived != 1<<dUserID || lean.forms != 0 {
		t.Errorf("the photos policy reads aws:userid as text only; Prepare made derived keys %b, forms %b", lean.derived, lean.forms)
	}
	if got, want := lean.ContextKeys(), full.ContextKeys(); !slices.Equal(got, want) {
		t.Errorf("ContextKeys = %v, Request.Prepare's %v", got, want)
	}
	for _, k := range full.ContextKeys() {
		a, aok := lean.Lookup(k)
		b, bok := full.Lookup(k)
		if a != b || aok != bok {
			t.Errorf("Lookup(%s) = %q %t, Request.Prepare's %q %t", k, a, aok, b, bok)
		}
	}
	if v, _ := lean.Lookup("aws:principalarn"); v != workload.Role {
		t.Errorf("aws:PrincipalArn derived when asked: %q, want %q", v, workload.Role)
	}
}

// TestValues: Values gives a request's context as Context does, and is
// checked as Context is.
func TestValues(t *testing.T) {
	base := Request{Principal: appsSess, Action: "s3:GetObject", Resource: photosItem, ResourceAccount: "111111111111"}
	with := func(ctx ctx, vals ...KeyValue) Request {
		r := base
		r.Context, r.Values = ctx, vals
		return r
	}
	p, err := with(nil, KeyValue{"aws:TagKeys", "a"}, KeyValue{"aws:SourceIp", "203.0.113.5"}, KeyValue{"aws:TagKeys", "b"}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.context("aws:tagkeys"); len(got) != 2 || got[0].s != "a" || got[1].s != "b" {
		t.Errorf("a key repeated in Values gathers its values in order: %v", got)
	}
	if got := p.context("aws:sourceip"); len(got) != 1 || !got[0].addrOK {
		t.Errorf("aws:SourceIp from Values is read as an address: %+v", got)
	}
	refused := []struct {
		why string
		r   Request
	}{
		{"a key in both Context and Values", with(ctx{"aws:SourceVpc": {"vpc-1"}}, KeyValue{"aws:sourcevpc", "vpc-1"})},
		{"a key repeated in another letter case", with(nil, KeyValue{"aws:TagKeys", "a"}, KeyValue{"aws:tagkeys", "b"})},
		{"a single-valued key given twice", with(nil, KeyValue{"aws:SourceVpc", "vpc-1"}, KeyValue{"aws:SourceVpc", "vpc-2"})},
		{"a typed key of the wrong form", with(nil, KeyValue{"aws:SourceIp", "203.0.113.5:443"})},
		{"an empty key", with(nil, KeyValue{"", "x"})},
		{"a key the Caller governs", Request{Action: "s3:GetObject", Resource: photosItem, Caller: &Caller{ARN: appsRole, SessionName: "s1"}, Values: []KeyValue{{"aws:PrincipalOrgID", "o-a1b2c3d4e5"}}}},
	}
	for _, tt := range refused {
		_, err := tt.r.Prepare()
		var re *RequestError
		if !errors.As(err, &re) || re.Field != "Context" {
			t.Errorf("%s: %v, want a Context RequestError", tt.why, err)
		}
	}
}
