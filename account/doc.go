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
//   - User and Group: a user's groups and attached policies are names and
//     ARNs that only its account resolves, and a group is no principal.
//   - ManagedPolicy: shared by the users, groups and roles that attach it,
//     and its default version is chosen here, once.
//   - Organization, Unit, Member: SCPs apply along the caller's account's
//     path and RCPs along the resource account's, across accounts.
//   - ResourcePolicy: weighed with identity policies of another account.
//   - IdentityProvider, AccessKey: what sts needs of an account beyond its
//     roles, loaded with it from the overlay.
//
// Package role stays below: a role is useful alone (sts assumes one, and
// its trust policy is its own), while a user is not. Package evaluate
// decides one request from the policies it is given; this package gathers
// those policies (IAM User Guide, "Policy evaluation logic", "Cross-account
// policy evaluation logic"; AWS Organizations User Guide, "Service control
// policies", "Resource control policies").
//
// Once an organization is loaded, each loaded account is placed in it, is
// its management account, or is declared standalone (Account.Standalone):
// anything else would silently escape the organization's SCPs and RCPs,
// and is refused (ErrOrganization; see membership.go for the rule and its
// sources). A resource-based policy over the size quota its service
// documents is refused too (ErrPolicyTooLarge; resourcequota.go). An
// export page that says more items remain (IsTruncated, or the AWS CLI's
// NextToken) is refused unless a last page of its account is loaded too
// (ErrIncompleteExport; pages.go): who-can over part of an account would
// leave principals out.
//
// A Set is made by a Builder (accounts as code) or by Load (the output of
// aws iam get-account-authorization-details plus an overlay file, see
// LoadFiles). Either way every reference is checked once, every defect is
// reported at once, and nothing is half-built. A Set is immutable and safe
// for concurrent use; Authorize, WhoCan and Actions compile each
// principal's policies once and reuse them.
package account
