package policy

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
)

// aaPrincipals applies Access Analyzer's principal checks that depend on
// the policy's kind and the statement's other elements (IAM User Guide,
// "IAM policy validation check reference"):
//   - Federated principal not supported: a Federated principal outside a
//     role trust policy (identity providers assume roles; resource
//     policies name them nowhere else).
//   - Missing action for Roles Anywhere trust policy: a trust policy that
//     trusts rolesanywhere.amazonaws.com must allow sts:AssumeRole,
//     sts:TagSession and sts:SetSourceIdentity (IAM Roles Anywhere User
//     Guide, "Trust model").
//   - Missing GitHub repo condition key: a trust policy that trusts
//     GitHub's OIDC provider without a token.actions.githubusercontent.com:sub
//     condition lets every repository on GitHub assume the role.
//   - Restrict access to service principal: a resource policy that allows
//     a service principal with no aws:SourceArn, aws:SourceAccount,
//     aws:SourceOrgID or aws:SourceOrgPaths condition (IAM User Guide, "The
//     confused deputy problem").
func aaPrincipals(st *aaStmt) []aaNote {
	ps := st.principal
	if ps == nil || st.notPrinc {
		return nil
	}
	var out []aaNote
	if len(ps.Federated) > 0 && st.kind != Trust {
		out = append(out, note(CodeFederatedPrincipalNotSupported, aaPrincipal, -1, fmt.Sprintf("a Federated principal is supported only in a role trust policy, not in a%s %s policy", article(st.kind), st.kind)))
	}
	if st.effect != Allow {
		return out
	}
	if st.kind == Trust {
		for _, s := range ps.Service {
			if s == "rolesanywhere.amazonaws.com" && !st.notAction {
				var missing []string
				for _, a := range []string{"sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"} {
					if how, _ := grants(st, strings.ToLower(a)); how == 0 {
						missing = append(missing, a)
					}
				}
				if len(missing) > 0 {
					out = append(out, note(CodeMissingActionForRolesAnywhere, aaAction, -1, fmt.Sprintf("a trust policy for IAM Roles Anywhere must allow sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity: add %s", strings.Join(missing, ", "))))
				}
			}
		}
		for _, f := range ps.Federated {
			if strings.HasSuffix(f, "token.actions.githubusercontent.com") && !hasKey(st, "token.actions.githubusercontent.com:sub") {
				out = append(out, note(CodeMissingGitHubRepoConditionKey, aaPrincipal, -1, "any GitHub repository can assume this role: add a condition on token.actions.githubusercontent.com:sub that names your repositories"))
			}
		}
	}
	if st.kind == Resource && len(ps.Service) > 0 &&
		!hasKey(st, "aws:sourcearn") && !hasKey(st, "aws:sourceaccount") && !hasKey(st, "aws:sourceorgid") && !hasKey(st, "aws:sourceorgpaths") {
		out = append(out, note(CodeRestrictAccessToServicePrincipal, aaPrincipal, -1, fmt.Sprintf("the service principal %s acts for any account: add an aws:SourceArn, aws:SourceAccount or aws:SourceOrgID condition", ps.Service[0])))
	}
	return out
}

// hasKey reports whether a clause of the statement tests the lower-case key.
func hasKey(st *aaStmt, lower string) bool {
	for _, c := range st.clauses {
		if c.LowerKey == lower {
			return true
		}
	}
	return false
}

// aaUniqueIDs reports AWS principals written as unique ids (Access
// Analyzer's Invalid role reference and Invalid user reference): IAM
// writes a role's (AROA…) or user's (AIDA…) id in place of its ARN when
// the principal is deleted, so the policy no longer names a principal that
// exists; a recreated role of the same name has a new id. Other unique ids
// keep iamsim's UNIQUE_ID_PRINCIPAL.
func aaUniqueIDs(st *aaStmt) []aaNote {
	if st.principal == nil {
		return nil
	}
	var out []aaNote
	for _, p := range st.principal.AWS {
		switch {
		case p.Kind != compiled.AWSUniqueID:
		case strings.HasPrefix(p.Raw, "AROA"):
			out = append(out, note(CodeInvalidRoleReference, aaPrincipal, -1, fmt.Sprintf("the principal %s is a role's unique id, which IAM writes when the role is deleted: name the role by its ARN", p.Raw)))
		case strings.HasPrefix(p.Raw, "AIDA"):
			out = append(out, note(CodeInvalidUserReference, aaPrincipal, -1, fmt.Sprintf("the principal %s is a user's unique id, which IAM writes when the user is deleted: name the user by its ARN", p.Raw)))
		}
	}
	return out
}
