//go:build race

package evaluate

// raceEnabled reports whether the race detector is on: under it sync.Pool
// drops a quarter of what it is given, so the parser's pooled tape is
// sometimes allocated anew.
const raceEnabled = true
