package sts

import (
	"errors"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/role"
)

// AssumeRoleInput is AssumeRole's request (AWS STS API Reference,
// "AssumeRole"). A nil DurationSeconds is absent (one hour); a given one is
// checked, zero included, as STS checks what the SDKs send.
type AssumeRoleInput struct {
	RoleArn           string
	RoleSessionName   string
	DurationSeconds   *int
	ExternalID        string
	SerialNumber      string
	TokenCode         string
	Policy            string   // inline session policy (JSON)
	PolicyArns        []string // managed session policies
	Tags              []Tag
	TransitiveTagKeys []string
	SourceIdentity    string
}

// AssumeRole assumes a role as caller (a long-term identity from LongTerm,
// or a session). The error is an *Error with STS's code and message, or an
// error about the accounts themselves (a policy the engine refuses).
func (s *Service) AssumeRole(caller *Session, in AssumeRoleInput) (*Session, error) {
	now := s.now()
	if err := s.checkCaller(caller, now); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	if err := callerMayAssume(caller, in.RoleArn); err != nil {
		return nil, err
	}
	mfa, err := s.checkMFA(caller, in.SerialNumber, in.TokenCode, now)
	if err != nil {
		return nil, err
	}
	if err := checkSessionTags(caller, in.Tags, in.TransitiveTagKeys); err != nil {
		return nil, err
	}
	source, err := sourceIdentity(caller, in.SourceIdentity)
	if err != nil {
		return nil, err
	}
	r, ok := s.set.Role(in.RoleArn)
	if !ok {
		// AWS does not say whether the role is missing or the caller
		// may not assume it (sts-wire.md §5.3).
		return nil, notAuthorized(caller.arn, "sts:AssumeRole", in.RoleArn)
	}
	pols, packed, err := s.sessionPolicies(r.Account(), in.Policy, in.PolicyArns, in.Tags)
	if err != nil {
		return nil, err
	}
	chained := caller.kind == RoleSession
	dur, err := roleDuration(in.DurationSeconds, r, chained)
	if err != nil {
		return nil, err
	}
	ec := caller.Caller()
	if !mfa.IsZero() {
		ec.Temporary, ec.MFAAuthTime = true, mfa
	}
	a := &assumption{caller: caller, ec: ec, role: r, ctx: s.trustContext(now, &in, r), action: "sts:AssumeRole",
		tags: len(in.Tags) > 0, sourceI: source != ""}
	if source != "" {
		// A source identity carried from the calling session is in the
		// request as sts:SourceIdentity too: "the source identity in the
		// request persists from the first assumed role session. Therefore,
		// both the aws:SourceIdentity and sts:SourceIdentity keys are
		// present in the request context" (IAM User Guide, "Monitor and
		// control actions taken with assumed roles" > "Role chaining and
		// cross-account requirements").
		a.ctx["sts:SourceIdentity"] = []string{source}
	}
	if err := s.mayAssume(a); err != nil {
		return nil, err
	}
	if mfa.IsZero() && caller.kind != LongTerm {
		mfa = caller.mfa
	}
	sess := &Session{kind: RoleSession, role: r, name: in.RoleSessionName, sourceIdentity: source,
		policies: pols, inlinePolicy: in.Policy, policyArns: append([]string(nil), in.PolicyArns...),
		packed: packed, mfa: mfa, chained: chained}
	sess.tags, sess.transitive = sessionTags(r, caller, in.Tags, in.TransitiveTagKeys)
	if err := s.issueRoleSession(sess, now, dur); err != nil {
		return nil, err
	}
	return sess, nil
}

// check applies the parameters' constraints, every failure in one
// message as STS words them, then the shape of the role ARN.
func (in *AssumeRoleInput) check() error {
	var c constraintErrors
	if in.RoleArn == "" {
		c = append(c, "Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
	} else {
		checkARN(&c, in.RoleArn, "roleArn")
	}
	if in.RoleSessionName == "" {
		c = append(c, "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null")
	} else {
		checkRoleSessionName(&c, in.RoleSessionName)
	}
	checkDuration(&c, in.DurationSeconds, MaxRoleDuration)
	if in.ExternalID != "" {
		c.length(in.ExternalID, "externalId", 2, 1224)
		c.pattern(in.ExternalID, "externalId", patExternalID, externalIDRune)
	}
	checkMFAParams(&c, in.SerialNumber, in.TokenCode)
	checkPolicyText(&c, in.Policy)
	checkPolicyArns(&c, in.PolicyArns)
	checkTags(&c, in.Tags, in.TransitiveTagKeys)
	checkSourceIdentity(&c, in.SourceIdentity)
	if err := c.err(); err != nil {
		return err
	}
	if !roleARNShape.MatchString(in.RoleArn) {
		return validation(in.RoleArn + " is invalid")
	}
	return nil
}

// checkCaller refuses credentials that have expired.
func (s *Service) checkCaller(caller *Session, now time.Time) error {
	if caller == nil {
		return errors.New("sts: nil caller")
	}
	if caller.Expired(now) {
		return expiredToken()
	}
	return nil
}

// callerMayAssume refuses the callers STS never lets assume a role: the
// root user ("Roles may not be assumed by root accounts.", sts-wire.md
// §5.3) and federated users, whose credentials call no STS operation but
// GetCallerIdentity (AWS STS API Reference, "GetFederationToken").
func callerMayAssume(caller *Session, roleARN string) error {
	switch {
	case caller.kind == FederatedUser:
		return notAuthorized(caller.arn, "sts:AssumeRole", roleARN)
	case caller.isRoot():
		return accessDenied(msgRootAssume)
	}
	return nil
}

// checkMFA verifies SerialNumber and TokenCode, and returns when the caller
// authenticated with MFA (zero without).
func (s *Service) checkMFA(caller *Session, serial, code string, now time.Time) (time.Time, error) {
	switch {
	case serial == "" && code == "":
		return time.Time{}, nil
	case serial == "" || code == "":
		return time.Time{}, accessDenied(msgMFABoth)
	case s.cfg.MFA == nil:
		return time.Time{}, accessDenied(msgMFAInvalidCode)
	}
	switch err := s.cfg.MFA(caller.principal, serial, code, now); {
	case errors.Is(err, ErrUnknownMFASerial):
		return time.Time{}, accessDenied(msgMFAUnknownSerial)
	case err != nil:
		return time.Time{}, accessDenied(msgMFAInvalidCode)
	}
	return now, nil
}

// checkSessionTags applies the rules of "Pass session tags in AWS STS":
// keys are unique regardless of case, every transitive key is one of the
// tags, and a tag cannot set a key the calling session passes on as
// transitive (texts from AWS, sts-wire.md §4.2).
func checkSessionTags(caller *Session, tags []Tag, transitive []string) error {
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		// "You cannot create a tag key or value that begins with the text
		// aws:. This tag prefix is reserved for AWS internal use" (IAM
		// User Guide, "Tagging IAM resources" > "Naming tags", which
		// governs "AWS STS assume-role sessions, and AWS STS federated user
		// sessions"). The message is iamsim's: AWS's text is not recorded.
		if hasAWSPrefix(t.Key) || hasAWSPrefix(t.Value) {
			return invalidParameter(msgReservedTagPrefix)
		}
		k := strings.ToLower(t.Key)
		if seen[k] {
			return invalidParameter(msgDuplicateTags)
		}
		seen[k] = true
	}
	for _, k := range transitive {
		if !seen[strings.ToLower(k)] {
			return invalidParameter(msgTransitiveNotTag)
		}
	}
	for _, t := range tags {
		if _, inherited := caller.transitive[strings.ToLower(t.Key)]; inherited {
			return invalidParameter(msgTransitiveClash)
		}
	}
	return nil
}

// hasAWSPrefix reports whether s begins with the reserved "aws:", in any
// case.
func hasAWSPrefix(s string) bool { return len(s) >= 4 && strings.EqualFold(s[:4], "aws:") }

// sourceIdentity returns the session's source identity: the one the caller
// carries, which cannot change ("After the source identity is set, the
// value cannot be changed", IAM User Guide, "Monitor and control actions
// taken with assumed roles"), or the one asked for. "aws:" begins no source
// identity (AWS STS API Reference, AssumeRole, SourceIdentity).
func sourceIdentity(caller *Session, asked string) (string, error) {
	if hasAWSPrefix(asked) {
		return "", validation("SourceIdentity cannot begin with the prefix aws:")
	}
	if caller.sourceIdentity != "" {
		if asked != "" && asked != caller.sourceIdentity {
			return "", accessDenied("The source identity " + asked + " cannot replace the source identity " +
				caller.sourceIdentity + " set for the calling session: a source identity cannot be changed.")
		}
		return caller.sourceIdentity, nil
	}
	return asked, nil
}

// roleDuration checks DurationSeconds against the role's
// MaxSessionDuration and, for role chaining, the one-hour limit.
func roleDuration(d *int, r *role.Role, chained bool) (time.Duration, error) {
	if d == nil {
		return DefaultRoleDuration * time.Second, nil
	}
	dur := time.Duration(*d) * time.Second
	switch {
	case chained && *d > ChainedMaxDuration:
		return 0, validation(msgChainDuration)
	case dur > r.MaxSessionDuration():
		return 0, validation(msgMaxDuration)
	}
	return dur, nil
}

// sessionTags returns a new role session's principal tags and transitive
// tags: the role's tags, overridden by the session tags whatever their
// letter case, with the calling session's transitive tags, which pass on
// again (IAM User Guide, "Pass session tags in AWS STS").
func sessionTags(r *role.Role, caller *Session, tags []Tag, transitiveKeys []string) (map[string]string, map[string]Tag) {
	out := r.TagMap()
	set := func(t Tag) {
		for k := range out {
			if strings.EqualFold(k, t.Key) {
				delete(out, k)
			}
		}
		out[t.Key] = t.Value
	}
	for _, t := range tags {
		set(t)
	}
	var trans map[string]Tag
	if len(caller.transitive) > 0 || len(transitiveKeys) > 0 {
		trans = make(map[string]Tag, len(caller.transitive)+len(transitiveKeys))
	}
	for k, t := range caller.transitive {
		set(t)
		trans[k] = t
	}
	for _, k := range transitiveKeys {
		for _, t := range tags {
			if strings.EqualFold(t.Key, k) {
				trans[strings.ToLower(t.Key)] = t
			}
		}
	}
	return out, trans
}

// issueRoleSession names the session, gives it credentials and keeps it.
func (s *Service) issueRoleSession(sess *Session, now time.Time, dur time.Duration) error {
	r := sess.role
	a, err := arn.AssumedRole(r.Partition(), r.Account(), r.Name(), sess.name)
	if err != nil {
		return validation(err.Error())
	}
	sess.arn = a.String()
	sess.principal = r.ARN().String()
	sess.account = r.Account()
	sess.userID = r.RoleID() + ":" + sess.name
	sess.issued = now
	return s.issue(sess, now.Add(dur))
}

// issue gives a session credentials that expire at exp and keeps it.
func (s *Service) issue(sess *Session, exp time.Time) error {
	id, secret, token, err := newCredentials(sess.account, s.rand())
	if err != nil {
		return err
	}
	sess.creds = Credentials{AccessKeyID: id, SecretAccessKey: Secret(secret), SessionToken: Secret(token),
		Expiration: exp.Truncate(time.Second)}
	s.store(sess)
	return nil
}
