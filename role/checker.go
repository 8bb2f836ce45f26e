package role

import "github.com/iamsim/iamsim/policy"

// Checker makes roles as New does, but asks whether IAM refuses a policy
// once per distinct text and kind: a load of 10,000 roles that share one
// trust policy text validates that text once, not 10,000 times. Only
// acceptance is remembered: whether IAM refuses a policy depends on its text
// and kind alone, but the findings of a refused one name its own place, so a
// refused policy is validated again wherever it appears. The zero Checker is
// ready to use; a nil *Checker remembers nothing. A Checker is not safe for
// concurrent use, and its memory grows with the distinct texts it has seen:
// make one per load.
type Checker struct {
	accepted map[acceptKey]struct{}
}

type acceptKey struct {
	text string
	kind policy.Kind
}

// Refusals is p.Refusals(kind), remembered for texts IAM accepts.
func (c *Checker) Refusals(p *policy.Policy, kind policy.Kind) policy.ErrorList {
	if c == nil {
		return p.Refusals(kind)
	}
	if _, ok := c.accepted[acceptKey{string(p.Source()), kind}]; ok {
		return nil
	}
	f := p.Refusals(kind)
	if len(f) == 0 {
		if c.accepted == nil {
			c.accepted = map[acceptKey]struct{}{}
		}
		c.accepted[acceptKey{string(p.Source()), kind}] = struct{}{}
	}
	return f
}

// New is New with the Checker's memory of accepted policies.
func (c *Checker) New(spec Spec) (*Role, error) { return newRole(spec, c) }
