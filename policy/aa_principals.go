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
		out = append(out, principalNote(CodeFederatedPrincipalNotSupported, ps.Federated[0], fmt.Sprintf("a Federated principal is supported only in a role trust policy, not in a%s %s policy", article(st.kind), st.kind)))
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
	if st.kind == Resource && len(ps.Service) > 0 {
		sourced := hasSourceKey(st)
		if !sourced {
			out = append(out, note(CodeRestrictAccessToServicePrincipal, aaPrincipal, -1, fmt.Sprintf("the service principal %s acts for any account: add an aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition", ps.Service[0])))
		}
		out = append(out, aaServicePrincipalKeys(st, sourced)...)
	}
	if st.kind == Trust {
		out = append(out, aaRedundantSessions(st)...)
	}
	return out
}

// sourceKeys are the keys that tie a service principal's request to the
// resource or account it acts for (IAM User Guide, "The confused deputy
// problem").
var sourceKeys = []string{"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"}

func hasSourceKey(st *aaStmt) bool {
	for _, k := range sourceKeys {
		if hasKey(st, k) {
			return true
		}
	}
	return false
}

// aaServicePrincipalKeys reports, for a resource policy's Allow of a
// service principal, each global key it tests that does not fit one: a key
// of the principal's organization when every principal is a service, with
// or without a source key beside it (UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: the
// reference's example is aws:PrincipalOrgID with cloudfront.amazonaws.com;
// the global condition keys page gives aws:PrincipalOrgID and
// aws:PrincipalOrgPaths "only if the principal is a member of an
// organization", which a service is not; AWS's full list is its own), else
// when the statement has no source key (sourced false), the recommendation
// of one instead (RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL, aws:Referer in the
// reference's example) for a key that says who or where a request comes
// from (originKey). Service keys (s3:x-amz-acl) and global keys about the
// request itself (aws:SecureTransport, aws:RequestedRegion, aws:CurrentTime)
// are left alone: a source key does not replace them, so "use aws:SourceArn
// instead of aws:SecureTransport" would be wrong advice, and
// RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL already asks for the source key.
func aaServicePrincipalKeys(st *aaStmt, sourced bool) []aaNote {
	ps := st.principal
	onlyServices := !ps.All && len(ps.AWS) == 0 && len(ps.Federated) == 0 && len(ps.CanonicalUser) == 0
	var out []aaNote
	for ci := range st.clauses {
		c := &st.clauses[ci]
		if !originKey(c.LowerKey) {
			continue
		}
		if onlyServices && (c.LowerKey == "aws:principalorgid" || c.LowerKey == "aws:principalorgpaths") {
			out = append(out, note(CodeUnsupportedConditionKeyForServicePrincipal, aaCondition, ci, fmt.Sprintf("a service principal belongs to no organization, so %s has no value for %s: use aws:SourceOrgID or aws:SourceOrgPaths", c.Key, ps.Service[0])))
			continue
		}
		if sourced {
			continue
		}
		out = append(out, note(CodeRecommendedConditionKeyForServicePrincipal, aaCondition, ci, fmt.Sprintf("to restrict the service principal %s acting for you, use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths instead of %s", ps.Service[0], c.Key)))
	}
	return out
}

// originKey reports whether a lower-case global key says who sends a
// request or where it comes from, what the source keys say of a service
// principal's request instead: aws:Referer and aws:UserAgent (the
// reference's example, and the other header key), the network keys
// (aws:SourceIp, aws:SourceVpc, aws:SourceVpce, aws:VpcSourceIp) and the
// keys of the principal (IAM User Guide, global condition keys,
// "Properties of the principal", without those about service principals).
func originKey(k string) bool {
	switch k {
	case "aws:referer", "aws:useragent", "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip":
		return true
	}
	return principalKey(k)
}

// aaRedundantSessions reports a role session principal
// (arn:aws:sts::111122223333:assumed-role/NAME/SESSION) named beside its
// role (arn:aws:iam::111122223333:role/PATH/NAME) in a trust policy
// (REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY): the role covers its sessions.
func aaRedundantSessions(st *aaStmt) []aaNote {
	roles := map[string]string{} // partition:account:name, lower case -> role ARN
	for _, p := range st.principal.AWS {
		f := strings.SplitN(p.Raw, ":", 6)
		if p.Kind == compiled.AWSARN && len(f) == 6 && f[2] == "iam" && strings.HasPrefix(f[5], "role/") {
			name := f[5][strings.LastIndexByte(f[5], '/')+1:]
			roles[strings.ToLower(f[1]+":"+f[4]+":"+name)] = p.Raw
		}
	}
	var out []aaNote
	for _, p := range st.principal.AWS {
		f := strings.SplitN(p.Raw, ":", 6)
		if p.Kind != compiled.AWSARN || len(f) != 6 || f[2] != "sts" || !strings.HasPrefix(f[5], "assumed-role/") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(f[5], "assumed-role/"), "/")
		if role, ok := roles[strings.ToLower(f[1]+":"+f[4]+":"+name)]; ok {
			out = append(out, principalNote(CodeRedundantPrincipalInRoleTrustPolicy, p.Raw, fmt.Sprintf("the session principal %s is redundant with its role %s: remove the session", p.Raw, role)))
		}
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
			out = append(out, principalNote(CodeInvalidRoleReference, p.Raw, fmt.Sprintf("the principal %s is a role's unique id, which IAM writes when the role is deleted: name the role by its ARN", p.Raw)))
		case strings.HasPrefix(p.Raw, "AIDA"):
			out = append(out, principalNote(CodeInvalidUserReference, p.Raw, fmt.Sprintf("the principal %s is a user's unique id, which IAM writes when the user is deleted: name the user by its ARN", p.Raw)))
		}
	}
	return out
}
