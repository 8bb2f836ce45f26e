// Package account is what AWS accounts hold, gathered so that a request can
// be authorized from a principal's name alone: users (with their groups,
// inline and managed policies, boundary, tags and access keys), groups,
// roles (package role), customer and AWS managed policies with their
// versions, identity providers, the organization (root, OUs and accounts,
// with the SCPs and RCPs attached at each level), and resource-based
// policies by resource ARN with the account that owns the resource. A Set
// holds several accounts at once, because cross-account requests and trust
// need both sides.
//
// Why these types live here: each is meaningful only next to the others.
// A user's group or attached policy is a name or an ARN that only the
// account resolves; an SCP applies along an account's path in the
// organization; a resource policy is weighed together with the caller's
// identity policies from another account. Package role stays below: a role
// is useful alone (sts assumes one), while a user is not. Package evaluate
// decides one request from the policies it is given; this package gathers
// those policies (IAM User Guide, "Policy evaluation logic", "Cross-account
// policy evaluation logic"; AWS Organizations User Guide, "Service control
// policies", "Resource control policies").
//
// A Set is made by a Builder (accounts as code) or by Load (the output of
// aws iam get-account-authorization-details plus an overlay file, see
// LoadFiles). Either way every reference is checked once, every defect is
// reported at once, and nothing is half-built. A Set is immutable and safe
// for concurrent use; Authorize, WhoCan and Actions compile each
// principal's policies once and reuse them.
package account
