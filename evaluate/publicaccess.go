package evaluate

import (
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/policy"
)

// S3 Block Public Access (Amazon S3 User Guide, "Blocking public access to
// your Amazon S3 storage"): settings of the bucket owner's account and of
// the bucket that override what a public bucket policy grants. They are
// stored with the bucket and its account, as the bucket policy is, so they
// travel with the policies (Policies.BlockPublicAccess), not with the
// request: whether a policy is public is then worked out once, at Compile,
// and Decide pays nothing for it.

// PublicAccessBlockConfiguration is one level's settings, as S3's
// PutPublicAccessBlock takes them. The zero value blocks nothing.
type PublicAccessBlockConfiguration struct {
	// BlockPublicAcls: "PUT Bucket ACL and PUT Object ACL calls fail if
	// the specified ACL is public. PUT Object calls fail if the request
	// includes a public ACL. PUT Bucket calls fail if the request includes
	// a public ACL" (the last for the account's setting: a bucket being
	// created has none). iamsim sees an ACL in the request's headers, as
	// their condition keys give it (s3:x-amz-acl, s3:x-amz-grant-*), not
	// one in an XML body (blocksPublicACL).
	BlockPublicAcls bool `json:"blockPublicAcls,omitempty"`
	// IgnorePublicAcls: S3 ignores public ACLs. Without ACLs in iamsim, no
	// decision changes.
	IgnorePublicAcls bool `json:"ignorePublicAcls,omitempty"`
	// BlockPublicPolicy: "reject calls to PUT Bucket policy if the
	// specified bucket policy allows public access". It does not affect a
	// policy already in place; see BlockPublicAccess.RefusesBucketPolicy.
	BlockPublicPolicy bool `json:"blockPublicPolicy,omitempty"`
	// RestrictPublicBuckets: a bucket whose policy is public is reachable
	// only by "AWS service principals and authorized users within the
	// bucket owner's account"; "Amazon S3 blocks public and cross-account
	// access derived from any public access point or bucket policy,
	// including non-public delegation to specific accounts".
	RestrictPublicBuckets bool `json:"restrictPublicBuckets,omitempty"`
}

// BlockPublicAccess is the settings that apply to a request on a bucket:
// the bucket owner's account's and the bucket's. "If the block public
// access settings for the access point, bucket, or account differ, then
// Amazon S3 applies the most restrictive combination".
type BlockPublicAccess struct {
	Account PublicAccessBlockConfiguration `json:"account"`
	Bucket  PublicAccessBlockConfiguration `json:"bucket"`
}

// Effective returns the most restrictive combination of the levels: a
// setting is on when any level turns it on.
func (b BlockPublicAccess) Effective() PublicAccessBlockConfiguration {
	return PublicAccessBlockConfiguration{
		BlockPublicAcls:       b.Account.BlockPublicAcls || b.Bucket.BlockPublicAcls,
		IgnorePublicAcls:      b.Account.IgnorePublicAcls || b.Bucket.IgnorePublicAcls,
		BlockPublicPolicy:     b.Account.BlockPublicPolicy || b.Bucket.BlockPublicPolicy,
		RestrictPublicBuckets: b.Account.RestrictPublicBuckets || b.Bucket.RestrictPublicBuckets,
	}
}

// RefusesBucketPolicy reports whether S3 would refuse to store p as the
// bucket's policy: BlockPublicPolicy is on and p is public.
func (b BlockPublicAccess) RefusesBucketPolicy(p *policy.Policy) bool {
	return p != nil && b.Effective().BlockPublicPolicy && len(PublicStatements(p, false)) > 0
}

// restricts reports whether the settings limit what the bucket policy p
// grants: RestrictPublicBuckets is on and p is public.
func (b BlockPublicAccess) restricts(p *policy.Policy) bool {
	return p != nil && b.Effective().RestrictPublicBuckets && len(PublicStatements(p, false)) > 0
}

// IsPublicBucketPolicy reports whether Amazon S3 considers p, as a bucket
// policy, public (PublicStatements).
func IsPublicBucketPolicy(p *policy.Policy) bool { return len(PublicStatements(p, false)) > 0 }

// PublicStatements returns the indexes of the statements that make p
// public, in the sense of the Amazon S3 User Guide ("The meaning of
// 'public'"): "Amazon S3 begins by assuming that the policy is public. It
// then evaluates the policy to determine whether it qualifies as
// non-public. To be considered non-public, a bucket policy must grant
// access only to fixed values (values that don't contain a wildcard) of
// one or more of" a principal, or the condition keys of limitingKeys. So
// an Allow statement is public unless its Principal names fixed
// principals (AWS accounts, users, roles, canonical users, service
// principals: "*" and Federated principals do not, as the guide's example
// with graph.facebook.com shows) or a condition clause pins one of the
// keys to fixed values. accessPoint asks as an access point policy, where
// a wildcard in an s3:DataAccessPointArn is public even with a fixed
// account. Where the guide is silent iamsim takes the public reading,
// which grants less under RestrictPublicBuckets: NotPrincipal, a negated
// or IfExists operator, ForAllValues (true when the key is absent), an
// aws:SourceIp that covers every address (/0).
func PublicStatements(p *policy.Policy, accessPoint bool) []int {
	if p == nil {
		return nil
	}
	var public []int
	rules := p.Rules()
	for i := range rules {
		r := &rules[i]
		if r.Effect() != policy.Allow {
			continue
		}
		ps, not := r.Principal()
		if ps == nil {
			continue // names no one: grants nothing
		}
		if !not && fixedPrincipals(ps) {
			continue
		}
		if limited(r.Conditions(), accessPoint) {
			continue
		}
		public = append(public, r.Index())
	}
	return public
}

// fixedPrincipals reports whether a Principal names only fixed principals.
func fixedPrincipals(ps *compiled.PrincipalSet) bool {
	if ps.All || len(ps.Federated) > 0 {
		return false
	}
	for _, a := range ps.AWS {
		if a.Kind == compiled.AWSAll || hasWildcard(a.Raw) {
			return false
		}
	}
	for _, s := range ps.Service {
		if hasWildcard(s) {
			return false
		}
	}
	for _, c := range ps.CanonicalUser {
		if hasWildcard(c) {
			return false
		}
	}
	return len(ps.AWS)+len(ps.Service)+len(ps.CanonicalUser) > 0
}

// limitingKeys are the condition keys whose fixed values make a grant
// non-public (Amazon S3 User Guide, "The meaning of 'public'"), folded:
// aws:SourceIp (read apart: a set of CIDRs), aws:PrincipalOrgID (the
// guide's example of a fixed principal), aws:SourceArn, aws:SourceVpc,
// aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
// s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid,
// s3:DataAccessPointArn and s3:DataAccessPointAccount. Keys the guide does
// not list (aws:PrincipalAccount, aws:PrincipalArn) are left out: the
// public reading grants less.
var limitingKeys = [...]string{
	"aws:principalorgid", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner",
	"aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid",
	"s3:dataaccesspointarn", "s3:dataaccesspointaccount",
}

// limited reports whether a clause of the conditions pins a limiting key
// to fixed values (the clauses all must hold, so one is enough).
func limited(clauses []compiled.Clause, accessPoint bool) bool {
	for i := range clauses {
		if limits(&clauses[i], accessPoint) {
			return true
		}
	}
	return false
}

// limits reports whether one clause pins a limiting key to fixed values.
func limits(c *compiled.Clause, accessPoint bool) bool {
	if c.IfExists || c.Qualifier == compiled.ForAllValues || len(c.Values) == 0 {
		return false
	}
	if c.LowerKey == "aws:sourceip" {
		if c.Operator != compiled.IPAddress {
			return false
		}
		for _, v := range c.Values {
			if !v.Valid || v.Prefix().Bits() == 0 {
				return false
			}
		}
		return true
	}
	if !slices.Contains(limitingKeys[:], c.LowerKey) {
		return false
	}
	switch c.Operator {
	case compiled.StringEquals, compiled.StringEqualsIgnoreCase, compiled.StringLike, compiled.ArnEquals, compiled.ArnLike:
	default:
		return false
	}
	for _, v := range c.Values {
		if !fixedValue(c.LowerKey, v.Raw, accessPoint) {
			return false
		}
	}
	return true
}

// fixedValue reports whether a condition value is fixed: no wildcard and
// no policy variable. In a bucket policy an s3:DataAccessPointArn "can
// contain a wildcard for the access point name without rendering the
// policy public, as long as the account id is fixed"; an access point
// policy has no such exception.
func fixedValue(lowerKey, raw string, accessPoint bool) bool {
	if strings.Contains(raw, "${") {
		return false
	}
	if !hasWildcard(raw) {
		return true
	}
	if lowerKey != "s3:dataaccesspointarn" || accessPoint {
		return false
	}
	// arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME: everything up to
	// the name fixed.
	head, name, ok := strings.Cut(raw, ":accesspoint/")
	return ok && name != "" && !hasWildcard(head) && len(arnAccountPart(head+":")) == 12
}

// hasWildcard reports whether s holds a policy wildcard.
func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// restrictPublicBuckets applies RestrictPublicBuckets to the resource
// policy's grants: when it is on and the policy public, only AWS service
// principals and principals of the bucket owner's account may use them;
// for anyone else (another account, an anonymous caller, an identity
// provider) the policy allows nothing, its Deny statements still apply.
// It reports whether it took away an Allow.
func restrictPublicBuckets(f *facts, vs *verdicts) bool {
	tv := &vs.t[ResourcePolicy]
	if !tv.restricted || tv.grant == grantNone {
		return false
	}
	switch f.kind {
	case callerService:
		return false
	case callerUser, callerRoleSession, callerFederatedUser, callerRoot:
		if !f.crossAccount {
			return false
		}
	}
	tv.grant, tv.allow = grantNone, false
	return true
}

// publicCannedACLs are the canned ACLs that grant to the AllUsers or
// AuthenticatedUsers group (Amazon S3 User Guide, "Access control list
// (ACL) overview" > "Canned ACL"), which makes an ACL public ("Amazon S3
// considers a bucket or object ACL public if it grants any permissions to
// members of the predefined AllUsers or AuthenticatedUsers groups").
var publicCannedACLs = [...]string{"public-read", "public-read-write", "authenticated-read"}

// grantKeys are the condition keys of the x-amz-grant-* headers, whose
// values name grantees (uri="http://acs.amazonaws.com/groups/global/AllUsers").
var grantKeys = [...]string{
	"s3:x-amz-grant-read", "s3:x-amz-grant-write", "s3:x-amz-grant-read-acp",
	"s3:x-amz-grant-write-acp", "s3:x-amz-grant-full-control",
}

// blocksPublicACL reports whether BlockPublicAcls makes the request fail:
// a PUT of an object, an object ACL or a bucket ACL under the account's or
// the bucket's setting, or a PUT Bucket under the account's, that carries
// a public ACL in its headers.
// (Small enough to inline: most sets block nothing, and Decide asks.)
func (s *PolicySet) blocksPublicACL(p *Prepared) bool {
	account, bucket := s.bpa.Account.BlockPublicAcls, s.bpa.Bucket.BlockPublicAcls
	return (account || bucket) && p.carriesPublicACL(account)
}

// carriesPublicACL reports whether the request is one BlockPublicAcls
// refuses with a public ACL in its headers (accountLevel: the account's
// setting is on, which covers PUT Bucket too) and carries one.
func (p *Prepared) carriesPublicACL(accountLevel bool) bool {
	switch p.action {
	case "s3:putobject", "s3:putobjectacl", "s3:putobjectversionacl", "s3:putbucketacl":
	case "s3:createbucket":
		if !accountLevel {
			return false
		}
	default:
		return false
	}
	for _, v := range p.context("s3:x-amz-acl") {
		if slices.Contains(publicCannedACLs[:], v.s) {
			return true
		}
	}
	for _, k := range grantKeys {
		for _, v := range p.context(k) {
			if strings.Contains(v.s, "acs.amazonaws.com/groups/global/AllUsers") || strings.Contains(v.s, "acs.amazonaws.com/groups/global/AuthenticatedUsers") {
				return true
			}
		}
	}
	return false
}
