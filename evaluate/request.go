package evaluate

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/compiled"
)

// Request is one API call to authorize: who, what, on which resource, with
// which request context. Prepare it once to evaluate it many times.
type Request struct {
	// Principal is the caller: an IAM user, role, assumed-role session,
	// federated user or account root ARN, or a service principal name such as
	// ec2.amazonaws.com, or an identity provider (a SAML provider ARN,
	// cognito-identity.amazonaws.com) for the web identity and SAML calls,
	// or Anonymous for an unsigned request (S3, SNS and SQS take them).
	Principal string
	// Action is service:action, such as s3:GetObject (any letter case).
	Action string
	// Resource is the resource ARN ("*" for actions on no resource).
	Resource string
	// ResourceAccount owns the resource. Empty: the account in the resource
	// ARN, else the principal's account. S3 ARNs carry no account, so give it
	// for S3.
	ResourceAccount string
	// Context holds request context keys (case-insensitive) and their values;
	// a single-valued key has one value. Keys AWS derives from the principal
	// (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
	// aws:username, aws:userid, aws:PrincipalIsAWSService,
	// aws:PrincipalServiceName, aws:ResourceAccount) are filled in when
	// absent; without a Caller, a value given here wins. With a Caller, a
	// value for a key the Caller governs is a RequestError.
	Context map[string][]string
	// Caller is the principal as its credentials establish it (the role
	// with its path, unique id, tags, session keys). Nil: the principal
	// keys are derived from Principal alone. With a Caller, Principal may
	// be left empty (it is derived: a role with a SessionName is the
	// assumed-role ARN), and if given must be the same.
	Caller *Caller
}

// principalKind is what kind of caller a request has.
type principalKind uint8

const (
	callerUnknown       principalKind = iota
	callerUser                        // IAM user
	callerRoleSession                 // assumed-role session (or a role ARN: a session of that role)
	callerFederatedUser               // GetFederationToken session
	callerRoot                        // account root user
	callerService                     // AWS service principal
	callerProvider                    // an identity provider (web identity, SAML)
	callerAnonymous                   // an unsigned request
)

// Anonymous is the Principal of an unsigned request. Only a resource-based
// policy that allows everyone ("Principal": "*") can allow it.
const Anonymous = "anonymous"

// Prepared is a Request made ready for evaluation: the action folded to lower
// case, the principal taken apart, context keys folded and every value read
// once as a number, date, address, boolean and bytes. A Prepared is
// immutable and safe for concurrent use.
type Prepared struct {
	req           Request
	action        string // lower case
	service       string // the action's service prefix, lower case
	head          string // the resource ARN up to the first '/' or ':' of its resource part
	facts                // what the decision steps read
	principal     string
	account       string  // the principal's account
	name          string  // the principal's name: user, role or federated user
	role          arn.ARN // a role session's role: aws:PrincipalArn
	resAccount    string
	trust         bool         // an STS call on a role: the resource policy is the role's trust policy
	serviceLinked bool         // a session of a service-linked role: no SCPs or RCPs apply
	ctx           contextStore // lower-case key → values
}

// value is one context value with every reading of it an operator may need.
type value struct {
	s      string
	num    float64
	numOK  bool
	time   time.Time
	timeOK bool
	addr   netip.Addr
	addrOK bool
	b      bool
	bOK    bool
	bin    string
	binOK  bool
}

func readValue(s string) value {
	v := value{s: s}
	// Cheap looks first: most values are ARNs, names or tags, and the
	// parsers' failures cost allocations.
	numeric, datelike, iplike, b64 := shapes(s)
	if numeric {
		v.num, v.numOK = compiled.ParseNumber(s)
	}
	if datelike || numeric {
		v.time, v.timeOK = compiled.ParseDate(s)
	}
	if iplike {
		if p, ok := compiled.ParseIP(s); ok && p.IsSingleIP() {
			v.addr, v.addrOK = p.Addr(), true
		}
	}
	v.b, v.bOK = compiled.ParseBool(s)
	if b64 {
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
	}
	t := strings.TrimSpace(s)
	datelike = len(t) >= 7 && t[4] == '-' && t[0] >= '0' && t[0] <= '9'
	return numeric, datelike, iplike && separated, b64
}

// RequestError is a request that cannot be evaluated.
type RequestError struct {
	Field string // Principal, Action, Resource, ResourceAccount, Context or Caller.<field>
	Value string // the value refused; for Context, the key
	Msg   string
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("evaluate: request %s %q: %s", e.Field, e.Value, e.Msg)
}

// webIdentityProviders are the provider names that call
// AssumeRoleWithWebIdentity (IAM User Guide, "AWS JSON policy elements:
// Principal" > "Federated user principals").
var webIdentityProviders = map[string]bool{
	"cognito-identity.amazonaws.com": true, "accounts.google.com": true,
	"graph.facebook.com": true, "www.amazon.com": true,
}

// Prepare checks the request and makes it ready for evaluation.
func (r Request) Prepare() (*Prepared, error) {
	p := &Prepared{req: r, principal: r.Principal}
	var caller arn.ARN
	if r.Caller != nil {
		a, principal, err := r.Caller.principalFor(r.Principal)
		if err != nil {
			return nil, err
		}
		caller, p.principal, p.req.Principal = a, principal, principal
	}
	if err := actionCheck(r.Action); err != nil {
		return nil, err
	}
	p.action = compiled.FoldAction(r.Action)
	p.service, _, _ = strings.Cut(p.action, ":")
	p.head, _ = arnHead(r.Resource)
	p.needsGrant = needsResourceGrant(p.action, r.Resource)
	p.assumesRole = isRoleAssumption(p.action)
	if r.Resource == "" {
		return nil, &RequestError{"Resource", r.Resource, "is empty: give the resource ARN, or \"*\""}
	}
	if err := p.readContext(r); err != nil {
		return nil, err
	}
	if err := p.identify(); err != nil {
		return nil, err
	}
	if r.Caller != nil {
		if err := p.fromCaller(r.Caller, caller); err != nil {
			return nil, err
		}
	}
	// Service-linked roles live under /aws-service-role/ (IAM User Guide,
	// "Using service-linked roles").
	p.serviceLinked = p.kind == callerRoleSession && strings.HasPrefix(p.role.Path(), "/aws-service-role/")
	if err := p.locateResource(r); err != nil {
		return nil, err
	}
	p.derive()
	return p, nil
}

// readContext folds the request's context keys and reads their values,
// refusing what the key table (keys.go) says cannot be, and with a Caller
// the keys it governs.
func (p *Prepared) readContext(r Request) error {
	for k, vals := range r.Context {
		key := strings.ToLower(k)
		if _, dup := p.ctx.lookup(key); dup {
			return &RequestError{"Context", k, "is given twice in different letter case"}
		}
		if r.Caller != nil && isCallerKey(key) {
			return &RequestError{"Context", k, "is set by the Caller: a request's context cannot give it"}
		}
		vs := make([]value, len(vals))
		for i, s := range vals {
			vs[i] = readValue(s)
		}
		if err := checkKey(key, k, vs); err != nil {
			return err
		}
		p.ctx.set(key, vs)
	}
	return nil
}

// locateResource finds the resource's account, whether the request
// crosses accounts, and whether it is an STS call on a role (whose
// resource policy is the role's trust policy). It parses the resource ARN
// only when it needs to.
func (p *Prepared) locateResource(r Request) error {
	p.resAccount = r.ResourceAccount
	if p.resAccount != "" && !arn.IsAccountID(p.resAccount) {
		return &RequestError{"ResourceAccount", p.resAccount, "is not a 12-digit account id"}
	}
	var res arn.ARN
	parsed := false
	if p.resAccount == "" || p.service == "sts" {
		a, err := arn.Parse(r.Resource)
		res, parsed = a, err == nil
	}
	if p.resAccount == "" {
		if parsed && arn.IsAccountID(res.Account()) {
			p.resAccount = res.Account()
		} else {
			p.resAccount = p.account
		}
	}
	p.trust = p.service == "sts" && parsed && res.Kind() == arn.KindRole
	p.crossAccount = p.account != "" && p.resAccount != "" && p.account != p.resAccount
	return nil
}

// context returns the values of a context key (in lower case), nil when
// the request has none.
func (p *Prepared) context(key string) []value {
	v, _ := p.ctx.lookup(key)
	return v
}

// contextStore holds a request's context: folded keys and their values. A
// request has a few keys, kept in a small array where a look-up is a few
// string comparisons and preparing costs no map; past it, in a map.
type contextStore struct {
	n    int
	keys [8]string
	vals [8][]value
	m    map[string][]value // nil until the array is full
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
	c.m = make(map[string][]value, 2*len(c.keys))
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

func actionCheck(a string) error {
	svc, name, ok := strings.Cut(a, ":")
	if !ok || svc == "" || name == "" || strings.ContainsAny(a, " *?") || strings.Count(a, ":") != 1 {
		return &RequestError{"Action", a, "is not of the form service:action, such as s3:GetObject"}
	}
	return nil
}

// identify takes the principal apart.
func (p *Prepared) identify() error {
	s := p.principal
	switch {
	case s == "":
		return &RequestError{"Principal", s, "is empty"}
	case s == Anonymous:
		p.kind = callerAnonymous
		return nil
	case webIdentityProviders[s]:
		p.kind = callerProvider
		return nil
	case arn.IsServicePrincipal(s):
		p.kind = callerService
		return nil
	}
	a, err := arn.Parse(s)
	if err != nil {
		return &RequestError{"Principal", s, "is neither a principal ARN nor a service principal name"}
	}
	p.account = a.Account()
	p.name = a.Name()
	switch a.Kind() {
	case arn.KindUser:
		p.kind = callerUser
	case arn.KindRole:
		p.kind = callerRoleSession
		p.role = a
	case arn.KindAssumedRole:
		p.kind = callerRoleSession
		role, err := a.RoleARN("")
		if err != nil {
			return &RequestError{"Principal", s, err.Error()}
		}
		p.role = role
	case arn.KindFederatedUser:
		p.kind = callerFederatedUser
	case arn.KindRoot:
		p.kind = callerRoot
	default:
		if a.Service() == "iam" && (strings.Contains(a.Resource(), "saml-provider/") || strings.Contains(a.Resource(), "oidc-provider/")) {
			p.kind = callerProvider
			p.account = ""
			return nil
		}
		return &RequestError{"Principal", s, "is not a user, role, assumed-role session, federated user or root ARN"}
	}
	// A role path is not in a session ARN; a caller who knows it gives
	// aws:PrincipalArn, and that role ARN is the one principals match.
	// (With a Caller, fromCaller sets the role from it.)
	if p.kind == callerRoleSession {
		if v := p.context("aws:principalarn"); len(v) == 1 {
			if a, err := arn.Parse(v[0].s); err == nil && a.Kind() == arn.KindRole && a.Name() == p.name && a.Account() == p.account {
				p.role = a
			}
		}
	}
	return nil
}

// derive fills in the context keys AWS sets from the principal and the
// resource (IAM User Guide, "AWS global condition context keys"; "IAM policy
// elements: Variables and tags" > "Principal key values").
func (p *Prepared) derive() {
	var a arena
	set := func(k, v string) {
		if _, given := p.ctx.lookup(k); !given {
			p.ctx.set(k, a.one(v))
		}
	}
	if p.req.Caller != nil {
		// The Caller set the principal's keys, or left them absent.
		if p.resAccount != "" {
			set("aws:resourceaccount", p.resAccount)
		}
		return
	}
	switch p.kind {
	case callerUser:
		set("aws:principalarn", p.principal)
		set("aws:principaltype", "User")
		set("aws:username", p.name)
	case callerRoleSession:
		set("aws:principalarn", p.role.String())
		set("aws:principaltype", "AssumedRole")
	case callerFederatedUser:
		set("aws:principalarn", p.principal)
		set("aws:principaltype", "FederatedUser")
		set("aws:userid", p.account+":"+p.name)
	case callerRoot:
		set("aws:principalarn", p.principal)
		set("aws:principaltype", "Account")
		set("aws:userid", p.account)
	case callerAnonymous:
		// "aws:PrincipalAccount ... anonymous" and the Anonymous principal
		// type (IAM User Guide, "AWS global condition context keys").
		set("aws:principalaccount", "anonymous")
		set("aws:principaltype", "Anonymous")
		set("aws:userid", "anonymous")
	case callerService:
		set("aws:principalisawsservice", "true")
		set("aws:principalservicename", p.principal)
		set("aws:principalservicenameslist", p.principal)
	}
	switch p.kind {
	case callerUser, callerRoleSession, callerFederatedUser, callerRoot:
		set("aws:principalaccount", p.account)
		set("aws:principalisawsservice", "false")
	}
	if p.resAccount != "" {
		set("aws:resourceaccount", p.resAccount)
	}
}

// arena hands out the one-value lists of the keys Prepare derives from
// one backing array, and reads each text once: the derived keys repeat
// themselves (the principal's and the resource's account are often one).
type arena struct {
	vals []value
}

// one returns s read as a list of one value.
func (a *arena) one(s string) []value {
	n := len(a.vals)
	for i := range a.vals {
		if a.vals[i].s == s {
			return a.vals[i : i+1 : i+1]
		}
	}
	if n == cap(a.vals) {
		a.vals = make([]value, 0, 8)
		n = 0
	}
	a.vals = append(a.vals, constValue(s))
	return a.vals[n : n+1 : n+1]
}

// constValues are the readings of the fixed texts Prepare derives, read
// once: reading "false" as base64 alone costs two failed decodings.
var constValues = func() map[string]value {
	m := map[string]value{}
	for _, s := range []string{"User", "AssumedRole", "FederatedUser", "Account", "Anonymous", "anonymous", "true", "false"} {
		m[s] = readValue(s)
	}
	return m
}()

// constValue reads s, from constValues when it is one of the fixed texts.
func constValue(s string) value {
	if v, ok := constValues[s]; ok {
		return v
	}
	return readValue(s)
}

// Lookup gives a single-valued context key's value for policy variables
// (key in lower case). Multivalued keys cannot be variables (IAM User Guide,
// "IAM policy elements: Variables and tags").
func (p *Prepared) Lookup(key string) (string, bool) {
	v := p.context(key)
	if len(v) != 1 {
		return "", false
	}
	return v[0].s, true
}

// Request returns the request the Prepared was made from.
func (p *Prepared) Request() Request { return p.req }

// CrossAccount reports whether the principal and the resource are in
// different accounts.
func (p *Prepared) CrossAccount() bool { return p.crossAccount }

// ContextKeys returns the context keys (in lower case, sorted), derived ones included.
func (p *Prepared) ContextKeys() []string {
	keys := p.ctx.names()
	sort.Strings(keys)
	return keys
}
