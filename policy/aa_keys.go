package policy

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/compiled"
)

// The checks of this file read one condition key and what the statement
// says around it. Their triggers are those the "IAM policy validation check
// reference" (IAM User Guide, access-analyzer-reference-policy-checks.md)
// states, with the lists of keys the IAM User Guide's "AWS global condition
// context keys" page gives (reference_policies_condition-keys.md).

// sensitiveKeys are the keys the global condition keys page calls
// sensitive ("Sensitive condition keys": a wildcard in their value has no
// valid use), in lower case. Access Analyzer refuses a wildcard or a
// policy variable in them (WILDCARD_USAGE_TOO_PERMISSIVE,
// VARIABLE_USAGE_TOO_PERMISSIVE, for aws:userid only: see aaWildcardUsage).
var sensitiveKeys = map[string]bool{
	"aws:principalaccount": true, "aws:principalorgid": true,
	"aws:resourceaccount": true, "aws:resourceorgid": true,
	"aws:sourceaccount": true, "aws:sourceorgid": true,
	"aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:vpceaccount": true, "aws:vpceorgid": true,
}

// untrustworthyKeys are the keys whose value the caller writes in an HTTP
// header: the global condition keys page warns that aws:referer and
// aws:UserAgent "should not be used to prevent unauthorized parties from
// making direct AWS requests" (UNTRUSTWORTHY_CONDITION_KEY).
var untrustworthyKeys = map[string]bool{"aws:referer": true, "aws:useragent": true}

// aaKeyChecks runs the checks of one condition key on every clause of st:
// untrustworthy keys, wildcards and policy variables in sensitive keys and
// in aws:userid, s3:prefix in a negative context, and the action a trust
// policy must allow for a key the caller sets.
func aaKeyChecks(st *aaStmt) []aaNote {
	var out []aaNote
	for ci := range st.clauses {
		c := &st.clauses[ci]
		switch {
		case untrustworthyKeys[c.LowerKey]:
			out = append(out, note(CodeUntrustworthyConditionKey, aaCondition, ci, fmt.Sprintf("the caller writes %s (an HTTP header): it can be spoofed and does not control access", c.Key)))
		case c.LowerKey == "s3:prefix":
			op := opOf(c)
			if op.family == "String" && (st.effect == Deny) != op.negated {
				out = append(out, note(CodeS3PrefixInNegativeContext, aaCondition, ci, "s3:prefix in a Deny, or with a negated operator in an Allow, does not stop listing: a request with a shorter prefix does not match; allow with StringLike, or deny with StringNotLike"))
			}
		}
		out = append(out, aaWildcardUsage(c, ci)...)
		if n, ok := aaMissingActionForKey(st, ci); ok {
			out = append(out, n)
		}
	}
	return append(out, aaDynamoDBSelect(st)...)
}

// aaWildcardUsage reports a wildcard or a policy variable where Access
// Analyzer forbids one: in a sensitive key's value, and in an aws:userid
// value anywhere but right of its colon or as the whole of its left side
// (AIDAEXAMPLE:* and *:* are fine, * and AROA*:* are not). Left out: the
// rule that a wildcard or variable must follow six fixed characters, whose
// keys the reference does not list; and a policy variable in a sensitive
// key, which the reference also names but which AWS's own data perimeter
// pattern uses (aws:ResourceAccount = ${aws:PrincipalAccount}, iamsim's
// scenario 232): what AA accepts there is not documented, so iamsim
// reports variables in aws:userid only.
func aaWildcardUsage(c *compiled.Clause, ci int) []aaNote {
	if opOf(c).family != "String" {
		return nil
	}
	sensitive, userid := sensitiveKeys[c.LowerKey], c.LowerKey == "aws:userid"
	if !sensitive && !userid {
		return nil
	}
	var out []aaNote
	wild, variable := false, false
	for _, v := range c.Values {
		w, vr := strings.ContainsAny(v.Raw, "*?"), false
		if userid {
			w, vr = useridTooBroad(v.Raw)
		}
		wild, variable = wild || w, variable || vr
	}
	what := fmt.Sprintf("%s is a sensitive key (IAM User Guide, \"Sensitive condition keys\")", c.Key)
	if userid {
		what = "in aws:userid, put it right of the colon, or alone left of it (AIDAEXAMPLE:*, *:*)"
	}
	if wild {
		out = append(out, note(CodeWildcardUsageTooPermissive, aaCondition, ci, "a wildcard here can match any value: "+what))
	}
	if variable {
		out = append(out, note(CodeVariableUsageTooPermissive, aaCondition, ci, "a policy variable here can act as a wildcard: "+what))
	}
	return out
}

// useridTooBroad reports whether an aws:userid value has a wildcard, or a
// policy variable, where the reference does not allow one: anywhere in a
// value without a colon, or left of the first colon (outside a variable)
// unless it is all of the left side.
func useridTooBroad(v string) (wild, variable bool) {
	left, colon := v, false
	for i, depth := 0, 0; i < len(v); i++ {
		switch {
		case strings.HasPrefix(v[i:], "${"):
			depth++
		case v[i] == '}' && depth > 0:
			depth--
		case v[i] == ':' && depth == 0:
			left, colon = v[:i], true
		}
		if colon {
			break
		}
	}
	wild = strings.ContainsAny(left, "*?")
	variable = strings.Contains(left, "${")
	if colon {
		wild = wild && left != "*"
		whole := strings.HasPrefix(left, "${") && strings.Count(left, "${") == 1 && strings.HasSuffix(left, "}")
		variable = variable && !whole
	}
	return wild, variable
}

// keyNeedsAction gives, for the keys a caller sets when it assumes a role,
// the action the trust policy must allow for the key to have a value (IAM
// User Guide, "Passing session tags in AWS STS": sts:TagSession;
// "Monitor and control actions taken with assumed roles":
// sts:SetSourceIdentity).
func keyNeedsAction(lowerKey string) (string, bool) {
	switch {
	case strings.HasPrefix(lowerKey, "aws:requesttag/"), lowerKey == "aws:tagkeys", lowerKey == "sts:transitivetagkeys":
		return "sts:TagSession", true
	case lowerKey == "sts:sourceidentity":
		return "sts:SetSourceIdentity", true
	}
	return "", false
}

// aaMissingActionForKey reports a trust policy's Allow that tests a key
// the caller sets without allowing the action that sets it
// (MISSING_ACTION_FOR_CONDITION_KEY): the condition is never evaluated
// with a value. iamsim knows these pairs for role trust policies only.
func aaMissingActionForKey(st *aaStmt, ci int) (aaNote, bool) {
	if st.kind != Trust || st.effect != Allow {
		return aaNote{}, false
	}
	c := &st.clauses[ci]
	action, ok := keyNeedsAction(c.LowerKey)
	if !ok || opOf(c).family == "Null" {
		return aaNote{}, false
	}
	if how, _ := grants(st, strings.ToLower(action)); how != 0 {
		return aaNote{}, false
	}
	return note(CodeMissingActionForConditionKey, aaCondition, ci, fmt.Sprintf("the caller gives %s only with %s: add %s to the statement's actions", c.Key, action, action)), true
}

// aaDynamoDBSelect reports an Allow that restricts dynamodb:Attributes
// without dynamodb:Select = SPECIFIC_ATTRIBUTES in the same statement
// (DYNAMODB_ATTRIBUTES_WITHOUT_SELECT): DynamoDB checks the attributes only
// of requests that name them, so a read without a projection returns whole
// items (DynamoDB Developer Guide, "Using IAM policy conditions for
// fine-grained access control").
func aaDynamoDBSelect(st *aaStmt) []aaNote {
	if st.effect != Allow {
		return nil
	}
	attrs, selected := -1, false
	for ci := range st.clauses {
		c := &st.clauses[ci]
		switch c.LowerKey {
		case "dynamodb:attributes":
			if attrs < 0 {
				attrs = ci
			}
		case "dynamodb:select":
			op := opOf(c)
			if op.name == "StringEquals" && op.qual == "" && !op.ifExists && len(c.Values) > 0 {
				selected = true
				for _, v := range c.Values {
					selected = selected && v.Raw == "SPECIFIC_ATTRIBUTES"
				}
			}
		}
	}
	if attrs < 0 || selected {
		return nil
	}
	return []aaNote{note(CodeDynamoDBAttributesWithoutSelect, aaCondition, attrs, "dynamodb:Attributes limits only the requests that name attributes: add StringEquals dynamodb:Select SPECIFIC_ATTRIBUTES, or a read without a projection returns every attribute")}
}
