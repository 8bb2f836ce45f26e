package bench

import (
	"testing"

	"github.com/iamsim/iamsim/internal/workload"
)

// The workload of issue 4 (package internal/workload), for every engine.
const (
	sessionARN   = workload.Session
	roleARN      = workload.Role
	account      = workload.Account
	action       = workload.Action
	photoARN     = workload.Photo
	appUserID    = workload.AppUserID
	photosPolicy = workload.Small
)

// Sizes of the workload: the number of statements of the policy.
const (
	smallSize = 2
	largeSize = 1000
)

// sizes names the two workloads, in benchmark order.
var sizes = []struct {
	name string
	n    int
}{{"small", smallSize}, {"large", largeSize}}

// iamPolicy is the workload's IAM policy of n statements.
func iamPolicy(n int) []byte { return []byte(workload.Policy(n)) }

// A variant is one request of the checks. The first is the benchmarked
// request; the others must be denied.
type variant struct {
	name      string
	resource  string
	userID    string
	hasUserID bool // false: the request carries no aws:userid
	allow     bool // the expected answer
}

var variants = []variant{
	{name: "workload", resource: photoARN, userID: appUserID, hasUserID: true, allow: true},
	{name: "other-userid", resource: photoARN, userID: "AROAEXAMPLEID:i-0fff999", hasUserID: true},
	{name: "no-userid", resource: photoARN},
	{name: "other-bucket", resource: "arn:aws:s3:::private/2024/cat.jpg", userID: appUserID, hasUserID: true},
}

// benchmarked is the request the benchmarks time.
var benchmarked = variants[0]

// An engine is one policy engine under comparison.
type engine struct {
	name string
	// source is the workload's policy of n statements in the engine's
	// language.
	source func(n int) []byte
	// load parses and compiles a source into the form that decides.
	load func(src []byte) (loaded, error)
}

// loaded is a parsed and compiled policy.
type loaded interface {
	// prepare readies a request (outside the timed loop) and returns the
	// call that decides it: true for Allow.
	prepare(v variant) (decide func() bool, err error)
	// request builds the engine's request for the variant from its strings,
	// as a service does for each incoming call, and decides it: true for
	// Allow. It is the whole per-request path.
	request(v variant) bool
}

// engines are every engine compared, iamsim first.
var engines = []engine{iamsimEngine, cedarEngine, seaweedEngine, ladonEngine}

// check loads the engine's policy of n statements, checks every variant's
// answer (prepared and fresh) and returns the workload's decision call.
func check(tb testing.TB, e engine, n int) func() bool {
	_, decide := load(tb, e, n)
	return decide
}

// load is check that also returns the loaded policy.
func load(tb testing.TB, e engine, n int) (loaded, func() bool) {
	tb.Helper()
	l, err := e.load(e.source(n))
	if err != nil {
		tb.Fatalf("%s: load: %v", e.name, err)
	}
	var decide func() bool
	for _, v := range variants {
		d, err := l.prepare(v)
		if err != nil {
			tb.Fatalf("%s: %s: prepare: %v", e.name, v.name, err)
		}
		if got := d(); got != v.allow {
			tb.Fatalf("%s, %d statements: %s: allowed %t, want %t", e.name, n, v.name, got, v.allow)
		}
		if got := l.request(v); got != v.allow {
			tb.Fatalf("%s, %d statements: %s: fresh request allowed %t, want %t", e.name, n, v.name, got, v.allow)
		}
		if v == benchmarked {
			decide = d
		}
	}
	return l, decide
}
