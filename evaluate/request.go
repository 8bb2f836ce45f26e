package evaluate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/arn"
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
	// Values gives context values without a map: one entry per value, a
	// multivalued key repeating its key (spelled the same) once per value.
	// A key is given in Context or in Values, not both. A service that
	// builds a request per call saves the map and its lists this way.
	Values []KeyValue
	// Caller is the principal as its credentials establish it (the role
	// with its path, unique id, tags, session keys). Nil: the principal
	// keys are derived from Principal alone. With a Caller, Principal may
	// be left empty (it is derived: a role with a SessionName is the
	// assumed-role ARN), and if given must be the same.
	Caller *Caller
}

// principalKind is what kind of caller a request has.
type principalKind uint8

// The kinds with identity-based policies, callerUser to
// callerFederatedUser, are numbered in a row: identitySide tells them with
// one comparison.
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

// KeyValue is one value of a request context key: Request.Values gives a
// request's context without a map.
type KeyValue struct {
	Key   string // case-insensitive, as in Request.Context
	Value string
}

// Prepared is a Request made ready for evaluation: the action folded to lower
// case, the principal taken apart, context keys folded and their values
// read as numbers, dates, addresses, booleans and bytes, as the policies
// need them. A Prepared is immutable once made and safe for concurrent use
// (PolicySet.PrepareTo overwrites one its caller reuses; the zero Prepared
// decides ImplicitDeny).
type Prepared struct {
	preparedState
	// ctx holds the context; PrepareTo resets it in place (contextStore.reset),
	// without clearing the kilobyte of its arrays.
	ctx contextStore
	// memo is the last principal ARN quickPrincipal read into this
	// Prepared: a service that prepares into a reused (or pooled) Prepared
	// sees the same callers again and again, and a principal equal to the
	// last one is not read again. It outlives PrepareTo's reset.
	memo principalMemo
	// cmemo is the last Caller's ARN and SessionName checked (callerMemo),
	// which outlives the reset too.
	cmemo callerMemo
	amemo actionMemo // the last action folded (foldAction)
}

// preparedState is what PrepareTo clears for each request: every fact of
// the request but its context.
type preparedState struct {
	req     Request
	action  string // lower case
	service string // the action's service prefix, lower case
	// headLen is the length of the resource's head (arnHead), 0 when it
	// was not looked for: only a set with an index reads it (index.go).
	headLen    int32
	facts             // what the decision steps read
	partition  string // the principal's
	account    string // the principal's account
	name       string // the principal's name: user, role or federated user
	role       string // a role session's role ARN, when the request tells it (see roleARN)
	rolePath   string // that role's path; "" when unknown
	resAccount string
	// trust: an STS call on a role, whose resource policy is the role's
	// trust policy. serviceLinked: a session of a service-linked role, to
	// which no SCPs or RCPs apply.
	trust, serviceLinked bool
	// exempts: the policy types that do not apply to the request, one
	// bit each (Prepared.exemptions).
	exempts uint8
	// rcpUnchecked: the RCP bit of exempts stands because the set
	// prepared for weighs no RCPs, not because RCPs leave the action alone
	// (Prepared.rcpsBindAfterAll).
	rcpUnchecked bool
	forms        formSet // the readings made of every value (a typed key's own form besides)
	derived      keyMask // the derived keys materialized in ctx (derive.go)
	given        keyMask // derived keys the request's Context or Values give
	ready        bool    // made by Prepare: a zero Prepared decides nothing but ImplicitDeny
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

// maxRoleName is the longest role name (IAM User Guide, "IAM and AWS STS
// quotas").
const maxRoleName = 64

// webIdentityProviders are the provider names that call
// AssumeRoleWithWebIdentity (IAM User Guide, "AWS JSON policy elements:
// Principal" > "Federated user principals").
var webIdentityProviders = map[string]bool{
	"cognito-identity.amazonaws.com": true, "accounts.google.com": true,
	"graph.facebook.com": true, "www.amazon.com": true,
}

// Prepare checks the request and makes it ready for evaluation by any
// PolicySet: it reads every context value in every form an operator may
// ask for, and derives every key AWS derives. PolicySet.Prepare reads
// only what one set's policies read.
func (r Request) Prepare() (*Prepared, error) {
	return r.prepare(nil, allForms, allDerived)
}

// Prepare is Request.Prepare for this set: it reads the context values in
// the forms the set's conditions read (a documented global key's own form
// is always read: a value of the wrong form is refused), and derives the
// principal keys its policies read, so that a service pays for what its
// policies ask and no more. The Prepared decides correctly with any set,
// but a set that reads more than s makes Decide derive or read the rest
// on each call, allocating.
func (s *PolicySet) Prepare(r Request) (*Prepared, error) {
	if !s.usable() {
		return r.Prepare()
	}
	return r.prepare(s, s.needs.forms, s.needs.derived)
}

// PrepareTo is Prepare into a Prepared the caller keeps and reuses, in the
// strings.Builder spirit: a service that keeps one per goroutine (or in a
// sync.Pool) prepares each request without allocating it, and a
// principal, Caller or action equal to the last one p saw is not read
// again (p remembers them). It overwrites *p, so no other goroutine may
// use p meanwhile; what was taken from p before (a Result, a Lookup
// value, Request) stays valid. On an error *p is the zero Prepared, which
// every set denies.
func (s *PolicySet) PrepareTo(p *Prepared, r Request) error {
	forms, derived := allForms, allDerived
	if s.usable() {
		forms, derived = s.needs.forms, s.needs.derived
	}
	if err := r.prepareTo(p, s, forms, derived); err != nil {
		*p = Prepared{}
		return err
	}
	return nil
}

func (r *Request) prepare(s *PolicySet, forms formSet, derived keyMask) (*Prepared, error) {
	p := new(Prepared)
	if err := r.prepareTo(p, s, forms, derived); err != nil {
		return nil, err
	}
	return p, nil
}

func (r *Request) prepareTo(p *Prepared, s *PolicySet, forms formSet, derived keyMask) error {
	// Cleared in place (a composite literal would be built aside and
	// copied), the context without its arrays: the memo stays.
	p.preparedState = preparedState{}
	p.ctx.reset()
	p.req, p.forms = *r, forms
	var caller arn.ARN
	var callerKind arn.Kind
	if r.Caller != nil {
		a, kind, principal, err := r.Caller.principalFor(r.Principal, &p.cmemo)
		if err != nil {
			return err
		}
		caller, callerKind, p.req.Principal = a, kind, principal
	}
	action, err := p.foldAction(s, r.Action)
	if err != nil {
		return err
	}
	p.action = action
	p.service = servicePrefix(p.action)
	if !s.usable() || s.needs.indexed {
		head, _ := arnHead(r.Resource)
		p.headLen = int32(len(head))
	}
	p.needsGrant = needsResourceGrant(p.action, r.Resource)
	p.assumesRole = isRoleAssumption(p.action)
	if r.Resource == "" {
		return &RequestError{"Resource", r.Resource, "is empty: give the resource ARN, or \"*\""}
	}
	if err := p.readValues(r); err != nil {
		return err
	}
	if len(r.Context) > 0 {
		if err := p.readContext(r); err != nil {
			return err
		}
	}
	// A Caller's own ARN (no session) is the principal: it was parsed and
	// identified already.
	var pre *arn.ARN
	if r.Caller != nil && p.req.Principal == r.Caller.ARN {
		pre = &caller
	}
	if err := p.identify(pre, callerKind); err != nil {
		return err
	}
	if r.Caller != nil {
		if err := p.fromCaller(r.Caller, caller, callerKind); err != nil {
			return err
		}
	}
	// Service-linked roles live under /aws-service-role/ (IAM User Guide,
	// "Using service-linked roles").
	p.serviceLinked = p.kind == callerRoleSession && strings.HasPrefix(p.rolePath, "/aws-service-role/")
	if err := p.locateResource(r); err != nil {
		return err
	}
	p.derive(derived)
	// The service rule is a fact of the request, found once however many
	// sets decide it.
	p.rule = p.serviceRule()
	p.exempts = p.exemptions(s)
	p.ready = true
	return nil
}

// readContext folds the keys of the request's Context and reads their
// values, refusing what the key table (keys.go) says cannot be, and with
// a Caller the keys it governs.
func (p *Prepared) readContext(r *Request) error {
	for k, vals := range r.Context {
		key, f, known, derived := keyOf(k)
		p.given |= derived
		if _, dup := p.ctx.lookup(key); dup {
			if inValues(r.Values, key) {
				return &RequestError{"Context", k, "is given in both Context and Values"}
			}
			return &RequestError{"Context", k, "is given twice in different letter case"}
		}
		if err := p.admit(key, k, f, known); err != nil {
			return err
		}
		if known && !f.multi && len(vals) > 1 {
			return &RequestError{"Context", k, "is a single-valued key: give one value"}
		}
		vs := p.ctx.list(len(vals))
		for i, s := range vals {
			if err := p.read(&vs[i], f, known, k, s); err != nil {
				return err
			}
		}
		p.ctx.add(key, vs)
	}
	return nil
}

// readValues reads the request's Values: a key that repeats (spelled the
// same) gathers its values, in order.
func (p *Prepared) readValues(r *Request) error {
	for i := range r.Values {
		kv := &r.Values[i]
		key, f, known, derived := keyOf(kv.Key)
		p.given |= derived
		if err := p.admit(key, kv.Key, f, known); err != nil {
			return err
		}
		prev, dup := p.ctx.lookup(key)
		if !dup {
			l := p.ctx.list(1)
			if p.plain(f, known) { // read's usual case, without its call
				l[0] = value{s: kv.Value}
			} else if err := p.read(&l[0], f, known, kv.Key, kv.Value); err != nil {
				return err
			}
			p.ctx.add(key, l)
			continue
		}
		var v value
		if err := p.read(&v, f, known, kv.Key, kv.Value); err != nil {
			return err
		}
		for j := range i {
			if r.Values[j].Key != kv.Key && foldKey(r.Values[j].Key) == key {
				return &RequestError{"Context", kv.Key, "is given twice in different letter case"}
			}
		}
		if known && !f.multi {
			return &RequestError{"Context", kv.Key, "is a single-valued key: give one value"}
		}
		p.ctx.set(key, append(prev[:len(prev):len(prev)], v))
	}
	return nil
}

// inValues reports whether a folded key is among Values' keys.
func inValues(vals []KeyValue, key string) bool {
	for i := range vals {
		if foldKey(vals[i].Key) == key {
			return true
		}
	}
	return false
}

// admit checks a context key (folded key, name as given, its facts in the
// key table when known): an empty key is refused, and with a Caller the
// keys it governs.
func (p *Prepared) admit(key, name string, f keyFact, known bool) error {
	if key == "" {
		return &RequestError{"Context", name, "is an empty key"}
	}
	if known && f.caller && p.req.Caller != nil {
		return &RequestError{"Context", name, "is set by the Caller: a request's context cannot give it"}
	}
	return nil
}

// read reads one value of a key whose facts are f (when known), in the
// Prepared's forms and the key's own, refusing a value of the wrong form.
func (p *Prepared) read(v *value, f keyFact, known bool, name, s string) error {
	if p.plain(f, known) {
		*v = value{s: s} // v may hold a past request's value
		return nil
	}
	forms := p.forms
	if known && f.form != formString {
		forms |= 1 << f.form
	}
	*v = readValue(s, forms)
	if known {
		return checkForm(f, name, v)
	}
	return nil
}

// plain reports whether a value of a key whose facts are f (when known)
// is read as the string alone: the set compares no other reading, and
// the key's own form, if it has one, is a string.
func (p *Prepared) plain(f keyFact, known bool) bool {
	return p.forms == 0 && (!known || f.form == formString)
}

// locateResource finds the resource's account, whether the request
// crosses accounts, and whether it is an STS call on a role (whose
// resource policy is the role's trust policy). It parses the resource ARN
// only when it needs to.
func (p *Prepared) locateResource(r *Request) error {
	p.resAccount = r.ResourceAccount
	// The principal's account, when the principal has one, is a checked
	// 12-digit id already.
	same := p.resAccount == p.account
	if p.resAccount != "" && !same && !arn.IsAccountID(p.resAccount) {
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
		same = p.resAccount == p.account
	}
	p.trust = p.service == "sts" && parsed && res.Kind() == arn.KindRole
	p.crossAccount = p.account != "" && p.resAccount != "" && !same
	return nil
}

// servicePrefix returns an action's service prefix, the text before its
// colon (the whole action without one). A prefix is a few bytes: a loop
// finds the colon sooner than strings.Cut's call into IndexByte.
func servicePrefix(action string) string {
	for i := 0; i < len(action); i++ {
		if action[i] == ':' {
			return action[:i]
		}
	}
	return action
}

// actionCheck checks that a is service:action: one colon, neither part
// empty, no space or wildcard.
func actionCheck(a string) error {
	colon := -1
	for i := 0; i < len(a); i++ {
		if !actionSpecial[a[i]] {
			continue
		}
		if a[i] != ':' || colon >= 0 {
			colon = 0 // a space, a wildcard or a second colon
			break
		}
		colon = i
	}
	if colon <= 0 || colon == len(a)-1 {
		return &RequestError{"Action", a, "is not of the form service:action, such as s3:GetObject"}
	}
	return nil
}

// actionSpecial are the bytes actionCheck looks at.
var actionSpecial = [256]bool{':': true, ' ': true, '*': true, '?': true}

// principalName returns the name in a principal ARN's resource part: a
// user's or role's (after its path), an assumed role's role, a federated
// user's (arn.ARN.Name, without parsing the ARN again).
func principalName(kind arn.Kind, res string) string {
	switch kind {
	case arn.KindUser, arn.KindRole:
		return res[strings.LastIndexByte(res, '/')+1:]
	case arn.KindAssumedRole:
		role, _, _ := strings.Cut(strings.TrimPrefix(res, "assumed-role/"), "/")
		return role
	case arn.KindFederatedUser:
		return strings.TrimPrefix(res, "federated-user/")
	}
	return ""
}

// rolePath returns the path in a role ARN's resource part
// ("role/PATH/NAME", PATH "/" or "/a/b/"), as arn.ARN.Path does, without
// identifying the ARN again.
func rolePath(res string) string {
	return res[len("role/")-1 : strings.LastIndexByte(res, '/')+1]
}

// identify takes the principal apart; pre, when not nil, is the principal
// parsed already (a Caller's ARN, of kind preKind).
func (p *Prepared) identify(pre *arn.ARN, preKind arn.Kind) error {
	s := p.req.Principal
	if pre == nil && !strings.HasPrefix(s, "arn:") {
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
	}
	var kind arn.Kind
	var partition, account, name string
	var quick bool
	var a arn.ARN
	if pre != nil {
		a, kind = *pre, preKind
		partition, account, name = a.Partition(), a.Account(), principalName(kind, a.Resource())
	} else {
		kind, partition, account, name, quick = p.quickPrincipal(s)
	}
	if pre == nil && !quick {
		var err error
		if a, err = arn.Parse(s); err != nil {
			return &RequestError{"Principal", s, "is neither a principal ARN nor a service principal name"}
		}
		kind = a.Kind()
		partition, account, name = a.Partition(), a.Account(), principalName(kind, a.Resource())
	}
	p.partition, p.account, p.name = partition, account, name
	switch kind {
	case arn.KindUser:
		p.kind = callerUser
	case arn.KindRole:
		p.kind = callerRoleSession
		p.role, p.rolePath = s, "/"
		if !quick {
			p.rolePath = rolePath(a.Resource())
		}
	case arn.KindAssumedRole:
		p.kind = callerRoleSession
		// The role's ARN (roleARN) must be one: a role name of at most 64
		// characters (arn.Role's check; Parse checked the account).
		if len(p.name) > maxRoleName {
			return &RequestError{"Principal", s, "names no role: a role name has at most 64 characters"}
		}
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
	if p.kind == callerRoleSession && p.given&(1<<dPrincipalArn) != 0 {
		if v, _ := p.ctx.lookup("aws:principalarn"); len(v) == 1 {
			if a, err := arn.Parse(v[0].s); err == nil && a.Kind() == arn.KindRole && a.Name() == p.name && a.Account() == p.account {
				p.role, p.rolePath = v[0].s, a.Path()
			}
		}
	}
	return nil
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
	keys := append(p.ctx.names(), p.derivedNotMaterialized()...)
	sort.Strings(keys)
	return keys
}
