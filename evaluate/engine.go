package evaluate

import (
	"fmt"
	"strings"
)

// Decide answers the request. It allocates nothing and stops at the first
// explicit deny; use Explain for the reasons. A nil or zero Prepared (one
// no Prepare made), and a PolicySet that Compile did not make (nil or
// zero), deny.
func (s *PolicySet) Decide(p *Prepared) Decision {
	d, _ := s.run(p, nil) // small enough to inline: one call less per decision
	return d
}

// usable reports whether Compile made the set: a nil or zero PolicySet
// holds no policy and denies every request (an empty compiled set still
// lets the account's root user act, as AWS does).
func (s *PolicySet) usable() bool { return s != nil && len(s.stages) > 0 }

// Explain answers the request and says why: every statement that matched,
// the stage that decided, the context keys conditions looked for and did not
// find, and whether the request was cross-account.
//
// A nil or zero Prepared explains as a zero Result (ImplicitDeny); a nil
// or zero PolicySet denies at the identity stage.
func (s *PolicySet) Explain(p *Prepared) *Result {
	if p == nil || !p.ready {
		return &Result{}
	}
	// One allocation holds the Result and room for the few statements
	// most requests match and nearly match.
	e := &explained{res: Result{
		Principal:    p.req.Principal,
		Action:       p.req.Action,
		Resource:     p.req.Resource,
		CrossAccount: p.crossAccount,
	}}
	r := &e.res
	if !s.usable() {
		return r
	}
	r.Matched, r.NearMisses = e.matched[:0], e.near[:0]
	ex := &explainer{res: r}
	r.Decision, r.Stage = s.run(p, ex)
	r.SCPLevels, r.RCPLevels = s.orgLevels()
	r.MissingContextKeys = ex.miss.keys
	if len(r.Matched) == 0 {
		r.Matched = nil
	}
	if len(r.NearMisses) == 0 {
		r.NearMisses = nil
	}
	return r
}

// explained is a Result with room for its first matches and near misses.
type explained struct {
	res     Result
	matched [2]Match
	near    [2]NearMiss
}

// Evaluate prepares a request, compiles the policies and explains the
// decision: the one call for a single question.
func Evaluate(ps Policies, r Request) (*Result, error) {
	set, err := Compile(ps)
	if err != nil {
		return nil, err
	}
	p, err := r.Prepare()
	if err != nil {
		return nil, err
	}
	return set.Explain(p), nil
}

// run gathers what each stage says about the request, then decides
// (steps.go). Without an explainer the first explicit deny decides at
// once: stages are in the order AWS lists the policy types, which is the
// order explicitDeny reports them in.
//
// The rules AWS applies around the policies (servicerules.go) join the
// facts here: one that allows whatever the policies say decides before
// any stage is scanned when no explanation is asked for.
func (s *PolicySet) run(p *Prepared, ex *explainer) (Decision, Stage) {
	if !s.usable() || p == nil || !p.ready {
		return ImplicitDeny, Stage{}
	}
	// The steps read the request's facts in place (decide never writes
	// them: a Prepared may be decided by several sets at once); only a
	// set's Block Public Access rule makes a copy.
	f := &p.facts
	if f.rule == NoRule && s.blocksPublicACL(p) {
		bpa := *f
		bpa.rule = RuleBlockPublicAcls
		f = &bpa
	}
	if f.rule.allows() && ex == nil {
		return Allow, Stage{Rule: f.rule}
	}
	var vs verdicts
	for i := range s.stages {
		st := &s.stages[i]
		if p.exempts&(1<<st.typ) != 0 && !p.rcpsBindAfterAll(st.typ) {
			if ex != nil {
				p.noteExemption(st.typ, ex)
			}
			continue
		}
		var v verdict
		if s.scan(st, p, ex, &v); v.deny && ex == nil {
			return ExplicitDeny, Stage{Type: st.typ, Level: int(st.level)}
		}
		vs.record(st, &v)
	}
	d, stage := decide(f, &vs)
	if ex != nil {
		ex.noteRules(p, stage)
	}
	return d, stage
}

// String describes a PolicySet briefly, for debugging.
func (s *PolicySet) String() string {
	if !s.usable() {
		return "PolicySet{} (not compiled: denies every request)"
	}
	var n [numPolicyTypes]int
	statements := 0
	for _, st := range s.stages {
		n[st.typ]++
		if st.typ == IdentityPolicy {
			statements += len(st.rules.refs)
		}
	}
	return fmt.Sprintf("PolicySet{identity statements: %d, resource: %t, boundary: %t, session: %t, scp levels: %d, rcp levels: %d, endpoint: %t}",
		statements, n[ResourcePolicy] > 0, n[PermissionsBoundary] > 0, n[SessionPolicy] > 0, n[SCP], n[RCP], n[EndpointPolicy] > 0)
}

// isRoleAssumption reports whether the action assumes a role.
func isRoleAssumption(lowerAction string) bool {
	switch lowerAction {
	case "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity":
		return true
	}
	return false
}

// needsResourceGrant reports whether the resource's own policy must allow
// the caller even within its account, so that identity policies alone
// never suffice: "IAM role trust policies and AWS KMS key policies are
// exceptions to this logic, because they must explicitly allow access for
// principals" (IAM User Guide, "Policy evaluation logic" > "Resource-based
// policies"). Every role has a trust policy and every KMS key a key
// policy, so when none is given nothing grants.
func needsResourceGrant(lowerAction, resource string) bool {
	// Both action rules are STS actions: the service prefix tells most
	// requests apart with one comparison. isKMSResource next: the usual
	// resource is no KMS key, and it tells so without reading the ARN's
	// service (keyPolicyRequired holds only for a resource whose service
	// is kms: TestIsKMSResource).
	if strings.HasPrefix(lowerAction, "sts:") && (isRoleAssumption(lowerAction) || isSessionGrant(lowerAction) && isRoleResource(resource)) {
		return true
	}
	return isKMSResource(resource) && keyPolicyRequired(lowerAction, resource)
}

// isSessionGrant reports whether the action is one a role's trust policy
// must allow when a session of the role is made: passing session tags
// (sts:TagSession; IAM User Guide, "Pass session tags in AWS STS" >
// "Permissions required to add session tags") and setting a source identity
// (sts:SetSourceIdentity; "Monitor and control actions taken with assumed
// roles" > "Permissions required to set source identity"). As with
// sts:AssumeRole, the caller's identity policies alone never allow them on
// a role (issue 12 §2). On other resources (a federated user's
// GetFederationToken tags) identity policies decide.
func isSessionGrant(lowerAction string) bool {
	return lowerAction == "sts:tagsession" || lowerAction == "sts:setsourceidentity"
}

// isRoleResource reports whether a resource is an IAM role's ARN.
func isRoleResource(resource string) bool {
	return resourceService(resource) == "iam" && strings.Contains(resource, ":role/")
}

// resourceService returns the service component of an ARN, "" for a
// text that is not one.
func resourceService(s string) string {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return ""
	}
	i := strings.IndexByte(rest, ':') // after the partition
	if i < 0 {
		return ""
	}
	svc, _, _ := strings.Cut(rest[i+1:], ":")
	return svc
}

// isKMSResource reports whether an ARN's service component is kms: the
// text after "arn:" and the partition up to the next ':' (or the end).
// It looks at the partition's few bytes and three more, no further.
func isKMSResource(s string) bool {
	if len(s) >= len("arn:aws:") && s[:len("arn:aws:")] == "arn:aws:" { // the commercial partition, most ARNs'
		return isKMSService(s[len("arn:aws:"):])
	}
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] == ':' {
			return isKMSService(rest[i+1:])
		}
	}
	return false
}

// isKMSService reports whether an ARN's text from its service on has the
// service kms.
func isKMSService(svc string) bool {
	return len(svc) >= 3 && svc[:3] == "kms" && (len(svc) == 3 || svc[3] == ':')
}

// orgLevels counts the set's SCP and RCP levels.
func (s *PolicySet) orgLevels() (scps, rcps int) {
	for i := range s.stages {
		switch s.stages[i].typ {
		case SCP:
			scps++
		case RCP:
			rcps++
		}
	}
	return scps, rcps
}
