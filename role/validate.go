package role

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/errlist"
	"github.com/iamsim/iamsim/policy"
)

// Error is one defect of a role: the field it is in (Name, Path, Trust,
// Inline[2], Tags[0].Key …), the rejected value and what is wrong. For a
// policy that IAM would refuse to store, Findings holds the policy's own
// errors with their positions.
type Error struct {
	Role     string // the role's name, as given
	Field    string
	Value    string
	Msg      string
	Findings policy.ErrorList
}

// Error formats the defect as "role NAME: FIELD "VALUE": MSG".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "role %q: %s", e.Role, e.Field)
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if len(e.Findings) > 0 {
		fmt.Fprintf(&b, ": %v", e.Findings)
	}
	return b.String()
}

// Unwrap gives errors.As access to the policy findings.
func (e *Error) Unwrap() error { return e.Findings.Err() }

// ErrorList is every defect New found, in field order. Its zero value is
// empty and ready to use.
type ErrorList []*Error

// Error prints the first defect and how many more there are.
func (l ErrorList) Error() string { return errlist.Summary(l) }

// Err returns nil for an empty list and the list otherwise.
func (l ErrorList) Err() error { return errlist.Err(l) }

// Unwrap gives errors.As access to each *Error.
func (l ErrorList) Unwrap() []error { return errlist.Unwrap(l) }

type validator struct {
	name string
	errs ErrorList
	chk  *Checker // nil: nothing remembered
}

func (v *validator) add(field, value, msg string, findings policy.ErrorList) {
	v.errs = append(v.errs, &Error{Role: v.name, Field: field, Value: value, Msg: msg, Findings: findings})
}

func (v *validator) addIf(field, value, msg string) {
	if msg != "" {
		v.add(field, value, msg, nil)
	}
}

// check validates every field and returns the role's ARN when the parts
// it is made of are valid.
func (v *validator) check(s *Spec) arn.ARN {
	if !arn.ValidPartition(s.Partition) {
		v.add("Partition", s.Partition, "not an AWS partition", nil)
	}
	if !arn.IsAccountID(s.Account) {
		v.add("Account", s.Account, "an account id is 12 digits", nil)
	}
	v.addIf("Name", s.Name, CheckName(s.Name, 64))
	v.addIf("Path", s.Path, CheckPath(s.Path))
	if s.RoleID != "" {
		v.addIf("RoleID", s.RoleID, CheckID(s.RoleID, "AROA"))
	}
	switch {
	case s.Trust == nil:
		v.add("Trust", "", "a role needs a trust policy (AssumeRolePolicyDocument)", nil)
	default:
		if f := v.chk.Refusals(s.Trust, policy.Trust); len(f) > 0 {
			v.add("Trust", s.Trust.Name(), "not a valid trust policy: IAM refuses it (MalformedPolicyDocument)", f)
		}
		quota := s.TrustQuota
		if quota == 0 {
			quota = DefaultTrustQuota
		}
		if n := policy.Size(s.Trust.Source(), false); n > quota {
			v.add("Trust", s.Trust.Name(), fmt.Sprintf("the trust policy is %d characters (white space not counted), over the %d-character quota (LimitExceeded)", n, quota), nil)
		}
	}
	if s.TrustQuota < 0 {
		v.add("TrustQuota", fmt.Sprint(s.TrustQuota), "a quota is not negative", nil)
	} else if s.TrustQuota > MaxTrustQuota {
		v.add("TrustQuota", fmt.Sprint(s.TrustQuota), fmt.Sprintf("the role trust policy length quota can be raised to %d characters at most (IAM and AWS STS quotas)", MaxTrustQuota), nil)
	}
	if strings.HasPrefix(s.Path, ServiceLinkedPath) && s.Trust != nil {
		v.checkServiceLinked(s.Trust)
	}
	v.checkPolicies(s)
	if d := s.MaxSessionDuration; d < MinMaxSessionDuration || d > MaxMaxSessionDuration {
		v.add("MaxSessionDuration", fmt.Sprint(d), fmt.Sprintf("must be from %d to %d seconds (CreateRole)", MinMaxSessionDuration, MaxMaxSessionDuration), nil)
	}
	v.checkTags(s.Tags)
	v.addIf("Description", s.Description, CheckDescription(s.Description))
	v.checkProfiles(s.InstanceProfiles)
	if len(v.errs) > 0 {
		return arn.ARN{}
	}
	a, err := arn.Role(s.Partition, s.Account, s.Path, s.Name)
	if err != nil {
		v.add("ARN", "", err.Error(), nil)
	}
	return a
}

func (v *validator) checkPolicies(s *Spec) {
	seen := map[string]bool{}
	for i, in := range s.Inline {
		field := fmt.Sprintf("Inline[%d]", i)
		v.addIf(field+".Name", in.Name, CheckInlineName(in.Name))
		if seen[in.Name] {
			v.add(field+".Name", in.Name, "two inline policies of one role have this name", nil)
		}
		seen[in.Name] = true
		if in.Policy == nil {
			v.add(field+".Policy", in.Name, "missing policy document", nil)
		} else if f := v.chk.Refusals(in.Policy, policy.InlineRole); len(f) > 0 {
			v.add(field+".Policy", in.Name, "IAM refuses this inline role policy (MalformedPolicyDocument)", f)
		}
	}
	size := 0
	for _, in := range s.Inline {
		if in.Policy != nil {
			size += policy.Size(in.Policy.Source(), false)
		}
	}
	if size > MaxInlineRoleChars {
		v.add("Inline", fmt.Sprint(size), fmt.Sprintf("the inline policies are %d characters together (white space not counted), over the %d-character quota of a role (LimitExceeded)", size, MaxInlineRoleChars), nil)
	}
	if len(s.Managed) > MaxManagedQuota {
		v.add("Managed", fmt.Sprint(len(s.Managed)), fmt.Sprintf("at most %d managed policies can be attached to a role, the quota's maximum (IAM and AWS STS quotas)", MaxManagedQuota), nil)
	}
	attached := map[string]bool{}
	for i, m := range s.Managed {
		field := fmt.Sprintf("Managed[%d]", i)
		v.addIf(field, m, CheckPolicyARN(m))
		if attached[m] {
			v.add(field, m, "attached twice", nil)
		}
		attached[m] = true
	}
	if s.Boundary != "" {
		v.addIf("Boundary", s.Boundary, CheckPolicyARN(s.Boundary))
	}
}

// Tag limits: IAM API Reference, Tag (Key 1–128, Value 0–256, pattern
// [\p{L}\p{Z}\p{N}_.:/=+\-@]*) and TagRole (at most 50 tags); IAM User
// Guide, "Tagging IAM resources" (the aws: prefix is reserved; keys are
// unique regardless of case).
const (
	MaxTags        = 50
	MaxTagKeyLen   = 128
	MaxTagValueLen = 256
)

func (v *validator) checkTags(tags []Tag) {
	if len(tags) > MaxTags {
		v.add("Tags", fmt.Sprint(len(tags)), fmt.Sprintf("at most %d tags", MaxTags), nil)
	}
	seen := map[string]bool{}
	for i, t := range tags {
		field := fmt.Sprintf("Tags[%d]", i)
		v.addIf(field+".Key", t.Key, CheckTagKey(t.Key))
		v.addIf(field+".Value", t.Value, CheckTagValue(t.Value))
		k := strings.ToLower(t.Key)
		if seen[k] {
			v.add(field+".Key", t.Key, "tag keys are unique regardless of case", nil)
		}
		seen[k] = true
	}
}

func (v *validator) checkProfiles(ps []InstanceProfile) {
	seen := map[string]bool{}
	for i, p := range ps {
		field := fmt.Sprintf("InstanceProfiles[%d]", i)
		v.addIf(field+".Name", p.Name, CheckName(p.Name, 128))
		v.addIf(field+".Path", p.Path, CheckPath(p.Path))
		if p.ID != "" {
			v.addIf(field+".ID", p.ID, CheckID(p.ID, "AIPA"))
		}
		k := strings.ToLower(p.Name)
		if seen[k] {
			v.add(field+".Name", p.Name, "instance profile names are unique regardless of case", nil)
		}
		seen[k] = true
	}
}

// CheckName returns what is wrong with the name of a user, group, role,
// managed policy or instance profile, "" when nothing is: 1 to max
// characters of [\w+=,.@-] (IAM API Reference, CreateRole RoleName and
// CreateUser UserName: 64; CreateGroup, CreatePolicy, CreateInstanceProfile:
// 128; IAM User Guide, "IAM and AWS STS quotas", "IAM name requirements").
func CheckName(s string, max int) string {
	if s == "" || len(s) > max {
		return fmt.Sprintf("must be 1 to %d characters", max)
	}
	for i := 0; i < len(s); i++ {
		if !nameByte(s[i]) {
			return fmt.Sprintf("character %q is not allowed: names are letters, digits and _+=,.@-", s[i])
		}
	}
	return ""
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_+=,.@-", c) >= 0
}

// CheckPath returns what is wrong with an IAM path, "" when nothing is: "/"
// alone, or 1 to 512 characters that begin and end with "/" with ASCII
// characters from ! (U+0021) to DEL (U+007F) between (IAM API Reference,
// CreateRole Path).
func CheckPath(s string) string {
	if len(s) > 512 {
		return "must be at most 512 characters"
	}
	if s == "/" {
		return ""
	}
	if len(s) < 3 || s[0] != '/' || s[len(s)-1] != '/' {
		return `must be "/" or begin and end with "/" around at least one character`
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7f {
			return fmt.Sprintf("character %q is not allowed: paths are ASCII from ! to DEL", s[i])
		}
	}
	return ""
}

// CheckInlineName returns what is wrong with the name of an inline policy:
// 1 to 128 basic Latin (ASCII) characters other than the reserved \ / * ?
// and space (IAM User Guide, "IAM and AWS STS quotas", "IAM name
// requirements").
func CheckInlineName(s string) string {
	if s == "" || len(s) > 128 {
		return "must be 1 to 128 characters"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte(`\/*?`, c) >= 0 {
			return fmt.Sprintf("character %q is not allowed in an inline policy name", c)
		}
	}
	return ""
}

// CheckPolicyARN returns what is wrong with the ARN of a managed policy.
func CheckPolicyARN(s string) string {
	a, err := arn.Parse(s)
	if err != nil {
		return err.Error()
	}
	if a.Kind() != arn.KindPolicy {
		return "not the ARN of a managed policy (arn:PARTITION:iam::ACCOUNT-or-aws:policy/PATH/NAME)"
	}
	return ""
}

// CheckID returns what is wrong with an IAM unique id that must begin with
// prefix: 16 to 128 word characters (IAM API Reference, Role RoleId: "[\w]+").
func CheckID(s, prefix string) string {
	if !strings.HasPrefix(s, prefix) {
		return fmt.Sprintf("must begin with %s", prefix)
	}
	if len(s) < 16 || len(s) > 128 {
		return "must be 16 to 128 characters"
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] == '_') {
			return fmt.Sprintf("character %q is not allowed in a unique id", s[i])
		}
	}
	return ""
}

// CheckTagKey returns what is wrong with a tag key.
func CheckTagKey(k string) string {
	if n := len([]rune(k)); n == 0 || n > MaxTagKeyLen {
		return fmt.Sprintf("must be 1 to %d characters", MaxTagKeyLen)
	}
	if strings.HasPrefix(strings.ToLower(k), "aws:") {
		return "the aws: prefix is reserved for AWS"
	}
	return tagChars(k)
}

// CheckTagValue returns what is wrong with a tag value.
func CheckTagValue(v string) string {
	if len([]rune(v)) > MaxTagValueLen {
		return fmt.Sprintf("must be at most %d characters", MaxTagValueLen)
	}
	return tagChars(v)
}

func tagChars(s string) string {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.In(r, unicode.Z) && !unicode.IsNumber(r) && !strings.ContainsRune("_.:/=+-@", r) {
			return fmt.Sprintf("character %q is not allowed: tags are letters, digits, spaces and _.:/=+-@", r)
		}
	}
	return ""
}

// CheckDescription returns what is wrong with a role's description: at most
// 1,000 characters of tab, LF, CR, U+0020–U+007E and U+00A1–U+00FF (IAM API
// Reference, CreateRole Description).
func CheckDescription(s string) string {
	if len([]rune(s)) > 1000 {
		return "must be at most 1000 characters"
	}
	for _, r := range s {
		if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r >= 0xa1 && r <= 0xff) {
			return fmt.Sprintf("character %q is not allowed in a description", r)
		}
	}
	return ""
}

// checkServiceLinked refuses a role under /aws-service-role/ whose trust
// policy lets anything but an AWS service assume it. Only
// CreateServiceLinkedRole makes roles there (CreateRole answers "Path
// prefix '/aws-service-role/' can only be used for AWS Service linked
// Roles"), and a service-linked role trusts its service alone (IAM User
// Guide, "Using service-linked roles"). The check matters because such a
// role is exempt from SCPs and RCPs: a role there that users could assume
// would carry them past their organization's guardrails.
func (v *validator) checkServiceLinked(trust *policy.Policy) {
	for i, st := range trust.Document().Statement {
		if st.Effect != policy.Allow {
			continue
		}
		only := st.NotPrincipal == nil && len(st.Principal) > 0
		for typ := range st.Principal {
			if typ != "Service" {
				only = false
			}
		}
		if !only {
			v.add("Path", ServiceLinkedPath, fmt.Sprintf("only service-linked roles live under %s, and they trust an AWS service alone: statement %d of the trust policy trusts other principals (CreateRole: InvalidInput)", ServiceLinkedPath, i), nil)
			return
		}
	}
}
