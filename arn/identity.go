package arn

import (
	"strconv"
	"strings"
)

// Kind classifies the IAM and STS identity an ARN names, so that policy
// evaluation can treat principals without re-parsing their resource strings.
// Formats follow "IAM identifiers" in the IAM User Guide
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
type Kind uint8

// Kinds of identity ARNs. KindOther covers every ARN that is not one of the
// IAM/STS identity forms below, including malformed ones such as "user/".
const (
	KindOther           Kind = iota // any other ARN
	KindRoot                        // arn:P:iam::ACCOUNT:root
	KindUser                        // arn:P:iam::ACCOUNT:user/PATH/NAME
	KindGroup                       // arn:P:iam::ACCOUNT:group/PATH/NAME
	KindRole                        // arn:P:iam::ACCOUNT:role/PATH/NAME
	KindAssumedRole                 // arn:P:sts::ACCOUNT:assumed-role/ROLE/SESSION
	KindFederatedUser               // arn:P:sts::ACCOUNT:federated-user/NAME
	KindInstanceProfile             // arn:P:iam::ACCOUNT:instance-profile/PATH/NAME
	KindPolicy                      // arn:P:iam::ACCOUNT-or-aws:policy/PATH/NAME
)

var kindNames = [...]string{
	KindOther:           "Other",
	KindRoot:            "Root",
	KindUser:            "User",
	KindGroup:           "Group",
	KindRole:            "Role",
	KindAssumedRole:     "AssumedRole",
	KindFederatedUser:   "FederatedUser",
	KindInstanceProfile: "InstanceProfile",
	KindPolicy:          "Policy",
}

// String returns the kind's name, such as "AssumedRole", for logs and
// test failures; unknown values print as "Kind(N)".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// identity is the decomposed resource of an identity ARN. Fields are
// substrings of the ARN, so computing it does not allocate.
type identity struct {
	kind    Kind
	path    string
	name    string
	session string
}

// pathTypes are the IAM resource types of the form TYPE/PATH/NAME.
var pathTypes = [...]struct {
	prefix string
	kind   Kind
}{
	{"user/", KindUser},
	{"group/", KindGroup},
	{"role/", KindRole},
	{"instance-profile/", KindInstanceProfile},
	{"policy/", KindPolicy},
}

// identify decomposes a. Identity ARNs are global, so a non-empty region
// makes the ARN KindOther; the account must be a 12-digit ID except for
// policies, which may be owned by "aws".
func (a ARN) identify() identity {
	if a.s == "" || a.Region() != "" {
		return identity{}
	}
	acct, res := a.Account(), a.Resource()
	switch a.Service() {
	case "iam":
		if res == "root" {
			if IsAccountID(acct) {
				return identity{kind: KindRoot}
			}
			return identity{}
		}
		for _, t := range pathTypes {
			rest, ok := strings.CutPrefix(res, t.prefix)
			if !ok {
				continue
			}
			if !IsAccountID(acct) && !(t.kind == KindPolicy && acct == "aws") {
				return identity{}
			}
			i := strings.LastIndexByte(rest, '/')
			// The path is "/" plus everything up to the last '/', sliced
			// from res (including the type's trailing '/') to avoid copying.
			path, name := res[len(t.prefix)-1:len(t.prefix)+i+1], rest[i+1:]
			if !isName(name, 1, len(name)) || !isPath(path) {
				return identity{}
			}
			return identity{kind: t.kind, path: path, name: name}
		}
	case "sts":
		if !IsAccountID(acct) {
			return identity{}
		}
		if rest, ok := strings.CutPrefix(res, "assumed-role/"); ok {
			role, session, ok := strings.Cut(rest, "/")
			if !ok || !isName(role, 1, len(role)) || !isName(session, 1, len(session)) {
				return identity{}
			}
			return identity{kind: KindAssumedRole, name: role, session: session}
		}
		if name, ok := strings.CutPrefix(res, "federated-user/"); ok {
			if !isName(name, 1, len(name)) {
				return identity{}
			}
			return identity{kind: KindFederatedUser, name: name, session: name}
		}
	}
	return identity{}
}

// Kind reports which IAM/STS identity a names, or KindOther. It does not
// allocate.
func (a ARN) Kind() Kind { return a.identify().kind }

// Path returns the IAM path of a user, group, role, instance profile or
// policy ARN, such as "/division/", or "/" when the ARN has none. It returns
// "" where the path is unknown (an assumed-role session does not record its
// role's path) or not applicable (root, federated users, other ARNs).
func (a ARN) Path() string { return a.identify().path }

// Name returns the friendly name of a user, group, role, instance profile or
// policy; the role name of an assumed-role session; or the federated user's
// name. It returns "" for root and other ARNs.
func (a ARN) Name() string { return a.identify().name }

// SessionName returns the session name of an assumed-role session or the
// name of a federated user (which STS uses as its session name), and ""
// otherwise.
func (a ARN) SessionName() string { return a.identify().session }

// RoleARN returns the ARN of the role behind an assumed-role session. The
// session ARN omits the role's path, so the caller supplies it: "" or "/"
// means no path, otherwise it must begin and end with "/". This is what
// policy evaluation needs to match a session against a role principal.
func (a ARN) RoleARN(path string) (ARN, error) {
	id := a.identify()
	if id.kind != KindAssumedRole {
		return ARN{}, &FieldError{Field: "assumed-role ARN", Value: a.s, Msg: "not an assumed-role session ARN (kind " + id.kind.String() + ")"}
	}
	return Role(a.Partition(), a.Account(), path, id.name)
}

// isNameByte reports whether c may appear in IAM user, group, role and
// session names: [\w+=,.@-] (IAM User Guide, "IAM and AWS STS quotas").
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-'
}

// isName reports whether s is min..max bytes of [\w+=,.@-].
func isName(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return true
}

// maxPathLen is the IAM limit on path length (CreateUser/CreateRole Path).
const maxPathLen = 512

// isPath reports whether p is an IAM path: "/" or "/.../" of printable
// ASCII 0x21-0x7E, at most 512 bytes. The API documents 0x21-0x7F, but DEL
// is rejected by IAM in practice and is a control character, so we exclude
// it. '*' and '?' are excluded too: they are wildcards in ARN patterns and
// would make the ARN unparseable.
func isPath(p string) bool {
	return pathError(p) == ""
}

// pathError explains why p is not a valid IAM path, or returns "".
func pathError(p string) string {
	if len(p) == 0 || len(p) > maxPathLen {
		return "length must be 1 to 512"
	}
	if p[0] != '/' || p[len(p)-1] != '/' {
		return `must begin and end with "/"`
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < 0x21 || c > 0x7e {
			return "character " + strconv.QuoteRune(rune(c)) + " outside printable ASCII"
		}
		if c == '*' || c == '?' {
			return "wildcard " + strconv.QuoteRune(rune(c)) + " not allowed"
		}
	}
	return ""
}

// Name length limits from the IAM and STS API references: user and role
// names 1-64; AssumeRole RoleSessionName 2-64; GetFederationToken Name 2-32.
const (
	maxUserName      = 64
	maxRoleName      = 64
	minSessionName   = 2
	maxSessionName   = 64
	minFederatedName = 2
	maxFederatedName = 32
)

// checkCommon validates the partition and account shared by all
// constructors.
func checkCommon(partition, account string) error {
	if !ValidPartition(partition) {
		return &FieldError{Field: "partition", Value: partition, Msg: "unknown partition"}
	}
	if !IsAccountID(account) {
		return &FieldError{Field: "account", Value: account, Msg: "must be 12 digits"}
	}
	return nil
}

// checkName validates a name argument against [\w+=,.@-]{min,max}.
func checkName(field, name string, min, max int) error {
	if isName(name, min, max) {
		return nil
	}
	if len(name) < min || len(name) > max {
		return &FieldError{Field: field, Value: name, Msg: "length must be " + strconv.Itoa(min) + " to " + strconv.Itoa(max)}
	}
	return &FieldError{Field: field, Value: name, Msg: `may contain only letters, digits and _+=,.@-`}
}

// normPath validates an IAM path argument, mapping "" to the default "/".
func normPath(path string) (string, error) {
	if path == "" {
		return "/", nil
	}
	if msg := pathError(path); msg != "" {
		return "", &FieldError{Field: "path", Value: path, Msg: msg}
	}
	return path, nil
}

// build assembles and parses an ARN from validated parts. Parsing cannot
// fail for validated input; if it does, that is a bug worth surfacing.
func build(partition, service, account, resource string) (ARN, error) {
	return Parse("arn:" + partition + ":" + service + "::" + account + ":" + resource)
}

// User returns the ARN of an IAM user, arn:P:iam::ACCOUNT:user/PATH/NAME.
// An empty path means "/" (the IAM default); names are [\w+=,.@-]{1,64}.
// Errors are *FieldError.
func User(partition, account, path, name string) (ARN, error) {
	return pathIdentity("user", "user name", maxUserName, partition, account, path, name)
}

// Role returns the ARN of an IAM role, arn:P:iam::ACCOUNT:role/PATH/NAME.
// An empty path means "/"; names are [\w+=,.@-]{1,64}. Errors are
// *FieldError.
func Role(partition, account, path, name string) (ARN, error) {
	return pathIdentity("role", "role name", maxRoleName, partition, account, path, name)
}

// pathIdentity implements User and Role.
func pathIdentity(typ, field string, max int, partition, account, path, name string) (ARN, error) {
	if err := checkCommon(partition, account); err != nil {
		return ARN{}, err
	}
	path, err := normPath(path)
	if err != nil {
		return ARN{}, err
	}
	if err := checkName(field, name, 1, max); err != nil {
		return ARN{}, err
	}
	return build(partition, "iam", account, typ+path+name)
}

// AssumedRole returns the ARN of an STS role session,
// arn:P:sts::ACCOUNT:assumed-role/ROLE/SESSION. Session ARNs never carry the
// role's path. Role names are [\w+=,.@-]{1,64} and session names
// [\w+=,.@-]{2,64}. Errors are *FieldError.
func AssumedRole(partition, account, roleName, sessionName string) (ARN, error) {
	if err := checkCommon(partition, account); err != nil {
		return ARN{}, err
	}
	if err := checkName("role name", roleName, 1, maxRoleName); err != nil {
		return ARN{}, err
	}
	if err := checkName("session name", sessionName, minSessionName, maxSessionName); err != nil {
		return ARN{}, err
	}
	return build(partition, "sts", account, "assumed-role/"+roleName+"/"+sessionName)
}

// FederatedUser returns the ARN of a GetFederationToken session,
// arn:P:sts::ACCOUNT:federated-user/NAME. Names are [\w+=,.@-]{2,32}, the
// limit of the GetFederationToken Name parameter. Errors are *FieldError.
func FederatedUser(partition, account, name string) (ARN, error) {
	if err := checkCommon(partition, account); err != nil {
		return ARN{}, err
	}
	if err := checkName("federated user name", name, minFederatedName, maxFederatedName); err != nil {
		return ARN{}, err
	}
	return build(partition, "sts", account, "federated-user/"+name)
}

// Root returns the ARN of an account's root user, arn:P:iam::ACCOUNT:root,
// which is also how a policy names "the whole account" as a principal.
// Errors are *FieldError.
func Root(partition, account string) (ARN, error) {
	if err := checkCommon(partition, account); err != nil {
		return ARN{}, err
	}
	return build(partition, "iam", account, "root")
}

// servicePrincipalSuffixes are the DNS suffixes of AWS partitions under
// which service principals are named (e.g. "ec2.amazonaws.com",
// "ec2.amazonaws.com.cn"), from the SDK partition metadata.
var servicePrincipalSuffixes = [...]string{
	".amazonaws.com",
	".amazonaws.com.cn",
	".amazonaws.eu",
	".c2s.ic.gov",
	".sc2s.sgov.gov",
	".cloud.adc-e.uk",
	".csp.hci.ic.gov",
}

// IsServicePrincipal reports whether s looks like an AWS service principal,
// such as "lambda.amazonaws.com" or "states.us-east-1.amazonaws.com": one or
// more DNS labels of [a-z0-9-] (not starting or ending with '-') followed by
// a partition DNS suffix. It checks syntax only, not that the service exists.
func IsServicePrincipal(s string) bool {
	if len(s) > 253 {
		return false
	}
	for _, suf := range servicePrincipalSuffixes {
		head, ok := strings.CutSuffix(s, suf)
		if !ok {
			continue
		}
		if head == "" {
			return false
		}
		for head != "" {
			var label string
			label, head, _ = strings.Cut(head, ".")
			if !isDNSLabel(label) {
				return false
			}
		}
		return !strings.HasSuffix(s[:len(s)-len(suf)], ".")
	}
	return false
}

// isDNSLabel reports whether l is 1-63 bytes of [a-z0-9-] without a leading
// or trailing '-'.
func isDNSLabel(l string) bool {
	if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	return indexNotLowerAlnumDash(l) < 0
}
