package sts

import (
	"container/heap"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
)

// ErrUnknownMFASerial is what an MFA verifier returns for a serial number
// that is not a device of the caller: STS then sends its "unable to validate
// MFA code" text rather than "invalid MFA one time pass code".
var ErrUnknownMFASerial = errors.New("sts: MFA serial number not associated with the caller")

// MFAVerifier checks an MFA one-time code for a device (serial number or
// virtual MFA ARN) of the principal at a time. A nil error is a valid code.
type MFAVerifier func(principalARN, serial, code string, at time.Time) error

// Key is a long-term access key the Service authenticates besides those of
// the account set's users (the --access-key flag; an account root's keys).
type Key struct {
	PrincipalARN string // a loaded user's ARN, or an account's root ARN
	AccessKeyID  string
	Secret       Secret
}

// Config configures a Service. Like crypto/tls.Config, a nil field means the
// real source.
type Config struct {
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Rand is the source of access key ids, secrets and tokens; nil is
	// crypto/rand.Reader.
	Rand io.Reader
	// MFA verifies one-time codes. Nil refuses every code (fail closed):
	// inject a verifier (a TOTP one, or a test's) to use MFA.
	MFA MFAVerifier
	// Keys are long-term keys beyond the users' own (account.User.AccessKeys).
	Keys []Key
	// WebIdentity verifies an AssumeRoleWithWebIdentity token and returns
	// its claims. Nil refuses every token over HTTP (InvalidIdentityToken);
	// the Go API takes verified claims directly.
	WebIdentity func(token string) (*WebIdentityClaims, error)
	// Region is the region of instance ARNs and of the SigV4 scope the
	// HTTP handlers expect by default; "" is DefaultRegion.
	Region string
	// SAML verifies an AssumeRoleWithSAML assertion and returns its
	// attributes. Nil refuses every assertion over HTTP.
	SAML func(assertion string) (*SAMLAssertion, error)
}

// Service is STS over a set of accounts: it issues sessions, keeps the live
// ones, and authorizes requests made with them. Safe for concurrent use.
type Service struct {
	set  *account.Set
	cfg  Config
	keys map[string]longTermKey

	mu       sync.RWMutex
	sessions map[string]*Session // by access key id
	expiries expiryHeap          // the sessions by expiry, to drop them

	principalSets sync.Map // setKey → *evaluate.PolicySet
	longTerm      sync.Map // principal ARN → *Session
	keySessions   sync.Map // long-term access key id → *Session with its key
	instances     instanceTable
	clockCache    atomic.Pointer[clockText]
	verifiers     sync.Map // signing name → *sigv4.Verifier
	trustSets     sync.Map // trustKey → *evaluate.PolicySet: a caller's set with a role's trust policy
	nTrustSets    atomic.Int64
}

type trustKey struct {
	set *evaluate.PolicySet
	pol *policy.Policy
}

// maxTrustSets bounds the trust sets kept; past it they are dropped and
// made again.
const maxTrustSets = 1 << 14

// withTrust returns a caller's compiled policies with a role's trust
// policy as the resource policy.
func (s *Service) withTrust(set *evaluate.PolicySet, r *role.Role) (*evaluate.PolicySet, error) {
	return s.withResource(set, r.Trust())
}

// withResource returns a compiled set with a resource-based policy (or a
// trust policy), made once per set and policy: WithResource checks the
// policy each time it is called.
func (s *Service) withResource(set *evaluate.PolicySet, pol *policy.Policy) (*evaluate.PolicySet, error) {
	k := trustKey{set, pol}
	if v, ok := s.trustSets.Load(k); ok {
		return v.(*evaluate.PolicySet), nil
	}
	ts, err := set.WithResource(pol)
	if err != nil {
		return nil, err
	}
	if s.nTrustSets.Add(1) > maxTrustSets {
		s.trustSets.Clear()
		s.nTrustSets.Store(0)
	}
	v, _ := s.trustSets.LoadOrStore(k, ts)
	return v.(*evaluate.PolicySet), nil
}

type longTermKey struct {
	principal string
	secret    Secret
	inactive  bool
}

type setKey struct{ principal, resourceAccount string }

// New returns a Service over the accounts of set. cfg may be nil. The
// error names a configured key whose principal is not loaded.
func New(set *account.Set, cfg *Config) (*Service, error) {
	s := &Service{set: set, keys: map[string]longTermKey{}, sessions: map[string]*Session{}}
	if cfg != nil {
		s.cfg = *cfg
	}
	for _, ua := range set.Users() {
		u, _ := set.User(ua)
		for _, k := range u.AccessKeys {
			s.keys[k.ID] = longTermKey{principal: ua, secret: Secret(k.Secret), inactive: k.Inactive}
		}
	}
	for _, k := range s.cfg.Keys {
		if _, err := s.LongTerm(k.PrincipalARN); err != nil {
			return nil, err
		}
		s.keys[k.AccessKeyID] = longTermKey{principal: k.PrincipalARN, secret: k.Secret}
	}
	s.instances.byID = map[string]*instance{}
	s.instances.imds = map[string]*imds{}
	return s, nil
}

// Accounts returns the account set the Service works on.
func (s *Service) Accounts() *account.Set { return s.set }

// now is the clock, to the second: AWS's times (aws:CurrentTime,
// aws:TokenIssueTime, Expiration) have no fraction, and an MFA time with one
// would fall after the aws:CurrentTime of the same instant.
func (s *Service) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now().Truncate(time.Second)
	}
	return time.Now().Truncate(time.Second)
}

func (s *Service) rand() io.Reader {
	if s.cfg.Rand != nil {
		return s.cfg.Rand
	}
	return rand.Reader
}

// LongTerm returns the identity of a loaded IAM user or an account's root
// user signing with long-term keys: the caller of AssumeRole,
// GetSessionToken and GetFederationToken in the Go API.
func (s *Service) LongTerm(principalARN string) (*Session, error) {
	if v, ok := s.longTerm.Load(principalARN); ok {
		return v.(*Session), nil
	}
	ls, err := s.newLongTerm(principalARN)
	if err != nil {
		return nil, err
	}
	v, _ := s.longTerm.LoadOrStore(principalARN, ls)
	return v.(*Session), nil
}

// newLongTerm builds the identity of a user or root.
func (s *Service) newLongTerm(principalARN string) (*Session, error) {
	a, err := arn.Parse(principalARN)
	if err != nil {
		return nil, &account.PrincipalError{Principal: principalARN, Msg: "not an ARN: " + err.Error()}
	}
	ls := &Session{kind: LongTerm, principal: principalARN, arn: principalARN, account: a.Account()}
	switch a.Kind() {
	case arn.KindUser:
		u, ok := s.set.User(principalARN)
		if !ok {
			return nil, &account.PrincipalError{Principal: principalARN, Msg: "no such user is loaded"}
		}
		ls.userID = u.UserID
		ls.tags = map[string]string{}
		for _, t := range u.Tags {
			ls.tags[t.Key] = t.Value
		}
	case arn.KindRoot:
		if _, ok := s.set.Account(a.Account()); !ok {
			return nil, &account.PrincipalError{Principal: principalARN, Msg: "account " + a.Account() + " is not loaded"}
		}
		ls.userID = a.Account()
	default:
		return nil, &account.PrincipalError{Principal: principalARN, Msg: "long-term keys belong to an IAM user or an account root"}
	}
	ls.orgID, ls.orgPath, _ = s.set.OrgOf(ls.account)
	ls.ec = ls.Caller()
	return ls, nil
}

// Lookup finds the identity an access key id and session token stand for,
// as STS checks a signed request's credentials: an unknown key, or a
// session token that does not match, is InvalidClientTokenId; expired
// credentials are ExpiredToken. It returns the secret to verify the
// signature with.
func (s *Service) Lookup(accessKeyID, sessionToken string) (*Session, Secret, error) {
	s.mu.RLock()
	sess := s.sessions[accessKeyID]
	s.mu.RUnlock()
	if sess != nil {
		if subtle.ConstantTimeCompare([]byte(sess.creds.SessionToken), []byte(sessionToken)) != 1 {
			return nil, "", invalidClientToken()
		}
		if sess.Expired(s.now()) {
			return nil, "", expiredToken()
		}
		return sess, sess.creds.SecretAccessKey, nil
	}
	k, ok := s.keys[accessKeyID]
	if !ok || k.inactive || sessionToken != "" {
		return nil, "", invalidClientToken()
	}
	if v, ok := s.keySessions.Load(accessKeyID); ok {
		return v.(*Session), k.secret, nil
	}
	ls, err := s.newLongTerm(k.principal)
	if err != nil {
		return nil, "", invalidClientToken()
	}
	ls.creds = Credentials{AccessKeyID: accessKeyID, SecretAccessKey: k.secret}
	v, _ := s.keySessions.LoadOrStore(accessKeyID, ls)
	return v.(*Session), k.secret, nil
}

func invalidClientToken() *Error {
	return &Error{Code: CodeInvalidClientTokenID, Message: msgInvalidToken, Status: 403}
}

// Session returns the live session of an access key id (expired ones are
// kept for an hour, so that late callers learn ExpiredToken).
func (s *Service) Session(accessKeyID string) (*Session, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sess, ok := s.sessions[accessKeyID]
	return sess, ok
}

// Len returns the number of sessions held.
func (s *Service) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.sessions)
}

// expiredGrace is how long an expired session is kept, so that a request
// made with it is told ExpiredToken rather than InvalidClientTokenId.
const expiredGrace = time.Hour

// store keeps a new session and drops those expired longer than
// expiredGrace ago: memory stays bounded by the live sessions. The sessions
// are in a heap by expiry, so a store costs O(log n).
func (s *Service) store(sess *Session) {
	cutoff := s.now().Add(-expiredGrace)
	sess.orgID, sess.orgPath, _ = s.set.OrgOf(sess.account)
	sess.ec = sess.Caller()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.expiries) > 0 && !s.expiries[0].exp.After(cutoff) {
		old := heap.Pop(&s.expiries).(expiry)
		if cur, ok := s.sessions[old.id]; ok && cur.creds.Expiration.Equal(old.exp) {
			delete(s.sessions, old.id)
		}
	}
	s.sessions[sess.creds.AccessKeyID] = sess
	heap.Push(&s.expiries, expiry{sess.creds.Expiration, sess.creds.AccessKeyID})
}

// expiry is when a session's credentials expire.
type expiry struct {
	exp time.Time
	id  string
}

// expiryHeap is a min-heap of expiries (container/heap).
type expiryHeap []expiry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].exp.Before(h[j].exp) }
func (h expiryHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *expiryHeap) Push(x any)        { *h = append(*h, x.(expiry)) }
func (h *expiryHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Register adds a session read back from its JSON (see Import) to those
// the Service authenticates.
func (s *Service) Register(sess *Session) { s.store(sess) }

// principalSet returns the compiled policies of a principal for requests
// on resources of an account: identity, boundary, SCPs and that account's
// RCPs (a service-linked role's requests are exempt from RCPs). Compiled
// once and shared by every session of the principal.
func (s *Service) principalSet(principal, resourceAccount string, serviceLinked bool) (*evaluate.PolicySet, error) {
	k := setKey{principal, resourceAccount}
	if v, ok := s.principalSets.Load(k); ok {
		return v.(*evaluate.PolicySet), nil
	}
	ps, err := s.set.PrincipalPolicies(principal)
	if err != nil {
		return nil, err
	}
	if !serviceLinked {
		ps.RCPs = s.set.RCPs(resourceAccount)
	}
	set, err := evaluate.Compile(ps)
	if err != nil {
		return nil, err
	}
	v, _ := s.principalSets.LoadOrStore(k, set)
	return v.(*evaluate.PolicySet), nil
}

// sessionSet is principalSet with the session's policies as the session
// stage, cached on the session.
func (s *Service) sessionSet(sess *Session, resourceAccount string) (*evaluate.PolicySet, error) {
	if v, ok := sess.sets.Load(resourceAccount); ok {
		return v.(*evaluate.PolicySet), nil
	}
	linked := sess.role != nil && sess.role.IsServiceLinked()
	base, err := s.principalSet(sess.principal, resourceAccount, linked)
	if err != nil {
		return nil, err
	}
	set := base
	if sess.policies != nil || sess.kind == FederatedUser {
		set, err = base.WithSession(sess.policies...)
		if err != nil {
			return nil, err
		}
	}
	v, _ := sess.sets.LoadOrStore(resourceAccount, set)
	return v.(*evaluate.PolicySet), nil
}
