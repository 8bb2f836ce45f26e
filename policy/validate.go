package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/catalog"
	"github.com/iamsim/iamsim/internal/compiled"
)

// Check parses a policy and validates it for kind: the one call the
// iamsim check command makes. It returns the policy (nil when it does not
// parse) and every finding, errors and warnings alike, in source order.
// When the policy does not parse, the findings are Parse's errors and
// warnings and, for the statements it could read, the actions missing from
// the catalog (INVALID_ACTION): a misspelt action is reported in the same
// run as the statement's other defects.
func Check(name string, src []byte, kind Kind) (*Policy, []*Finding) {
	p, errs := parseFile(nil, name, src, 0, len(src), nil)
	if len(errs) == 0 {
		return p, p.Validate(kind)
	}
	v := &validator{p: p, kind: kind}
	v.findings = forKind(append(append(v.findings, errs...), p.findings...), kind)
	for i := range p.rules {
		v.knownActions(&p.rules[i], p.rules[i].path())
	}
	sortFindings(v.findings)
	return nil, v.findings
}

// HasErrors reports whether any finding is an Error.
func HasErrors(findings []*Finding) bool {
	for _, f := range findings {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Validate applies the rules of kind to a parsed policy and the checks in
// the style of IAM Access Analyzer's policy validation. It returns the
// findings of Parse and its own, in source order; a finding of severity
// Error means AWS would reject the policy for that kind.
func (p *Policy) Validate(kind Kind) []*Finding { return p.validate(kind, "") }

// validate is Validate, with the checks of a resource type when rt is set.
func (p *Policy) validate(kind Kind, rt ResourceType) []*Finding {
	v := &validator{p: p, kind: kind, rt: rt}
	v.findings = forKind(append(v.findings, p.findings...), kind)
	v.document()
	for i := range p.rules {
		v.statement(&p.rules[i], &p.document().Statement[i])
	}
	v.redundantStatements()
	sortFindings(v.findings)
	return v.findings
}

type validator struct {
	p        *Policy
	kind     Kind
	rt       ResourceType // the resource a resource policy is attached to, or ""
	findings []*Finding
}

func (v *validator) add(sev Severity, off int, path string, code Code, format string, args ...any) {
	v.findings = append(v.findings, &Finding{
		Policy: v.p.origin.name, Pos: v.p.origin.position(off), Path: path, Severity: sev, Code: code,
		Message: fmt.Sprintf(format, args...),
	})
}

// managedVersion reports a managed policy's Version that IAM refuses, and
// whether it did.
func (v *validator) managedVersion() bool {
	p := v.p
	switch {
	case !v.kind.facts().managed:
		return false
	case p.doc.Version == "" && v.kind == SCP:
		v.add(Error, int(p.offs.root), "", CodeMissingVersion, "an SCP needs \"Version\": \"2012-10-17\" (AWS Organizations: every SCP must include a Version element with the value 2012-10-17)")
	case p.doc.Version == "":
		v.add(Error, int(p.offs.root), "", CodeMissingVersion, "a managed policy needs \"Version\": \"2012-10-17\" (IAM rejects it: policy document must be version 2012-10-17 or greater)")
	case p.doc.Version == Version2008:
		v.add(Error, int(p.offs.version), "Version", CodeInvalidVersion, "a%s %s policy must be version 2012-10-17 or greater", article(v.kind), v.kind)
	default:
		return false
	}
	return true
}

func (v *validator) document() {
	p, kind := v.p, v.kind
	if !v.managedVersion() && p.doc.Version == "" {
		v.add(Warning, int(p.offs.root), "", CodeMissingVersion, "the policy has no Version: policy variables are read as literal text; add \"Version\": \"2012-10-17\"")
	}
	if p.doc.Version != Version2012 && strings.Contains(string(p.src), "${") {
		v.literalVariables()
	}
	if limit, ws := kind.SizeQuota(); limit > 0 {
		if n := Size(p.src, ws); n > limit {
			how := "white space not counted"
			if ws {
				how = "every character counted"
			}
			v.add(Error, -1, "", sizeCode(kind), "the policy is %d characters (%s), over the %d-character quota of a%s %s policy", n, how, limit, article(kind), kind)
		}
	}
}

// literalVariables reports, in a policy whose Version is not 2012-10-17,
// each Resource entry and condition value that holds ${...}: there the
// variable is literal text (IAM User Guide, "IAM JSON policy elements:
// Version"), and the finding is at the value, as the other variable
// findings are. A ${ elsewhere (no variable is read there in any Version)
// is reported at the document's '{'.
func (v *validator) literalVariables() {
	const msg = "the policy's Version is not 2012-10-17, so %q holds literal text, not a policy variable: use Version 2012-10-17"
	found := false
	for ri := range v.p.rules {
		r := &v.p.rules[ri]
		for i := range r.resources {
			if s := r.resources[i].String(); strings.Contains(s, "${") && r.resources[i].Offset() > 0 {
				v.add(Error, r.resources[i].Offset(), r.path()+".Resource", CodeVariableUnsupportedInVersion, msg, s)
				found = true
			}
		}
		for ci := range r.conditions {
			c := &r.conditions[ci]
			for _, val := range c.Values {
				if strings.Contains(val.Raw, "${") && val.Pos > 0 {
					v.add(Error, int(val.Pos), r.path()+".Condition."+c.OperatorName()+"."+c.Key, CodeVariableUnsupportedInVersion, msg, val.Raw)
					found = true
				}
			}
		}
	}
	if !found {
		v.add(Error, int(v.p.offs.root), "", CodeVariableUnsupportedInVersion, "the policy uses ${...} but its Version is not 2012-10-17, so the variables are literal text: use Version 2012-10-17")
	}
}

func (v *validator) statement(r *Rule, st *Statement) {
	v.placement(r)
	path := r.path()
	ps, not := r.Principal()
	if not && r.Effect() == Allow && v.kind == Resource {
		v.add(SecurityWarning, int(r.keyOffs.principal), path+".NotPrincipal", CodeAllowWithNotPrincipal, "Allow with NotPrincipal grants access to every principal not listed, anonymous users included; NotPrincipal is supported only with Deny")
	}
	if v.kind == Trust {
		v.trustStatement(r, ps, path)
	}
	v.kindRules(r)
	if r.keyOffs.sid >= 0 && r.sid == "" {
		v.add(Suggestion, int(r.keyOffs.sid), path+".Sid", CodeEmptySidValue, "the Sid is empty: give the statement a name, or remove the Sid")
	}
	v.breadth(r, st, ps, path)
	v.aaStatementChecks(r, path)
	v.redundantValues(r, path)
	v.knownActions(r, path)
}

// placement applies the rules of the policy's place to a statement:
// Principal and NotPrincipal, Resource, the Sid's characters. Every finding
// it reports is one AWS refuses (Refusals runs it alone); paths are built
// only for a finding.
func (v *validator) placement(r *Rule) {
	kind, facts := v.kind, v.kind.facts() // one lookup per statement
	ps, not := r.Principal()
	principalName := "Principal"
	if not {
		principalName = "NotPrincipal"
	}

	// Principal and NotPrincipal by kind (IAM User Guide, "AWS JSON policy
	// elements: Principal" and "NotPrincipal"; Organizations "SCP syntax",
	// "RCP syntax").
	switch facts.principal {
	case Forbidden:
		if ps != nil {
			v.add(Error, int(r.keyOffs.principal), r.path()+"."+principalName, principalCode(kind), "%s is not allowed in a%s %s policy: it applies to the principal it is attached to", principalName, article(kind), kind)
		}
	case Required:
		if ps == nil {
			v.add(Error, int(r.off), r.path(), CodeMissingPrincipal, "a statement of a %s policy needs a Principal", kind)
		}
		if not && !facts.notPrincipal {
			v.add(Error, int(r.keyOffs.principal), r.path()+".NotPrincipal", notPrincipalCode(kind), "a %s policy does not support NotPrincipal", kind)
		}
	}

	// Resource by kind.
	switch facts.resource {
	case Forbidden:
		if r.keyOffs.resource >= 0 {
			v.add(Error, int(r.keyOffs.resource), r.path()+".Resource", CodeRoleTrustPolicySyntaxErrorResource, "a role trust policy has no Resource element: the resource is the role itself")
		}
	case Required:
		if !r.hasResource && !(kind == Resource && r.actsOnlyIn("ecr")) {
			v.add(Error, int(r.off), r.path(), CodeMissingResource, "a statement of a%s %s policy needs Resource or NotResource", article(kind), kind)
		}
	}

	if facts.iamStored && r.sid != "" && !isAlnum(r.sid) {
		v.add(Error, int(r.keyOffs.sid), r.path()+".Sid", CodeUnsupportedSid, "the Sid %q may hold only letters A-Z, a-z and digits 0-9 in an IAM policy", r.sid)
	}
}

// kindRules applies the rules of the policy's kind beyond placement: an
// RCP's syntax, a trust policy's Cognito condition. Refusals runs them too
// (hasKindRules says which kinds have some).
func (v *validator) kindRules(r *Rule) {
	switch v.kind {
	case RCP:
		v.rcpStatement(r)
	case Trust:
		v.cognitoTrust(r)
	}
}

// hasKindRules reports whether kindRules checks anything for the kind.
func hasKindRules(k Kind) bool { return k == RCP || k == Trust }

// cognitoTrust refuses a trust statement that lets Amazon Cognito identity
// pools assume the role with no condition: "IAM requires that roles for
// identity pools have at least one trust policy condition" (Amazon Cognito
// Developer Guide, "Security best practices for Amazon Cognito identity
// pools"; its "IAM roles" page: a trust policy that lets any identity pool
// assume the role cannot be created). Refusals runs it for trust policies.
func (v *validator) cognitoTrust(r *Rule) {
	if r.Effect() != Allow || r.notPrincipal || r.principal == nil || len(r.conditions) > 0 ||
		!slices.ContainsFunc(r.principal.Federated, isCognitoIdentity) || !r.MatchAction("sts:assumerolewithwebidentity") {
		return
	}
	v.add(Error, int(r.keyOffs.principal), r.path()+".Principal", CodeCognitoTrustWithoutCondition,
		"IAM refuses a trust policy that lets Amazon Cognito identity pools assume the role with no condition: add \"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": \"<identity pool id>\"}")
}

// isCognitoIdentity reports whether a Federated principal is Amazon
// Cognito's identity pools: cognito-identity.amazonaws.com, or a regional
// form such as cognito-identity.cn-north-1.amazonaws.com.cn (the Developer
// Guide's example for the China Regions).
func isCognitoIdentity(p string) bool {
	return p == "cognito-identity.amazonaws.com" ||
		strings.HasPrefix(p, "cognito-identity.") && (strings.HasSuffix(p, ".amazonaws.com") || strings.HasSuffix(p, ".amazonaws.com.cn"))
}

// article returns "n" when the kind's name is read with "an".
func article(k Kind) string { return k.facts().article }

// isAlnum reports whether s holds only ASCII letters and digits (a Sid of
// an IAM policy: every Compile asks it of every statement).
func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !alnum[s[i]] {
			return false
		}
	}
	return true
}

var alnum = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// trustStatement checks that each assume-role action goes with a principal
// of the type it serves (IAM Access Analyzer, "Error – Mismatched action for
// principal"): SAML providers with sts:AssumeRoleWithSAML, OIDC providers
// with sts:AssumeRoleWithWebIdentity, AWS and service principals with
// sts:AssumeRole.
func (v *validator) trustStatement(r *Rule, ps *compiled.PrincipalSet, path string) {
	if ps == nil || !ps.All && len(ps.AWS)+len(ps.Service)+len(ps.Federated)+len(ps.CanonicalUser) == 0 {
		return // no principal ("Principal": {}): EMPTY_OBJECT_PRINCIPAL says so
	}
	var saml, oidc, aws bool
	aws = ps.All || len(ps.AWS) > 0 || len(ps.Service) > 0 || len(ps.CanonicalUser) > 0
	for _, f := range ps.Federated {
		if strings.Contains(f, ":saml-provider/") {
			saml = true
		} else {
			oidc = true
		}
	}
	// With NotAction the listed actions are the ones not granted: whether
	// they go with the principal does not matter.
	for i, a := range r.actions {
		if r.notAction {
			break
		}
		var ok bool
		switch compiled.FoldAction(a.String()) {
		case "sts:assumerolewithsaml":
			ok = saml || ps.All
		case "sts:assumerolewithwebidentity":
			ok = oidc || ps.All
		case "sts:assumerole":
			ok = aws
		default:
			if !strings.HasPrefix(compiled.FoldAction(a.String()), "sts:") && a.String() != "*" {
				v.add(Warning, r.actions[i].Offset(), path+".Action", CodeTrustPolicyNonSTSAction, "a role trust policy governs sts: actions; %q has no effect here", a.String())
			}
			continue
		}
		if !ok {
			v.add(Error, r.actions[i].Offset(), path+".Action", CodeMismatchedActionForPrincipal, "the action %s does not go with the statement's principal (SAML providers use sts:AssumeRoleWithSAML, OIDC providers sts:AssumeRoleWithWebIdentity, AWS and service principals sts:AssumeRole)", a.String())
		}
	}
	if r.Effect() == Allow && ps.All && len(r.conditions) == 0 && !r.notPrincipal {
		v.add(SecurityWarning, int(r.keyOffs.principal), path+".Principal", CodeTrustPolicyAllowsAnyPrincipal, "any AWS principal in any account can assume this role: name the trusted principals, or add a condition such as aws:PrincipalOrgID")
	}
}

// rcpStatement applies the RCP syntax: Principal "*" only; Allow only in the
// RCPFullAWSAccess form; no NotAction; no "*" action in a customer RCP.
func (v *validator) rcpStatement(r *Rule) {
	ps, path := r.principal, r.path()
	if ps != nil && !r.notPrincipal && !(ps.All && len(ps.AWS) <= 1 && len(ps.Service)+len(ps.Federated)+len(ps.CanonicalUser) == 0) {
		v.add(Error, int(r.keyOffs.principal), path+".Principal", CodeRCPSyntaxErrorPrincipal, "the Principal of an RCP statement must be \"*\" (narrow it with conditions such as aws:PrincipalAccount)")
	}
	if r.notAction {
		v.add(Error, int(r.keyOffs.action), path+".NotAction", CodeRCPSyntaxErrorNotAction, "an RCP does not support NotAction")
	}
	fullAccess := !r.notAction && len(r.actions) == 1 && r.actions[0].String() == "*" &&
		!r.notResource && len(r.resources) == 1 && r.resources[0].String() == "*" && len(r.conditions) == 0
	if r.Effect() == Allow && !fullAccess {
		v.add(Error, int(r.off), path, CodeRCPSyntaxErrorAllow, "an RCP statement may Allow only in the RCPFullAWSAccess form (Principal, Action and Resource \"*\", no Condition); customer RCPs use Deny")
	}
	if r.Effect() == Deny {
		for i, a := range r.actions {
			if a.String() == "*" {
				v.add(Error, r.actions[i].Offset(), path+".Action", CodeRCPStarAction, "a customer managed RCP cannot use \"*\" as an action")
			}
		}
	}
}

// breadth flags statements that grant far more than they seem to.
func (v *validator) breadth(r *Rule, st *Statement, ps *compiled.PrincipalSet, path string) {
	if r.Effect() != Allow {
		return
	}
	allResources := !r.notResource && slices.Contains(st.Resource, "*")
	if !r.notAction && slices.Contains(st.Action, "*") && allResources && len(r.conditions) == 0 && v.kind.identityLike() {
		v.add(SecurityWarning, int(r.keyOffs.action), path+".Action", CodeAllowAllActionsOnAllResources, "the statement allows every action on every resource: full administrator access")
	}
	if r.notAction {
		v.add(Warning, int(r.keyOffs.action), path+".NotAction", CodeAllowWithNotAction, "Allow with NotAction grants every action not listed, including actions AWS adds later")
	}
	if r.notResource {
		v.add(Warning, int(r.keyOffs.resource), path+".NotResource", CodeAllowWithNotResource, "Allow with NotResource grants access to every resource not listed, including those created later")
	}
	if v.kind == Resource && ps != nil && ps.All && !r.notPrincipal && len(r.conditions) == 0 {
		v.add(SecurityWarning, int(r.keyOffs.principal), path+".Principal", CodePublicAccess, "Principal \"*\" with no condition grants access to anyone, anonymous users included")
	}
}

// knownActions checks each action without wildcards against the catalog
// of AWS actions (IAM Access Analyzer, "Error – Invalid action"). IAM
// itself accepts unknown actions; the catalog is a snapshot, so the message
// says so. A service the catalog does not know is only a warning: it may be
// newer than the snapshot.
func (v *validator) knownActions(r *Rule, path string) {
	elem := path + ".Action"
	if r.notAction {
		elem = path + ".NotAction"
	}
	for i := range r.actions {
		raw := r.actions[i].String()
		if raw == "*" || strings.ContainsAny(raw, "*?") {
			continue
		}
		svc, name, _ := strings.Cut(raw, ":")
		switch {
		case !catalog.KnownService(svc):
			v.add(Error, r.actions[i].Offset(), elem, CodeInvalidServiceInAction, "the service prefix %q is not in iamsim's catalog of AWS services (snapshot %s)", svc, catalog.Version())
		default:
			if _, ok := catalog.Action(svc, name); !ok {
				v.add(Error, r.actions[i].Offset(), elem, CodeInvalidAction, "the action %s does not exist in %s (iamsim's catalog of AWS actions, snapshot %s)", raw, svc, catalog.Version())
			}
		}
	}
}

// redundantValues flags actions and resources covered by another of the same list.
func (v *validator) redundantValues(r *Rule, path string) {
	// A literal action is redundant when an earlier entry is the same
	// action, or when a wildcard entry covers it. The map keeps long lists
	// linear in the literals; only wildcard entries are matched one by one.
	var wild []int
	for j := range r.actions {
		if _, ok := r.actions[j].IsLiteral(); !ok {
			wild = append(wild, j)
		}
	}
	firstLit := map[string]int{}
	for i := range r.actions {
		lit, ok := r.actions[i].IsLiteral()
		if !ok {
			continue
		}
		by := -1
		if j, dup := firstLit[lit]; dup {
			by = j
		} else {
			firstLit[lit] = i
			for _, j := range wild {
				if r.actions[j].Match(lit, nil) {
					by = j
					break
				}
			}
		}
		if by >= 0 {
			v.add(Suggestion, r.actions[i].Offset(), path+".Action", CodeRedundantAction, "the action %q is already covered by %q", r.actions[i].String(), r.actions[by].String())
		}
	}
	for i := range r.resources {
		lit, exact := r.resources[i].Exact()
		for j := range r.resources {
			if i == j {
				continue
			}
			if exact && r.resources[j].Match(lit, nil) && (r.resources[i].String() != r.resources[j].String() || j < i) {
				// At the redundant ARN, as REDUNDANT_ACTION is at its action.
				off := r.resources[i].Offset()
				if off <= 0 {
					off = int(r.off)
				}
				v.add(Suggestion, off, path+".Resource", CodeRedundantResource, "the resource %q is already covered by %q", r.resources[i].String(), r.resources[j].String())
				break
			}
		}
	}
}

// redundantStatements flags a statement that repeats an earlier one, Sid aside.
func (v *validator) redundantStatements() {
	// The canonical form of a statement, Sid aside, is its identity: one
	// map lookup per statement instead of comparing every pair.
	stmts := v.p.document().Statement
	first := make(map[string]int, len(stmts))
	w := &printer{}
	for i, s := range stmts {
		s.Sid = ""
		w.buf = w.buf[:0]
		w.statement(s)
		key := string(w.buf)
		if j, ok := first[key]; ok {
			v.add(Suggestion, int(v.p.rules[i].off), fmt.Sprintf("Statement[%d]", i), CodeRedundantStatement, "the statement repeats statement %d", j)
			continue
		}
		first[key] = i
	}
}

// actsOnlyIn reports whether every action of the statement is one of the
// service's (its Action, not NotAction, names only service:... patterns).
// A resource policy whose statements act only in Amazon ECR is a repository
// policy, whose statements AWS documents without Resource: they govern the
// repository the policy is attached to ("Amazon ECR repository policies
// are a subset of IAM policies that are scoped for, and specifically used
// for, controlling access to individual Amazon ECR repositories", Amazon
// ECR User Guide, "Private repository policies in Amazon ECR").
func (r *Rule) actsOnlyIn(service string) bool {
	if r.notAction || len(r.actions) == 0 {
		return false
	}
	for i := range r.actions {
		svc, _, ok := strings.Cut(compiled.FoldAction(r.actions[i].String()), ":")
		if !ok || svc != service {
			return false
		}
	}
	return true
}
