package sts

import (
	"time"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// assumption is one request to assume a role, as the trust decision sees it.
type assumption struct {
	caller  *Session
	ec      *evaluate.Caller // the caller as the engine sees it for this call
	role    *role.Role
	ctx     map[string][]string
	tags    bool // session tags are passed: sts:TagSession
	sourceI bool // a source identity is set or carried: sts:SetSourceIdentity
	action  string
}

// trustContext is the request context STS gives the trust decision (IAM
// User Guide, "AWS STS condition context keys" and "AWS global condition
// context keys": sts:RoleSessionName, sts:ExternalId, sts:SourceIdentity,
// sts:TransitiveTagKeys, aws:RequestTag/…, aws:TagKeys, aws:CurrentTime).
func (s *Service) trustContext(now time.Time, in *AssumeRoleInput) map[string][]string {
	cur, epoch := s.clockValues(now)
	ctx := map[string][]string{"aws:CurrentTime": cur, "aws:EpochTime": epoch}
	if in.RoleSessionName != "" {
		ctx["sts:RoleSessionName"] = []string{in.RoleSessionName}
	}
	if in.ExternalID != "" {
		ctx["sts:ExternalId"] = []string{in.ExternalID}
	}
	if in.SourceIdentity != "" {
		ctx["sts:SourceIdentity"] = []string{in.SourceIdentity}
	}
	if len(in.Tags) > 0 {
		keys := make([]string, len(in.Tags))
		for i, t := range in.Tags {
			keys[i] = t.Key
			ctx["aws:RequestTag/"+t.Key] = []string{t.Value}
		}
		ctx["aws:TagKeys"] = keys
	}
	if len(in.TransitiveTagKeys) > 0 {
		ctx["sts:TransitiveTagKeys"] = append([]string(nil), in.TransitiveTagKeys...)
	}
	return ctx
}

// mayAssume decides whether the caller may assume the role, as the IAM
// User Guide describes it:
//
//   - sts:AssumeRole is decided by the engine with the role's trust policy
//     as the resource-based policy: within an account a trust policy that
//     names the caller allows on its own, one that names the account root
//     delegates to the caller's identity policies; across accounts both
//     must allow ("Policy evaluation logic", "Cross-account policy
//     evaluation logic").
//   - A role assuming itself needs a trust policy that names the role
//     itself: trust in the account is not enough ("Update a role trust
//     policy", the role self-assumption behavior change of 2022).
//   - Passing session tags needs sts:TagSession allowed by the trust policy
//     ("Pass session tags in AWS STS" > "Permissions required to add
//     session tags").
//   - Setting a source identity (or carrying one into a chained session)
//     needs sts:SetSourceIdentity allowed by the trust policy, and in role
//     chaining by the calling session's permissions too: "When you assume a
//     role with another role, called role chaining, permissions for
//     sts:SetSourceIdentity are required in both the permissions policy of
//     the principal who is assuming the role and in the role trust policy"
//     ("Monitor and control actions taken with assumed roles").
//
// Actions other than sts:AssumeRole* are not role assumptions to the engine,
// which would let identity policies alone allow them within an account: the
// trust policy's own Allow is checked here.
func (s *Service) mayAssume(a *assumption) error {
	set, err := s.principalSetFor(a.caller, a.role.Account())
	if err != nil {
		return err
	}
	set, err = s.withTrust(set, a.role)
	if err != nil {
		return err
	}
	roleARN := a.role.ARN().String()
	ok, err := s.decide(set, a, a.action, false)
	if err != nil {
		return err
	}
	if ok && a.caller.kind == RoleSession && a.caller.principal == roleARN {
		ok, err = s.decide(set, a, a.action, true)
	}
	if err != nil {
		return err
	}
	if !ok {
		return notAuthorized(a.caller.arn, a.action, roleARN)
	}
	if a.tags {
		if ok, err := s.decide(set, a, "sts:TagSession", false); err != nil || !ok {
			return orDenied(err, a.caller.arn, "sts:TagSession", roleARN)
		}
	}
	if a.sourceI {
		ok, err := s.decide(set, a, "sts:SetSourceIdentity", false)
		if err == nil && ok && a.caller.kind == RoleSession {
			ok, err = s.identityAllows(set, a, "sts:SetSourceIdentity")
		}
		if err != nil || !ok {
			return orDenied(err, a.caller.arn, "sts:SetSourceIdentity", roleARN)
		}
	}
	return nil
}

func orDenied(err error, caller, action, resource string) error {
	if err != nil {
		return err
	}
	return notAuthorized(caller, action, resource)
}

// decide evaluates one action on the role. For an action the engine does
// not treat as a role assumption it also requires an Allow in the trust
// policy; explicit requires that Allow to name the caller's role or the
// caller itself, not its account.
func (s *Service) decide(set *evaluate.PolicySet, a *assumption, action string, explicit bool) (bool, error) {
	req := evaluate.Request{Action: action, Resource: a.role.ARN().String(), ResourceAccount: a.role.Account(),
		Caller: a.ec, Context: a.ctx}
	p, err := req.Prepare()
	if err != nil {
		return false, err
	}
	needsTrust := explicit || (action != "sts:AssumeRole" && action != "sts:AssumeRoleWithWebIdentity" && action != "sts:AssumeRoleWithSAML")
	if !needsTrust {
		return set.Decide(p) == evaluate.Allow, nil
	}
	res := set.Explain(p)
	if res.Decision != evaluate.Allow {
		return false, nil
	}
	for _, m := range res.Matched {
		if m.Type == evaluate.ResourcePolicy && m.Effect == policy.Allow && (!explicit || m.Grant == "role" || m.Grant == "principal") {
			return true, nil
		}
	}
	return false, nil
}

// identityAllows decides an action on the role and requires, besides an
// Allow, a statement of the caller's identity policies that allows it: the
// caller's own permissions, which in role chaining must allow
// sts:SetSourceIdentity even when the trust policy names the caller's role
// (the decision itself applies the caller's boundary and session policies).
func (s *Service) identityAllows(set *evaluate.PolicySet, a *assumption, action string) (bool, error) {
	req := evaluate.Request{Action: action, Resource: a.role.ARN().String(), ResourceAccount: a.role.Account(),
		Caller: a.ec, Context: a.ctx}
	p, err := req.Prepare()
	if err != nil {
		return false, err
	}
	res := set.Explain(p)
	if res.Decision != evaluate.Allow {
		return false, nil
	}
	for _, m := range res.Matched {
		if m.Type == evaluate.IdentityPolicy && m.Effect == policy.Allow {
			return true, nil
		}
	}
	return false, nil
}

// principalSetFor is the caller's side for requests on an account's
// resources: its principal's policies with its session policies.
func (s *Service) principalSetFor(caller *Session, resourceAccount string) (*evaluate.PolicySet, error) {
	if caller.kind == LongTerm {
		return s.principalSet(caller.principal, resourceAccount, false)
	}
	return s.sessionSet(caller, resourceAccount)
}
