package sigv4

import (
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Sign signs r in the Authorization header form, as an AWS SDK does: it
// sets X-Amz-Date (and X-Amz-Security-Token when token is not empty) and
// signs the host, every X-Amz-* header and Content-Type. body is the
// request body (its hash is the payload hash unless X-Amz-Content-Sha256 is
// set). For tests and tools that call iamsim's handlers without an SDK.
func Sign(r *http.Request, body []byte, accessKeyID, secret, token, region, service string, t time.Time) {
	t = t.UTC()
	r.Header.Set("X-Amz-Date", t.Format(timeFormat))
	if token != "" {
		r.Header.Set("X-Amz-Security-Token", token)
	}
	signed := []string{"host"}
	for k := range r.Header {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "x-amz-") || lk == "content-type" {
			signed = append(signed, lk)
		}
	}
	sort.Strings(signed)
	s := &signature{accessKey: accessKeyID, date: t.Format("20060102"), region: region, service: service,
		signedHeaders: signed, amzDate: t.Format(timeFormat), time: t, token: token}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = hashHex(body)
	}
	sig := hex.EncodeToString(hmacSHA256(signingKey(secret, s.date, region, service), stringToSign(s, canonicalRequest(r, s, payload))))
	r.Header.Set("Authorization", Algorithm+" Credential="+accessKeyID+"/"+s.date+"/"+region+"/"+service+"/aws4_request, SignedHeaders="+
		strings.Join(signed, ";")+", Signature="+sig)
}
