package iamtest

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluate"
)

// Want is the decision a case wants. Its zero value is no want at all: a
// case that forgets to say what it wants is an error, never a silent
// "expect a deny" (a test of a design that allows everything would pass).
type Want uint8

// The decisions a case may want. Denied is either deny, for a case whose
// point is that the principal cannot do something, whatever denies it.
const (
	Allow        Want = iota + 1 // evaluate.Allow
	ExplicitDeny                 // evaluate.ExplicitDeny: a Deny statement matched
	ImplicitDeny                 // evaluate.ImplicitDeny: no policy allows it
	Denied                       // ExplicitDeny or ImplicitDeny
)

// WantDecision is the Want of exactly one engine decision.
func WantDecision(d evaluate.Decision) Want {
	switch d {
	case evaluate.Allow:
		return Allow
	case evaluate.ExplicitDeny:
		return ExplicitDeny
	}
	return ImplicitDeny
}

// Matches reports whether a decision is what w wants. The zero Want
// matches nothing.
func (w Want) Matches(d evaluate.Decision) bool {
	switch w {
	case Allow:
		return d == evaluate.Allow
	case ExplicitDeny:
		return d == evaluate.ExplicitDeny
	case ImplicitDeny:
		return d == evaluate.ImplicitDeny
	case Denied:
		return d != evaluate.Allow
	}
	return false
}

func (w Want) String() string {
	switch w {
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	case ImplicitDeny:
		return "ImplicitDeny"
	case Denied:
		return "Denied (either deny)"
	case 0:
		return "no Want"
	}
	return fmt.Sprintf("Want(%d)", uint8(w))
}

// errNoWant is the error of a case without a Want.
const errNoWant = "the case says nothing of what it wants: set Want to iamtest.Allow, iamtest.ExplicitDeny, iamtest.ImplicitDeny or iamtest.Denied"
