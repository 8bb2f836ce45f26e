package evaluate

import (
	"errors"
	"fmt"
	"slices"

	"github.com/iamsim/iamsim/policy"
)

// Policies are every policy AWS weighs for one request. A nil field is an
// absent policy, which is not the same as a policy that allows nothing: no
// permissions boundary limits nothing, while a boundary that allows nothing
// denies everything its identity policies grant. So never ignore the error
// of a policy that failed to parse: its nil would read as "none" (Compile
// rejects nil only inside the lists, where it cannot mean anything).
type Policies struct {
	// Identity: the policies of the principal (for a role session, the
	// role's; for a federated user, those of the IAM user who federated).
	Identity []*policy.Policy
	// Resource: the resource-based policy (for sts:AssumeRole, the role's
	// trust policy), or nil.
	Resource *policy.Policy
	// Boundary: the principal's permissions boundary, or nil.
	Boundary *policy.Policy
	// Session: the session policies passed when the session was created,
	// or nil when none were.
	Session []*policy.Policy
	// SCPs: one list per level of the organization, root first, down to the
	// principal's account. Every level must allow.
	SCPs [][]*policy.Policy
	// RCPs: one list per level, root first, down to the resource's account.
	// Every level must allow.
	RCPs [][]*policy.Policy
	// Endpoint: the policy of the VPC endpoint the request is made
	// through (its aws:SourceVpce), or nil when the request does not come
	// through one. It must allow the request as well (vpce.go); it is
	// checked as a policy.VPCE.
	Endpoint *policy.Policy
	// BlockPublicAccess: the S3 Block Public Access settings of the
	// bucket owner's account and of the bucket, when Resource is a bucket
	// policy (publicaccess.go). The zero value blocks nothing.
	BlockPublicAccess BlockPublicAccess
}

// PolicySet is a compiled set of Policies, ready to decide requests. It is
// immutable and safe for concurrent use by any number of goroutines. The
// zero PolicySet (and a nil *PolicySet) holds no policy: it denies every
// request. Sets derived with WithSession or WithResource share the
// compiled stages they do not replace.
type PolicySet struct {
	// stages are in the order AWS lists the policy types (identity,
	// resource, boundary, session, SCP levels root first, RCP levels root
	// first); a compiled set always has the identity stage, empty or not.
	stages      []stage
	hasBoundary bool              // NotPrincipal never excludes a principal that has a boundary
	needs       needs             // what the set's conditions read of a request (needs.go)
	lits        actionLits        // the literal actions of its statements (needs.go)
	bpa         BlockPublicAccess // S3 Block Public Access: WithResource weighs a new bucket policy by it
	resource    *policy.Policy    // the resource policy, which WithBlockPublicAccess weighs anew

	stageBuf      [4]stage // holds stages when they are few: no allocation of their own
	identityRules ruleSet  // the identity stage's rules, likewise
}

// stage is the compiled statements of one policy type (one level of it,
// for SCPs and RCPs). Its ruleSet is immutable, so sets may share it.
type stage struct {
	typ        PolicyType
	level      int32
	trust      bool // the type may hold a role trust policy, whose statements have no Resource
	principals bool // the type's statements name their principals (PolicyType facts)
	restricted bool // a public bucket policy under RestrictPublicBuckets (publicaccess.go)
	rules      *ruleSet
}

// newStage returns the stage of a type's level.
func newStage(t PolicyType, level int, rules *ruleSet) stage {
	return stage{typ: t, level: int32(level), trust: t.holdsTrust(), principals: t.namesPrincipals(), rules: rules}
}

// ErrNilPolicy is returned by Compile for a nil entry in a policy list.
var ErrNilPolicy = errors.New("evaluate: nil policy in a policy list")

// RefusedError is a policy that AWS would refuse to store in its place
// (IAM's MalformedPolicyDocument and the Organizations and service
// equivalents), so Compile refuses to evaluate it: what AWS never stores
// never grants. Its Findings are the policy's Refusals for Kind; errors.As
// reaches them (and each *policy.Finding) through Unwrap.
type RefusedError struct {
	Type     PolicyType  // the slot of Policies the policy was in
	Level    int         // for SCPs and RCPs, the level (0 is the root)
	Index    int         // the policy's index in its list, 0 for a single policy
	Policy   string      // the policy's name
	Kind     policy.Kind // of the kinds its slot allows, the one it came closest to
	Findings policy.ErrorList
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("evaluate: AWS would refuse %s as a%s %s policy (the %s %s): %v", e.Policy, article(e.Kind), e.Kind, e.Type.phrase(), e.Slot(), e.Findings)
}

// Slot names the policy's place in Policies: Identity[0], Resource,
// Boundary, Session[1], SCPs[0][2], RCPs[1][0], Endpoint.
func (e *RefusedError) Slot() string {
	switch e.Type {
	case IdentityPolicy:
		return fmt.Sprintf("Identity[%d]", e.Index)
	case ResourcePolicy:
		return "Resource"
	case PermissionsBoundary:
		return "Boundary"
	case SessionPolicy:
		return fmt.Sprintf("Session[%d]", e.Index)
	case SCP:
		return fmt.Sprintf("SCPs[%d][%d]", e.Level, e.Index)
	case RCP:
		return fmt.Sprintf("RCPs[%d][%d]", e.Level, e.Index)
	case EndpointPolicy:
		return "Endpoint"
	}
	return e.Type.String()
}

// Unwrap returns the findings.
func (e *RefusedError) Unwrap() error { return e.Findings }

func article(k policy.Kind) string {
	switch k {
	case policy.Identity, policy.InlineUser, policy.InlineGroup, policy.InlineRole, policy.SCP, policy.RCP:
		return "n"
	}
	return ""
}

// Compile checks and compiles a set of policies. It refuses, with a
// *RefusedError for each (joined with errors.Join when several), every
// policy that AWS would refuse to store in its slot, checked as the most
// permissive kind the slot allows (see PolicyType.Kinds): an identity
// policy may be inline, so a missing Version is no refusal there; a
// resource policy may be a resource-based or a role trust policy. Use
// CompileUnchecked to evaluate such policies on purpose. The policies are
// shared, not copied: a *policy.Policy is immutable.
func Compile(ps Policies) (*PolicySet, error) {
	if err := checkNil(&ps); err != nil {
		return nil, err
	}
	var errs []error
	refuse := func(t PolicyType, level, index int, p *policy.Policy) {
		if e := refusal(t, level, index, p); e != nil {
			errs = append(errs, e)
		}
	}
	for i, p := range ps.Identity {
		refuse(IdentityPolicy, 0, i, p)
	}
	if ps.Resource != nil {
		// A resource-based policy, or for an STS call on a role the
		// role's trust policy (../shared/conformance/FORMAT.md): the
		// conformance scenarios write trust policies with "Resource": "*",
		// which the resource-based reading accepts.
		refuse(ResourcePolicy, 0, 0, ps.Resource)
	}
	if ps.Boundary != nil {
		refuse(PermissionsBoundary, 0, 0, ps.Boundary)
	}
	for i, p := range ps.Session {
		refuse(SessionPolicy, 0, i, p)
	}
	for _, g := range [...]struct {
		t      PolicyType
		levels [][]*policy.Policy
	}{{SCP, ps.SCPs}, {RCP, ps.RCPs}} {
		for l, level := range g.levels {
			for i, p := range level {
				refuse(g.t, l, i, p)
			}
		}
	}
	if ps.Endpoint != nil {
		refuse(EndpointPolicy, 0, 0, ps.Endpoint)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return compile(&ps), nil
}

// CompileUnchecked compiles the policies without asking whether AWS would
// store them: for evaluating broken policies on purpose, as a what-if.
// Even then a statement with neither Resource nor NotResource matches
// nothing, except in a role trust policy, whose resource is the role.
func CompileUnchecked(ps Policies) (*PolicySet, error) {
	if err := checkNil(&ps); err != nil {
		return nil, err
	}
	return compile(&ps), nil
}

func checkNil(ps *Policies) error {
	if slices.Contains(ps.Identity, nil) || slices.Contains(ps.Session, nil) {
		return ErrNilPolicy
	}
	for _, levels := range [2][][]*policy.Policy{ps.SCPs, ps.RCPs} {
		for _, level := range levels {
			if slices.Contains(level, nil) {
				return ErrNilPolicy
			}
		}
	}
	return nil
}

// refusal checks a policy against each kind its slot allows, most
// permissive first, and returns nil when AWS would store it as one of them.
// Otherwise it reports the kind the policy came closest to: the fewest
// findings, and among those the fewest that only say it is another kind
// (a missing or unexpected Principal or Resource), so that a trust policy
// with a defect is reported as a trust policy.
func refusal(t PolicyType, level, index int, p *policy.Policy) *RefusedError {
	var best policy.ErrorList
	var bestKind policy.Kind
	bestScore := -1
	for _, k := range policyTypes[t].kinds {
		list := p.Refusals(k)
		if len(list) == 0 {
			return nil
		}
		score := len(list) << 16
		for _, f := range list {
			switch f.Code {
			case policy.CodeMissingPrincipal, policy.CodeUnsupportedPrincipal, policy.CodeMissingResource, policy.CodeRoleTrustPolicySyntaxErrorResource:
				score++ // breaks ties of the count only
			}
		}
		if bestScore < 0 || score < bestScore {
			best, bestKind, bestScore = list, k, score
		}
	}
	return &RefusedError{Type: t, Level: level, Index: index, Policy: p.Name(), Kind: bestKind, Findings: best}
}

func compile(ps *Policies) *PolicySet {
	set := &PolicySet{bpa: ps.BlockPublicAccess, resource: ps.Resource}
	n := 1 + len(ps.SCPs) + len(ps.RCPs) + len(ps.Session)
	for _, p := range [...]*policy.Policy{ps.Resource, ps.Boundary, ps.Endpoint} {
		if p != nil {
			n++
		}
	}
	set.stages = set.stageBuf[:0]
	if n > len(set.stageBuf) {
		set.stages = make([]stage, 0, n)
	}
	set.identityRules.init(ps.Identity)
	set.stages = append(set.stages, newStage(IdentityPolicy, 0, &set.identityRules))
	if ps.Resource != nil {
		st := newStage(ResourcePolicy, 0, newRuleSet(ps.Resource))
		st.restricted = ps.BlockPublicAccess.restricts(ps.Resource)
		set.stages = append(set.stages, st)
	}
	if ps.Boundary != nil {
		set.stages = append(set.stages, newStage(PermissionsBoundary, 0, newRuleSet(ps.Boundary)))
		set.hasBoundary = true
	}
	if len(ps.Session) > 0 {
		set.stages = append(set.stages, newStage(SessionPolicy, 0, newRuleSet(ps.Session...)))
	}
	for _, g := range [...]struct {
		t      PolicyType
		levels [][]*policy.Policy
	}{{SCP, ps.SCPs}, {RCP, ps.RCPs}} {
		for i, l := range g.levels {
			set.stages = append(set.stages, newStage(g.t, i, newRuleSet(l...)))
		}
	}
	if ps.Endpoint != nil {
		set.stages = append(set.stages, newStage(EndpointPolicy, 0, newRuleSet(ps.Endpoint)))
	}
	set.needs, set.lits = stagesNeed(set.stages), collectLits(set.stages)
	return set
}

// WithSession returns a set that has the session policies given (none:
// no session policy) in place of s's, and shares every other compiled
// stage with s: the sessions of one role do not recompile its identity,
// boundary and SCP stages. The session policies are checked as Compile
// checks them (a *RefusedError); s itself is unchanged.
func (s *PolicySet) WithSession(session ...*policy.Policy) (*PolicySet, error) {
	if err := checkNil(&Policies{Session: session}); err != nil {
		return nil, err
	}
	var errs []error
	for i, p := range session {
		if e := refusal(SessionPolicy, 0, i, p); e != nil {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var rs *ruleSet
	if len(session) > 0 {
		rs = newRuleSet(session...)
	}
	return s.with(SessionPolicy, rs), nil
}

// WithResource returns a set that has the resource-based policy (or role
// trust policy) given in place of s's (nil: none), and shares every other
// compiled stage with s: who-can queries over many resources do not
// recompile the principal's stages. The policy is checked as Compile
// checks it (a *RefusedError); s itself is unchanged.
func (s *PolicySet) WithResource(p *policy.Policy) (*PolicySet, error) {
	var rs *ruleSet
	if p != nil {
		if e := refusal(ResourcePolicy, 0, 0, p); e != nil {
			return nil, e
		}
		rs = newRuleSet(p)
	}
	ns := s.with(ResourcePolicy, rs)
	ns.resource = p
	for i := range ns.stages {
		if ns.stages[i].typ == ResourcePolicy {
			ns.stages[i].restricted = ns.bpa.restricts(p)
		}
	}
	return ns, nil
}

// with returns a copy of s whose stages of type t are replaced by rs (nil:
// none). A nil or zero s stands for the compiled empty set.
func (s *PolicySet) with(t PolicyType, rs *ruleSet) *PolicySet {
	if !s.usable() {
		s = compile(&Policies{})
	}
	ns := &PolicySet{hasBoundary: s.hasBoundary, bpa: s.bpa, resource: s.resource}
	ns.stages = ns.stageBuf[:0]
	if n := len(s.stages) + 1; n > len(ns.stageBuf) {
		ns.stages = make([]stage, 0, n)
	}
	added := rs == nil
	for _, st := range s.stages {
		if !added && st.typ > t {
			ns.stages = append(ns.stages, newStage(t, 0, rs))
			added = true
		}
		if st.typ != t {
			ns.stages = append(ns.stages, st) // shared: the identity stage still points into s
		}
	}
	if !added {
		ns.stages = append(ns.stages, newStage(t, 0, rs))
	}
	ns.needs, ns.lits = stagesNeed(ns.stages), collectLits(ns.stages)
	return ns
}

// WithBlockPublicAccess returns a set that weighs its resource policy (a
// bucket policy) by the S3 Block Public Access settings b in place of
// s's, and shares every compiled stage with s: one principal's set serves
// buckets of different settings. s itself is unchanged.
func (s *PolicySet) WithBlockPublicAccess(b BlockPublicAccess) *PolicySet {
	if !s.usable() {
		s = compile(&Policies{})
	}
	ns := &PolicySet{hasBoundary: s.hasBoundary, needs: s.needs, lits: s.lits, bpa: b, resource: s.resource}
	ns.stages = ns.stageBuf[:0]
	if n := len(s.stages); n > len(ns.stageBuf) {
		ns.stages = make([]stage, 0, n)
	}
	for _, st := range s.stages {
		if st.typ == ResourcePolicy {
			st.restricted = b.restricts(s.resource)
		}
		ns.stages = append(ns.stages, st) // shared rules: the identity stage still points into s
	}
	return ns
}
