package role

import (
	"crypto/sha256"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/policy"
)

// Session duration limits of a role (IAM API Reference, CreateRole,
// MaxSessionDuration: "from 1 hour to 12 hours", 3,600 to 43,200 seconds;
// one hour when not set).
const (
	DefaultMaxSessionDuration = 3600
	MinMaxSessionDuration     = 3600
	MaxMaxSessionDuration     = 43200
)

// ServiceLinkedPath is the path of every service-linked role (IAM User
// Guide, "Using service-linked roles"): AWS creates them there, and they are
// exempt from SCPs and RCPs (AWS Organizations User Guide, "Service control
// policies": "SCPs do not affect service-linked roles").
const ServiceLinkedPath = "/aws-service-role/"

// Spec is what a role is made of, as Go values: the input to New. Its zero
// value is not a valid role (it has no name, account or trust policy).
type Spec struct {
	Partition string // "" means "aws"
	Account   string // the 12-digit account that owns the role
	Name      string // [\w+=,.@-]{1,64}
	Path      string // "" means "/"; otherwise begins and ends with "/"
	// RoleID is the unique id IAM gave the role ("AROA" and 17 upper-case
	// letters and digits). "" derives a stable one from the ARN, for roles
	// written as code; exports carry the real one.
	RoleID string
	// Trust is the trust policy (AssumeRolePolicyDocument). Required.
	Trust *policy.Policy
	// Inline are the role's inline policies (PutRolePolicy), by name.
	Inline []Inline
	// Managed are the ARNs of the attached managed policies.
	Managed []string
	// Boundary is the ARN of the managed policy set as the permissions
	// boundary, "" for none.
	Boundary string
	// MaxSessionDuration in seconds; 0 means DefaultMaxSessionDuration.
	MaxSessionDuration int
	Tags               []Tag
	Description        string
	// InstanceProfiles are the instance profiles that hold the role. A
	// profile holds at most one role, so each belongs to exactly this role.
	InstanceProfiles []InstanceProfile
	// TrustQuota is the account's "Role trust policy length" quota in
	// characters, white space not counted; 0 means DefaultTrustQuota. The
	// quota is adjustable through Service Quotas, so an account whose
	// quota was raised says so here.
	TrustQuota int
}

// Size quotas of a role (IAM User Guide, "IAM and AWS STS quotas"): "Role
// trust policy length: 2,048 characters" (adjustable), and the inline
// policies of a role together at most 10,240 characters ("the total
// aggregate policy size (the sum size of all inline policies) per entity
// cannot exceed ... Role policy size cannot exceed 10,240 characters";
// "IAM does not count white space when calculating the size of a policy
// against these limits").
const (
	DefaultTrustQuota = 2048
	// MaxTrustQuota is the highest the quota can be raised to ("Role trust
	// policy length | 2048 characters | 4096 characters", IAM User Guide,
	// "IAM and AWS STS quotas", default and maximum quota).
	MaxTrustQuota = 4096
	// MaxManagedQuota is the most managed policies one role can have
	// attached: "Managed policies attached to an IAM role | 10 | 20"
	// (default and maximum quota, IAM User Guide, "IAM and AWS STS
	// quotas"). The account's own quota is the account package's
	// (Options.MaxManagedPolicies); no account's is higher than this.
	MaxManagedQuota    = 20
	MaxInlineRoleChars = 10240
)

// Inline is an inline policy with its name.
type Inline struct {
	Name   string
	Policy *policy.Policy
}

// Tag is one tag. Keys are unique within a role regardless of case.
type Tag struct {
	Key, Value string
}

// InstanceProfile is an EC2 instance profile that holds the role.
type InstanceProfile struct {
	Name string // [\w+=,.@-]{1,128}
	Path string // "" means "/"
	ID   string // "AIPA…"; "" derives one from the ARN
}

// Role is a validated IAM role. It is immutable and safe for concurrent use;
// the zero Role is not valid (New makes them). Slices and maps it returns are
// copies unless the method says otherwise.
type Role struct {
	spec     Spec
	arn      arn.ARN
	tags     map[string]string
	profiles []arn.ARN
}

// New validates spec and returns the role. The error, if any, is an
// ErrorList holding every defect found.
func New(spec Spec) (*Role, error) { return newRole(spec, nil) }

func newRole(spec Spec, chk *Checker) (*Role, error) {
	spec = cloneSpec(spec)
	if spec.Partition == "" {
		spec.Partition = "aws"
	}
	if spec.Path == "" {
		spec.Path = "/"
	}
	if spec.MaxSessionDuration == 0 {
		spec.MaxSessionDuration = DefaultMaxSessionDuration
	}
	for i := range spec.InstanceProfiles {
		if spec.InstanceProfiles[i].Path == "" {
			spec.InstanceProfiles[i].Path = "/"
		}
	}
	v := &validator{name: spec.Name, chk: chk}
	r := &Role{spec: spec}
	r.arn = v.check(&spec)
	if err := v.errs.Err(); err != nil {
		return nil, err
	}
	if r.spec.RoleID == "" {
		r.spec.RoleID = DeriveID("AROA", r.arn.String())
	}
	r.tags = make(map[string]string, len(spec.Tags))
	for _, t := range spec.Tags {
		r.tags[t.Key] = t.Value
	}
	for i, p := range r.spec.InstanceProfiles {
		a := arn.MustParse("arn:" + spec.Partition + ":iam::" + spec.Account + ":instance-profile" + p.Path + p.Name)
		r.profiles = append(r.profiles, a)
		if p.ID == "" {
			r.spec.InstanceProfiles[i].ID = DeriveID("AIPA", a.String())
		}
	}
	return r, nil
}

// MustNew is New that panics on an error; for tests, examples and roles
// declared as package-level values.
func MustNew(spec Spec) *Role {
	r, err := New(spec)
	if err != nil {
		panic(err)
	}
	return r
}

func cloneSpec(s Spec) Spec {
	s.Inline = slices.Clone(s.Inline)
	s.Managed = slices.Clone(s.Managed)
	s.Tags = slices.Clone(s.Tags)
	s.InstanceProfiles = slices.Clone(s.InstanceProfiles)
	return s
}

// DeriveID returns a stable IAM-style unique id for an entity written as
// code: the prefix (AROA for roles, AIDA users, AGPA groups, ANPA policies,
// AIPA instance profiles; IAM User Guide, "IAM identifiers", "Unique
// identifiers") and 17 upper-case letters and digits from a hash of the ARN.
// Real ids come from exports; these only need to be unique and repeatable.
func DeriveID(prefix, arnText string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	sum := sha256.Sum256([]byte(arnText))
	b := make([]byte, 0, len(prefix)+17)
	b = append(b, prefix...)
	for i := range 17 {
		b = append(b, alphabet[sum[i]%32])
	}
	return string(b)
}

// Spec returns a copy of what the role was built from, defaults filled in.
func (r *Role) Spec() Spec { return cloneSpec(r.spec) }

// Name returns the role's name.
func (r *Role) Name() string { return r.spec.Name }

// Path returns the role's path, "/" when it has none.
func (r *Role) Path() string { return r.spec.Path }

// Account returns the owning account's id.
func (r *Role) Account() string { return r.spec.Account }

// Partition returns the partition, such as "aws".
func (r *Role) Partition() string { return r.spec.Partition }

// ARN returns the role's ARN, path included: what aws:PrincipalArn holds
// for the role's sessions.
func (r *Role) ARN() arn.ARN { return r.arn }

// RoleID returns the unique id (AROA…): the first half of aws:userid of a
// session, "AROA…:session-name".
func (r *Role) RoleID() string { return r.spec.RoleID }

// Trust returns the trust policy.
func (r *Role) Trust() *policy.Policy { return r.spec.Trust }

// Inline returns the inline policies.
func (r *Role) Inline() []Inline { return slices.Clone(r.spec.Inline) }

// Managed returns the ARNs of the attached managed policies.
func (r *Role) Managed() []string { return slices.Clone(r.spec.Managed) }

// Boundary returns the ARN of the permissions boundary, "" for none.
func (r *Role) Boundary() string { return r.spec.Boundary }

// MaxSessionDuration returns the longest session the role allows.
func (r *Role) MaxSessionDuration() time.Duration {
	return time.Duration(r.spec.MaxSessionDuration) * time.Second
}

// Description returns the description.
func (r *Role) Description() string { return r.spec.Description }

// Tags returns the tags in the order given.
func (r *Role) Tags() []Tag { return slices.Clone(r.spec.Tags) }

// TagMap returns the tags as a map from key to value.
func (r *Role) TagMap() map[string]string { return maps.Clone(r.tags) }

// Tag returns the value of a tag and whether the role has it. Keys are
// matched exactly as stored.
func (r *Role) Tag(key string) (string, bool) {
	v, ok := r.tags[key]
	return v, ok
}

// InstanceProfiles returns the instance profiles that hold the role.
func (r *Role) InstanceProfiles() []InstanceProfile { return slices.Clone(r.spec.InstanceProfiles) }

// InstanceProfileARN returns the ARN of the instance profile at index i of
// InstanceProfiles.
func (r *Role) InstanceProfileARN(i int) arn.ARN { return r.profiles[i] }

// IsServiceLinked reports whether the role is a service-linked role (its
// path begins with /aws-service-role/), which SCPs and RCPs do not restrict.
func (r *Role) IsServiceLinked() bool { return strings.HasPrefix(r.spec.Path, ServiceLinkedPath) }

// String returns the role's ARN.
func (r *Role) String() string { return r.arn.String() }
