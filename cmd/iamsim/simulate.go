package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/scenario"
)

// defaultPrincipal is the caller simulate assumes without --principal: an
// IAM user, so identity policies apply as they are and nothing is
// cross-account unless the resource is in another account.
const defaultPrincipal = "arn:aws:iam::111111111111:user/simulated-user"

const simulateUsage = `usage: iamsim simulate --policy FILE... --action A... --resource R... [flags]
       iamsim simulate --resource-policy FILE --principal P --action A... --resource R... [flags]

The offline counterpart of aws iam simulate-custom-policy: evaluates every
action for every resource (actions outer) against the given policies.
Repeatable flags take one value per occurrence: --policy a.json --policy b.json.
FILE "-" reads standard input.

Flags:
  --policy FILE           an identity-based policy of the principal (repeatable; required
                          unless --resource-policy is given: a trust policy alone says
                          whether a service such as ec2.amazonaws.com may assume a role)
  --resource-policy FILE  the resource-based policy (for sts:AssumeRole, the role's trust policy)
  --boundary FILE         the principal's permissions boundary
  --session-policy FILE   the session policy
  --scp FILE              one SCP level holding this policy, root first (repeatable)
  --vpce-policy FILE      the policy of the VPC endpoint the requests are made through
                          (give their aws:SourceVpce with --context); it must allow them too
  --account-public-access-block CONFIG
                          the S3 Block Public Access settings of the bucket owner's
                          account, as aws s3control put-public-access-block takes them:
                          BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,
                          RestrictPublicBuckets=true (any of them; absent: false)
  --bucket-public-access-block CONFIG
                          the bucket's, as aws s3api put-public-access-block takes them
  --action A              an action such as s3:GetObject (repeatable, required)
  --resource R            a resource ARN, or * (repeatable, required)
  --principal ARN         the caller (default ` + defaultPrincipal + `,
                          or the one --caller-arn stands for)
  --resource-account ID   the account that owns the resources, for ARNs without
                          one (S3); default: the account in the ARN, else the caller's
  --context KEY=VALUE     a request context value; repeat a KEY for a multivalued
                          key; VALUE is taken as is, commas included (repeatable)
  --output FORMAT         text (default), json or aws
` + callerUsage + `
Output:
  text  one line per pair "ACTION RESOURCE DECISION", then the explanation indented
  json  [{"action","resource","decision","stage","reasons","missingContextKeys","explanation",
        "findings"}], findings as in iamsim check --json (the same list in every element)
  aws   {"EvaluationResults":[{"EvalActionName","EvalResourceName","EvalDecision",
        "MatchedStatements":[{"SourcePolicyId","SourcePolicyType","StartPosition",
        "EndPosition"}],"MissingContextValues"}],"IsTruncated":false}, the shape of
        IAM's SimulatePolicyResponse; EvalDecision is allowed, explicitDeny or
        implicitDeny; MatchedStatements are the statements that decided (the
        Deny ones for explicitDeny, the Allow ones for allowed, none for
        implicitDeny); positions are {"Line","Column"} of the statement's { and }

The findings of the policies, validated for their places (--policy as an
inline identity policy, --resource-policy as a role's trust policy when
every --resource is a role and as a resource policy otherwise, --boundary,
--session-policy, --scp and --vpce-policy as such), go to standard error as
  FILE:LINE:COL: SEVERITY CODE: message
for the text and aws outputs, and into "findings" for json: errors and
warnings only (iamsim check lists suggestions too). An ERROR such as
INVALID_ACTION (a Deny on s3:DeleteObjekt denies nothing) does not change
the decisions or the exit status: AWS stores such a policy.

Exit status: 0 whatever the decisions, 2 on a usage error or a policy that
cannot be read or parsed, or that AWS would refuse to store in its place
(an identity policy with a Principal or without Resource, say: nothing is
evaluated, and the refusal names FILE:LINE:COL and the finding's code).
`

// contextFlag collects --context KEY=VALUE values; a repeated key (in any
// letter case) is multivalued and keeps the spelling it was first given.
type contextFlag struct {
	keys   []string            // in first-seen order
	values map[string][]string // by key as first spelled
	folded map[string]string   // lower-case key → key as first spelled
}

func (c *contextFlag) String() string { return strings.Join(c.keys, ",") }

func (c *contextFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return errors.New("want KEY=VALUE")
	}
	if c.values == nil {
		c.values, c.folded = map[string][]string{}, map[string]string{}
	}
	lk := strings.ToLower(k)
	if first, seen := c.folded[lk]; seen {
		k = first
	} else {
		c.folded[lk] = k
		c.keys = append(c.keys, k)
	}
	c.values[k] = append(c.values[k], v)
	return nil
}

// simResult is one action × resource pair in simulate --output json.
type simResult struct {
	Action             string            `json:"action"`
	Resource           string            `json:"resource"`
	Decision           evaluate.Decision `json:"decision"`
	Stage              evaluate.Stage    `json:"stage"`
	Reasons            []evaluate.Match  `json:"reasons"`
	MissingContextKeys []string          `json:"missingContextKeys"`
	Explanation        string            `json:"explanation"`
	Findings           []jsonFinding     `json:"findings"`
}

// The shape of IAM's SimulatePolicyResponse, for --output aws.
type (
	awsResponse struct {
		EvaluationResults []awsResult `json:"EvaluationResults"`
		IsTruncated       bool        `json:"IsTruncated"`
	}
	awsResult struct {
		EvalActionName       string         `json:"EvalActionName"`
		EvalResourceName     string         `json:"EvalResourceName"`
		EvalDecision         string         `json:"EvalDecision"`
		MatchedStatements    []awsStatement `json:"MatchedStatements"`
		MissingContextValues []string       `json:"MissingContextValues"`
	}
	awsStatement struct {
		SourcePolicyID   string      `json:"SourcePolicyId"`
		SourcePolicyType string      `json:"SourcePolicyType"`
		StartPosition    awsPosition `json:"StartPosition"`
		EndPosition      awsPosition `json:"EndPosition"`
	}
	awsPosition struct {
		Line   int `json:"Line"`
		Column int `json:"Column"`
	}
)

func runSimulate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, code := parseSimulateFlags(args, stdout, stderr)
	if code >= 0 {
		return code
	}
	l := &policyLoader{stdin: stdin, stderr: stderr, ends: map[statementKey]policy.Position{}}
	ps := l.policies(f)
	if l.failed {
		return exitUsage
	}
	findings := f.findings(ps)
	if f.output != "json" {
		for _, fd := range findings {
			fmt.Fprintln(stderr, fd.Error())
		}
	}
	set, err := evaluate.Compile(ps)
	if err != nil {
		// A policy AWS would refuse in its place (evaluate.RefusedError,
		// one per policy, joined): never evaluated.
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, e := range errs {
			fmt.Fprintf(stderr, "iamsim simulate: %v\n", e)
		}
		return exitUsage
	}
	results, err := f.explainAll(set)
	if err != nil {
		fmt.Fprintf(stderr, "iamsim simulate: %v\n", err)
		return exitUsage
	}
	printSimulation(stdout, f.output, results, findings, l.ends)
	return exitOK
}

// findings validates each policy for its place (see scenario.Slots), the
// resource-based policy as a role's trust policy when every --resource is
// an IAM role. A file given in several places of one kind is reported once.
func (f *simulateFlags) findings(ps evaluate.Policies) []*policy.Finding {
	resourceKind := policy.Trust
	for _, r := range f.resources {
		if scenario.ResourcePolicyKind(r) != policy.Trust {
			resourceKind = policy.Resource
		}
	}
	var out []*policy.Finding
	seen := map[string]bool{}
	for _, slot := range scenario.Slots(ps, resourceKind) {
		for _, fd := range slot.Findings() {
			if line := fd.Error(); !seen[line] {
				seen[line] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// simulateFlags are the flags of iamsim simulate.
type simulateFlags struct {
	policies, scps, actions, resources      listFlag
	resourcePolicy, boundary, sessionPolicy onceFlag
	endpointPolicy                          onceFlag
	publicAccess                            evaluate.BlockPublicAccess // from the two public-access-block flags
	context                                 contextFlag
	principal, resourceAccount, output      string
	callerFlags
	caller *evaluate.Caller // from the caller flags; nil without --caller-arn
}

// parseSimulateFlags reads and checks the flags. code is -1 when the
// command should go on, else the exit status (usage printed).
func parseSimulateFlags(args []string, stdout, stderr io.Writer) (f *simulateFlags, code int) {
	f = &simulateFlags{}
	fs := newFlagSet("simulate")
	fs.Var(&f.policies, "policy", "")
	fs.Var(&f.resourcePolicy, "resource-policy", "")
	fs.Var(&f.boundary, "boundary", "")
	fs.Var(&f.sessionPolicy, "session-policy", "")
	fs.Var(&f.scps, "scp", "")
	fs.Var(&f.endpointPolicy, "vpce-policy", "")
	fs.Var(publicAccessFlag{&f.publicAccess.Account}, "account-public-access-block", "")
	fs.Var(publicAccessFlag{&f.publicAccess.Bucket}, "bucket-public-access-block", "")
	fs.Var(&f.actions, "action", "")
	fs.Var(&f.resources, "resource", "")
	fs.Var(&f.context, "context", "")
	fs.StringVar(&f.principal, "principal", defaultPrincipal, "")
	fs.StringVar(&f.resourceAccount, "resource-account", "", "")
	fs.StringVar(&f.output, "output", "text", "")
	f.callerFlags.register(fs)
	pos, code := parseFlags(fs, args, simulateUsage, stdout, stderr)
	if code >= 0 {
		return nil, code
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	bad := func(format string, args ...any) (*simulateFlags, int) {
		return nil, usageError(stderr, "simulate", simulateUsage, format, args...)
	}
	switch {
	case len(pos) > 0:
		return bad("unexpected argument %q (policies are given with --policy FILE)", pos[0])
	case len(f.policies) == 0 && !f.resourcePolicy.set:
		return bad("no --policy (or --resource-policy, to test a trust or resource policy alone)")
	case len(f.actions) == 0:
		return bad("no --action")
	case len(f.resources) == 0:
		return bad("no --resource")
	}
	for _, r := range f.resources {
		if r != "*" {
			if _, err := arn.Parse(r); err != nil {
				return bad("--resource %q is neither an ARN nor *: %v (an S3 object is arn:aws:s3:::BUCKET/KEY)", r, err)
			}
		}
	}
	switch f.output {
	case "text", "json", "aws":
	default:
		return bad("unknown --output %q (want text, json or aws)", f.output)
	}
	var err error
	if f.caller, err = f.callerFlags.caller(set); err != nil {
		return bad("%v", err)
	}
	if f.caller != nil && !set["principal"] {
		f.principal = "" // derived from the caller
	}
	return f, -1
}

// policyLoader reads the policy files of simulate, reporting every error
// before the command gives up.
type policyLoader struct {
	stdin  io.Reader
	stderr io.Writer
	ends   map[statementKey]policy.Position // where each statement read ends
	failed bool
}

// statementKey is a statement by the place of its opening brace, which a
// Match carries: its file and byte offset.
type statementKey struct {
	file string
	off  int
}

// policies loads every policy the flags name, in their places.
func (l *policyLoader) policies(f *simulateFlags) evaluate.Policies {
	var ps evaluate.Policies
	for _, path := range f.policies {
		ps.Identity = append(ps.Identity, l.load(path))
	}
	if f.resourcePolicy.set {
		ps.Resource = l.load(f.resourcePolicy.value)
	}
	if f.boundary.set {
		ps.Boundary = l.load(f.boundary.value)
	}
	if f.sessionPolicy.set {
		ps.Session = []*policy.Policy{l.load(f.sessionPolicy.value)}
	}
	for _, path := range f.scps {
		ps.SCPs = append(ps.SCPs, []*policy.Policy{l.load(path)})
	}
	if f.endpointPolicy.set {
		ps.Endpoint = l.load(f.endpointPolicy.value)
	}
	ps.BlockPublicAccess = f.publicAccess
	return ps
}

// load reads and parses one policy file, or reports why it cannot.
func (l *policyLoader) load(path string) *policy.Policy {
	name, data, err := readInput(path, l.stdin)
	if err != nil {
		fmt.Fprintf(l.stderr, "iamsim simulate: %v\n", err)
		l.failed = true
		return nil
	}
	p, err := policy.Parse(name, data)
	if err != nil {
		l.failed = true
		var list policy.ErrorList
		if errors.As(err, &list) {
			for _, f := range list {
				fmt.Fprintln(l.stderr, f.Error())
			}
		} else {
			fmt.Fprintf(l.stderr, "%s: %v\n", name, err)
		}
		return nil
	}
	for i := range p.Rules() {
		start, end := p.Rules()[i].Span()
		l.ends[statementKey{start.Filename, start.Offset}] = end
	}
	return p
}

// explainAll prepares every action × resource request (actions outer)
// before anything is printed, and explains each.
func (f *simulateFlags) explainAll(set *evaluate.PolicySet) ([]*evaluate.Result, error) {
	var reqContext map[string][]string
	if len(f.context.keys) > 0 {
		reqContext = f.context.values
	}
	var results []*evaluate.Result
	for _, a := range f.actions {
		for _, r := range f.resources {
			req := evaluate.Request{Principal: f.principal, Action: a, Resource: r, ResourceAccount: f.resourceAccount, Context: reqContext, Caller: f.caller}
			p, err := req.Prepare()
			if err != nil {
				return nil, err
			}
			results = append(results, set.Explain(p))
		}
	}
	return results, nil
}

// printSimulation prints the results in the --output format.
func printSimulation(stdout io.Writer, output string, results []*evaluate.Result, findings []*policy.Finding, ends map[statementKey]policy.Position) {
	switch output {
	case "json":
		out := make([]simResult, len(results))
		fs := make([]jsonFinding, len(findings))
		for i, fd := range findings {
			fs[i] = newJSONFinding(fd.Policy, fd)
		}
		for i, res := range results {
			out[i] = simResult{
				Action: res.Action, Resource: res.Resource, Decision: res.Decision, Stage: res.Stage,
				Reasons: nonNil(res.Matched), MissingContextKeys: nonNil(res.MissingContextKeys),
				Explanation: res.String(), Findings: fs,
			}
		}
		writeJSON(stdout, out)
	case "aws":
		out := awsResponse{EvaluationResults: make([]awsResult, len(results))}
		for i, res := range results {
			out.EvaluationResults[i] = awsEvaluation(res, ends)
		}
		writeJSON(stdout, out)
	default:
		for _, res := range results {
			fmt.Fprintf(stdout, "%s %s %s\n", res.Action, res.Resource, res.Decision)
			fmt.Fprintf(stdout, "  %s\n", res.String())
		}
	}
}

// awsEvaluation converts a result to IAM's EvaluationResult. As IAM does,
// it lists the statements that decided: for an explicit deny only the
// matching Deny statements, for an allow the matching Allow statements, for
// an implicit deny none. A statement's end comes from ends, by the place
// of its start.
func awsEvaluation(res *evaluate.Result, ends map[statementKey]policy.Position) awsResult {
	out := awsResult{
		EvalActionName:       res.Action,
		EvalResourceName:     res.Resource,
		EvalDecision:         awsDecision(res.Decision),
		MatchedStatements:    []awsStatement{},
		MissingContextValues: nonNil(res.MissingContextKeys),
	}
	var want policy.Effect
	switch res.Decision {
	case evaluate.Allow:
		want = policy.Allow
	case evaluate.ExplicitDeny:
		want = policy.Deny
	default:
		return out
	}
	for _, m := range res.Matched {
		if m.Effect != want {
			continue
		}
		end := ends[statementKey{m.Position.Filename, m.Position.Offset}]
		st := awsStatement{
			SourcePolicyID:   m.Policy,
			SourcePolicyType: awsPolicyType(m.Type),
			StartPosition:    awsPosition{m.Position.Line, m.Position.Column},
			EndPosition:      awsPosition{end.Line, end.Column},
		}
		out.MatchedStatements = append(out.MatchedStatements, st)
	}
	return out
}

func awsDecision(d evaluate.Decision) string {
	switch d {
	case evaluate.Allow:
		return "allowed"
	case evaluate.ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

func awsPolicyType(t evaluate.PolicyType) string {
	switch t {
	case evaluate.ResourcePolicy, evaluate.EndpointPolicy:
		// "An endpoint policy is a resource-based policy that you attach
		// to a VPC endpoint" (AWS PrivateLink Guide).
		return "Resource Policy"
	case evaluate.PermissionsBoundary:
		return "PermissionsBoundaryPolicy"
	case evaluate.SessionPolicy:
		return "Session Policy"
	case evaluate.SCP, evaluate.RCP:
		return "Organizations Policy"
	}
	return "IAM Policy"
}
