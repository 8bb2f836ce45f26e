package evaluate

import (
	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/policy"
)

// grant is how a resource-based policy's Principal names the caller, which
// decides what else must allow the request (IAM User Guide, "Policy
// evaluation logic" > "Resource-based policies"). Higher is stronger.
type grant uint8

const (
	grantNone    grant = iota
	grantAccount       // the caller's account: delegates to its identity policies
	grantRole          // the role of a role session: limited by boundary and session policies
	grantDirect        // the caller itself, or "*": not limited by identity, boundary or session policies
)

var grantNames = [...]string{"", "account", "role", "principal"}

func (g grant) String() string { return grantNames[g] }

// grantOf returns how strongly a Principal element names the caller.
func (p *Prepared) grantOf(ps *compiled.PrincipalSet) grant {
	if ps == nil {
		return grantNone
	}
	if ps.All {
		return grantDirect
	}
	best := grantNone
	switch p.kind {
	case callerService:
		for _, s := range ps.Service {
			if s == p.req.Principal || s == "*" {
				return grantDirect
			}
		}
		return grantNone
	case callerAnonymous:
		return grantNone // only "*" names everyone, anonymous users included
	case callerProvider:
		for _, f := range ps.Federated {
			if f == p.req.Principal {
				return grantDirect
			}
		}
		return grantNone
	}
	for _, c := range ps.CanonicalUser {
		if c == p.req.Principal {
			return grantDirect
		}
	}
	for i := range ps.AWS {
		if g := p.awsGrant(&ps.AWS[i]); g > best {
			best = g
		}
	}
	return best
}

func (p *Prepared) awsGrant(e *compiled.AWSPrincipal) grant {
	switch e.Kind {
	case compiled.AWSAll:
		return grantDirect
	case compiled.AWSAccount:
		if e.Account == p.account {
			return grantAccount
		}
	case compiled.AWSARN:
		if e.Raw == p.req.Principal {
			if p.kind == callerRoleSession && e.ARN.Kind() == arn.KindRole {
				return grantRole // the caller was given as a role ARN
			}
			return grantDirect
		}
		if p.kind == callerRoleSession && e.ARN.Kind() == arn.KindRole && p.isRole(e.ARN) {
			return grantRole
		}
	}
	return grantNone
}

// isRole reports whether the role ARN r is the caller's role. A session ARN
// does not carry the role's path, so the path is compared only when the
// caller's role ARN is known with one (aws:PrincipalArn in the context).
func (p *Prepared) isRole(r arn.ARN) bool {
	if r.Account() != p.account || r.Name() != p.name {
		return false
	}
	if known := p.rolePath; known != "" && known != "/" {
		return known == r.Path()
	}
	return true
}

// excludedBy reports whether a NotPrincipal element names the caller, so
// that the statement does not apply to it. AWS checks the account, then the
// role, then the session (IAM User Guide, "AWS JSON policy elements:
// NotPrincipal"): the caller is excluded only when its account is listed
// together with the caller itself (a user, the session or its role, a
// federated user). With Allow (which AWS does not support with NotPrincipal
// and which only Access Analyzer's warning stands against) listing the
// caller itself is enough to exclude it: the cautious reading, which grants
// less. A NotPrincipal never excludes a user or role that has a
// permissions boundary: "The NotPrincipal element with a Deny effect will
// always deny any IAM principal that has a permissions boundary policy
// attached, regardless of the values specified in the NotPrincipal element."
func (p *Prepared) excludedBy(ps *compiled.PrincipalSet, effect policy.Effect, hasBoundary bool) bool {
	if ps == nil {
		return false
	}
	if ps.All {
		return true
	}
	if effect == policy.Deny && hasBoundary && (p.kind == callerUser || p.kind == callerRoleSession) {
		return false
	}
	switch p.kind {
	case callerService, callerProvider, callerAnonymous:
		return p.grantOf(ps) == grantDirect
	}
	accountListed, selfListed := false, false
	for i := range ps.AWS {
		switch g := p.awsGrant(&ps.AWS[i]); g {
		case grantAccount:
			accountListed = true
		case grantRole, grantDirect:
			selfListed = true
		}
	}
	for _, c := range ps.CanonicalUser {
		if c == p.req.Principal {
			selfListed = true
		}
	}
	if p.kind == callerRoot {
		return accountListed
	}
	if effect == policy.Allow {
		return selfListed
	}
	return accountListed && selfListed
}
