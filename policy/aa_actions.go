package policy

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/catalog"
)

// aaActions applies Access Analyzer's checks of the Action entries that
// need no other element: a wildcard in the service prefix (Suggestion –
// Wildcard in service name) and, in an RCP, an action of a service RCPs do
// not apply to (AWS Organizations User Guide, "RCP syntax" and the list of
// supported services; AA's RCP_SYNTAX_ERROR_ACTION).
func aaActions(st *aaStmt) []aaNote {
	var out []aaNote
	for i, a := range st.actions {
		svc, _, ok := strings.Cut(a, ":")
		if !ok {
			continue
		}
		if strings.ContainsAny(svc, "*?") {
			out = append(out, note(CodeWildcardInServiceName, aaAction, i, fmt.Sprintf("the service prefix of %q has a wildcard: it may match services you do not mean; name the service", a)))
			continue
		}
		if st.kind == RCP && !catalog.RCPSupported(svc) && catalog.KnownService(svc) {
			out = append(out, note(CodeRCPSyntaxErrorAction, aaAction, i, fmt.Sprintf("RCPs do not apply to the service %s: an RCP may name actions of %s only", svc, strings.Join(catalog.RCPServices(), ", "))))
		}
	}
	return out
}

// sensitiveAction is one of the two actions Access Analyzer watches for
// broad grants: iam:PassRole (SECURITY_WARNING) and
// iam:CreateServiceLinkedRole (WARNING).
type sensitiveAction struct {
	lower string // the action in lower case
	name  string
	// guard is the condition key that narrows the grant as AA recommends
	// (iam:PassedToService; iam:AWSServiceName): with it, no finding.
	guard string
	// codes by how the action and the resources are granted: the action
	// named, covered by a wildcard, or by NotAction; with "*" resources or
	// NotResource.
	star, starStar, notActStar, notRes, starNotRes, notActNotRes Code
}

var sensitiveActions = []sensitiveAction{
	{"iam:passrole", "iam:PassRole", "iam:passedtoservice",
		CodePassRoleWithStarInResource, CodePassRoleWithStarInActionAndResource, CodePassRoleWithNotActionAndStarInResource,
		CodePassRoleWithNotResource, CodePassRoleWithStarInActionAndNotResource, CodePassRoleWithNotActionAndNotResource},
	{"iam:createservicelinkedrole", "iam:CreateServiceLinkedRole", "iam:awsservicename",
		CodeCreateSLRWithStarInResource, CodeCreateSLRWithStarInActionAndResource, CodeCreateSLRWithStarInResourceAndNotAction,
		CodeCreateSLRWithNotResource, CodeCreateSLRWithStarInActionAndNotResource, CodeCreateSLRWithNotActionAndNotResource},
}

// aaSensitive applies Access Analyzer's Pass role and Create SLR checks to
// an Allow statement of an identity-based policy (IAM User Guide, "IAM
// policy validation check reference": Pass role with star in resource, …
// with NotResource, … with star in action and resource, …; Create SLR …).
// A statement with the action's guard condition key (iam:PassedToService
// for iam:PassRole) is narrowed as AA recommends and gets no finding. SCPs
// and RCPs grant nothing, and resource policies do not pass roles: the
// checks are for identity-based policies.
func aaSensitive(st *aaStmt) []aaNote {
	if st.effect != Allow || !st.kind.identityLike() || st.kind == SCP || st.kind == RCP {
		return nil
	}
	starRes := false
	for _, r := range st.resources {
		if r == "*" || coversAllRoles(r) {
			starRes = true
		}
	}
	if !starRes && !st.notResource {
		return nil
	}
	var out []aaNote
	for _, sa := range sensitiveActions {
		guarded := false
		for _, c := range st.clauses {
			if c.LowerKey == sa.guard {
				guarded = true
			}
		}
		if guarded {
			continue
		}
		how, at := grants(st, sa.lower)
		var code Code
		switch {
		case how == 0:
			continue
		case how == 'n' && st.notResource:
			code = sa.notActNotRes
		case how == 'n':
			code = sa.notActStar
		case how == '*' && st.notResource:
			code = sa.starNotRes
		case how == '*':
			code = sa.starStar
		case st.notResource:
			code = sa.notRes
		default:
			code = sa.star
		}
		elem := aaAction
		if how == 'n' {
			elem, at = aaAction, -1
		}
		out = append(out, note(code, elem, at, fmt.Sprintf("the statement allows %s on %s: name the resources%s", sa.name, resourcesWord(st), guardAdvice(sa))))
	}
	return out
}

func resourcesWord(st *aaStmt) string {
	if st.notResource {
		return "every resource not listed in NotResource"
	}
	return "every role"
}

func guardAdvice(sa sensitiveAction) string {
	if sa.lower == "iam:passrole" {
		return " or add an iam:PassedToService condition"
	}
	return ""
}

// grants says how a statement's actions cover the lower-case action a:
// 'a' named, '*' by a wildcard entry, 'n' by NotAction not listing it, 0
// not at all; at is the entry's index.
func grants(st *aaStmt, a string) (how byte, at int) {
	if st.notAction {
		for _, x := range st.actions {
			if globFold(x, a) {
				return 0, -1
			}
		}
		return 'n', -1
	}
	for i, x := range st.actions {
		if strings.EqualFold(x, a) {
			return 'a', i
		}
	}
	for i, x := range st.actions {
		if strings.ContainsAny(x, "*?") && globFold(x, a) {
			return '*', i
		}
	}
	return 0, -1
}

// coversAllRoles reports whether a Resource entry names every role of an
// account: arn:aws:iam::*:role/*, arn:aws:iam::111122223333:role/*. (AA
// exempts role names that start with a service's name, such as
// role/Service*: iamsim exempts every pattern with a literal name part.)
func coversAllRoles(r string) bool {
	f := strings.SplitN(r, ":", 6)
	if len(f) < 6 || !(f[2] == "iam" || f[2] == "*") {
		return false
	}
	return f[5] == "*" || f[5] == "role/*" || f[5] == "role*"
}
