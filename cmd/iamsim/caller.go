package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/compiled"
)

// callerUsage is the part of simulate's usage about the typed caller.
const callerUsage = `
The caller as its credentials establish it (evaluate.Caller; the keys it
gives come from it alone, and a --context value for one of them is an
error). Every flag below needs --caller-arn:
  --caller-arn ARN          a user, root, federated-user or role ARN; for a role
                            session, the role's ARN WITH its path, and --session-name;
                            --principal is then derived (if given, it must agree)
  --session-name NAME       the role session's name
  --user-id ID              aws:userid (AROA...:session for a role session)
  --principal-tag KEY=VALUE a tag of the caller, aws:PrincipalTag/KEY (repeatable)
  --source-identity ID      aws:SourceIdentity
  --token-issue-time DATE   aws:TokenIssueTime, ISO 8601 (2024-06-01T12:00:00Z)
  --federated-provider P    aws:FederatedProvider
  --temporary               the caller signs with temporary credentials (always so
                            for role sessions and federated users)
  --mfa-auth-time DATE      when the caller authenticated with MFA, ISO 8601: gives
                            aws:MultiFactorAuthPresent true and, with an
                            aws:CurrentTime context value, aws:MultiFactorAuthAge
`

// callerFlags are simulate's flags for the typed caller.
type callerFlags struct {
	arn, sessionName, userID, sourceIdentity, federatedProvider string
	tokenIssueTime, mfaAuthTime                                 string
	temporary                                                   bool
	tags                                                        tagFlag
}

func (c *callerFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.arn, "caller-arn", "", "")
	fs.StringVar(&c.sessionName, "session-name", "", "")
	fs.StringVar(&c.userID, "user-id", "", "")
	fs.Var(&c.tags, "principal-tag", "")
	fs.StringVar(&c.sourceIdentity, "source-identity", "", "")
	fs.StringVar(&c.tokenIssueTime, "token-issue-time", "", "")
	fs.StringVar(&c.federatedProvider, "federated-provider", "", "")
	fs.BoolVar(&c.temporary, "temporary", false, "")
	fs.StringVar(&c.mfaAuthTime, "mfa-auth-time", "", "")
}

// callerFlagNames are the flags that describe the caller beside its ARN.
var callerFlagNames = []string{"session-name", "user-id", "principal-tag", "source-identity", "token-issue-time", "federated-provider", "temporary", "mfa-auth-time"}

// caller builds the Caller, nil without --caller-arn; set holds the flags
// given. Its errors are usage errors.
func (c *callerFlags) caller(set map[string]bool) (*evaluate.Caller, error) {
	if c.arn == "" {
		for _, n := range callerFlagNames {
			if set[n] {
				return nil, fmt.Errorf("--%s needs --caller-arn", n)
			}
		}
		return nil, nil
	}
	out := &evaluate.Caller{
		ARN: c.arn, SessionName: c.sessionName, UserID: c.userID, Tags: c.tags.values,
		SourceIdentity: c.sourceIdentity, FederatedProvider: c.federatedProvider, Temporary: c.temporary,
	}
	if err := dateFlag("token-issue-time", c.tokenIssueTime, &out.TokenIssueTime); err != nil {
		return nil, err
	}
	if err := dateFlag("mfa-auth-time", c.mfaAuthTime, &out.MFAAuthTime); err != nil {
		return nil, err
	}
	return out, nil
}

// dateFlag reads the ISO 8601 date of a flag, as policies read dates;
// an empty value leaves dst zero (absent).
func dateFlag(name, value string, dst *time.Time) error {
	if value == "" {
		return nil
	}
	t, ok := compiled.ParseDate(value)
	if !ok {
		return fmt.Errorf("--%s %q is not an ISO 8601 date such as 2024-06-01T12:00:00Z", name, value)
	}
	*dst = t
	return nil
}

// tagFlag collects --principal-tag KEY=VALUE values; a key given twice is
// an error (the engine refuses keys that differ only in case).
type tagFlag struct {
	values map[string]string
}

func (t *tagFlag) String() string {
	keys := make([]string, 0, len(t.values))
	for k := range t.values {
		keys = append(keys, k)
	}
	return strings.Join(keys, ",")
}

func (t *tagFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return errors.New("want KEY=VALUE")
	}
	if t.values == nil {
		t.values = map[string]string{}
	}
	if _, dup := t.values[k]; dup {
		return fmt.Errorf("the tag %q is given twice", k)
	}
	t.values[k] = v
	return nil
}
