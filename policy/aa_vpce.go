package policy

import (
	"fmt"
	"slices"
	"strings"
)

// vpceKeyServices are the services that support the VPC endpoint owner
// keys, as the IAM User Guide's "AWS global condition context keys" lists
// them under each key's Availability (aws:VpceAccount, aws:VpceOrgID,
// aws:VpceOrgPaths; IAM is listed "except for the iam:PassRole action").
// The lists grow as services adopt the keys: a service missing here gives
// a WARNING that a newer snapshot would not.
var vpceKeyServices = func() map[string][]string {
	common := []string{"apprunner", "discovery", "athena", "servicediscovery", "applicationinsights",
		"cloudformation", "comprehendmedical", "compute-optimizer", "ecr", "ecs", "kinesisanalytics",
		"route53", "datasync", "dynamodb", "ebs", "scheduler", "firehose", "gamelift", "medical-imaging",
		"healthlake", "omics", "iam", "iotfleetwise", "iotwireless", "kms", "lambda",
		"payment-cryptography", "polly", "acm-pca", "rbin", "rekognition", "servicequotas", "s3",
		"shield", "storagegateway", "ssm-contacts", "textract", "transcribe", "transfer"}
	orgID := append(slices.Clone(common), "b2bi", "cognito-identity", "dms", "ds-data", "identitystore",
		"iottwinmaker", "cassandra", "network-firewall", "sms-voice", "pricing", "ses", "sqs", "workmail")
	return map[string][]string{"aws:vpceaccount": common, "aws:vpceorgpaths": common, "aws:vpceorgid": orgID}
}()

// aaVpceKeys reports a condition on aws:VpceAccount, aws:VpceOrgID or
// aws:VpceOrgPaths in a statement whose actions are not all of services
// that support the key (USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES):
// the global condition keys page asks to "always scope the condition key
// to supported services", since elsewhere it has no value. NotAction, a
// wildcard in a service prefix and iam:PassRole are not scoped.
func aaVpceKeys(st *aaStmt) []aaNote {
	var out []aaNote
	for ci := range st.clauses {
		c := &st.clauses[ci]
		svcs, ok := vpceKeyServices[c.LowerKey]
		if !ok {
			continue
		}
		var bad []string
		if st.notAction {
			bad = append(bad, "NotAction")
		}
		for _, a := range st.actions {
			svc, _, _ := strings.Cut(strings.ToLower(a), ":")
			if hasPattern(svc) || !slices.Contains(svcs, svc) || (svc == "iam" && globFold(a, "iam:passrole")) {
				bad = append(bad, a)
			}
		}
		if len(bad) > 0 {
			out = append(out, note(CodeUseConditionKeyOnlyWithSupportedServices, aaCondition, ci, fmt.Sprintf("%s has a value only for the services that support it, not for %s: scope the statement to those services", c.Key, strings.Join(bad, ", "))))
		}
	}
	return out
}
