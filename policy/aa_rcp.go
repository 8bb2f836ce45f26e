package policy

import (
	"fmt"
	"strings"
)

// aaRCPKeys applies Access Analyzer's three RCP warnings (IAM User Guide,
// "IAM policy validation check reference"): an RCP applies to IAM
// principals and to service principals alike, so a statement that tests
// a key of one kind of caller must say which kind it is about:
//   - RCP missing related principal condition key: a key of the principal
//     (IAM User Guide, global condition keys, "Properties of the
//     principal": aws:PrincipalArn, aws:PrincipalAccount,
//     aws:PrincipalOrgID, …; not the keys about service principals) without
//     "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}.
//   - RCP missing related service principal condition key: a source key of
//     a service's call (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID,
//     aws:SourceOrgPaths) without "BoolIfExists" (or "Bool")
//     {"aws:PrincipalIsAWSService": "true"}.
//   - RCP missing service condition key null check: such a source key
//     without "Null": {"aws:SourceAccount": "false"} or
//     {"aws:SourceArn": "false"}, since a service may call without them.
//
// A Bool clause counts as the BoolIfExists the reference shows: it
// excludes the other kind of caller as well (it differs only for
// anonymous requests, which carry no aws:PrincipalIsAWSService).
func aaRCPKeys(st *aaStmt) []aaNote {
	if st.kind != RCP {
		return nil
	}
	isService := map[string]bool{}
	nullChecked := false
	for _, c := range st.clauses {
		op := opOf(&c)
		switch {
		case c.LowerKey == "aws:principalisawsservice" && op.family == "Bool" && !op.negated:
			for _, v := range c.Values {
				isService[strings.ToLower(v.Raw)] = true
			}
		case op.family == "Null" && (c.LowerKey == "aws:sourceaccount" || c.LowerKey == "aws:sourcearn"):
			for _, v := range c.Values {
				nullChecked = nullChecked || strings.EqualFold(v.Raw, "false")
			}
		}
	}
	var out []aaNote
	for ci := range st.clauses {
		c := &st.clauses[ci]
		if opOf(c).family == "Null" {
			continue
		}
		switch {
		case principalKey(c.LowerKey) && !isService["false"]:
			out = append(out, note(CodeRCPMissingRelatedPrincipalConditionKey, aaCondition, ci, fmt.Sprintf("an RCP also applies to service principals, which %s does not describe: add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}", c.Key)))
		case isSourceKey(c.LowerKey):
			if !isService["true"] {
				out = append(out, note(CodeRCPMissingRelatedServicePrincipalConditionKey, aaCondition, ci, fmt.Sprintf("an RCP also applies to IAM principals, which %s does not describe: add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"true\"}", c.Key)))
			}
			if !nullChecked {
				out = append(out, note(CodeRCPMissingServiceConditionKeyNullCheck, aaCondition, ci, fmt.Sprintf("a service may call without %s: add \"Null\": {\"aws:SourceAccount\": \"false\"} or {\"aws:SourceArn\": \"false\"}", c.Key)))
			}
		}
	}
	return out
}

// principalKey reports whether a lower-case key describes an IAM principal
// (global condition keys, "Properties of the principal", without the keys
// about service principals).
func principalKey(k string) bool {
	switch k {
	case "aws:principalisawsservice", "aws:principalservicename", "aws:principalservicenameslist":
		return false
	case "aws:userid", "aws:username":
		return true
	}
	return strings.HasPrefix(k, "aws:principal")
}

func isSourceKey(k string) bool {
	for _, s := range sourceKeys {
		if k == s {
			return true
		}
	}
	return false
}
