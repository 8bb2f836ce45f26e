package sts

import (
	"fmt"
	"net/http"
	"strings"
)

// Error is a refusal as STS sends it: the error code of its Query API
// (AccessDenied, ValidationError, ExpiredToken …), the message text AWS
// sends, and the HTTP status. Messages name ARNs and parameter values,
// never secrets.
type Error struct {
	Code    string
	Message string
	Status  int
}

func (e *Error) Error() string { return "sts: " + e.Code + ": " + e.Message }

// Codes of the errors this package returns (AWS STS API Reference, "Common
// Errors" and each operation's "Errors").
const (
	CodeAccessDenied               = "AccessDenied"
	CodeValidation                 = "ValidationError"
	CodeInvalidParameterValue      = "InvalidParameterValue"
	CodeMalformedPolicyDocument    = "MalformedPolicyDocument"
	CodePackedPolicyTooLarge       = "PackedPolicyTooLarge"
	CodeExpiredToken               = "ExpiredToken"          // expired session credentials
	CodeExpiredTokenException      = "ExpiredTokenException" // expired web identity or SAML token
	CodeInvalidIdentityToken       = "InvalidIdentityToken"
	CodeIDPRejectedClaim           = "IDPRejectedClaim"
	CodeInvalidClientTokenID       = "InvalidClientTokenId"
	CodeSignatureDoesNotMatch      = "SignatureDoesNotMatch"
	CodeIncompleteSignature        = "IncompleteSignature"
	CodeMissingAuthenticationToken = "MissingAuthenticationToken"
	CodeInvalidAction              = "InvalidAction"
	CodeMissingAction              = "MissingAction"
)

func accessDenied(msg string) *Error {
	return &Error{Code: CodeAccessDenied, Message: msg, Status: http.StatusForbidden}
}

// notAuthorized is AWS's AccessDenied text for an STS action on a role.
func notAuthorized(caller, action, resource string) *Error {
	return accessDenied(fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s", caller, action, resource))
}

func validation(msg string) *Error {
	return &Error{Code: CodeValidation, Message: msg, Status: http.StatusBadRequest}
}

func invalidParameter(msg string) *Error {
	return &Error{Code: CodeInvalidParameterValue, Message: msg, Status: http.StatusBadRequest}
}

// Texts AWS sends (sts-wire.md §5.3, §2.5; each seen in responses from AWS).
const (
	msgExpiredToken      = "The security token included in the request is expired"
	msgInvalidToken      = "The security token included in the request is invalid."
	msgRootAssume        = "Roles may not be assumed by root accounts."
	msgMaxDuration       = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
	msgChainDuration     = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
	msgMFAInvalidCode    = "MultiFactorAuthentication failed with invalid MFA one time pass code."
	msgMFABoth           = "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code."
	msgMFAUnknownSerial  = "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user."
	msgDuplicateTags     = "Duplicate tag keys found. Please note that Tag keys are case insensitive."
	msgTransitiveNotTag  = "The specified transitive tag key must be included in the requested tags."
	msgTransitiveClash   = "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session."
	msgSessionTokenCreds = "Cannot call GetSessionToken with session credentials"
	msgFederationCreds   = "Cannot call GetFederationToken with session credentials"
	// msgReservedTagPrefix is iamsim's own text: no AWS response with it
	// is recorded.
	msgReservedTagPrefix = "Session tag keys and values cannot begin with the reserved prefix aws:."
)

func expiredToken() *Error {
	return &Error{Code: CodeExpiredToken, Message: msgExpiredToken, Status: http.StatusForbidden}
}

// constraintErrors gathers Coral's "N validation error(s) detected" list.
type constraintErrors []string

func (c *constraintErrors) add(value, member, constraint string) {
	*c = append(*c, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must %s", value, member, constraint))
}

func (c *constraintErrors) length(value, member string, min, max int) {
	n := len([]rune(value))
	switch {
	case n < min:
		c.add(value, member, fmt.Sprintf("have length greater than or equal to %d", min))
	case max > 0 && n > max:
		c.add(value, member, fmt.Sprintf("have length less than or equal to %d", max))
	}
}

func (c *constraintErrors) pattern(value, member, pattern string, ok func(rune) bool) {
	for _, r := range value {
		if !ok(r) {
			c.add(value, member, "satisfy regular expression pattern: "+pattern)
			return
		}
	}
}

func (c constraintErrors) err() error {
	switch len(c) {
	case 0:
		return nil
	case 1:
		return validation("1 validation error detected: " + c[0])
	}
	return validation(fmt.Sprintf("%d validation errors detected: %s", len(c), strings.Join(c, "; ")))
}
