package evaluate

import (
	"testing"
	"unsafe"
)

// TestPolicySetSize pins the size of a PolicySet, which Compile allocates
// once per set with its first stages and identity rules inline: within the
// 320-byte size class, as the garbage collector's work follows the bytes a
// parse and compile allocate (bench/'s Parse rows).
func TestPolicySetSize(t *testing.T) {
	if n := unsafe.Sizeof(PolicySet{}); n > 320 {
		t.Errorf("a PolicySet is %d bytes, over the 320-byte size class", n)
	}
}

// TestPreparedSize pins a Prepared within the 1,280-byte size class with
// its 8-byte allocation header: PolicySet.Prepare allocates one per call
// (evaluate/design.md, "What remains").
func TestPreparedSize(t *testing.T) {
	if n := unsafe.Sizeof(Prepared{}); n > 1272 {
		t.Errorf("a Prepared is %d bytes, over the 1,272 that fit the 1,280-byte size class with its header", n)
	}
}
