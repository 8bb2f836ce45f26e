package evaluate

import (
	"fmt"
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
