package policy

import (
	"fmt"
	"strings"
)

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
	VPCE                    // VPC endpoint policy (a policy attached to a VPC endpoint)
	numKinds
)

// Need says whether a statement of a kind must, may or must not hold an
// element.
type Need uint8

// The needs.
const (
	Optional  Need = iota // the element may be there or not
	Required              // a statement without it is refused
	Forbidden             // a statement with it is refused
)

// kindFacts are what iamsim knows of one Kind: the one table the
// validator and the quotas read. Sources: IAM User Guide, "AWS JSON policy
// elements: Principal" and "NotPrincipal" (Principal required in
// resource-based and trust policies, not allowed in identity-based ones),
// "IAM JSON policy elements: Resource" (a role trust policy has none; every
// other statement needs Resource or NotResource), "IAM and AWS STS
// quotas"; AWS Organizations User Guide, "SCP syntax", "RCP syntax",
// "Quotas"; Amazon S3 User Guide (bucket policy 20 KB); AWS PrivateLink
// Guide, "Control access to VPC endpoints using endpoint policies" (an
// endpoint policy "must contain a Principal element" and cannot exceed
// "20,480 characters, including white space"; NotPrincipal is not
// documented for it, so it is refused: what is not documented grants
// nothing).
type kindFacts struct {
	name         string
	article      string // "n" when the name is read with "an" (an identity, an SCP)
	identityLike bool   // attached to principals: the policy names no Principal
	iamStored    bool   // IAM stores it, and so applies its own checks (Sid characters)
	managed      bool   // Version 2012-10-17 required: a managed policy (IAM), or an SCP (Organizations, "SCP syntax" > "Version element": "Every SCP must include a Version element with the value 2012-10-17")
	principal    Need   // Principal or NotPrincipal
	notPrincipal bool   // NotPrincipal allowed (when a principal is)
	resource     Need   // Resource or NotResource
	quota        int    // size quota in characters; 0 for none documented
	quotaSpace   bool   // white space outside strings counts toward the quota
}

var kindTable = [numKinds]kindFacts{
	Identity:    {name: "identity", article: "n", identityLike: true, iamStored: true, managed: true, principal: Forbidden, resource: Required, quota: 6144},
	InlineUser:  {name: "inline-user", article: "n", identityLike: true, iamStored: true, principal: Forbidden, resource: Required, quota: 2048},
	InlineGroup: {name: "inline-group", article: "n", identityLike: true, iamStored: true, principal: Forbidden, resource: Required, quota: 5120},
	InlineRole:  {name: "inline-role", article: "n", identityLike: true, iamStored: true, principal: Forbidden, resource: Required, quota: 10240},
	Resource:    {name: "resource", principal: Required, notPrincipal: true, resource: Required, quota: 20480, quotaSpace: true},
	Trust:       {name: "trust", principal: Required, resource: Forbidden, quota: 2048},
	Boundary:    {name: "boundary", identityLike: true, iamStored: true, managed: true, principal: Forbidden, resource: Required, quota: 6144},
	Session:     {name: "session", identityLike: true, principal: Forbidden, resource: Required, quota: 2048},
	SCP:         {name: "scp", article: "n", managed: true, principal: Forbidden, resource: Required, quota: 5120, quotaSpace: true},
	RCP:         {name: "rcp", article: "n", principal: Required, resource: Required, quota: 5120, quotaSpace: true},
	VPCE:        {name: "vpce", principal: Required, resource: Required, quota: 20480, quotaSpace: true},
}

// facts returns the kind's row of kindTable; an unknown kind gets the
// strictest row there is not, so callers check k < numKinds first.
func (k Kind) facts() *kindFacts {
	if k < numKinds {
		return &kindTable[k]
	}
	return &kindFacts{}
}

// String returns the name ParseKind reads, such as "inline-role".
func (k Kind) String() string {
	if k < numKinds {
		return kindTable[k].name
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// ParseKind reads a kind name as the CLI's --kind flag takes it.
func ParseKind(s string) (Kind, error) {
	names := make([]string, numKinds)
	for i := range kindTable {
		if kindTable[i].name == s {
			return Kind(i), nil
		}
		names[i] = kindTable[i].name
	}
	return 0, fmt.Errorf("policy: unknown kind %q (want one of %s)", s, strings.Join(names, ", "))
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

// PrincipalNeed says whether a statement of the kind needs a Principal
// (or NotPrincipal), may not have one, or either.
func (k Kind) PrincipalNeed() Need { return k.facts().principal }

// ResourceNeed says whether a statement of the kind needs Resource (or
// NotResource), may not have one, or either.
func (k Kind) ResourceNeed() Need { return k.facts().resource }

// identityLike reports whether policies of the kind are attached to
// principals (so they name no Principal and need Resource).
func (k Kind) identityLike() bool { return k.facts().identityLike }

// iamStored reports whether IAM itself stores policies of the kind, and so
// applies IAM's own checks (Sid characters).
func (k Kind) iamStored() bool { return k.facts().iamStored }

// SizeQuota is the largest size a policy of the kind may have, in
// characters, and whether white space counts. Sources: IAM User Guide, "IAM
// and AWS STS quotas" (managed 6,144; inline user 2,048, group 5,120, role
// 10,240 in aggregate; role trust policy 2,048 by default; session policy
// 2,048; "IAM doesn't count white space"); AWS Organizations User Guide,
// "Quotas for AWS Organizations" (SCP and RCP 5,120 characters each; the
// CloudFormation AWS::Organizations::Policy reference agrees; "All
// characters in your SCP count against its maximum size"); Amazon S3 User
// Guide (bucket policy 20 KB). A limit of 0 means no documented quota.
func (k Kind) SizeQuota() (limit int, countsWhiteSpace bool) {
	f := k.facts()
	return f.quota, f.quotaSpace
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
