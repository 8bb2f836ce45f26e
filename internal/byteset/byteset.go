// Package byteset finds bytes of a set in a string. A set is a 256-entry
// table, so that testing a byte is one load: the parsers classify the
// characters of actions, keys and ARNs this way.
package byteset

// Set is a set of bytes: set[c] reports whether c is in it. (An alias, so
// that the packages' own tables of [256]bool are sets as they stand.)
type Set = [256]bool

// Index returns the index of the first byte of s in set, or -1.
func Index(s string, set *Set) int {
	for i := 0; i < len(s); i++ {
		if set[s[i]] {
			return i
		}
	}
	return -1
}

// IndexNot returns the index of the first byte of s outside set, or -1.
func IndexNot(s string, set *Set) int {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return i
		}
	}
	return -1
}
