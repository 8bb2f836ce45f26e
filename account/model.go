package account

import (
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// Origin says where a value was loaded from, so that an error about it
// names the file, the JSON path and the line:column. The zero Origin is a
// value built in Go.
type Origin struct {
	File string
	Path string // JSON path, such as UserDetailList[3]
	Pos  policy.Position
}

// Account is one AWS account.
type Account struct {
	ID        string // 12 digits
	Name      string // the overlay's name for it; "" when unknown
	Partition string // "" means "aws"
	// PublicAccessBlock is the account's S3 Block Public Access settings
	// (the overlay's publicAccessBlock), which apply to every bucket it
	// owns (Amazon S3 User Guide, "Blocking public access to your Amazon
	// S3 storage").
	PublicAccessBlock evaluate.PublicAccessBlockConfiguration
	// Standalone says the account belongs to no organization (AWS
	// Organizations User Guide, "Removing a member account from an
	// organization": a standalone account "is no longer subject to any
	// policies"). Once an organization is loaded, every loaded account
	// that it neither places nor names its management account must say
	// so: an account left out of the organization by a typo would
	// otherwise silently escape its SCPs and RCPs.
	Standalone bool
	Origin     Origin
}

// User is an IAM user (IAM API Reference, UserDetail).
type User struct {
	Account  string
	Name     string
	Path     string // "" means "/"
	UserID   string // AIDA…; "" derives one for users written as code
	Groups   []string
	Inline   []role.Inline
	Managed  []string // ARNs of attached managed policies
	Boundary string   // ARN of the permissions boundary, "" for none
	Tags     []role.Tag
	// AccessKeys are the user's long-term access keys, from the overlay
	// (exports never hold secrets). Package sts verifies signatures with them.
	AccessKeys []AccessKey
	Origin     Origin
}

// AccessKey is a long-term access key of a user (AKIA…).
type AccessKey struct {
	ID       string
	Secret   string `json:"-"` // never printed: String and GoString leave it out
	Inactive bool   // IAM's Status "Inactive": the key authenticates nothing
}

// String never shows the secret.
func (k AccessKey) String() string { return k.ID }

// GoString never shows the secret either, so %#v cannot leak it.
func (k AccessKey) GoString() string { return "account.AccessKey{ID:" + k.ID + "}" }

// Group is an IAM group (IAM API Reference, GroupDetail). Groups are not
// principals: their policies apply to their members.
type Group struct {
	Account string
	Name    string
	Path    string
	GroupID string // AGPA…; "" derives one
	Inline  []role.Inline
	Managed []string
	Origin  Origin
}

// ManagedPolicy is a customer managed policy or an AWS managed policy
// (account "aws" in its ARN) with its versions (IAM API Reference,
// ManagedPolicyDetail). Only the default version is in effect (IAM User
// Guide, "Versioning IAM policies": "only one version ... is the default
// version ... is the one that is in effect").
type ManagedPolicy struct {
	ARN      string
	PolicyID string // ANPA…; "" derives one
	Versions []PolicyVersion
	Origin   Origin
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID       string // v1, v2 …
	Default  bool
	Document *policy.Policy
}

// Organization is an AWS Organizations organization: its root, OUs and
// member accounts, with the SCPs and RCPs attached at each.
type Organization struct {
	// ID is the organization's id (o-…). It makes aws:PrincipalOrgID and
	// aws:PrincipalOrgPaths of the member accounts' principals, and
	// aws:ResourceOrgID and aws:ResourceOrgPaths of their resources; ""
	// leaves those keys absent (IAM User Guide, "AWS global condition
	// context keys").
	ID                string
	ManagementAccount string // exempt from SCPs and RCPs
	Root              Unit
	Origin            Origin
}

// Unit is the root or an organizational unit.
type Unit struct {
	ID       string // r-… or ou-…
	Name     string
	SCPs     []*policy.Policy
	RCPs     []*policy.Policy
	Accounts []Member
	Units    []Unit
}

// Member is an account placed in a Unit, with the policies attached to the
// account itself.
type Member struct {
	ID   string
	SCPs []*policy.Policy
	RCPs []*policy.Policy
	// Origin is where the overlay places the account (zero for a value
	// built in Go).
	Origin Origin
}

// ResourcePolicy is a resource-based policy (a bucket, queue, topic, key,
// function, secret … policy) and the account that owns the resource.
type ResourcePolicy struct {
	ARN     string
	Account string
	Policy  *policy.Policy
	// PublicAccessBlock is an S3 bucket's own Block Public Access
	// settings; S3 applies the most restrictive combination of them and
	// its account's.
	PublicAccessBlock evaluate.PublicAccessBlockConfiguration
	Origin            Origin
}

// IdentityProvider is an IAM SAML or OIDC identity provider, which role
// trust policies name as a Federated principal.
type IdentityProvider struct {
	ARN string
	// Type is "SAML" or "OIDC".
	Type string
	// URL is the OIDC issuer; ClientIDs its audiences.
	URL       string
	ClientIDs []string
	Origin    Origin
}
