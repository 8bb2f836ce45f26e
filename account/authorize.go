package account

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// Request is a question for Authorize: may this principal do this action on
// this resource?
type Request struct {
	// Principal is a loaded user's or role's ARN (path included), an
	// assumed-role session ARN of a loaded role
	// (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), or an account's
	// root ARN (arn:aws:iam::ACCOUNT:root).
	Principal string
	Action    string
	Resource  string
	// ResourceAccount owns the resource. "": the owner of its loaded
	// resource policy, else the account in the ARN, else the principal's.
	ResourceAccount string
	// Context holds request context keys. Keys the principal fixes
	// (aws:PrincipalArn, aws:userid, aws:PrincipalTag/…, …) come from the
	// loaded principal and may not be given here.
	Context map[string][]string
	// Session, when not nil, is the role session the request is made with
	// (package sts fills it): Principal must be its assumed-role ARN.
	Session *Session
}

// Session is what a role session's credentials carry beyond its role: the
// session policies passed when it was created, and the caller facts (session
// tags, source identity, token issue time, MFA). Its policies limit the
// role's: the request is allowed only where both allow (IAM User Guide,
// "Session policies").
type Session struct {
	Policies []*policy.Policy
	// Caller is the whole caller of the session; its ARN is the role's
	// ARN (with its path) and its SessionName the session's.
	Caller evaluate.Caller
}

// PrincipalError is a principal Authorize cannot find or use.
type PrincipalError struct {
	Principal string
	Msg       string
}

func (e *PrincipalError) Error() string {
	return fmt.Sprintf("account: principal %q: %s", e.Principal, e.Msg)
}

// resolve finds the loaded principal a request names, and the caller its
// credentials make it: for a user, role or root the principal's own; for a
// role session, the role's with the session's name and unique id
// ("AROA…:session", IAM User Guide, "IAM identifiers", "Unique
// identifiers").
func (s *Set) resolve(name string) (*principal, *evaluate.Caller, error) {
	// A loaded user's or role's own ARN (the usual request) is found
	// without parsing it: the maps are keyed by ARN, so only the
	// partition check below remains.
	p, ok := s.users[name]
	if !ok {
		p, ok = s.roles[name]
	}
	if ok && inPartition(name, s.accounts[p.account].Partition) {
		return p, p.caller, nil
	}
	a, err := arn.Parse(name)
	if err != nil {
		return nil, nil, &PrincipalError{name, "not an ARN: " + err.Error()}
	}
	switch a.Kind() {
	case arn.KindUser:
		p = s.users[name]
	case arn.KindRole:
		p = s.roles[name]
	case arn.KindAssumedRole:
		p = s.byName[nameKey(a.Account(), a.Name())]
		if p != nil && a.Name() != p.name {
			return nil, nil, &PrincipalError{name, fmt.Sprintf("the role is named %s: a session ARN spells its role's name as IAM does", p.name)}
		}
	case arn.KindRoot:
		p = s.roots[a.Account()]
	default:
		return nil, nil, &PrincipalError{name, "not a user, role, assumed-role session or root ARN"}
	}
	if p == nil {
		return nil, nil, &PrincipalError{name, s.notFound(a)}
	}
	// Users, roles and roots are found by account; the partition must be
	// theirs too (arn:aws-cn:… is another principal than arn:aws:…).
	if part := s.accounts[p.account].Partition; a.Partition() != part {
		return nil, nil, &PrincipalError{name, fmt.Sprintf("account %s is loaded in partition %s, not %s", p.account, part, a.Partition())}
	}
	if a.Kind() != arn.KindAssumedRole {
		return p, p.caller, nil
	}
	c := *p.caller
	c.SessionName = a.SessionName()
	c.UserID = p.userID + ":" + c.SessionName
	return p, &c, nil
}

// inPartition reports whether an ARN is in a partition ("arn:PART:…"),
// without building the prefix.
func inPartition(name, part string) bool {
	n := len("arn:") + len(part)
	return len(name) > n && name[:4] == "arn:" && name[4:n] == part && name[n] == ':'
}

// notFound says why no principal has an ARN, naming the one that has its
// name when only the path differs.
func (s *Set) notFound(a arn.ARN) string {
	if _, ok := s.accounts[a.Account()]; !ok {
		return fmt.Sprintf("account %s is not loaded", a.Account())
	}
	for _, p := range s.all {
		if p.account == a.Account() && strings.EqualFold(p.name, a.Name()) && p.kind == a.Kind() {
			return fmt.Sprintf("not loaded; did you mean %s?", p.arn)
		}
	}
	return "not loaded"
}

// resourceAccount decides who owns the resource. A ResourceAccount given
// with the request may only say what the loaded files and the ARN do not:
// one that contradicts the owner of the loaded resource policy or the
// account in the ARN is refused, since it would make a cross-account
// request look like a same-account one, which needs no grant from the
// resource (IAM User Guide, "Cross-account policy evaluation logic").
func (s *Set) resourceAccount(r *Request, rp *ResourcePolicy, p *principal) (string, error) {
	owner := ""
	if rp != nil {
		owner = rp.Account
	} else if a, err := arn.Parse(r.Resource); err == nil && arn.IsAccountID(a.Account()) {
		owner = a.Account()
	}
	switch {
	case r.ResourceAccount != "" && owner != "" && r.ResourceAccount != owner:
		return "", &evaluate.RequestError{Field: "ResourceAccount", Value: r.ResourceAccount,
			Msg: fmt.Sprintf("%s belongs to account %s (its ARN or its loaded resource policy says so)", r.Resource, owner)}
	case r.ResourceAccount != "":
		return r.ResourceAccount, nil
	case owner != "":
		return owner, nil
	}
	return p.account, nil
}

// compileKey names a compiled set: a principal with one resource's policies.
type compileKey struct {
	p   *principal
	rp  *ResourcePolicy
	acc string
}

// cacheKey is a compiled set's key in the cache: a principal's base set
// (no resource policy, no account's RCPs: the usual request) under the
// principal itself, which is a pointer and so hashes and compares faster
// than a compileKey; any other under its compileKey. The two kinds of key
// never collide (their dynamic types differ).
func cacheKey(p *principal, rp *ResourcePolicy, resAcct string) any {
	if rp == nil && resAcct == "" {
		return p
	}
	return compileKey{p, rp, resAcct}
}

// stages are the gathered policies a compiled set was made from, by the
// engine's stage, so that a match is named by what it really is.
type stages struct {
	set       *evaluate.PolicySet
	identity  []gathered
	boundary  *gathered
	resource  *gathered
	session   []gathered
	scps      [][]gathered
	rcps      [][]gathered
	principal *principal
}

// compiled returns the compiled policies for a principal and a resource,
// compiling them on first use: the principal's stages (identity, boundary,
// SCPs) with the RCPs of the resource's account once per account, and the
// resource policy added to them without recompiling them (WithResource).
func (s *Set) compiled(p *principal, rp *ResourcePolicy, resAcct string) (*stages, error) {
	if rp == nil {
		// The resource account's S3 Block Public Access settings hold for
		// its buckets whether or not they have a policy: BlockPublicAcls
		// refuses a PUT with a public ACL in any bucket of the account
		// (Amazon S3 User Guide, "Blocking public access to your Amazon S3
		// storage"). They touch no other service's requests.
		if a := s.accounts[resAcct]; a != nil && a.PublicAccessBlock != (evaluate.PublicAccessBlockConfiguration{}) {
			return s.withAccountBlock(p, resAcct, a.PublicAccessBlock)
		}
	}
	return s.compiledPolicies(p, rp, resAcct)
}

// blockKey keys a principal's compiled set under its resource account's
// Block Public Access settings; accounts are loaded values, so the keys
// stay bounded.
type blockKey struct {
	p       *principal
	account string
}

// withAccountBlock is the principal's set for a resource of an account
// with Block Public Access settings and no resource policy.
func (s *Set) withAccountBlock(p *principal, resAcct string, bpa evaluate.PublicAccessBlockConfiguration) (*stages, error) {
	key := blockKey{p, resAcct}
	if st, ok := s.cache.load(key); ok {
		return st, nil
	}
	base, err := s.compiledPolicies(p, nil, resAcct)
	if err != nil {
		return nil, err
	}
	c := *base
	c.set = base.set.WithBlockPublicAccess(evaluate.BlockPublicAccess{Account: bpa})
	return s.cache.store(key, &c), nil
}

// compiledPolicies is compiled without the account's Block Public Access
// settings for a resource without a policy.
func (s *Set) compiledPolicies(p *principal, rp *ResourcePolicy, resAcct string) (*stages, error) {
	// Only the RCPs of the resource account depend on it: every account
	// without any shares one entry, which keeps the cache's keys loaded
	// values (cache.go).
	if s.levels[resAcct] == nil || resAcct == s.mgmt || p.serviceLinked {
		resAcct = ""
	}
	key := cacheKey(p, rp, resAcct)
	if st, ok := s.cache.load(key); ok {
		return st, nil
	}
	var st *stages
	if rp == nil {
		b, err := s.compileBase(p, resAcct)
		if err != nil {
			return nil, err
		}
		st = b
	} else {
		base, err := s.compiled(p, nil, resAcct)
		if err != nil {
			return nil, err
		}
		kind := "resource"
		if s.trusts[rp.ARN] == rp {
			kind = "trust"
		}
		c := *base
		c.resource = &gathered{rp.Policy, PolicyRef{Name: rp.Policy.Name(), Kind: kind, Owner: rp.ARN, Source: s.sources[rp.Policy]}}
		if c.set, err = base.set.WithResource(rp.Policy); err != nil {
			return nil, err
		}
		if bpa, ok := s.publicAccess(rp); ok {
			c.set = c.set.WithBlockPublicAccess(bpa)
		}
		st = &c
	}
	return s.cache.store(key, st), nil
}

// compileBase compiles a principal's stages and the RCPs of an account.
func (s *Set) compileBase(p *principal, resAcct string) (*stages, error) {
	st := &stages{identity: p.identity, boundary: p.boundary, principal: p}
	ps := p.policies(s)
	if lv := s.levels[p.account]; lv != nil && !p.serviceLinked && p.account != s.mgmt {
		st.scps = lv.scps
	}
	// RCPs apply along the resource account's path, except to resources of
	// the management account and to requests of service-linked roles (AWS
	// Organizations User Guide, "Resource control policies").
	if lv := s.levels[resAcct]; lv != nil && resAcct != s.mgmt && !p.serviceLinked {
		st.rcps = lv.rcps
		for _, level := range lv.rcps {
			ps.RCPs = append(ps.RCPs, pols(level))
		}
	}
	set, err := evaluate.Compile(ps)
	if err != nil {
		return nil, err
	}
	st.set = set
	return st, nil
}

// prepare resolves a request and returns its compiled policies and the
// request to prepare for them: the per-request work. The request is
// prepared for the compiled set (PolicySet.PrepareTo or Prepare), which
// reads only what that set's policies read.
func (s *Set) prepare(r *Request) (*stages, evaluate.Request, error) {
	p, c, err := s.resolve(r.Principal)
	if err != nil {
		return nil, evaluate.Request{}, err
	}
	if r.Session != nil {
		if c.SessionName == "" || r.Session.Caller.ARN != p.arn || r.Session.Caller.SessionName != c.SessionName {
			return nil, evaluate.Request{}, &PrincipalError{r.Principal, "a session's caller must be the role of the assumed-role ARN (its ARN with path) with the same session name"}
		}
		c = &r.Session.Caller
	}
	rp := s.resourcePolicy(r.Resource)
	if t, ok := s.trusts[r.Resource]; ok && len(r.Action) > 4 && strings.EqualFold(r.Action[:4], "sts:") {
		// For STS actions on a role, the role's trust policy is the
		// resource-based policy (IAM User Guide, "Roles terms and
		// concepts": "the trust policy ... is a resource-based policy").
		rp = t
	}
	acc, err := s.resourceAccount(r, rp, p)
	if err != nil {
		return nil, evaluate.Request{}, err
	}
	er := evaluate.Request{Action: r.Action, Resource: r.Resource, ResourceAccount: acc, Context: r.Context, Caller: c}
	if id, path, ok := s.OrgOf(acc); ok {
		if er.Context, er.Values, err = resourceOrg(r.Context, id, path); err != nil {
			return nil, evaluate.Request{}, err
		}
	}
	// The resource account picks the RCPs (and S3's account-level Block
	// Public Access, an S3 matter); for an action of a service RCPs do not
	// apply to, no account's RCPs are compiled in (evaluate.RCPsApply).
	rcpAcc := acc
	if !evaluate.RCPsApply(r.Action) {
		rcpAcc = ""
	}
	st, err := s.compiled(p, rp, rcpAcc)
	if err != nil {
		return nil, evaluate.Request{}, err
	}
	if r.Session != nil {
		// Compiled per request: only the session policies are, the rest
		// is shared (WithSession).
		with := *st
		for _, sp := range r.Session.Policies {
			if sp == nil {
				return nil, evaluate.Request{}, evaluate.ErrNilPolicy
			}
			with.session = append(with.session, gathered{sp, PolicyRef{Name: sp.Name(), Kind: "session", Owner: r.Principal}})
		}
		if with.set, err = st.set.WithSession(r.Session.Policies...); err != nil {
			return nil, evaluate.Request{}, err
		}
		st = &with
	}
	return st, er, nil
}

// Decide answers a request without explaining it: the fast path. It
// prepares into a pooled Prepared (PolicySet.DecideRequest), so a request
// leaves no garbage of its own.
func (s *Set) Decide(r Request) (evaluate.Decision, error) {
	st, er, err := s.prepare(&r)
	if err != nil {
		return evaluate.ImplicitDeny, err
	}
	return st.set.DecideRequest(er)
}

// Authorize answers a request and explains it: every statement that
// matched, named by its policy's real name or ARN and its position in the
// file it came from. The error is a *PrincipalError or an
// *evaluate.RequestError; a deny is a Result, not an error.
func (s *Set) Authorize(r Request) (*Result, error) {
	st, prep, err := s.prepared(&r)
	if err != nil {
		return nil, err
	}
	return st.explain(s, prep), nil
}

// prepared is prepare with the request prepared for its set, in a
// Prepared of its own: for the paths that explain (Authorize, WhoCan,
// Actions), whose Result may outlive the call.
func (s *Set) prepared(r *Request) (*stages, *evaluate.Prepared, error) {
	st, er, err := s.prepare(r)
	if err != nil {
		return nil, nil, err
	}
	prep, err := st.set.Prepare(er)
	if err != nil {
		return nil, nil, err
	}
	return st, prep, nil
}

func (st *stages) explain(s *Set, prep *evaluate.Prepared) *Result {
	ev := st.set.Explain(prep)
	req := prep.Request()
	res := &Result{
		Decision:           ev.Decision,
		Stage:              ev.Stage,
		Principal:          req.Principal,
		PrincipalARN:       st.principal.arn,
		Action:             req.Action,
		Resource:           req.Resource,
		ResourceAccount:    req.ResourceAccount,
		CrossAccount:       ev.CrossAccount,
		MissingContextKeys: ev.MissingContextKeys,
		Missing:            append([]string(nil), st.principal.missing...),
		Eval:               ev,
	}
	for _, m := range ev.Matched {
		res.Reasons = append(res.Reasons, st.reason(m))
	}
	return res
}

// reason names a matched statement by the policy it is really in.
func (st *stages) reason(m evaluate.Match) Reason {
	var cands []gathered
	switch m.Type {
	case evaluate.IdentityPolicy:
		cands = st.identity
	case evaluate.PermissionsBoundary:
		if st.boundary != nil {
			cands = []gathered{*st.boundary}
		}
	case evaluate.ResourcePolicy:
		if st.resource != nil {
			cands = []gathered{*st.resource}
		}
	case evaluate.SessionPolicy:
		cands = st.session
	case evaluate.SCP:
		if m.Level < len(st.scps) {
			cands = st.scps[m.Level]
		}
	case evaluate.RCP:
		if m.Level < len(st.rcps) {
			cands = st.rcps[m.Level]
		}
	}
	r := Reason{Type: m.Type, Level: m.Level, Statement: m.Statement, Sid: m.Sid, Effect: m.Effect,
		Policy: PolicyRef{Name: m.Policy}, Position: m.Where()}
	for _, g := range cands {
		if g.pol.Name() == m.Policy {
			r.Policy = g.ref
			r.Position = where(g.ref, m.Policy, m.Position)
			break
		}
	}
	return r
}

// where places a statement: file:line:col when the policy was read from a
// file; for a URL-encoded document, the document's place in the file and
// the statement's line:col in the decoded text.
func where(ref PolicyRef, name string, pos policy.Position) string {
	switch {
	case ref.Source.Encoded:
		return fmt.Sprintf("%s (URL-encoded document; statement at %d:%d of the decoded text)", ref.Source.Pos, pos.Line, pos.Column)
	case pos.IsValid():
		return pos.String()
	case ref.Source.File != "":
		return ref.Source.File
	}
	return name
}

// resourceOrg returns the context and the values that give
// aws:ResourceOrgID and aws:ResourceOrgPaths of a resource whose account is
// in the loaded organization (IAM User Guide, "AWS global condition context
// keys": the organization and entity path of the account that owns the
// resource). The loaded organization decides them: a request that gives
// other values is refused, as it would pass a policy that compares them
// (fail closed). A path the overlay cannot make (an id along it not given)
// may not be given either. The given context is kept as it is unless it
// names one of the two keys (with the values the organization gives: it is
// then copied without them).
func resourceOrg(given map[string][]string, id, path string) (map[string][]string, []evaluate.KeyValue, error) {
	vals := []evaluate.KeyValue{{Key: "aws:ResourceOrgID", Value: id}}
	if path != "" {
		vals = append(vals, evaluate.KeyValue{Key: "aws:ResourceOrgPaths", Value: path})
	}
	ctx, copied := given, false
	for k, v := range given {
		lk := strings.ToLower(k)
		if lk != "aws:resourceorgid" && lk != "aws:resourceorgpaths" {
			continue
		}
		want := []string{id}
		if lk == "aws:resourceorgpaths" {
			want = nil
			if path != "" {
				want = []string{path}
			}
		}
		if want == nil || !slices.Equal(v, want) {
			return nil, nil, &evaluate.RequestError{Field: "Context", Value: k,
				Msg: fmt.Sprintf("the resource's account is in the loaded organization %s, which decides this key", id)}
		}
		if !copied { // first such key: copy the others
			copied = true
			ctx = make(map[string][]string, len(given))
			for k2, v2 := range given {
				if l2 := strings.ToLower(k2); l2 != "aws:resourceorgid" && l2 != "aws:resourceorgpaths" {
					ctx[k2] = v2
				}
			}
		}
	}
	return ctx, vals, nil
}
