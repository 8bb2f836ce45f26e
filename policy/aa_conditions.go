package policy

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/catalog"
	"github.com/iamsim/iamsim/internal/compiled"
)

// aaStmt is what Access Analyzer's statement checks read of a statement.
type aaStmt struct {
	kind        Kind
	effect      Effect
	actions     []string // as written
	notAction   bool
	resources   []string // as written
	notResource bool
	principal   *compiled.PrincipalSet
	notPrinc    bool
	clauses     []compiled.Clause
}

// aaConditionKey checks the key of clause ci against the catalog (IAM User
// Guide, "IAM policy validation check reference": Invalid global condition
// key, Invalid service, Invalid service condition key, Missing tag key in
// condition, Deprecated and Unsupported global condition key, Unsupported
// action for condition key) and its operator against the key's type (Type
// mismatch, Missing qualifier, ForAllValues with single valued key, String
// like operator with ARN condition keys).
func aaConditionKey(st *aaStmt, ci int) []aaNote {
	c := &st.clauses[ci]
	prefix, _, ok := strings.Cut(c.Key, ":")
	if !ok || prefix == "" {
		return nil // INVALID_CONDITION_KEY_FORMAT is Parse's
	}
	lower := strings.ToLower(c.Key)
	if lower == "aws:arn" {
		if st.kind.identityLike() {
			return []aaNote{note(CodeDeprecatedGlobalConditionKey, aaCondition, ci, "aws:ARN is deprecated: use aws:PrincipalArn or aws:SourceArn")}
		}
		return []aaNote{note(CodeUnsupportedGlobalConditionKey, aaCondition, ci, "the condition key aws:ARN is not supported: use aws:PrincipalArn or aws:SourceArn")}
	}
	key, found := catalog.LookupKey(c.Key)
	if !found {
		switch {
		case missingTagKey(c.Key):
			return []aaNote{note(CodeMissingTagKeyInCondition, aaCondition, ci, fmt.Sprintf("the condition key %s needs a tag key: %s/tag-key", c.Key, strings.TrimSuffix(c.Key, "/")))}
		case strings.EqualFold(prefix, "aws"):
			return []aaNote{note(CodeInvalidGlobalConditionKey, aaCondition, ci, fmt.Sprintf("the global condition key %s does not exist (iamsim's catalog, snapshot %s)", c.Key, catalog.Version()))}
		case !catalog.KeyPrefixKnown(prefix):
			return []aaNote{note(CodeInvalidService, aaCondition, ci, fmt.Sprintf("the service %s of the condition key %s does not exist (iamsim's catalog, snapshot %s)", prefix, c.Key, catalog.Version()))}
		default:
			return []aaNote{note(CodeInvalidServiceConditionKey, aaCondition, ci, fmt.Sprintf("the condition key %s does not exist in the service %s (iamsim's catalog, snapshot %s)", c.Key, prefix, catalog.Version()))}
		}
	}
	var out []aaNote
	if !key.Global() && !st.notAction {
		if n, ok := unsupportedActions(st, ci, key); ok {
			out = append(out, n)
		}
	}
	return append(out, aaKeyType(st, ci, key.Type)...)
}

// missingTagKey reports whether key is a tag key without its tag:
// aws:ResourceTag, aws:RequestTag/, iam:ResourceTag.
func missingTagKey(key string) bool {
	k := strings.TrimSuffix(key, "/")
	if !strings.HasSuffix(strings.ToLower(k), "tag") {
		return false
	}
	_, ok := catalog.LookupKey(k + "/tag-key")
	return ok
}

// unsupportedActions lists the statement's actions (those the catalog
// knows, without wildcards) that do not support a service condition key.
func unsupportedActions(st *aaStmt, ci int, key catalog.Key) (aaNote, bool) {
	c := &st.clauses[ci]
	var bad []string
	for _, a := range st.actions {
		svc, name, ok := strings.Cut(a, ":")
		if !ok || strings.ContainsAny(a, "*?") {
			continue
		}
		if oidcProviderKey(c.Key) && webIdentityAction(st, a) {
			continue
		}
		info, ok := catalog.LookupAction(svc, name)
		if ok && !info.SupportsKey(c.Key) {
			bad = append(bad, a)
		}
	}
	if len(bad) == 0 {
		return aaNote{}, false
	}
	return note(CodeUnsupportedActionForConditionKey, aaCondition, ci,
		fmt.Sprintf("the actions %s do not support the condition key %s: the key is absent from their requests, so the condition is %s for them; move them to a statement without it", strings.Join(bad, ", "), c.Key, absentKeyResult(c))), true
}

// absentKeyResult says what a clause yields when its key is absent from
// the request (IAM User Guide, "Condition operators": an ...IfExists
// operator and ForAllValues are true, a negated operator is true, Null is
// true when it asks for absence, any other is false).
func absentKeyResult(c *compiled.Clause) string {
	op := opOf(c)
	switch {
	case op.family == "Null":
		return "decided by its Null test alone"
	case op.ifExists, op.qual == "ForAllValues", op.negated && op.qual != "ForAnyValue":
		return "always true"
	}
	return "never true"
}

// oidcProviderKey reports whether key is a claim of an OIDC identity
// provider, PROVIDER:claim with PROVIDER a host name (service prefixes have
// no dot). AssumeRoleWithWebIdentity gives these keys for every provider
// (IAM User Guide, "Available keys for AWS OIDC federation"), though the
// Service Authorization Reference lists them for a few providers only:
// token.actions.githubusercontent.com:sub is not among them, and Access
// Analyzer does not report GitHub's trust policies for it.
func oidcProviderKey(key string) bool {
	prefix, _, ok := strings.Cut(key, ":")
	return ok && strings.Contains(prefix, ".")
}

// webIdentityAction reports whether action a is authorized with the claims
// of a web identity token in its request context: sts:AssumeRoleWithWebIdentity
// itself, and the sts:TagSession and sts:SetSourceIdentity that the same
// AssumeRoleWithWebIdentity call is authorized for when the token passes
// session tags or a source identity (IAM User Guide, "Pass session tags in
// AWS STS": the trust policy of a role an IdP passes tags to must allow
// sts:TagSession; the Amazon Cognito Developer Guide's trust policies for
// attributes for access control allow sts:AssumeRoleWithWebIdentity and
// sts:TagSession under conditions on cognito-identity.amazonaws.com:aud and
// :amr). The last two only beside an OIDC provider in the statement's
// Principal, where they are part of a web identity federation.
func webIdentityAction(st *aaStmt, a string) bool {
	if strings.EqualFold(a, "sts:AssumeRoleWithWebIdentity") {
		return true
	}
	if !strings.EqualFold(a, "sts:TagSession") && !strings.EqualFold(a, "sts:SetSourceIdentity") {
		return false
	}
	if st.principal == nil || st.notPrinc {
		return false
	}
	for _, f := range st.principal.Federated {
		if _, ok := oidcProvider(f); ok {
			return true
		}
	}
	return false
}

// multivaluedClaim reports whether a trust policy's key is an OIDC
// provider's claim that a token carries as a list: amr ("Authentication
// Methods References", a JSON array of strings in OpenID Connect Core 1.0;
// the Amazon Cognito Developer Guide, "Role trust and permissions", calls
// cognito-identity.amazonaws.com:amr a multivalued claim and tests it with
// ForAnyValue:StringLike). The catalog types these keys String.
func multivaluedClaim(st *aaStmt, c *compiled.Clause) bool {
	return st.kind == Trust && oidcProviderKey(c.Key) && strings.HasSuffix(c.LowerKey, ":amr")
}

// aaKeyType checks the clause's operator and qualifier against the key's type.
func aaKeyType(st *aaStmt, ci int, t catalog.KeyType) []aaNote {
	c := &st.clauses[ci]
	op := opOf(c)
	var out []aaNote
	if want, ok := operatorFor(t.Elem()); ok && op.family != "Null" && op.family != "" && !familyFits(t.Elem(), op.family) {
		out = append(out, note(CodeTypeMismatch, aaCondition, ci, fmt.Sprintf("the condition key %s is of type %s: use a %s operator instead of %s", c.Key, t, want, op.name)))
	}
	if t.Elem() == catalog.ARN && (op.name == "StringLike" || op.name == "StringNotLike") {
		out = append(out, note(CodeStringLikeWithARNKey, aaCondition, ci, fmt.Sprintf("%s is an ARN condition key: use ArnLike or ArnNotLike instead of %s", c.Key, op.name)))
	}
	switch {
	case t.Multivalued() && op.qual == "" && op.family != "Null":
		out = append(out, note(CodeMissingQualifier, aaCondition, ci, fmt.Sprintf("the condition key %s can hold several values: qualify %s with ForAllValues: or ForAnyValue:", c.Key, c.Operator)))
	case !t.Multivalued() && op.qual == "ForAllValues" && !multivaluedClaim(st, c):
		n := note(CodeForAllValuesWithSingleValuedKey, aaCondition, ci, fmt.Sprintf("ForAllValues with the single-valued condition key %s is true when the key is absent, which can be overly permissive: remove ForAllValues:", c.Key))
		if st.effect != Allow {
			n.sev = Warning // in a Deny it denies more, not less
		}
		out = append(out, n)
	case !t.Multivalued() && op.qual == "ForAnyValue" && !(st.kind == Trust && oidcProviderKey(c.Key) && strings.HasSuffix(c.LowerKey, ":aud")) && !multivaluedClaim(st, c):
		// (FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE reports an OIDC aud claim: aa_oidc.go.)
		out = append(out, note(CodeForAnyValueWithSingleValuedKey, aaCondition, ci, fmt.Sprintf("%s is a single-valued key: ForAnyValue is not needed", c.Key)))
	}
	return out
}

// operatorFor names the operator family a key type takes.
func operatorFor(t catalog.KeyType) (string, bool) {
	switch t {
	case catalog.String:
		return "String", true
	case catalog.ARN:
		return "ARN", true
	case catalog.Bool:
		return "Bool", true
	case catalog.Numeric:
		return "Numeric", true
	case catalog.Date:
		return "Date", true
	case catalog.IPAddress:
		return "IpAddress", true
	case catalog.Binary:
		return "BinaryEquals", true
	}
	return "", false
}

// familyFits reports whether an operator family can compare values of the
// key type: String and ARN keys take String and ARN operators alike
// (IAM User Guide, "Condition operators": ARN keys accept String
// operators); a Date key also takes Numeric operators on epoch seconds
// (aws:EpochTime).
func familyFits(t catalog.KeyType, f string) bool {
	switch t {
	case catalog.String, catalog.ARN:
		return f == "String" || f == "ARN"
	case catalog.Bool:
		return f == "Bool"
	case catalog.Numeric:
		return f == "Numeric"
	case catalog.Date:
		return f == "Date" || f == "Numeric"
	case catalog.IPAddress:
		return f == "IP"
	case catalog.Binary:
		return f == "Binary"
	}
	return true
}

var (
	vpcID  = regexp.MustCompile(`^vpc-[0-9a-f]{8}([0-9a-f]{9})?$`)
	vpceID = regexp.MustCompile(`^vpce-[0-9a-f]{8}([0-9a-f]{9})?$`)
	// privateBlocks are RFC 1918's IPv4 blocks and RFC 4193's IPv6 unique
	// local block: addresses aws:SourceIp never holds (IAM User Guide,
	// aws:SourceIp: "public IP address").
	privateBlocks = []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("fc00::/7"),
	}
)

// aaConditionValues checks the values of clause ci (Access Analyzer's
// Private IP address, Private NotIpAddress and their subsets, Improve IP
// range, Invalid VPC and VPCE format, Invalid Region, Invalid date value,
// Equivalent to null, Redundant condition value num).
func aaConditionValues(st *aaStmt, ci int) []aaNote {
	c := &st.clauses[ci]
	op := opOf(c)
	var out []aaNote
	switch op.family {
	case "IP":
		out = append(out, ipValues(c, op, ci)...)
	case "Date":
		for vi, v := range c.Values {
			if v.Valid && aaDigits(v.Raw) {
				out = append(out, valueNote(CodeInvalidDateValue, ci, vi, fmt.Sprintf("the date %s in epoch seconds may not resolve as expected: write it as YYYY-MM-DD or another ISO 8601 form", v.Raw)))
				break
			}
		}
	case "String":
		out = append(out, stringValues(c, ci)...)
	case "Numeric":
		if strings.Contains(op.name, "Than") && len(c.Values) > 1 && op.qual == "" {
			word := "greatest"
			if strings.Contains(op.name, "Greater") {
				word = "least"
			}
			out = append(out, note(CodeRedundantConditionValueNum, aaCondition, ci, fmt.Sprintf("the values of %s %s are redundant: keep only the %s", op.name, c.Key, word)))
		}
	}
	if strings.HasSuffix(op.name, "Like") && op.qual == "" && !op.ifExists && len(c.Values) == 1 && c.Values[0].Raw == "*" {
		if op.negated {
			out = append(out, note(CodeEquivalentToNullTrue, aaCondition, ci, fmt.Sprintf("%s \"*\" is true only when %s is absent: use \"Null\": {%q: \"true\"}", op.name, c.Key, c.Key)))
		} else {
			out = append(out, note(CodeEquivalentToNullFalse, aaCondition, ci, fmt.Sprintf("%s \"*\" is true whenever %s is present: use \"Null\": {%q: \"false\"}", op.name, c.Key, c.Key)))
		}
	}
	return out
}

func ipValues(c *compiled.Clause, op aaOp, ci int) []aaNote {
	var out []aaNote
	private, public := 0, 0
	for vi, v := range c.Values {
		p, err := netip.ParsePrefix(v.Raw)
		if err == nil && p != p.Masked() {
			out = append(out, valueNote(CodeImproveIPRange, ci, vi, fmt.Sprintf("the bits of %s after its mask are ignored: write %s", v.Raw, p.Masked())))
		}
		if !v.Valid {
			continue
		}
		if isPrivate(v.Prefix()) {
			private++
		} else {
			public++
		}
	}
	if c.LowerKey != "aws:sourceip" || private == 0 {
		return out
	}
	switch {
	case public == 0 && !op.negated:
		out = append(out, note(CodePrivateIPAddress, aaCondition, ci, "aws:SourceIp holds only public addresses: with private addresses only, the condition never matches (use aws:VpcSourceIp for addresses in a VPC)"))
	case public == 0:
		out = append(out, note(CodePrivateNotIPAddress, aaCondition, ci, "aws:SourceIp holds only public addresses: NotIpAddress with private addresses only always matches"))
	case !op.negated:
		out = append(out, note(CodePrivateIPAddressSubset, aaCondition, ci, "aws:SourceIp holds only public addresses: the private addresses listed never match (use aws:VpcSourceIp for them)"))
	default:
		out = append(out, note(CodePrivateNotIPAddressSubset, aaCondition, ci, "aws:SourceIp holds only public addresses: the private addresses listed have no effect (use aws:VpcSourceIp for them)"))
	}
	return out
}

func isPrivate(p netip.Prefix) bool {
	for _, b := range privateBlocks {
		if b.Bits() <= p.Bits() && b.Contains(p.Addr().Unmap()) {
			return true
		}
	}
	return false
}

func stringValues(c *compiled.Clause, ci int) []aaNote {
	var re *regexp.Regexp
	var code Code
	var what string
	switch c.LowerKey {
	case "aws:sourcevpc":
		re, code, what = vpcID, CodeInvalidVPCFormat, "a VPC id (vpc- and 8 or 17 hexadecimal digits)"
	case "aws:sourcevpce":
		re, code, what = vpceID, CodeInvalidVPCEFormat, "a VPC endpoint id (vpce- and 8 or 17 hexadecimal digits)"
	case "aws:requestedregion":
		re, code, what = regionForm, CodeInvalidRegion, "an AWS Region name such as us-east-1"
	default:
		return nil
	}
	for _, v := range c.Values {
		if hasPattern(v.Raw) || v.Raw == "" {
			continue
		}
		if !re.MatchString(v.Raw) {
			return []aaNote{note(code, aaCondition, ci, fmt.Sprintf("%q is not %s", v.Raw, what))}
		}
	}
	return nil
}

func aaDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// aaPairedKeys reports aws:VpcSourceIp used without aws:SourceVpc or
// aws:SourceVpce in the same statement (Access Analyzer's "Missing paired
// condition keys", whose example is this pair; AA's full list of pairs is
// AWS's own and not published, so iamsim checks the documented one).
func aaPairedKeys(st *aaStmt) []aaNote {
	vpcIP := -1
	paired := false
	for i, c := range st.clauses {
		switch c.LowerKey {
		case "aws:vpcsourceip":
			if vpcIP < 0 {
				vpcIP = i
			}
		case "aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn":
			// IAM User Guide, global condition keys, aws:VpcSourceIp: "Always
			// use the aws:VpcSourceIp condition key with the aws:SourceVpc,
			// aws:SourceVpce, or aws:SourceVpcArn condition keys".
			paired = true
		}
	}
	if vpcIP < 0 || paired || st.effect != Allow {
		return nil
	}
	return []aaNote{note(CodeMissingPairedConditionKeys, aaCondition, vpcIP, "aws:VpcSourceIp can be overly permissive without aws:SourceVpc, aws:SourceVpce or aws:SourceVpcArn in the same condition block: add one")}
}

// tagKeys are the global tag condition keys whose support varies by service.
func isTagKey(lower string) bool {
	return strings.HasPrefix(lower, "aws:resourcetag/") || strings.HasPrefix(lower, "aws:requesttag/") || lower == "aws:tagkeys"
}

// aaTagKeySupport reports the services of the statement's actions that
// support none of its tag condition keys (Access Analyzer's Allow/Deny
// [NotAction] with unsupported tag condition key for service): for those
// actions the key is absent, so an Allow never applies and a Deny never
// denies. With NotAction, every service of the catalog that lacks support
// is concerned, so one note says so.
func aaTagKeySupport(st *aaStmt) []aaNote {
	ci := -1
	for i, c := range st.clauses {
		if op := opOf(&c); isTagKey(c.LowerKey) && !op.ifExists && !op.negated && op.family != "Null" {
			ci = i
			break
		}
	}
	if ci < 0 {
		return nil
	}
	key := st.clauses[ci].Key
	if st.notAction {
		code := CodeAllowNotActionWithUnsupportedTagKey
		msg := "Allow with NotAction and the tag condition key %s allows only the actions of services that support the key; list the actions instead"
		if st.effect == Deny {
			code = CodeDenyNotActionWithUnsupportedTagKey
			msg = "Deny with NotAction and the tag condition key %s does not deny the actions of services that do not support the key; list the actions instead"
		}
		return []aaNote{note(code, aaCondition, ci, fmt.Sprintf(msg, key))}
	}
	var svcs []string
	for _, a := range st.actions {
		svc, name, ok := strings.Cut(a, ":")
		if !ok || hasPattern(svc) || slices.Contains(svcs, strings.ToLower(svc)) {
			continue
		}
		infos := catalogActions(svc, name)
		if len(infos) == 0 {
			continue
		}
		supported := false
		for _, info := range infos {
			if info.SupportsKey(key) {
				supported = true
				break
			}
		}
		if !supported {
			svcs = append(svcs, strings.ToLower(svc))
		}
	}
	if len(svcs) == 0 {
		return nil
	}
	if st.effect == Deny {
		return []aaNote{note(CodeDenyWithUnsupportedTagKey, aaCondition, ci, fmt.Sprintf("Deny with the tag condition key %s does not deny the actions of %s, which do not support it: move them to a statement without the key", key, strings.Join(svcs, ", ")))}
	}
	return []aaNote{note(CodeAllowWithUnsupportedTagKey, aaCondition, ci, fmt.Sprintf("Allow with the tag condition key %s never allows the actions of %s, which do not support it: move them to a statement without the key", key, strings.Join(svcs, ", ")))}
}

// aaValueTypes reports a condition key whose values are of different JSON
// types, such as [3600, "7200"] (Access Analyzer's "Invalid condition data
// type": use condition values of the same JSON data type). The compiled
// clause keeps each value's text; at returns the source byte a value
// starts with, which tells its JSON type: a quote for a string, t or f for
// a Boolean, else a number.
func aaValueTypes(st *aaStmt, ci int, at func(pos int) byte) []aaNote {
	c := &st.clauses[ci]
	var first byte
	for i, v := range c.Values {
		t := jsonTypeAt(at(int(v.Pos)))
		if i == 0 {
			first = t
			continue
		}
		if t != first {
			return []aaNote{valueNote(CodeInvalidConditionDataType, ci, i, fmt.Sprintf("the values of %s are of different JSON types (%s and %s): use one type, as AWS compares them as text", c.Key, jsonTypeName(first), jsonTypeName(t)))}
		}
	}
	return nil
}

func jsonTypeAt(b byte) byte {
	switch b {
	case '"':
		return '"'
	case 't', 'f':
		return 'b'
	}
	return 'n'
}

func jsonTypeName(t byte) string {
	switch t {
	case '"':
		return "string"
	case 'n':
		return "number"
	}
	return "Boolean"
}
