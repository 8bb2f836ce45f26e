package account

import (
	"fmt"
	"maps"
	"slices"

	"github.com/iamsim/iamsim/arn"
)

// Which accounts an organization holds (AWS Organizations User Guide,
// "AWS Organizations terminology and concepts"): "An organization has one
// management account along with zero or more member accounts", and "Each
// account can be directly in the root, or placed in one of the OUs in the
// hierarchy"; "An account can belong to only one organization at a time"
// (AWS Organizations API Reference, AlreadyInOrganizationException). An
// account outside every organization is "a standalone AWS account ... no
// longer subject to any policies" ("Removing a member account from an
// organization").
//
// So once an organization is loaded, a loaded account is exactly one of:
// placed in its root or an OU (its SCPs and RCPs apply), its management
// account (exempt from them), or declared standalone (Account.Standalone,
// the overlay's "standalone": true). Anything else would be read as
// outside the organization, and a typo in an account id would silently
// drop that account's SCPs and RCPs: it is refused instead. A Set holds at
// most one organization, so an account of another organization cannot be
// loaded beside it: its SCPs would be unknown. An account the organization
// places but no file loads is accepted: no principal or resource of it is
// ever asked about (a request's principal must be loaded, and a resource
// with a loaded policy loads its account), and an organization has
// members that were not exported.

// noteLoaded records the first place an account was loaded from, for
// membership's errors.
func (c *checker) noteLoaded(id string, o Origin) {
	if _, ok := c.loadedAt[id]; !ok && arn.IsAccountID(id) {
		c.loadedAt[id] = o
	}
}

// loadedAccounts records where each loaded account comes from: the
// overlay's accounts, then the principals, policies, resource policies and
// identity providers that name it. Accounts the exports add without a
// place (a page's account) come last, so that an error names the entity.
func (c *checker) loadedAccounts() {
	for i, a := range c.b.accounts {
		if a.Origin != (Origin{}) && c.set.accounts[a.ID] != nil {
			c.noteLoaded(a.ID, at(a.Origin, fmt.Sprintf("Account[%d]", i)))
		}
	}
	for i, u := range c.b.users {
		c.noteLoaded(u.Account, at(u.Origin, fmt.Sprintf("User[%d]", i)))
	}
	for i, g := range c.b.groups {
		c.noteLoaded(g.Account, at(g.Origin, fmt.Sprintf("Group[%d]", i)))
	}
	for i, r := range c.b.roles {
		c.noteLoaded(r.r.Account(), at(r.origin, fmt.Sprintf("Role[%d]", i)))
	}
	// The builder's lists, not the Set's maps, so that an error names the
	// same first place on every run; only what was accepted counts.
	for i, mp := range c.b.policies {
		if m := c.set.policies[mp.ARN]; m != nil && m.account != "aws" {
			c.noteLoaded(m.account, at(mp.Origin, fmt.Sprintf("Policy[%d]", i)))
		}
	}
	for i, rp := range c.b.resources {
		if c.set.resources[rp.ARN] != nil {
			c.noteLoaded(rp.Account, at(rp.Origin, fmt.Sprintf("ResourcePolicy[%d]", i)))
		}
	}
	for i, p := range c.b.idps {
		if a, err := arn.Parse(p.ARN); err == nil && c.set.idps[p.ARN] != nil {
			c.noteLoaded(a.Account(), at(p.Origin, fmt.Sprintf("IdentityProvider[%d]", i)))
		}
	}
	for i, a := range c.b.accounts {
		if c.set.accounts[a.ID] != nil {
			c.noteLoaded(a.ID, at(a.Origin, fmt.Sprintf("Account[%d]", i)))
		}
	}
}

// membership checks that the loaded accounts and the organization agree,
// every defect at once.
func (c *checker) membership(org *Organization) {
	c.loadedAccounts()
	for _, id := range slices.Sorted(maps.Keys(c.standalone)) {
		so := c.standalone[id]
		sub := "standalone"
		if so.File == "" {
			sub = "Standalone"
		}
		if id == org.ManagementAccount {
			c.errs.addKind(so, sub, fmt.Sprintf("account %s is declared standalone, but the organization names it its management account: an account belongs to one organization or to none", id), nil, ErrOrganization)
		} else if p, placed := c.placedAt[id]; placed {
			c.errs.addKind(so, sub, fmt.Sprintf("account %s is declared standalone, but the organization places it at %s: an account belongs to one organization or to none", id, originText(p)), nil, ErrOrganization)
		}
	}
	o := at(org.Origin, "Organization")
	for _, id := range slices.Sorted(maps.Keys(c.loadedAt)) {
		_, placed := c.placedAt[id]
		_, alone := c.standalone[id]
		if placed || alone || id == org.ManagementAccount {
			continue
		}
		c.errs.addKind(o, "", fmt.Sprintf("account %s (loaded at %s) is neither placed in the organization's root or an OU nor its management account: "+
			"place it (its SCPs and RCPs then apply) or, if it belongs to no organization, declare it standalone (\"standalone\": true in the overlay's accounts); "+
			"an organization's accounts are each in its root or in one OU (AWS Organizations User Guide, \"AWS Organizations terminology and concepts\")",
			id, originText(c.loadedAt[id])), nil, ErrOrganization)
	}
}

// originText formats an origin for a message: FILE:LINE:COL PATH, or the path
// of a value built in Go.
func originText(o Origin) string {
	if o.File == "" {
		return o.Path
	}
	return fmt.Sprintf("%s:%d:%d %s", o.File, o.Pos.Line, o.Pos.Column, o.Path)
}
