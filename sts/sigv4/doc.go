// Package sigv4 verifies AWS Signature Version 4 on incoming HTTP requests,
// in both forms the AWS SDKs send: the Authorization header and the
// presigned query string. It is the server side of "Create a signed AWS API
// request" (IAM User Guide, "AWS Signature Version 4 for API requests"):
// the canonical request is rebuilt from the request as the server received
// it, signed with the secret a Lookup returns for the access key, and
// compared in constant time.
//
// Errors are *Error values with the codes and texts of AWS's Query-protocol
// services (IncompleteSignature, SignatureDoesNotMatch, and whatever the
// Lookup returns, such as InvalidClientTokenId or ExpiredToken). A Verifier
// is safe for concurrent use.
package sigv4
