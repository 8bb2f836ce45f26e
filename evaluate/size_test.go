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
