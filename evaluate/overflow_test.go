package evaluate

import (
	"fmt"
	"testing"
)

// TestPrepareToOverflow: a request with more context keys than the store's
// arrays hold (in lower case, which need no folded copy), and more values
// than its slab, is prepared into a reused Prepared without allocating
// once the store's overflow exists, and each request reads its own values,
// not the last one's left in the overflow.
func TestPrepareToOverflow(t *testing.T) {
	set := compileSet(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"aws:PrincipalTag/k11": "v11-a", "aws:RequestTag/r3": "x"}}}]}`)
	values := func(suffix string) []KeyValue {
		var vs []KeyValue
		for i := range 12 {
			vs = append(vs, KeyValue{fmt.Sprintf("aws:principaltag/k%d", i), fmt.Sprintf("v%d-%s", i, suffix)})
		}
		for i := range 4 {
			vs = append(vs, KeyValue{fmt.Sprintf("aws:requesttag/r%d", i), "x"})
		}
		return vs
	}
	a, b := values("a"), values("b")
	req := func(vs []KeyValue) Request {
		return Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Values: vs}
	}
	var p Prepared
	decide := func(vs []KeyValue) Decision {
		if err := set.PrepareTo(&p, req(vs)); err != nil {
			t.Fatal(err)
		}
		return set.Decide(&p)
	}
	for range 3 { // alternate: each request sees its own k11
		if d := decide(a); d != Allow {
			t.Fatalf("with k11 = v11-a: %v, want Allow", d)
		}
		if d := decide(b); d != ImplicitDeny {
			t.Fatalf("with k11 = v11-b after v11-a: %v, want ImplicitDeny", d)
		}
	}
	if n := testing.AllocsPerRun(100, func() { decide(a) }); n != 0 {
		t.Errorf("a reused Prepared allocates %v times for a request beyond its arrays, want 0", n)
	}
}
