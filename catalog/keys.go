package catalog

import "strings"

// KeyType is a condition key's type in the Service Authorization
// Reference: String, ARN, Bool, Numeric, Date, IPAddress, Binary, or one
// of them prefixed with ArrayOf for a key that holds several values.
type KeyType string

// The types the Service Authorization Reference uses.
const (
	String        KeyType = "String"
	ARN           KeyType = "ARN"
	Bool          KeyType = "Bool"
	Numeric       KeyType = "Numeric"
	Date          KeyType = "Date"
	IPAddress     KeyType = "IPAddress"
	Binary        KeyType = "Binary"
	ArrayOfString KeyType = "ArrayOfString"
	ArrayOfARN    KeyType = "ArrayOfARN"
	ArrayOfBool   KeyType = "ArrayOfBool"
)

// Multivalued reports whether a key of this type can hold several values
// in one request (IAM User Guide, "Single-valued vs. multivalued context
// keys": the ArrayOf types).
func (t KeyType) Multivalued() bool { return strings.HasPrefix(string(t), "ArrayOf") }

// Elem returns the type of one value: ArrayOfString's is String, and a
// single-valued type is its own.
func (t KeyType) Elem() KeyType { return KeyType(strings.TrimPrefix(string(t), "ArrayOf")) }

// Key is a condition key of the catalog.
type Key struct {
	// Name is the key as the catalog writes it; a key with a variable part
	// keeps it as a placeholder: aws:ResourceTag/${TagKey},
	// s3:ExistingObjectTag/<key>.
	Name string
	Type KeyType
	// Service is the prefix of the service whose list holds the key, or ""
	// for a global key.
	Service string
}

// Global reports whether the key is a global condition key.
func (k Key) Global() bool { return k.Service == "" }

// keySet is a set of keys: exact names by lower case, and the names with
// a placeholder, matched in order.
type keySet struct {
	exact     map[string]Key
	templates []Key
}

func (s *keySet) add(k Key) {
	if strings.Contains(k.Name, "${") || strings.Contains(k.Name, "<") {
		s.templates = append(s.templates, k)
		return
	}
	if s.exact == nil {
		s.exact = map[string]Key{}
	}
	s.exact[strings.ToLower(k.Name)] = k
}

// pattern records a conditionPatterns entry (a regular expression and the
// key it stands for): the key must be matched as a template, which it
// already is when its name holds a placeholder.
func (s *keySet) pattern(_, template string) {
	for _, k := range s.templates {
		if strings.EqualFold(k.Name, template) {
			return
		}
	}
	if k, ok := s.exact[strings.ToLower(template)]; ok {
		delete(s.exact, strings.ToLower(template))
		s.templates = append(s.templates, k)
		return
	}
}

func (s *keySet) find(name string) (Key, bool) {
	if k, ok := s.exact[strings.ToLower(name)]; ok {
		return k, true
	}
	for _, k := range s.templates {
		if templateMatch(k.Name, name) {
			return k, true
		}
	}
	return Key{}, false
}

// LookupKey returns the catalog's entry for a condition key (any letter
// case; a tag key or other variable part filled in, as
// aws:ResourceTag/team): a global key, a key of the service its prefix
// names, or a key of the identity providers whose keys a service reads
// (accounts.google.com:aud, token.actions.githubusercontent.com:sub).
func LookupKey(name string) (Key, bool) {
	if k, ok := GlobalKey(name); ok {
		return k, true
	}
	prefix, _, ok := strings.Cut(name, ":")
	if !ok {
		return Key{}, false
	}
	if s := lookup(prefix); s != nil {
		if k, ok := s.keys.find(name); ok {
			return k, true
		}
	}
	if strings.Contains(prefix, ".") && oidcClaims[strings.ToLower(name[len(prefix)+1:])] {
		return Key{Name: name, Type: String, Service: "sts"}, true
	}
	for p, svcs := range snap().unassociated {
		if !templateMatch(p, prefix) {
			continue
		}
		for _, svc := range svcs {
			if s := lookup(svc); s != nil {
				if k, ok := s.keys.find(name); ok {
					return k, true
				}
			}
		}
	}
	return Key{}, false
}

// oidcClaims are the keys every OIDC identity provider gives, whatever its
// URL (IAM User Guide, "Available keys for AWS OIDC federation": the
// provider's URL, then aud, azp, amr, email, oaud or sub), which the
// Service Authorization Reference lists only for some providers.
var oidcClaims = map[string]bool{"aud": true, "azp": true, "amr": true, "email": true, "oaud": true, "sub": true}

// GlobalKey returns the global condition key of that name (IAM User
// Guide, "AWS global condition context keys"), any letter case.
func GlobalKey(name string) (Key, bool) { return snap().global.find(name) }

// ServiceKey returns the service's own condition key of that name.
func ServiceKey(prefix, name string) (Key, bool) {
	s := lookup(prefix)
	if s == nil {
		return Key{}, false
	}
	return s.keys.find(name)
}

// KeyPrefixKnown reports whether a condition key's prefix (the text
// before ":") is a service of the catalog or an identity provider whose
// keys a service reads.
func KeyPrefixKnown(prefix string) bool {
	if KnownService(prefix) {
		return true
	}
	for p := range snap().unassociated {
		if templateMatch(p, prefix) {
			return true
		}
	}
	return false
}

// templateMatch reports whether name fits template, letter case aside. A
// placeholder of the template (${TagKey}, <key>, or a pattern's ".+?")
// stands for one or more characters.
func templateMatch(template, name string) bool {
	lits := splitTemplate(template)
	if len(lits) == 1 {
		return strings.EqualFold(template, name)
	}
	return matchSegments(lits, name, true)
}

// splitTemplate returns the literal parts around the placeholders.
func splitTemplate(t string) []string {
	var lits []string
	for {
		i := strings.IndexAny(t, "$<.")
		for i >= 0 && !isPlaceholderAt(t, i) {
			j := strings.IndexAny(t[i+1:], "$<.")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			return append(lits, t)
		}
		lits = append(lits, t[:i])
		t = t[placeholderEnd(t, i):]
	}
}

func isPlaceholderAt(t string, i int) bool {
	switch {
	case strings.HasPrefix(t[i:], "${"):
		return strings.IndexByte(t[i:], '}') > 0
	case t[i] == '<':
		return strings.IndexByte(t[i:], '>') > 0
	default:
		return strings.HasPrefix(t[i:], ".+?")
	}
}

func placeholderEnd(t string, i int) int {
	switch {
	case strings.HasPrefix(t[i:], "${"):
		return i + strings.IndexByte(t[i:], '}') + 1
	case t[i] == '<':
		return i + strings.IndexByte(t[i:], '>') + 1
	default:
		return i + 3
	}
}

// matchSegments matches name against literals separated by placeholders
// of one or more characters.
func matchSegments(lits []string, name string, first bool) bool {
	if first {
		if len(name) < len(lits[0]) || !strings.EqualFold(name[:len(lits[0])], lits[0]) {
			return false
		}
		return matchSegments(lits[1:], name[len(lits[0]):], false)
	}
	if len(lits) == 1 {
		last := lits[0]
		return len(name) > len(last) && strings.EqualFold(name[len(name)-len(last):], last)
	}
	// A placeholder takes at least one character, then the next literal.
	for i := 1; i+len(lits[0]) <= len(name); i++ {
		if strings.EqualFold(name[i:i+len(lits[0])], lits[0]) && matchSegments(lits[1:], name[i+len(lits[0]):], false) {
			return true
		}
	}
	return false
}

// UnassociatedServices returns the services that read a condition key
// whose prefix names no service (an identity provider's, such as
// accounts.google.com), or nil.
func UnassociatedServices(prefix string) []string {
	for p, svcs := range snap().unassociated {
		if templateMatch(p, prefix) {
			return svcs
		}
	}
	return nil
}
