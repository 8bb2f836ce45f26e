package policy

import (
	"fmt"
	"strings"
)

// githubSubKey is the claim of GitHub's OIDC provider that names the
// repository, and the branch or environment, a workflow runs for (GitHub
// Docs, "Configuring OpenID Connect in Amazon Web Services").
const githubSubKey = "token.actions.githubusercontent.com:sub"

// aaOIDCClaims applies Access Analyzer's checks of the claims of an OIDC
// identity provider that a role trust policy tests, as far as AWS states
// them. The current "IAM policy validation check reference" (IAM User
// Guide, access-analyzer-reference-policy-checks) was not reachable
// offline; the two checks are known from Access Analyzer's own output as
// users quote it, with the page's anchors:
//   - Specific GitHub repo and branch recommended (WARNING, anchor
//     #access-analyzer-reference-policy-checks-general-warning-specific-github-repo-and-branch-recommended):
//     its finding says that a wildcard (*) in
//     token.actions.githubusercontent.com:sub can allow requests from more
//     sources than intended, and asks for the repository and branch name.
//     iamsim reports a value with a wildcard under StringLike (under
//     StringEquals a * matches only itself, which
//     WILDCARD_WITHOUT_LIKE_OPERATOR reports). Left out: users report the
//     finding also on exact subjects that name a GitHub environment rather
//     than a branch (repo:o/r:environment:prod); the rule behind that is
//     not documented, so iamsim does not guess it.
//   - Confirm audience claim type (SUGGESTION): reported by Access
//     Analyzer on trust policies that test an identity provider's aud
//     claim, with or without a set qualifier; it asks the author to confirm
//     whether the provider issues aud as a single value or as a list
//     (RFC 7519 §4.1.3 allows both), which decides whether ForAnyValue or
//     ForAllValues belongs on the condition. iamsim reports every clause on
//     a PROVIDER:aud key, PROVIDER being a host name (OIDC providers are
//     named by their URL; service prefixes and aws: have no dot).
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
			out = append(out, note(CodeConfirmAudienceClaimType, aaCondition, ci, fmt.Sprintf("confirm whether %s issues the aud claim as one value or as a list: a single-valued claim is tested without ForAnyValue or ForAllValues, a list with one of them", provider)))
		}
		if c.LowerKey != githubSubKey || st.effect != Allow || opOf(c).name != "StringLike" {
			continue
		}
		for _, v := range c.Values {
			if strings.ContainsAny(v.Raw, "*?") {
				out = append(out, note(CodeSpecificGitHubRepoAndBranchRecommended, aaCondition, ci, fmt.Sprintf("the wildcard in %q lets more repositories or branches than intended assume this role: name the repository and branch (repo:OWNER/REPO:ref:refs/heads/BRANCH)", v.Raw)))
				break
			}
		}
	}
	return out
}
