package sts

import (
	"strconv"
	"strings"
	"sync"
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
	vb := valuesPool.Get().(*valuesBuf)
	defer valuesPool.Put(vb)
	set, req, err := s.request(sess, r, vb[:0])
	if err != nil {
		return evaluate.ImplicitDeny, err
	}
	return set.DecideRequest(req)
}

// valuesBuf holds the service's context values of one request (at most
// six, besides a federated session's provider keys: see serviceValues). The engine reads them while it prepares the
// request and keeps none of them once DecideRequest or ExplainRequest
// returns, so a buffer goes back to valuesPool after each call instead of
// being garbage.
type valuesBuf [6]evaluate.KeyValue

var valuesPool = sync.Pool{New: func() any { return new(valuesBuf) }}

// Authorize is Decide with the explanation: every statement that matched
// and the context keys conditions missed.
func (s *Service) Authorize(sess *Session, r Request) (*evaluate.Result, error) {
	vb := valuesPool.Get().(*valuesBuf)
	defer valuesPool.Put(vb)
	set, req, err := s.request(sess, r, vb[:0])
	if err != nil {
		return nil, err
	}
	return set.ExplainRequest(req)
}

// request builds the engine's request, its service values appended to vals,
// and finds the compiled policies that decide it.
func (s *Service) request(sess *Session, r Request, vals []evaluate.KeyValue) (*evaluate.PolicySet, evaluate.Request, error) {
	var none evaluate.Request
	now := s.now()
	if err := s.checkCaller(sess, now); err != nil {
		return nil, none, err
	}
	if err := sess.mayCall(r.Action); err != nil {
		return nil, none, err
	}
	for k := range r.Context {
		if strings.EqualFold(k, "ec2:SourceInstanceARN") || strings.EqualFold(k, "ec2:RoleDelivery") {
			return nil, none, &evaluate.RequestError{Field: "Context", Value: k, Msg: "is set by the instance's credentials: a request's context cannot give it"}
		}
		for _, kv := range sess.idpKeys {
			if strings.EqualFold(k, kv.Key) {
				return nil, none, &evaluate.RequestError{Field: "Context", Value: k, Msg: "is set by the session's identity provider: a request's context cannot give it"}
			}
		}
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
		resAcct = sess.account
		if rp != nil {
			resAcct = rp.account
		} else if a, err := arn.Parse(r.Resource); err == nil && arn.IsAccountID(a.Account()) {
			resAcct = a.Account()
		}
	}
	set, err := s.sessionSet(sess, resAcct)
	if err != nil {
		return nil, none, err
	}
	if rp != nil {
		if set, err = s.withResource(set, rp.pol); err != nil {
			return nil, none, err
		}
	}
	req := evaluate.Request{Action: r.Action, Resource: r.Resource, ResourceAccount: resAcct, Context: r.Context, Caller: sess.caller()}
	req.Values = s.serviceValues(vals, sess, resAcct, r.Context, now)
	return set, req, nil
}

// serviceValues are the context keys the service gives a request beside
// the caller's: the time (aws:CurrentTime, aws:EpochTime), a web identity
// or SAML session's provider keys (which a request may not give), an
// instance session's ec2:SourceInstanceARN and ec2:RoleDelivery, the resource
// account's aws:ResourceOrgID and aws:ResourceOrgPaths; each unless the
// request gives it. They are appended to vals.
func (s *Service) serviceValues(vals []evaluate.KeyValue, sess *Session, resAcct string, ctx map[string][]string, now time.Time) []evaluate.KeyValue {
	cur, epoch := s.clockValues(now)
	if !hasKey(ctx, "aws:currenttime") {
		vals = append(vals, evaluate.KeyValue{Key: "aws:CurrentTime", Value: cur[0]})
	}
	if !hasKey(ctx, "aws:epochtime") {
		vals = append(vals, evaluate.KeyValue{Key: "aws:EpochTime", Value: epoch[0]})
	}
	vals = append(vals, sess.idpKeys...)
	if sess.instance != "" {
		vals = append(vals, evaluate.KeyValue{Key: "ec2:SourceInstanceARN", Value: sess.instance},
			evaluate.KeyValue{Key: "ec2:RoleDelivery", Value: "2.0"})
	}
	if id, path, ok := s.set.OrgOf(resAcct); ok && !hasKey(ctx, "aws:resourceorgid") && !hasKey(ctx, "aws:resourceorgpaths") {
		vals = append(vals, evaluate.KeyValue{Key: "aws:ResourceOrgID", Value: id})
		if path != "" {
			vals = append(vals, evaluate.KeyValue{Key: "aws:ResourceOrgPaths", Value: path})
		}
	}
	return vals
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
	if sess.kind != UserSession && sess.kind != FederatedUser {
		return nil
	}
	svc, op, _ := strings.Cut(action, ":") // compared by EqualFold: lower-casing would allocate
	iam, sts := strings.EqualFold(svc, "iam"), strings.EqualFold(svc, "sts")
	switch sess.kind {
	case UserSession:
		if iam && sess.mfa.IsZero() {
			return invalidClientToken()
		}
		if sts && !strings.EqualFold(op, "assumerole") && !strings.EqualFold(op, "getcalleridentity") {
			return notAuthorized(sess.arn, action, "*")
		}
	case FederatedUser:
		if iam {
			return invalidClientToken()
		}
		if sts && !strings.EqualFold(op, "getcalleridentity") {
			return notAuthorized(sess.arn, action, "*")
		}
	}
	return nil
}
