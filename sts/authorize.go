package sts

import (
	"strconv"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// Request is a request made with a session's credentials: what the caller
// asks to do. Who asks comes from the session alone.
type Request struct {
	Action   string
	Resource string
	// ResourceAccount owns the resource; "" is the owner of its loaded
	// resource policy, else the account in its ARN, else the caller's.
	ResourceAccount string
	// Context holds request context keys (aws:SourceIp, s3:prefix …). Keys
	// the session fixes may not be given. aws:CurrentTime and aws:EpochTime
	// are the Service's clock unless given.
	Context map[string][]string
}

// Decide authorizes a request made with the session's credentials as AWS
// does: the principal's policies (a role's, the IAM user's for a federated
// user or a session token), the session policies, the resource's policy,
// SCPs and RCPs, with the session's caller keys. Expired credentials are
// ExpiredToken; a request the kind of credentials cannot make at all is an
// *Error too (see check).
func (s *Service) Decide(sess *Session, r Request) (evaluate.Decision, error) {
	set, p, err := s.prepare(sess, r)
	if err != nil {
		return evaluate.ImplicitDeny, err
	}
	return set.Decide(p), nil
}

// Authorize is Decide with the explanation: every statement that matched
// and the context keys conditions missed.
func (s *Service) Authorize(sess *Session, r Request) (*evaluate.Result, error) {
	set, p, err := s.prepare(sess, r)
	if err != nil {
		return nil, err
	}
	return set.Explain(p), nil
}

func (s *Service) prepare(sess *Session, r Request) (*evaluate.PolicySet, *evaluate.Prepared, error) {
	now := s.now()
	if err := s.checkCaller(sess, now); err != nil {
		return nil, nil, err
	}
	if err := sess.mayCall(r.Action); err != nil {
		return nil, nil, err
	}
	resAcct := r.ResourceAccount
	var rp *resourcePolicy
	if pol, ok := s.set.ResourcePolicy(r.Resource); ok {
		rp = &resourcePolicy{pol.Policy, pol.Account}
	} else if len(r.Action) > 4 && strings.EqualFold(r.Action[:4], "sts:") {
		if role, ok := s.set.Role(r.Resource); ok {
			rp = &resourcePolicy{role.Trust(), role.Account()} // the trust policy is the role's resource policy
		}
	}
	if resAcct == "" {
		switch a, err := arn.Parse(r.Resource); {
		case rp != nil:
			resAcct = rp.account
		case err == nil && arn.IsAccountID(a.Account()):
			resAcct = a.Account()
		default:
			resAcct = sess.account
		}
	}
	set, err := s.sessionSet(sess, resAcct)
	if err != nil {
		return nil, nil, err
	}
	if rp != nil {
		if set, err = set.WithResource(rp.pol); err != nil {
			return nil, nil, err
		}
	}
	ctx := make(map[string][]string, len(r.Context)+4)
	for k, v := range r.Context {
		if strings.EqualFold(k, "ec2:SourceInstanceARN") || strings.EqualFold(k, "ec2:RoleDelivery") {
			return nil, nil, &evaluate.RequestError{Field: "Context", Value: k, Msg: "is set by the instance's credentials: a request's context cannot give it"}
		}
		ctx[k] = v
	}
	cur, epoch := s.clockValues(now)
	if !hasKey(r.Context, "aws:currenttime") {
		ctx["aws:CurrentTime"] = cur
	}
	if !hasKey(r.Context, "aws:epochtime") {
		ctx["aws:EpochTime"] = epoch
	}
	if sess.instance != "" {
		ctx["ec2:SourceInstanceARN"] = []string{sess.instance}
		ctx["ec2:RoleDelivery"] = []string{"2.0"}
	}
	req := evaluate.Request{Action: r.Action, Resource: r.Resource, ResourceAccount: resAcct, Context: ctx, Caller: sess.caller()}
	p, err := req.Prepare()
	if err != nil {
		return nil, nil, err
	}
	return set, p, nil
}

// clockValues are aws:CurrentTime and aws:EpochTime at now, formatted once
// per second and shared (the engine only reads them).
func (s *Service) clockValues(now time.Time) (cur, epoch []string) {
	if c := s.clockCache.Load(); c != nil && c.unix == now.Unix() {
		return c.cur, c.epoch
	}
	c := &clockText{unix: now.Unix(), cur: []string{now.UTC().Format(time.RFC3339)}, epoch: []string{strconv.FormatInt(now.Unix(), 10)}}
	s.clockCache.Store(c)
	return c.cur, c.epoch
}

type clockText struct {
	unix       int64
	cur, epoch []string
}

type resourcePolicy struct {
	pol     *policy.Policy
	account string
}

func hasKey(ctx map[string][]string, folded string) bool {
	for k := range ctx {
		if strings.EqualFold(k, folded) {
			return true
		}
	}
	return false
}

// mayCall refuses what a kind of temporary credentials cannot call at all
// (AWS STS API Reference, "GetSessionToken": without MFA no IAM API
// operation, and of STS only AssumeRole and GetCallerIdentity;
// "GetFederationToken": no IAM API operation, and of STS only
// GetCallerIdentity). AWS answers IAM calls with InvalidClientTokenId
// (sts-wire.md §2.5).
func (sess *Session) mayCall(action string) error {
	svc, op, _ := strings.Cut(strings.ToLower(action), ":")
	switch sess.kind {
	case UserSession:
		if svc == "iam" && sess.mfa.IsZero() {
			return invalidClientToken()
		}
		if svc == "sts" && op != "assumerole" && op != "getcalleridentity" {
			return notAuthorized(sess.arn, action, "*")
		}
	case FederatedUser:
		if svc == "iam" {
			return invalidClientToken()
		}
		if svc == "sts" && op != "getcalleridentity" {
			return notAuthorized(sess.arn, action, "*")
		}
	}
	return nil
}
