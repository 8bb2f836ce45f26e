package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/catalog"
)

// ResourceType names the resource a resource-based policy is attached to,
// as IAM Access Analyzer's ValidatePolicy takes it
// (validatePolicyResourceType: "AWS::S3::Bucket", …). With it, the
// validator also checks that the policy's actions and resource ARNs are
// ones that resource supports (UNSUPPORTED_ACTION_IN_POLICY,
// UNSUPPORTED_RESOURCE_ARN_IN_POLICY). The zero ResourceType is none: the
// checks that apply to every resource policy only.
type ResourceType string

// The resource types of ValidatePolicy (IAM Access Analyzer API
// Reference, "ValidatePolicy": validatePolicyResourceType).
const (
	S3Bucket                  ResourceType = "AWS::S3::Bucket"
	S3AccessPoint             ResourceType = "AWS::S3::AccessPoint"
	S3MultiRegionAccessPoint  ResourceType = "AWS::S3::MultiRegionAccessPoint"
	S3ObjectLambdaAccessPoint ResourceType = "AWS::S3ObjectLambda::AccessPoint"
	RoleTrustPolicy           ResourceType = "AWS::IAM::AssumeRolePolicyDocument"
	DynamoDBTable             ResourceType = "AWS::DynamoDB::Table"
)

// resourceTypeFacts says, for each resource type, the service whose
// actions its policy may name and the catalog resource types its ARNs may
// be of (the resource itself and what it holds: a bucket's objects, a
// table's indexes).
var resourceTypeFacts = map[ResourceType]struct {
	aliases []string
	service string
	types   []string
}{
	S3Bucket:                  {[]string{"s3-bucket", "bucket"}, "s3", []string{"bucket", "object"}},
	S3AccessPoint:             {[]string{"s3-access-point", "access-point"}, "s3", []string{"accesspoint", "accesspointobject"}},
	S3MultiRegionAccessPoint:  {[]string{"s3-multi-region-access-point", "multi-region-access-point"}, "s3", []string{"multiregionaccesspoint"}},
	S3ObjectLambdaAccessPoint: {[]string{"s3-object-lambda-access-point", "object-lambda-access-point"}, "s3-object-lambda", []string{"objectlambdaaccesspoint"}},
	RoleTrustPolicy:           {[]string{"role-trust", "trust"}, "sts", []string{"role"}},
	DynamoDBTable:             {[]string{"dynamodb-table", "table"}, "dynamodb", []string{"table", "index"}},
}

// ResourceTypes returns the resource types ParseResourceType accepts, in
// ValidatePolicy's spelling.
func ResourceTypes() []ResourceType {
	return []ResourceType{S3Bucket, S3AccessPoint, S3MultiRegionAccessPoint, S3ObjectLambdaAccessPoint, RoleTrustPolicy, DynamoDBTable}
}

// ParseResourceType reads a resource type in ValidatePolicy's spelling
// (AWS::S3::Bucket) or a short name (s3-bucket, dynamodb-table,
// role-trust), any letter case.
func ParseResourceType(s string) (ResourceType, error) {
	for _, rt := range ResourceTypes() {
		if strings.EqualFold(s, string(rt)) {
			return rt, nil
		}
		for _, a := range resourceTypeFacts[rt].aliases {
			if strings.EqualFold(s, a) {
				return rt, nil
			}
		}
	}
	return "", fmt.Errorf("policy: unknown resource type %q (one of AWS::S3::Bucket, AWS::S3::AccessPoint, AWS::S3::MultiRegionAccessPoint, AWS::S3ObjectLambda::AccessPoint, AWS::IAM::AssumeRolePolicyDocument, AWS::DynamoDB::Table, or s3-bucket, s3-access-point, s3-multi-region-access-point, s3-object-lambda-access-point, role-trust, dynamodb-table)", s)
}

// Kind returns the kind of policy a resource type holds: Trust for a role
// trust policy, Resource for the others.
func (rt ResourceType) Kind() Kind {
	if rt == RoleTrustPolicy {
		return Trust
	}
	return Resource
}

// aaResourceTypeNotes checks a statement of a policy attached to a
// resource of type rt: each action must be one the resource supports (of
// its service, and applying to one of its types), each resource ARN one
// of its types. A trust policy's actions and resource are checked by the
// trust rules instead.
func aaResourceTypeNotes(st *aaStmt, rt ResourceType) []aaNote {
	facts, ok := resourceTypeFacts[rt]
	if !ok || rt == RoleTrustPolicy {
		return nil
	}
	var out []aaNote
	if rt == S3Bucket || rt == S3AccessPoint {
		for ci := range st.clauses {
			// IRRELEVANT_CONDITION_KEY_IN_POLICY: the reference's example; the
			// other keys Access Analyzer finds irrelevant per resource type
			// are its own list.
			if st.clauses[ci].LowerKey == "s3:resourceaccount" {
				out = append(out, note(CodeIrrelevantConditionKeyInPolicy, aaCondition, ci, fmt.Sprintf("%s has no meaning in the policy of a resource of type %s: use it in an identity-based policy", st.clauses[ci].Key, rt)))
			}
		}
	}
	if !st.notAction {
		for i, a := range st.actions {
			if a == "*" {
				continue
			}
			svc, name, ok := strings.Cut(a, ":")
			if !ok || hasPattern(svc) {
				continue
			}
			if !strings.EqualFold(svc, facts.service) {
				out = append(out, note(CodeUnsupportedActionInPolicy, aaAction, i, fmt.Sprintf("the action %s is not supported for the resource type %s: its policy names %s actions only", a, rt, facts.service)))
				continue
			}
			infos := catalogActions(svc, name)
			if len(infos) > 0 && !anyAppliesTo(infos, facts.types) {
				out = append(out, note(CodeUnsupportedActionInPolicy, aaAction, i, fmt.Sprintf("the action %s does not apply to a resource of type %s (%s)", a, rt, strings.Join(facts.types, ", "))))
			}
		}
	}
	if st.notResource {
		return out
	}
	for i, r := range st.resources {
		if r == "*" || !strings.HasPrefix(r, "arn:") {
			continue
		}
		if !fitsTypes(r, facts.service, facts.types) {
			out = append(out, note(CodeUnsupportedResourceARNInPolicy, aaResource, i, fmt.Sprintf("the resource %s is not of the resource type %s (%s ARNs of types %s)", r, rt, facts.service, strings.Join(facts.types, ", "))))
		}
	}
	return out
}

func anyAppliesTo(infos []*catalog.ActionInfo, types []string) bool {
	for _, info := range infos {
		for _, r := range info.Resources {
			for _, t := range types {
				if strings.EqualFold(r.Type, t) {
					return true
				}
			}
		}
	}
	return false
}

// fitsTypes reports whether an ARN pattern may name a resource of one of
// the service's types.
func fitsTypes(r, svc string, types []string) bool {
	f := strings.SplitN(r, ":", 6)
	if len(f) < 6 || !(f[2] == svc || hasPattern(f[2])) {
		return false
	}
	rtoks := resourceTokens(f[5])
	for _, tf := range serviceFormats(svc) {
		if !slices.Contains(types, tf.lower) {
			continue
		}
		for _, af := range tf.formats {
			if globsIntersect(af.toks, rtoks) {
				return true
			}
		}
	}
	return false
}
