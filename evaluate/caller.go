package evaluate

import (
	"strconv"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
)

// Caller is the principal as its credentials establish it: what AWS knows
// of the caller without asking the request. The role, account and sts
// packages fill it. When a Request has a Caller, the keys it governs come
// from it alone: aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
// aws:username, aws:userid, aws:PrincipalTag/*, aws:SourceIdentity,
// aws:TokenIssueTime, aws:FederatedProvider, aws:MultiFactorAuthPresent,
// aws:MultiFactorAuthAge, aws:PrincipalIsAWSService,
// aws:PrincipalServiceName, aws:PrincipalServiceNamesList,
// aws:PrincipalOrgID and aws:PrincipalOrgPaths. A Context
// value for one of them is a RequestError (fail closed: a request that
// claims to be someone it is not is refused, not quietly corrected).
// Absent fields are absent keys, never defaults.
//
// Sources: IAM User Guide, "AWS global condition context keys" (the
// principal properties and the role session properties), and "IAM
// identifiers" for the ARNs and unique ids.
type Caller struct {
	// ARN is aws:PrincipalArn: a user, role (WITH its path), root or
	// federated-user ARN. For a role session it is the role's ARN, not
	// the assumed-role ARN ("For IAM roles, the request context returns
	// the ARN of the role, not the ARN of the user that assumed the
	// role").
	ARN string
	// SessionName is a role session's name (the assumed-role ARN's last
	// part). Only a role has one; empty for a role means the request
	// stands for any session of the role, named by the role's ARN.
	SessionName string
	// UserID is aws:userid (AIDA… for a user, AROA…:session for a role
	// session, account:name for a federated user, the account id for
	// root). Empty: derived for root and federated users, absent else.
	UserID string
	// Tags are aws:PrincipalTag/<key>: the tags of the user or role, and
	// for a session its session tags. Keys are case-insensitive: two keys
	// that differ only in case are a RequestError.
	Tags map[string]string
	// SourceIdentity is aws:SourceIdentity, set when the session was
	// created; empty: absent.
	SourceIdentity string
	// TokenIssueTime is aws:TokenIssueTime, when the temporary
	// credentials were issued; zero: absent.
	TokenIssueTime time.Time
	// FederatedProvider is aws:FederatedProvider: the identity provider
	// (an IAM OIDC or SAML provider ARN, or a name such as
	// accounts.google.com) a role session was federated through.
	FederatedProvider string
	// Temporary says the caller signs with temporary credentials. Role
	// sessions and federated users always do; an IAM user or root does
	// after sts:GetSessionToken (or console sign-in). Only then is
	// aws:MultiFactorAuthPresent in the context ("This key is not present
	// in AWS CLI, AWS API, or AWS SDK requests that are made using
	// long-term credentials").
	Temporary bool
	// MFAAuthTime is when the caller authenticated with MFA to obtain its
	// temporary credentials; zero: without MFA. It makes
	// aws:MultiFactorAuthPresent "true" and gives aws:MultiFactorAuthAge,
	// the seconds from it to aws:CurrentTime. The engine never reads the
	// clock: without aws:CurrentTime in the request the age is absent.
	MFAAuthTime time.Time
	// OrgID is aws:PrincipalOrgID: the id (o-…) of the organization the
	// principal's account belongs to; empty: the account is in none, and
	// the key is absent ("This key is included in the request context only
	// if the principal is a member of an organization").
	OrgID string
	// OrgPaths are aws:PrincipalOrgPaths, multivalued: the paths of the
	// principal's account in its organization, each the organization id,
	// the root, the OUs down to the account, as
	// o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (IAM User Guide, "AWS global
	// condition context keys"; "Understand the AWS Organizations entity
	// path"). They need OrgID, and each begins with it.
	OrgPaths []string
}

// principalTagPrefix begins every aws:PrincipalTag/<key> key, folded.
const principalTagPrefix = "aws:principaltag/"

// temporary reports whether the caller signs with temporary credentials.
func (c *Caller) temporary(kind arn.Kind) bool {
	return c.Temporary || kind == arn.KindRole || kind == arn.KindFederatedUser
}

// callerError is a RequestError about the Caller.
func callerError(field, value, msg string) *RequestError {
	return &RequestError{Field: "Caller." + field, Value: value, Msg: msg}
}

// callerMemo is what principalFor read of the last Caller prepared into
// a Prepared: its ARN parsed and identified, and the Principal its ARN and
// SessionName make (for a role session, the assumed-role ARN, built). A
// service sees the same callers again and again: a Caller with the same
// ARN and SessionName as the last is not parsed, identified nor built
// again. Only a Caller that passed those checks is remembered, and they
// depend on nothing else.
type callerMemo struct {
	a         arn.ARN // a.String() is the Caller's ARN; zero: no memo
	session   string
	kind      arn.Kind
	principal string
}

// principalFor returns the Principal the caller stands for and checks the
// Caller against itself and against a Principal given beside it: a role
// with a session name is the assumed-role ARN (which carries no path), any
// other caller its own ARN.
// It returns the parsed ARN and its kind too, so that preparing parses
// and identifies it once. m remembers the ARN and SessionName checked
// last (callerMemo); the checks run in the same order either way.
func (c *Caller) principalFor(given string, m *callerMemo) (arn.ARN, arn.Kind, string, error) {
	if c.ARN != "" && m.a.String() == c.ARN && m.session == c.SessionName {
		if err := c.checkSession(m.kind); err != nil {
			return arn.ARN{}, 0, "", err
		}
		return c.checkGiven(given, m.a, m.kind, m.principal)
	}
	a, err := arn.Parse(c.ARN)
	if err != nil {
		return arn.ARN{}, 0, "", callerError("ARN", c.ARN, "is not an ARN: "+err.Error())
	}
	kind := a.Kind()
	switch kind {
	case arn.KindUser, arn.KindRole, arn.KindRoot, arn.KindFederatedUser:
	case arn.KindAssumedRole:
		return arn.ARN{}, 0, "", callerError("ARN", c.ARN, "is a session ARN: give the role's ARN (with its path) and the SessionName")
	default:
		return arn.ARN{}, 0, "", callerError("ARN", c.ARN, "is not a user, role, root or federated-user ARN")
	}
	if c.SessionName != "" && kind != arn.KindRole {
		return arn.ARN{}, 0, "", callerError("SessionName", c.SessionName, "is given for a caller that is not a role")
	}
	if err := c.checkSession(kind); err != nil {
		return arn.ARN{}, 0, "", err
	}
	principal := c.ARN
	if kind == arn.KindRole && c.SessionName != "" {
		s, err := arn.AssumedRole(a.Partition(), a.Account(), a.Name(), c.SessionName)
		if err != nil {
			return arn.ARN{}, 0, "", callerError("SessionName", c.SessionName, err.Error())
		}
		principal = s.String()
	}
	*m = callerMemo{a, c.SessionName, kind, principal}
	return c.checkGiven(given, a, kind, principal)
}

// checkSession checks what the Caller says of its credentials beyond its
// ARN and SessionName: MFA, and its organization.
func (c *Caller) checkSession(kind arn.Kind) error {
	if !c.MFAAuthTime.IsZero() && !c.temporary(kind) {
		return callerError("MFAAuthTime", c.MFAAuthTime.Format(time.RFC3339), "needs temporary credentials (set Temporary): MFA is recorded only in temporary credentials")
	}
	return c.checkOrg()
}

// checkGiven checks a Principal given beside the Caller: it must be the
// one the Caller stands for.
func (c *Caller) checkGiven(given string, a arn.ARN, kind arn.Kind, principal string) (arn.ARN, arn.Kind, string, error) {
	if given != "" && given != principal {
		return arn.ARN{}, 0, "", &RequestError{Field: "Principal", Value: given, Msg: "disagrees with the Caller, which is " + principal}
	}
	return a, kind, principal, nil
}

// fromCaller fills the principal and the keys the Caller governs. Context
// values for those keys were refused before.
func (p *Prepared) fromCaller(c *Caller, a arn.ARN, kind arn.Kind) error {
	if kind == arn.KindRole {
		p.role, p.rolePath = a.String(), rolePath(a.Resource()) // with its path: principal matching and service-linked roles use it
	}
	// The keys are new to the store: the request's context cannot give
	// them (admit), and two tags that fold alike are refused below. Keys
	// of one text share its list (derivedList), among those set here.
	first := p.ctx.n
	set := func(k, v string) {
		var made [][]value
		if p.ctx.m == nil {
			made = p.ctx.vals[first:p.ctx.n]
		}
		p.ctx.add(k, p.derivedList(v, made))
	}
	set("aws:principalarn", a.String())
	set("aws:principalaccount", p.account)
	set("aws:principalisawsservice", "false")
	if int(kind) < len(principalTypes) { // principalFor let only these kinds through
		set("aws:principaltype", principalTypes[kind])
	}
	if kind == arn.KindUser {
		set("aws:username", principalName(kind, a.Resource()))
	}
	switch {
	case c.UserID != "":
		set("aws:userid", c.UserID)
	case kind == arn.KindRoot:
		set("aws:userid", p.account)
	case kind == arn.KindFederatedUser:
		set("aws:userid", p.account+":"+p.name)
	}
	for k, v := range c.Tags {
		key := principalTagPrefix + strings.ToLower(k)
		if _, dup := p.ctx.lookup(key); dup {
			return callerError("Tags", k, "is given twice in different letter case")
		}
		set(key, v)
	}
	if c.SourceIdentity != "" {
		set("aws:sourceidentity", c.SourceIdentity)
	}
	if !c.TokenIssueTime.IsZero() {
		set("aws:tokenissuetime", c.TokenIssueTime.UTC().Format(time.RFC3339))
	}
	if c.FederatedProvider != "" {
		set("aws:federatedprovider", c.FederatedProvider)
	}
	if c.OrgID != "" {
		set("aws:principalorgid", c.OrgID)
	}
	if len(c.OrgPaths) > 0 {
		vs := p.ctx.list(len(c.OrgPaths))
		for i, s := range c.OrgPaths {
			vs[i] = readValue(s, p.forms)
		}
		p.ctx.add("aws:principalorgpaths", vs)
	}
	if c.temporary(kind) {
		set("aws:multifactorauthpresent", strconv.FormatBool(!c.MFAAuthTime.IsZero()))
	}
	if !c.MFAAuthTime.IsZero() {
		if now, ok := p.currentTime(); ok {
			age := now.Sub(c.MFAAuthTime)
			if age < 0 {
				return callerError("MFAAuthTime", c.MFAAuthTime.Format(time.RFC3339), "is after aws:CurrentTime")
			}
			set("aws:multifactorauthage", strconv.FormatInt(int64(age/time.Second), 10))
		}
	}
	return nil
}

// checkOrg checks OrgID and OrgPaths: an organization id is "o-" and 10
// to 32 lower-case letters or digits (AWS Organizations API Reference,
// "Organization" > Id: ^o-[a-z0-9]{10,32}$); a path begins with its
// organization's id and a root id, and ends with a '/'.
func (c *Caller) checkOrg() error {
	if c.OrgID != "" && !isOrgID(c.OrgID) {
		return callerError("OrgID", c.OrgID, "is not an organization id such as o-a1b2c3d4e5")
	}
	for _, path := range c.OrgPaths {
		switch {
		case c.OrgID == "":
			return callerError("OrgPaths", path, "is given without OrgID")
		case !strings.HasPrefix(path, c.OrgID+"/r-") || !strings.HasSuffix(path, "/"):
			return callerError("OrgPaths", path, "is not a path of the organization "+c.OrgID+" such as "+c.OrgID+"/r-ab12/ou-ab12-11111111/")
		}
	}
	return nil
}

// isOrgID reports whether s is ^o-[a-z0-9]{10,32}$.
func isOrgID(s string) bool {
	if len(s) < 12 || len(s) > 34 || !strings.HasPrefix(s, "o-") {
		return false
	}
	for i := 2; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// principalTypes are the aws:PrincipalType values of the callers a Caller
// describes (IAM User Guide, "AWS global condition context keys" >
// aws:PrincipalType).
var principalTypes = [...]string{
	arn.KindUser:          "User",
	arn.KindRole:          "AssumedRole",
	arn.KindFederatedUser: "FederatedUser",
	arn.KindRoot:          "Account",
}

// currentTime returns aws:CurrentTime when the request gives it.
func (p *Prepared) currentTime() (time.Time, bool) {
	v := p.context("aws:currenttime")
	if len(v) != 1 || !v[0].timeOK {
		return time.Time{}, false
	}
	return v[0].time, true
}
