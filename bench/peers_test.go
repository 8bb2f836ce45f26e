package bench

import (
	"testing"

	"github.com/tidwall/gjson"
)

// TestEnginesAgree checks every engine's answers to the workload and its
// variants, on both policy sizes.
func TestEnginesAgree(t *testing.T) {
	for _, size := range sizes {
		for _, e := range engines {
			t.Run(size.name+"/"+e.name, func(t *testing.T) { check(t, e, size.n) })
		}
	}
}

// BenchmarkDecision times one decision of the workload request against the
// compiled policy: parsing, compiling and preparing the request are done
// before the loop.
func BenchmarkDecision(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			for _, e := range engines {
				b.Run(e.name, func(b *testing.B) {
					decide := check(b, e, size.n)
					b.ReportAllocs()
					for b.Loop() {
						if !decide() {
							b.Fatal("not allowed")
						}
					}
				})
			}
		})
	}
}

// BenchmarkRequest times the path a service pays for each incoming call:
// build the engine's request from the workload's strings (for iamsim an
// evaluate.Request, Prepare), then decide. Parsing and compiling the policy
// happen before the loop.
func BenchmarkRequest(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			for _, e := range engines {
				b.Run(e.name, func(b *testing.B) {
					l, _ := load(b, e, size.n)
					b.ReportAllocs()
					for b.Loop() {
						if !l.request(benchmarked) {
							b.Fatal("not allowed")
						}
					}
				})
			}
		})
	}
}

// BenchmarkParse times turning the policy's text into the form that decides
// (for iamsim, policy.Parse and evaluate.Compile). gjson-walk only visits
// every value of the IAM JSON with gjson, which iamsim's parser is built on:
// a floor for parsing.
func BenchmarkParse(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			for _, e := range engines {
				b.Run(e.name, func(b *testing.B) {
					check(b, e, size.n)
					src := e.source(size.n)
					b.ReportAllocs()
					for b.Loop() {
						if _, err := e.load(src); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("gjson-walk", func(b *testing.B) {
				src := iamPolicy(size.n)
				want := walk(gjson.ParseBytes(src))
				if want < 8 {
					b.Fatalf("walk visited %d values", want)
				}
				b.ReportAllocs()
				for b.Loop() {
					if walk(gjson.ParseBytes(src)) != want {
						b.Fatal("walk changed")
					}
				}
			})
		})
	}
}

// walk visits every value under v with ForEach and counts them.
func walk(v gjson.Result) int {
	n := 1
	if v.IsObject() || v.IsArray() {
		v.ForEach(func(_, x gjson.Result) bool {
			n += walk(x)
			return true
		})
	}
	return n
}
