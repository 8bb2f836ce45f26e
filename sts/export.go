package sts

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// SessionFile is a session written down: the JSON aws sts assume-role
// prints (Credentials, AssumedRoleUser, PackedPolicySize, SourceIdentity;
// FederatedUser for GetFederationToken) and, under Iamsim, what a later
// process needs to act as the session. It holds the secrets: it is a
// credentials document.
type SessionFile struct {
	Credentials      Document           `json:"Credentials"`
	AssumedRoleUser  *AssumedRoleUser   `json:"AssumedRoleUser,omitempty"`
	FederatedUser    *FederatedUserInfo `json:"FederatedUser,omitempty"`
	PackedPolicySize *int               `json:"PackedPolicySize,omitempty"`
	SourceIdentity   string             `json:"SourceIdentity,omitempty"`
	Iamsim           SessionState       `json:"Iamsim"`
}

// SessionState is what iamsim keeps of a session beside its credentials.
type SessionState struct {
	Kind              string            `json:"Kind"`
	PrincipalArn      string            `json:"PrincipalArn"`
	Arn               string            `json:"Arn"`
	Name              string            `json:"Name,omitempty"`
	Tags              map[string]string `json:"Tags,omitempty"`
	TransitiveTags    []Tag             `json:"TransitiveTags,omitempty"`
	FederatedProvider string            `json:"FederatedProvider,omitempty"`
	Policy            string            `json:"Policy,omitempty"`
	PolicyArns        []string          `json:"PolicyArns,omitempty"`
	IssuedAt          string            `json:"IssuedAt"`
	MFAAuthTime       string            `json:"MFAAuthTime,omitempty"`
	Chained           bool              `json:"Chained,omitempty"`
	InstanceArn       string            `json:"InstanceArn,omitempty"`
	// ProviderKeys are a web identity or SAML session's provider keys
	// (saml:sub …), one entry per value.
	ProviderKeys []evaluate.KeyValue `json:"ProviderKeys,omitempty"`
}

// String never shows the secrets.
func (f SessionFile) String() string { return f.Iamsim.Arn + " " + f.Credentials.String() }

// GoString never shows them either.
func (f SessionFile) GoString() string { return f.String() }

// File writes the session down. Long-term identities have no session to
// write.
func (s *Session) File() (SessionFile, error) {
	if s.kind == LongTerm {
		return SessionFile{}, errors.New("sts: long-term keys are not a session")
	}
	f := SessionFile{Credentials: s.creds.Document(), Iamsim: SessionState{Kind: s.kind.String(), PrincipalArn: s.principal,
		Arn: s.arn, Name: s.name, Tags: s.tags, FederatedProvider: s.provider, Policy: s.inlinePolicy, PolicyArns: s.policyArns,
		IssuedAt: formatTime(s.issued), MFAAuthTime: formatTime(s.mfa), Chained: s.chained, InstanceArn: s.instance,
		ProviderKeys: slices.Clone(s.idpKeys)}}
	for _, k := range s.TransitiveTagKeys() {
		f.Iamsim.TransitiveTags = append(f.Iamsim.TransitiveTags, s.transitive[strings.ToLower(k)])
	}
	packed := s.packed
	switch s.kind {
	case RoleSession:
		u := s.AssumedRoleUser()
		f.AssumedRoleUser, f.PackedPolicySize, f.SourceIdentity = &u, &packed, s.sourceIdentity
	case FederatedUser:
		u := s.FederatedUser()
		f.FederatedUser, f.PackedPolicySize = &u, &packed
	}
	return f, nil
}

// Import reads a SessionFile back and adds the session to those the Service
// authenticates and authorizes. The file is trusted as a credentials
// document is, but everything it names is checked against the loaded
// accounts again: the role or user must exist, the session policies must
// parse and resolve, and the names must agree.
func (s *Service) Import(data []byte) (*Session, error) {
	// Read as strictly as every JSON file of iamsim first: encoding/json
	// keeps the last of two "Expiration" members silently, and a file that
	// says two things must not be read as saying either.
	var tape jsontext.Tape
	if err := jsontext.Read(data, &tape, jsontext.Options{}); err != nil {
		return nil, fmt.Errorf("sts: session file: %w", err)
	}
	var f SessionFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("sts: session file: %w", err)
	}
	st := f.Iamsim
	sess := &Session{principal: st.PrincipalArn, arn: st.Arn, name: st.Name, tags: st.Tags, provider: st.FederatedProvider,
		inlinePolicy: st.Policy, policyArns: st.PolicyArns, chained: st.Chained, instance: st.InstanceArn, sourceIdentity: f.SourceIdentity,
		idpKeys: slices.Clone(st.ProviderKeys)}
	var err error
	if sess.issued, err = parseTime(st.IssuedAt, "IssuedAt"); err != nil {
		return nil, err
	}
	if st.MFAAuthTime != "" {
		if sess.mfa, err = parseTime(st.MFAAuthTime, "MFAAuthTime"); err != nil {
			return nil, err
		}
	}
	exp, err := parseTime(f.Credentials.Expiration, "Credentials.Expiration")
	if err != nil {
		return nil, err
	}
	sess.creds = Credentials{AccessKeyID: f.Credentials.AccessKeyID, SecretAccessKey: Secret(f.Credentials.SecretAccessKey),
		SessionToken: Secret(f.Credentials.SessionToken), Expiration: exp}
	if err := s.importIdentity(sess, st, &f); err != nil {
		return nil, err
	}
	if len(st.TransitiveTags) > 0 {
		sess.transitive = map[string]Tag{}
		for _, t := range st.TransitiveTags {
			sess.transitive[strings.ToLower(t.Key)] = t
		}
	}
	pols, packed, err := s.sessionPolicies(sess.account, st.Policy, st.PolicyArns, nil)
	if err != nil {
		return nil, err
	}
	sess.policies, sess.packed = pols, packed
	if f.PackedPolicySize != nil {
		sess.packed = *f.PackedPolicySize
	}
	if a, ok := AccessKeyAccount(sess.creds.AccessKeyID); !ok || a != sess.account || sess.creds.SessionToken == "" {
		return nil, errors.New("sts: session file: the credentials are not temporary credentials of account " + sess.account)
	}
	s.store(sess)
	return sess, nil
}

// importIdentity checks who the session is against the loaded accounts.
func (s *Service) importIdentity(sess *Session, st SessionState, f *SessionFile) error {
	bad := func(msg string) error { return errors.New("sts: session file: " + msg) }
	switch st.Kind {
	case RoleSession.String():
		r, ok := s.set.Role(st.PrincipalArn)
		if !ok {
			return bad("role " + st.PrincipalArn + " is not loaded")
		}
		a, err := arn.AssumedRole(r.Partition(), r.Account(), r.Name(), st.Name)
		if err != nil || a.String() != st.Arn || f.AssumedRoleUser == nil || f.AssumedRoleUser.Arn != st.Arn ||
			f.AssumedRoleUser.AssumedRoleID != r.RoleID()+":"+st.Name {
			return bad("the session " + st.Arn + " is not a session of " + st.PrincipalArn)
		}
		sess.kind, sess.role, sess.account, sess.userID = RoleSession, r, r.Account(), r.RoleID()+":"+st.Name
	case FederatedUser.String(), UserSession.String():
		lt, err := s.LongTerm(st.PrincipalArn)
		if err != nil {
			return bad(err.Error())
		}
		sess.account = lt.account
		if st.Kind == UserSession.String() {
			sess.kind, sess.userID, sess.arn, sess.tags = UserSession, lt.userID, lt.arn, lt.tags
			return nil
		}
		a, err := arn.FederatedUser(partitionOf(lt.principal), lt.account, st.Name)
		if err != nil || a.String() != st.Arn {
			return bad("the federated user " + st.Arn + " is not " + st.Name + " of account " + lt.account)
		}
		sess.kind, sess.userID = FederatedUser, lt.account+":"+st.Name
	default:
		return bad("unknown Kind " + st.Kind)
	}
	return nil
}

func parseTime(s, field string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sts: session file: %s %q is not an RFC 3339 time", field, s)
	}
	return t, nil
}
