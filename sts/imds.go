package sts

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// IMDS tokens (Amazon EC2 User Guide, "How Instance Metadata Service
// Version 2 works"): a PUT to /latest/api/token with
// X-aws-ec2-metadata-token-ttl-seconds from 1 to 21,600 returns a token,
// echoing the TTL header (the AWS SDK for Go v2 fails without it,
// sts-wire.md §3.1); every GET carries X-aws-ec2-metadata-token.
const (
	imdsTTLHeader   = "X-Aws-Ec2-Metadata-Token-Ttl-Seconds"
	imdsTokenHeader = "X-Aws-Ec2-Metadata-Token"
	MaxIMDSTokenTTL = 21600
	maxIMDSTokens   = 4096
)

// imds serves one instance's metadata.
type imds struct {
	s        *Service
	instance string
	mu       sync.Mutex
	tokens   map[string]time.Time // token → expiry
}

// IMDSHandler serves the instance metadata an SDK reads for an instance's
// credentials, IMDSv2 only (a GET without a valid token is 401, as with
// HttpTokens "required"): PUT /latest/api/token,
// GET /latest/meta-data/iam/security-credentials/ (the role name),
// GET /latest/meta-data/iam/security-credentials/ROLE (the credentials
// document) and GET /latest/meta-data/iam/info. The instance must have been
// launched (LaunchInstance).
func (s *Service) IMDSHandler(instanceID string) http.Handler {
	return &imds{s: s, instance: instanceID, tokens: map[string]time.Time{}}
}

func (m *imds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if path == "/latest/api/token" {
		m.token(w, r)
		return
	}
	if strings.HasSuffix(path, "/api/token") && r.Method == http.MethodPut {
		// "Issuing PUT requests to any version-specific path, for example
		// /2021-03-23/api/token, will result in the metadata service
		// returning 403 Forbidden errors" (Amazon EC2 User Guide,
		// "Retrieve instance metadata" > "Considerations").
		http.Error(w, "Forbidden", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	if !m.valid(r.Header.Get(imdsTokenHeader)) {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	in, ok := m.s.Instance(m.instance)
	if !ok {
		http.NotFound(w, r)
		return
	}
	const creds = "/latest/meta-data/iam/security-credentials/"
	switch {
	case path == creds || path == strings.TrimSuffix(creds, "/"):
		io.WriteString(w, in.Role.Name())
	case strings.HasPrefix(path, creds):
		if strings.TrimPrefix(path, creds) != in.Role.Name() {
			http.NotFound(w, r)
			return
		}
		m.credentials(w)
	case path == "/latest/meta-data/iam/":
		// "A request for a general metadata resource (the URI ends with a
		// /) returns a list of available resources", one a line (Amazon
		// EC2 User Guide, "Retrieve instance metadata" >
		// "Responses and error messages"); iam/ holds info and
		// security-credentials/ ("Instance metadata categories").
		io.WriteString(w, "info\nsecurity-credentials/")
	case path == "/latest/meta-data/iam/info":
		writeJSON(w, map[string]string{"Code": "Success", "LastUpdated": formatTime(m.s.now()),
			"InstanceProfileArn": in.InstanceProfileArn, "InstanceProfileId": in.InstanceProfileID})
	case path == "/latest/meta-data/instance-id":
		io.WriteString(w, in.ID)
	default:
		http.NotFound(w, r)
	}
}

// token issues an IMDSv2 token.
func (m *imds) token(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut {
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	if _, proxied := r.Header["X-Forwarded-For"]; proxied {
		// "PUT requests are rejected if they contain an X-Forwarded-For
		// header" (Amazon EC2 User Guide, "How Instance Metadata Service
		// Version 2 works"): 403, the code of "the request is not allowed"
		// ("Retrieve instance metadata" > "Responses and error messages").
		http.Error(w, "Forbidden", http.StatusForbidden)
		return
	}
	ttlText := r.Header.Get(imdsTTLHeader)
	ttl, err := strconv.Atoi(ttlText)
	if err != nil || ttl < 1 || ttl > MaxIMDSTokenTTL {
		http.Error(w, "Bad Request", http.StatusBadRequest)
		return
	}
	var b [32]byte
	if _, err := io.ReadFull(m.s.rand(), b[:]); err != nil {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	now := m.s.now()
	m.mu.Lock()
	if len(m.tokens) >= maxIMDSTokens {
		m.evict(now)
	}
	m.tokens[tok] = now.Add(time.Duration(ttl) * time.Second)
	m.mu.Unlock()
	w.Header().Set(imdsTTLHeader, ttlText)
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, tok)
}

// evict makes room for a token: the expired ones go, and if none has
// expired, the one that expires first. Every token handed out works ("There
// is no practical limit on the number of concurrent tokens", Amazon EC2 User
// Guide, "How Instance Metadata Service Version 2 works"); the client of an
// evicted one gets 401 and asks for a new token, as after expiry, while
// memory stays bounded. m.mu is held.
func (m *imds) evict(now time.Time) {
	var first string
	var firstExp time.Time
	for t, exp := range m.tokens {
		switch {
		case !now.Before(exp):
			delete(m.tokens, t)
		case first == "" || exp.Before(firstExp):
			first, firstExp = t, exp
		}
	}
	if len(m.tokens) >= maxIMDSTokens {
		delete(m.tokens, first)
	}
}

func (m *imds) valid(tok string) bool {
	if tok == "" {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	exp, ok := m.tokens[tok]
	return ok && m.s.now().Before(exp)
}

// credentials writes the instance's credentials document: with STS's
// responses, the only output that carries secrets.
func (m *imds) credentials(w http.ResponseWriter) {
	sess, err := m.s.InstanceCredentials(m.instance)
	if err != nil {
		writeJSON(w, map[string]string{"Code": "AssumeRoleUnauthorizedAccess", "Message": asError(err).Message,
			"LastUpdated": formatTime(m.s.now())})
		return
	}
	d := sess.Credentials().Document()
	writeJSON(w, struct {
		Code            string
		LastUpdated     string
		Type            string
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string
		Token           string
		Expiration      string
	}{"Success", formatTime(sess.IssuedAt()), "AWS-HMAC", d.AccessKeyID, d.SecretAccessKey, d.SessionToken, d.Expiration})
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write(b)
}
