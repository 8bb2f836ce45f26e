package errlist

import (
	"errors"
	"testing"
)

type elem struct{ msg string }

func (e *elem) Error() string { return e.msg }

type list []*elem

func (l list) Error() string { return Summary(l) }

func TestList(t *testing.T) {
	if Err(list(nil)) != nil {
		t.Error("an empty list is a non-nil error")
	}
	if got := Summary(list(nil)); got != "no errors" {
		t.Errorf("Summary(empty) = %q", got)
	}
	l := list{{"a"}, {"b"}, {"c"}}
	if got := Summary(l); got != "a (and 2 more errors)" {
		t.Errorf("Summary = %q", got)
	}
	if got := Summary(l[:1]); got != "a" {
		t.Errorf("Summary of one = %q", got)
	}
	var e *elem
	if err := Err(l); !errors.As(wrap{err}, &e) || e.msg != "a" {
		t.Errorf("errors.As did not reach the first element: %v", e)
	}
}

// wrap gives a list an Unwrap, as the lists of iamsim have.
type wrap struct{ error }

func (w wrap) Unwrap() []error { return Unwrap([]*elem(w.error.(list))) }
