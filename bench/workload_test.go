package bench

import (
	"fmt"
	"strings"
	"testing"
)

// The workload of evaluate/bench_test.go, for every engine: a role session
// asks s3:GetObject on a photo; the policy allows s3:GetObject on photos/*
// and denies it when aws:userid is not the application's.
const (
	sessionARN = "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123"
	roleARN    = "arn:aws:iam::111111111111:role/PhotoReader"
	account    = "111111111111"
	action     = "s3:GetObject"
	photoARN   = "arn:aws:s3:::photos/2024/cat.jpg"
	appUserID  = "AROAEXAMPLEID:i-0abc123"
)

// photosPolicy is the small policy: the two statements of the workload.
const photosPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"},
    {"Sid": "OnlyTheApp", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*",
     "Condition": {"StringNotEquals": {"aws:userid": "AROAEXAMPLEID:i-0abc123"}}}
  ]
}`

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

// iamPolicy is the workload's IAM policy of n statements: photosPolicy for
// n = 2, otherwise n-2 other statements (half of them s3:GetObject on other
// buckets, half other actions) before the two of photosPolicy. It is the
// document of evaluate/bench_test.go.
func iamPolicy(n int) []byte {
	if n <= 2 {
		return []byte(photosPolicy)
	}
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := 0; i < n-2; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-%d/*"},`, i)
		} else {
			fmt.Fprintf(&b, `{"Effect":"Allow","Action":["ec2:DescribeInstances","dynamodb:GetItem"],"Resource":"arn:aws:dynamodb:us-east-1:111111111111:table/t%d"},`, i)
		}
	}
	b.WriteString(`{"Sid":"ReadPhotos","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"},`)
	b.WriteString(`{"Sid":"OnlyTheApp","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*","Condition":{"StringNotEquals":{"aws:userid":"AROAEXAMPLEID:i-0abc123"}}}]}`)
	return []byte(b.String())
}

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

// workload is the benchmarked request.
var workload = variants[0]

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
}

// engines are every engine compared, iamsim first.
var engines = []engine{iamsimEngine, cedarEngine, seaweedEngine, ladonEngine}

// check loads the engine's policy of n statements, checks every variant's
// answer and returns the workload's decision call.
func check(tb testing.TB, e engine, n int) func() bool {
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
		if v == workload {
			decide = d
		}
	}
	return decide
}
