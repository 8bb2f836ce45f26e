package account

import (
	"sync"
	"sync/atomic"
)

// setCache holds the compiled policy sets of Authorize, Decide, WhoCan and
// Actions: one per principal and RCP path (its base), and one per principal,
// resource policy and RCP path. Its keys are loaded values only (the
// principal, the loaded resource or trust policy, and the account whose RCPs
// apply, "" for every account without any), so it can never hold more than
// principals × (resource policies + 1) × (organization accounts + 1)
// entries; and it holds at most max entries: when a new one would pass that,
// an arbitrary other entry is dropped (it is compiled again if asked
// for). Reads are lock-free (sync.Map), so the steady state stays cheap;
// eviction only makes an answer slower, never different.
//
// A principal's base set (the usual request's) is mirrored in the
// principal (principal.base), so that the steady state finds it with one
// atomic load instead of a walk of the map over cold memory; mu keeps the
// mirror equal to the map's entry (set when stored, cleared when dropped),
// so the bound holds for it too. A reader that loads a mirror just
// dropped uses a set that is still right, only no longer kept.
type setCache struct {
	m   sync.Map // cacheKey (a *principal or a compileKey) → *stages
	n   atomic.Int64
	max int64
	mu  sync.Mutex // held while storing and dropping: orders principal.base with m
}

// defaultMaxCompiledSets is the cache bound when Options.MaxCompiledSets
// is 0: room for every principal's base set and one resource's set each,
// plus slack, so that who-can over every principal stays compiled.
func defaultMaxCompiledSets(principals int) int { return 2*principals + 4096 }

func (c *setCache) load(k any) (*stages, bool) {
	if p, ok := k.(*principal); ok {
		if st := p.base.Load(); st != nil {
			return st, true
		}
	}
	v, ok := c.m.Load(k)
	if !ok {
		return nil, false
	}
	return v.(*stages), true
}

// store keeps st under k unless another goroutine stored one first, and
// returns the one kept.
func (c *setCache) store(k any, st *stages) *stages {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, loaded := c.m.LoadOrStore(k, st)
	if p, ok := k.(*principal); ok {
		p.base.Store(v.(*stages))
	}
	if loaded {
		return v.(*stages)
	}
	c.n.Add(1)
	// Drop others until the count is back within the bound; a goroutine
	// that loses a race for an entry another one dropped tries the next.
	for c.n.Load() > c.max {
		dropped := false
		c.m.Range(func(key, _ any) bool {
			if key == k {
				return true
			}
			if _, ok := c.m.LoadAndDelete(key); ok {
				if p, ok := key.(*principal); ok {
					p.base.Store(nil)
				}
				c.n.Add(-1)
				dropped = true
				return false
			}
			return true
		})
		if !dropped {
			break // only k is left
		}
	}
	return st
}

// len is the number of entries held.
func (c *setCache) len() int {
	n := 0
	c.m.Range(func(_, _ any) bool { n++; return true })
	return n
}
