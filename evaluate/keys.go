package evaluate

import "strings"

// keyForm is the form a global condition key's value has in a request.
type keyForm uint8

const (
	formString keyForm = iota // any text (ARNs, ids, names, tags)
	formAddr                  // an IP address (not a CIDR block, not host:port)
	formDate                  // an ISO 8601 date and time, or epoch seconds
	formNumber                // a number
	formBool                  // true or false
	formBinary                // base64 (no global key has it: BinaryEquals reads it)
)

var formNames = [...]string{"a string", "an IP address such as 203.0.113.5 (no port, no /prefix)", "an ISO 8601 date and time such as 2026-12-07T10:00:00Z", "a number", "true or false", "base64"}

// keyFact is what the IAM User Guide says of one global condition key:
// "AWS global condition context keys" gives each key's data type, whether
// it is single- or multivalued, and where its value comes from.
type keyFact struct {
	form  keyForm
	multi bool // multivalued: the set operators apply
	// caller: AWS derives the key from the principal and its credentials;
	// with a Request.Caller, the Caller alone sets it.
	caller bool
}

// globalKeys is the one table of the documented global keys the engine
// checks, by folded name. A key not listed (service keys, keys AWS adds
// later) is taken as given.
var globalKeys = map[string]keyFact{
	// Properties of the principal.
	"aws:principalarn":              {caller: true},
	"aws:principalaccount":          {caller: true},
	"aws:principalorgid":            {caller: true},
	"aws:principalorgpaths":         {multi: true, caller: true},
	"aws:principalisawsservice":     {form: formBool, caller: true},
	"aws:principalservicename":      {caller: true},
	"aws:principalservicenameslist": {multi: true, caller: true},
	"aws:principaltype":             {caller: true},
	"aws:userid":                    {caller: true},
	"aws:username":                  {caller: true},
	// Properties of a role session.
	"aws:federatedprovider":            {caller: true},
	"aws:tokenissuetime":               {form: formDate, caller: true},
	"aws:multifactorauthage":           {form: formNumber, caller: true},
	"aws:multifactorauthpresent":       {form: formBool, caller: true},
	"aws:sourceidentity":               {caller: true},
	"aws:ec2instancesourceprivateipv4": {form: formAddr},
	"aws:ec2instancesourcevpc":         {},
	"ec2:roledelivery":                 {form: formNumber},
	"aws:assumedroot":                  {},
	"aws:chatbotsourcearn":             {},
	"aws:sourcevpcarn":                 {},
	"aws:vpcsourceip":                  {form: formAddr},
	"aws:sourceip":                     {form: formAddr},
	"aws:sourcevpc":                    {},
	"aws:sourcevpce":                   {},
	"aws:vpceaccount":                  {},
	"aws:vpceorgid":                    {},
	"aws:vpceorgpaths":                 {multi: true},
	"aws:resourceaccount":              {},
	"aws:resourceorgid":                {},
	"aws:resourceorgpaths":             {multi: true},
	"aws:calledvia":                    {multi: true},
	"aws:calledviafirst":               {},
	"aws:calledvialast":                {},
	"aws:viaawsservice":                {form: formBool},
	"aws:currenttime":                  {form: formDate},
	"aws:epochtime":                    {form: formDate},
	"aws:referer":                      {},
	"aws:requestedregion":              {},
	"aws:tagkeys":                      {multi: true},
	"aws:securetransport":              {form: formBool},
	"aws:sourceaccount":                {},
	"aws:sourcearn":                    {},
	"aws:sourceorgid":                  {},
	"aws:sourceorgpaths":               {multi: true},
	"aws:useragent":                    {},
}

// tagKeyPrefixes are the families of keys named <prefix><tag key>: one
// single-valued string per tag.
var tagKeyPrefixes = [...]struct {
	prefix string
	caller bool
}{{principalTagPrefix, true}, {"aws:resourcetag/", false}, {"aws:requesttag/", false}}

// factOf returns the facts of a folded key, and false for a key the table
// does not know.
func factOf(key string) (keyFact, bool) {
	if f, ok := keyTable.lookup(key); ok {
		return f, true
	}
	for _, t := range tagKeyPrefixes {
		if strings.HasPrefix(key, t.prefix) {
			return keyFact{caller: t.caller}, true
		}
	}
	return keyFact{}, false
}

// keyTable is globalKeys in a small hash table of its own: a look-up
// hashes three bytes of the key, not all of it as a map does, and
// compares one or two keys (every request looks its keys up).
var keyTable = func() (t keyHash) {
	for k, f := range globalKeys {
		i := keySlot(k)
		e := keyEntry{key: k, fact: f}
		if d, ok := derivedIndex(k); ok {
			e.derived = 1 << d
		}
		t.slots[i] = append(t.slots[i], e)
	}
	return t
}()

type keyEntry struct {
	key     string
	fact    keyFact
	derived keyMask // the key's bit when it is a derived key (derive.go)
}

type keyHash struct{ slots [128][]keyEntry }

// keySlot hashes a key's length, fifth byte and last byte, those in any
// letter case alike (keyOf finds a key given in mixed case).
func keySlot(k string) int {
	if len(k) < 5 {
		return len(k)
	}
	return (len(k)*31 + int(k[4]|0x20)*7 + int(k[len(k)-1]|0x20)) & 127
}

// keyOf returns a context key folded to lower case (keys are
// case-insensitive), its facts in the key table, and its bit when it is
// a derived key. A documented global key, in lower case or mixed
// ("aws:SourceIp"), is the table's own string: one hash and one
// comparison, where folding it and looking it up would read it three
// times.
func keyOf(k string) (key string, f keyFact, known bool, derived keyMask) {
	if len(k) >= 5 {
		slot := keyTable.slots[keySlot(k)]
		for i := range slot {
			if e := &slot[i]; len(e.key) == len(k) && (e.key == k || foldsTo(k, e.key)) {
				return e.key, e.fact, true, e.derived
			}
		}
	}
	key = foldKey(k)
	f, known = factOf(key)
	if known {
		if d, ok := derivedIndex(key); ok { // a key that folds to one only by Unicode's rules
			derived = 1 << d
		}
	}
	return key, f, known, derived
}

func (t *keyHash) lookup(k string) (keyFact, bool) {
	for _, e := range t.slots[keySlot(k)] {
		if e.key == k {
			return e.fact, true
		}
	}
	return keyFact{}, false
}

// isCallerKey reports whether a folded context key is one a Caller governs.
func isCallerKey(key string) bool {
	f, ok := factOf(key)
	return ok && f.caller
}

// checkForm checks one value of a typed key against the table: it must
// read as the key's type (Prepare read it so). name is the key as given.
func checkForm(f keyFact, name string, v *value) error {
	var good bool
	switch f.form {
	case formAddr:
		good = v.addrOK
	case formDate:
		good = v.timeOK
	case formNumber:
		good = v.numOK
	case formBool:
		good = v.bOK
	default:
		good = true
	}
	if !good {
		return &RequestError{"Context", name, "has the value " + quote(v.s) + ", which is not " + formNames[f.form]}
	}
	return nil
}

func quote(s string) string { return "\"" + s + "\"" }
