// Package iamsim models AWS IAM in pure Go: the policy language, the
// decision engine that answers "can principal X do action Y on resource Z?"
// as AWS documents it and says why, roles and their trust, the accounts
// that hold them, and STS temporary credentials. It is offline and
// deterministic: no AWS account, no network, no clock unless one is given.
//
// This root package holds no code; it is the map of the module. Each
// package has one job, and imports only the layers below it:
//
//	cmd/iamsim        the command line: check, eval, simulate, authorize, who-can, assume-role, serve
//	examples          runnable stories of roles (EC2 instance profile, external ID, web identity, SAML)
//	sts               AssumeRole and friends, temporary credentials, sessions; the STS Query API,
//	                  IMDS and SigV4 verification as net/http handlers
//	account           what accounts hold (users, groups, roles, managed policies, the organization,
//	                  resource policies), loaded from real exports; authorize and who-can over them
//	role              an IAM role as a value: trust, permissions, boundary, instance profiles
//	iamtest           helpers for users' own tests: expected decisions, scenario folders
//	scenario          scenario files: one request and every policy AWS weighs for it
//	evaluate          the decision engine: requests, the typed caller, the evaluation logic, explanations
//	policy            the policy language: parse with line:column findings, validate by place, print, build
//	arn, catalog      the ARN value type; AWS's services, actions, resource types and condition keys
//	internal/...      machinery several packages share (the strict JSON reader), not API
//
// Two nested modules stand beside it with their own go.mod, so that their
// dependencies never enter iamsim's: bench (iamsim measured beside peer
// policy engines) and sdktest (the unmodified AWS SDK for Go v2 driving
// iamsim's STS and instance metadata handlers).
//
// Where AWS's documentation is silent, iamsim takes the reading that grants
// less; README.md lists those choices, and DESIGN.md the design notes.
package iamsim
