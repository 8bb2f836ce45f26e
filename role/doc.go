// Package role is an IAM role as a value: its name, path and ARN, its unique
// id (AROA…), the trust policy that says who may assume it, the permissions
// it carries (inline policies, attached managed policies by ARN, a
// permissions boundary by ARN), its MaxSessionDuration, tags, description,
// and the instance profiles that hold it.
//
// Why a package of its own: a role is what both package account (which
// gathers a role's policies to authorize a request) and package sts (which
// assumes it, checks its trust policy and caps a session's duration) work on,
// and it is the unit users write "as code". It knows nothing of accounts:
// attached managed policies and the boundary are ARNs, resolved by whoever
// holds the policies (package account). That keeps role below account in the
// layers of ../shared/DESIGN.md, and lets sts use a role without an account.
//
// A Role is built from a Spec by New, which checks everything IAM checks when
// it stores a role (CreateRole, PutRolePolicy, TagRole, AddRoleToInstanceProfile,
// IAM User Guide "IAM and AWS STS quotas") and reports every defect at once
// as an ErrorList. A Role is immutable and safe for concurrent use.
package role
