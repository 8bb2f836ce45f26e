// Package sts is AWS Security Token Service over iamsim's accounts: roles are
// assumed (AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML, and the
// instance profiles of EC2 instances), temporary credentials are issued
// (GetSessionToken, GetFederationToken), and a request signed with any of
// them is authorized as AWS authorizes that session: the principal's policies
// intersected with the session's policies, with the context AWS gives the
// session (aws:PrincipalArn with the role's path, aws:userid, principal tags,
// token issue time, MFA, source identity) carried by evaluate.Caller, so that
// no request can override it.
//
// Who may assume a role follows the IAM User Guide ("Policy evaluation
// logic", "Cross-account policy evaluation logic", "Pass session tags in AWS
// STS", "Monitor and control actions taken with assumed roles"); parameters
// are checked with the limits, codes and message texts of the AWS STS API
// Reference, which the AWS SDKs leave to the server. What iamsim cannot
// verify is refused, never trusted: an AssumeRole passing ProvidedContexts
// (context assertions signed by IAM Identity Center) is refused with
// InvalidParameterValue.
//
// A Service holds the accounts (package account) and the live sessions. Its
// clock and randomness are injected as crypto/tls.Config does: a nil Now is
// time.Now, a nil Rand is crypto/rand. A Service is safe for concurrent use.
//
// Handler serves the STS Query API and the instance metadata service (IMDSv2)
// over HTTP so that unmodified AWS SDK clients can use it (the nested module
// sdktest proves it with the AWS SDK for Go v2), and Middleware
// authenticates SigV4-signed requests to any Go service with iamsim's
// credentials (package sigv4 verifies the signatures) before authorizing
// them. Session.File and Service.Import write a session down and read it
// back, so that another process (iamsim assume-role --session) can act as
// it; TOTP verifies the codes of virtual MFA devices.
//
// Secrets (secret access keys, session tokens) never appear in String, %v,
// errors, logs or JSON, except in the credentials documents STS and IMDS
// return, where they must.
package sts
