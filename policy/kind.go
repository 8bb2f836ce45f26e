package policy

import "fmt"

// Kind is where a policy is attached, which decides the rules it must follow
// beyond the grammar and the size quota it must fit. The zero Kind is
// Identity (a customer managed policy).
type Kind uint8

// The policy kinds.
const (
	Identity    Kind = iota // customer managed policy (CreatePolicy)
	InlineUser              // inline policy of a user (PutUserPolicy)
	InlineGroup             // inline policy of a group (PutGroupPolicy)
	InlineRole              // inline policy of a role (PutRolePolicy)
	Resource                // resource-based policy (an S3 bucket policy, say)
	Trust                   // role trust policy (AssumeRolePolicyDocument)
	Boundary                // permissions boundary (a managed policy)
	Session                 // session policy passed to AssumeRole or GetFederationToken
	SCP                     // AWS Organizations service control policy
	RCP                     // AWS Organizations resource control policy
	numKinds
)

var kindNames = [numKinds]string{"identity", "inline-user", "inline-group", "inline-role", "resource", "trust", "boundary", "session", "scp", "rcp"}

// String returns the name ParseKind reads, such as "inline-role".
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// ParseKind reads a kind name as the CLI's --kind flag takes it.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("policy: unknown kind %q (want one of identity, inline-user, inline-group, inline-role, resource, trust, boundary, session, scp, rcp)", s)
}

// MarshalText returns the String form.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads the String form.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// identityLike reports whether policies of the kind are attached to
// principals (so they name no Principal and need Resource).
func (k Kind) identityLike() bool {
	switch k {
	case Identity, InlineUser, InlineGroup, InlineRole, Boundary, Session:
		return true
	}
	return false
}

// iamStored reports whether IAM itself stores policies of the kind, and so
// applies IAM's own checks (Sid characters).
func (k Kind) iamStored() bool {
	switch k {
	case Identity, InlineUser, InlineGroup, InlineRole, Boundary:
		return true
	}
	return false
}

// SizeQuota is the largest size a policy of the kind may have, in
// characters, and whether white space counts. Sources: IAM User Guide, "IAM
// and AWS STS quotas" (managed 6,144; inline user 2,048, group 5,120, role
// 10,240 in aggregate; role trust policy 2,048 by default; session policy
// 2,048; "IAM doesn't count white space"); AWS Organizations User Guide,
// "Quotas" (SCP 10,240 and RCP 5,120 characters; "All characters in your SCP
// count against its maximum size"); Amazon S3 User Guide (bucket policy 20
// KB). A limit of 0 means no documented quota.
func (k Kind) SizeQuota() (limit int, countsWhiteSpace bool) {
	switch k {
	case Identity, Boundary:
		return 6144, false
	case InlineUser:
		return 2048, false
	case InlineGroup:
		return 5120, false
	case InlineRole:
		return 10240, false
	case Trust:
		return 2048, false
	case Session:
		return 2048, false
	case SCP:
		return 10240, true
	case RCP:
		return 5120, true
	case Resource:
		return 20480, true
	}
	return 0, false
}

// Size measures a policy text as the quotas count it: characters (not
// bytes), leaving out white space (space, tab, CR, LF) outside strings unless
// countWhiteSpace is set.
func Size(src []byte, countWhiteSpace bool) int {
	n := 0
	inString, escaped := false, false
	for _, r := range string(src) {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				inString = false
			}
		case r == '"':
			inString = true
		case r == ' ' || r == '\t' || r == '\r' || r == '\n':
			if !countWhiteSpace {
				continue
			}
		}
		n++
	}
	return n
}
