package sts

import (
	"encoding/xml"
	"net/http"
	"strconv"
)

// stsNamespace is the XML namespace of STS responses.
const stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

type xmlCredentials struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	SessionToken    string `xml:"SessionToken"`
	Expiration      string `xml:"Expiration"`
}

type xmlAssumedRoleUser struct {
	Arn           string `xml:"Arn"`
	AssumedRoleID string `xml:"AssumedRoleId"`
}

type xmlFederatedUser struct {
	Arn             string `xml:"Arn"`
	FederatedUserID string `xml:"FederatedUserId"`
}

// xmlResult holds every member a result may have; absent ones are left out.
type xmlResult struct {
	XMLName                     xml.Name
	Credentials                 *xmlCredentials     `xml:"Credentials,omitempty"`
	AssumedRoleUser             *xmlAssumedRoleUser `xml:"AssumedRoleUser,omitempty"`
	FederatedUser               *xmlFederatedUser   `xml:"FederatedUser,omitempty"`
	PackedPolicySize            *int                `xml:"PackedPolicySize,omitempty"`
	SourceIdentity              string              `xml:"SourceIdentity,omitempty"`
	SubjectFromWebIdentityToken string              `xml:"SubjectFromWebIdentityToken,omitempty"`
	Provider                    string              `xml:"Provider,omitempty"`
	Audience                    string              `xml:"Audience,omitempty"`
	Subject                     string              `xml:"Subject,omitempty"`
	SubjectType                 string              `xml:"SubjectType,omitempty"`
	Issuer                      string              `xml:"Issuer,omitempty"`
	NameQualifier               string              `xml:"NameQualifier,omitempty"`
	UserID                      string              `xml:"UserId,omitempty"`
	Account                     string              `xml:"Account,omitempty"`
	Arn                         string              `xml:"Arn,omitempty"`
}

type xmlResponse struct {
	XMLName   xml.Name
	Xmlns     string    `xml:"xmlns,attr"`
	Result    xmlResult `xml:",any"`
	RequestID string    `xml:"ResponseMetadata>RequestId"`
}

type xmlError struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Error   struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
	RequestID string `xml:"RequestId"`
}

// sessionResult is a session's members of an AssumeRole* or Get*Token
// result.
func sessionResult(op string, sess *Session) xmlResult {
	d := sess.Credentials().Document()
	res := xmlResult{XMLName: xml.Name{Local: op + "Result"},
		Credentials: &xmlCredentials{d.AccessKeyID, d.SecretAccessKey, d.SessionToken, d.Expiration}}
	switch sess.Kind() {
	case RoleSession:
		u := sess.AssumedRoleUser()
		res.AssumedRoleUser = &xmlAssumedRoleUser{u.Arn, u.AssumedRoleID}
		p := sess.PackedPolicySize()
		res.PackedPolicySize = &p
		res.SourceIdentity = sess.SourceIdentity()
	case FederatedUser:
		u := sess.FederatedUser()
		res.FederatedUser = &xmlFederatedUser{u.Arn, u.FederatedUserID}
		p := sess.PackedPolicySize()
		res.PackedPolicySize = &p
	}
	return res
}

// writeResult sends a result as STS does: the request id in the
// x-amzn-RequestId header and in ResponseMetadata.
func writeResult(w http.ResponseWriter, op, requestID string, res xmlResult) {
	body, err := xml.Marshal(xmlResponse{XMLName: xml.Name{Local: op + "Response"}, Xmlns: stsNamespace, Result: res, RequestID: requestID})
	if err != nil {
		writeError(w, requestID, &Error{Code: "InternalFailure", Message: "The request processing has failed because of an unknown error, exception or failure.", Status: http.StatusInternalServerError})
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("x-amzn-RequestId", requestID)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// writeError sends an ErrorResponse: Type Sender for 4xx, Receiver for 5xx,
// RequestId beside Error (sts-wire.md §1.3).
func writeError(w http.ResponseWriter, requestID string, e *Error) {
	var x xmlError
	x.Xmlns = stsNamespace
	x.Error.Type = "Sender"
	if e.Status >= 500 {
		x.Error.Type = "Receiver"
	}
	x.Error.Code, x.Error.Message, x.RequestID = e.Code, e.Message, requestID
	body, _ := xml.Marshal(x)
	h := w.Header()
	h.Set("Content-Type", "text/xml")
	h.Set("x-amzn-RequestId", requestID)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.Status)
	w.Write(body)
}
