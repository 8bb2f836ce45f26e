package account

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// gatherUser collects a user's identity policies in the order IAM lists
// them: the user's inline and managed policies, then each group's (IAM User
// Guide, "Policy evaluation logic": the identity-based policies of a user
// include those of its groups). A policy attached twice counts once.
func (c *checker) gatherUser(o Origin, p *principal, u *User) {
	seen := map[*policy.Policy]bool{}
	add := func(g gathered) {
		if !seen[g.pol] {
			seen[g.pol] = true
			p.identity = append(p.identity, g)
		}
	}
	for _, in := range u.Inline {
		add(gathered{in.Policy, PolicyRef{Name: in.Name, Kind: "inline", Owner: p.arn, Source: c.set.sources[in.Policy]}})
	}
	c.attach(o, "AttachedManagedPolicies", p, u.Managed, "", add)
	for j, name := range u.Groups {
		g, ok := c.set.groups[nameKey(u.Account, name)]
		if !ok {
			c.errs.add(o, fmt.Sprintf("GroupList[%d]", j), fmt.Sprintf("user %s is in group %q, which is not loaded", u.Name, name), nil)
			continue
		}
		ga, _ := arn.Parse("arn:" + c.set.accounts[u.Account].Partition + ":iam::" + g.Account + ":group" + g.Path + g.Name)
		for _, in := range g.Inline {
			add(gathered{in.Policy, PolicyRef{Name: in.Name, Kind: "inline", Owner: ga.String(), Source: c.set.sources[in.Policy]}})
		}
		c.attach(g.Origin, "AttachedManagedPolicies", p, g.Managed, ga.String(), add)
	}
	if u.Boundary != "" {
		c.setBoundary(o, p, u.Boundary)
	}
}

// attach resolves attached managed policies; via names the group they come
// through, "" for the principal's own.
func (c *checker) attach(o Origin, field string, p *principal, arns []string, via string, add func(gathered)) {
	seen := map[string]bool{}
	for j, a := range arns {
		sub := fmt.Sprintf("%s[%d]", field, j)
		if seen[a] {
			c.errs.add(o, sub, fmt.Sprintf("%s is attached twice", a), nil)
			continue
		}
		seen[a] = true
		g, missing := c.resolve(o, sub, a, p.account)
		if missing {
			p.missing = append(p.missing, a)
			continue
		}
		if g != nil {
			g.ref.Owner = via
			add(*g)
		}
	}
}

func (c *checker) setBoundary(o Origin, p *principal, boundary string) {
	g, missing := c.resolve(o, "PermissionsBoundary", boundary, p.account)
	switch {
	case missing:
		// Fail closed: a boundary that is not loaded allows nothing we
		// could show, so the principal is denied and the answer says why.
		p.missing = append(p.missing, boundary)
		p.boundary = &gathered{pol: denyAll, ref: PolicyRef{Name: boundary, Kind: "boundary", Owner: "not loaded: allows nothing here"}}
	case g != nil:
		g.ref.Kind = "boundary"
		if f := c.refusals(g.pol, policy.Boundary); len(f) > 0 {
			c.errs.add(o, "PermissionsBoundary", fmt.Sprintf("%s cannot be a permissions boundary", boundary), f)
			return
		}
		p.boundary = g
	}
}

// denyAll stands in for a permissions boundary that is not loaded: a
// boundary that allows nothing.
var denyAll = policy.MustParse("boundary not loaded", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}`)

func (c *checker) rolesCheck(names map[string]Origin) {
	profiles := map[string]string{} // nameKey → role ARN
	for i, e := range c.b.roles {
		r := e.r
		o := at(e.origin, fmt.Sprintf("Role[%d]", i))
		if r == nil {
			c.errs.add(o, "", "nil role", nil)
			continue
		}
		n := len(c.errs)
		c.unique(names, o, "role", r.Account(), r.Name())
		for j, ip := range r.InstanceProfiles() {
			k := nameKey(r.Account(), ip.Name)
			if other, dup := profiles[k]; dup {
				c.errs.add(o, fmt.Sprintf("InstanceProfileList[%d]", j), fmt.Sprintf("instance profile %s holds %s already: a profile holds one role", ip.Name, other), nil)
			}
			profiles[k] = r.ARN().String()
		}
		if len(c.errs) > n {
			continue
		}
		p := &principal{arn: r.ARN().String(), account: r.Account(), kind: arn.KindRole, name: r.Name(),
			userID: r.RoleID(), tags: r.TagMap(), role: r, serviceLinked: r.IsServiceLinked()}
		// A role acts only through sessions, with temporary credentials;
		// without a session name its unique id (AROA…:session) is unknown.
		p.caller = &evaluate.Caller{ARN: p.arn, Tags: p.tags, Temporary: true}
		seen := map[*policy.Policy]bool{}
		add := func(g gathered) {
			if !seen[g.pol] {
				seen[g.pol] = true
				p.identity = append(p.identity, g)
			}
		}
		for _, in := range r.Inline() {
			add(gathered{in.Policy, PolicyRef{Name: in.Name, Kind: "inline", Owner: p.arn, Source: c.set.sources[in.Policy]}})
		}
		checkAttachedCount(&c.errs, o, "AttachedManagedPolicies", len(r.Managed()), c.opts)
		c.attach(o, "AttachedManagedPolicies", p, r.Managed(), "", add)
		if r.Boundary() != "" {
			c.setBoundary(o, p, r.Boundary())
		}
		c.set.roles[p.arn] = p
		c.set.trusts[p.arn] = &ResourcePolicy{ARN: p.arn, Account: p.account, Policy: r.Trust(), Origin: o}
		c.set.byName[nameKey(r.Account(), r.Name())] = p
		for _, ip := range r.InstanceProfiles() {
			c.set.profiles[nameKey(r.Account(), ip.Name)] = p
		}
		c.set.all = append(c.set.all, p)
	}
}

func (c *checker) resourcesCheck() {
	for i, rp := range c.b.resources {
		o := at(rp.Origin, fmt.Sprintf("ResourcePolicy[%d]", i))
		if _, err := arn.Parse(rp.ARN); err != nil {
			c.errs.add(o, "", fmt.Sprintf("resource ARN %q: %v", rp.ARN, err), nil)
			continue
		}
		if !arn.IsAccountID(rp.Account) {
			c.errs.add(o, "", fmt.Sprintf("owning account %q: an account id is 12 digits", rp.Account), nil)
			continue
		}
		a := arn.MustParse(rp.ARN)
		if a.Account() != "" && a.Account() != rp.Account {
			c.errs.add(o, "", fmt.Sprintf("%s is in account %s, not %s", rp.ARN, a.Account(), rp.Account), nil)
			continue
		}
		if have, ok := c.set.accounts[rp.Account]; ok && a.Partition() != have.Partition {
			c.errs.add(o, "", fmt.Sprintf("%s is in partition %s, but account %s is in %s", rp.ARN, a.Partition(), rp.Account, have.Partition), nil)
			continue
		}
		if msg := resourcePolicyHolder(a); msg != "" {
			c.errs.add(o, "", rp.ARN+msg, nil)
			continue
		}
		if rp.Policy == nil {
			c.errs.add(o, "", "missing policy document", nil)
			continue
		}
		if f := c.refusals(rp.Policy, policy.Resource); len(f) > 0 {
			c.errs.add(o, "", fmt.Sprintf("the resource policy of %s would be refused", rp.ARN), f)
			continue
		}
		// Each service's documented quotas (resourcequota.go).
		if msg, over := resourcePolicyQuota(a, rp.Policy); over {
			c.errs.addKind(o, "", msg, nil, ErrPolicyTooLarge)
			continue
		}
		if _, dup := c.set.resources[rp.ARN]; dup {
			c.errs.add(o, "", fmt.Sprintf("%s has two resource policies", rp.ARN), nil)
			continue
		}
		rp.Origin = o
		c.set.resources[rp.ARN] = &rp
	}
}

func (c *checker) idpsCheck() {
	for i, p := range c.b.idps {
		o := at(p.Origin, fmt.Sprintf("IdentityProvider[%d]", i))
		a, err := arn.Parse(p.ARN)
		want := map[string]string{"SAML": "saml-provider/", "OIDC": "oidc-provider/"}[p.Type]
		switch {
		case err != nil:
			c.errs.add(o, "", fmt.Sprintf("provider ARN %q: %v", p.ARN, err), nil)
			continue
		case want == "":
			c.errs.add(o, "", fmt.Sprintf("provider type %q: SAML or OIDC", p.Type), nil)
			continue
		case a.Service() != "iam" || !arn.IsAccountID(a.Account()) || !strings.HasPrefix(a.Resource(), want):
			c.errs.add(o, "", fmt.Sprintf("%s is not the ARN of an IAM %s provider (arn:aws:iam::ACCOUNT:%s…)", p.ARN, p.Type, want), nil)
			continue
		}
		if _, dup := c.set.idps[p.ARN]; dup {
			c.errs.add(o, "", fmt.Sprintf("identity provider %s is loaded twice", p.ARN), nil)
			continue
		}
		p.Origin = o
		c.set.idps[p.ARN] = &p
	}
}

// rootFullAccess stands for the root user's permissions: "The root user has
// full access to all AWS services and resources in the account" (IAM User
// Guide, "AWS account root user"). SCPs and resource policies still apply.
var rootFullAccess = policy.MustParse("root user", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)

func rootPrincipal(a *Account) *principal {
	r, _ := arn.Root(a.Partition, a.ID)
	return &principal{arn: r.String(), account: a.ID, kind: arn.KindRoot, userID: a.ID,
		caller:   &evaluate.Caller{ARN: r.String(), UserID: a.ID},
		identity: []gathered{{rootFullAccess, PolicyRef{Name: "the root user's full access to its account", Kind: "root"}}}}
}

// refusals is p.Refusals(kind), asked once per distinct policy text and
// kind in a load (role.Checker): a boundary or managed policy shared by
// thousands of principals is validated once.
func (c *checker) refusals(p *policy.Policy, kind policy.Kind) policy.ErrorList {
	return c.b.chk.Refusals(p, kind)
}

// MaxBucketPolicyBytes is the size limit of an S3 bucket policy, 20 KB
// (Amazon S3 User Guide, "Bucket policies and user policies").
const MaxBucketPolicyBytes = 20 * 1024

// resourcePolicyHolder says why a resource cannot hold the resource policy
// the overlay gives it, "" when it can. A bucket policy is attached to a
// bucket and covers its objects (Amazon S3 User Guide, "Bucket policies"),
// so an object ARN would be a policy S3 never looks up; IAM resources have
// no resource-based policy but a role's trust policy (IAM User Guide,
// "Roles terms and concepts"), which comes from the export, so an overlay
// policy on an IAM ARN would stand beside it unseen by AWS.
func resourcePolicyHolder(a arn.ARN) string {
	switch a.Service() {
	case "s3":
		if strings.Contains(a.Resource(), "/") {
			return " is an object: an S3 resource policy is a bucket's (Amazon S3 User Guide, \"Bucket policies\")"
		}
	case "iam":
		return ": IAM resources have no resource-based policy but a role's trust policy, which the export holds"
	}
	return ""
}
