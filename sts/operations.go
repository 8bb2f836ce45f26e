package sts

import (
	"errors"
	"net/http"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
)

// operation is one STS action of the Query API.
type operation struct {
	anonymous bool // unsigned: the token or assertion is the credential
	run       func(s *Service, caller *Session, f form) (xmlResult, error)
}

var operations = map[string]operation{
	"AssumeRole":                {run: runAssumeRole},
	"AssumeRoleWithWebIdentity": {anonymous: true, run: runWebIdentity},
	"AssumeRoleWithSAML":        {anonymous: true, run: runSAML},
	"GetSessionToken":           {run: runSessionToken},
	"GetFederationToken":        {run: runFederationToken},
	"GetCallerIdentity":         {run: runCallerIdentity},
	"GetAccessKeyInfo":          {run: runAccessKeyInfo},
}

func policyArns(f form) []string {
	return f.members("PolicyArns", "arn")
}

func runAssumeRole(s *Service, caller *Session, f form) (xmlResult, error) {
	d, err := f.intp("DurationSeconds", "durationSeconds")
	if err != nil {
		return xmlResult{}, err
	}
	if err := f.emptyGiven(minLen{"ExternalId", "externalId", 2}, minLen{"SerialNumber", "serialNumber", 9},
		minLen{"TokenCode", "tokenCode", 6}, minLen{"Policy", "policy", 1}, minLen{"SourceIdentity", "sourceIdentity", 2}); err != nil {
		return xmlResult{}, err
	}
	sess, err := s.AssumeRole(caller, AssumeRoleInput{RoleArn: f.get("RoleArn"), RoleSessionName: f.get("RoleSessionName"),
		DurationSeconds: d, ExternalID: f.get("ExternalId"), SerialNumber: f.get("SerialNumber"), TokenCode: f.get("TokenCode"),
		Policy: f.get("Policy"), PolicyArns: policyArns(f), Tags: f.tags(), TransitiveTagKeys: f.members("TransitiveTagKeys", ""),
		SourceIdentity: f.get("SourceIdentity")})
	if err != nil {
		return xmlResult{}, err
	}
	return sessionResult("AssumeRole", sess), nil
}

func runWebIdentity(s *Service, _ *Session, f form) (xmlResult, error) {
	d, err := f.intp("DurationSeconds", "durationSeconds")
	if err != nil {
		return xmlResult{}, err
	}
	if err := f.emptyGiven(minLen{"Policy", "policy", 1}); err != nil {
		return xmlResult{}, err
	}
	token := f.get("WebIdentityToken")
	var c constraintErrors
	c.length(token, "webIdentityToken", 4, 20000)
	if err := c.err(); err != nil {
		return xmlResult{}, err
	}
	if s.cfg.WebIdentity == nil {
		return xmlResult{}, &Error{Code: CodeInvalidIdentityToken, Status: http.StatusBadRequest,
			Message: "iamsim verifies no web identity token: configure sts.Config.WebIdentity"}
	}
	claims, err := s.cfg.WebIdentity(token)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return xmlResult{}, e
		}
		return xmlResult{}, &Error{Code: CodeInvalidIdentityToken, Message: err.Error(), Status: http.StatusBadRequest}
	}
	sess, err := s.AssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityInput{RoleArn: f.get("RoleArn"),
		RoleSessionName: f.get("RoleSessionName"), DurationSeconds: d, Policy: f.get("Policy"), PolicyArns: policyArns(f), Claims: claims})
	if err != nil {
		return xmlResult{}, err
	}
	res := sessionResult("AssumeRoleWithWebIdentity", sess)
	res.SubjectFromWebIdentityToken = claims.Subject
	// Provider is the provider the trust policy named: an IAM OIDC
	// provider's ARN, as AWS answers ("Provider":
	// "arn:aws:iam::012345678901:oidc-provider/spire-oidc.example.org",
	// AWS CLI output recorded in spiffe/spiffe.io#110, and EKS IRSA
	// outputs alike), or the host of a provider STS knows itself
	// ("www.amazon.com", AWS STS API Reference, AssumeRoleWithWebIdentity
	// example).
	res.Provider = sess.FederatedProvider()
	if len(claims.Audience) > 0 {
		res.Audience = claims.Audience[0]
	}
	return res, nil
}

func runSAML(s *Service, _ *Session, f form) (xmlResult, error) {
	d, err := f.intp("DurationSeconds", "durationSeconds")
	if err != nil {
		return xmlResult{}, err
	}
	if err := f.emptyGiven(minLen{"Policy", "policy", 1}); err != nil {
		return xmlResult{}, err
	}
	var c constraintErrors
	c.length(f.get("SAMLAssertion"), "sAMLAssertion", 4, 100000)
	if err := c.err(); err != nil {
		return xmlResult{}, err
	}
	if s.cfg.SAML == nil {
		return xmlResult{}, &Error{Code: CodeInvalidIdentityToken, Status: http.StatusBadRequest,
			Message: "iamsim verifies no SAML assertion: configure sts.Config.SAML"}
	}
	as, err := s.cfg.SAML(f.get("SAMLAssertion"))
	if err != nil {
		return xmlResult{}, &Error{Code: CodeInvalidIdentityToken, Message: err.Error(), Status: http.StatusBadRequest}
	}
	sess, err := s.AssumeRoleWithSAML(AssumeRoleWithSAMLInput{RoleArn: f.get("RoleArn"), PrincipalArn: f.get("PrincipalArn"),
		DurationSeconds: d, Policy: f.get("Policy"), PolicyArns: policyArns(f), Assertion: as})
	if err != nil {
		return xmlResult{}, err
	}
	res := sessionResult("AssumeRoleWithSAML", sess)
	res.Subject, res.SubjectType, res.Issuer, res.Audience = as.Subject, as.SubjectType, as.Issuer, as.Audience
	// NameQualifier is in every AssumeRoleWithSAML result: BASE64 ( SHA1 (
	// issuer + account id + "/" + provider name ) ) (AWS STS API
	// Reference, AssumeRoleWithSAML, Response Elements), the value
	// saml:namequalifier had in the trust decision.
	if pa, err := arn.Parse(f.get("PrincipalArn")); err == nil {
		res.NameQualifier = nameQualifier(as.Issuer, pa)
	}
	return res, nil
}

func runSessionToken(s *Service, caller *Session, f form) (xmlResult, error) {
	d, err := f.intp("DurationSeconds", "durationSeconds")
	if err != nil {
		return xmlResult{}, err
	}
	if err := f.emptyGiven(minLen{"SerialNumber", "serialNumber", 9}, minLen{"TokenCode", "tokenCode", 6}); err != nil {
		return xmlResult{}, err
	}
	sess, err := s.GetSessionToken(caller, GetSessionTokenInput{DurationSeconds: d, SerialNumber: f.get("SerialNumber"), TokenCode: f.get("TokenCode")})
	if err != nil {
		return xmlResult{}, err
	}
	return sessionResult("GetSessionToken", sess), nil
}

func runFederationToken(s *Service, caller *Session, f form) (xmlResult, error) {
	d, err := f.intp("DurationSeconds", "durationSeconds")
	if err != nil {
		return xmlResult{}, err
	}
	if err := f.emptyGiven(minLen{"Policy", "policy", 1}); err != nil {
		return xmlResult{}, err
	}
	sess, err := s.GetFederationToken(caller, GetFederationTokenInput{Name: f.get("Name"), DurationSeconds: d,
		Policy: f.get("Policy"), PolicyArns: policyArns(f), Tags: f.tags()})
	if err != nil {
		return xmlResult{}, err
	}
	return sessionResult("GetFederationToken", sess), nil
}

func runCallerIdentity(s *Service, caller *Session, _ form) (xmlResult, error) {
	id, err := s.GetCallerIdentity(caller)
	if err != nil {
		return xmlResult{}, err
	}
	return xmlResult{UserID: id.UserID, Account: id.Account, Arn: id.Arn}, nil
}

// runAccessKeyInfo names the account of an access key id, read from the
// key itself; the caller needs sts:GetAccessKeyInfo.
func runAccessKeyInfo(s *Service, caller *Session, f form) (xmlResult, error) {
	var c constraintErrors
	id := f.get("AccessKeyId")
	c.length(id, "accessKeyId", 16, 128)
	c.pattern(id, "accessKeyId", `[\w]*`, isWord)
	if err := c.err(); err != nil {
		return xmlResult{}, err
	}
	if d, err := s.Decide(caller, Request{Action: "sts:GetAccessKeyInfo", Resource: "*"}); err != nil || d != evaluate.Allow {
		if err != nil {
			return xmlResult{}, err
		}
		return xmlResult{}, notAuthorized(caller.arn, "sts:GetAccessKeyInfo", "*")
	}
	acct, ok := AccessKeyAccount(id)
	if !ok {
		return xmlResult{}, invalidParameter("The access key ID " + id + " is not valid.")
	}
	return xmlResult{Account: acct}, nil
}
