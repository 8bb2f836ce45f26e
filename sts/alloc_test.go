package sts

import (
	"net/http/httptest"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/sts/sigv4"
)

// A session's decision allocates only what the engine allocates to prepare
// the request: the session's compiled set and Caller are made once, the
// service's context values go in a pooled buffer, and the action is
// checked without lower-casing it. Issue 12 §7 (≤ 10 µs a signed request).
func TestSessionDecideAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector sync.Pool drops items at random")
	}
	s, _ := newService(t)
	for _, in := range []AssumeRoleInput{
		{RoleArn: devRole, RoleSessionName: "pin"},
		{RoleArn: devRole, RoleSessionName: "pin-policy", Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`},
	} {
		sess, err := s.AssumeRole(longTerm(t, s, alice), in)
		if err != nil {
			t.Fatal(err)
		}
		r := Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"}
		if d, err := s.Decide(sess, r); err != nil || d != evaluate.Allow {
			t.Fatalf("%s: %v %v", in.RoleSessionName, d, err)
		}
		set, req, err := s.request(sess, r, nil)
		if err != nil {
			t.Fatal(err)
		}
		engine := testing.AllocsPerRun(200, func() { _, _ = set.DecideRequest(req) })
		total := testing.AllocsPerRun(200, func() { _, _ = s.Decide(sess, r) })
		if total != engine {
			t.Errorf("%s: Decide allocates %v times, the engine's DecideRequest %v: sts's own share should be 0", in.RoleSessionName, total, engine)
		}
		// The caller's keys beyond the store's arrays go to its pooled
		// overflow; what is left is the session's texts made per request
		// (its token issue time, the principal tags folded).
		if total > 4 {
			t.Errorf("%s: Decide allocates %v times, want at most 4", in.RoleSessionName, total)
		}
	}
}

// Verifying a signature and mapping the S3 request allocate a handful of
// small objects, not the canonical request, the string to sign or an HMAC.
func TestSignedRequestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector sync.Pool drops items at random")
	}
	s, clk := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "pin"})
	if err != nil {
		t.Fatal(err)
	}
	c := sess.Credentials()
	r := httptest.NewRequest("GET", "http://photos.example/photos/cat.jpg", nil)
	r.Header.Set("X-Amz-Content-Sha256", sigv4.EmptySHA256)
	sigv4.Sign(r, nil, c.AccessKeyID, c.SecretAccessKey.Reveal(), c.SessionToken.Reveal(), "us-east-1", "s3", clk.now())
	if _, err := s.authenticate(r, nil, "s3"); err != nil {
		t.Fatal(err)
	}
	// The signed-header list and the Signed result.
	if n := testing.AllocsPerRun(200, func() { _, _ = s.authenticate(r, nil, "s3") }); n > 2 {
		t.Errorf("authenticating a signed request allocates %v times, want at most 2", n)
	}
	// The resource ARN.
	if n := testing.AllocsPerRun(200, func() { _, _ = S3Request(r) }); n > 1 {
		t.Errorf("S3Request allocates %v times, want at most 1", n)
	}
}
