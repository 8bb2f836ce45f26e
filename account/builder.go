package account

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// Builder collects accounts, principals and policies, then Build checks
// every reference between them and makes an immutable Set. The zero
// Builder is empty and ready to use. A Builder is not safe for concurrent
// use. Values are copied when added.
type Builder struct {
	accounts  []Account
	users     []User
	groups    []Group
	roles     []roleEntry
	policies  []ManagedPolicy
	resources []ResourcePolicy
	idps      []IdentityProvider
	org       *Organization
	sources   map[*policy.Policy]Source
	errs      ErrorList // defects found while adding (a loader's)
	// chk remembers the policy texts IAM accepts, per kind, for the
	// loader's role.New calls and Build's checks: identical texts (10,000
	// roles trusting ec2.amazonaws.com) are validated once per load.
	chk role.Checker
}

type roleEntry struct {
	r      *role.Role
	origin Origin
}

// Source says where a policy document was read from, for explanations.
type Source struct {
	File string `json:"file,omitempty"`
	// Pos is where the document's JSON value starts in File.
	Pos policy.Position `json:"position"`
	// Encoded: the document was a URL-encoded string (as the raw IAM API
	// returns it), so statement positions are in the decoded text.
	Encoded bool `json:"urlEncoded,omitempty"`
}

// Options changes what Build accepts.
type Options struct {
	// AllowMissingPolicies: a managed policy that is attached but in no
	// loaded file is left out instead of being an error, and every answer
	// that depends on the principal says so (Result.Missing).
	AllowMissingPolicies bool
	// MaxManagedPolicies is the account's quota of managed policies
	// attached to one user, group or role; 0 means IAM's default, 10 (IAM
	// User Guide, "IAM and AWS STS quotas": "Managed policies attached to
	// an IAM role/user/group: 10"). The quota is adjustable through Service
	// Quotas: an account whose quota was raised sets its own.
	MaxManagedPolicies int
	// MaxTrustPolicyChars is the account's "Role trust policy length"
	// quota (role.Spec.TrustQuota); 0 means role.DefaultTrustQuota, 2,048.
	MaxTrustPolicyChars int
	// MaxCompiledSets bounds the compiled policy sets a Set keeps for
	// Authorize, Decide, WhoCan and Actions (one per principal, and one per
	// principal and resource policy asked about); 0 means twice the number
	// of principals plus 4,096. Past it, an arbitrary set is dropped and
	// compiled again when asked for: answers stay the same, memory stays
	// bounded for a service that embeds a Set for long.
	MaxCompiledSets int
}

// Size quotas of the identity policies IAM stores (IAM User Guide, "IAM and
// AWS STS quotas"): the inline policies of one user together at most 2,048
// characters and of one group 5,120 ("the total aggregate policy size (the
// sum size of all inline policies) per entity"); one version of a customer
// managed policy at most 6,144 ("Managed policy size"). "IAM does not count
// white space". These are not adjustable. AWS managed policies
// (arn:aws:iam::aws:policy/…) have no size quota: ReadOnlyAccess is some
// 47,000 characters.
const (
	MaxInlineUserChars     = 2048
	MaxInlineGroupChars    = 5120
	MaxManagedPolicyChars  = 6144
	DefaultManagedPolicies = 10
)

// AddAccount adds an account, or names one already added.
func (b *Builder) AddAccount(a Account) { b.accounts = append(b.accounts, a) }

// AddUser adds a user.
func (b *Builder) AddUser(u User) { b.users = append(b.users, cloneUser(u)) }

// AddGroup adds a group.
func (b *Builder) AddGroup(g Group) { b.groups = append(b.groups, cloneGroup(g)) }

// AddRole adds a role. The origin is where it was loaded from (zero for a
// role written in Go).
func (b *Builder) AddRole(r *role.Role, origin Origin) {
	b.roles = append(b.roles, roleEntry{r, origin})
}

// AddPolicy adds a managed policy. An AWS managed policy may be added
// again (each account's export lists the ones it uses) if its default
// version is the same.
func (b *Builder) AddPolicy(p ManagedPolicy) {
	p.Versions = append([]PolicyVersion(nil), p.Versions...)
	b.policies = append(b.policies, p)
}

// AddResourcePolicy adds a resource-based policy.
func (b *Builder) AddResourcePolicy(r ResourcePolicy) { b.resources = append(b.resources, r) }

// AddIdentityProvider adds a SAML or OIDC provider.
func (b *Builder) AddIdentityProvider(p IdentityProvider) {
	p.ClientIDs = append([]string(nil), p.ClientIDs...)
	b.idps = append(b.idps, p)
}

// SetOrganization sets the organization; a second call is an error at Build.
func (b *Builder) SetOrganization(o Organization) {
	if b.org != nil {
		b.errs.add(o.Origin, "", "a second organization: the accounts of one Set belong to at most one", nil)
		return
	}
	b.org = &o
}

// SetSource records where a policy was read from, for explanations.
func (b *Builder) SetSource(p *policy.Policy, s Source) {
	if b.sources == nil {
		b.sources = map[*policy.Policy]Source{}
	}
	b.sources[p] = s
}

func cloneUser(u User) User {
	u.Groups = append([]string(nil), u.Groups...)
	u.Inline = append([]role.Inline(nil), u.Inline...)
	u.Managed = append([]string(nil), u.Managed...)
	u.Tags = append([]role.Tag(nil), u.Tags...)
	u.AccessKeys = append([]AccessKey(nil), u.AccessKeys...)
	return u
}

func cloneGroup(g Group) Group {
	g.Inline = append([]role.Inline(nil), g.Inline...)
	g.Managed = append([]string(nil), g.Managed...)
	return g
}

// at returns o, or an origin naming the value when it was built in Go.
func at(o Origin, def string) Origin {
	if o.File == "" && o.Path == "" {
		o.Path = def
	}
	return o
}

// checkInline checks a list of inline policies of one kind. field names
// the list as the export does (UserPolicyList …), for loaded values.
func checkInline(chk *role.Checker, errs *ErrorList, o Origin, list []role.Inline, kind policy.Kind, field string, quota int) {
	if o.File == "" {
		field = "Inline"
	}
	size := 0
	for _, in := range list {
		if in.Policy != nil {
			size += policy.Size(in.Policy.Source(), false)
		}
	}
	if size > quota {
		errs.add(o, field, fmt.Sprintf("the inline policies are %d characters together (white space not counted), over the %d-character quota of a%s (LimitExceeded)", size, quota, map[policy.Kind]string{policy.InlineUser: " user", policy.InlineGroup: " group"}[kind]), nil)
	}
	seen := map[string]bool{}
	for i, in := range list {
		sub := fmt.Sprintf("%s[%d]", field, i)
		if msg := role.CheckInlineName(in.Name); msg != "" {
			errs.add(o, sub, fmt.Sprintf("inline policy name %q: %s", in.Name, msg), nil)
		}
		if seen[in.Name] {
			errs.add(o, sub, fmt.Sprintf("two inline policies are named %q", in.Name), nil)
		}
		seen[in.Name] = true
		if in.Policy == nil {
			errs.add(o, sub, "missing policy document", nil)
		} else if f := chk.Refusals(in.Policy, kind); len(f) > 0 {
			errs.add(o, sub, fmt.Sprintf("IAM refuses inline policy %q (MalformedPolicyDocument)", in.Name), f)
		}
	}
}

// checkTags checks tags as role.New does.
func checkTags(errs *ErrorList, o Origin, tags []role.Tag) {
	if len(tags) > role.MaxTags {
		errs.add(o, "Tags", fmt.Sprintf("%d tags: at most %d", len(tags), role.MaxTags), nil)
	}
	seen := map[string]bool{}
	for i, t := range tags {
		sub := fmt.Sprintf("Tags[%d]", i)
		if msg := role.CheckTagKey(t.Key); msg != "" {
			errs.add(o, sub, fmt.Sprintf("tag key %q: %s", t.Key, msg), nil)
		}
		if msg := role.CheckTagValue(t.Value); msg != "" {
			errs.add(o, sub, fmt.Sprintf("tag value %q: %s", t.Value, msg), nil)
		}
		if k := strings.ToLower(t.Key); seen[k] {
			errs.add(o, sub, fmt.Sprintf("tag key %q twice (keys are unique regardless of case)", t.Key), nil)
		} else {
			seen[k] = true
		}
	}
}

// checkEntityName checks the name and path of a user or group.
func checkEntityName(errs *ErrorList, o Origin, what, account, name, path string, max int) {
	if !arn.IsAccountID(account) {
		errs.add(o, "", fmt.Sprintf("account %q: an account id is 12 digits", account), nil)
	}
	if msg := role.CheckName(name, max); msg != "" {
		errs.add(o, "", fmt.Sprintf("%s name %q: %s", what, name, msg), nil)
	}
	if msg := role.CheckPath(path); msg != "" {
		errs.add(o, "", fmt.Sprintf("%s path %q: %s", what, path, msg), nil)
	}
}

// nameKey is how IAM tells names apart within an account: regardless of
// case (IAM User Guide, "IAM name requirements").
func nameKey(account, name string) string { return account + "/" + strings.ToLower(name) }

// Build checks every value and reference and returns the Set, or an
// ErrorList of every defect and no Set.
func (b *Builder) Build(opts Options) (*Set, error) {
	c := newChecker(b, opts)
	c.run()
	if opts.MaxCompiledSets < 0 {
		c.errs.add(Origin{Path: "Options"}, "", "MaxCompiledSets is not negative", nil)
	}
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	c.set.cache.max = int64(opts.MaxCompiledSets)
	if c.set.cache.max == 0 {
		c.set.cache.max = int64(defaultMaxCompiledSets(len(c.set.all) + len(c.set.roots)))
	}
	return c.set, nil
}

// checkAttachedCount checks the number of managed policies attached to one
// user, group or role against the account's quota.
func checkAttachedCount(errs *ErrorList, o Origin, field string, n int, opts Options) {
	max := opts.MaxManagedPolicies
	if max == 0 {
		max = DefaultManagedPolicies
	}
	if o.File == "" {
		field = "Managed"
	}
	if n > max {
		errs.add(o, field, fmt.Sprintf("%d managed policies are attached, over the quota of %d (LimitExceeded; Options.MaxManagedPolicies, --max-managed-policies, for an account whose quota was raised)", n, max), nil)
	}
}
