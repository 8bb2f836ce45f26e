package catalog

import (
	"bytes"
	"slices"
	"strings"
	"sync"
)

// ActionInfo is one action of the Service Authorization Reference.
type ActionInfo struct {
	Service string // the service prefix, such as "s3"
	Name    string // the canonical spelling, such as "GetObject"
	// Resources are the resource types the action applies to. An action
	// with none applies to "*" only (s3:ListAllMyBuckets, say).
	Resources []ActionResource
	// ConditionKeys are the keys the action supports, whatever its resource.
	ConditionKeys []string
}

// ActionResource is a resource type an action applies to.
type ActionResource struct {
	Type     string // a resource type of the action's service, such as "object"
	Required bool   // the request always names a resource of this type
	// ConditionKeys are keys the action supports on this resource type.
	ConditionKeys []string
}

// SupportsKey reports whether the action supports the condition key
// (any letter case, with its tag key or other variable part filled in, as
// aws:ResourceTag/team): the action's own keys, its resource types' keys
// and the keys of its resource types' entries. Global keys are not listed
// in the catalog's actions; callers check them first.
func (a *ActionInfo) SupportsKey(key string) bool {
	if keyListMatches(a.ConditionKeys, key) {
		return true
	}
	for _, r := range a.Resources {
		if keyListMatches(r.ConditionKeys, key) {
			return true
		}
		if rt, ok := LookupResourceType(a.Service, r.Type); ok && keyListMatches(rt.ConditionKeys, key) {
			return true
		}
	}
	return false
}

func keyListMatches(list []string, key string) bool {
	for _, k := range list {
		if templateMatch(k, key) {
			return true
		}
	}
	return false
}

// ResourceType is a resource type of a service.
type ResourceType struct {
	Service string
	Name    string // such as "bucket"
	// ARNs are its ARN formats, such as
	// "arn:${Partition}:s3:::${BucketName}" (most types have one).
	ARNs []string
	// ConditionKeys are the keys that apply to resources of this type.
	ConditionKeys []string
	// Unreferenced is true when no action of the catalog lists the type:
	// two services of one prefix (API Gateway's V1 and V2 both use
	// apigateway) share action names, and the source keeps one action of
	// each name, so the other's resource types lose their actions.
	Unreferenced bool
}

// service is one service's section of the catalog: its text until first
// use, then its parsed tables.
type service struct {
	prefix, name string
	text         []byte // the service's lines, one slice of the catalog's text
	once         sync.Once
	actions      map[string]*ActionInfo   // by lower-case name
	resources    map[string]*ResourceType // by lower-case name
	actionList   []*ActionInfo            // sorted by name
	typeList     []*ResourceType          // sorted by name
	keys         keySet
}

func (s *service) parse() {
	s.actions = map[string]*ActionInfo{}
	s.resources = map[string]*ResourceType{}
	for text := s.text; len(text) > 0; {
		raw := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			raw, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if len(raw) < 2 {
			continue
		}
		f := strings.Split(string(raw[2:]), "\t")
		switch raw[0] {
		case 'K':
			if len(f) == 2 {
				s.keys.add(Key{Name: f[0], Type: KeyType(f[1]), Service: s.prefix})
			}
		case 'T':
			if len(f) == 2 {
				s.keys.pattern(f[0], f[1])
			}
		case 'R':
			if len(f) == 3 {
				s.resources[strings.ToLower(f[0])] = &ResourceType{Service: s.prefix, Name: f[0], ARNs: strings.Fields(f[1]), ConditionKeys: splitList(f[2], ",")}
			}
		case 'A':
			if len(f) != 3 {
				continue
			}
			a := &ActionInfo{Service: s.prefix, Name: f[0], ConditionKeys: splitList(f[2], ",")}
			for _, r := range splitList(f[1], ";") {
				var ar ActionResource
				r, keys, _ := strings.Cut(r, "=")
				ar.Type, ar.Required = strings.CutSuffix(r, "!")
				ar.ConditionKeys = splitList(keys, ",")
				a.Resources = append(a.Resources, ar)
			}
			s.actions[strings.ToLower(f[0])] = a
		}
	}
	s.text = nil
	referenced := map[string]bool{}
	for _, a := range s.actions {
		for _, r := range a.Resources {
			referenced[strings.ToLower(r.Type)] = true
		}
	}
	for k, rt := range s.resources {
		rt.Unreferenced = !referenced[k]
		s.typeList = append(s.typeList, rt)
	}
	for _, a := range s.actions {
		s.actionList = append(s.actionList, a)
	}
	slices.SortFunc(s.actionList, func(a, b *ActionInfo) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(s.typeList, func(a, b *ResourceType) int { return strings.Compare(a.Name, b.Name) })
}

func splitList(s, sep string) []string {
	if s == "" || s == "-" {
		return nil
	}
	return strings.Split(s, sep)
}
