package sts

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/role"
)

// WebIdentityClaims are the verified claims of an OIDC token (JWT) passed
// to AssumeRoleWithWebIdentity.
type WebIdentityClaims struct {
	Issuer   string   // iss, such as https://token.actions.githubusercontent.com
	Subject  string   // sub
	Audience []string // aud
	AMR      []string // amr (Amazon Cognito)
	Expiry   time.Time
	// SourceIdentity is the https://aws.amazon.com/source_identity claim.
	SourceIdentity string
	// Tags and TransitiveTagKeys are the https://aws.amazon.com/tags claim.
	Tags              []Tag
	TransitiveTagKeys []string
}

// AssumeRoleWithWebIdentityInput is AssumeRoleWithWebIdentity's request, with
// the token's claims already verified (Config.WebIdentity verifies tokens
// for the HTTP API).
type AssumeRoleWithWebIdentityInput struct {
	RoleArn         string
	RoleSessionName string
	DurationSeconds *int
	Policy          string
	PolicyArns      []string
	Claims          *WebIdentityClaims
}

// builtinProviders are the web identity providers a trust policy names
// without an IAM OIDC provider (IAM User Guide, "AWS JSON policy elements:
// Principal" > "Federated user principals").
var builtinProviders = map[string]bool{
	"cognito-identity.amazonaws.com": true, "accounts.google.com": true,
	"graph.facebook.com": true, "www.amazon.com": true,
}

// AssumeRoleWithWebIdentity assumes a role for a user authenticated by an
// OIDC provider. The role's trust policy must name the provider as a
// Federated principal; its conditions see <provider>:aud, :sub and :amr
// (IAM User Guide, "Available keys for AWS OIDC federation"). The call is
// unsigned: who calls is the token.
func (s *Service) AssumeRoleWithWebIdentity(in AssumeRoleWithWebIdentityInput) (*Session, error) {
	now := s.now()
	var c constraintErrors
	checkARN(&c, in.RoleArn, "roleArn")
	checkRoleSessionName(&c, in.RoleSessionName)
	checkDuration(&c, in.DurationSeconds, MaxRoleDuration)
	checkPolicyText(&c, in.Policy)
	checkPolicyArns(&c, in.PolicyArns)
	if err := c.err(); err != nil {
		return nil, err
	}
	if !roleARNShape.MatchString(in.RoleArn) {
		return nil, validation(in.RoleArn + " is invalid")
	}
	cl := in.Claims
	if cl == nil {
		return nil, &Error{Code: CodeInvalidIdentityToken, Message: "The ID Token provided is not a valid JWT.", Status: http.StatusBadRequest}
	}
	if !cl.Expiry.IsZero() && !now.Before(cl.Expiry) {
		return nil, &Error{Code: CodeExpiredTokenException, Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Token expired: current date/time %d must be before the expiration date/time %d", now.Unix(), cl.Expiry.Unix())}
	}
	denied := accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")
	r, ok := s.set.Role(in.RoleArn)
	if !ok {
		return nil, denied
	}
	host := strings.TrimPrefix(cl.Issuer, "https://")
	provider := host
	if !builtinProviders[host] {
		pa := "arn:" + r.Partition() + ":iam::" + r.Account() + ":oidc-provider/" + host
		idp, ok := s.set.IdentityProvider(pa)
		if !ok || idp.Type != "OIDC" {
			return nil, &Error{Code: CodeInvalidIdentityToken, Status: http.StatusBadRequest,
				Message: "No OpenIDConnect provider found in your account for " + cl.Issuer}
		}
		if !audienceKnown(idp.ClientIDs, cl.Audience) {
			return nil, &Error{Code: CodeInvalidIdentityToken, Message: "Incorrect token audience", Status: http.StatusBadRequest}
		}
		provider = pa
	}
	ctx := map[string][]string{
		"aws:CurrentTime":     {now.UTC().Format(time.RFC3339)},
		"sts:RoleSessionName": {in.RoleSessionName},
	}
	if len(cl.Audience) > 0 {
		ctx[host+":aud"] = cl.Audience
	}
	if cl.Subject != "" {
		ctx[host+":sub"] = []string{cl.Subject}
	}
	if len(cl.AMR) > 0 {
		ctx[host+":amr"] = cl.AMR
	}
	// With web identity federation "additional condition keys are
	// available when the temporary security credentials are used to make a
	// request" (IAM User Guide, "IAM and AWS STS condition context keys" >
	// "Available keys for AWS web identity federation"): the token's aud,
	// sub and amr under the provider's name.
	var keys []evaluate.KeyValue
	for _, k := range []string{host + ":aud", host + ":sub", host + ":amr"} {
		for _, v := range ctx[k] {
			keys = append(keys, evaluate.KeyValue{Key: k, Value: v})
		}
	}
	return s.federate(federation{role: r, provider: provider, action: "sts:AssumeRoleWithWebIdentity", denied: denied, idpKeys: keys,
		name: in.RoleSessionName, duration: in.DurationSeconds, policy: in.Policy, policyArns: in.PolicyArns,
		ctx: ctx, tags: cl.Tags, transitive: cl.TransitiveTagKeys, source: cl.SourceIdentity, now: now})
}

func audienceKnown(clientIDs, aud []string) bool {
	for _, a := range aud {
		for _, c := range clientIDs {
			if a == c {
				return true
			}
		}
	}
	return false
}

// SAMLAssertion is a verified SAML assertion's content for
// AssumeRoleWithSAML (IAM User Guide, "Configure SAML assertions for the
// authentication response").
type SAMLAssertion struct {
	Issuer      string // the IdP's entity id
	Audience    string // https://signin.aws.amazon.com/saml
	Subject     string
	SubjectType string // persistent, transient, or the full format URI
	// RoleSessionName is the https://aws.amazon.com/SAML/Attributes/RoleSessionName attribute.
	RoleSessionName string
	// SessionDuration is the SessionDuration attribute in seconds, 0 if
	// absent. It "extends sessions only to the AWS Management Console. It
	// cannot extend the lifetime of other credentials. However, if it is
	// present in an AssumeRoleWithSAML API call, it can be used to shorten
	// the duration of the session" (IAM User Guide, "Configuring SAML
	// assertions for the authentication response" > "SAML SessionDuration
	// Attribute").
	SessionDuration int
	// NotOnOrAfter is when the assertion stops being accepted
	// (SubjectConfirmationData/@NotOnOrAfter): STS refuses it from then
	// on. It does not bound the session.
	NotOnOrAfter time.Time
	// SessionNotOnOrAfter is the AuthnStatement's SessionNotOnOrAfter:
	// "Your role session lasts for the duration that you specify, or until
	// the time specified in the SAML authentication response's
	// SessionNotOnOrAfter value, whichever is shorter" (AWS STS API
	// Reference, AssumeRoleWithSAML). Zero: absent.
	SessionNotOnOrAfter time.Time

	SourceIdentity    string
	Tags              []Tag
	TransitiveTagKeys []string
}

// AssumeRoleWithSAMLInput is AssumeRoleWithSAML's request with the assertion
// already verified (Config.SAML verifies assertions for the HTTP API).
type AssumeRoleWithSAMLInput struct {
	RoleArn         string
	PrincipalArn    string // the IAM SAML provider
	DurationSeconds *int
	Policy          string
	PolicyArns      []string
	Assertion       *SAMLAssertion
}

// AssumeRoleWithSAML assumes a role for a user authenticated by a SAML
// identity provider. The trust policy must name the provider as a Federated
// principal; its conditions see saml:aud, saml:sub, saml:sub_type,
// saml:iss and saml:namequalifier (IAM User Guide, "Available keys for SAML
// federation"). The session ends no later than the assertion's
// SessionNotOnOrAfter; an assertion past its NotOnOrAfter is refused.
func (s *Service) AssumeRoleWithSAML(in AssumeRoleWithSAMLInput) (*Session, error) {
	now := s.now()
	var c constraintErrors
	checkARN(&c, in.RoleArn, "roleArn")
	checkARN(&c, in.PrincipalArn, "principalArn")
	checkDuration(&c, in.DurationSeconds, MaxRoleDuration)
	checkPolicyText(&c, in.Policy)
	checkPolicyArns(&c, in.PolicyArns)
	if err := c.err(); err != nil {
		return nil, err
	}
	as := in.Assertion
	if as == nil {
		return nil, &Error{Code: CodeInvalidIdentityToken, Message: "Invalid SAML assertion", Status: http.StatusBadRequest}
	}
	if !as.NotOnOrAfter.IsZero() && !now.Before(as.NotOnOrAfter) {
		return nil, &Error{Code: CodeExpiredTokenException, Message: "The SAML assertion has expired", Status: http.StatusBadRequest}
	}
	denied := accessDenied("Not authorized to perform sts:AssumeRoleWithSAML")
	r, ok := s.set.Role(in.RoleArn)
	if !ok {
		return nil, denied
	}
	idp, ok := s.set.IdentityProvider(in.PrincipalArn)
	if !ok || idp.Type != "SAML" {
		return nil, &Error{Code: CodeInvalidIdentityToken, Message: "No SAML provider found for " + in.PrincipalArn, Status: http.StatusBadRequest}
	}
	var nc constraintErrors
	checkRoleSessionName(&nc, as.RoleSessionName)
	if err := nc.err(); err != nil {
		return nil, &Error{Code: CodeInvalidIdentityToken, Message: "RoleSessionName in the SAML assertion is invalid: " + err.(*Error).Message, Status: http.StatusBadRequest}
	}
	pa, _ := arn.Parse(in.PrincipalArn)
	// sts:RoleSessionName "is present in the request when the principal
	// assumes the role using ... any assume-role CLI command, or any AWS
	// STS AssumeRole API operation" (IAM User Guide, "IAM and AWS STS
	// condition context keys"): for SAML, the RoleSessionName attribute.
	ctx := map[string][]string{
		"aws:CurrentTime":     {now.UTC().Format(time.RFC3339)},
		"sts:RoleSessionName": {as.RoleSessionName},
		"saml:aud":            {as.Audience},
		"saml:iss":            {as.Issuer},
		"saml:sub":            {as.Subject},
		"saml:sub_type":       {as.SubjectType},
		"saml:namequalifier":  {nameQualifier(as.Issuer, pa)},
	}
	// "In the permissions policy of a role for SAML federation ... you can
	// include the following keys: saml:namequalifier, saml:sub,
	// saml:sub_type" (IAM User Guide, "IAM and AWS STS condition context
	// keys" > "SAML role permissions policies"): the session's requests
	// carry them.
	keys := []evaluate.KeyValue{{Key: "saml:namequalifier", Value: ctx["saml:namequalifier"][0]},
		{Key: "saml:sub", Value: as.Subject}, {Key: "saml:sub_type", Value: as.SubjectType}}
	return s.federate(federation{role: r, provider: in.PrincipalArn, action: "sts:AssumeRoleWithSAML", denied: denied, idpKeys: keys,
		name: as.RoleSessionName, duration: in.DurationSeconds, shorten: time.Duration(as.SessionDuration) * time.Second, policy: in.Policy, policyArns: in.PolicyArns, ctx: ctx,
		tags: as.Tags, transitive: as.TransitiveTagKeys, source: as.SourceIdentity, notAfter: as.SessionNotOnOrAfter, now: now})
}

// nameQualifier is saml:namequalifier: Base64(SHA1(issuer + account id +
// "/" + provider name)) (IAM User Guide, "Available keys for SAML
// federation").
func nameQualifier(issuer string, provider arn.ARN) string {
	name := provider.Resource()[strings.LastIndexByte(provider.Resource(), '/')+1:]
	sum := sha1.Sum([]byte(issuer + provider.Account() + "/" + name))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// federation is a web identity or SAML assumption once its token is read.
type federation struct {
	role       *role.Role
	provider   string
	action     string
	denied     *Error
	name       string
	duration   *int
	shorten    time.Duration // a SAML SessionDuration: shortens the session, never lengthens it; 0: none
	policy     string
	policyArns []string
	ctx        map[string][]string
	tags       []Tag
	transitive []string
	source     string
	notAfter   time.Time
	now        time.Time
	idpKeys    []evaluate.KeyValue // the provider's keys the session's requests carry
}

// federate checks the trust policy for the provider and issues the session.
func (s *Service) federate(f federation) (*Session, error) {
	nobody := &Session{}
	if err := checkSessionTags(nobody, f.tags, f.transitive); err != nil {
		return nil, err
	}
	var c constraintErrors
	checkTags(&c, f.tags, f.transitive)
	checkSourceIdentity(&c, f.source)
	if err := c.err(); err != nil {
		return nil, err
	}
	source, err := sourceIdentity(nobody, f.source)
	if err != nil {
		return nil, err
	}
	pols, packed, err := s.sessionPolicies(f.role.Account(), f.policy, f.policyArns, f.tags)
	if err != nil {
		return nil, err
	}
	dur, err := roleDuration(f.duration, f.role, false)
	if err != nil {
		return nil, err
	}
	if f.shorten > 0 && f.shorten < dur {
		dur = f.shorten
	}
	for _, t := range f.tags {
		f.ctx["aws:RequestTag/"+t.Key] = []string{t.Value}
		f.ctx["aws:TagKeys"] = append(f.ctx["aws:TagKeys"], t.Key)
	}
	if source != "" {
		f.ctx["sts:SourceIdentity"] = []string{source}
	}
	set, err := evaluate.Compile(evaluate.Policies{Resource: f.role.Trust(), RCPs: s.set.RCPs(f.role.Account())})
	if err != nil {
		return nil, err
	}
	actions := []string{f.action}
	if len(f.tags) > 0 {
		actions = append(actions, "sts:TagSession")
	}
	if source != "" {
		actions = append(actions, "sts:SetSourceIdentity")
	}
	for _, act := range actions {
		req := evaluate.Request{Principal: f.provider, Action: act, Resource: f.role.ARN().String(),
			ResourceAccount: f.role.Account(), Context: f.ctx}
		d, err := set.DecideRequest(req)
		if err != nil {
			return nil, err
		}
		// The provider has no identity policies: only the trust policy
		// can allow, for sts:TagSession and sts:SetSourceIdentity too.
		if d != evaluate.Allow {
			return nil, f.denied
		}
	}
	sess := &Session{kind: RoleSession, role: f.role, name: f.name, sourceIdentity: source, provider: f.provider,
		policies: pols, inlinePolicy: f.policy, policyArns: append([]string(nil), f.policyArns...), packed: packed, idpKeys: f.idpKeys}
	sess.tags, sess.transitive = sessionTags(f.role, nobody, f.tags, f.transitive)
	if err := s.issueRoleSessionUntil(sess, f.now, dur, f.notAfter); err != nil {
		return nil, err
	}
	return sess, nil
}

// issueRoleSessionUntil is issueRoleSession ending no later than notAfter
// (zero: no bound).
func (s *Service) issueRoleSessionUntil(sess *Session, now time.Time, dur time.Duration, notAfter time.Time) error {
	if !notAfter.IsZero() && now.Add(dur).After(notAfter) {
		dur = notAfter.Sub(now)
	}
	return s.issueRoleSession(sess, now, dur)
}
