package policy

import (
	"slices"
)

// Refusals returns the findings of Validate(kind) that make AWS refuse to
// store the policy in that place (IAM's MalformedPolicyDocument, the
// Organizations and service equivalents): the defects that must keep a
// policy from ever being evaluated. It leaves out what AWS stores despite
// an Access Analyzer ERROR: actions missing from the catalog (AWS managed
// policies such as SecurityAudit still list retired ones) and size quotas
// (AWS managed policies have none, and a loader that knows where a policy
// is stored checks its quota). The result is nil when AWS would store the
// policy. Which codes are refused is CodeInfo.Refused, in codeTable.
func (p *Policy) Refusals(kind Kind) ErrorList {
	// The checks whose findings AWS refuses, alone: Validate would also
	// build the Document form and run the Access Analyzer checks, which
	// cost more than parsing (evaluate's Compile asks for every policy).
	// TestRefusalsIsValidateFiltered holds the two together.
	v := &validator{p: p, kind: kind}
	for _, f := range forKind(slices.Clone(p.findings), kind) {
		if f.Severity == Error {
			v.findings = append(v.findings, f)
		}
	}
	v.managedVersion()
	for i := range p.rules {
		v.placement(&p.rules[i])
		switch kind {
		case RCP:
			v.rcpStatement(&p.rules[i])
		case Trust:
			v.cognitoTrust(&p.rules[i])
		}
	}
	var out ErrorList
	for _, f := range v.findings {
		if f.Severity == Error && f.Code.refused() {
			out = append(out, f)
		}
	}
	sortFindings(out)
	return out
}

// refused reports whether an ERROR finding of code c is one AWS refuses to
// store. A code missing from the table is refused: failing closed.
func (c Code) refused() bool {
	info, ok := c.Info()
	return !ok || info.Refused
}
