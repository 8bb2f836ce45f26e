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
	// The statements are walked only when the policy's traits say one of
	// them may break a rule of the place (placement) or the kind has rules
	// of its own: most policies are not walked again after Parse (which
	// matters for a large one, no longer in the caches by then). FuzzParse
	// holds Refusals to Validate, which walks every statement.
	placement := p.traits&kind.placementTraits() != 0
	if kindRules := hasKindRules(kind); placement || kindRules {
		for i := range p.rules {
			if placement {
				v.placement(&p.rules[i])
			}
			if kindRules {
				v.kindRules(&p.rules[i])
			}
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

// stmtTraits are what a policy's statements hold that placement checks
// against the rules of a place. Parse keeps their union in the Policy, so
// that Refusals walks the statements only when one may break a rule.
type stmtTraits uint8

const (
	traitPrincipal    stmtTraits = 1 << iota // a statement has Principal or NotPrincipal
	traitNoPrincipal                         // a statement has neither
	traitNotPrincipal                        // a statement has NotPrincipal
	traitResource                            // a statement has Resource or NotResource
	traitNoResource                          // a statement has neither
	traitOddSid                              // a Sid holds a character other than A-Z, a-z, 0-9
)

// traits returns what placement looks at in the statement.
func (r *Rule) traits() stmtTraits {
	var t stmtTraits
	if r.principal != nil {
		t |= traitPrincipal
	} else {
		t |= traitNoPrincipal
	}
	if r.notPrincipal {
		t |= traitNotPrincipal
	}
	if r.keyOffs.resource >= 0 {
		t |= traitResource
	}
	if !r.hasResource {
		t |= traitNoResource
	}
	if r.sid != "" && !isAlnum(r.sid) {
		t |= traitOddSid
	}
	return t
}

// placementTraits returns the traits for which placement reports a finding
// in a policy of the kind: the conditions of placement's checks, one for
// one.
func (k Kind) placementTraits() stmtTraits {
	f := k.facts()
	var t stmtTraits
	switch f.principal {
	case Forbidden:
		t |= traitPrincipal
	case Required:
		t |= traitNoPrincipal
		if !f.notPrincipal {
			t |= traitNotPrincipal
		}
	}
	switch f.resource {
	case Forbidden:
		t |= traitResource
	case Required:
		t |= traitNoResource
	}
	if f.iamStored {
		t |= traitOddSid
	}
	return t
}
