package sts

import (
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
)

// GetSessionTokenInput is GetSessionToken's request.
type GetSessionTokenInput struct {
	DurationSeconds *int
	SerialNumber    string
	TokenCode       string
}

// GetSessionToken issues temporary credentials for an IAM user or root
// signing with long-term keys, with MFA when a serial number and code are
// given (AWS STS API Reference, "GetSessionToken": no permission is needed;
// 900 to 129,600 seconds, 43,200 by default; root sessions last at most an
// hour, and a longer request "defaults to one hour").
func (s *Service) GetSessionToken(caller *Session, in GetSessionTokenInput) (*Session, error) {
	now := s.now()
	if err := s.checkCaller(caller, now); err != nil {
		return nil, err
	}
	var c constraintErrors
	checkDuration(&c, in.DurationSeconds, MaxTokenDuration)
	checkMFAParams(&c, in.SerialNumber, in.TokenCode)
	if err := c.err(); err != nil {
		return nil, err
	}
	if caller.kind != LongTerm {
		return nil, accessDenied(msgSessionTokenCreds)
	}
	mfa, err := s.checkMFA(caller, in.SerialNumber, in.TokenCode, now)
	if err != nil {
		return nil, err
	}
	dur := tokenDuration(in.DurationSeconds, caller.isRoot())
	sess := &Session{kind: UserSession, principal: caller.principal, arn: caller.arn, account: caller.account,
		userID: caller.userID, tags: caller.tags, mfa: mfa, issued: now}
	if err := s.issue(sess, now.Add(dur)); err != nil {
		return nil, err
	}
	return sess, nil
}

func tokenDuration(d *int, root bool) time.Duration {
	dur := time.Duration(DefaultTokenDuration) * time.Second
	if d != nil {
		dur = time.Duration(*d) * time.Second
	}
	if root && dur > RootTokenMaxDuration*time.Second {
		dur = RootTokenMaxDuration * time.Second
	}
	return dur
}

// GetFederationTokenInput is GetFederationToken's request.
type GetFederationTokenInput struct {
	Name            string
	DurationSeconds *int
	Policy          string
	PolicyArns      []string
	Tags            []Tag
}

// GetFederationToken issues a federated user's credentials for an IAM user
// (or root) signing with long-term keys. The user needs
// sts:GetFederationToken (and sts:TagSession to pass tags) in its
// policies; the federated user's permissions are the user's intersected
// with the session policies, and with none it has no permissions at all
// (IAM User Guide, "Permissions for GetFederationToken").
func (s *Service) GetFederationToken(caller *Session, in GetFederationTokenInput) (*Session, error) {
	now := s.now()
	if err := s.checkCaller(caller, now); err != nil {
		return nil, err
	}
	var c constraintErrors
	if in.Name == "" {
		c = append(c, "Value null at 'name' failed to satisfy constraint: Member must not be null")
	} else {
		c.length(in.Name, "name", 2, 32)
		c.pattern(in.Name, "name", patName, nameRune)
	}
	checkDuration(&c, in.DurationSeconds, MaxTokenDuration)
	checkPolicyText(&c, in.Policy)
	checkPolicyArns(&c, in.PolicyArns)
	checkTags(&c, in.Tags, nil)
	if err := c.err(); err != nil {
		return nil, err
	}
	if caller.kind != LongTerm {
		return nil, accessDenied(msgFederationCreds)
	}
	if err := checkSessionTags(caller, in.Tags, nil); err != nil {
		return nil, err
	}
	pols, packed, err := s.sessionPolicies(caller.account, in.Policy, in.PolicyArns, in.Tags)
	if err != nil {
		return nil, err
	}
	a, err := arn.FederatedUser(partitionOf(caller.principal), caller.account, in.Name)
	if err != nil {
		return nil, validation(err.Error())
	}
	fedARN := a.String()
	ctx := map[string][]string{"aws:CurrentTime": {now.UTC().Format(time.RFC3339)}}
	for _, t := range in.Tags {
		ctx["aws:RequestTag/"+t.Key] = []string{t.Value}
		ctx["aws:TagKeys"] = append(ctx["aws:TagKeys"], t.Key)
	}
	actions := []string{"sts:GetFederationToken"}
	if len(in.Tags) > 0 {
		actions = append(actions, "sts:TagSession")
	}
	set, err := s.principalSet(caller.principal, caller.account, false)
	if err != nil {
		return nil, err
	}
	for _, act := range actions {
		req := evaluate.Request{Action: act, Resource: fedARN, Caller: caller.Caller(), Context: ctx}
		d, err := set.DecideRequest(req)
		if err != nil {
			return nil, err
		}
		if d != evaluate.Allow {
			return nil, notAuthorized(caller.arn, act, fedARN)
		}
	}
	tags := federatedTags(caller.tags, in.Tags)
	sess := &Session{kind: FederatedUser, principal: caller.principal, arn: fedARN, account: caller.account,
		name: in.Name, userID: caller.account + ":" + in.Name, tags: tags, policies: pols, inlinePolicy: in.Policy,
		policyArns: append([]string(nil), in.PolicyArns...), packed: packed, issued: now}
	if err := s.issue(sess, now.Add(tokenDuration(in.DurationSeconds, caller.isRoot()))); err != nil {
		return nil, err
	}
	return sess, nil
}

// federatedTags are a federated user's principal tags: "the session's
// principal tags include the user's tags and the passed session tags", and a
// session tag "takes precedence over the user tag" with the same key
// whatever its letter case (IAM User Guide, "Passing session tags in AWS
// STS" > "Passing session tags using GetFederationToken"; AWS STS API
// Reference, GetFederationToken, Tags).
func federatedTags(user map[string]string, session []Tag) map[string]string {
	out := make(map[string]string, len(user)+len(session))
	for k, v := range user {
		out[k] = v
	}
	for _, t := range session {
		for k := range out {
			if strings.EqualFold(k, t.Key) {
				delete(out, k)
			}
		}
		out[t.Key] = t.Value
	}
	return out
}

func partitionOf(a string) string {
	p, err := arn.Parse(a)
	if err != nil {
		return "aws"
	}
	return p.Partition()
}

// CallerIdentity is GetCallerIdentity's result.
type CallerIdentity struct {
	UserID  string `json:"UserId"`
	Account string `json:"Account"`
	Arn     string `json:"Arn"`
}

// GetCallerIdentity says who the caller is. No policy can deny it ("No
// permissions are required to perform this operation", AWS STS API
// Reference, "GetCallerIdentity"); only expired credentials fail.
func (s *Service) GetCallerIdentity(caller *Session) (CallerIdentity, error) {
	if err := s.checkCaller(caller, s.now()); err != nil {
		return CallerIdentity{}, err
	}
	return CallerIdentity{UserID: caller.userID, Account: caller.account, Arn: caller.arn}, nil
}
