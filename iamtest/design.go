package iamtest

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/sts"
)

// Who is one principal of a design, for assertions that read as the design
// is written down:
//
//	reader := iamtest.As(t, iamtest.Accounts(set), "arn:aws:iam::111111111111:role/app/PhotoReader")
//	reader.Can("s3:GetObject", "arn:aws:s3:::photos/cat.jpg")
//	reader.Cannot("s3:PutObject", "arn:aws:s3:::photos/cat.jpg")
//
// Each assertion is decided at once and fails t (at the assertion's line)
// with the decision's explanation. Who is a value: With and InAccount
// return changed copies.
type Who struct {
	t         testing.TB
	target    Target
	principal string
	caller    *evaluate.Caller
	account   string
	context   map[string][]string
	opts      []Option
}

// As is the principal named by ARN (or service principal) under a target.
func As(t testing.TB, target Target, principal string, opts ...Option) Who {
	return Who{t: t, target: target, principal: principal, opts: opts}
}

// AsCaller is the principal as its credentials establish it (for
// Policies: the role with its path, tags, session facts).
func AsCaller(t testing.TB, target Target, caller *evaluate.Caller, opts ...Option) Who {
	return Who{t: t, target: target, caller: caller, opts: opts}
}

// AsSession is the holder of a session's credentials, authorized by the
// STS service that issued it (Session).
func AsSession(t testing.TB, svc *sts.Service, sess *sts.Session) Who {
	if sess == nil {
		return Who{t: t, target: Session(svc, sess)} // every assertion fails: the session is nil
	}
	return Who{t: t, target: Session(svc, sess), principal: sess.ARN()}
}

// With returns w whose requests carry a context key's values.
func (w Who) With(key string, values ...string) Who {
	ctx := make(map[string][]string, len(w.context)+1)
	for k, v := range w.context {
		ctx[k] = v
	}
	ctx[key] = values
	w.context = ctx
	return w
}

// InAccount returns w whose requests name the account that owns the
// resource (S3 ARNs carry none).
func (w Who) InAccount(id string) Who {
	w.account = id
	return w
}

// Can asserts that the principal is allowed the action on each resource
// (or on "*" when none is given).
func (w Who) Can(action string, resources ...string) {
	w.t.Helper()
	w.assert(Allow, "can", action, resources)
}

// Cannot asserts that the principal is denied the action on each resource,
// explicitly or implicitly.
func (w Who) Cannot(action string, resources ...string) {
	w.t.Helper()
	w.assert(Denied, "cannot", action, resources)
}

// IsExplicitlyDenied asserts that a Deny statement refuses the action on
// each resource: a guardrail that must hold whatever another policy allows.
func (w Who) IsExplicitlyDenied(action string, resources ...string) {
	w.t.Helper()
	w.assert(ExplicitDeny, "is explicitly denied", action, resources)
}

func (w Who) assert(want Want, verb, action string, resources []string) {
	w.t.Helper()
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	at := ""
	if _, file, line, ok := runtime.Caller(2); ok {
		at = fmt.Sprintf("%s:%d", filepath.Base(file), line)
	}
	who := w.principal
	if who == "" && w.caller != nil {
		who = w.caller.ARN
	}
	for _, r := range resources {
		c := Case{Name: fmt.Sprintf("%s %s %s on %s", who, verb, action, r), Want: want, at: at,
			Request: evaluate.Request{Principal: w.principal, Caller: w.caller, Action: action, Resource: r,
				ResourceAccount: w.account, Context: w.context}}
		if err := w.target.prepareCases([]Case{c}, newOptions(w.opts)); err != nil {
			w.t.Errorf("iamtest: %v", err)
			return
		}
		if msg := verdict(w.target, c); msg != "" {
			w.t.Error(msg)
		}
	}
}
