package policy

import (
	"sync"
	"testing"
)

// TestValidateConcurrently validates one policy from many goroutines: a
// Policy is safe for concurrent use, and Validate reads the Version while
// the first caller builds the Document (go test -race catches a write of
// the whole Document there).
func TestValidateConcurrently(t *testing.T) {
	p := MustParse("p.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if fs := p.Validate(Identity); HasErrors(fs) {
				t.Errorf("findings: %v", fs)
			}
			_ = p.Version()
		})
	}
	wg.Wait()
}
