package account

import (
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// The conditional verdict of WhoCan and Actions.
//
// A principal is conditional when the request as given is not allowed but
// some values of the context keys the request does not fix could make it
// allowed. iamsim decides that with the engine itself, on an optimistic
// copy of the policies: in an Allow statement a clause on an unfixed key is
// taken to hold, and a Deny statement with a clause on an unfixed key is
// taken not to apply. Every other clause is evaluated as the request gives
// it. If even the optimistic copy is not allowed, no values could allow the
// request and the principal is denied: a Deny without conditions, or whose
// conditions hold on the keys the request fixes, denies outright (IAM User
// Guide, "Policy evaluation logic": "an explicit deny in any of these
// policies overrides the allow"), and so does a stage (boundary, SCP, RCP,
// session policy) with no Allow statement for the action. The copy is
// optimistic statement by statement, so two statements that need opposite
// values of one key both count: "conditional" means "may be".
//
// Which keys are unfixed: a key the request does not carry, except the
// keys the loaded principal fixes (aws:PrincipalArn, aws:userid,
// aws:username, aws:PrincipalType, aws:PrincipalAccount,
// aws:PrincipalOrgID, aws:PrincipalTag/…, …: a policy that looks for one
// the principal lacks never finds it); and, whatever the request carries, the keys the
// principal's credentials set rather than its identity: a user may sign
// with temporary credentials obtained with MFA (sts:GetSessionToken), a
// role session may be created with MFA, a source identity or through a
// federated provider (IAM User Guide, "AWS global condition context keys":
// aws:MultiFactorAuthPresent "is not present ... using long-term
// credentials"; "Configuring MFA-protected API access"). So a Deny on
// "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"} makes a
// principal conditional on aws:MultiFactorAuthPresent, not denied.

// identityKeys are the caller keys the loaded principal itself fixes.
var identityKeys = map[string]bool{
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principalisawsservice": true,
	"aws:principalservicename": true, "aws:principalservicenameslist": true, "aws:principaltype": true,
	"aws:userid": true, "aws:username": true, "aws:principalorgid": true, "aws:principalorgpaths": true,
}

// credentialKeys are the caller keys set by the credentials a principal
// signs with: unfixed for who-can, whatever the caller shows.
var credentialKeys = map[string]bool{
	"aws:multifactorauthpresent": true, "aws:multifactorauthage": true, "aws:tokenissuetime": true,
	"aws:sourceidentity": true, "aws:federatedprovider": true,
}

// unfixed says which context keys (folded) a request leaves open.
type unfixed struct {
	given map[string]bool
	memo  optimisticMemo
}

// optimisticMemo maps a policy and the open keys it looks at (folded, in
// its order) to its optimistic copy: the copy depends on nothing else.
type optimisticMemo map[memoKey]*policy.Policy

type memoKey struct {
	p    *policy.Policy
	open string
}

func newUnfixed(prep *evaluate.Prepared) unfixed {
	u := unfixed{given: map[string]bool{}}
	for _, k := range prep.ContextKeys() {
		u.given[k] = true
	}
	return u
}

func (u unfixed) open(key string) bool {
	k := strings.ToLower(key)
	switch {
	case credentialKeys[k]:
		return true
	case identityKeys[k], strings.HasPrefix(k, "aws:principaltag/"):
		return false
	}
	return !u.given[k]
}

// conditional reports whether some values of the unfixed keys could allow
// the request, and which unfixed keys the statements for the action and
// resource look for.
//
// memo holds the optimistic copies made so far by one WhoCan or Actions
// call (a policy shared by thousands of principals is copied once); nil
// keeps none.
func (st *stages) conditional(prep *evaluate.Prepared, memo optimisticMemo) (bool, []string) {
	u := newUnfixed(prep)
	u.memo = memo
	var keys []string
	changed := false
	opt := func(p *policy.Policy) *policy.Policy {
		q, ks := optimistic(p, u, prep)
		for _, k := range ks {
			if !containsFold(keys, k) {
				keys = append(keys, k)
			}
		}
		changed = changed || q != p
		return q
	}
	var ps evaluate.Policies
	for _, g := range st.identity {
		ps.Identity = append(ps.Identity, opt(g.pol))
	}
	if st.boundary != nil {
		ps.Boundary = opt(st.boundary.pol)
	}
	if st.resource != nil {
		ps.Resource = opt(st.resource.pol)
	}
	for _, g := range st.session {
		ps.Session = append(ps.Session, opt(g.pol))
	}
	for _, level := range st.scps {
		var l []*policy.Policy
		for _, g := range level {
			l = append(l, opt(g.pol))
		}
		ps.SCPs = append(ps.SCPs, l)
	}
	for _, level := range st.rcps {
		var l []*policy.Policy
		for _, g := range level {
			l = append(l, opt(g.pol))
		}
		ps.RCPs = append(ps.RCPs, l)
	}
	if !changed || len(keys) == 0 {
		return false, nil // nothing open: the decision as given stands
	}
	set, err := evaluate.CompileUnchecked(ps)
	if err != nil {
		return false, nil // fail closed: not shown as possible
	}
	return set.Decide(prep) == evaluate.Allow, keys
}

// optimistic returns p with every clause on an open key of an Allow
// statement removed and every Deny statement with such a clause made to
// match nothing, and the open keys of the statements that name the
// action and resource; p itself when no statement looks at an open key.
func optimistic(p *policy.Policy, u unfixed, prep *evaluate.Prepared) (*policy.Policy, []string) {
	rules := p.Rules()
	var keys []string
	var sig strings.Builder
	act := strings.ToLower(prep.Request().Action)
	for i := range rules {
		r := &rules[i]
		relevant, known := false, false
		for _, c := range r.Conditions() {
			if !u.open(c.Key) {
				continue
			}
			if !known {
				relevant, known = r.MatchAction(act) && r.MatchResource(prep.Request().Resource, prep), true
			}
			sig.WriteString(c.LowerKey)
			sig.WriteByte(0)
			if relevant && !containsFold(keys, c.Key) {
				keys = append(keys, c.Key)
			}
		}
		sig.WriteByte(1) // statement boundary
	}
	if !strings.ContainsRune(sig.String(), 0) {
		return p, nil
	}
	mk := memoKey{p, sig.String()}
	if q, ok := u.memo[mk]; ok {
		return q, keys
	}
	doc := p.Document()
	for i := range doc.Statement {
		s := &doc.Statement[i]
		if s.Effect == policy.Deny {
			if conditionOpen(s.Condition, u) {
				s.Condition = policy.Condition{"Null": {"iamsim:optimistic-never": {"false"}}}
			}
			continue
		}
		for op, byKey := range s.Condition {
			for k := range byKey {
				if u.open(k) {
					delete(byKey, k)
				}
			}
			if len(byKey) == 0 {
				delete(s.Condition, op)
			}
		}
		if len(s.Condition) == 0 {
			s.Condition = nil
		}
	}
	q, err := policy.Build(p.Name(), doc)
	if err != nil {
		return p, nil // cannot happen for a parsed policy; keep the original, which grants no more
	}
	if u.memo != nil {
		u.memo[mk] = q
	}
	return q, keys
}

// conditionOpen reports whether a condition looks at an open key. A Deny
// statement that does is made to match nothing with a Null test that a key
// no request carries is present.
func conditionOpen(c policy.Condition, u unfixed) bool {
	for _, byKey := range c {
		for k := range byKey {
			if u.open(k) {
				return true
			}
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
