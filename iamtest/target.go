package iamtest

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
	"github.com/iamsim/iamsim/sts"
)

// Target is what cases are decided against: a set of policies given as Go
// values (Policies), accounts loaded from exports or built in Go, whose
// principals are named by ARN (Accounts), or the session an STS service
// issued (Session). A Target is a value; make one per test or share it.
type Target struct {
	name string
	// prepare checks the target for the cases (ERROR findings of the
	// policies, for Policies) once, before any case is decided.
	prepare func(cases []Case, o *options) error
	// decide decides one case: the engine's result (nil when the target
	// refused the request outright, as STS refuses expired credentials)
	// and the explanation a reader is shown.
	decide func(c Case) (*evaluate.Result, string, error)
}

// Policies decides each case's request against one set of policies (the
// identity, resource, boundary, session, SCP and RCP policies AWS would
// weigh). Each policy is validated for its place; an ERROR finding fails
// the run unless AllowErrorFindings names its code.
func Policies(ps evaluate.Policies) Target {
	// The set is compiled once, whichever goroutine asks first: a Target
	// may be shared by parallel tests.
	compile := sync.OnceValues(func() (*evaluate.PolicySet, error) { return evaluate.Compile(ps) })
	return Target{
		name: "policies",
		prepare: func(cases []Case, o *options) error {
			resourceKind := policy.Trust
			for _, c := range cases {
				if scenario.ResourcePolicyKind(c.Resource) != policy.Trust {
					resourceKind = policy.Resource
				}
			}
			if err := o.refuse(findingsOf(ps, resourceKind)); err != nil {
				return err
			}
			_, err := compile()
			return err
		},
		decide: func(c Case) (*evaluate.Result, string, error) {
			set, err := compile()
			if err != nil {
				return nil, "", err
			}
			req, err := c.Request.Prepare()
			if err != nil {
				return nil, "", err
			}
			res := set.Explain(req)
			return res, res.String(), nil
		},
	}
}

// findingsOf validates each policy of ps for its place.
func findingsOf(ps evaluate.Policies, resourceKind policy.Kind) []*policy.Finding {
	var findings []*policy.Finding
	for _, slot := range scenario.Slots(ps, resourceKind) {
		findings = append(findings, slot.Findings()...)
	}
	return findings
}

// Accounts decides each case as account.Set.Authorize does: the case's
// Principal is a loaded user, role, root or assumed-role session ARN, and
// every policy AWS weighs for it and the resource (its own, its groups',
// its boundary, the SCPs and RCPs of its organization, the resource's
// policy) comes from the set. A case may not give a Caller: the set knows
// the principal.
func Accounts(set *account.Set) Target {
	if set == nil {
		return refused("Accounts: the account.Set is nil (did account.LoadFiles fail?)")
	}
	return Target{
		name:    "accounts",
		prepare: func([]Case, *options) error { return nil },
		decide: func(c Case) (*evaluate.Result, string, error) {
			if c.Caller != nil {
				return nil, "", fmt.Errorf("a case against loaded accounts takes its caller from them: leave Caller nil")
			}
			res, err := set.Authorize(account.Request{Principal: c.Principal, Action: c.Action, Resource: c.Resource,
				ResourceAccount: c.ResourceAccount, Context: c.Context})
			if err != nil {
				return nil, "", err
			}
			return res.Eval, res.String(), nil
		},
	}
}

// Session decides each case as a request signed with the session's
// credentials, as the STS service authorizes it (its role's policies, the
// session policies and tags, and expiry: expired credentials are a
// decision of ImplicitDeny whose explanation is STS's ExpiredToken). The
// case's Principal must be empty or the session's ARN; Caller must be nil.
func Session(svc *sts.Service, sess *sts.Session) Target {
	switch {
	case svc == nil:
		return refused("Session: the sts.Service is nil")
	case sess == nil:
		return refused("Session: the sts.Session is nil (did the AssumeRole call fail?)")
	}
	return Target{
		name:    "session " + sess.ARN(),
		prepare: func([]Case, *options) error { return nil },
		decide: func(c Case) (*evaluate.Result, string, error) {
			if c.Principal != "" && c.Principal != sess.ARN() {
				return nil, "", fmt.Errorf("the case's Principal %s is not the session's (%s): leave it empty", c.Principal, sess.ARN())
			}
			if c.Caller != nil {
				return nil, "", fmt.Errorf("a case against a session takes its caller from it: leave Caller nil")
			}
			res, err := svc.Authorize(sess, sts.Request{Action: c.Action, Resource: c.Resource,
				ResourceAccount: c.ResourceAccount, Context: c.Context})
			if e, ok := err.(*sts.Error); ok {
				// STS refuses the credentials themselves: the request is
				// not allowed, and the refusal is the reason.
				return &evaluate.Result{Decision: evaluate.ImplicitDeny, Principal: sess.ARN(), Action: c.Action, Resource: c.Resource},
					"refused by STS: " + e.Error(), nil
			}
			if err != nil {
				return nil, "", err
			}
			return res, res.String(), nil
		},
	}
}

// errNoTarget is the error of the zero Target, which no constructor made.
const errNoTarget = "iamtest: the Target is the zero value: make one with Policies, Accounts or Session"

// prepareCases is prepare, for any Target: the zero one refuses.
func (t Target) prepareCases(cases []Case, o *options) error {
	if t.prepare == nil {
		return errors.New(errNoTarget)
	}
	return t.prepare(cases, o)
}

// decideOne is decide, for any Target: the zero one refuses.
func (t Target) decideOne(c Case) (*evaluate.Result, string, error) {
	if t.decide == nil {
		return nil, "", errors.New(errNoTarget)
	}
	return t.decide(c)
}

// refused is a target that cannot decide anything: every case, matrix or
// assertion over it fails with msg (never passes as a deny, never panics).
func refused(msg string) Target {
	err := errors.New(msg)
	return Target{
		name:    "refused",
		prepare: func([]Case, *options) error { return err },
		decide:  func(Case) (*evaluate.Result, string, error) { return nil, "", err },
	}
}

// explanation is what a reader is shown of a decision: the explanation,
// then each near miss (a statement that matched but for a condition: the
// one that would have decided otherwise had the request been a little
// different), with the clause that failed.
func explanation(res *evaluate.Result, text string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(text, "\n"))
	if res != nil {
		for _, n := range res.NearMisses {
			fmt.Fprintf(&b, "\nnear miss: %s statement %d", n.Effect, n.Statement)
			if n.Sid != "" {
				fmt.Fprintf(&b, " %q", n.Sid)
			}
			fmt.Fprintf(&b, " of the %s policy %s: %s", n.Type, n.Where(), n.String())
		}
	}
	return b.String()
}
