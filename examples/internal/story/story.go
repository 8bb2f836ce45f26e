// Package story holds what every example under examples/ shares: a design
// (accounts, users, roles, policies, organization) written as Go values,
// built into an account.Set for package sts, and written down as the files
// the command line reads (an aws iam get-account-authorization-details
// export per account, an overlay, and each policy alone), so that the CLI
// replays the story the Go code tells.
package story

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
	"github.com/iamsim/iamsim/sts"
)

// Design is one story's IAM as Go values.
type Design struct {
	Accounts          []account.Account
	Policies          []account.ManagedPolicy
	Roles             []role.Spec
	Users             []account.User
	IdentityProviders []account.IdentityProvider
	Organization      *account.Organization
	ResourcePolicies  []account.ResourcePolicy
}

// Build checks the design as account.Builder checks what it loads and
// returns the Set.
func (d *Design) Build() (*account.Set, error) {
	var b account.Builder
	for _, a := range d.Accounts {
		b.AddAccount(a)
	}
	for _, p := range d.Policies {
		b.AddPolicy(p)
	}
	for _, u := range d.Users {
		b.AddUser(u)
	}
	for _, spec := range d.Roles {
		r, err := role.New(spec)
		if err != nil {
			return nil, err
		}
		b.AddRole(r, account.Origin{})
	}
	for _, p := range d.IdentityProviders {
		b.AddIdentityProvider(p)
	}
	if d.Organization != nil {
		b.SetOrganization(*d.Organization)
	}
	for _, r := range d.ResourcePolicies {
		b.AddResourcePolicy(r)
	}
	return b.Build(account.Options{})
}

// Clock is the stories' clock: fixed, so that their output is the same on
// every run, and moved by hand to show credentials expiring.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// NewService returns STS over set with a fixed clock (7 December 2026,
// noon UTC) and fixed randomness, so that every run prints the same.
func NewService(set *account.Set) (*sts.Service, *Clock, error) {
	clk := &Clock{T: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)}
	s, err := sts.New(set, &sts.Config{Now: clk.Now, Rand: bytes.NewReader(bytes.Repeat([]byte{7}, 1<<16))})
	return s, clk, err
}

// Print writes a decision and, indented, its explanation.
func Print(w io.Writer, what string, res fmt.Stringer, err error) {
	if err != nil {
		fmt.Fprintf(w, "%s: refused: %v\n", what, err)
		return
	}
	fmt.Fprintf(w, "%s:\n", what)
	for _, line := range strings.Split(strings.TrimRight(res.String(), "\n"), "\n") {
		fmt.Fprintf(w, "    %s\n", line)
	}
}

// Files returns the files that hold the design, by name: one export per
// account (account-ID.json, or account.json for a story of one account),
// overlay.json, and each policy alone (policies/NAME.json, for iamsim
// check).
func (d *Design) Files() (map[string][]byte, error) {
	out := map[string][]byte{}
	exports := map[string]*exportFile{}
	for _, a := range d.Accounts {
		exports[a.ID] = &exportFile{UserDetailList: []any{}, GroupDetailList: []any{}, RoleDetailList: []any{}, Policies: []any{}}
	}
	get := func(acct string) (*exportFile, error) {
		e, ok := exports[acct]
		if !ok {
			return nil, fmt.Errorf("story: account %s is not in the design", acct)
		}
		return e, nil
	}
	addPolicyFile := func(name string, p *policy.Policy) {
		out["policies/"+fileName(name)+".json"] = append(policy.Print(p.Document()), '\n')
	}
	for _, mp := range d.Policies {
		a, err := arn.Parse(mp.ARN)
		if err != nil {
			return nil, err
		}
		e, err := get(a.Account())
		if err != nil {
			return nil, err
		}
		name := mp.ARN[strings.LastIndex(mp.ARN, "/")+1:]
		var versions []any
		for _, v := range mp.Versions {
			versions = append(versions, map[string]any{"Document": doc(v.Document), "VersionId": v.ID, "IsDefaultVersion": v.Default})
			if v.Default {
				addPolicyFile(name, v.Document)
			}
		}
		e.Policies = append(e.Policies, map[string]any{"PolicyName": name, "Arn": mp.ARN, "Path": "/",
			"DefaultVersionId": defaultVersion(mp), "PolicyVersionList": versions})
	}
	for _, u := range d.Users {
		e, err := get(u.Account)
		if err != nil {
			return nil, err
		}
		e.UserDetailList = append(e.UserDetailList, userDetail(u, addPolicyFile))
	}
	for _, r := range d.Roles {
		e, err := get(r.Account)
		if err != nil {
			return nil, err
		}
		e.RoleDetailList = append(e.RoleDetailList, roleDetail(r, addPolicyFile))
	}
	ov, err := d.overlay(addPolicyFile)
	if err != nil {
		return nil, err
	}
	out["overlay.json"] = ov
	for id, e := range exports {
		name := "account-" + id + ".json"
		if len(exports) == 1 {
			name = "account.json"
		}
		b, err := marshal(e)
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}

// userDetail is a user as the export's UserDetailList holds it.
func userDetail(u account.User, addPolicyFile func(string, *policy.Policy)) map[string]any {
	path := orSlash(u.Path)
	m := map[string]any{"UserName": u.Name, "Path": path,
		"Arn":       fmt.Sprintf("arn:aws:iam::%s:user%s%s", u.Account, path, u.Name),
		"GroupList": orEmpty(u.Groups), "UserPolicyList": inline(u.Inline, addPolicyFile),
		"AttachedManagedPolicies": attached(u.Managed), "Tags": tags(u.Tags)}
	if u.Boundary != "" {
		m["PermissionsBoundary"] = boundary(u.Boundary)
	}
	return m
}

// roleDetail is a role as the export's RoleDetailList holds it, with its
// instance profiles; its trust policy is also written alone.
func roleDetail(r role.Spec, addPolicyFile func(string, *policy.Policy)) map[string]any {
	path := orSlash(r.Path)
	roleARN := fmt.Sprintf("arn:aws:iam::%s:role%s%s", r.Account, path, r.Name)
	var profiles []any
	for _, ip := range r.InstanceProfiles {
		profiles = append(profiles, map[string]any{"InstanceProfileName": ip.Name, "Path": orSlash(ip.Path),
			"Arn":   fmt.Sprintf("arn:aws:iam::%s:instance-profile%s%s", r.Account, orSlash(ip.Path), ip.Name),
			"Roles": []any{map[string]any{"RoleName": r.Name, "Path": path, "Arn": roleARN}}})
	}
	m := map[string]any{"RoleName": r.Name, "Path": path, "Arn": roleARN,
		"AssumeRolePolicyDocument": doc(r.Trust), "InstanceProfileList": orEmptyAny(profiles),
		"RolePolicyList": inline(r.Inline, addPolicyFile), "AttachedManagedPolicies": attached(r.Managed), "Tags": tags(r.Tags)}
	if r.Boundary != "" {
		m["PermissionsBoundary"] = boundary(r.Boundary)
	}
	addPolicyFile(r.Name+TrustPlace, r.Trust)
	return m
}

// overlay writes what an export lacks: account names, roles' session
// durations, users' keys, identity providers, the organization and the
// resource policies.
func (d *Design) overlay(addPolicyFile func(string, *policy.Policy)) ([]byte, error) {
	var accounts []any
	for _, a := range d.Accounts {
		m := map[string]any{"id": a.ID}
		if a.Name != "" {
			m["name"] = a.Name
		}
		var roles, users, idps []any
		for _, r := range d.Roles {
			if r.Account == a.ID && (r.MaxSessionDuration != 0 || r.Description != "") {
				rm := map[string]any{"name": r.Name}
				if r.MaxSessionDuration != 0 {
					rm["maxSessionDuration"] = r.MaxSessionDuration
				}
				if r.Description != "" {
					rm["description"] = r.Description
				}
				roles = append(roles, rm)
			}
		}
		for _, u := range d.Users {
			if u.Account == a.ID && len(u.AccessKeys) > 0 {
				var keys []any
				for _, k := range u.AccessKeys {
					status := "Active"
					if k.Inactive {
						status = "Inactive"
					}
					keys = append(keys, map[string]any{"id": k.ID, "secret": k.Secret, "status": status})
				}
				users = append(users, map[string]any{"name": u.Name, "accessKeys": keys})
			}
		}
		for _, p := range d.IdentityProviders {
			if a2, err := arn.Parse(p.ARN); err == nil && a2.Account() == a.ID {
				pm := map[string]any{"arn": p.ARN, "type": p.Type}
				if p.URL != "" {
					pm["url"] = p.URL
				}
				if len(p.ClientIDs) > 0 {
					pm["clientIds"] = p.ClientIDs
				}
				idps = append(idps, pm)
			}
		}
		for k, v := range map[string][]any{"roles": roles, "users": users, "identityProviders": idps} {
			if len(v) > 0 {
				m[k] = v
			}
		}
		accounts = append(accounts, m)
	}
	ov := map[string]any{"_comment": "An iamsim account overlay (README, 'Account overlays'), written from the story's Go values by go test -update.", "accounts": accounts}
	if o := d.Organization; o != nil {
		ov["organization"] = map[string]any{"managementAccount": o.ManagementAccount, "root": unit(o.Root, addPolicyFile)}
	}
	var rps []any
	for _, r := range d.ResourcePolicies {
		rps = append(rps, map[string]any{"arn": r.ARN, "account": r.Account, "name": r.Policy.Name(), "policy": doc(r.Policy)})
		addPolicyFile(r.Policy.Name()+ResourcePlace, r.Policy)
	}
	if len(rps) > 0 {
		ov["resourcePolicies"] = rps
	}
	return marshal(ov)
}

func unit(u account.Unit, addPolicyFile func(string, *policy.Policy)) map[string]any {
	m := map[string]any{"id": u.ID}
	if u.Name != "" {
		m["name"] = u.Name
	}
	if len(u.SCPs) > 0 {
		m["scps"] = orgPolicies(u.SCPs, addPolicyFile)
	}
	var accts, units []any
	for _, a := range u.Accounts {
		am := map[string]any{"id": a.ID}
		if len(a.SCPs) > 0 {
			am["scps"] = orgPolicies(a.SCPs, addPolicyFile)
		}
		accts = append(accts, am)
	}
	for _, c := range u.Units {
		units = append(units, unit(c, addPolicyFile))
	}
	if len(accts) > 0 {
		m["accounts"] = accts
	}
	if len(units) > 0 {
		m["units"] = units
	}
	return m
}

func orgPolicies(ps []*policy.Policy, addPolicyFile func(string, *policy.Policy)) []any {
	var out []any
	for _, p := range ps {
		if p == account.FullAWSAccess {
			out = append(out, map[string]any{"name": "FullAWSAccess"})
			continue
		}
		out = append(out, map[string]any{"name": p.Name(), "document": doc(p)})
		addPolicyFile(p.Name()+SCPPlace, p)
	}
	return out
}

// Places a policy file's name ends with, NAME.PLACE.json, as iamsim check
// reads them (README, "Command line"): a role's trust policy, a resource
// policy, an SCP. Other files are identity policies (or boundaries, which
// validate alike), which check assumes without a place.
const (
	TrustPlace    = ".trust"
	ResourcePlace = ".resource"
	SCPPlace      = ".scp"
)

// fileName turns a policy's name into a file name.
func fileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '/' || r == ':' {
			return '-'
		}
		return r
	}, name)
}

type exportFile struct {
	UserDetailList  []any
	GroupDetailList []any
	RoleDetailList  []any
	Policies        []any
}

// doc is a policy as the AWS CLI prints it in an export: a JSON object.
func doc(p *policy.Policy) json.RawMessage { return json.RawMessage(policy.Print(p.Document())) }

func defaultVersion(mp account.ManagedPolicy) string {
	for _, v := range mp.Versions {
		if v.Default {
			return v.ID
		}
	}
	return ""
}

func inline(in []role.Inline, addPolicyFile func(string, *policy.Policy)) []any {
	out := []any{}
	for _, i := range in {
		out = append(out, map[string]any{"PolicyName": i.Name, "PolicyDocument": doc(i.Policy)})
		addPolicyFile(i.Name, i.Policy)
	}
	return out
}

func attached(arns []string) []any {
	out := []any{}
	for _, a := range arns {
		out = append(out, map[string]any{"PolicyName": a[strings.LastIndex(a, "/")+1:], "PolicyArn": a})
	}
	return out
}

func boundary(a string) map[string]any {
	return map[string]any{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": a}
}

func tags(ts []role.Tag) []any {
	out := []any{}
	for _, t := range ts {
		out = append(out, map[string]any{"Key": t.Key, "Value": t.Value})
	}
	return out
}

func orSlash(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orEmptyAny(s []any) []any {
	if s == nil {
		return []any{}
	}
	return s
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFiles writes the design's files under dir.
func WriteFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Exports returns the names of the export files among files, sorted.
func Exports(files map[string][]byte) []string {
	var out []string
	for name := range files {
		if strings.HasPrefix(name, "account") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Assumed prints the outcome of an STS call that issues a session.
func Assumed(w io.Writer, what string, sess *sts.Session, err error) {
	if err != nil {
		fmt.Fprintf(w, "%s: refused: %v\n", what, err)
		return
	}
	fmt.Fprintf(w, "%s: %s, expires %s\n", what, sess.ARN(), sess.Expiration().Format(time.RFC3339))
}

// Allow returns a policy of one Allow statement.
func Allow(name string, actions, resources []string) *policy.Policy {
	return policy.MustBuild(name, policy.Document{Version: policy.Version2012,
		Statement: []policy.Statement{{Effect: policy.Allow, Action: actions, Resource: resources}}})
}

// Trust returns a trust policy that lets principals take actions.
func Trust(name string, principal policy.Principal, actions []string, cond policy.Condition) *policy.Policy {
	return policy.MustBuild(name, policy.Document{Version: policy.Version2012,
		Statement: []policy.Statement{{Effect: policy.Allow, Principal: principal, Action: actions, Condition: cond}}})
}

// Main is a story's main: it builds the design and tells the story to
// stdout, or prints the error as "name: error" and exits 1.
func Main(name string, d *Design, tell func(io.Writer, *account.Set) error) {
	set, err := d.Build()
	if err == nil {
		err = tell(os.Stdout, set)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}
