package account

import (
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// Set is several accounts loaded together with their organization and
// resource policies. It is immutable and safe for concurrent use; the zero
// Set holds nothing (Builder.Build and Load make them).
type Set struct {
	accounts  map[string]*Account
	ids       []string              // sorted
	users     map[string]*principal // by ARN
	roles     map[string]*principal // by ARN
	byName    map[string]*principal // roles by nameKey, for session ARNs
	profiles  map[string]*principal // roles by instance profile nameKey
	groups    map[string]*Group     // by nameKey
	policies  map[string]*managed   // by ARN
	resources map[string]*ResourcePolicy
	trusts    map[string]*ResourcePolicy // roles' trust policies by role ARN
	idps      map[string]*IdentityProvider
	org       *Organization
	levels    map[string]*orgLevels // by account id
	mgmt      string
	orgID     string            // "" when not given
	orgPaths  map[string]string // account id → o-…/r-…/ou-…/ entity path
	sources   map[*policy.Policy]Source
	all       []*principal // users and roles, sorted by ARN
	roots     map[string]*principal

	cache setCache
}

// managed is a loaded managed policy: its default version's document.
type managed struct {
	p       ManagedPolicy
	doc     *policy.Policy
	account string // "aws" for an AWS managed policy
	// partition is the ARN's: IAM attaches a policy only to principals
	// of its partition.
	partition string
}

// orgLevels are the SCPs and RCPs along one account's path in the
// organization: root first, the account itself last.
type orgLevels struct {
	scps [][]gathered
	rcps [][]gathered
}

// gathered is a policy with what explanations say of it.
type gathered struct {
	pol *policy.Policy
	ref PolicyRef
}

// PolicyRef says what a policy is to the request: which managed policy,
// which inline policy of which user, group or role, which SCP at which
// level, and where its text was read.
type PolicyRef struct {
	// Name is the managed policy's ARN, the inline policy's name, or the
	// SCP, RCP or resource policy's name.
	Name string `json:"name"`
	// Kind is managed, inline, boundary, session, scp, rcp, resource, trust or root.
	Kind string `json:"kind"`
	// Owner is what holds it: the user, group or role an inline policy is
	// embedded in, the group a managed policy reaches a user through, the
	// organization unit or account an SCP or RCP is attached to, the
	// resource of a resource policy.
	Owner  string `json:"owner,omitempty"`
	Source Source `json:"source"`
}

// principal is a user, role or root with everything gathered once.
type principal struct {
	arn           string
	account       string
	kind          arn.Kind
	name          string
	userID        string
	tags          map[string]string
	identity      []gathered
	boundary      *gathered
	missing       []string // attached managed policies not loaded
	serviceLinked bool
	role          *role.Role
	user          *User
	caller        *evaluate.Caller // shared: never changed once built
	// base is the principal's base compiled set while the cache holds
	// it (setCache): its steady-state look-up.
	base atomic.Pointer[stages]
}

// Accounts returns the ids of the loaded accounts, sorted.
func (s *Set) Accounts() []string { return slices.Clone(s.ids) }

// Account returns an account by id.
func (s *Set) Account(id string) (Account, bool) {
	a, ok := s.accounts[id]
	if !ok {
		return Account{}, false
	}
	return *a, true
}

// Role returns a role by ARN (path included).
func (s *Set) Role(roleARN string) (*role.Role, bool) {
	p, ok := s.roles[roleARN]
	if !ok {
		return nil, false
	}
	return p.role, true
}

// RoleByName returns a role of an account by name (case-insensitive, as
// IAM names are); session ARNs name their role this way.
func (s *Set) RoleByName(account, name string) (*role.Role, bool) {
	p, ok := s.byName[nameKey(account, name)]
	if !ok {
		return nil, false
	}
	return p.role, true
}

// InstanceProfile returns the role an instance profile of an account holds
// (by the profile's name, regardless of case, as IAM names are), and the
// profile's ARN: how an EC2 instance launched with the profile gets its
// role (IAM User Guide, "Use instance profiles").
func (s *Set) InstanceProfile(account, name string) (*role.Role, arn.ARN, bool) {
	p, ok := s.profiles[nameKey(account, name)]
	if !ok {
		return nil, arn.ARN{}, false
	}
	for i, ip := range p.role.InstanceProfiles() {
		if strings.EqualFold(ip.Name, name) {
			return p.role, p.role.InstanceProfileARN(i), true
		}
	}
	return nil, arn.ARN{}, false
}

// Roles returns every role, sorted by ARN.
func (s *Set) Roles() []*role.Role {
	var out []*role.Role
	for _, p := range s.all {
		if p.role != nil {
			out = append(out, p.role)
		}
	}
	return out
}

// User returns a user by ARN (path included). The result is a copy.
func (s *Set) User(userARN string) (User, bool) {
	p, ok := s.users[userARN]
	if !ok {
		return User{}, false
	}
	return cloneUser(*p.user), true
}

// Users returns every user's ARN, sorted.
func (s *Set) Users() []string {
	var out []string
	for _, p := range s.all {
		if p.user != nil {
			out = append(out, p.arn)
		}
	}
	return out
}

// UserByAccessKey returns the user that owns a long-term access key id,
// and the key.
func (s *Set) UserByAccessKey(id string) (User, AccessKey, bool) {
	for _, p := range s.all {
		if p.user == nil {
			continue
		}
		for _, k := range p.user.AccessKeys {
			if k.ID == id {
				return cloneUser(*p.user), k, true
			}
		}
	}
	return User{}, AccessKey{}, false
}

// Group returns a group of an account by name.
func (s *Set) Group(account, name string) (Group, bool) {
	g, ok := s.groups[nameKey(account, name)]
	if !ok {
		return Group{}, false
	}
	return cloneGroup(*g), true
}

// Policy returns the document in effect (the default version) of a managed
// policy by ARN.
func (s *Set) Policy(policyARN string) (*policy.Policy, bool) {
	m, ok := s.policies[policyARN]
	if !ok {
		return nil, false
	}
	return m.doc, true
}

// IdentityProvider returns an identity provider by ARN.
func (s *Set) IdentityProvider(providerARN string) (IdentityProvider, bool) {
	p, ok := s.idps[providerARN]
	if !ok {
		return IdentityProvider{}, false
	}
	c := *p
	c.ClientIDs = slices.Clone(p.ClientIDs)
	return c, true
}

// ResourcePolicy returns the resource-based policy that governs a resource
// ARN: the one stored for the ARN itself, or, for an S3 object
// (arn:aws:s3:::bucket/key), its bucket's policy (Amazon S3 User Guide,
// "Bucket policies": a bucket policy covers the bucket and its objects).
func (s *Set) ResourcePolicy(resource string) (ResourcePolicy, bool) {
	if rp := s.resourcePolicy(resource); rp != nil {
		return *rp, true
	}
	return ResourcePolicy{}, false
}

func (s *Set) resourcePolicy(resource string) *ResourcePolicy {
	if rp, ok := s.resources[resource]; ok {
		return rp
	}
	if rest, ok := strings.CutPrefix(resource, "arn:"); ok {
		// arn:PARTITION:s3:::bucket/key → arn:PARTITION:s3:::bucket
		if i := strings.Index(rest, ":s3:::"); i > 0 {
			head := len("arn:") + i + len(":s3:::")
			if j := strings.IndexByte(resource[head:], '/'); j > 0 {
				return s.resources[resource[:head+j]]
			}
		}
	}
	return nil
}

// ManagementAccount returns the organization's management account, "" when
// there is no organization.
func (s *Set) ManagementAccount() string { return s.mgmt }

// Principals returns the ARN of every user and role, sorted: who WhoCan
// asks.
func (s *Set) Principals() []string {
	out := make([]string, len(s.all))
	for i, p := range s.all {
		out[i] = p.arn
	}
	return out
}

func sortPrincipals(ps []*principal) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].arn < ps[j].arn })
}

// evaluatePolicies returns what the engine weighs for the principal, before
// the resource's policies are added.
func (p *principal) policies(s *Set) evaluate.Policies {
	var ps evaluate.Policies
	for _, g := range p.identity {
		ps.Identity = append(ps.Identity, g.pol)
	}
	if p.boundary != nil {
		ps.Boundary = p.boundary.pol
	}
	if lv := s.levels[p.account]; lv != nil && !p.serviceLinked && p.account != s.mgmt {
		for _, level := range lv.scps {
			ps.SCPs = append(ps.SCPs, pols(level))
		}
	}
	return ps
}

func pols(gs []gathered) []*policy.Policy {
	out := make([]*policy.Policy, len(gs))
	for i, g := range gs {
		out[i] = g.pol
	}
	return out
}
