package story

import (
	"encoding/json"
	"io"
	"sort"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/sts"
)

// Recorder is the writer a story prints to when its requests are also to
// be written down as scenario files: Authorize records each decision STS
// makes for a session, with every policy AWS weighs for it, as a scenario
// (scenario/FORMAT.md) that iamsim eval replays.
type Recorder struct {
	io.Writer
	set       *account.Set
	name      string
	scenarios []map[string]any
	err       error
}

// NewRecorder records the requests a story named name makes over set,
// printing to w.
func NewRecorder(w io.Writer, set *account.Set, name string) *Recorder {
	return &Recorder{Writer: w, set: set, name: name}
}

// Authorize authorizes a request made with a session's credentials, prints
// the decision as Print does and, when w is a Recorder, records it.
func Authorize(w io.Writer, svc *sts.Service, sess *sts.Session, what string, r sts.Request) {
	res, err := svc.Authorize(sess, r)
	Print(w, what, res, err)
	if rec, ok := w.(*Recorder); ok && err == nil {
		rec.record(sess, what, r, res.Decision)
	}
}

// record writes one decision down as a scenario.
func (rec *Recorder) record(sess *sts.Session, what string, r sts.Request, d evaluate.Decision) {
	ps, err := rec.set.PrincipalPolicies(sess.PrincipalARN())
	if err != nil {
		rec.err = err
		return
	}
	ps.Session = sess.Policies()
	resourceAccount := r.ResourceAccount
	if rp, ok := rec.set.ResourcePolicy(r.Resource); ok {
		ps.Resource = rp.Policy
		if resourceAccount == "" {
			resourceAccount = rp.Account
		}
	}
	if resourceAccount == "" {
		resourceAccount = sess.Account()
	}
	ps.RCPs = rec.set.RCPs(resourceAccount)
	req := map[string]any{"action": r.Action, "resource": r.Resource, "resourceAccount": resourceAccount,
		"caller": callerJSON(sess.Caller())}
	if len(r.Context) > 0 {
		req["context"] = r.Context
	}
	s := map[string]any{"name": what, "source": "go run ./examples/" + rec.name, "request": req, "expect": d.String()}
	if len(ps.Identity) > 0 {
		s["identityPolicies"] = docs(ps.Identity)
	}
	if ps.Resource != nil {
		s["resourcePolicy"] = doc(ps.Resource)
	}
	if ps.Boundary != nil {
		s["permissionsBoundary"] = doc(ps.Boundary)
	}
	if len(ps.Session) > 0 {
		s["sessionPolicies"] = docs(ps.Session)
	}
	if len(ps.SCPs) > 0 {
		s["scps"] = levels(ps.SCPs)
	}
	if len(ps.RCPs) > 0 {
		s["rcps"] = levels(ps.RCPs)
	}
	rec.scenarios = append(rec.scenarios, s)
}

// File returns the recorded scenarios as one scenario file, or nil when
// the story recorded none.
func (rec *Recorder) File() ([]byte, error) {
	if rec.err != nil || len(rec.scenarios) == 0 {
		return nil, rec.err
	}
	return marshal(rec.scenarios)
}

func docs(ps []*policy.Policy) []json.RawMessage {
	out := make([]json.RawMessage, len(ps))
	for i, p := range ps {
		out[i] = doc(p)
	}
	return out
}

func levels(ls [][]*policy.Policy) [][]json.RawMessage {
	out := make([][]json.RawMessage, len(ls))
	for i, l := range ls {
		out[i] = docs(l)
	}
	return out
}

// callerJSON is a caller as request.caller writes it.
func callerJSON(c *evaluate.Caller) map[string]any {
	m := map[string]any{"arn": c.ARN}
	set := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	set("sessionName", c.SessionName)
	set("userId", c.UserID)
	set("sourceIdentity", c.SourceIdentity)
	set("federatedProvider", c.FederatedProvider)
	if !c.TokenIssueTime.IsZero() {
		m["tokenIssueTime"] = c.TokenIssueTime.UTC().Format(time.RFC3339)
	}
	if !c.MFAAuthTime.IsZero() {
		m["mfaAuthTime"] = c.MFAAuthTime.UTC().Format(time.RFC3339)
	}
	if c.Temporary {
		m["temporary"] = true
	}
	if len(c.Tags) > 0 {
		keys := make([]string, 0, len(c.Tags))
		for k := range c.Tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		tags := map[string]string{}
		for _, k := range keys {
			tags[k] = c.Tags[k]
		}
		m["tags"] = tags
	}
	return m
}
