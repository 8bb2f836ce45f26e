// Package bench compares iamsim's decision and parse costs with other Go
// policy engines on one workload: a role session reads a photo under a policy
// that allows s3:GetObject on photos/* and denies it unless aws:userid is the
// expected one, alone ("small") or after 998 other statements ("large").
//
// It is a separate module so that the peer engines never enter iamsim's own
// go.mod. Everything is in the tests: run ./run.sh, or
//
//	go test -run '^$' -bench . -benchmem ./...
package bench
