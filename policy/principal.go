package policy

// Principal and NotPrincipal.

import (
	"errors"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/internal/jsontext"
)

func (p *parser) principal(v jsontext.Value, pa path) (Principal, *compiled.PrincipalSet) {
	set := &compiled.PrincipalSet{}
	if v.Kind == jsontext.String {
		if v.Text == "*" {
			set.All = true
			return Principal{"*": nil}, set
		}
		p.errorf(v.Off, pa.String(), CodeInvalidPrincipalFormat, "a principal other than \"*\" is written as an object, such as {\"AWS\": %q}", v.Text)
		return nil, set
	}
	if !v.IsObject() {
		p.errorf(v.Off, pa.String(), CodeInvalidPrincipalFormat, "the principal must be \"*\" or an object of AWS, Service, Federated, CanonicalUser, not %s", v.Describe())
		return nil, set
	}
	var doc Principal
	if p.wantDoc {
		doc = Principal{}
	}
	var seen keySet
	empty := true
	first, end, ok := p.members(v, pa)
	if !ok {
		return nil, set
	}
	for kn := first; kn < end; kn = p.tape.Next(kn) {
		k, val := p.tape.KeyAt(kn), p.tape.At(kn)
		empty = false
		if !p.unique(&seen, k, pa) {
			continue
		}
		kp := pa.child(k.Text)
		switch k.Text {
		case "AWS", "Service", "Federated", "CanonicalUser":
		default:
			p.errorf(k.Off, kp.String(), CodeInvalidPrincipalKey, "the principal key %q is not one of AWS, Service, Federated, CanonicalUser (keys are case-sensitive)", k.Text)
			continue
		}
		items, _ := p.stringList(val, kp, "Principal "+k.Text, nil)
		if items != nil && len(items) == 0 {
			p.add(Suggestion, val.Off, kp.String(), CodeEmptyArrayPrincipal, "the %s principal list is empty", k.Text)
		}
		if p.wantDoc {
			doc[k.Text] = itemsToStrings(items)
		}
		for _, it := range items {
			p.principalValue(set, k.Text, it, kp)
		}
	}
	if empty {
		p.add(Suggestion, v.Off, pa.String(), CodeEmptyObjectPrincipal, "the principal is an empty object: the statement applies to no principal")
	}
	return doc, set
}

func (p *parser) principalValue(set *compiled.PrincipalSet, typ string, it strItem, pa path) {
	s := it.s
	switch typ {
	case "AWS":
		switch {
		case s == "*":
			set.All = true
			set.AWS = append(set.AWS, compiled.AWSPrincipal{Kind: compiled.AWSAll, Raw: s})
		case arn.IsAccountID(s):
			set.AWS = append(set.AWS, compiled.AWSPrincipal{Kind: compiled.AWSAccount, Raw: s, Account: s})
		case strings.HasPrefix(s, "arn:"):
			if strings.ContainsAny(s, "*?") {
				p.errorf(it.off, pa.String(), CodeUnsupportedWildcardInPrincipal, "the principal %q has a wildcard: a principal ARN cannot match part of a name (use \"*\" with an aws:PrincipalArn condition)", s)
				return
			}
			a, err := arn.Parse(s)
			if err != nil {
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the principal %q is not a valid ARN: %v", s, errMsg(err))
				return
			}
			if a.Kind() == arn.KindRoot {
				set.AWS = append(set.AWS, compiled.AWSPrincipal{Kind: compiled.AWSAccount, Raw: s, Account: a.Account(), ARN: a})
				return
			}
			if a.Service() != "iam" && a.Service() != "sts" {
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the principal %q is not an IAM or STS principal ARN", s)
				return
			}
			if a.Kind() == arn.KindGroup {
				// IAM User Guide, "AWS JSON policy elements: Principal" >
				// "Specifying a principal": "You cannot identify a user
				// group as a principal in a policy".
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the principal %q is a user group, which cannot be a principal: name its users, or use \"*\" with a condition", s)
				return
			}
			set.AWS = append(set.AWS, compiled.AWSPrincipal{Kind: compiled.AWSARN, Raw: s, Account: a.Account(), ARN: a})
		case isUniqueID(s):
			set.AWS = append(set.AWS, compiled.AWSPrincipal{Kind: compiled.AWSUniqueID, Raw: s})
			if strings.HasPrefix(s, "AROA") || strings.HasPrefix(s, "AIDA") {
				return // INVALID_ROLE_REFERENCE, INVALID_USER_REFERENCE (aa_principals.go)
			}
			p.add(Warning, it.off, pa.String(), CodeUniqueIDPrincipal, "the principal %q is a unique id: IAM writes one when the principal it named was deleted, and it matches no principal", s)
		default:
			p.errorf(it.off, pa.String(), CodeInvalidPrincipalFormat, "the AWS principal %q must be \"*\", a 12-digit account id or an IAM/STS ARN", s)
		}
	case "Service":
		if s != "*" && !arn.IsServicePrincipal(s) {
			p.errorf(it.off, pa.String(), CodeInvalidServicePrincipalFormat, "%q is not a service principal name such as ec2.amazonaws.com", s)
			return
		}
		set.Service = append(set.Service, s)
	case "Federated":
		if strings.HasPrefix(s, "arn:") {
			a, err := arn.Parse(s)
			if err != nil {
				p.errorf(it.off, pa.String(), CodeInvalidARNPrincipal, "the federated principal %q is not a valid ARN: %v", s, errMsg(err))
				return
			}
			// An identity provider's ARN is IAM's saml-provider/NAME or
			// oidc-provider/HOST (IAM User Guide, "AWS JSON policy
			// elements: Principal" > "SAML session principals"; Access
			// Analyzer, "Invalid federated principal syntax in role trust
			// policy": "a domain name or a SAML metadata ARN").
			if res := a.Resource(); a.Service() != "iam" || !strings.HasPrefix(res, "saml-provider/") && !strings.HasPrefix(res, "oidc-provider/") {
				p.errorf(it.off, pa.String(), CodeInvalidFederatedPrincipal, "%q is not an identity provider's ARN (arn:aws:iam::ACCOUNT:saml-provider/NAME or oidc-provider/HOST)", s)
				return
			}
		} else if s == "" || strings.ContainsAny(s, " *?") {
			p.errorf(it.off, pa.String(), CodeInvalidFederatedPrincipal, "%q is not an identity provider (an ARN or a provider name such as cognito-identity.amazonaws.com)", s)
			return
		}
		set.Federated = append(set.Federated, s)
	case "CanonicalUser":
		set.CanonicalUser = append(set.CanonicalUser, s)
	}
}

// isUniqueID recognises IAM unique ids such as AIDAJQABLZS4A3QDU576Q.
func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func errMsg(err error) string {
	var pe *arn.ParseError
	if errors.As(err, &pe) {
		return pe.Msg
	}
	return err.Error()
}
