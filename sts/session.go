package sts

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// Kind is what kind of identity signs with a set of credentials.
type Kind uint8

const (
	// LongTerm is an IAM user or the account root signing with long-term
	// access keys (AKIA…): not a session in AWS's sense, but the caller
	// every session starts from.
	LongTerm Kind = iota
	// RoleSession is an assumed role: AssumeRole, AssumeRoleWithWebIdentity,
	// AssumeRoleWithSAML, or an EC2 instance's profile.
	RoleSession
	// FederatedUser is a GetFederationToken session.
	FederatedUser
	// UserSession is a GetSessionToken session of an IAM user or root.
	UserSession
)

var kindNames = [...]string{"long-term", "assumed-role", "federated-user", "session-token"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// AssumedRoleUser is the AssumedRoleUser of AssumeRole's result: the
// session's ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, without the
// role's path) and its id (AROA…:SESSION).
type AssumedRoleUser struct {
	Arn           string `json:"Arn"`
	AssumedRoleID string `json:"AssumedRoleId"`
}

// FederatedUserInfo is the FederatedUser of GetFederationToken's result.
type FederatedUserInfo struct {
	Arn             string `json:"Arn"`
	FederatedUserID string `json:"FederatedUserId"`
}

// Session is an identity that signs requests: a role session, a federated
// user, a GetSessionToken session, or (Kind LongTerm) an IAM user or root
// with long-term keys. It is immutable once issued and safe for concurrent
// use; the zero Session is not valid (a Service makes them). Its String and
// %v never show its secrets.
type Session struct {
	kind      Kind
	principal string // aws:PrincipalArn: the role (with path), the user, root; a federated user's federating user
	arn       string // the caller's ARN: assumed-role, federated-user, user or root
	account   string
	name      string // role session name, federated user name
	userID    string
	role      *role.Role
	tags      map[string]string // aws:PrincipalTag/…
	// transitive are the tags carried to sessions this one assumes (IAM
	// User Guide, "Chaining roles with session tags"), keyed by folded key.
	transitive     map[string]Tag
	sourceIdentity string
	provider       string // aws:FederatedProvider
	// idpKeys are the identity provider's keys the session's requests
	// carry: saml:namequalifier, saml:sub and saml:sub_type of a SAML
	// session, <provider>:aud, :sub and :amr of a web identity session.
	idpKeys        []evaluate.KeyValue
	policies       []*policy.Policy
	inlinePolicy   string
	policyArns     []string
	packed         int
	issued         time.Time
	mfa            time.Time
	chained        bool
	instance       string // EC2 instance ARN of an instance-profile session
	orgID, orgPath string // the account's organization: aws:PrincipalOrgID, aws:PrincipalOrgPaths
	creds          Credentials

	ec   *evaluate.Caller // Caller(), made once when the session is issued
	sets sync.Map         // resource account → *evaluate.PolicySet
}

// caller is Caller, made once: the engine only reads it.
func (s *Session) caller() *evaluate.Caller {
	if s.ec != nil {
		return s.ec
	}
	return s.Caller()
}

// Kind says what kind of identity the session is.
func (s *Session) Kind() Kind { return s.kind }

// ARN is the caller's ARN as GetCallerIdentity returns it: for a role
// session the assumed-role ARN, which has no path.
func (s *Session) ARN() string { return s.arn }

// PrincipalARN is aws:PrincipalArn: for a role session the role's ARN with
// its path; for a federated user the IAM user who federated.
func (s *Session) PrincipalARN() string { return s.principal }

// Account is the account the caller belongs to.
func (s *Session) Account() string { return s.account }

// Name is the role session name or the federated user's name; "" for
// others.
func (s *Session) Name() string { return s.name }

// UserID is aws:userid (AROA…:session, account:name, AIDA…, the account id).
func (s *Session) UserID() string { return s.userID }

// Role is the assumed role; nil for other kinds.
func (s *Session) Role() *role.Role { return s.role }

// Tags are the principal tags requests made with the session carry.
func (s *Session) Tags() map[string]string { return maps.Clone(s.tags) }

// TransitiveTagKeys are the keys of the tags that pass to roles this session
// assumes, sorted.
func (s *Session) TransitiveTagKeys() []string {
	out := make([]string, 0, len(s.transitive))
	for _, t := range s.transitive {
		out = append(out, t.Key)
	}
	slices.Sort(out)
	return out
}

// SourceIdentity is the source identity set for the session (and for the
// chain it began), "" when none was.
func (s *Session) SourceIdentity() string { return s.sourceIdentity }

// FederatedProvider is the identity provider of a web identity or SAML
// session.
func (s *Session) FederatedProvider() string { return s.provider }

// Policies are the session policies (the inline one first, then the
// managed ones): the session stage of every decision.
func (s *Session) Policies() []*policy.Policy { return slices.Clone(s.policies) }

// PackedPolicySize is the percentage of the packed-policy quota the session
// policies and tags use.
func (s *Session) PackedPolicySize() int { return s.packed }

// IssuedAt is aws:TokenIssueTime; zero for long-term keys.
func (s *Session) IssuedAt() time.Time { return s.issued }

// Expiration is when the credentials expire; zero for long-term keys.
func (s *Session) Expiration() time.Time { return s.creds.Expiration }

// MFAAuthTime is when the caller authenticated with MFA, zero without.
func (s *Session) MFAAuthTime() time.Time { return s.mfa }

// Chained reports whether a role session was assumed by another role
// session (role chaining, at most one hour).
func (s *Session) Chained() bool { return s.chained }

// InstanceARN is the EC2 instance of an instance-profile session.
func (s *Session) InstanceARN() string { return s.instance }

// Credentials are the session's credentials. Their String and JSON leave
// the secrets out; Credentials().Document() carries them.
func (s *Session) Credentials() Credentials { return s.creds }

// AssumedRoleUser is the AssumedRoleUser of a role session.
func (s *Session) AssumedRoleUser() AssumedRoleUser {
	if s.kind != RoleSession {
		return AssumedRoleUser{}
	}
	return AssumedRoleUser{Arn: s.arn, AssumedRoleID: s.userID}
}

// FederatedUser is the FederatedUser of a GetFederationToken session.
func (s *Session) FederatedUser() FederatedUserInfo {
	if s.kind != FederatedUser {
		return FederatedUserInfo{}
	}
	return FederatedUserInfo{Arn: s.arn, FederatedUserID: s.userID}
}

// Expired reports whether the credentials have expired at t.
func (s *Session) Expired(t time.Time) bool { return s.creds.Expired(t) }

// String names the session and its expiry, never its secrets.
func (s *Session) String() string {
	if s.kind == LongTerm {
		return fmt.Sprintf("%s (%s, key %s)", s.arn, s.kind, s.creds.AccessKeyID)
	}
	return fmt.Sprintf("%s (%s, key %s, expires %s)", s.arn, s.kind, s.creds.AccessKeyID, formatTime(s.creds.Expiration))
}

// GoString is String, so that %#v cannot leak the secrets.
func (s *Session) GoString() string { return s.String() }

// Caller is the session as the engine's typed caller: what requests made
// with the session are authorized as, which no request context can
// override (IAM User Guide, "AWS global condition context keys").
func (s *Session) Caller() *evaluate.Caller {
	c := &evaluate.Caller{ARN: s.principal, UserID: s.userID, Tags: s.tags}
	switch s.kind {
	case RoleSession:
		c.SessionName = s.name
	case FederatedUser:
		c.ARN = s.arn
	}
	if s.orgID != "" {
		c.OrgID = s.orgID
		if s.orgPath != "" {
			c.OrgPaths = []string{s.orgPath}
		}
	}
	if s.kind != LongTerm {
		c.Temporary = true
		c.TokenIssueTime = s.issued
		c.MFAAuthTime = s.mfa
		c.SourceIdentity = s.sourceIdentity
		c.FederatedProvider = s.provider
	}
	return c
}

// isRoot reports whether a long-term or session-token caller is an
// account's root user.
func (s *Session) isRoot() bool { return strings.HasSuffix(s.principal, ":root") }
