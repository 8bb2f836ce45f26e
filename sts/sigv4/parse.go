package sigv4

import (
	"net/http"
	"strings"
	"time"
)

// Algorithm is the only signing algorithm the Verifier accepts.
const Algorithm = "AWS4-HMAC-SHA256"

// timeFormat is ISO 8601 basic, as X-Amz-Date carries it.
const timeFormat = "20060102T150405Z"

// Error is a request whose signature does not verify.
type Error struct {
	Code    string
	Message string
	Status  int
}

func (e *Error) Error() string { return "sigv4: " + e.Code + ": " + e.Message }

// Codes of this package's errors.
const (
	CodeIncompleteSignature        = "IncompleteSignature"
	CodeSignatureDoesNotMatch      = "SignatureDoesNotMatch"
	CodeMissingAuthenticationToken = "MissingAuthenticationToken"
	CodeContentSHA256Mismatch      = "XAmzContentSHA256Mismatch"
)

// MsgSignatureDoesNotMatch is AWS's text for a signature that differs.
const MsgSignatureDoesNotMatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

func incomplete(msg string) *Error {
	return &Error{Code: CodeIncompleteSignature, Message: msg, Status: http.StatusBadRequest}
}

func mismatch(msg string) *Error {
	return &Error{Code: CodeSignatureDoesNotMatch, Message: msg, Status: http.StatusForbidden}
}

// ErrMissing is a request with neither an Authorization header nor presign
// parameters; the text is the Query APIs' "Common Errors" one.
var ErrMissing = &Error{Code: CodeMissingAuthenticationToken, Status: http.StatusForbidden,
	Message: "The request must contain either a valid (registered) AWS access key ID or X.509 certificate."}

// signature is what a request says about its signature.
type signature struct {
	accessKey     string
	date          string // YYYYMMDD of the scope
	region        string
	service       string
	signedHeaders []string
	signature     string
	amzDate       string
	time          time.Time
	token         string
	presigned     bool
	expires       time.Duration // presigned X-Amz-Expires, 0 if absent
}

// parseHeader reads the Authorization header form into s (the caller's,
// so that it need not be allocated). The texts are AWS's (sts-wire.md
// §2.1: each missing part is named, in this order).
func parseHeader(s *signature, r *http.Request, auth string) error {
	rest, ok := strings.CutPrefix(auth, Algorithm+" ")
	if !ok {
		return incomplete("Unsupported AWS 'algorithm': '" + firstWord(auth) + "'")
	}
	var cred, signed, sig string
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			cred = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			sig = v
		}
	}
	var missing []string
	if cred == "" {
		missing = append(missing, "Authorization header requires 'Credential' parameter.")
	}
	if sig == "" {
		missing = append(missing, "Authorization header requires 'Signature' parameter.")
	}
	if signed == "" {
		missing = append(missing, "Authorization header requires 'SignedHeaders' parameter.")
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if amzDate == "" {
		if d := r.Header.Get("Date"); d != "" {
			if t, err := http.ParseTime(d); err == nil {
				amzDate = t.UTC().Format(timeFormat)
			}
		}
	}
	if amzDate == "" {
		missing = append(missing, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	if len(missing) > 0 {
		return incomplete(strings.Join(missing, " ") + " Authorization=" + auth)
	}
	*s = signature{signature: sig, amzDate: amzDate, token: r.Header.Get("X-Amz-Security-Token")}
	if err := s.scope(cred, signed); err != nil {
		return err
	}
	return nil
}

// parseQuery reads the presigned form into s.
func parseQuery(s *signature, q map[string][]string) error {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	if a := get("X-Amz-Algorithm"); a != Algorithm {
		return incomplete("Unsupported AWS 'algorithm': '" + a + "'")
	}
	var missing []string
	for _, k := range []string{"X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"} {
		if get(k) == "" {
			missing = append(missing, "AWS query-string parameters must include '"+k+"'.")
		}
	}
	if len(missing) > 0 {
		return incomplete(strings.Join(missing, " ") + " Re-examine the query-string parameters.")
	}
	*s = signature{signature: get("X-Amz-Signature"), amzDate: get("X-Amz-Date"), token: get("X-Amz-Security-Token"), presigned: true}
	if e := get("X-Amz-Expires"); e != "" {
		d, err := time.ParseDuration(e + "s")
		if err != nil || d <= 0 || d > 7*24*time.Hour {
			return incomplete("X-Amz-Expires must be a number of seconds from 1 to 604800.")
		}
		s.expires = d
	}
	if err := s.scope(get("X-Amz-Credential"), get("X-Amz-SignedHeaders")); err != nil {
		return err
	}
	return nil
}

// scope reads AKID/date/region/service/aws4_request and the signed header
// list, and the request time.
func (s *signature) scope(cred, signed string) error {
	var parts [5]string // AKID/date/region/service/aws4_request, without a slice to allocate
	n := strings.Count(cred, "/") + 1
	if n == len(parts) {
		rest := cred
		for i := range parts[:4] {
			parts[i], rest, _ = strings.Cut(rest, "/")
		}
		parts[4] = rest
	}
	if n != 5 || parts[4] != "aws4_request" || parts[0] == "" {
		return incomplete("Credential should be of the form AKID/YYYYMMDD/region/service/aws4_request: '" + cred + "'.")
	}
	s.accessKey, s.date, s.region, s.service = parts[0], parts[1], parts[2], parts[3]
	t, err := time.Parse(timeFormat, s.amzDate)
	if err != nil {
		return incomplete("Date must be in ISO-8601 'basic format'. Got '" + s.amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601")
	}
	s.time = t
	if s.date != s.amzDate[:8] {
		return mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + s.date + "' != '" + s.amzDate[:8] + "', from '" + s.amzDate + "'.")
	}
	s.signedHeaders = strings.Split(signed, ";")
	for _, h := range s.signedHeaders {
		if h == "" || h != strings.ToLower(h) {
			return incomplete("SignedHeaders must be lower-case header names separated by ';': '" + signed + "'.")
		}
	}
	return nil
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}
