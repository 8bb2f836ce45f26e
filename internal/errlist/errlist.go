// Package errlist holds what the error lists of iamsim (policy.ErrorList,
// role.ErrorList, account.ErrorList) share: each collects every defect of
// an input at once, prints the first with a count of the rest, is nil as an
// error when empty, and lets errors.As reach each element.
package errlist

import "fmt"

// Summary prints a list as its first error and how many more there are,
// "no errors" when it is empty.
func Summary[E error](l []E) string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns nil for an empty list and the list itself otherwise, so that
// "return list.Err()" never returns a non-nil error holding nothing.
func Err[L interface {
	~[]E
	error
}, E error](l L) error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the elements as errors, for errors.As and errors.Is.
func Unwrap[E error](l []E) []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
