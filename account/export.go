package account

import (
	"fmt"
	"net/url"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// readExport reads one page of aws iam get-account-authorization-details
// (IAM API Reference, GetAccountAuthorizationDetails: UserDetailList,
// GroupDetailList, RoleDetailList, Policies) into b.
func readExport(f File, b *Builder, ov *overlayData, opts Options, errs *ErrorList, pages *[]page) {
	w := &walker{file: f.Name, data: f.Data, errs: errs, b: b, opts: opts, pages: pages}
	if !w.read() {
		return
	}
	root := w.t.Root()
	if root.Kind != jsontext.Object {
		w.fail("", root.Off, "want the JSON object aws iam get-account-authorization-details prints, found "+root.Describe())
		return
	}
	for _, it := range w.objects(root, "", "Policies") {
		w.managedPolicy(it)
	}
	for _, it := range w.objects(root, "", "GroupDetailList") {
		w.group(it)
	}
	for _, it := range w.objects(root, "", "UserDetailList") {
		w.user(it, ov)
	}
	for _, it := range w.objects(root, "", "RoleDetailList") {
		w.role(it, ov)
	}
	w.pagination(root)
}

// entityARN reads an entity's Arn and checks that it is the ARN its path
// and name make, returning its partition and account.
func (w *walker) entityARN(it item, kind arn.Kind, path, name string) (partition, account string, ok bool) {
	s := w.str(it.v, it.path, "Arn", true)
	if s == "" || name == "" {
		return "", "", false
	}
	a, err := arn.Parse(s)
	if err != nil || a.Kind() != kind {
		w.fail(it.path+".Arn", it.v.Off, fmt.Sprintf("%q is not the ARN of a %s", s, kind))
		return "", "", false
	}
	if path == "" {
		path = "/"
	}
	if a.Name() != name || a.Path() != path {
		w.fail(it.path+".Arn", it.v.Off, fmt.Sprintf("%s does not match the path %q and name %q beside it", s, path, name))
		return "", "", false
	}
	if !w.samePage(it, s, a.Account()) {
		return "", "", false
	}
	return a.Partition(), a.Account(), true
}

// inline reads a list of {PolicyName, PolicyDocument}.
func (w *walker) inline(it item, key, owner string) []role.Inline {
	var out []role.Inline
	for _, p := range w.objects(it.v, it.path, key) {
		name := w.str(p.v, p.path, "PolicyName", true)
		doc := w.policyDoc(p.v, p.path, "PolicyDocument", "inline:"+owner+"/"+name)
		if name != "" && doc != nil {
			out = append(out, role.Inline{Name: name, Policy: doc})
		}
	}
	return out
}

// attached reads AttachedManagedPolicies: [{PolicyName, PolicyArn}].
func (w *walker) attached(it item) []string {
	var out []string
	for _, p := range w.objects(it.v, it.path, "AttachedManagedPolicies") {
		if a := w.str(p.v, p.path, "PolicyArn", true); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// boundary reads PermissionsBoundary: {PermissionsBoundaryType, PermissionsBoundaryArn}.
func (w *walker) boundary(it item) string {
	v, ok := w.get(it.v, it.path, "PermissionsBoundary", jsontext.Object)
	if !ok {
		return ""
	}
	return w.str(v, it.path+".PermissionsBoundary", "PermissionsBoundaryArn", true)
}

// tags reads Tags: [{Key, Value}]. Both are required (IAM API Reference,
// Tag): a tag without its Value is not read as the empty value, which an
// aws:PrincipalTag condition could match.
func (w *walker) tags(it item) []role.Tag {
	var out []role.Tag
	for _, t := range w.objects(it.v, it.path, "Tags") {
		k := w.str(t.v, t.path, "Key", true)
		v := w.str(t.v, t.path, "Value", true)
		out = append(out, role.Tag{Key: k, Value: v})
	}
	return out
}

func (w *walker) managedPolicy(it item) {
	a := w.str(it.v, it.path, "Arn", true)
	if a == "" {
		return
	}
	pa, err := arn.Parse(a)
	if err == nil && pa.Account() != "aws" && !w.samePage(it, a, pa.Account()) {
		return
	}
	// PolicyName and Path beside the Arn are its name and path (IAM API
	// Reference, ManagedPolicyDetail); an entry whose three disagree is no
	// entry IAM printed, and is refused rather than read one way.
	if err == nil && pa.Kind() == arn.KindPolicy {
		name := w.str(it.v, it.path, "PolicyName", false)
		path := w.str(it.v, it.path, "Path", false)
		if (name != "" && name != pa.Name()) || (path != "" && path != pa.Path()) {
			w.fail(it.path+".Arn", it.v.Off, fmt.Sprintf("%s does not match the path %q and name %q beside it", a, path, name))
			return
		}
	}
	def := w.str(it.v, it.path, "DefaultVersionId", false)
	mp := ManagedPolicy{ARN: a, PolicyID: w.str(it.v, it.path, "PolicyId", false), Origin: w.origin(it.path, it.v.Off)}
	for _, v := range w.objects(it.v, it.path, "PolicyVersionList") {
		pv := PolicyVersion{ID: w.str(v.v, v.path, "VersionId", true)}
		if d, ok := w.get(v.v, v.path, "IsDefaultVersion", jsontext.True); ok {
			pv.Default = d.Kind == jsontext.True
		}
		if def != "" && pv.Default != (pv.ID == def) {
			w.fail(v.path, v.v.Off, fmt.Sprintf("version %s: IsDefaultVersion disagrees with DefaultVersionId %q", pv.ID, def))
			continue
		}
		// Only the default version is in effect, so only it is read: a
		// non-default version never grants anything. Its size is still
		// checked: IAM stores no version over the quota.
		if !pv.Default {
			w.versionSize(v, a)
		}
		if pv.Default {
			pv.Document = w.policyDoc(v.v, v.path, "Document", a)
			if pv.Document == nil {
				return
			}
		}
		mp.Versions = append(mp.Versions, pv)
	}
	w.b.AddPolicy(mp)
}

func (w *walker) group(it item) {
	name := w.str(it.v, it.path, "GroupName", true)
	path := w.str(it.v, it.path, "Path", false)
	_, acct, ok := w.entityARN(it, arn.KindGroup, path, name)
	if !ok {
		return
	}
	owner := w.str(it.v, it.path, "Arn", false)
	w.b.AddGroup(Group{Account: acct, Name: name, Path: path, GroupID: w.str(it.v, it.path, "GroupId", false),
		Inline: w.inline(it, "GroupPolicyList", owner), Managed: w.attached(it), Origin: w.origin(it.path, it.v.Off)})
}

func (w *walker) user(it item, ov *overlayData) {
	name := w.str(it.v, it.path, "UserName", true)
	path := w.str(it.v, it.path, "Path", false)
	partition, acct, ok := w.entityARN(it, arn.KindUser, path, name)
	if !ok {
		return
	}
	owner := w.str(it.v, it.path, "Arn", false)
	u := User{Account: acct, Name: name, Path: path, UserID: w.str(it.v, it.path, "UserId", false),
		Inline: w.inline(it, "UserPolicyList", owner), Managed: w.attached(it), Boundary: w.boundary(it),
		Tags: w.tags(it), Origin: w.origin(it.path, it.v.Off)}
	for _, g := range w.items(it.v, it.path, "GroupList") {
		if g.v.Kind != jsontext.String {
			w.fail(g.path, g.v.Off, "want a group name, found "+g.v.Describe())
			continue
		}
		u.Groups = append(u.Groups, g.v.Text)
	}
	w.b.AddAccount(Account{ID: acct, Partition: partition})
	if ov != nil {
		u.AccessKeys = ov.userKeys(acct, name)
	}
	w.b.AddUser(u)
}

func (w *walker) role(it item, ov *overlayData) {
	name := w.str(it.v, it.path, "RoleName", true)
	path := w.str(it.v, it.path, "Path", false)
	partition, acct, ok := w.entityARN(it, arn.KindRole, path, name)
	if !ok {
		return
	}
	owner := w.str(it.v, it.path, "Arn", false)
	spec := role.Spec{Partition: partition, Account: acct, Name: name, Path: path,
		RoleID:     w.str(it.v, it.path, "RoleId", false),
		Trust:      w.policyDoc(it.v, it.path, "AssumeRolePolicyDocument", "trust:"+owner),
		Inline:     w.inline(it, "RolePolicyList", owner),
		Managed:    w.attached(it),
		Boundary:   w.boundary(it),
		Tags:       w.tags(it),
		TrustQuota: w.opts.MaxTrustPolicyChars,
	}
	for _, p := range w.objects(it.v, it.path, "InstanceProfileList") {
		if ip, ok := w.profile(p, owner); ok {
			spec.InstanceProfiles = append(spec.InstanceProfiles, ip)
		}
	}
	if ov != nil {
		ov.roleExtras(acct, name, &spec)
	}
	o := w.origin(it.path, it.v.Off)
	if spec.Trust == nil {
		return // reported by policyDoc
	}
	r, err := w.b.chk.New(spec)
	if err != nil {
		for _, e := range err.(role.ErrorList) {
			msg := fmt.Sprintf("role %s: %s", name, e.Field)
			if e.Value != "" {
				msg += fmt.Sprintf(" %q", e.Value)
			}
			*w.errs = append(*w.errs, &Error{Origin: o, Msg: msg + ": " + e.Msg, Findings: e.Findings})
		}
		return
	}
	w.b.AddRole(r, o)
}

// versionSize checks the size of a version that is not read (not the
// default one) against the managed policy quota, on its text as it is, and
// that its Document has a policy document's form (an object, or a
// URL-encoded string), whoever's policy it is.
func (w *walker) versionSize(v item, policyARN string) {
	d, ok := w.t.Get(v.v, "Document")
	if !ok {
		return
	}
	var n int
	switch d.Kind {
	case jsontext.Object:
		n = policy.Size(w.data[d.Off:w.t.End(d)], false)
	case jsontext.String:
		text, err := url.PathUnescape(d.Text)
		if err != nil {
			w.fail(v.path+".Document", d.Off, "a policy document string must be URL-encoded JSON: "+err.Error())
			return
		}
		n = policy.Size([]byte(text), false)
	case jsontext.Null:
		return
	default:
		w.fail(v.path+".Document", d.Off, "want a policy document (an object or a URL-encoded string), found "+d.Describe())
		return
	}
	if n > MaxManagedPolicyChars && !awsManaged(policyARN) {
		w.fail(v.path+".Document", d.Off, fmt.Sprintf("version %s is %d characters (white space not counted), over the %d-character quota of a managed policy (LimitExceeded)",
			w.str(v.v, v.path, "VersionId", false), n, MaxManagedPolicyChars))
	}
}

// profile reads an InstanceProfileList entry of the role roleARN (IAM API
// Reference, InstanceProfile). Its Arn, when given, is its path and name,
// and its Roles, when given, are that role alone ("An instance profile can
// contain only one IAM role", IAM User Guide, "Use instance profiles"): a
// profile the export says holds another role is refused, not read as
// holding this one.
func (w *walker) profile(p item, roleARN string) (role.InstanceProfile, bool) {
	ip := role.InstanceProfile{Name: w.str(p.v, p.path, "InstanceProfileName", true),
		Path: w.str(p.v, p.path, "Path", false), ID: w.str(p.v, p.path, "InstanceProfileId", false)}
	ok := true
	if s := w.str(p.v, p.path, "Arn", false); s != "" && ip.Name != "" {
		path := ip.Path
		if path == "" {
			path = "/"
		}
		ra, _ := arn.Parse(roleARN)
		a, err := arn.Parse(s)
		switch {
		case err != nil || a.Kind() != arn.KindInstanceProfile:
			w.fail(p.path+".Arn", p.v.Off, fmt.Sprintf("%q is not the ARN of an instance profile", s))
			ok = false
		case a.Name() != ip.Name || a.Path() != path || a.Account() != ra.Account() || a.Partition() != ra.Partition():
			w.fail(p.path+".Arn", p.v.Off, fmt.Sprintf("%s does not match the path %q and name %q beside it", s, path, ip.Name))
			ok = false
		}
	}
	for _, r := range w.objects(p.v, p.path, "Roles") {
		if a := w.str(r.v, r.path, "Arn", false); a != "" && a != roleARN {
			w.fail(r.path, r.v.Off, fmt.Sprintf("instance profile %s holds %s, not %s, whose InstanceProfileList lists it", ip.Name, a, roleARN))
			ok = false
		}
	}
	return ip, ok && ip.Name != ""
}
