// Command ratios reads `go test -bench` output of the bench module and
// prints, from the median ns/op of each benchmark, how many times slower
// than iamsim each peer authorizes a fresh request and decides a prepared
// one, and how many times slower than the gjson walk each engine parses.
//
//	go run ./cmd/ratios results.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		in = f
	}
	ns, err := read(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	med := map[string]float64{}
	for name, vs := range ns {
		med[name] = median(vs)
	}
	sizes := []string{"small", "large"}
	engines := []string{"iamsim", "cedar-go", "seaweedfs-s3", "ladon"}

	fmt.Println("Request (build, prepare, decide: the path a service pays): peer ns/op ÷ iamsim ns/op")
	for _, size := range sizes {
		table(med, "Request/"+size, "iamsim", engines)
	}
	fmt.Println()
	fmt.Println("Decision (prepared request): peer ns/op ÷ iamsim ns/op (median; >1 means iamsim is faster)")
	for _, size := range sizes {
		table(med, "Decision/"+size, "iamsim", engines)
	}
	fmt.Println()
	fmt.Println("Parse: engine ns/op ÷ gjson-walk ns/op (median; the walk is a floor)")
	for _, size := range sizes {
		table(med, "Parse/"+size, "gjson-walk", engines)
	}
}

// table prints one line of ratios to the base benchmark under prefix.
func table(med map[string]float64, prefix, base string, names []string) {
	b, ok := med[prefix+"/"+base]
	if !ok || b == 0 {
		fmt.Printf("  %-16s no %s result\n", prefix, base)
		return
	}
	var parts []string
	for _, n := range names {
		if n == base {
			continue
		}
		v, ok := med[prefix+"/"+n]
		if !ok {
			parts = append(parts, n+" -")
			continue
		}
		parts = append(parts, n+" "+ratio(v/b))
	}
	fmt.Printf("  %-16s %s = %s; %s\n", prefix, base, human(b), strings.Join(parts, ", "))
}

// ratio formats r with three significant digits, so that a ratio near a
// target (2×, 10×) is not rounded onto it.
func ratio(r float64) string {
	switch {
	case r < 10:
		return fmt.Sprintf("%.2f×", r)
	case r < 100:
		return fmt.Sprintf("%.1f×", r)
	}
	return fmt.Sprintf("%.0f×", r)
}

// read collects the ns/op of every benchmark line, by name without the
// Benchmark prefix and the -GOMAXPROCS suffix.
func read(r io.Reader) (map[string][]float64, error) {
	out := map[string][]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		for i := 2; i+1 < len(f); i += 2 {
			if f[i+1] == "ns/op" {
				v, err := strconv.ParseFloat(f[i], 64)
				if err != nil {
					return nil, fmt.Errorf("%q: %v", sc.Text(), err)
				}
				out[name] = append(out[name], v)
			}
		}
	}
	return out, sc.Err()
}

func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func human(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
