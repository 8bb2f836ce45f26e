package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/sts"
)

// authorizeSession authorizes a request made with the credentials of a
// session file (iamsim assume-role's output), as AWS authorizes requests
// signed with temporary credentials (IAM User Guide, "Session policies":
// the role's identity policies and the session policies must both allow;
// "AWS global condition context keys": the session's tags, source
// identity, MFA and issue time are its caller keys). Package sts reads the
// file, checks it against the loaded accounts, and decides; for a role
// session, package account explains the same decision with each policy's
// name and place in its file.
func authorizeSession(set *account.Set, file string, req account.Request, asJSON bool, stdin io.Reader, stdout, stderr io.Writer) int {
	const name = "authorize"
	svc, err := sts.New(set, nil)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return exitUsage
	}
	sess, err := importSession(svc, file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return exitUsage
	}
	_, op, _ := strings.Cut(req.Action, ":")
	// The resource's organization keys, which package account derives from
	// the loaded organization, are given to sts too, so that both read the
	// same request.
	sctx := req.Context
	if id, path, ok := set.OrgOf(resourceAccount(set, req, sess)); ok && !hasFold(sctx, "aws:ResourceOrgID") && !hasFold(sctx, "aws:ResourceOrgPaths") {
		sctx = make(map[string][]string, len(req.Context)+2)
		for k, v := range req.Context {
			sctx[k] = v
		}
		sctx["aws:ResourceOrgID"] = []string{id}
		if path != "" {
			sctx["aws:ResourceOrgPaths"] = []string{path}
		}
	}
	sreq := sts.Request{Action: req.Action, Resource: req.Resource, ResourceAccount: req.ResourceAccount, Context: sctx}
	// The decision is sts's: it refuses expired credentials (ExpiredToken)
	// and what a kind of credentials can never call, as AWS does.
	res, err := svc.Authorize(sess, sreq)
	if err != nil {
		return stsError(stderr, op, err)
	}
	if sess.Kind() != sts.RoleSession {
		// The user's policies decide: say which were left out, as the
		// explanation of a role session does.
		text := strings.TrimRight(res.String(), "\n") + "\n"
		for _, m := range set.MissingPolicies()[sess.PrincipalARN()] {
			text += fmt.Sprintf("  WARNING: %s is attached to the principal but was not loaded: this answer leaves it out\n", m)
		}
		return printResult(res, text, res.Decision, asJSON, stdout, stderr)
	}
	// A role session: the same request through package account, with the
	// keys sts gives the request (the time, an instance's keys), for an
	// explanation that names each policy as loaded.
	ctx := make(map[string][]string, len(req.Context)+4)
	for k, v := range req.Context {
		ctx[k] = v
	}
	now := time.Now()
	if !hasFold(ctx, "aws:CurrentTime") {
		ctx["aws:CurrentTime"] = []string{now.UTC().Format(time.RFC3339)}
	}
	if !hasFold(ctx, "aws:EpochTime") {
		ctx["aws:EpochTime"] = []string{strconv.FormatInt(now.Unix(), 10)}
	}
	if sess.InstanceARN() != "" {
		ctx["ec2:SourceInstanceARN"] = []string{sess.InstanceARN()}
		ctx["ec2:RoleDelivery"] = []string{"2.0"}
	}
	req.Principal, req.Context = sess.ARN(), ctx
	req.Session = &account.Session{Policies: sess.Policies(), Caller: *sess.Caller()}
	explained, err := set.Authorize(req)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return exitUsage
	}
	if explained.Decision != res.Decision {
		// Two readings of one request that disagree: show neither as an
		// answer (fail closed).
		fmt.Fprintf(stderr, "iamsim %s: internal error: sts decided %v and account %v for the same request\n", name, res.Decision, explained.Decision)
		return exitUsage
	}
	return printResult(explained, explained.String(), explained.Decision, asJSON, stdout, stderr)
}

func hasFold(m map[string][]string, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// resourceAccount is the account that owns the request's resource, as
// packages account and sts decide it: the one given, else the owner of its
// loaded resource policy (or, for sts: actions on a role, the role's), else
// the account in its ARN, else the caller's.
func resourceAccount(set *account.Set, req account.Request, sess *sts.Session) string {
	if req.ResourceAccount != "" {
		return req.ResourceAccount
	}
	if rp, ok := set.ResourcePolicy(req.Resource); ok {
		return rp.Account
	}
	if r, ok := set.Role(req.Resource); ok && strings.HasPrefix(strings.ToLower(req.Action), "sts:") {
		return r.Account()
	}
	if a, err := arn.Parse(req.Resource); err == nil && arn.IsAccountID(a.Account()) {
		return a.Account()
	}
	return sess.Account()
}
