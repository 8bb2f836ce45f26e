package sts

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/policy"
)

func checkPolicyArns(c *constraintErrors, arns []string) {
	if len(arns) > MaxPolicyArns {
		c.add("["+joinComma(arns)+"]", "policyArns", "have length less than or equal to "+strconv.Itoa(MaxPolicyArns))
	}
	for i, a := range arns {
		checkARN(c, a, "policyArns."+strconv.Itoa(i+1)+".member.arn")
	}
}

func malformed(msg string) *Error {
	return &Error{Code: CodeMalformedPolicyDocument, Message: msg, Status: http.StatusBadRequest}
}

// sessionPolicies parses the inline session policy and resolves the managed
// ones, which "must exist in the same account as the role" (AWS STS API
// Reference, AssumeRole, PolicyArns; for GetFederationToken the account of
// the user) or be AWS managed policies, and measures what they and the tags
// take of the packed-policy quota. A session policy AWS would refuse (one with a Principal, say) is
// MalformedPolicyDocument: it never grants.
//
// The packed size is iamsim's measure, not AWS's undocumented packing: the
// policies' text without white space outside strings plus the tags' keys
// and values, as a percentage of the 2,048-character plaintext quota of
// session policies ("The plaintext that you use for both inline and managed
// session policies can't exceed 2,048 characters", AWS STS API Reference,
// AssumeRole). Over 100% is PackedPolicyTooLarge, with AWS's message.
func (s *Service) sessionPolicies(account, inline string, arns []string, tags []Tag) ([]*policy.Policy, int, error) {
	var pols []*policy.Policy
	size := 0
	if inline != "" {
		p, err := policy.ParseString("session policy", inline)
		if err != nil {
			return nil, 0, malformed(policyErrorText(err))
		}
		if f := p.Refusals(policy.Session); len(f) > 0 {
			return nil, 0, malformed(f[0].Message)
		}
		pols = append(pols, p)
		size += policy.Size([]byte(inline), false)
	}
	for _, a := range arns {
		pa, err := arn.Parse(a)
		if err != nil || pa.Service() != "iam" {
			return nil, 0, invalidParameter(fmt.Sprintf("%s is not a valid managed policy ARN.", a))
		}
		p, ok := s.set.Policy(a)
		if !ok || (pa.Account() != account && pa.Account() != "aws") {
			return nil, 0, invalidParameter(fmt.Sprintf("The managed policy %s does not exist or is not attachable.", a))
		}
		if f := p.Refusals(policy.Session); len(f) > 0 {
			return nil, 0, malformed(f[0].Message)
		}
		pols = append(pols, p)
		size += len(a)
	}
	tagSize := 0
	for _, t := range tags {
		tagSize += len(t.Key) + len(t.Value)
	}
	packed := (size*100 + MaxPolicyPlaintext - 1) / MaxPolicyPlaintext
	if packed > 100 {
		return nil, 0, &Error{Code: CodePackedPolicyTooLarge, Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Packed policy consumes %d%% of allotted space, please use smaller policy.", packed)}
	}
	// Session tags pack beside the policies: up to 50 tags of 128 and 256
	// characters fit by construction once the per-tag limits hold.
	if tagSize > 0 {
		packed = max(packed, (tagSize*100+MaxSessionTags*384-1)/(MaxSessionTags*384))
	}
	return pols, packed, nil
}

// policyErrorText is the message of a policy that does not parse.
func policyErrorText(err error) string {
	var list policy.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		if list[0].Code == policy.CodeJSONSyntaxError {
			return "The policy is not in the valid JSON format."
		}
		return list[0].Message
	}
	return "Syntax errors in policy."
}
