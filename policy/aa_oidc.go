package policy

import (
	"fmt"
	"strings"
)

// githubSubKey is the claim of GitHub's OIDC provider that names the
// repository, and the branch or environment, a workflow runs for (GitHub
// Docs, "Configuring OpenID Connect in Amazon Web Services"); githubRefKey
// names the git ref alone.
const (
	githubSubKey = "token.actions.githubusercontent.com:sub"
	githubRefKey = "token.actions.githubusercontent.com:ref"
)

// webIdentityProviders are the identity providers a trust policy names
// without an ARN (IAM User Guide, "AWS JSON policy elements: Principal",
// OIDC principals); other OIDC providers are named by the ARN of their IAM
// OIDC provider, arn:aws:iam::111122223333:oidc-provider/URL.
var webIdentityProviders = map[string]bool{
	"accounts.google.com": true, "graph.facebook.com": true,
	"www.amazon.com": true, "cognito-identity.amazonaws.com": true,
}

// aaOIDCClaims applies Access Analyzer's checks of the claims of an OIDC
// identity provider that a role trust policy tests (IAM User Guide, "IAM
// policy validation check reference"):
//   - Confirm audience claim type (SUGGESTION): every clause on a
//     PROVIDER:aud key, PROVIDER a host name (service prefixes and aws:
//     have no dot): the aud claim is single-valued, so no set qualifier.
//   - ForAnyValue with audience claim type (SECURITY_WARNING): ForAnyValue
//     on such a key.
//   - Specific GitHub repo and branch recommended (WARNING): a wildcard in
//     token.actions.githubusercontent.com:sub under StringLike (under
//     StringEquals a * matches only itself, which
//     WILDCARD_WITHOUT_LIKE_OPERATOR reports), or a subject that names no
//     branch (repo:o/r:environment:prod) without a
//     token.actions.githubusercontent.com:ref condition.
//   - Missing condition key for OIDC principal (SECURITY_WARNING): an Allow
//     of an OIDC provider with no condition on a key of that provider.
func aaOIDCClaims(st *aaStmt) []aaNote {
	if st.kind != Trust {
		return nil
	}
	var out []aaNote
	for ci := range st.clauses {
		c := &st.clauses[ci]
		i := strings.LastIndexByte(c.LowerKey, ':')
		if i <= 0 {
			continue
		}
		provider, claim := c.Key[:i], c.LowerKey[i+1:]
		if claim == "aud" && strings.Contains(provider, ".") {
			out = append(out, note(CodeConfirmAudienceClaimType, aaCondition, ci, fmt.Sprintf("the %s:aud claim names the app the token is for and is single-valued: test it without ForAnyValue or ForAllValues", provider)))
			if opOf(c).qual == "ForAnyValue" {
				out = append(out, note(CodeForAnyValueWithAudienceClaimType, aaCondition, ci, fmt.Sprintf("ForAnyValue with the single-valued claim %s can be overly permissive: remove ForAnyValue:", c.Key)))
			}
		}
	}
	if st.effect != Allow {
		return out
	}
	out = append(out, aaGitHubSubject(st)...)
	if st.principal == nil || st.notPrinc {
		return out
	}
	for _, f := range st.principal.Federated {
		p, ok := oidcProvider(f)
		if ok && !hasKeyPrefix(st, strings.ToLower(p)+":") {
			out = append(out, note(CodeMissingConditionKeyForOIDCPrincipal, aaPrincipal, -1, fmt.Sprintf("any identity of %s can assume this role: add a condition on its claims (%s:aud, %s:sub)", p, p, p)))
		}
	}
	return out
}

// aaGitHubSubject reports the clauses on GitHub's sub claim that let more
// repositories or branches than one assume the role.
func aaGitHubSubject(st *aaStmt) []aaNote {
	hasRef := hasKey(st, githubRefKey)
	for ci := range st.clauses {
		c := &st.clauses[ci]
		op := opOf(c)
		if c.LowerKey != githubSubKey || op.family != "String" || op.negated {
			continue
		}
		for _, v := range c.Values {
			switch {
			case op.name == "StringLike" && strings.ContainsAny(v.Raw, "*?"):
				return []aaNote{note(CodeSpecificGitHubRepoAndBranchRecommended, aaCondition, ci, fmt.Sprintf("the wildcard in %q lets more repositories or branches than intended assume this role: name the repository and branch (repo:OWNER/REPO:ref:refs/heads/BRANCH)", v.Raw))}
			case !hasRef && !strings.Contains(v.Raw, ":ref:"):
				return []aaNote{note(CodeSpecificGitHubRepoAndBranchRecommended, aaCondition, ci, fmt.Sprintf("the subject %q names no branch: name it in the subject, or add a condition on %s", v.Raw, githubRefKey))}
			}
		}
	}
	return nil
}

// oidcProvider returns the URL (host and path) of an OIDC identity
// provider a Federated principal names; SAML providers are not OIDC.
func oidcProvider(f string) (string, bool) {
	if webIdentityProviders[strings.ToLower(f)] {
		return f, true
	}
	if _, p, ok := strings.Cut(f, ":oidc-provider/"); ok && strings.HasPrefix(f, "arn:") && p != "" {
		return p, true
	}
	return "", false
}

// hasKeyPrefix reports whether a clause of the statement tests a key that
// starts with the lower-case prefix.
func hasKeyPrefix(st *aaStmt, lower string) bool {
	for _, c := range st.clauses {
		if strings.HasPrefix(c.LowerKey, lower) {
			return true
		}
	}
	return false
}
