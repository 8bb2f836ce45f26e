package policy

import (
	"strconv"
	"strings"
)

// CheckResource is Check for a resource-based policy attached to a
// resource of type rt (ValidatePolicy's validatePolicyResourceType): the
// checks of a resource policy (of a trust policy for RoleTrustPolicy) and
// those of the resource type, which name the actions and resource ARNs the
// resource does not support (UNSUPPORTED_ACTION_IN_POLICY,
// UNSUPPORTED_RESOURCE_ARN_IN_POLICY).
func CheckResource(name string, src []byte, rt ResourceType) (*Policy, []*Finding) {
	p, errs := parseFile(nil, name, src, 0, len(src), nil)
	if len(errs) == 0 {
		return p, p.ValidateResource(rt)
	}
	return Check(name, src, rt.Kind())
}

// ValidateResource is Validate for a resource-based policy attached to a
// resource of type rt (see CheckResource).
func (p *Policy) ValidateResource(rt ResourceType) []*Finding {
	return p.validate(rt.Kind(), rt)
}

// forKind gives Parse's findings the code Access Analyzer gives them in a
// policy of kind kind: a duplicate Sid is an ERROR in the policies IAM
// stores (UNIQUE_SIDS_REQUIRED) and a WARNING elsewhere
// (UNIQUE_SIDS_RECOMMENDED); a role trust policy has its own codes for a
// wildcard in a principal and a malformed Federated principal.
func forKind(fs []*Finding, kind Kind) []*Finding {
	for i, f := range fs {
		var code Code
		sev := f.Severity
		switch {
		case f.Code == CodeUniqueSidsRecommended && kind.iamStored():
			code, sev = CodeUniqueSidsRequired, Error
		case f.Code == CodeUnsupportedWildcardInPrincipal && kind == Trust:
			code = CodeRoleTrustPolicyUnsupportedWildcardInPrincipal
		case f.Code == CodeInvalidFederatedPrincipal && kind == Trust:
			code = CodeInvalidFederatedPrincipalSyntaxInRoleTrustPolicy
		default:
			continue
		}
		g := *f
		g.Code, g.Severity = code, sev
		fs[i] = &g
	}
	return fs
}

// sizeCode names the size quota of a kind of policy as Access Analyzer does.
func sizeCode(kind Kind) Code {
	switch {
	case kind == SCP:
		return CodePolicySizeExceedsSCPQuota
	case kind == RCP:
		return CodePolicySizeExceedsRCPQuota
	case kind.identityLike():
		return CodePolicySizeExceedsIdentityQuota
	case kind == Trust:
		return CodePolicySizeExceedsRoleTrustQuota
	}
	return CodePolicySizeExceedsResourceQuota
}

// principalCode names a Principal where the kind forbids one.
func principalCode(kind Kind) Code {
	if kind == SCP {
		return CodeSCPSyntaxErrorPrincipal
	}
	return CodeUnsupportedPrincipal
}

// notPrincipalCode names a NotPrincipal where the kind forbids one: in an
// RCP, Access Analyzer's RCP_SYNTAX_ERROR_PRINCIPAL ("The NotPrincipal
// element is not supported for RCPs").
func notPrincipalCode(kind Kind) Code {
	if kind == RCP {
		return CodeRCPSyntaxErrorPrincipal
	}
	return CodeRoleTrustPolicySyntaxErrorNotPrincipal
}

// aaStatementChecks runs Access Analyzer's statement checks (aa_*.go) on
// rule r and adds their findings at the entry each is about (an action, a
// resource, a condition key), else at the element's key.
func (v *validator) aaStatementChecks(r *Rule, path string) {
	st := aaStatement(r, v.kind)
	notes := aaStatementNotes(st)
	src := v.p.src
	at := func(pos int) byte {
		if pos >= 0 && pos < len(src) {
			return src[pos]
		}
		return '"'
	}
	for i := range st.clauses {
		notes = append(notes, aaValueTypes(st, i, at)...)
	}
	if v.rt != "" {
		notes = append(notes, aaResourceTypeNotes(st, v.rt)...)
	}
	for _, n := range notes {
		off, p := v.aaPlace(r, path, n)
		v.add(n.sev, off, p, n.code, "%s", n.msg)
	}
}

// aaPlace returns the offset and JSON path of the entry a note is about.
func (v *validator) aaPlace(r *Rule, path string, n aaNote) (int, string) {
	off, p := int(r.off), path
	switch n.elem {
	case aaAction:
		p += "." + actionElem(r)
		if n.index >= 0 && n.index < len(r.actions) {
			off = r.actions[n.index].Offset()
			p += "[" + strconv.Itoa(n.index) + "]"
		} else if r.keyOffs.action >= 0 {
			off = int(r.keyOffs.action)
		}
	case aaResource:
		p += ".Resource"
		if n.index >= 0 && n.index < len(r.resources) && r.resources[n.index].Offset() > 0 {
			off = r.resources[n.index].Offset()
			p += "[" + strconv.Itoa(n.index) + "]"
		} else if r.keyOffs.resource >= 0 {
			off = int(r.keyOffs.resource)
		}
	case aaCondition:
		if n.index >= 0 && n.index < len(r.conditions) {
			c := &r.conditions[n.index]
			off, p = c.Offset, path+".Condition."+c.OperatorName()+"."+c.Key
			if n.sub >= 0 && n.sub < len(c.Values) && c.Values[n.sub].Pos > 0 {
				off = int(c.Values[n.sub].Pos)
			}
		}
	case aaPrincipal:
		if r.keyOffs.principal >= 0 {
			off, p = int(r.keyOffs.principal), path+".Principal"
			// An entry is found as a JSON string after the key (one
			// written with escapes is not: the key stands for it).
			if n.text != "" && int(r.end) <= len(v.p.src) && off < int(r.end) {
				if i := strings.Index(string(v.p.src[off:r.end]), strconv.Quote(n.text)); i >= 0 {
					off += i
				}
			}
		}
	}
	return off, p
}

func actionElem(r *Rule) string {
	if r.notAction {
		return "NotAction"
	}
	return "Action"
}
