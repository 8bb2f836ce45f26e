package evaluate

// VPC endpoint policies (AWS PrivateLink Guide, "Control access to VPC
// endpoints using endpoint policies"): "An endpoint policy is a
// resource-based policy that you attach to a VPC endpoint to control which
// AWS principals can use the endpoint to access an AWS service", and it
// "does not override or replace identity-based policies or resource-based
// policies". A request made through the endpoint (the one whose
// aws:SourceVpce is the endpoint's id) is allowed only when the endpoint's
// policy allows it too, whoever the caller is, in the same account or
// not; a Deny in it is an explicit deny like any other.

// endpointGap is the endpoint step: when the set has an endpoint policy,
// one of its Allow statements must name the caller. An account in its
// Principal names the account's root user only: "If you specify a
// principal in the format "AWS": "account_id", access is granted to the
// AWS account root user only, not all users and roles for the account"
// (AWS PrivateLink Guide, "Principals for gateway endpoints"; iamsim
// reads it so for every endpoint, the reading that grants less).
func endpointGap(f *facts, vs *verdicts) (Stage, bool) {
	tv := &vs.t[EndpointPolicy]
	if !tv.present {
		return Stage{}, false
	}
	switch {
	case !tv.allow, tv.grant == grantNone:
	case tv.grant == grantAccount && f.kind != callerRoot:
	default:
		return Stage{}, false
	}
	return Stage{Type: EndpointPolicy}, true
}
