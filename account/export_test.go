package account

// CompiledSets is the number of compiled sets s holds, for tests of the
// cache's bound.
func CompiledSets(s *Set) int { return s.cache.len() }
