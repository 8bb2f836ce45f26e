package account

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// overlayData is what an overlay adds to the principals of the exports,
// kept until the exports are read.
type overlayData struct {
	w     *walker
	roles map[string]*overlayEntity // nameKey
	users map[string]*overlayEntity
	// standalone is each account's explicit "standalone" and where it is:
	// two entries of one account must not say both.
	standalone map[string]item
}

type overlayEntity struct {
	it          item
	maxSession  int
	description string
	keys        []AccessKey
	used        bool
}

// MaxOUDepth is how deep OUs nest under the root (AWS Organizations User
// Guide, "Quotas": "OU maximum nesting in a root: Five levels of OUs deep
// under a root").
const MaxOUDepth = 5

// readOverlay reads an overlay file (README, "Account overlays"): account
// names, identity providers, role settings the export lacks, users' access
// keys, the organization with its SCPs and RCPs, and resource policies.
func readOverlay(f File, b *Builder, errs *ErrorList) *overlayData {
	w := &walker{file: f.Name, data: f.Data, errs: errs, b: b}
	if !w.read() {
		return nil
	}
	root := w.t.Root()
	if root.Kind != jsontext.Object {
		w.fail("", root.Off, "want an overlay object, found "+root.Describe())
		return nil
	}
	ov := &overlayData{w: w, roles: map[string]*overlayEntity{}, users: map[string]*overlayEntity{}, standalone: map[string]item{}}
	for _, a := range w.objects(root, "", "accounts") {
		ov.account(a)
	}
	if org, ok := w.get(root, "", "organization", jsontext.Object); ok {
		ov.organization(item{org, "organization"})
	}
	for _, r := range w.objects(root, "", "resourcePolicies") {
		rp := ResourcePolicy{ARN: w.str(r.v, r.path, "arn", true), Account: w.str(r.v, r.path, "account", true), Origin: w.origin(r.path, r.v.Off)}
		name := w.str(r.v, r.path, "name", false)
		if name == "" {
			name = "policy of " + rp.ARN
		}
		rp.Policy = w.policyDoc(r.v, r.path, "policy", name)
		rp.PublicAccessBlock = w.publicAccessBlock(r.v, r.path, rp.ARN)
		if rp.Policy != nil {
			b.AddResourcePolicy(rp)
		}
	}
	return ov
}

func (ov *overlayData) account(a item) {
	w := ov.w
	id := w.str(a.v, a.path, "id", true)
	acct := Account{ID: id, Name: w.str(a.v, a.path, "name", false), Partition: w.str(a.v, a.path, "partition", false),
		PublicAccessBlock: w.publicAccessBlock(a.v, a.path, ""), Origin: w.origin(a.path, a.v.Off)}
	if v, ok := w.get(a.v, a.path, "standalone", jsontext.True); ok {
		acct.Standalone = v.Kind == jsontext.True
		if first, seen := ov.standalone[id]; seen && first.v.Kind != v.Kind {
			*w.errs = append(*w.errs, &Error{Origin: w.origin(a.path+".standalone", v.Off), Kind: ErrOrganization,
				Msg: fmt.Sprintf("account %s is declared standalone %t here and %t at %s: an account is in an organization or not",
					id, v.Kind == jsontext.True, first.v.Kind == jsontext.True, first.path)})
		} else if !seen && id != "" {
			ov.standalone[id] = item{v, a.path + ".standalone"}
		}
	}
	w.b.AddAccount(acct)
	for _, r := range w.objects(a.v, a.path, "roles") {
		e := &overlayEntity{it: r, description: w.str(r.v, r.path, "description", false)}
		if d, ok := w.get(r.v, r.path, "maxSessionDuration", jsontext.Number); ok {
			if _, err := fmt.Sscanf(d.Text, "%d", &e.maxSession); err != nil || strings.ContainsAny(d.Text, ".eE") {
				w.fail(r.path+".maxSessionDuration", d.Off, "want a whole number of seconds, found "+d.Text)
			}
		}
		ov.add(ov.roles, id, w.str(r.v, r.path, "name", true), "role", e)
	}
	for _, u := range w.objects(a.v, a.path, "users") {
		e := &overlayEntity{it: u}
		for _, k := range w.objects(u.v, u.path, "accessKeys") {
			status := w.str(k.v, k.path, "status", false)
			if status != "" && status != "Active" && status != "Inactive" {
				w.fail(k.path+".status", k.v.Off, fmt.Sprintf("status %q: Active or Inactive", status))
			}
			e.keys = append(e.keys, AccessKey{ID: w.str(k.v, k.path, "id", true), Secret: w.str(k.v, k.path, "secret", true), Inactive: status == "Inactive"})
		}
		ov.add(ov.users, id, w.str(u.v, u.path, "name", true), "user", e)
	}
	for _, p := range w.objects(a.v, a.path, "identityProviders") {
		idp := IdentityProvider{ARN: w.str(p.v, p.path, "arn", true), Type: w.str(p.v, p.path, "type", true),
			URL: w.str(p.v, p.path, "url", false), Origin: w.origin(p.path, p.v.Off)}
		// A provider listed under an account is that account's: one whose
		// ARN names another would be trusted where it was never created.
		if a, err := arn.Parse(idp.ARN); err == nil && id != "" && a.Account() != id {
			w.fail(p.path+".arn", p.v.Off, fmt.Sprintf("%s is listed under account %s but its ARN is of account %s", idp.ARN, id, a.Account()))
			continue
		}
		for _, c := range w.items(p.v, p.path, "clientIds") {
			if c.v.Kind != jsontext.String {
				w.fail(c.path, c.v.Off, "want a client id, found "+c.v.Describe())
				continue
			}
			idp.ClientIDs = append(idp.ClientIDs, c.v.Text)
		}
		w.b.AddIdentityProvider(idp)
	}
}

func (ov *overlayData) add(m map[string]*overlayEntity, acct, name, what string, e *overlayEntity) {
	if name == "" {
		return
	}
	k := nameKey(acct, name)
	if _, dup := m[k]; dup {
		ov.w.fail(e.it.path, e.it.v.Off, fmt.Sprintf("%s %s of account %s is described twice", what, name, acct))
		return
	}
	m[k] = e
}

// roleExtras adds the overlay's settings of a role to its spec.
func (ov *overlayData) roleExtras(acct, name string, spec *role.Spec) {
	if e, ok := ov.roles[nameKey(acct, name)]; ok {
		e.used = true
		spec.MaxSessionDuration = e.maxSession
		spec.Description = e.description
	}
}

// userKeys returns the overlay's access keys of a user.
func (ov *overlayData) userKeys(acct, name string) []AccessKey {
	if e, ok := ov.users[nameKey(acct, name)]; ok {
		e.used = true
		return e.keys
	}
	return nil
}

// finish reports overlay entries that name no exported principal: a typo
// would otherwise be ignored silently.
func (ov *overlayData) finish(b *Builder, errs *ErrorList) {
	for _, m := range []map[string]*overlayEntity{ov.roles, ov.users} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if e := m[k]; !e.used {
				ov.w.fail(e.it.path, e.it.v.Off, fmt.Sprintf("%s is in no export file", k))
			}
		}
	}
}

func (ov *overlayData) organization(o item) {
	w := ov.w
	org := Organization{ID: w.str(o.v, o.path, "id", false), ManagementAccount: w.str(o.v, o.path, "managementAccount", true), Origin: w.origin(o.path, o.v.Off)}
	root, ok := w.get(o.v, o.path, "root", jsontext.Object)
	if !ok {
		w.fail(o.path, o.v.Off, "root is missing")
		return
	}
	org.Root = ov.unit(item{root, o.path + ".root"}, 0)
	w.b.SetOrganization(org)
}

func (ov *overlayData) unit(u item, depth int) Unit {
	w := ov.w
	out := Unit{ID: w.str(u.v, u.path, "id", false), Name: w.str(u.v, u.path, "name", false)}
	out.SCPs = ov.orgPolicies(u, "scps")
	out.RCPs = ov.orgPolicies(u, "rcps")
	for _, a := range w.objects(u.v, u.path, "accounts") {
		out.Accounts = append(out.Accounts, Member{ID: w.str(a.v, a.path, "id", true), SCPs: ov.orgPolicies(a, "scps"), RCPs: ov.orgPolicies(a, "rcps"),
			Origin: w.origin(a.path, a.v.Off)})
	}
	for _, c := range w.objects(u.v, u.path, "units") {
		if depth >= MaxOUDepth {
			w.fail(c.path, c.v.Off, fmt.Sprintf("OUs nest at most %d levels under the root", MaxOUDepth))
			continue
		}
		out.Units = append(out.Units, ov.unit(c, depth+1))
	}
	return out
}

// orgPolicies reads a list of SCPs or RCPs: {"name", "document"}, or the
// name FullAWSAccess (SCP) or RCPFullAWSAccess (RCP) alone for the AWS
// managed policy of that name.
func (ov *overlayData) orgPolicies(u item, key string) []*policy.Policy {
	w := ov.w
	var out []*policy.Policy
	for _, p := range w.objects(u.v, u.path, key) {
		name := w.str(p.v, p.path, "name", true)
		if _, has := w.t.Get(p.v, "document"); !has {
			switch {
			case key == "scps" && name == "FullAWSAccess":
				out = append(out, FullAWSAccess)
			case key == "rcps" && name == "RCPFullAWSAccess":
				out = append(out, RCPFullAWSAccess)
			case name != "":
				w.fail(p.path, p.v.Off, fmt.Sprintf("policy %q has no document (only FullAWSAccess for SCPs and RCPFullAWSAccess for RCPs are built in)", name))
			}
			continue
		}
		if doc := w.policyDoc(p.v, p.path, "document", name); doc != nil {
			out = append(out, doc)
		}
	}
	return out
}
