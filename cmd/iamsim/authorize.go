package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
)

const authorizeUsage = `usage: iamsim authorize --account FILE... [--overlay FILE] (--principal ARN | --session FILE) --action A --resource R [flags]

Authorizes one request of a loaded principal: gathers the principal's identity
policies (a user's inline and managed policies and each group's, or a role's),
its permissions boundary, the SCPs along its account's path, the RCPs along the
resource account's path and the resource's policy, and decides as AWS does.

Flags:
  --account FILE          output of aws iam get-account-authorization-details
                          (repeatable: pages of one account, several accounts; required)
  --overlay FILE          what the export lacks: account names, the organization with
                          its SCPs and RCPs, resource policies, role settings (README,
                          "Account overlays")
  --principal ARN         a user or role ARN (with its path), an assumed-role session
                          ARN, or an account root ARN
  --session FILE          a session printed by iamsim assume-role ("-" for stdin):
                          the request is made with its credentials, as that session
                          (its role's policies and its session policies, its tags,
                          source identity, MFA and issue time); expired credentials
                          are refused as AWS refuses them (ExpiredToken, exit 1).
                          One of --principal and --session is required
  --action A              an action such as s3:GetObject (required)
  --resource R            a resource ARN, or * (required)
  --resource-account ID   the account that owns the resource; default: the owner of its
                          resource policy in the overlay, else the account in the ARN,
                          else the principal's
  --context KEY=VALUE     a request context value; repeat a KEY for a multivalued key
                          (repeatable); keys the principal fixes (aws:PrincipalArn,
                          aws:userid, aws:PrincipalTag/...) are refused
  --allow-missing-policies
                          proceed when an attached managed policy is in no file; the
                          answer then says it left the policy out
  --max-managed-policies N
                          the account's quota of managed policies attached to one user,
                          group or role, when raised through Service Quotas (default 10)
  --max-trust-policy-chars N
                          the account's role trust policy length quota, when raised
                          (default 2048)
  --json                  print the result as JSON

Output: the decision, the principal, action and resource on the first line, then
one line per matched statement naming its policy (managed policy ARN, inline
policy and its owner, SCP, RCP, resource policy) and FILE:LINE:COL.
JSON: {"decision","stage","principal","principalArn","action","resource",
"resourceAccount","crossAccount","reasons":[{"policy":{"name","kind","owner",
"source"},"type","level","statement","sid","effect","position"}],
"missingContextKeys","missingPolicies","explanation"}; "owner", "level",
"sid" and "missingPolicies" are left out when empty (a missing field reads
as empty). With --session of a
federated user (GetFederationToken) or a session token (GetSessionToken), the
engine's result: {"decision","stage","principal","action","resource",
"crossAccount","matched","missingContextKeys","nearMisses","explanation"}.

Exit status: 0 on Allow, 1 on ImplicitDeny or ExplicitDeny, 2 on a usage error
or files that cannot be loaded (every error printed as FILE:LINE:COL: PATH: message).
`

// accountFlags are the flags authorize and who-can share.
type accountFlags struct {
	accounts     listFlag
	overlay      onceFlag
	ctx          contextFlag
	allowMissing bool
	asJSON       bool
	maxManaged   int
	maxTrust     int
}

func (a *accountFlags) register(fs *flag.FlagSet) {
	fs.Var(&a.accounts, "account", "")
	fs.Var(&a.overlay, "overlay", "")
	fs.Var(&a.ctx, "context", "")
	fs.BoolVar(&a.allowMissing, "allow-missing-policies", false, "")
	fs.BoolVar(&a.asJSON, "json", false, "")
	fs.IntVar(&a.maxManaged, "max-managed-policies", 0, "")
	fs.IntVar(&a.maxTrust, "max-trust-policy-chars", 0, "")
}

// load reads the files; on errors it prints every one and returns nil.
func (a *accountFlags) load(name string, stderr io.Writer) *account.Set {
	if a.maxManaged < 0 || a.maxTrust < 0 {
		fmt.Fprintf(stderr, "iamsim %s: a quota is not negative\n", name)
		return nil
	}
	set, err := account.LoadFiles(a.accounts, a.overlay.value, account.Options{AllowMissingPolicies: a.allowMissing,
		MaxManagedPolicies: a.maxManaged, MaxTrustPolicyChars: a.maxTrust})
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: cannot load the accounts:\n%v\n", name, err)
		return nil
	}
	return set
}

func runAuthorize(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("authorize")
	var af accountFlags
	var principal, session, action, resource, resAccount onceFlag
	af.register(fs)
	fs.Var(&principal, "principal", "")
	fs.Var(&session, "session", "")
	fs.Var(&action, "action", "")
	fs.Var(&resource, "resource", "")
	fs.Var(&resAccount, "resource-account", "")
	pos, code := parseFlags(fs, args, authorizeUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	switch {
	case len(pos) > 0:
		return usageError(stderr, "authorize", authorizeUsage, "unexpected argument %q", pos[0])
	case len(af.accounts) == 0:
		return usageError(stderr, "authorize", authorizeUsage, "--account is required")
	case principal.set && session.set:
		return usageError(stderr, "authorize", authorizeUsage, "give --principal or --session, not both")
	case !principal.set && !session.set, !action.set, !resource.set:
		return usageError(stderr, "authorize", authorizeUsage, "--principal (or --session), --action and --resource are required")
	}
	if err := checkResourceArg(resource.value); err != nil {
		return usageError(stderr, "authorize", authorizeUsage, "%v", err)
	}
	set := af.load("authorize", stderr)
	if set == nil {
		return exitUsage
	}
	req := account.Request{Principal: principal.value, Action: action.value, Resource: resource.value,
		ResourceAccount: resAccount.value, Context: af.ctx.values}
	if session.set {
		return authorizeSession(set, session.value, req, af.asJSON, stdin, stdout, stderr)
	}
	res, err := set.Authorize(req)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim authorize: %v\n", err)
		return exitUsage
	}
	return printResult(res, res.String(), res.Decision, af.asJSON, stdout, stderr)
}

// checkResourceArg refuses a --resource that is neither an ARN nor "*",
// as simulate does: a mistyped ARN (arn:aws:s3::photos, one colon short)
// matches no Allow, so without this a script asserting a deny would pass
// for the wrong reason.
func checkResourceArg(r string) error {
	if r == "*" {
		return nil
	}
	if _, err := arn.Parse(r); err != nil {
		return fmt.Errorf("--resource %q is neither an ARN nor *: %v (an S3 object is arn:aws:s3:::BUCKET/KEY)", r, err)
	}
	return nil
}

// printResult prints an answer as text, or as its JSON object with the
// text as "explanation", and returns the exit status of its decision.
func printResult(res any, text string, d evaluate.Decision, asJSON bool, stdout, stderr io.Writer) int {
	if asJSON {
		b, err := withExplanation(res, text)
		if err != nil {
			fmt.Fprintf(stderr, "iamsim authorize: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stdout, "%s\n", b)
	} else {
		fmt.Fprint(stdout, text)
		if !strings.HasSuffix(text, "\n") {
			fmt.Fprintln(stdout)
		}
	}
	if d == evaluate.Allow {
		return exitOK
	}
	return exitFail
}

// withExplanation marshals res, a JSON object, with one more member,
// "explanation", keeping the order of the others.
func withExplanation(res any, text string) ([]byte, error) {
	b, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return nil, fmt.Errorf("the result is not a JSON object")
	}
	e, _ := json.Marshal(text)
	if len(b) > 2 {
		b = append(b[:len(b)-1], ',')
	} else {
		b = b[:1]
	}
	b = append(append(append(b, `"explanation":`...), e...), '}')
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
