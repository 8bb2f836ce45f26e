package account

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/policy"
)

// resourceQuota is the size quota of one kind of resource-based policy, as
// the service that stores it documents it. A policy over it was never
// stored, so the overlay may not give it: it is refused at load, like
// every policy AWS refuses.
type resourceQuota struct {
	what    string // "queue policy"
	service string // "SQS", as the message names it
	limit   int
	// chars: the quota counts characters (Unicode code points); otherwise
	// bytes of the UTF-8 text. Either way white space counts: the pages
	// below do not exempt it, and DynamoDB says it counts it.
	chars  bool
	source string
	// statements and actions: the most statements a policy may hold and
	// actions (Action or NotAction entries) one statement may name; 0
	// where none is documented. Other counts the pages give (principals,
	// conditions) do not say what they count over, and are left out.
	statements, actions int
}

// The quotas found documented, each with its page. "KB" is read as 1,024
// bytes, as the Lambda page defines it and as S3's 20 KB has always been
// read here (MaxBucketPolicyBytes).
var (
	// Amazon S3 User Guide, "Bucket policies and user policies": "Bucket
	// policies are limited to 20 KB in size".
	quotaS3 = resourceQuota{what: "bucket policy", service: "S3", limit: MaxBucketPolicyBytes, source: `Amazon S3 User Guide, "Bucket policies and user policies"`}
	// Amazon SQS Developer Guide, "Amazon SQS policy quotas": Bytes 8,192;
	// Statements 20; Actions per statement 7.
	quotaSQS = resourceQuota{what: "queue policy", service: "SQS", limit: 8192, source: `Amazon SQS Developer Guide, "Amazon SQS policy quotas"`,
		statements: 20, actions: 7}
	// Amazon SNS Developer Guide, "Amazon SNS API permissions: Actions and
	// resources reference", Policy quotas: Bytes 30 kb; Statements 100.
	quotaSNS = resourceQuota{what: "topic policy", service: "SNS", limit: 30 * 1024,
		source: `Amazon SNS Developer Guide, "Amazon SNS API permissions: Actions and resources reference", Policy quotas`, statements: 100}
	// AWS KMS Developer Guide, "Creating a key policy", Key policy format:
	// "Up to 32 kilobytes (32,768 bytes)".
	quotaKMS = resourceQuota{what: "key policy", service: "KMS", limit: 32768, source: `AWS KMS Developer Guide, "Creating a key policy"`}
	// AWS Lambda Developer Guide, "Lambda quotas": "Function
	// resource-based policy: 20 KB" (not adjustable).
	quotaLambda = resourceQuota{what: "function policy", service: "Lambda", limit: 20 * 1024, source: `AWS Lambda Developer Guide, "Lambda quotas"`}
	// AWS Secrets Manager API Reference, PutResourcePolicy:
	// ResourcePolicy "Maximum length of 20480".
	quotaSecrets = resourceQuota{what: "secret policy", service: "Secrets Manager", limit: 20480, chars: true, source: `AWS Secrets Manager API Reference, PutResourcePolicy`}
	// Amazon ECR API Reference, SetRepositoryPolicy: policyText "Maximum
	// length of 10240".
	quotaECR = resourceQuota{what: "repository policy", service: "ECR", limit: 10240, chars: true, source: `Amazon ECR API Reference, SetRepositoryPolicy`}
	// Amazon DynamoDB API Reference, PutResourcePolicy: "The maximum size
	// supported for a resource-based policy document is 20 KB. DynamoDB
	// counts whitespaces when calculating the size of a policy".
	quotaDynamoDB = resourceQuota{what: "resource-based policy", service: "DynamoDB", limit: 20 * 1024, source: `Amazon DynamoDB API Reference, PutResourcePolicy`}
)

// quotaOf returns the size quota of the resource policy of a, false when
// none is documented for its kind (README, "Account overlays", lists them).
func quotaOf(a arn.ARN) (resourceQuota, bool) {
	res := a.Resource()
	switch a.Service() {
	case "s3":
		return quotaS3, true // resourcePolicyHolder leaves only buckets
	case "sqs":
		return quotaSQS, true
	case "sns":
		return quotaSNS, true
	case "kms":
		return quotaKMS, true
	case "lambda":
		if strings.HasPrefix(res, "function:") {
			return quotaLambda, true
		}
	case "secretsmanager":
		return quotaSecrets, true
	case "ecr":
		if strings.HasPrefix(res, "repository/") {
			return quotaECR, true
		}
	case "dynamodb":
		if strings.HasPrefix(res, "table/") {
			return quotaDynamoDB, true
		}
	}
	return resourceQuota{}, false
}

// resourcePolicyQuota reports a resource policy over its service's quota:
// its size, measured on the document as loaded (an overlay's own
// indentation counts: minify a policy written near its quota), and the
// statements and actions it holds.
func resourcePolicyQuota(a arn.ARN, p *policy.Policy) (msg string, over bool) {
	q, ok := quotaOf(a)
	if !ok {
		return "", false
	}
	src := p.Source()
	n, unit := len(src), "byte"
	if q.chars {
		n, unit = policy.Size(src, true), "character"
	}
	if n > q.limit {
		return fmt.Sprintf("the %s of %s is %d %ss, over %s's %d-%s quota (%s; white space counted, as loaded): %s never stored it",
			q.what, a, n, unit, q.service, q.limit, unit, q.source, q.service), true
	}
	if q.statements == 0 && q.actions == 0 {
		return "", false
	}
	doc := p.Document()
	if q.statements > 0 && len(doc.Statement) > q.statements {
		return fmt.Sprintf("the %s of %s has %d statements, over %s's quota of %d (%s): %s never stored it",
			q.what, a, len(doc.Statement), q.service, q.statements, q.source, q.service), true
	}
	for i, st := range doc.Statement {
		if k := len(st.Action) + len(st.NotAction); q.actions > 0 && k > q.actions {
			return fmt.Sprintf("the %s of %s names %d actions in Statement[%d], over %s's quota of %d per statement (%s): %s never stored it",
				q.what, a, k, i, q.service, q.actions, q.source, q.service), true
		}
	}
	return "", false
}
