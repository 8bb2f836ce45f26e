package sts

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's CPU time (user and system). On a machine shared
// with other work, wall time per operation swells with the load; CPU time
// per operation, which benchmarks report as cpu-ns/op beside ns/op, does
// not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs b.Loop around op and reports the CPU time per operation.
func reportCPU(b *testing.B, op func()) {
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		op()
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
	}
}
