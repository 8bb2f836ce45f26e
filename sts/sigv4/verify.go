package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MaxSkew is how far a request's time may be from the server's: "The
// request reached the service more than 15 minutes after the date stamp on
// the request ... or the date stamp on the request is more than 15 minutes
// in the future" (AWS Query APIs, "Common Errors", RequestExpired).
const MaxSkew = 15 * time.Minute

// EmptySHA256 is the hex SHA-256 of an empty payload.
const EmptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// Lookup returns the secret access key for an access key id and session
// token ("" for long-term keys), or an error the verifier returns as is
// (InvalidClientTokenId, ExpiredToken …).
type Lookup func(accessKeyID, sessionToken string) (secret string, err error)

// Verifier checks SigV4 signatures. The zero Verifier refuses every
// request (it has no Lookup).
type Verifier struct {
	// Lookup finds the secret of an access key.
	Lookup Lookup
	// Service is the signing name requests must be scoped to ("sts",
	// "s3" …); "" accepts any.
	Service string
	// Regions are the regions a scope may name; nil accepts any region of
	// the usual form (us-east-1, eu-central-2, us-gov-west-1 …).
	Regions []string
	// Now is the clock; nil is time.Now.
	Now func() time.Time

	keys  sync.Map // keyID → signing key
	nkeys atomic.Int64
}

// key returns the signing key of a secret for a scope, derived once per
// day, region and service (four HMACs) and kept: most requests repeat the
// scope of the previous one. The cache holds at most keyCacheSize keys.
func (v *Verifier) key(secret string, s *signature) []byte {
	k := keyID{secret, s.date, s.region, s.service}
	if got, ok := v.keys.Load(k); ok {
		return got.([]byte)
	}
	key := signingKey(secret, s.date, s.region, s.service)
	if v.nkeys.Add(1) > keyCacheSize {
		v.keys.Clear()
		v.nkeys.Store(0)
	}
	v.keys.Store(k, key)
	return key
}

const keyCacheSize = 1 << 14

type keyID struct{ secret, date, region, service string }

// Signed is a request whose signature verified.
type Signed struct {
	AccessKeyID  string
	SessionToken string
	Region       string
	Service      string
	Time         time.Time
	Presigned    bool
}

// regionShaped reports whether s has the form of an AWS region:
// [a-z]{2}(-[a-z]+)+-[0-9]{1,2}, such as us-east-1 or us-gov-west-1.
func regionShaped(s string) bool {
	// Cut part by part: splitting would allocate on every request.
	first, rest, ok := strings.Cut(s, "-")
	if !ok || len(first) != 2 || !lower(first) {
		return false
	}
	last := strings.LastIndexByte(rest, '-')
	if last < 0 {
		return false
	}
	for mid := rest[:last]; ; {
		p, more, ok := strings.Cut(mid, "-")
		if p == "" || !lower(p) {
			return false
		}
		if !ok {
			break
		}
		mid = more
	}
	n := rest[last+1:]
	if len(n) < 1 || len(n) > 2 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}

func lower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// Verify checks the request's signature. body is the request body, read
// once by the caller (who gives handlers a fresh reader); its hash is the
// payload hash unless X-Amz-Content-Sha256 says otherwise, and when that
// header holds a hash the body must have it.
func (v *Verifier) Verify(r *http.Request, body []byte) (*Signed, error) {
	var parsed signature
	s := &parsed
	var err error
	if auth := r.Header.Get("Authorization"); auth != "" {
		err = parseHeader(s, r, auth)
	} else if query := r.URL.Query(); query.Get("X-Amz-Algorithm") != "" || query.Get("X-Amz-Signature") != "" {
		err = parseQuery(s, query)
	} else {
		return nil, ErrMissing
	}
	if err != nil {
		return nil, err
	}
	if err := v.checkScope(s); err != nil {
		return nil, err
	}
	if err := v.checkTime(s); err != nil {
		return nil, err
	}
	if v.Lookup == nil {
		return nil, mismatch(MsgSignatureDoesNotMatch)
	}
	secret, err := v.Lookup(s.accessKey, s.token)
	if err != nil {
		return nil, err
	}
	payload, err := payloadHash(r, body, s)
	if err != nil {
		return nil, err
	}
	bp := bufPool.Get().(*[]byte)
	buf := appendCanonicalRequest((*bp)[:0], r, s, payload)
	sum := sha256.Sum256(buf)
	var want [64]byte
	var mac [sha256.Size]byte
	mac, buf = hmacAppend(v.key(secret, s), buf[:0], func(b []byte) []byte { return appendStringToSign(b, s, &sum) })
	hex.Encode(want[:], mac[:])
	if cap(buf) <= maxPooledBuf {
		*bp = buf
		bufPool.Put(bp)
	}
	if subtle.ConstantTimeCompare(want[:], []byte(s.signature)) != 1 {
		return nil, mismatch(MsgSignatureDoesNotMatch)
	}
	return &Signed{AccessKeyID: s.accessKey, SessionToken: s.token, Region: s.region, Service: s.service,
		Time: s.time, Presigned: s.presigned}, nil
}

// checkScope: "Credential should be scoped to a valid region, not 'R'. " and
// "Credential should be scoped to correct service: 'S'. " (AWS's texts,
// trailing space included; sts-wire.md §2.1).
func (v *Verifier) checkScope(s *signature) error {
	valid := regionShaped(s.region)
	if valid && v.Regions != nil {
		valid = false
		for _, r := range v.Regions {
			valid = valid || r == s.region
		}
	}
	if !valid {
		return mismatch("Credential should be scoped to a valid region, not '" + s.region + "'. ")
	}
	if v.Service != "" && s.service != v.Service {
		return mismatch("Credential should be scoped to correct service: '" + v.Service + "'. ")
	}
	return nil
}

// checkTime applies the 15-minute rule, and a presigned URL's expiry.
func (v *Verifier) checkTime(s *signature) error {
	now := time.Now()
	if v.Now != nil {
		now = v.Now()
	}
	now = now.UTC()
	if s.presigned && s.expires > 0 {
		if now.After(s.time.Add(s.expires)) {
			return &Error{Code: "AccessDenied", Message: "Request has expired", Status: http.StatusForbidden}
		}
		if s.time.After(now.Add(MaxSkew)) {
			return mismatch("Signature not yet current: " + s.amzDate + " is still later than " + now.Add(MaxSkew).Format(timeFormat) + " (" + now.Format(timeFormat) + " + 15 min.)")
		}
		return nil
	}
	switch {
	case s.time.Before(now.Add(-MaxSkew)):
		return mismatch("Signature expired: " + s.amzDate + " is now earlier than " + now.Add(-MaxSkew).Format(timeFormat) + " (" + now.Format(timeFormat) + " - 15 min.)")
	case s.time.After(now.Add(MaxSkew)):
		return mismatch("Signature not yet current: " + s.amzDate + " is still later than " + now.Add(MaxSkew).Format(timeFormat) + " (" + now.Format(timeFormat) + " + 15 min.)")
	}
	return nil
}

// payloadHash is X-Amz-Content-Sha256 when given (checked against the body
// when it is a hash), UNSIGNED-PAYLOAD for presigned S3 requests, else the
// body's hash.
func payloadHash(r *http.Request, body []byte, s *signature) (string, error) {
	h := r.Header.Get("X-Amz-Content-Sha256")
	switch {
	case h == "" && s.presigned && s.service == "s3":
		return "UNSIGNED-PAYLOAD", nil
	case h == "":
		return hashHex(body), nil
	case h == "UNSIGNED-PAYLOAD":
		return h, nil
	case strings.HasPrefix(h, "STREAMING-"):
		return "", incomplete("Streaming (aws-chunked) payloads are not supported: '" + h + "'.")
	}
	if got := hashHex(body); !strings.EqualFold(got, h) {
		return "", &Error{Code: CodeContentSHA256Mismatch, Status: http.StatusBadRequest,
			Message: "The provided 'x-amz-content-sha256' header does not match what was computed."}
	}
	return h, nil
}

// bufPool holds the buffers Verify builds the canonical request and the
// string to sign in, so that a verification allocates neither.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// maxPooledBuf bounds what goes back to bufPool: a huge query string must
// not pin its buffer.
const maxPooledBuf = 64 << 10

func canonicalRequest(r *http.Request, s *signature, payload string) string {
	return string(appendCanonicalRequest(make([]byte, 0, 256+len(r.URL.RawQuery)+64*len(s.signedHeaders)), r, s, payload))
}

// appendCanonicalRequest appends SigV4's canonical request to b.
func appendCanonicalRequest(b []byte, r *http.Request, s *signature, payload string) []byte {
	b = append(b, r.Method...)
	b = append(b, '\n')
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	if s.service != "s3" {
		path = escape(path, false) // every service but S3 encodes the path twice
	}
	b = append(b, path...)
	b = append(b, '\n')
	b = append(b, canonicalQuery(r.URL.RawQuery, s.presigned)...)
	b = append(b, '\n')
	for _, h := range s.signedHeaders {
		b = append(b, h...)
		b = append(b, ':')
		b = append(b, headerValue(r, h)...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	for i, h := range s.signedHeaders {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, h...)
	}
	b = append(b, '\n')
	return append(b, payload...)
}

// headerValue is a signed header's canonical value: Go keeps Host and
// Content-Length out of r.Header.
func headerValue(r *http.Request, name string) string {
	switch name {
	case "host":
		return r.Host
	case "content-length":
		if r.Header.Get("Content-Length") == "" {
			return strconv.FormatInt(r.ContentLength, 10)
		}
	case "transfer-encoding":
		return strings.Join(r.TransferEncoding, ",")
	}
	// By EqualFold: canonicalizing the name would allocate. The usual
	// header, one value with nothing to trim, is returned as it is.
	var one string
	n := 0
	for k, vs := range r.Header {
		if len(k) == len(name) && strings.EqualFold(k, name) {
			n += len(vs)
			if len(vs) > 0 {
				one = vs[0]
			}
		}
	}
	if n == 1 && !needsTrim(one) {
		return one
	}
	var vals []string
	for k, vs := range r.Header {
		if len(k) == len(name) && strings.EqualFold(k, name) {
			vals = append(vals, vs...)
		}
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(out, ",")
}

// needsTrim reports whether a header value has white space to trim or
// runs of it to collapse.
func needsTrim(v string) bool {
	if v == "" {
		return false
	}
	if v[0] == ' ' || v[0] == '\t' || v[len(v)-1] == ' ' || v[len(v)-1] == '\t' {
		return true
	}
	return strings.Contains(v, "  ") || strings.ContainsAny(v, "\t\n\r")
}

// canonicalQuery sorts the query's pairs, each part decoded and encoded
// again by SigV4's rule; a presigned request leaves out its signature.
func canonicalQuery(raw string, presigned bool) string {
	if raw == "" {
		return ""
	}
	type pair struct{ k, v string }
	var pairs []pair
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, v = unescape(k), unescape(v)
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, pair{escape(k, true), escape(v, true)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

const upperHex = "0123456789ABCDEF"

// escape is SigV4's URI encoding: every byte but A–Z a–z 0–9 - _ . ~ (and
// '/' in a path) as %XX, upper-case.
func escape(s string, slash bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' && !slash {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

// unescape decodes %XX (a malformed escape stays as it is; '+' stays '+').
func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func stringToSign(s *signature, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return string(appendStringToSign(nil, s, &sum))
}

// appendStringToSign appends the string to sign of a canonical request
// whose SHA-256 is sum.
func appendStringToSign(b []byte, s *signature, sum *[sha256.Size]byte) []byte {
	b = append(b, Algorithm...)
	b = append(b, '\n')
	b = append(b, s.amzDate...)
	b = append(b, '\n')
	b = append(b, s.date...)
	b = append(b, '/')
	b = append(b, s.region...)
	b = append(b, '/')
	b = append(b, s.service...)
	b = append(b, "/aws4_request\n"...)
	return hex.AppendEncode(b, sum[:])
}

func signingKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, "aws4_request")
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

// hmacAppend is HMAC-SHA256 (RFC 2104) of the message msg appends, built
// in buf (its contents dropped), which it returns for reuse: H((K^opad) || H((K^ipad) || m)),
// without the allocations of crypto/hmac.
func hmacAppend(key []byte, buf []byte, msg func([]byte) []byte) ([sha256.Size]byte, []byte) {
	const block = 64
	var k [block]byte
	if len(key) > block {
		h := sha256.Sum256(key)
		copy(k[:], h[:])
	} else {
		copy(k[:], key)
	}
	buf = buf[:0]
	for i := range k {
		buf = append(buf, k[i]^0x36)
	}
	buf = msg(buf)
	inner := sha256.Sum256(buf)
	var outer [block + sha256.Size]byte
	for i := range k {
		outer[i] = k[i] ^ 0x5c
	}
	copy(outer[block:], inner[:])
	return sha256.Sum256(outer[:]), buf
}

func hashHex(b []byte) string {
	if len(b) == 0 {
		return EmptySHA256
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
