package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/sts"
)

const assumeRoleUsage = `usage: iamsim assume-role --account FILE... [--overlay FILE] (--caller ARN | --session FILE)
                          --role-arn ARN --role-session-name NAME [flags]

Assumes a role as AWS STS would: the parameters are checked with STS's limits and
messages, the role's trust policy (and, across accounts or when it trusts the
account, the caller's identity policies) must allow sts:AssumeRole, session tags
need sts:TagSession and a source identity sts:SetSourceIdentity in the trust
policy. Prints the JSON of aws sts assume-role, plus "Iamsim": what a later
iamsim command needs to act as the session (pass the file to --session to chain
roles, or to iamsim authorize --session).

Flags:
  --account FILE              output of aws iam get-account-authorization-details
                              (repeatable; required)
  --overlay FILE              account overlay (organization, resource policies, access keys)
  --caller ARN                the IAM user or account root that calls, with long-term keys
  --session FILE              a session printed by assume-role: role chaining
  --role-arn ARN              the role to assume (required)
  --role-session-name NAME    2 to 64 characters of [\w+=,.@-] (required)
  --duration-seconds N        900 to the role's MaxSessionDuration (3600 when chaining)
  --external-id X             the external id the trust policy may require
  --serial-number S           the MFA device (with --token-code)
  --token-code C              the MFA code; iamsim holds no MFA device secrets, so
                              every code is refused unless --mfa-seed names the device
  --mfa-seed SERIAL=BASE32    the TOTP seed of a virtual MFA device (RFC 6238)
  --policy FILE               an inline session policy
  --policy-arns ARN           a managed session policy (repeatable, at most 10)
  --tags K=V                  a session tag (repeatable, at most 50)
  --transitive-tag-keys K     a tag key that passes to chained sessions (repeatable)
  --source-identity X         the source identity

Output: the session as JSON (it holds the secret key and token). A refusal prints
"An error occurred (CODE) when calling the AssumeRole operation: MESSAGE", as the
AWS CLI does, to stderr.

Exit status: 0 when the role was assumed, 1 when STS refuses, 2 on a usage error
or files that cannot be loaded.
`

type assumeRoleFlags struct {
	accounts                          listFlag
	overlay, caller, session          onceFlag
	roleARN, sessionName, duration    onceFlag
	externalID, serial, code, polFile onceFlag
	sourceID                          onceFlag
	policyArns, tags, transitive      listFlag
	seeds                             listFlag
}

func (f *assumeRoleFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.accounts, "account", "")
	fs.Var(&f.overlay, "overlay", "")
	fs.Var(&f.caller, "caller", "")
	fs.Var(&f.session, "session", "")
	fs.Var(&f.roleARN, "role-arn", "")
	fs.Var(&f.sessionName, "role-session-name", "")
	fs.Var(&f.duration, "duration-seconds", "")
	fs.Var(&f.externalID, "external-id", "")
	fs.Var(&f.serial, "serial-number", "")
	fs.Var(&f.code, "token-code", "")
	fs.Var(&f.polFile, "policy", "")
	fs.Var(&f.sourceID, "source-identity", "")
	fs.Var(&f.policyArns, "policy-arns", "")
	fs.Var(&f.tags, "tags", "")
	fs.Var(&f.transitive, "transitive-tag-keys", "")
	fs.Var(&f.seeds, "mfa-seed", "")
}

func runAssumeRole(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const name = "assume-role"
	var f assumeRoleFlags
	fs := newFlagSet(name)
	f.register(fs)
	pos, code := parseFlags(fs, args, assumeRoleUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	switch {
	case len(pos) > 0:
		return usageError(stderr, name, assumeRoleUsage, "unexpected argument %q", pos[0])
	case len(f.accounts) == 0:
		return usageError(stderr, name, assumeRoleUsage, "--account is required")
	case f.caller.set == f.session.set:
		return usageError(stderr, name, assumeRoleUsage, "give --caller or --session (one of them)")
	case !f.roleARN.set || !f.sessionName.set:
		return usageError(stderr, name, assumeRoleUsage, "--role-arn and --role-session-name are required")
	}
	in := sts.AssumeRoleInput{RoleArn: f.roleARN.value, RoleSessionName: f.sessionName.value, ExternalID: f.externalID.value,
		SerialNumber: f.serial.value, TokenCode: f.code.value, PolicyArns: f.policyArns, TransitiveTagKeys: f.transitive,
		SourceIdentity: f.sourceID.value}
	if f.duration.set {
		d, err := strconv.Atoi(f.duration.value)
		if err != nil {
			return usageError(stderr, name, assumeRoleUsage, "--duration-seconds %q is not a number", f.duration.value)
		}
		in.DurationSeconds = &d
	}
	for _, t := range f.tags {
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			return usageError(stderr, name, assumeRoleUsage, "--tags %q: want KEY=VALUE", t)
		}
		in.Tags = append(in.Tags, sts.Tag{Key: k, Value: v})
	}
	if f.polFile.set {
		_, data, err := readInput(f.polFile.value, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
			return exitUsage
		}
		in.Policy = string(data)
	}
	mfa, err := totpVerifier(f.seeds)
	if err != nil {
		return usageError(stderr, name, assumeRoleUsage, "--mfa-seed: %v", err)
	}
	set, err := account.LoadFiles(f.accounts, f.overlay.value, account.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: cannot load the accounts:\n%v\n", name, err)
		return exitUsage
	}
	svc, err := sts.New(set, &sts.Config{MFA: mfa})
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return exitUsage
	}
	caller, code := callerOf(svc, name, f.caller, f.session, stdin, stderr)
	if caller == nil {
		return code
	}
	sess, err := svc.AssumeRole(caller, in)
	if err != nil {
		return stsError(stderr, "AssumeRole", err)
	}
	return printSession(stdout, stderr, sess)
}

// callerOf is the identity that calls: long-term keys of --caller, or the
// session of --session.
func callerOf(svc *sts.Service, name string, caller, session onceFlag, stdin io.Reader, stderr io.Writer) (*sts.Session, int) {
	if caller.set {
		c, err := svc.LongTerm(caller.value)
		if err != nil {
			fmt.Fprintf(stderr, "iamsim %s: --caller: %v\n", name, err)
			return nil, exitUsage
		}
		return c, exitOK
	}
	c, err := importSession(svc, session.value, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim %s: %v\n", name, err)
		return nil, exitUsage
	}
	return c, exitOK
}

// stsError prints an STS refusal as the AWS CLI does and returns exitFail;
// any other error is a failure to load or evaluate.
func stsError(stderr io.Writer, op string, err error) int {
	var e *sts.Error
	if errors.As(err, &e) {
		fmt.Fprintf(stderr, "An error occurred (%s) when calling the %s operation: %s\n", e.Code, op, e.Message)
		return exitFail
	}
	fmt.Fprintf(stderr, "iamsim: %v\n", err)
	return exitUsage
}

func printSession(stdout, stderr io.Writer, sess *sts.Session) int {
	f, err := sess.File()
	if err != nil {
		fmt.Fprintf(stderr, "iamsim: %v\n", err)
		return exitUsage
	}
	b, err := json.MarshalIndent(f, "", "    ")
	if err != nil {
		fmt.Fprintf(stderr, "iamsim: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return exitOK
}

// totpVerifier verifies codes of the virtual MFA devices whose seeds are
// given as SERIAL=BASE32; nil when none are.
func totpVerifier(seeds []string) (sts.MFAVerifier, error) {
	if len(seeds) == 0 {
		return nil, nil
	}
	m := map[string]string{}
	for _, s := range seeds {
		serial, seed, ok := strings.Cut(s, "=")
		if !ok || serial == "" || seed == "" {
			return nil, fmt.Errorf("%q: want SERIAL=BASE32", s)
		}
		m[serial] = seed
	}
	return sts.TOTP(m)
}
