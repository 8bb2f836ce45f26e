package evaluate

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/workload"
	"github.com/iamsim/iamsim/policy"
)

// The workload of issue 4 (package internal/workload).
var photosPolicy = workload.Small

func largePolicy(n int) string { return workload.Policy(n) }

func photosRequest(tb testing.TB) *Prepared {
	tb.Helper()
	p, err := Request{
		Principal: workload.Session,
		Action:    workload.Action,
		Resource:  workload.Photo,
		Context:   map[string][]string{"aws:userid": {workload.AppUserID}},
		// S3 ARNs carry no account: the bucket is the role's account's.
		ResourceAccount: workload.Account,
	}.Prepare()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func compileSet(tb testing.TB, src string) *PolicySet {
	tb.Helper()
	set, err := Compile(Policies{Identity: []*policy.Policy{policy.MustParse("photos.json", src)}})
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// TestDecideAllocatesNothing pins the zero-allocation hot path.
func TestDecideAllocatesNothing(t *testing.T) {
	req := photosRequest(t)
	for _, tc := range []struct{ name, src string }{{"small", photosPolicy}, {"large", largePolicy(1000)}} {
		set := compileSet(t, tc.src)
		if d := set.Decide(req); d != Allow {
			t.Fatalf("%s: decision %v, want Allow", tc.name, d)
		}
		if n := testing.AllocsPerRun(100, func() { set.Decide(req) }); n != 0 {
			t.Errorf("%s: Decide allocates %v times per call, want 0", tc.name, n)
		}
	}
}

func BenchmarkDecide(b *testing.B) {
	req := photosRequest(b)
	for _, tc := range []struct {
		name string
		n    int
	}{{"small", 2}, {"large", 1000}} {
		src := photosPolicy
		if tc.n > 2 {
			src = largePolicy(tc.n)
		}
		set := compileSet(b, src)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if set.Decide(req) != Allow {
					b.Fatal("not allowed")
				}
			}
		})
	}
}

func BenchmarkExplain(b *testing.B) {
	req := photosRequest(b)
	set := compileSet(b, photosPolicy)
	b.ReportAllocs()
	for b.Loop() {
		if set.Explain(req).Decision != Allow {
			b.Fatal("not allowed")
		}
	}
}

// TestPrepareAllocations pins what Request.Prepare allocates for the
// workload's request given as the plain struct (the test's own context map
// and its value list included): the Prepared, which holds a few context
// keys and values without a map, the map and its list, the lower-case
// action, the role ARN and the account id's base64 reading (it derives
// every key and reads every form, for any PolicySet).
func TestPrepareAllocations(t *testing.T) {
	n := testing.AllocsPerRun(50, func() { photosRequest(t) })
	t.Logf("%v allocations", n)
	if limit := 8.0; n > limit {
		t.Errorf("Prepare allocates %v times, want at most %v", n, limit)
	}
}

// BenchmarkPrepare times Request.Prepare of the workload's request given
// as the plain struct, its context in a map (the map built in the loop).
func BenchmarkPrepare(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := workloadRequest(workload.AppUserID).Prepare(); err != nil {
			b.Fatal(err)
		}
	}
}

// workloadRequest is the workload's request, its context in a map.
func workloadRequest(userID string) Request {
	return Request{
		Principal: workload.Session, Action: workload.Action, Resource: workload.Photo,
		Context:         map[string][]string{"aws:userid": {userID}},
		ResourceAccount: workload.Account,
	}
}

// freshRequest is the workload's request as a service builds it per call:
// its context in Values, no map.
func freshRequest(userID string) Request {
	return Request{
		Principal: workload.Session, Action: workload.Action, Resource: workload.Photo,
		Values:          []KeyValue{{"aws:userid", userID}},
		ResourceAccount: workload.Account,
	}
}

// BenchmarkPrepareFor times PolicySet.Prepare of the workload's request,
// its context in Values: the preparation a service pays per call.
func BenchmarkPrepareFor(b *testing.B) {
	set := compileSet(b, photosPolicy)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.Prepare(freshRequest(workload.AppUserID)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareTo times PolicySet.PrepareTo of the workload's request
// into one reused Prepared, with one reused Values buffer: preparing with
// no allocation.
func BenchmarkPrepareTo(b *testing.B) {
	set := compileSet(b, photosPolicy)
	var p Prepared
	vals := make([]KeyValue, 0, 1)
	b.ReportAllocs()
	for b.Loop() {
		err := set.PrepareTo(&p, Request{
			Principal: workload.Session, Action: workload.Action, Resource: workload.Photo,
			Values:          append(vals[:0], KeyValue{"aws:userid", workload.AppUserID}),
			ResourceAccount: workload.Account,
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRequest times the path a service pays per call, as the bench
// module's Request/<size>/iamsim does: build the request from strings,
// prepare it for the set, decide. values gives the context in Values, map
// in a map with Request.Prepare (the plain struct), reuse prepares into
// one Prepared (PrepareTo) with one Values buffer, oneshot is
// DecideRequest (a pooled Prepared) with a Values list built per call,
// caller is DecideRequest with the session's Caller in place of a context.
func BenchmarkRequest(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"small", 2}, {"large", 1000}} {
		set := compileSet(b, largePolicy(size.n))
		b.Run(size.name+"/values", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := set.Prepare(freshRequest(workload.AppUserID))
				if err != nil || set.Decide(p) != Allow {
					b.Fatal("not allowed", err)
				}
			}
		})
		b.Run(size.name+"/oneshot", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d, err := set.DecideRequest(freshRequest(workload.AppUserID)); err != nil || d != Allow {
					b.Fatal("not allowed", err)
				}
			}
		})
		b.Run(size.name+"/caller", func(b *testing.B) {
			// The caller as its credentials establish it, kept by the
			// service for the session: its keys come from it alone.
			caller := &Caller{ARN: workload.Role, SessionName: "i-0abc123", UserID: workload.AppUserID}
			b.ReportAllocs()
			for b.Loop() {
				d, err := set.DecideRequest(Request{Action: workload.Action, Resource: workload.Photo, ResourceAccount: workload.Account, Caller: caller})
				if err != nil || d != Allow {
					b.Fatal("not allowed", err)
				}
			}
		})
		b.Run(size.name+"/reuse", func(b *testing.B) {
			var p Prepared
			vals := make([]KeyValue, 0, 1)
			b.ReportAllocs()
			for b.Loop() {
				err := set.PrepareTo(&p, Request{
					Principal: workload.Session, Action: workload.Action, Resource: workload.Photo,
					Values:          append(vals[:0], KeyValue{"aws:userid", workload.AppUserID}),
					ResourceAccount: workload.Account,
				})
				if err != nil || set.Decide(&p) != Allow {
					b.Fatal("not allowed", err)
				}
			}
		})
		b.Run(size.name+"/map", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p, err := workloadRequest(workload.AppUserID).Prepare()
				if err != nil || set.Decide(p) != Allow {
					b.Fatal("not allowed", err)
				}
			}
		})
	}
}

// TestParseCompileAllocations pins what parsing and compiling allocate, so
// that a regression fails CI rather than waiting for a benchmark run. It
// pins the compiled form (CompileUnchecked); Compile adds the policy's
// Refusals, the validator's cost, which policy's own tests measure. The
// small policy takes a Policy, a copy of its text, one buffer for its
// lower-case actions and a PolicySet; the 1,000-statement policy takes
// arenas sized from the document, not an allocation per statement.
func TestParseCompileAllocations(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  []byte
		max  float64
	}{{"small", []byte(photosPolicy), 4}, {"large", []byte(largePolicy(1000)), 100}} {
		n := testing.AllocsPerRun(20, func() {
			pol, err := policy.Parse("p.json", tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := CompileUnchecked(Policies{Identity: []*policy.Policy{pol}}); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: %v allocations", tc.name, n)
		// The literal []*policy.Policy{pol} escapes (Compile keeps the
		// policies): one allocation of the caller's, counted here. Under
		// the race detector, sync.Pool drops some tapes, and a new tape
		// and its growth cost a few more on average.
		limit := tc.max + 1
		if raceEnabled {
			limit += 4
		}
		if n > limit {
			t.Errorf("%s: Parse and Compile allocate %v times, want at most %v", tc.name, n, limit)
		}
	}
}

// BenchmarkParseCompile times policy.Parse and Compile of the workload
// policy: the bench module's Parse/<size>/iamsim, without the peers in the
// process. scripts/instructions.sh counts its instructions.
func BenchmarkParseCompile(b *testing.B) {
	for _, size := range []struct {
		name string
		src  []byte
	}{{"small", []byte(photosPolicy)}, {"large", []byte(largePolicy(1000))}} {
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pol, err := policy.Parse("p.json", size.src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Compile(Policies{Identity: []*policy.Policy{pol}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScale shows how a decision's cost grows with the statements of
// one policy (10 ... 10,000, the photos statements last) and with the
// number of policies per request (1 ... 100 of 10 statements each).
func BenchmarkScale(b *testing.B) {
	req := photosRequest(b)
	for _, n := range []int{10, 100, 1000, 10000} {
		set := compileSet(b, largePolicy(n))
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				set.Decide(req)
			}
		})
	}
	for _, n := range []int{1, 10, 100} {
		var pols []*policy.Policy
		for i := range n {
			src := largePolicy(10)
			if i < n-1 { // only the last policy holds the photos statements
				src = strings.ReplaceAll(src, "photos", fmt.Sprintf("other%d", i))
			}
			pols = append(pols, policy.MustParse(fmt.Sprintf("p%d.json", i), src))
		}
		set, err := Compile(Policies{Identity: pols})
		if err != nil {
			b.Fatal(err)
		}
		if set.Decide(req) != Allow {
			b.Fatal("not allowed")
		}
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				set.Decide(req)
			}
		})
	}
}

// BenchmarkCompiledSize reports the heap bytes a parsed and compiled
// statement takes (the large policy's statements, index included).
func BenchmarkCompiledSize(b *testing.B) {
	src := []byte(largePolicy(1000))
	var before, after runtime.MemStats
	var keep []*PolicySet
	b.ReportAllocs()
	// Two collections empty the sync.Pool caches (the parser's pooled
	// scratch space is not part of a compiled statement).
	gc := func() { runtime.GC(); runtime.GC() }
	for b.Loop() {
		gc()
		runtime.ReadMemStats(&before)
		pol, err := policy.Parse("large.json", src)
		if err != nil {
			b.Fatal(err)
		}
		set, _ := Compile(Policies{Identity: []*policy.Policy{pol}})
		gc()
		runtime.ReadMemStats(&after)
		keep = append(keep[:0], set)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1000, "B/statement")
	}
	runtime.KeepAlive(keep)
}
