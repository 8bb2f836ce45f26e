package sts

import (
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/iamsim/iamsim/sts/sigv4"
)

// MaxRequestBody bounds a Query API request body (a SAML assertion is at
// most 100,000 characters).
const MaxRequestBody = 1 << 20

// QueryHandler serves the STS Query API (AWS STS API Reference): form POSTs
// (and presigned GETs) signed with SigV4 by iamsim-issued or configured
// long-term credentials, except AssumeRoleWithWebIdentity and
// AssumeRoleWithSAML, which are unsigned. Responses and errors are the XML
// AWS sends, with the request id in the x-amzn-RequestId header and in the
// body.
func (s *Service) QueryHandler() http.Handler {
	return http.HandlerFunc(s.serveQuery)
}

func (s *Service) serveQuery(w http.ResponseWriter, r *http.Request) {
	id := s.requestID()
	s.setDate(w)
	body, err := readBody(r, MaxRequestBody)
	if err != nil {
		writeError(w, id, &Error{Code: "RequestEntityTooLarge", Message: "Request body too large or unreadable", Status: http.StatusRequestEntityTooLarge})
		return
	}
	f, err := queryForm(r, body)
	if err != nil {
		writeError(w, id, &Error{Code: "MalformedQueryString", Message: err.Error(), Status: http.StatusBadRequest})
		return
	}
	action := f.get("Action")
	op, ok := operations[action]
	switch {
	case action == "":
		writeError(w, id, &Error{Code: CodeMissingAction, Message: "Missing Action", Status: http.StatusBadRequest})
		return
	case !ok:
		writeError(w, id, &Error{Code: CodeInvalidAction, Message: "Could not find operation " + action + " for version " + f.get("Version"), Status: http.StatusBadRequest})
		return
	}
	var caller *Session
	if !op.anonymous {
		if caller, err = s.authenticate(r, body, "sts"); err != nil {
			writeError(w, id, asError(err))
			return
		}
	}
	res, err := op.run(s, caller, f)
	if err != nil {
		writeError(w, id, asError(err))
		return
	}
	res.XMLName.Local = action + "Result"
	writeResult(w, action, id, res)
}

// readBody reads a request body of at most max bytes. A nil Body (a
// request a server never makes, but a caller of the handler may) is empty.
func readBody(r *http.Request, max int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err == nil && int64(len(body)) > max {
		err = errors.New("sts: request body too large")
	}
	return body, err
}

// queryForm reads the parameters: the form body of a POST and the query
// string, less the presign parameters.
func queryForm(r *http.Request, body []byte) (form, error) {
	f := form{}
	if len(body) > 0 {
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		for k, vs := range v {
			f[k] = vs
		}
	}
	for k, vs := range r.URL.Query() {
		if !strings.HasPrefix(k, "X-Amz-") {
			f[k] = append(f[k], vs...)
		}
	}
	return f, nil
}

// authenticate verifies a request's SigV4 signature for a service's
// signing name and returns the identity that signed it.
func (s *Service) authenticate(r *http.Request, body []byte, service string) (*Session, error) {
	v := s.verifier(service)
	signed, err := v.Verify(r, body)
	if err != nil {
		return nil, err
	}
	who, _, err := s.Lookup(signed.AccessKeyID, signed.SessionToken)
	return who, err
}

// verifier is the Service's SigV4 verifier for a signing name, made once
// so that its signing keys are cached.
func (s *Service) verifier(service string) *sigv4.Verifier {
	if v, ok := s.verifiers.Load(service); ok {
		return v.(*sigv4.Verifier)
	}
	v := &sigv4.Verifier{Service: service, Now: s.now, Lookup: func(id, token string) (string, error) {
		_, secret, err := s.Lookup(id, token)
		return secret.Reveal(), err
	}}
	got, _ := s.verifiers.LoadOrStore(service, v)
	return got.(*sigv4.Verifier)
}

// asError turns any error into what the wire carries; errors that are not
// STS's own are internal failures and say nothing more.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var se *sigv4.Error
	if errors.As(err, &se) {
		return &Error{Code: se.Code, Message: se.Message, Status: se.Status}
	}
	return &Error{Code: "InternalFailure", Message: "The request processing has failed because of an unknown error, exception or failure.", Status: http.StatusInternalServerError}
}

// setDate sends the Service's clock as the response's Date, as AWS sends
// its own: an SDK whose signature is refused for clock skew retries with
// the time the Date header gives (sts-wire.md §1.5), so a Service on an
// injected clock stays usable by real clients.
func (s *Service) setDate(w http.ResponseWriter) {
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
}

// requestID is a random UUID, as AWS's request ids are.
func (s *Service) requestID() string {
	var b [16]byte
	if _, err := io.ReadFull(s.rand(), b[:]); err != nil {
		return "00000000-0000-4000-8000-000000000000"
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
