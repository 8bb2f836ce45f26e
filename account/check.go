package account

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// checker validates a Builder's values and builds the Set's indexes.
type checker struct {
	b    *Builder
	opts Options
	errs ErrorList
	set  *Set
	// policyNames maps partition:account/lower-case name to the name.
	policyNames map[string]string
	keyOwners   map[string]string // access key id → account/user
	// standalone, loadedAt and placedAt: where each account is declared
	// standalone, first loaded, and placed in the organization
	// (membership).
	standalone, loadedAt, placedAt map[string]Origin
}

func newChecker(b *Builder, opts Options) *checker {
	return &checker{b: b, opts: opts, errs: append(ErrorList(nil), b.errs...), policyNames: map[string]string{}, keyOwners: map[string]string{},
		standalone: map[string]Origin{}, loadedAt: map[string]Origin{}, placedAt: map[string]Origin{}, set: &Set{
			accounts:  map[string]*Account{},
			users:     map[string]*principal{},
			roles:     map[string]*principal{},
			byName:    map[string]*principal{},
			profiles:  map[string]*principal{},
			groups:    map[string]*Group{},
			policies:  map[string]*managed{},
			resources: map[string]*ResourcePolicy{},
			trusts:    map[string]*ResourcePolicy{},
			idps:      map[string]*IdentityProvider{},
			levels:    map[string]*orgLevels{},
			orgPaths:  map[string]string{},
			roots:     map[string]*principal{},
			sources:   map[*policy.Policy]Source{},
		}}
}

func (c *checker) run() {
	for p, src := range c.b.sources {
		c.set.sources[p] = src
	}
	c.accounts()
	c.managedPolicies()
	c.groupsCheck()
	names := map[string]Origin{} // users, roles: unique per account regardless of case
	c.usersCheck(names)
	c.rolesCheck(names)
	c.resourcesCheck()
	c.idpsCheck()
	if c.b.org != nil {
		c.organization(c.b.org)
		c.membership(c.b.org)
	}
	for _, id := range c.set.ids {
		c.set.roots[id] = rootPrincipal(c.set.accounts[id])
	}
	c.orgCallers()
	sortPrincipals(c.set.all)
}

// account notes an account id an entity belongs to.
func (c *checker) account(id, partition string) {
	if _, ok := c.set.accounts[id]; ok || !arn.IsAccountID(id) {
		return
	}
	if partition == "" {
		partition = "aws"
	}
	c.set.accounts[id] = &Account{ID: id, Partition: partition}
	c.set.ids = append(c.set.ids, id)
}

func (c *checker) accounts() {
	// An account is in one partition: an entity's ARN and the overlay
	// must not disagree, or its principals' ARNs would be rebuilt in the
	// wrong one. "" (an overlay entry without "partition") agrees with any.
	partition := map[string]string{}
	for i, a := range c.b.accounts {
		if a.Partition == "" {
			continue
		}
		if have, ok := partition[a.ID]; ok && have != a.Partition {
			c.errs.add(at(a.Origin, fmt.Sprintf("Account[%d]", i)), "", fmt.Sprintf("account %s is in partition %s and %s", a.ID, have, a.Partition), nil)
			continue
		}
		partition[a.ID] = a.Partition
	}
	for _, a := range c.b.accounts {
		if p := partition[a.ID]; p != "" && arn.IsAccountID(a.ID) {
			c.account(a.ID, p)
		}
	}
	for i, a := range c.b.accounts {
		o := at(a.Origin, fmt.Sprintf("Account[%d]", i))
		if !arn.IsAccountID(a.ID) {
			c.errs.add(o, "", fmt.Sprintf("account id %q: an account id is 12 digits", a.ID), nil)
			continue
		}
		if a.Partition != "" && !arn.ValidPartition(a.Partition) {
			c.errs.add(o, "", fmt.Sprintf("partition %q is not an AWS partition", a.Partition), nil)
			continue
		}
		c.account(a.ID, a.Partition)
		if _, seen := c.standalone[a.ID]; a.Standalone && !seen {
			c.standalone[a.ID] = o
		}
		have := c.set.accounts[a.ID]
		if a.Name != "" {
			if have.Name != "" && have.Name != a.Name {
				c.errs.add(o, "", fmt.Sprintf("account %s is named both %q and %q", a.ID, have.Name, a.Name), nil)
			}
			have.Name = a.Name
		}
		if a.PublicAccessBlock != (evaluate.PublicAccessBlockConfiguration{}) {
			if have.PublicAccessBlock != (evaluate.PublicAccessBlockConfiguration{}) && have.PublicAccessBlock != a.PublicAccessBlock {
				c.errs.add(o, "", fmt.Sprintf("account %s has two different Block Public Access settings", a.ID), nil)
			}
			have.PublicAccessBlock = a.PublicAccessBlock
		}
	}
	for _, u := range c.b.users {
		c.account(u.Account, "")
	}
	for _, g := range c.b.groups {
		c.account(g.Account, "")
	}
	for _, r := range c.b.roles {
		c.account(r.r.Account(), r.r.Partition())
	}
	slices.Sort(c.set.ids)
}

func (c *checker) managedPolicies() {
	for i, mp := range c.b.policies {
		o := at(mp.Origin, fmt.Sprintf("Policy[%d]", i))
		if msg := role.CheckPolicyARN(mp.ARN); msg != "" {
			c.errs.add(o, "", fmt.Sprintf("policy ARN %q: %s", mp.ARN, msg), nil)
			continue
		}
		if mp.PolicyID != "" {
			if msg := role.CheckID(mp.PolicyID, "ANPA"); msg != "" && !strings.HasPrefix(mp.PolicyID, "ANPA") {
				c.errs.add(o, "PolicyId", fmt.Sprintf("policy id %q: %s", mp.PolicyID, msg), nil)
			}
		}
		doc := c.defaultVersion(o, mp)
		if doc == nil {
			continue
		}
		if have, dup := c.set.policies[mp.ARN]; dup {
			a := arn.MustParse(mp.ARN)
			if a.Account() == "aws" && string(have.doc.Source()) == string(doc.Source()) {
				continue // the same AWS managed policy, listed by another account's export
			}
			c.errs.add(o, "", fmt.Sprintf("managed policy %s is loaded twice", mp.ARN), nil)
			continue
		}
		a := arn.MustParse(mp.ARN)
		// "IAM user, group, role, and policy names must be unique within
		// the account. Names are not distinguished by case" (IAM API
		// Reference, CreatePolicy, PolicyName): paths do not tell apart.
		// Checked for customer managed policies, which an account creates;
		// AWS's own are AWS's to name.
		if k := nameKey(a.Partition()+":"+a.Account(), a.Name()); a.Account() != "aws" && c.policyNames[k] != "" {
			c.errs.add(o, "", fmt.Sprintf("managed policy %s: account %s has a policy named %s already", mp.ARN, a.Account(), c.policyNames[k]), nil)
			continue
		} else {
			c.policyNames[k] = a.Name()
		}
		if a.Account() != "aws" {
			c.account(a.Account(), a.Partition())
		}
		c.set.policies[mp.ARN] = &managed{p: mp, doc: doc, account: a.Account(), partition: a.Partition()}
	}
}

// defaultVersion returns the document of the one default version.
func (c *checker) defaultVersion(o Origin, mp ManagedPolicy) *policy.Policy {
	var doc *policy.Policy
	defaults := 0
	ids := map[string]bool{}
	for j, v := range mp.Versions {
		if ids[v.ID] {
			c.errs.add(o, fmt.Sprintf("PolicyVersionList[%d]", j), fmt.Sprintf("version %s appears twice in %s", v.ID, mp.ARN), nil)
		}
		ids[v.ID] = true
		if !v.Default {
			continue
		}
		defaults++
		sub := fmt.Sprintf("PolicyVersionList[%d]", j)
		switch {
		case v.Document == nil:
			c.errs.add(o, sub, "the default version has no document", nil)
		default:
			if f := c.refusals(v.Document, policy.Identity); len(f) > 0 {
				c.errs.add(o, sub, fmt.Sprintf("IAM refuses version %s of %s (MalformedPolicyDocument)", v.ID, mp.ARN), f)
			} else if n := policy.Size(v.Document.Source(), false); n > MaxManagedPolicyChars && !awsManaged(mp.ARN) {
				c.errs.add(o, sub, fmt.Sprintf("version %s of %s is %d characters (white space not counted), over the %d-character quota of a managed policy (LimitExceeded)", v.ID, mp.ARN, n, MaxManagedPolicyChars), nil)
			} else {
				doc = v.Document
			}
		}
	}
	if defaults != 1 {
		c.errs.add(o, "", fmt.Sprintf("managed policy %s has %d default versions: exactly one is in effect", mp.ARN, defaults), nil)
		return nil
	}
	return doc
}

// resolve finds an attached managed policy. It returns nil with missing set
// when the policy is absent and the caller opted to proceed.
func (c *checker) resolve(o Origin, sub, policyARN, account string) (g *gathered, missing bool) {
	// A loaded policy's ARN was checked when it was loaded: only whose
	// it is remains to check (30,000 attachments, one parse each, cost a
	// tenth of a load).
	partition := "aws"
	if a := c.set.accounts[account]; a != nil {
		partition = a.Partition
	}
	if m, ok := c.set.policies[policyARN]; ok && (m.account == "aws" || m.account == account) && m.partition == partition {
		return &gathered{pol: m.doc, ref: PolicyRef{Name: policyARN, Kind: "managed", Source: c.set.sources[m.doc]}}, false
	}
	if msg := role.CheckPolicyARN(policyARN); msg != "" {
		c.errs.add(o, sub, fmt.Sprintf("policy ARN %q: %s", policyARN, msg), nil)
		return nil, false
	}
	if a := arn.MustParse(policyARN).Account(); a != "aws" && a != account {
		c.errs.add(o, sub, fmt.Sprintf("%s belongs to account %s: IAM attaches only the account's own and AWS managed policies", policyARN, a), nil)
		return nil, false
	}
	// An account is in one partition ("IAM identifiers": the ARN's
	// partition), and so is every policy IAM attaches in it.
	if p := arn.MustParse(policyARN).Partition(); p != partition {
		c.errs.add(o, sub, fmt.Sprintf("%s is in partition %s, but account %s is in %s", policyARN, p, account, partition), nil)
		return nil, false
	}
	m, ok := c.set.policies[policyARN]
	if !ok {
		if c.opts.AllowMissingPolicies {
			return nil, true
		}
		c.errs.add(o, sub, fmt.Sprintf("managed policy %s is attached but is in no loaded file (opt in to proceed without it: --allow-missing-policies)", policyARN), nil)
		return nil, false
	}
	return &gathered{pol: m.doc, ref: PolicyRef{Name: policyARN, Kind: "managed", Source: c.set.sources[m.doc]}}, false
}

func (c *checker) groupsCheck() {
	for i, g := range c.b.groups {
		if g.Path == "" {
			g.Path = "/"
		}
		o := at(g.Origin, fmt.Sprintf("Group[%d]", i))
		checkEntityName(&c.errs, o, "group", g.Account, g.Name, g.Path, 128)
		if g.GroupID != "" && !strings.HasPrefix(g.GroupID, "AGPA") {
			c.errs.add(o, "GroupId", fmt.Sprintf("group id %q must begin with AGPA", g.GroupID), nil)
		}
		checkInline(&c.b.chk, &c.errs, o, g.Inline, policy.InlineGroup, "GroupPolicyList", MaxInlineGroupChars)
		checkAttachedCount(&c.errs, o, "AttachedManagedPolicies", len(g.Managed), c.opts)
		k := nameKey(g.Account, g.Name)
		if _, dup := c.set.groups[k]; dup {
			c.errs.add(o, "", fmt.Sprintf("group %s is loaded twice in account %s", g.Name, g.Account), nil)
			continue
		}
		g.Origin = o
		c.set.groups[k] = &g
	}
}

func (c *checker) usersCheck(names map[string]Origin) {
	for i := range c.b.users {
		u := cloneUser(c.b.users[i])
		if u.Path == "" {
			u.Path = "/"
		}
		o := at(u.Origin, fmt.Sprintf("User[%d]", i))
		u.Origin = o
		n := len(c.errs)
		checkEntityName(&c.errs, o, "user", u.Account, u.Name, u.Path, 64)
		checkInline(&c.b.chk, &c.errs, o, u.Inline, policy.InlineUser, "UserPolicyList", MaxInlineUserChars)
		checkAttachedCount(&c.errs, o, "AttachedManagedPolicies", len(u.Managed), c.opts)
		checkGroupCount(&c.errs, o, u.Name, len(u.Groups))
		checkTags(&c.errs, o, u.Tags)
		c.accessKeys(o, u.Account+"/"+u.Name, u.AccessKeys)
		if u.UserID != "" {
			if msg := role.CheckID(u.UserID, "AIDA"); msg != "" {
				c.errs.add(o, "UserId", fmt.Sprintf("user id %q: %s", u.UserID, msg), nil)
			}
		}
		if len(c.errs) > n {
			continue
		}
		c.unique(names, o, "user", u.Account, u.Name)
		a, _ := arn.User(c.set.accounts[u.Account].Partition, u.Account, u.Path, u.Name)
		if u.UserID == "" {
			u.UserID = role.DeriveID("AIDA", a.String())
		}
		p := &principal{arn: a.String(), account: u.Account, kind: arn.KindUser, name: u.Name, userID: u.UserID, user: &u, tags: tagMap(u.Tags)}
		p.caller = &evaluate.Caller{ARN: p.arn, UserID: p.userID, Tags: p.tags}
		c.gatherUser(o, p, &u)
		if _, dup := c.set.users[p.arn]; !dup {
			c.set.users[p.arn] = p
			c.set.all = append(c.set.all, p)
		}
	}
}

func (c *checker) accessKeys(o Origin, owner string, keys []AccessKey) {
	for j, k := range keys {
		sub := fmt.Sprintf("AccessKeys[%d]", j)
		// An access key id identifies one key of one user (IAM User Guide,
		// "Manage access keys for IAM users"): a second owner would make
		// a signature verify as whichever user came first.
		if first, dup := c.keyOwners[k.ID]; dup && k.ID != "" {
			c.errs.add(o, sub, fmt.Sprintf("access key %s belongs to %s already", k.ID, first), nil)
		} else {
			c.keyOwners[k.ID] = owner
		}
		if !strings.HasPrefix(k.ID, "AKIA") || len(k.ID) < 16 || len(k.ID) > 128 {
			c.errs.add(o, sub, fmt.Sprintf("access key id %q: a long-term key id is AKIA and 12 to 124 more characters (IAM API Reference, AccessKey)", k.ID), nil)
		}
		if k.Secret == "" {
			c.errs.add(o, sub, fmt.Sprintf("access key %s has no secret", k.ID), nil)
		}
	}
}

// unique records a user or role name, which IAM keeps unique per account
// regardless of case, and reports a second one.
func (c *checker) unique(names map[string]Origin, o Origin, what, account, name string) {
	k := nameKey(account, name)
	if first, dup := names[k]; dup {
		c.errs.add(o, "", fmt.Sprintf("%s %s is loaded twice in account %s (first at %s)", what, name, account, originText(first)), nil)
		return
	}
	names[k] = o
}

func tagMap(tags []role.Tag) map[string]string {
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

// awsManaged reports whether a policy ARN is an AWS managed policy's
// (account "aws"), which no size quota binds.
func awsManaged(policyARN string) bool {
	a, err := arn.Parse(policyARN)
	return err == nil && a.Account() == "aws"
}

// MaxGroupsPerUser is how many groups one IAM user can be a member of (IAM
// User Guide, "IAM and AWS STS quotas": "Groups an IAM user can be a
// member of: 10"): AddUserToGroup refuses an eleventh.
const MaxGroupsPerUser = 10

func checkGroupCount(errs *ErrorList, o Origin, user string, n int) {
	if n <= MaxGroupsPerUser {
		return
	}
	field := "GroupList"
	if o.File == "" {
		field = "Groups"
	}
	errs.add(o, field, fmt.Sprintf("user %s is in %d groups, over the quota of %d (LimitExceeded)", user, n, MaxGroupsPerUser), nil)
}
