package evaluate

import (
	"net/netip"
	"strings"
	"time"

	"github.com/iamsim/iamsim/internal/compiled"
)

// formSet is a set of the readings of a context value (keyForm bits).
type formSet uint8

// has reports whether the set holds f.
func (s formSet) has(f keyForm) bool { return s&(1<<f) != 0 }

// allForms is every reading an operator may ask for: what Request.Prepare
// reads, so that any PolicySet decides its Prepared without reading more.
const allForms formSet = 1<<formAddr | 1<<formDate | 1<<formNumber | 1<<formBool | 1<<formBinary

// value is one context value with the readings of it an operator may need.
// done says which readings were made: an operator that needs another (a
// request prepared for a PolicySet that reads fewer forms, decided by one
// that reads more) reads the text again, on its own stack, so that a
// Prepared never changes once made.
type value struct {
	s      string
	done   formSet
	numOK  bool
	timeOK bool
	addrOK bool
	b      bool
	bOK    bool
	binOK  bool
	num    float64
	time   time.Time
	addr   netip.Addr
	bin    string
}

// readValue reads s in the forms asked for that its shape allows.
func readValue(s string, forms formSet) value {
	v := value{s: s, done: forms}
	if forms == 0 {
		return v
	}
	// Cheap looks first: most values are ARNs, names or tags, and the
	// parsers' failures cost allocations.
	numeric, datelike, iplike, b64 := shapes(s)
	if numeric && forms.has(formNumber) {
		v.num, v.numOK = compiled.ParseNumber(s)
	}
	if (datelike || numeric) && forms.has(formDate) {
		v.time, v.timeOK = compiled.ParseDate(s)
	}
	if iplike && forms.has(formAddr) {
		if p, ok := compiled.ParseIP(s); ok && p.IsSingleIP() {
			v.addr, v.addrOK = p.Addr(), true
		}
	}
	if forms.has(formBool) {
		v.b, v.bOK = compiled.ParseBool(s)
	}
	if b64 && forms.has(formBinary) {
		v.bin, v.binOK = compiled.ParseBinary(s)
	}
	return v
}

// shapes says which readings of s are worth trying: a number (digits,
// sign, point, exponent), a date (four digits and a '-' after any leading
// space), an IP address (hex digits, '.', ':'), base64 (its alphabet). The
// parsers trim white space, so white space never rules a reading out.
func shapes(s string) (numeric, datelike, iplike, b64 bool) {
	numeric, iplike, b64 = true, true, true
	separated := false // an address has a '.' (IPv4) or a ':' (IPv6)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		digit := c >= '0' && c <= '9'
		hex := digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !(digit || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			numeric = false
		}
		if !(hex || c == '.' || c == ':' || c == '%' || c == '/') {
			iplike = false
		}
		separated = separated || c == '.' || c == ':'
		if !(digit || alpha || c == '+' || c == '/' || c == '=') {
			b64 = false
		}
		if !numeric && !iplike && !b64 {
			break // nothing left to rule out; datelike looks at the start only
		}
	}
	t := strings.TrimSpace(s)
	datelike = len(t) >= 7 && t[4] == '-' && t[0] >= '0' && t[0] <= '9'
	return numeric, datelike, iplike && separated, b64
}

// contextStore holds a request's context: folded keys and their values. A
// request has a few keys, kept in a small array where a look-up is a few
// string comparisons and preparing costs no map; past it, in a map. The
// lists of one value come from slab, so that they cost no allocation.
type contextStore struct {
	n     int
	keys  [8]string
	vals  [8][]value
	m     map[string][]value // nil until the array is full
	nslab int
	slab  [5]value
	over  *overflow // what outgrew the arrays and the slab, kept for the next request
}

// overflow is a contextStore's room beyond its arrays, for the requests
// that outgrow them (a role session's caller keys and the service's
// values, say): made on the first such request and kept, as a service's
// requests, and so a pooled Prepared's, are alike. The map is cleared and
// the values taken again by the next request; nothing reads them once
// PrepareTo has reset the store (Results and Lookup copy what they keep,
// as they do from the slab).
type overflow struct {
	m    map[string][]value
	vals []value
	n    int // vals taken by this request
}

// reset empties the store for another request. The arrays keep what the
// last request put there, beyond n and nslab, where nothing reads it:
// whoever takes a list from the slab writes every value of it.
func (c *contextStore) reset() {
	if c.m != nil {
		clear(c.m)
	}
	if c.over != nil {
		c.over.n = 0
	}
	c.n, c.nslab, c.m = 0, 0, nil
}

// list returns room for n values: from the slab while it lasts, then from
// the overflow. The caller writes all n (a value may hold a past
// request's).
func (c *contextStore) list(n int) []value {
	if c.nslab+n <= len(c.slab) {
		i := c.nslab
		c.nslab += n
		return c.slab[i : i+n : i+n]
	}
	o := c.overflow()
	if o.n+n > len(o.vals) {
		// A new array: lists taken from the old one stay as they are.
		o.vals, o.n = make([]value, max(2*len(o.vals), n, 8)), 0
	}
	i := o.n
	o.n += n
	return o.vals[i : i+n : i+n]
}

// overflow returns the store's overflow, made on first use.
func (c *contextStore) overflow() *overflow {
	if c.over == nil {
		c.over = new(overflow)
	}
	return c.over
}

// lookup returns a key's values, and whether the request has the key.
func (c *contextStore) lookup(key string) ([]value, bool) {
	if c.m != nil {
		v, ok := c.m[key]
		return v, ok
	}
	for i := range c.n {
		if c.keys[i] == key {
			return c.vals[i], true
		}
	}
	return nil, false
}

// add gives a key the store does not have its values: set without
// looking for the key, small enough to inline.
func (c *contextStore) add(key string, v []value) {
	if c.m == nil && c.n < len(c.keys) {
		c.keys[c.n], c.vals[c.n] = key, v
		c.n++
		return
	}
	c.set(key, v)
}

// set gives a key its values.
func (c *contextStore) set(key string, v []value) {
	if c.m != nil {
		c.m[key] = v
		return
	}
	for i := range c.n {
		if c.keys[i] == key {
			c.vals[i] = v
			return
		}
	}
	if c.n < len(c.keys) {
		c.keys[c.n], c.vals[c.n] = key, v
		c.n++
		return
	}
	o := c.overflow()
	if o.m == nil {
		o.m = make(map[string][]value, 2*len(c.keys))
	}
	c.m = o.m // empty: reset cleared it
	for i := range c.n {
		c.m[c.keys[i]] = c.vals[i]
	}
	c.m[key] = v
}

// names returns the keys, in no order.
func (c *contextStore) names() []string {
	if c.m == nil {
		return append([]string(nil), c.keys[:c.n]...)
	}
	keys := make([]string, 0, len(c.m))
	for k := range c.m {
		keys = append(keys, k)
	}
	return keys
}

// knownKeys are the folded names of the global keys, by themselves: a
// key given in mixed case ("aws:SourceIp") folds to one of them without
// allocating a string.
var knownKeys = func() map[string]string {
	m := make(map[string]string, len(globalKeys))
	for k := range globalKeys {
		m[k] = k
	}
	return m
}()

// foldKey returns a context key in lower case (keys are case-insensitive).
func foldKey(k string) string {
	if !needsFold(k) {
		return k
	}
	var buf [48]byte
	if len(k) <= len(buf) && asciiOnly(k) {
		b := buf[:len(k)]
		for j := 0; j < len(k); j++ {
			c := k[j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[j] = c
		}
		if s, ok := knownKeys[string(b)]; ok {
			return s
		}
	}
	return strings.ToLower(k)
}

// needsFold reports whether k has an ASCII capital or a byte of a
// multi-byte character, eight bytes at a time: for a byte below 0x80,
// adding 0x3f sets its high bit when it is 'A' or more, adding 0x25 when
// it is past 'Z'.
func needsFold(k string) bool {
	const high, ge, gt = 0x8080808080808080, 0x3f3f3f3f3f3f3f3f, 0x2525252525252525
	i := 0
	for ; i+8 <= len(k); i += 8 {
		x := uint64(k[i]) | uint64(k[i+1])<<8 | uint64(k[i+2])<<16 | uint64(k[i+3])<<24 |
			uint64(k[i+4])<<32 | uint64(k[i+5])<<40 | uint64(k[i+6])<<48 | uint64(k[i+7])<<56
		if x&high != 0 || (x+ge)&^(x+gt)&high != 0 {
			return true
		}
	}
	for ; i < len(k); i++ {
		if foldable[k[i]] {
			return true
		}
	}
	return false
}

// foldable are the bytes foldKey changes or cannot fold alone: ASCII
// capitals and the bytes of multi-byte characters.
var foldable = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 0x80; c < 256; c++ {
		t[c] = true
	}
	return t
}()

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
