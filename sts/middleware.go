package sts

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
)

// MaxSignedBody bounds the body the middleware reads to check a payload
// hash.
const MaxSignedBody = 64 << 20

// Mapper says what an HTTP request asks of IAM: its action, resource and
// request context.
type Mapper func(r *http.Request) (Request, error)

// MiddlewareConfig configures Middleware.
type MiddlewareConfig struct {
	// Service is the SigV4 signing name requests must be scoped to, such
	// as "s3" or "execute-api".
	Service string
	// Map turns a request into what it asks IAM for. Required.
	Map Mapper
	// Deny writes a refusal. Nil writes Amazon S3's XML error, which S3
	// clients read.
	Deny func(w http.ResponseWriter, r *http.Request, e *Error)
}

type ctxKey struct{}

// SessionFromContext returns the identity the middleware authenticated.
func SessionFromContext(ctx context.Context) (*Session, bool) {
	s, ok := ctx.Value(ctxKey{}).(*Session)
	return s, ok
}

// Middleware authenticates SigV4-signed requests with the Service's
// credentials (sessions it issued, users' long-term keys, configured keys),
// then authorizes them with the engine as the signing session, and passes
// only allowed requests to next, with the session in the request's context.
// A refusal is AccessDenied (403); a bad signature, unknown key or expired
// session is the SigV4 error AWS sends.
func (s *Service) Middleware(cfg MiddlewareConfig, next http.Handler) http.Handler {
	deny := cfg.Deny
	if deny == nil {
		deny = writeS3Error
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.setDate(w)
		body, err := readBody(r, MaxSignedBody)
		if err != nil {
			deny(w, r, &Error{Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size", Status: http.StatusBadRequest})
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sess, err := s.authenticate(r, body, cfg.Service)
		if err != nil {
			deny(w, r, asError(err))
			return
		}
		req, err := cfg.Map(r)
		if err != nil {
			deny(w, r, &Error{Code: "InvalidRequest", Message: err.Error(), Status: http.StatusBadRequest})
			return
		}
		d, err := s.Decide(sess, req)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = &Error{Code: CodeAccessDenied, Message: "Access Denied", Status: http.StatusForbidden}
			}
			deny(w, r, e)
			return
		}
		if d != evaluate.Allow {
			deny(w, r, accessDenied("User: "+sess.arn+" is not authorized to perform: "+req.Action+" on resource: "+req.Resource))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, sess)))
	})
}

// writeS3Error writes Amazon S3's error document.
func writeS3Error(w http.ResponseWriter, _ *http.Request, e *Error) {
	msg := e.Message
	if e.Code == CodeAccessDenied {
		msg = "Access Denied" // S3 says no more
	}
	body, _ := xml.Marshal(struct {
		XMLName xml.Name `xml:"Error"`
		Code    string   `xml:"Code"`
		Message string   `xml:"Message"`
	}{Code: e.Code, Message: msg})
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.Status)
	w.Write([]byte(xml.Header))
	w.Write(body)
}

// The actions of S3 requests by subresource and method.
var (
	s3ObjectActions = map[string]map[string]string{
		"":        {"GET": "s3:GetObject", "HEAD": "s3:GetObject", "PUT": "s3:PutObject", "DELETE": "s3:DeleteObject"},
		"tagging": {"GET": "s3:GetObjectTagging", "PUT": "s3:PutObjectTagging", "DELETE": "s3:DeleteObjectTagging"},
		"acl":     {"GET": "s3:GetObjectAcl", "PUT": "s3:PutObjectAcl"},
	}
	s3BucketActions = map[string]map[string]string{
		"":        {"GET": "s3:ListBucket", "HEAD": "s3:ListBucket", "PUT": "s3:CreateBucket", "DELETE": "s3:DeleteBucket"},
		"tagging": {"GET": "s3:GetBucketTagging", "PUT": "s3:PutBucketTagging"},
		"acl":     {"GET": "s3:GetBucketAcl", "PUT": "s3:PutBucketAcl"},
	}
)

// S3Request maps a path-style Amazon S3 request (/bucket/key) to the
// action it needs (Amazon S3 User Guide, "Policy actions for Amazon S3"):
// GET and HEAD of an object s3:GetObject, PUT s3:PutObject, DELETE
// s3:DeleteObject; GET and HEAD of a bucket s3:ListBucket, with s3:prefix.
// The ?tagging and ?acl subresources map to their own actions; any other
// subresource is refused (fail closed) rather than guessed.
func S3Request(r *http.Request) (Request, error) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(p, "/")
	if bucket == "" {
		return Request{Action: "s3:ListAllMyBuckets", Resource: "*"}, nil
	}
	var q url.Values
	if r.URL.RawQuery != "" {
		q = r.URL.Query()
	}
	sub := ""
	for k := range q {
		switch k {
		case "x-id", "prefix", "delimiter", "max-keys", "list-type", "continuation-token", "start-after", "encoding-type", "versionId":
		default:
			if sub != "" || !(k == "tagging" || k == "acl") {
				return Request{}, errors.New("sts: unsupported S3 subresource " + k)
			}
			sub = k
		}
	}
	table, resource := s3BucketActions, ""
	if key != "" {
		table, resource = s3ObjectActions, "arn:aws:s3:::"+p // p is bucket/key
	} else {
		resource = "arn:aws:s3:::" + bucket
	}
	action, ok := table[sub][r.Method]
	if !ok {
		return Request{}, errors.New("sts: unsupported S3 request " + r.Method + " " + r.URL.Path)
	}
	req := Request{Action: action, Resource: resource}
	if action == "s3:ListBucket" {
		req.Context = map[string][]string{"s3:prefix": {q.Get("prefix")}}
		if d := q.Get("delimiter"); d != "" {
			req.Context["s3:delimiter"] = []string{d}
		}
	}
	return req, nil
}
