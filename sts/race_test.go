//go:build race

package sts

// raceEnabled reports whether the race detector is on: under it sync.Pool
// drops a quarter of what it is given, so pooled buffers are sometimes
// allocated anew and allocation counts are not exact.
const raceEnabled = true
