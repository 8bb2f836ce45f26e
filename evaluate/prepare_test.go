package evaluate

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/internal/workload"
	"github.com/iamsim/iamsim/policy"
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

// TestDecideRequestAllocations pins the path bench/'s Request/<size>/iamsim
// times: a request built per call with a Values literal, DecideRequest.
// The Values list escapes (the pooled Prepared keeps the Request): that
// one allocation is the caller's, and DecideRequest adds none.
func TestDecideRequestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector sync.Pool drops items at random")
	}
	for _, size := range []int{2, 1000} {
		set := compileSet(t, largePolicy(size))
		n := testing.AllocsPerRun(100, func() {
			if d, err := set.DecideRequest(freshRequest(workload.AppUserID)); err != nil || d != Allow {
				t.Fatal("not allowed", err)
			}
		})
		if limit := 1.0; n > limit {
			t.Errorf("%d statements: DecideRequest of a fresh request allocates %v times, want at most %v (its Values list)", size, n, limit)
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

// TestPrepareTo: a reused Prepared is prepared without allocating, decides
// as a fresh one, and after a refused request (or never prepared) denies
// even where a policy allows everyone everything.
func TestPrepareTo(t *testing.T) {
	set := compileSet(t, photosPolicy)
	var p Prepared
	vals := make([]KeyValue, 0, 1)
	prepare := func(userID string) error {
		return set.PrepareTo(&p, Request{
			Principal: workload.Session, Action: workload.Action, Resource: workload.Photo,
			Values:          append(vals[:0], KeyValue{"aws:userid", userID}),
			ResourceAccount: workload.Account,
		})
	}
	if n := testing.AllocsPerRun(100, func() {
		if err := prepare(workload.AppUserID); err != nil || set.Decide(&p) != Allow {
			t.Fatal("not allowed", err)
		}
	}); n != 0 {
		t.Errorf("PrepareTo and Decide allocate %v times, want 0", n)
	}
	if err := prepare("someone-else"); err != nil || set.Decide(&p) != ExplicitDeny {
		t.Errorf("reused for another caller: %v, %v; want ExplicitDeny", set.Decide(&p), err)
	}
	open, err := Compile(Policies{Resource: mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	if d := open.Decide(&Prepared{}); d != ImplicitDeny {
		t.Errorf("a zero Prepared: %v, want ImplicitDeny", d)
	}
	if err := set.PrepareTo(&p, Request{Principal: "nobody", Action: "s3:GetObject", Resource: "*"}); err == nil {
		t.Fatal("a bad principal was prepared")
	}
	if d, res := open.Decide(&p), open.Explain(&p); d != ImplicitDeny || res.Decision != ImplicitDeny {
		t.Errorf("after a refused request: %v, %v; want ImplicitDeny", d, res.Decision)
	}
}

// TestDecideRequest: the one-call path decides and explains as Prepare
// and Decide do, refuses what Prepare refuses, and allocates nothing of
// its own (the Values list is the caller's: reused here).
func TestDecideRequest(t *testing.T) {
	set := compileSet(t, photosPolicy)
	for _, userID := range []string{workload.AppUserID, "someone-else"} {
		p, err := set.Prepare(freshRequest(userID))
		if err != nil {
			t.Fatal(err)
		}
		d, err := set.DecideRequest(freshRequest(userID))
		if err != nil || d != set.Decide(p) {
			t.Errorf("%s: DecideRequest %v %v, Decide %v", userID, d, err, set.Decide(p))
		}
		res, err := set.ExplainRequest(freshRequest(userID))
		if want := set.Explain(p); err != nil || !reflect.DeepEqual(res, want) {
			t.Errorf("%s: ExplainRequest %v %v, Explain %v", userID, res, err, want)
		}
	}
	if d, err := set.DecideRequest(Request{Principal: "nobody", Action: "s3:GetObject", Resource: "*"}); err == nil || d != ImplicitDeny {
		t.Errorf("a bad principal: %v %v, want ImplicitDeny and an error", d, err)
	}
	vals := make([]KeyValue, 0, 1)
	n := testing.AllocsPerRun(100, func() {
		d, err := set.DecideRequest(Request{
			Principal: workload.Session, Action: workload.Action, Resource: workload.Photo,
			Values:          append(vals[:0], KeyValue{"aws:userid", workload.AppUserID}),
			ResourceAccount: workload.Account,
		})
		if err != nil || d != Allow {
			t.Fatal("not allowed", err)
		}
	})
	// Under the race detector sync.Pool drops items at random.
	if n != 0 && !raceEnabled {
		t.Errorf("DecideRequest allocates %v times, want 0", n)
	}
}

// TestActionCheck: an action is service:action, one colon, neither part
// empty, no space or wildcard.
func TestActionCheck(t *testing.T) {
	for a, ok := range map[string]bool{
		"s3:GetObject": true, "sts:AssumeRole": true, "a:b": true,
		"": false, "s3": false, ":GetObject": false, "s3:": false, "s3:Get*": false,
		"s3:Get?": false, "s3:a:b": false, "s3 :Get": false, ":": false, "s3::Get": false,
	} {
		if err := actionCheck(a); (err == nil) != ok {
			t.Errorf("actionCheck(%q) = %v, want ok %t", a, err, ok)
		}
	}
}

// TestFoldKeyTables: the key table's hash finds every global key and no
// other, and needsFold agrees with a byte-by-byte look.
func TestFoldKeyTables(t *testing.T) {
	for k, f := range globalKeys {
		if got, ok := keyTable.lookup(k); !ok || got != f {
			t.Errorf("keyTable.lookup(%q) = %v %t", k, got, ok)
		}
		if _, ok := keyTable.lookup(k + "x"); ok {
			t.Errorf("keyTable finds %q", k+"x")
		}
	}
	for _, k := range []string{"", "a", "aws:userid", "aws:UserId", "AWS:USERID", "aws:useriD", "aws:principaltag/Team",
		"aws:sourceip\\xc3\\xa9", "@[`{", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz0123456789:/-_", "Z", "zzzzzzzzZ", "\x80"} {
		want := false
		for i := 0; i < len(k); i++ {
			want = want || foldable[k[i]]
		}
		if got := needsFold(k); got != want {
			t.Errorf("needsFold(%q) = %t, want %t", k, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		for lane := range 9 { // every lane of a word, and the tail
			b := []byte("aaaaaaaaa")
			b[lane] = byte(c)
			if got, want := needsFold(string(b)), foldable[c]; got != want {
				t.Errorf("needsFold with byte %#x at %d = %t, want %t", c, lane, got, want)
			}
		}
	}
}

// TestLiteralActionStillChecked: preparing skips actionCheck for an action
// that folds to one of the set's literal actions, which collectLits keeps
// only when they are actions a request may name. A policy literal that is
// no such action ("s3:Get Object", "s3:a:b") must not make a request
// naming it pass: it is refused as without the set.
func TestLiteralActionStillChecked(t *testing.T) {
	// (The policy parser refuses these today; should it ever accept one,
	// the set must still refuse a request naming it.)
	for _, act := range []string{"s3:Get Object", "s3:a:b", "s3::Get"} {
		pol, err := policy.Parse("odd", []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"`+act+`","Resource":"*"}]}`))
		if err != nil {
			continue // the parser refuses it: nothing to check
		}
		set, err := Compile(Policies{Identity: []*policy.Policy{pol}})
		if err != nil {
			continue
		}
		if got := set.lits.lits[:set.lits.n]; len(got) != 0 {
			t.Errorf("%q: collectLits kept %q", act, got)
		}
		var p Prepared
		r := Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: act, Resource: "*"}
		if err := set.PrepareTo(&p, r); err == nil {
			t.Errorf("%q: PrepareTo accepted the action", act)
		}
		if d, err := set.DecideRequest(r); err == nil || d != ImplicitDeny {
			t.Errorf("%q: DecideRequest = %v, %v; want ImplicitDeny and an error", act, d, err)
		}
	}
	// The usual case: an action in any letter case that folds to a literal.
	pol := policy.MustParse("read", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	set, err := Compile(Policies{Identity: []*policy.Policy{pol}})
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range []string{"s3:GetObject", "S3:GETOBJECT", "s3:getobject"} {
		if d, err := set.DecideRequest(Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: act, Resource: "*"}); err != nil || d != Allow {
			t.Errorf("%q: DecideRequest = %v, %v; want Allow", act, d, err)
		}
	}
}

// TestFoldsTo: foldsTo, eight bytes at a time, agrees with
// compiled.FoldAction on texts of every length to 24 made of the bytes
// around the capitals ('@', '[', '`', '{'), capitals, lower case, digits
// and the bytes of multi-byte characters, against their fold and the fold
// changed in one byte.
func TestFoldsTo(t *testing.T) {
	alphabet := []byte("@AZ[`az{09:\x80\xc3\xa9\xff")
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 24; n++ {
		for range 300 {
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
			s := string(b)
			lower := compiled.FoldAction(s)
			if !foldsTo(s, lower) {
				t.Fatalf("foldsTo(%q, %q) = false", s, lower)
			}
			if n == 0 {
				continue
			}
			other := []byte(lower)
			other[r.IntN(n)] ^= 1 << r.IntN(8)
			if want := compiled.FoldAction(s) == string(other); foldsTo(s, string(other)) != want {
				t.Fatalf("foldsTo(%q, %q) = %t, want %t", s, other, !want, want)
			}
			if foldsTo(s, lower+"a") || (n > 1 && foldsTo(s, lower[:n-1])) {
				t.Fatalf("foldsTo(%q) matched a text of another length", s)
			}
		}
	}
}

// TestServicePrefix: the service prefix is the text before the first colon.
func TestServicePrefix(t *testing.T) {
	for action, want := range map[string]string{
		"s3:getobject": "s3", "sts:assumerole": "sts", "a:b:c": "a", "nocolon": "nocolon", "": "", ":x": "",
	} {
		if got := servicePrefix(action); got != want {
			t.Errorf("servicePrefix(%q) = %q, want %q", action, got, want)
		}
	}
}

// TestFoldActionMemo: a Prepared reused across actions and sets (its
// memo of the last action folded) prepares each action as a fresh
// Prepared does: folded alike, refused alike.
func TestFoldActionMemo(t *testing.T) {
	sets := []*PolicySet{compileSet(t, photosPolicy), compileSet(t, largePolicy(1000)), compileSet(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}`)}
	actions := []string{"s3:GetObject", "S3:GETOBJECT", "s3:Get*", "s3:GetObject", "iam:PassRole", "", "s3:GetObject", "s3 :GetObject", "dynamodb:GetItem", "s3:GetObject"}
	var p Prepared
	for i := range 3 * len(actions) {
		set, action := sets[i%len(sets)], actions[i%len(actions)]
		r := Request{Principal: workload.Session, Action: action, Resource: workload.Photo, ResourceAccount: workload.Account}
		want, wantErr := set.Prepare(r)
		err := set.PrepareTo(&p, r)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%q: PrepareTo %v, Prepare %v", action, err, wantErr)
		}
		if err == nil && (p.action != want.action || p.action != compiled.FoldAction(action) || p.service != want.service) {
			t.Errorf("%q: action %q service %q, want %q %q", action, p.action, p.service, want.action, want.service)
		}
	}
}
