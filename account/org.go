package account

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/policy"
)

// FullAWSAccess is the AWS managed SCP that Organizations attaches to the
// root, every OU and every account when SCPs are enabled (AWS Organizations
// User Guide, "Service control policies": p-FullAWSAccess).
var FullAWSAccess = policy.MustParse("FullAWSAccess", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)

// RCPFullAWSAccess is the AWS managed RCP attached to every level when RCPs
// are enabled, which cannot be detached (AWS Organizations User Guide,
// "Resource control policies": p-RCPFullAWSAccess).
var RCPFullAWSAccess = policy.MustParse("RCPFullAWSAccess", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)

// organization checks the organization and records, for each member
// account, the SCPs and RCPs along its path. When any SCP is attached
// anywhere, SCPs are enabled and every level must keep at least one
// ("you can't detach the last SCP"); RCPFullAWSAccess is at every level
// whenever any RCP is.
func (c *checker) organization(org *Organization) {
	o := at(org.Origin, "Organization")
	if !arn.IsAccountID(org.ManagementAccount) {
		c.errs.add(o, "managementAccount", fmt.Sprintf("management account %q: an account id is 12 digits", org.ManagementAccount), nil)
	}
	c.set.mgmt = org.ManagementAccount
	if org.ID != "" && !orgIDPattern.MatchString(org.ID) {
		c.errs.add(o, "id", fmt.Sprintf("organization id %q: o- and 10 to 32 lower-case letters or digits (AWS Organizations API Reference, Organization)", org.ID), nil)
	}
	c.set.orgID = org.ID
	scps, rcps := false, false
	var scan func(u *Unit)
	scan = func(u *Unit) {
		scps = scps || len(u.SCPs) > 0
		rcps = rcps || len(u.RCPs) > 0
		for _, m := range u.Accounts {
			scps = scps || len(m.SCPs) > 0
			rcps = rcps || len(m.RCPs) > 0
		}
		for i := range u.Units {
			scan(&u.Units[i])
		}
	}
	scan(&org.Root)
	w := &orgWalker{c: c, o: o, scps: scps, rcps: rcps, units: map[string]bool{}}
	prefix := ""
	if org.ID != "" && org.Root.ID != "" {
		prefix = org.ID + "/"
	}
	w.unit(&org.Root, "root", nil, nil, prefix)
	copyOrg := *org
	c.set.org = &copyOrg
}

type orgWalker struct {
	c          *checker
	o          Origin
	scps, rcps bool
	units      map[string]bool
}

// Organizations quotas (AWS Organizations User Guide, "Quotas for AWS
// Organizations"): "Maximum size of a policy document: Service control
// policies: 5,120 characters; Resource control policies: 5,120
// characters", white space included when the policy is saved through the
// API; "Maximum number of policies attached to a root, OU, or account:
// SCPs 5, RCPs 5".
const (
	MaxOrgPolicyChars      = 5120
	MaxOrgPoliciesAttached = 5
)

func (w *orgWalker) level(path, owner string, scps, rcps []*policy.Policy) (s, r []gathered) {
	if w.scps && len(scps) == 0 {
		w.c.errs.add(w.o, path+".scps", fmt.Sprintf("%s has no SCP: with SCPs enabled every level keeps at least one (attach FullAWSAccess to keep the default)", owner), nil)
	}
	if len(scps) > MaxOrgPoliciesAttached {
		w.c.errs.add(w.o, path+".scps", fmt.Sprintf("%d SCPs are attached to %s: at most %d", len(scps), owner, MaxOrgPoliciesAttached), nil)
	}
	// RCPFullAWSAccess, which cannot be detached, counts toward the 5,
	// once, whether the overlay lists it or not.
	n := 1
	for _, p := range rcps {
		if p != RCPFullAWSAccess {
			n++
		}
	}
	if n > MaxOrgPoliciesAttached {
		w.c.errs.add(w.o, path+".rcps", fmt.Sprintf("%d RCPs are attached to %s with RCPFullAWSAccess: at most %d", n, owner, MaxOrgPoliciesAttached), nil)
	}
	for i, p := range scps {
		if g, ok := w.policy(fmt.Sprintf("%s.scps[%d]", path, i), p, policy.SCP, "scp", owner); ok {
			s = append(s, g)
		}
	}
	if w.rcps {
		r = append(r, gathered{RCPFullAWSAccess, PolicyRef{Name: "RCPFullAWSAccess", Kind: "rcp", Owner: owner}})
	}
	for i, p := range rcps {
		if g, ok := w.policy(fmt.Sprintf("%s.rcps[%d]", path, i), p, policy.RCP, "rcp", owner); ok {
			r = append(r, g)
		}
	}
	return s, r
}

func (w *orgWalker) policy(path string, p *policy.Policy, kind policy.Kind, k, owner string) (gathered, bool) {
	if p == nil {
		w.c.errs.add(w.o, path, "missing policy document", nil)
		return gathered{}, false
	}
	o := w.o
	if src, ok := w.c.set.sources[p]; ok && src.File != "" {
		o.File, o.Pos = src.File, src.Pos // the policy's own place
	}
	if f := w.c.refusals(p, kind); len(f) > 0 {
		w.c.errs.add(o, path, fmt.Sprintf("Organizations refuses %s %q", k, p.Name()), f)
		return gathered{}, false
	}
	if n := policy.Size(p.Source(), true); n > MaxOrgPolicyChars {
		w.c.errs.add(o, path, fmt.Sprintf("%s %q is %d characters (white space counted), over the %d-character quota", strings.ToUpper(k), p.Name(), n, MaxOrgPolicyChars), nil)
		return gathered{}, false
	}
	return gathered{p, PolicyRef{Name: p.Name(), Kind: k, Owner: owner, Source: w.c.set.sources[p]}}, true
}

// unit walks a unit; prefix is the entity path of its parent
// ("o-…/r-…/ou-…/"), "" when an id along it is unknown.
func (w *orgWalker) unit(u *Unit, path string, scps, rcps [][]gathered, prefix string) {
	if prefix != "" && u.ID != "" {
		prefix += u.ID + "/"
	} else {
		prefix = ""
	}
	// The root is the first level (AWS Organizations User Guide,
	// "Inheritance for service control policies"); explanations name the
	// level as root, OU or account.
	owner := "OU"
	if len(scps) == 0 {
		owner = "root"
	}
	if u.ID != "" {
		owner += " " + u.ID
	} else if owner == "root" {
		owner = "organization root"
	}
	if u.Name != "" {
		owner += " (" + u.Name + ")"
	}
	if u.ID != "" {
		if w.units[u.ID] {
			w.c.errs.add(w.o, path, fmt.Sprintf("organizational unit %s appears twice", u.ID), nil)
		}
		w.units[u.ID] = true
	}
	s, r := w.level(path, owner, u.SCPs, u.RCPs)
	scps = append(scps[:len(scps):len(scps)], s)
	rcps = append(rcps[:len(rcps):len(rcps)], r)
	for i, m := range u.Accounts {
		mp := fmt.Sprintf("%s.accounts[%d]", path, i)
		if !arn.IsAccountID(m.ID) {
			w.c.errs.add(w.o, mp, fmt.Sprintf("account id %q: an account id is 12 digits", m.ID), nil)
			continue
		}
		if _, dup := w.c.set.levels[m.ID]; dup {
			w.c.errs.add(w.o, mp, fmt.Sprintf("account %s is placed twice in the organization", m.ID), nil)
			continue
		}
		as, ar := w.level(mp, "account "+m.ID, m.SCPs, m.RCPs)
		lv := &orgLevels{}
		if w.scps {
			lv.scps = append(scps[:len(scps):len(scps)], as)
		}
		if w.rcps {
			lv.rcps = append(rcps[:len(rcps):len(rcps)], ar)
		}
		w.c.set.levels[m.ID] = lv
		po := m.Origin
		if po == (Origin{}) {
			po = w.o
			po.Path = strings.TrimPrefix(po.Path+"."+mp, ".")
		}
		w.c.placedAt[m.ID] = po
		if prefix != "" {
			w.c.set.orgPaths[m.ID] = prefix
		}
	}
	for i := range u.Units {
		w.unit(&u.Units[i], fmt.Sprintf("%s.units[%d]", path, i), scps, rcps, prefix)
	}
}

// orgIDPattern is an organization id (AWS Organizations API Reference,
// Organization: Id, "^o-[a-z0-9]{10,32}$").
var orgIDPattern = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)

// inOrg reports whether an account belongs to the loaded organization:
// placed in it, or its management account.
func (s *Set) inOrg(account string) bool {
	if s.orgID == "" {
		return false
	}
	_, placed := s.levels[account]
	return placed || account == s.mgmt
}

// OrgOf returns the organization an account belongs to and the account's
// entity path in it (o-…/r-…/ou-…/, IAM User Guide, "AWS global condition
// context keys", aws:PrincipalOrgPaths; "" when an id along it is not
// loaded): what aws:PrincipalOrgID and aws:PrincipalOrgPaths hold for the
// account's principals, and aws:ResourceOrgID and aws:ResourceOrgPaths for
// its resources. ok is false when the account is in no loaded organization
// or the organization's id was not given.
func (s *Set) OrgOf(accountID string) (orgID, path string, ok bool) {
	if !s.inOrg(accountID) {
		return "", "", false
	}
	return s.orgID, s.orgPaths[accountID], true
}

// orgCallers gives the principals of the organization's accounts their
// aws:PrincipalOrgID and aws:PrincipalOrgPaths.
func (c *checker) orgCallers() {
	set := func(p *principal) {
		if id, path, ok := c.set.OrgOf(p.account); ok {
			p.caller.OrgID = id
			if path != "" {
				p.caller.OrgPaths = []string{path}
			}
		}
	}
	for _, p := range c.set.all {
		set(p)
	}
	for _, p := range c.set.roots {
		set(p)
	}
}
