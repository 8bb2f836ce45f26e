package evaluate

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// The benchmark request of issue 4: a role session reads a photo; the
// policy allows s3:GetObject on photos/* and denies it when aws:userid
// differs from the expected one.
const photosPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"},
    {"Sid": "OnlyTheApp", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*",
     "Condition": {"StringNotEquals": {"aws:userid": "AROAEXAMPLEID:i-0abc123"}}}
  ]
}`

// largePolicy puts n-2 other statements (half of them s3:GetObject on other
// buckets) before the two statements of photosPolicy.
func largePolicy(n int) string {
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
	return b.String()
}

func photosRequest(tb testing.TB) *Prepared {
	tb.Helper()
	p, err := Request{
		Principal: "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123",
		Action:    "s3:GetObject",
		Resource:  "arn:aws:s3:::photos/2024/cat.jpg",
		Context:   map[string][]string{"aws:userid": {"AROAEXAMPLEID:i-0abc123"}},
		// S3 ARNs carry no account: the bucket is the role's account's.
		ResourceAccount: "111111111111",
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

func BenchmarkPrepare(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		photosRequest(b)
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
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		pol, err := policy.Parse("large.json", src)
		if err != nil {
			b.Fatal(err)
		}
		set, _ := Compile(Policies{Identity: []*policy.Policy{pol}})
		runtime.GC()
		runtime.ReadMemStats(&after)
		keep = append(keep[:0], set)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1000, "B/statement")
	}
	runtime.KeepAlive(keep)
}
