//go:build race

package account_test

// raceEnabled reports whether the race detector is on: under it sync.Pool
// drops a quarter of what it is given, so Decide's pooled Prepared is
// sometimes allocated anew.
const raceEnabled = true
