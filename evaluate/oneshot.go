package evaluate

import "sync"

// The path a service pays for each incoming call is: build a Request,
// prepare it, decide. DecideRequest and ExplainRequest take it in one call
// and prepare into a Prepared from a pool, so that a request costs its
// work and no garbage: a fresh Prepared per call is a kilobyte the
// collector must later reclaim, which costs more than preparing it.

var preparedPool = sync.Pool{New: func() any { return new(Prepared) }}

// DecideRequest prepares r for the set (PolicySet.Prepare) and decides
// it. It allocates nothing of its own: only what the caller's Request
// holds escapes (a Values list built for the call, say). The error is
// Prepare's *RequestError, with ImplicitDeny.
func (s *PolicySet) DecideRequest(r Request) (Decision, error) {
	p := preparedPool.Get().(*Prepared)
	// No defer: neither call panics, and a Prepared a panic kept from
	// the pool would only be garbage.
	if err := s.PrepareTo(p, r); err != nil {
		release(p)
		return ImplicitDeny, err
	}
	d := s.Decide(p)
	release(p)
	return d, nil
}

// ExplainRequest prepares r for the set and explains it, as DecideRequest
// decides it. The Result holds nothing of the pooled Prepared.
func (s *PolicySet) ExplainRequest(r Request) (*Result, error) {
	p := preparedPool.Get().(*Prepared)
	defer release(p)
	if err := s.PrepareTo(p, r); err != nil {
		return nil, err
	}
	return s.Explain(p), nil
}

// release returns p to the pool, dropping the request it holds (its
// Context map and Caller could be large); the next PrepareTo clears the
// rest. What else it keeps alive (a few strings of the request, and of
// the last principal, Caller and action it remembers) the pool drops at
// the second collection after.
func release(p *Prepared) {
	p.req = Request{}
	preparedPool.Put(p)
}
