package evaluate_test

// The generated cases of the metamorphic tests (metamorphic_test.go): the
// keys, principals and targets they draw from, and the case types.

import (
	"fmt"
	"slices"

	"github.com/iamsim/iamsim/evaluate"
)

const (
	acctA = "111111111111"
	acctB = "222222222222"
)

// genPrincipal is a caller of the generated requests.
type genPrincipal struct {
	arn     string
	kind    string // user, session, federated, root, service, provider
	account string
	role    string // a session's role ARN
}

var genPrincipals = []genPrincipal{
	{"arn:aws:iam::111111111111:user/alice", "user", acctA, ""},
	{"arn:aws:iam::111111111111:user/team/carol", "user", acctA, ""},
	{"arn:aws:iam::222222222222:user/bob", "user", acctB, ""},
	{"arn:aws:sts::111111111111:assumed-role/App/s1", "session", acctA, "arn:aws:iam::111111111111:role/App"},
	{"arn:aws:sts::222222222222:assumed-role/Ext/s2", "session", acctB, "arn:aws:iam::222222222222:role/Ext"},
	{"arn:aws:iam::111111111111:role/App", "session", acctA, "arn:aws:iam::111111111111:role/App"},
	{"arn:aws:sts::111111111111:federated-user/fed", "federated", acctA, ""},
	{"arn:aws:sts::222222222222:federated-user/fed2", "federated", acctB, ""},
	{"arn:aws:iam::111111111111:root", "root", acctA, ""},
	{"arn:aws:iam::222222222222:root", "root", acctB, ""},
	{"ec2.amazonaws.com", "service", "", ""},
	{"lambda.amazonaws.com", "service", "", ""},
	{"cognito-identity.amazonaws.com", "provider", "", ""},
}

// genTargets are the actions and resources of requests; account is the
// request's ResourceAccount ("" lets the engine take it from the ARN or
// the principal).
var genTargets = []struct{ action, resource, account string }{
	{"s3:GetObject", "arn:aws:s3:::photos/cat.jpg", acctA},
	{"s3:GetObject", "arn:aws:s3:::photos/alice/x.jpg", acctA},
	{"s3:PutObject", "arn:aws:s3:::photos/cat.jpg", acctA},
	{"s3:ListBucket", "arn:aws:s3:::photos", acctA},
	{"s3:GetObject", "arn:aws:s3:::partner/data.csv", acctB},
	{"s3:ListBucket", "arn:aws:s3:::partner", acctB},
	{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111111111111:table/t", ""},
	{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:222222222222:table/t", ""},
	{"ec2:DescribeInstances", "*", ""},
	{"sts:AssumeRole", "arn:aws:iam::111111111111:role/App", ""},
	{"sts:AssumeRole", "arn:aws:iam::222222222222:role/Ext", ""},
	{"iam:PassRole", "arn:aws:iam::111111111111:role/App", ""},
	{"sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/App", ""},
	{"kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/k1", ""},
	{"kms:Decrypt", "arn:aws:kms:us-east-1:222222222222:key/k2", ""},
}

var (
	otherActions   = []string{"s3:DeleteObject", "ec2:RunInstances", "sqs:SendMessage", "iam:CreateUser", "s3:Put*", "dynamodb:*"}
	otherResources = []string{"arn:aws:s3:::other/*", "arn:aws:s3:::photos/private/*", "arn:aws:dynamodb:*:*:table/other",
		"arn:aws:iam::333333333333:role/*", "arn:aws:sqs:us-east-1:111111111111:q"}
)

// genKey is a condition key with the operators and values that suit it.
type genKey struct {
	key     string
	ops     []string
	vals    []string   // policy values
	ctx     [][]string // request values; nil: never in the request (derived by the engine)
	setOp   bool       // multivalued: ForAllValues / ForAnyValue
	noExist bool       // no IfExists
}

var genKeys = []genKey{
	{key: "aws:PrincipalTag/team", ops: []string{"StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"},
		vals: []string{"photos", "Photos", "ph*", "other"}, ctx: [][]string{{"photos"}, {"PHOTOS"}, {"other"}}},
	{key: "s3:max-keys", ops: []string{"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"},
		vals: []string{"10", "100", "5.5"}, ctx: [][]string{{"10"}, {"99"}, {"1000"}, {"abc"}}},
	{key: "aws:SecureTransport", ops: []string{"Bool"}, vals: []string{"true", "false"}, ctx: [][]string{{"true"}, {"false"}}},
	{key: "aws:SourceIp", ops: []string{"IpAddress", "NotIpAddress"}, vals: []string{"203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32"},
		ctx: [][]string{{"203.0.113.5"}, {"10.1.2.3"}, {"2001:db8::1"}, {"192.0.2.1"}}},
	{key: "aws:CurrentTime", ops: []string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"},
		vals: []string{"2025-01-01T00:00:00Z", "2030-01-01", "1767225600"}, ctx: [][]string{{"2026-06-01T00:00:00Z"}, {"1735689600"}, {"2020-01-01"}}},
	{key: "aws:TagKeys", ops: []string{"StringEquals", "StringLike", "StringNotEquals"}, vals: []string{"team", "env", "cost*"},
		ctx: [][]string{{"team"}, {"team", "env"}, {"owner"}, {"team", "owner"}}, setOp: true},
	{key: "aws:PrincipalAccount", ops: []string{"StringEquals", "StringNotEquals"}, vals: []string{acctA, acctB}},
	{key: "aws:PrincipalArn", ops: []string{"ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals"},
		vals: []string{"arn:aws:iam::111111111111:role/*", "arn:aws:iam::*:user/*", "arn:aws:iam::111111111111:root"}},
	{key: "aws:MultiFactorAuthPresent", ops: []string{"Bool"}, vals: []string{"true", "false"}, ctx: [][]string{{"true"}, {"false"}}},
	{key: "s3:x-amz-bin", ops: []string{"BinaryEquals"}, vals: []string{"aGVsbG8=", "d29ybGQ="}, ctx: [][]string{{"aGVsbG8="}, {"d29ybGQ="}}},
	{key: "aws:ResourceAccount", ops: []string{"StringEquals", "StringNotEquals"}, vals: []string{acctA, acctB}},
}

// Slot kinds: where a policy sits.
const (
	slotIdentity = iota
	slotResource
	slotBoundary
	slotSession
	slotSCP
	slotRCP
)

var slotNames = [...]string{"identity", "resource", "boundary", "session", "scp", "rcp"}

// gCond is one condition: an operator (with qualifier and IfExists) on a key.
type gCond struct {
	op   string
	key  string
	vals []string
}

// gStmt is one statement. principal is nil, "*" or a map[string][]string.
type gStmt struct {
	effect    string
	principal any
	notPrin   bool
	actions   []string
	notAction bool
	resources []string // nil: no Resource element
	notRes    bool
	conds     []gCond
}

type gPolicy struct{ stmts []gStmt }

// gCase is every policy of one request, and the request.
type gCase struct {
	identity []gPolicy
	resource *gPolicy
	boundary *gPolicy
	session  []gPolicy // nil: no session policy
	scps     [][]gPolicy
	rcps     [][]gPolicy
	req      evaluate.Request
	p        genPrincipal
}

func (s gStmt) clone() gStmt {
	c := s
	c.actions = slices.Clone(s.actions)
	c.resources = slices.Clone(s.resources)
	c.conds = make([]gCond, len(s.conds))
	for i, cd := range s.conds {
		c.conds[i] = gCond{cd.op, cd.key, slices.Clone(cd.vals)}
	}
	if m, ok := s.principal.(map[string][]string); ok {
		n := map[string][]string{}
		for k, v := range m {
			n[k] = slices.Clone(v)
		}
		c.principal = n
	}
	return c
}

func (p gPolicy) clone() gPolicy {
	out := gPolicy{stmts: make([]gStmt, len(p.stmts))}
	for i, s := range p.stmts {
		out.stmts[i] = s.clone()
	}
	return out
}

func clonePolicies(list []gPolicy) []gPolicy {
	if list == nil {
		return nil
	}
	out := make([]gPolicy, len(list))
	for i, p := range list {
		out[i] = p.clone()
	}
	return out
}

func (c *gCase) clone() *gCase {
	n := *c
	n.identity = clonePolicies(c.identity)
	n.session = clonePolicies(c.session)
	if c.resource != nil {
		r := c.resource.clone()
		n.resource = &r
	}
	if c.boundary != nil {
		b := c.boundary.clone()
		n.boundary = &b
	}
	n.scps, n.rcps = nil, nil
	for _, l := range c.scps {
		n.scps = append(n.scps, clonePolicies(l))
	}
	for _, l := range c.rcps {
		n.rcps = append(n.rcps, clonePolicies(l))
	}
	if c.req.Context != nil {
		n.req.Context = map[string][]string{}
		for k, v := range c.req.Context {
			n.req.Context[k] = slices.Clone(v)
		}
	}
	return &n
}

// slotRef names one policy of a case.
type slotRef struct{ kind, i, j int }

func (r slotRef) String() string { return fmt.Sprintf("%s[%d][%d]", slotNames[r.kind], r.i, r.j) }

// slots lists the policies a case has.
func (c *gCase) slots() []slotRef {
	var out []slotRef
	for i := range c.identity {
		out = append(out, slotRef{slotIdentity, i, 0})
	}
	if c.resource != nil {
		out = append(out, slotRef{slotResource, 0, 0})
	}
	if c.boundary != nil {
		out = append(out, slotRef{slotBoundary, 0, 0})
	}
	for i := range c.session {
		out = append(out, slotRef{slotSession, i, 0})
	}
	for i, l := range c.scps {
		for j := range l {
			out = append(out, slotRef{slotSCP, i, j})
		}
	}
	for i, l := range c.rcps {
		for j := range l {
			out = append(out, slotRef{slotRCP, i, j})
		}
	}
	return out
}

// policyAt returns the policy a slot names, or nil when the case has no such policy.
func (c *gCase) policyAt(r slotRef) *gPolicy {
	switch r.kind {
	case slotIdentity:
		if r.i < len(c.identity) {
			return &c.identity[r.i]
		}
	case slotResource:
		return c.resource
	case slotBoundary:
		return c.boundary
	case slotSession:
		if r.i < len(c.session) {
			return &c.session[r.i]
		}
	case slotSCP:
		if r.i < len(c.scps) && r.j < len(c.scps[r.i]) {
			return &c.scps[r.i][r.j]
		}
	case slotRCP:
		if r.i < len(c.rcps) && r.j < len(c.rcps[r.i]) {
			return &c.rcps[r.i][r.j]
		}
	}
	return nil
}
