package evaluate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/catalog"
)

// Rule is a rule AWS applies around the policy documents: a service's own
// rule that no policy can change (sts:GetCallerIdentity needs no
// permission; AWS managed policies cannot be edited) or a setting that
// limits what policies grant (S3 Block Public Access). A Stage names the
// Rule that decided, if one did; Result.Rules lists every Rule that shaped
// the answer. The zero Rule is none.
type Rule uint8

// The rules, each with its AWS page in ruleTable.
const (
	NoRule Rule = iota
	// RuleCallerIdentity: sts:GetCallerIdentity needs no permission and is
	// allowed even under an explicit deny.
	RuleCallerIdentity
	// RuleAWSManagedPolicy: AWS managed policies (arn:aws:iam::aws:policy/…)
	// cannot be changed or deleted by anyone.
	RuleAWSManagedPolicy
	// RuleReservedRole: roles under /aws-reserved/ (IAM Identity Center's)
	// are modified only by their service.
	RuleReservedRole
	// RuleServiceLinkedRole: service-linked roles are modified only by the
	// service that depends on them.
	RuleServiceLinkedRole
	// RuleRestrictPublicBuckets: S3 Block Public Access limits a public
	// bucket policy's grants to the owner's account and AWS services.
	RuleRestrictPublicBuckets
	// RuleSCPAnonymous: SCPs limit the principals of member accounts, so
	// they do not apply to an anonymous caller (RCPs still do).
	RuleSCPAnonymous
	// RuleKMSAlias: the key-policy requirement is for KMS keys; the alias
	// operations on an alias are authorized by IAM policies alone.
	RuleKMSAlias
	// RuleBlockPublicAcls: S3 Block Public Access BlockPublicAcls makes a
	// PUT that carries a public ACL fail.
	RuleBlockPublicAcls
	// RuleFederatedUserCredentials: the credentials of a federated user
	// (sts:GetFederationToken) call no IAM operation through the API and
	// no STS operation but GetCallerIdentity.
	RuleFederatedUserCredentials
	// RuleRoleSessionCredentials: the credentials of a role session call
	// neither sts:GetFederationToken nor sts:GetSessionToken.
	RuleRoleSessionCredentials
	// RuleGetSessionToken: sts:GetSessionToken needs no permission; an IAM
	// user or the root user with long-term credentials always gets a
	// session token.
	RuleGetSessionToken
	// RuleLongTermCredentials: sts:GetSessionToken and
	// sts:GetFederationToken must be called with long-term credentials; a
	// user's or root's temporary credentials cannot call them.
	RuleLongTermCredentials
	// RuleBucketOwnerRoot: the root user of the bucket owner's account
	// gets, puts and deletes the bucket policy even if the bucket policy
	// denies it (only VPC endpoint and Organizations policies can block
	// it): the bucket policy is not weighed.
	RuleBucketOwnerRoot
	// RuleBucketPolicyOwnerAccount: only identities of the bucket owner's
	// account can get, put or delete a bucket policy.
	RuleBucketPolicyOwnerAccount
	// RuleSCPServicePrincipal: SCPs limit the IAM users and roles of member
	// accounts, so they do not apply to an AWS service principal (RCPs
	// still do).
	RuleSCPServicePrincipal
	// RuleRCPService: RCPs apply only to the resources of the services
	// that support them (RCPsApply).
	RuleRCPService
	// RuleUnsignedRequest: an unsigned request calls no AWS KMS operation
	// and no STS operation but AssumeRoleWithSAML and
	// AssumeRoleWithWebIdentity, whatever a resource-based policy allows.
	RuleUnsignedRequest
	numRules
)

// ruleTable holds what iamsim knows of each Rule: its name (String), what
// it says to a person, the AWS page that says it, and what it does to
// the decision.
var ruleTable = [numRules]struct {
	name, text, source string
	effect             ruleEffect
}{
	NoRule: {"", "", "", ruleShapes},
	RuleCallerIdentity: {"get-caller-identity",
		"sts:GetCallerIdentity needs no permission and works even when a policy explicitly denies it",
		`AWS STS API Reference, "GetCallerIdentity"`, ruleAllows},
	RuleAWSManagedPolicy: {"aws-managed-policy",
		"AWS managed policies are created and administered by AWS: no one can change or delete them",
		`IAM User Guide, "Managed policies and inline policies" > "AWS managed policies"`, ruleForbids},
	RuleReservedRole: {"aws-reserved-role",
		"roles under /aws-reserved/ are created by IAM Identity Center and only AWS can modify them (\"Cannot perform the operation on the protected role\")",
		`IAM Identity Center User Guide, "Troubleshooting IAM Identity Center issues"`, ruleForbids},
	RuleServiceLinkedRole: {"service-linked-role",
		"a service-linked role is a protected AWS resource: only the service that depends on it can modify or delete it (UnmodifiableEntity); its description alone may be edited",
		`IAM API Reference, "UnmodifiableEntity"; IAM User Guide, "Update a service-linked role"`, ruleForbids},
	RuleRestrictPublicBuckets: {"restrict-public-buckets",
		"the bucket policy is public and S3 Block Public Access RestrictPublicBuckets is on, so its grants reach only AWS service principals and principals of the bucket owner's account",
		`Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage"`, ruleShapes},
	RuleSCPAnonymous: {"scp-anonymous",
		"service control policies were not applied: SCPs limit the principals of member accounts and an anonymous caller is none; resource control policies still apply to the resource",
		`AWS Organizations User Guide, "Understanding SCPs and RCPs"`, ruleShapes},
	RuleKMSAlias: {"kms-alias",
		"the key-policy requirement is for KMS keys: an alias is authorized by IAM policies alone",
		`AWS KMS Developer Guide, "Controlling access to aliases"`, ruleShapes},
	RuleBlockPublicAcls: {"block-public-acls",
		"S3 Block Public Access BlockPublicAcls is on and the request carries a public ACL (to AllUsers or AuthenticatedUsers), so S3 makes the call fail",
		`Amazon S3 API Reference, "PublicAccessBlockConfiguration"; Amazon S3 User Guide, "The meaning of 'public'"`, ruleForbids},
	RuleFederatedUserCredentials: {"federated-user-credentials",
		"a federated user's credentials (from GetFederationToken) cannot call any IAM operation through the AWS API or CLI, nor any STS operation except GetCallerIdentity, whatever the policies allow",
		`AWS STS API Reference, "GetFederationToken" > "Permissions"`, ruleForbids},
	RuleRoleSessionCredentials: {"role-session-credentials",
		"a role session's credentials (from AssumeRole, AssumeRoleWithSAML or AssumeRoleWithWebIdentity) cannot call sts:GetFederationToken or sts:GetSessionToken, whatever the policies allow",
		`AWS STS API Reference, "AssumeRole" > "Permissions" (and "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity")`, ruleForbids},
	RuleGetSessionToken: {"get-session-token",
		"sts:GetSessionToken needs no permission: policies cannot control this authentication operation, and an IAM user or the root user gets a session token whatever they say",
		`IAM User Guide, "Permissions for GetSessionToken"`, ruleAllows},
	RuleLongTermCredentials: {"long-term-credentials",
		"sts:GetSessionToken and sts:GetFederationToken must be called with the long-term credentials of an IAM user (or the root user): temporary credentials cannot call them",
		`AWS STS API Reference, "GetSessionToken" and "GetFederationToken"`, ruleForbids},
	RuleBucketOwnerRoot: {"bucket-owner-root",
		"the bucket policy was not weighed: the root user of the bucket owner's account can always get, put and delete the bucket policy, even if it denies the root user; only VPC endpoint policies and AWS Organizations policies can block these actions",
		`Amazon S3 API Reference, "PutBucketPolicy", "GetBucketPolicy", "DeleteBucketPolicy"`, ruleShapes},
	RuleBucketPolicyOwnerAccount: {"bucket-policy-owner-account",
		"only an identity of the bucket owner's account can get, put or delete a bucket policy: S3 answers any other caller 405 Method Not Allowed, whatever the policies allow",
		`Amazon S3 API Reference, "PutBucketPolicy", "GetBucketPolicy", "DeleteBucketPolicy"`, ruleForbids},
	RuleSCPServicePrincipal: {"scp-service-principal",
		"service control policies were not applied: SCPs limit the IAM users and roles of member accounts and an AWS service principal is none; resource control policies still apply to the resource",
		`AWS Organizations User Guide, "Service control policies (SCPs)" > "SCP effects on permissions"; "Understanding SCPs and RCPs"`, ruleShapes},
	RuleRCPService: {"rcp-service",
		"resource control policies were not applied: RCPs apply only to the resources of the AWS services that support them, and the action's service is not one",
		`AWS Organizations User Guide, "Resource control policies (RCPs)" > "List of AWS services that support RCPs"`, ruleShapes},
	RuleUnsignedRequest: {"unsigned-request",
		"an unsigned (anonymous) request cannot call this operation, whatever a resource-based policy says: AWS KMS requests and AWS STS requests (but AssumeRoleWithSAML and AssumeRoleWithWebIdentity) must be signed with AWS credentials",
		`AWS STS API Reference, "AssumeRole" ("You must use credentials for an IAM user or an IAM role to call AssumeRole"), "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"; AWS KMS API Reference, "Welcome" > "Signing Requests" ("Requests must be signed")`, ruleForbids},
}

// String returns the rule's name, such as "get-caller-identity"; "" for
// NoRule.
func (r Rule) String() string {
	if r < numRules {
		return ruleTable[r].name
	}
	return fmt.Sprintf("Rule(%d)", r)
}

// Text says what the rule is, for a person.
func (r Rule) Text() string {
	if r < numRules {
		return ruleTable[r].text
	}
	return ""
}

// Source names the AWS page that states the rule.
func (r Rule) Source() string {
	if r < numRules {
		return ruleTable[r].source
	}
	return ""
}

// MarshalText returns the String form.
func (r Rule) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// sentence is the rule as a sentence of an explanation.
func (r Rule) sentence() string {
	return fmt.Sprintf("%s (%s)", r.Text(), r.Source())
}

// ruleEffect is what a rule does to the decision.
type ruleEffect uint8

const (
	ruleShapes  ruleEffect = iota // it changes what a policy type weighs, or says why one was not weighed
	ruleAllows                    // it allows the request whatever the policies say
	ruleForbids                   // it never lets the request be allowed
)

// allows reports whether the rule allows the request whatever the
// policies say. (NoRule, the usual answer, costs one comparison.)
func (r Rule) allows() bool { return r != NoRule && r < numRules && ruleTable[r].effect == ruleAllows }

// forbids reports whether the rule never lets the request be allowed.
func (r Rule) forbids() bool {
	return r != NoRule && r < numRules && ruleTable[r].effect == ruleForbids
}

// serviceRule returns the service rule that decides the request, if one
// does. It reads only the prepared action, resource and caller, and
// allocates nothing: Decide asks it of every request.
func (p *Prepared) serviceRule() Rule {
	switch p.service {
	case "sts":
		// "No permissions are required to perform this operation. If an
		// administrator attaches a policy to your identity that explicitly
		// denies access to the sts:GetCallerIdentity action, you can still
		// perform this operation." Only a signed caller has an identity to
		// return: an anonymous request is not authenticated at all.
		if p.action == "sts:getcalleridentity" {
			switch p.kind {
			case callerUser, callerRoleSession, callerFederatedUser, callerRoot:
				return RuleCallerIdentity
			}
			return NoRule
		}
		// "You must use credentials for an IAM user or an IAM role to call
		// AssumeRole" (AWS STS API Reference, "AssumeRole"); only the two
		// federation operations are called without AWS credentials
		// ("Calling AssumeRoleWithSAML does not require the use of AWS
		// security credentials", and likewise AssumeRoleWithWebIdentity).
		// A trust policy that allows "*" does not let an unsigned request
		// through.
		if p.kind == callerAnonymous && p.action != "sts:assumerolewithsaml" && p.action != "sts:assumerolewithwebidentity" {
			return RuleUnsignedRequest
		}
		if (p.action == "sts:getsessiontoken" || p.action == "sts:getfederationtoken") && (p.kind == callerUser || p.kind == callerRoot) {
			return p.tokenRule()
		}
		return p.temporaryCredentialLimit()
	case "kms":
		// "Requests must be signed by using an access key ID and a secret
		// access key" (AWS KMS API Reference, "Welcome"): a key policy
		// that allows "*" does not let an unsigned request through.
		if p.kind == callerAnonymous {
			return RuleUnsignedRequest
		}
	case "s3":
		return p.bucketPolicyRule()
	case "iam":
		// GetFederationToken: "You cannot call any IAM operations using the
		// CLI or the AWS API" (the limit "does not apply to console
		// sessions", which a request to the API is not). iam:PassRole is
		// no IAM operation but a permission another service checks when
		// it is handed a role ("[permission only]" in the Service
		// Authorization Reference), so it stays the policies' to decide.
		if p.kind == callerFederatedUser && p.action != "iam:passrole" {
			return RuleFederatedUserCredentials
		}
		return p.iamProtection()
	}
	return NoRule
}

// tokenRule decides sts:GetSessionToken and sts:GetFederationToken for an
// IAM user or the root user. Both "must be called by using the long-term
// AWS security credentials" of an IAM user or the root user (AWS STS API
// Reference, "GetSessionToken", "GetFederationToken"): a Caller that signs
// with temporary credentials cannot. And GetSessionToken needs no
// permission: "No permissions are required for a user to get a session
// token. ... You cannot use policies to control authentication
// operations" (IAM User Guide, "Permissions for GetSessionToken");
// GetFederationToken is the policies' to decide.
func (p *Prepared) tokenRule() Rule {
	switch {
	case p.req.Caller != nil && p.req.Caller.Temporary:
		return RuleLongTermCredentials
	case p.action == "sts:getsessiontoken":
		return RuleGetSessionToken
	}
	return NoRule
}

// bucketPolicyRule applies S3's own rules for the operations on a bucket
// policy (Amazon S3 API Reference, "PutBucketPolicy", "GetBucketPolicy",
// "DeleteBucketPolicy"): "If you are using an identity other than the root
// user of the AWS account that owns the bucket, the calling identity must
// have the ... permissions on the specified bucket and belong to the bucket
// owner's account"; and "the root principal in a bucket owner's AWS
// account can perform the GetBucketPolicy, PutBucketPolicy, and
// DeleteBucketPolicy API actions, even if their bucket policy explicitly
// denies the root principal's access. Bucket owner root principals can
// only be blocked from performing these API actions by VPC endpoint
// policies and AWS Organizations policies."
func (p *Prepared) bucketPolicyRule() Rule {
	switch p.action {
	case "s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy":
	default:
		return NoRule
	}
	switch {
	case p.account == "" || p.account != p.resAccount:
		return RuleBucketPolicyOwnerAccount
	case p.kind == callerRoot:
		return RuleBucketOwnerRoot
	}
	return NoRule
}

// temporaryCredentialLimit applies what the STS API Reference says the
// temporary credentials of a session cannot call in STS, whatever the
// policies allow (each operation's "Permissions"): a federated user's
// (GetFederationToken: "You cannot call any STS operations except
// GetCallerIdentity") and a role session's (AssumeRole,
// AssumeRoleWithSAML, AssumeRoleWithWebIdentity: "You cannot call the AWS
// STS GetFederationToken or GetSessionToken API operations").
// sts:GetCallerIdentity is decided before.
func (p *Prepared) temporaryCredentialLimit() Rule {
	switch p.kind {
	case callerFederatedUser:
		return RuleFederatedUserCredentials
	case callerRoleSession:
		if p.action == "sts:getfederationtoken" || p.action == "sts:getsessiontoken" {
			return RuleRoleSessionCredentials
		}
	}
	return NoRule
}

// awsManagedPolicyWrites are the IAM actions that would change or delete a
// managed policy (or create one in AWS's own namespace): none succeeds on
// an AWS managed policy ("You cannot change the permissions defined in AWS
// managed policies").
var awsManagedPolicyWrites = [...]string{
	"iam:createpolicy", "iam:createpolicyversion", "iam:deletepolicy", "iam:deletepolicyversion",
	"iam:setdefaultpolicyversion", "iam:tagpolicy", "iam:untagpolicy",
}

// protectedRoleWrites are the IAM actions on a role that IAM refuses on a
// protected role with UnmodifiableEntity ("Only the service that depends
// on the service-linked role can modify or delete the role"): its
// policies, trust policy, boundary, settings, and the role itself.
var protectedRoleWrites = [...]string{
	"iam:attachrolepolicy", "iam:detachrolepolicy", "iam:putrolepolicy", "iam:deleterolepolicy",
	"iam:updateassumerolepolicy", "iam:putrolepermissionsboundary", "iam:deleterolepermissionsboundary",
	"iam:updaterole", "iam:deleterole",
}

// reservedRoleOnlyWrites are refused on an Identity Center role beyond
// protectedRoleWrites: "this role is only modifiable by AWS" covers its
// description and tags too. A service-linked role's description may be
// edited ("You can edit the description of any role"), and its tags are
// not documented as refused, so they stay with the policies.
var reservedRoleOnlyWrites = [...]string{"iam:updateroledescription", "iam:tagrole", "iam:untagrole"}

// iamProtection applies IAM's protections of what AWS owns.
func (p *Prepared) iamProtection() Rule {
	res := arnResourcePart(p.req.Resource)
	if strings.HasPrefix(res, "policy/") && arnAccountPart(p.req.Resource) == "aws" {
		if slices.Contains(awsManagedPolicyWrites[:], p.action) {
			return RuleAWSManagedPolicy
		}
		return NoRule
	}
	path, ok := strings.CutPrefix(res, "role/")
	if !ok {
		return NoRule
	}
	switch {
	case strings.HasPrefix(path, "aws-reserved/"):
		if (slices.Contains(protectedRoleWrites[:], p.action) || slices.Contains(reservedRoleOnlyWrites[:], p.action)) &&
			!p.isOwningService(strings.TrimPrefix(path, "aws-reserved/"), true) {
			return RuleReservedRole
		}
	case strings.HasPrefix(path, "aws-service-role/"):
		if slices.Contains(protectedRoleWrites[:], p.action) && !p.isOwningService(strings.TrimPrefix(path, "aws-service-role/"), false) {
			return RuleServiceLinkedRole
		}
	}
	return NoRule
}

// isOwningService reports whether the caller is the service whose role
// rest (the path after /aws-reserved/ or /aws-service-role/, which begins
// with the service's principal name) is: the service principal itself,
// or, when viaLinkedRole, a session of that service's own service-linked
// role. IAM Identity Center provisions its roles through its
// service-linked role, whose AWS managed policy AWSSSOServiceRolePolicy
// allows iam:PutRolePolicy and the others on
// role/aws-reserved/sso.amazonaws.com/*; nothing documents a
// service-linked role changing another, so for those only the service
// principal is the service.
func (p *Prepared) isOwningService(rest string, viaLinkedRole bool) bool {
	svc, _, ok := strings.Cut(rest, "/")
	if !ok || svc == "" {
		return false
	}
	switch p.kind {
	case callerService:
		return p.req.Principal == svc
	case callerRoleSession:
		if !viaLinkedRole {
			return false
		}
		own, ok := strings.CutPrefix(p.rolePath, "/aws-service-role/")
		return ok && strings.TrimSuffix(own, "/") == svc
	}
	return false
}

// exemptions returns the policy types that do not apply to the request,
// one bit each (1 << PolicyType), found once by Prepare: the bucket
// policy to its owner's root user managing it (bucketPolicyRule); and to
// the caller: "SCPs do not affect service-linked roles" and "RCPs do not
// apply to calls made by service-linked roles" (AWS Organizations User
// Guide); SCPs are "principal-centric controls" on "principals in your
// member accounts" ("SCPs affect only IAM users and roles that are managed
// by accounts that are part of the organization", "SCP effects on
// permissions"), so an anonymous caller, which belongs to no account, and
// an AWS service principal, which is no IAM user or role, are outside
// them, while RCPs, "resource-centric controls", still limit what anyone
// may do to the resource (AWS Organizations User Guide, "Understanding
// SCPs and RCPs"); and RCPs to an action of a service they do not
// support (RCPsApply).
func (p *Prepared) exemptions(s *PolicySet) uint8 {
	var m uint8
	if p.serviceLinked {
		m |= 1<<SCP | 1<<RCP
	}
	if p.kind == callerAnonymous || p.kind == callerService {
		m |= 1 << SCP
	}
	if p.rule == RuleBucketOwnerRoot {
		m |= 1 << ResourcePolicy
	}
	if m&(1<<RCP) == 0 {
		// Whether the action's service supports RCPs costs two lookups in
		// the catalog: only for a set that weighs RCPs (or any set, for
		// Request.Prepare). For another set the bit is set provisionally
		// and run asks again should such a set decide (rcpsBindAfterAll).
		switch {
		case s.usable() && !s.weighsRCPs():
			m |= 1 << RCP
			p.rcpUnchecked = true
		case !RCPsApply(p.action):
			m |= 1 << RCP
		}
	}
	return m
}

// rcpsBindAfterAll reports whether a stage of type t that the request's
// exemptions skip applies after all: RCPs whose service Prepare did not
// look up, for a set that weighs none (exemptions), when the action's
// service supports RCPs.
func (p *Prepared) rcpsBindAfterAll(t PolicyType) bool {
	return t == RCP && p.rcpUnchecked && RCPsApply(p.action)
}

// weighsRCPs reports whether the set has RCP stages.
func (s *PolicySet) weighsRCPs() bool {
	for i := range s.stages {
		if s.stages[i].typ == RCP {
			return true
		}
	}
	return false
}

// RCPsApply reports whether resource control policies bind an action: "RCPs
// apply to resources of the following AWS services" (AWS Organizations User
// Guide, "Resource control policies (RCPs)", "List of AWS services that
// support RCPs"; catalog.RCPSupported). An action of a service the catalog
// lists but not among them (ec2, iam …) is bound by no RCP; one of a
// service the catalog does not know may support RCPs, so they bind it
// (failing closed). The decision applies it to every request; callers
// that assemble policies per request (account, sts) use it to leave RCPs
// out of the set altogether.
func RCPsApply(action string) bool {
	svc := servicePrefix(action)
	return !catalog.KnownService(svc) || catalog.RCPSupported(svc)
}

// noteExemption records, for an explanation, the rule by which a stage of
// type t did not apply (a service-linked role's has none of its own).
func (p *Prepared) noteExemption(t PolicyType, ex *explainer) {
	switch {
	case t == ResourcePolicy:
		ex.note(RuleBucketOwnerRoot)
	case t == SCP && p.kind == callerAnonymous:
		ex.note(RuleSCPAnonymous)
	case t == SCP && p.kind == callerService:
		ex.note(RuleSCPServicePrincipal)
	case t == RCP && !p.serviceLinked:
		ex.note(RuleRCPService)
	}
}

// note records a rule that shaped the answer, once.
func (ex *explainer) note(r Rule) {
	if ex == nil || slices.Contains(ex.res.Rules, r) {
		return
	}
	ex.res.Rules = append(ex.res.Rules, r)
}

// kmsAliasActions are the operations whose permission on an alias "is
// provided in an IAM policy" ("Controlling access to aliases":
// kms:CreateAlias, kms:UpdateAlias and kms:DeleteAlias each need
// permission for the alias, in IAM policies, and for the KMS key, in its
// key policy or IAM policies the key policy allows, asked separately).
// Every other KMS operation is authorized on a key, never on an alias, so
// for them an alias ARN keeps the key-policy requirement: no key policy
// is given, and nothing grants.
var kmsAliasActions = [...]string{"kms:createalias", "kms:updatealias", "kms:deletealias"}

// isKMSAliasRequest reports whether the request is an alias operation on a
// KMS alias (arn:aws:kms:REGION:ACCOUNT:alias/NAME).
func isKMSAliasRequest(lowerAction, resource string) bool {
	return strings.HasPrefix(resource, "arn:") && resourceService(resource) == "kms" &&
		strings.HasPrefix(arnResourcePart(resource), "alias/") && slices.Contains(kmsAliasActions[:], lowerAction)
}

// keyPolicyRequired reports whether a KMS key's own policy must allow the
// request: "AWS KMS key policies ... must explicitly allow access for
// principals" (IAM User Guide, "Policy evaluation logic"), which applies
// to KMS keys; an alias has no key policy and its alias operations are
// authorized by IAM policies (isKMSAliasRequest).
func keyPolicyRequired(lowerAction, resource string) bool {
	return strings.HasPrefix(resource, "arn:") && resourceService(resource) == "kms" && !isKMSAliasRequest(lowerAction, resource)
}

// arnResourcePart returns the resource part of an ARN (after the fifth
// colon), "" when s has fewer parts.
func arnResourcePart(s string) string {
	for i := 0; i < 5; i++ {
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	return s
}

// arnAccountPart returns the account part of an ARN (the fifth field).
func arnAccountPart(s string) string {
	for i := 0; i < 4; i++ {
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	acct, _, _ := strings.Cut(s, ":")
	return acct
}

// noteRules records, for an explanation, the rule that decided and the
// rules that changed which policies were needed.
func (ex *explainer) noteRules(p *Prepared, st Stage) {
	if st.Rule != NoRule {
		ex.note(st.Rule)
	}
	if isKMSAliasRequest(p.action, p.req.Resource) {
		ex.note(RuleKMSAlias)
	}
}
