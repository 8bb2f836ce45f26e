package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/account"
)

const whoCanUsage = `usage: iamsim who-can --account FILE... [--overlay FILE] --action A --resource R [flags]

Lists every loaded user and role that may do an action on a resource: those
allowed, and those allowed only under a condition on a context key the request
does not fix (conditional, with the keys).

Flags:
  --account FILE          output of aws iam get-account-authorization-details (repeatable; required)
  --overlay FILE          the overlay (README, "Account overlays")
  --action A              an action such as s3:GetObject (required)
  --resource R            a resource ARN, or * (required)
  --resource-account ID   the account that owns the resource (as for authorize)
  --context KEY=VALUE     a request context value (repeatable)
  --allow-missing-policies
                          proceed when an attached managed policy is in no file
  --max-managed-policies N, --max-trust-policy-chars N
                          the account's raised quotas (as for authorize)
  --json                  print the answers as JSON

Output: one line per principal, sorted: "ARN allowed" or "ARN conditional: KEY, KEY".
JSON: [{"principal","action","verdict","keys","reasons","missingPolicies"}];
"keys" and "missingPolicies" are left out when empty.

With --allow-missing-policies, each principal with an attached managed policy
that is in no file is named on stderr: its answer (or its absence from the
list) may be wrong.

Exit status: 0 whatever the answers, 2 on a usage error or files that cannot be loaded.
`

func runWhoCan(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("who-can")
	var af accountFlags
	var action, resource, resAccount onceFlag
	af.register(fs)
	fs.Var(&action, "action", "")
	fs.Var(&resource, "resource", "")
	fs.Var(&resAccount, "resource-account", "")
	pos, code := parseFlags(fs, args, whoCanUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	switch {
	case len(pos) > 0:
		return usageError(stderr, "who-can", whoCanUsage, "unexpected argument %q", pos[0])
	case len(af.accounts) == 0:
		return usageError(stderr, "who-can", whoCanUsage, "--account is required")
	case !action.set || !resource.set:
		return usageError(stderr, "who-can", whoCanUsage, "--action and --resource are required")
	}
	if err := checkResourceArg(resource.value); err != nil {
		return usageError(stderr, "who-can", whoCanUsage, "%v", err)
	}
	set := af.load("who-can", stderr)
	if set == nil {
		return exitUsage
	}
	answers, err := set.WhoCan(account.Query{Action: action.value, Resource: resource.value, ResourceAccount: resAccount.value, Context: af.ctx.values})
	if err != nil {
		fmt.Fprintf(stderr, "iamsim who-can: %v\n", err)
		return exitUsage
	}
	warnMissing(set, stderr)
	if af.asJSON {
		if answers == nil {
			answers = []account.Answer{}
		}
		b, err := json.MarshalIndent(answers, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "iamsim who-can: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return exitOK
	}
	for _, a := range answers {
		switch a.Verdict {
		case account.Conditional:
			fmt.Fprintf(stdout, "%s conditional: %s\n", a.Principal, strings.Join(a.Keys, ", "))
		default:
			fmt.Fprintf(stdout, "%s %s\n", a.Principal, a.Verdict)
		}
	}
	return exitOK
}

// warnMissing names on stderr every principal whose attached managed
// policies were not loaded: who-can's answer depends on all of them.
func warnMissing(set *account.Set, stderr io.Writer) {
	missing := set.MissingPolicies()
	for _, p := range set.Principals() {
		if m := missing[p]; len(m) > 0 {
			fmt.Fprintf(stderr, "iamsim who-can: WARNING: %s has attached policies that were not loaded (%s): its answer leaves them out\n", p, strings.Join(m, ", "))
		}
	}
}
