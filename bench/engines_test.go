package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-policy/cedar-go"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
	"github.com/ory/ladon"
	pe "github.com/seaweedfs/seaweedfs/weed/s3api/policy_engine"
)

// iamsim: policy.Parse and evaluate.Compile; Request.Prepare, then Decide.

var iamsimEngine = engine{
	name:   "iamsim",
	source: iamPolicy,
	load: func(src []byte) (loaded, error) {
		pol, err := policy.Parse("photos.json", src)
		if err != nil {
			return nil, err
		}
		set, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Policy{pol}})
		if err != nil {
			return nil, err
		}
		return iamsimSet{set}, nil
	},
}

type iamsimSet struct{ set *evaluate.PolicySet }

func (s iamsimSet) prepare(v variant) (func() bool, error) {
	r := evaluate.Request{
		Principal: sessionARN,
		Action:    action,
		Resource:  v.resource,
		// S3 ARNs carry no account: the bucket is the role's account's.
		ResourceAccount: account,
	}
	if v.hasUserID {
		r.Context = map[string][]string{"aws:userid": {v.userID}}
	}
	p, err := r.Prepare()
	if err != nil {
		return nil, err
	}
	return func() bool { return s.set.Decide(p) == evaluate.Allow }, nil
}

// request is the path a service pays per call: the request built from
// strings, its context as Values (no map), then PolicySet.DecideRequest,
// which prepares it for the set (reading only what its policies read)
// into a pooled Prepared and decides.
func (s iamsimSet) request(v variant) bool {
	r := evaluate.Request{Principal: sessionARN, Action: action, Resource: v.resource, ResourceAccount: account}
	if v.hasUserID {
		r.Values = []evaluate.KeyValue{{Key: "aws:userid", Value: v.userID}}
	}
	d, err := s.set.DecideRequest(r)
	return err == nil && d == evaluate.Allow
}

// cedar-go: one permit per Allow statement, a forbid-when for the Deny. The
// resource is an S3::Object entity whose arn attribute the policies match
// with like, as IAM matches the Resource element; the policies leave the
// principal open, as the role's identity policies apply to its sessions.

var cedarEngine = engine{
	name:   "cedar-go",
	source: cedarPolicy,
	load: func(src []byte) (loaded, error) {
		ps, err := cedar.NewPolicySetFromBytes("photos.cedar", src)
		if err != nil {
			return nil, err
		}
		return cedarSet{ps}, nil
	},
}

func cedarPolicy(n int) []byte {
	var b strings.Builder
	for i := 0; i < n-2; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "permit (principal, action == Action::\"s3:GetObject\", resource)\nwhen { resource.arn like \"arn:aws:s3:::bucket-%d/*\" };\n", i)
		} else {
			fmt.Fprintf(&b, "permit (principal, action in [Action::\"ec2:DescribeInstances\", Action::\"dynamodb:GetItem\"], resource)\nwhen { resource.arn == \"arn:aws:dynamodb:us-east-1:111111111111:table/t%d\" };\n", i)
		}
	}
	b.WriteString(`@id("ReadPhotos")
permit (principal, action == Action::"s3:GetObject", resource)
when { resource.arn like "arn:aws:s3:::photos/*" };
@id("OnlyTheApp")
forbid (principal, action == Action::"s3:GetObject", resource)
when {
  resource.arn like "arn:aws:s3:::photos/*" &&
  (!(context has "aws:userid") || context["aws:userid"] != "AROAEXAMPLEID:i-0abc123")
};
`)
	return []byte(b.String())
}

type cedarSet struct{ ps *cedar.PolicySet }

func (s cedarSet) prepare(v variant) (func() bool, error) {
	entities, req := cedarRequest(v)
	return func() bool {
		d, _ := s.ps.IsAuthorized(entities, req)
		return d == cedar.Allow
	}, nil
}

func (s cedarSet) request(v variant) bool {
	entities, req := cedarRequest(v)
	d, _ := s.ps.IsAuthorized(entities, req)
	return d == cedar.Allow
}

// cedarRequest builds cedar's entities and request for a variant.
func cedarRequest(v variant) (cedar.EntityMap, cedar.Request) {
	object := cedar.NewEntityUID("S3::Object", cedar.String(v.resource))
	entities := cedar.EntityMap{
		object: {
			UID:        object,
			Attributes: cedar.NewRecord(cedar.RecordMap{"arn": cedar.String(v.resource)}),
		},
	}
	ctx := cedar.RecordMap{}
	if v.hasUserID {
		ctx["aws:userid"] = cedar.String(v.userID)
	}
	req := cedar.Request{
		Principal: cedar.NewEntityUID("IAM::AssumedRoleSession", sessionARN),
		Action:    cedar.NewEntityUID("Action", action),
		Resource:  object,
		Context:   cedar.NewRecord(ctx),
	}
	return entities, req
}

// seaweedfs-s3: the S3 bucket policy engine of SeaweedFS reads the IAM JSON
// itself. SetBucketPolicy parses and compiles; EvaluatePolicy decides (Allow,
// Deny, or Indeterminate when no statement matches, an implicit deny here).

var seaweedEngine = engine{
	name:   "seaweedfs-s3",
	source: iamPolicy,
	load: func(src []byte) (loaded, error) {
		e := pe.NewPolicyEngine()
		if err := e.SetBucketPolicy("photos", string(src)); err != nil {
			return nil, err
		}
		return seaweedSet{e}, nil
	},
}

type seaweedSet struct{ e *pe.PolicyEngine }

func (s seaweedSet) prepare(v variant) (func() bool, error) {
	args := seaweedArgs(v)
	return func() bool { return s.e.EvaluatePolicy("photos", args) == pe.PolicyResultAllow }, nil
}

func (s seaweedSet) request(v variant) bool {
	return s.e.EvaluatePolicy("photos", seaweedArgs(v)) == pe.PolicyResultAllow
}

// seaweedArgs builds SeaweedFS's evaluation arguments for a variant.
func seaweedArgs(v variant) *pe.PolicyEvaluationArgs {
	args := &pe.PolicyEvaluationArgs{
		Action:     action,
		Resource:   v.resource,
		Principal:  sessionARN,
		Conditions: map[string][]string{},
	}
	if v.hasUserID {
		args.Conditions["aws:userid"] = []string{v.userID}
	}
	return args
}

// ladon: one ladon policy per statement, in ladon's JSON, with <.*> for
// IAM's *. Ladon has no negated string condition, so the Deny uses
// stringNotEqualsCondition below. Subjects are the role, to which the
// harness maps the session (as iamsim's Prepare does), so that ladon
// compares them as plain strings. Policies are evaluated with
// DoPoliciesAllow over the list in source order: ladon's shipped in-memory
// manager would add a map walk and a copy of every policy to each call.

var ladonEngine = engine{
	name:   "ladon",
	source: ladonPolicy,
	load: func(src []byte) (loaded, error) {
		var list []*ladon.DefaultPolicy
		if err := json.Unmarshal(src, &list); err != nil {
			return nil, err
		}
		ps := make(ladon.Policies, len(list))
		for i, p := range list {
			ps[i] = p
		}
		return ladonSet{w: &ladon.Ladon{}, ps: ps}, nil
	},
}

// stringNotEqualsCondition is IAM's StringNotEquals as a ladon condition:
// fulfilled when the request has no value for the key or a value that is
// none of Values.
type stringNotEqualsCondition struct {
	Values []string `json:"values"`
}

func (c *stringNotEqualsCondition) GetName() string { return "StringNotEqualsCondition" }

func (c *stringNotEqualsCondition) Fulfills(_ context.Context, v any, _ *ladon.Request) bool {
	s, ok := v.(string)
	return !ok || !slices.Contains(c.Values, s)
}

func init() {
	ladon.ConditionFactories["StringNotEqualsCondition"] = func() ladon.Condition { return new(stringNotEqualsCondition) }
}

func ladonPolicy(n int) []byte {
	var list []*ladon.DefaultPolicy
	add := func(effect string, actions []string, resource string, conds ladon.Conditions) {
		list = append(list, &ladon.DefaultPolicy{
			ID:         fmt.Sprint(len(list)),
			Subjects:   []string{roleARN},
			Effect:     effect,
			Actions:    actions,
			Resources:  []string{resource},
			Conditions: conds,
		})
	}
	for i := 0; i < n-2; i++ {
		if i%2 == 0 {
			add(ladon.AllowAccess, []string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::bucket-%d/<.*>", i), nil)
		} else {
			add(ladon.AllowAccess, []string{"ec2:DescribeInstances", "dynamodb:GetItem"}, fmt.Sprintf("arn:aws:dynamodb:us-east-1:111111111111:table/t%d", i), nil)
		}
	}
	add(ladon.AllowAccess, []string{"s3:GetObject"}, "arn:aws:s3:::photos/<.*>", nil)
	add(ladon.DenyAccess, []string{"s3:GetObject"}, "arn:aws:s3:::photos/<.*>",
		ladon.Conditions{"aws:userid": &stringNotEqualsCondition{Values: []string{appUserID}}})
	src, err := json.Marshal(list)
	if err != nil {
		panic(err)
	}
	return src
}

type ladonSet struct {
	w  *ladon.Ladon
	ps ladon.Policies
}

func (s ladonSet) prepare(v variant) (func() bool, error) {
	r := ladonRequest(v)
	ctx := context.Background()
	return func() bool { return s.w.DoPoliciesAllow(ctx, r, s.ps) == nil }, nil
}

func (s ladonSet) request(v variant) bool {
	return s.w.DoPoliciesAllow(context.Background(), ladonRequest(v), s.ps) == nil
}

// ladonRequest builds ladon's request for a variant.
func ladonRequest(v variant) *ladon.Request {
	r := &ladon.Request{Subject: roleARN, Action: action, Resource: v.resource, Context: ladon.Context{}}
	if v.hasUserID {
		r.Context["aws:userid"] = v.userID
	}
	return r
}
