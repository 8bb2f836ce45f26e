package iamtest_test

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing, so
// that tests can read the messages iamtest writes. Fatal stops the
// function under test as t.Fatal does, through a panic that catch stops.
type recorder struct {
	testing.TB
	errors []string
}

type fatal struct{}

func (r *recorder) Helper()                   {}
func (r *recorder) Error(args ...any)         { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Errorf(f string, a ...any) { r.errors = append(r.errors, fmt.Sprintf(f, a...)) }
func (r *recorder) Fatal(args ...any)         { r.Error(args...); panic(fatal{}) }
func (r *recorder) Fatalf(f string, a ...any) { r.Errorf(f, a...); panic(fatal{}) }

// record runs f with a recorder and returns what it reported.
func record(t *testing.T, f func(tb testing.TB)) []string {
	r := &recorder{TB: t}
	func() {
		defer func() {
			if v := recover(); v != nil {
				if _, ok := v.(fatal); !ok {
					panic(v)
				}
			}
		}()
		f(r)
	}()
	return r.errors
}

// containsAll reports whether s holds every sub, go-cmp's diff markers
// (which it prints with a non-breaking space at random, so that no test
// depends on its exact format) read as plain spaces.
func containsAll(s string, subs ...string) bool {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
