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
}

// The quotas found documented, each with its page. "KB" is read as 1,024
// bytes, as the Lambda page defines it and as S3's 20 KB has always been
// read here (MaxBucketPolicyBytes).
var (
	// Amazon S3 User Guide, "Bucket policies and user policies": "Bucket
	// policies are limited to 20 KB in size".
	quotaS3 = resourceQuota{"bucket policy", "S3", MaxBucketPolicyBytes, false, `Amazon S3 User Guide, "Bucket policies and user policies"`}
	// Amazon SQS Developer Guide, "Amazon SQS policy quotas": Bytes 8,192.
	quotaSQS = resourceQuota{"queue policy", "SQS", 8192, false, `Amazon SQS Developer Guide, "Amazon SQS policy quotas"`}
	// Amazon SNS Developer Guide, "Amazon SNS API permissions: Actions and
	// resources reference", Policy quotas: Bytes 30 kb.
	quotaSNS = resourceQuota{"topic policy", "SNS", 30 * 1024, false, `Amazon SNS Developer Guide, "Amazon SNS API permissions: Actions and resources reference", Policy quotas`}
	// AWS KMS Developer Guide, "Creating a key policy", Key policy format:
	// "Up to 32 kilobytes (32,768 bytes)".
	quotaKMS = resourceQuota{"key policy", "KMS", 32768, false, `AWS KMS Developer Guide, "Creating a key policy"`}
	// AWS Lambda Developer Guide, "Lambda quotas": "Function
	// resource-based policy: 20 KB" (not adjustable).
	quotaLambda = resourceQuota{"function policy", "Lambda", 20 * 1024, false, `AWS Lambda Developer Guide, "Lambda quotas"`}
	// AWS Secrets Manager API Reference, PutResourcePolicy:
	// ResourcePolicy "Maximum length of 20480".
	quotaSecrets = resourceQuota{"secret policy", "Secrets Manager", 20480, true, `AWS Secrets Manager API Reference, PutResourcePolicy`}
	// Amazon ECR API Reference, SetRepositoryPolicy: policyText "Maximum
	// length of 10240".
	quotaECR = resourceQuota{"repository policy", "ECR", 10240, true, `Amazon ECR API Reference, SetRepositoryPolicy`}
	// Amazon DynamoDB API Reference, PutResourcePolicy: "The maximum size
	// supported for a resource-based policy document is 20 KB. DynamoDB
	// counts whitespaces when calculating the size of a policy".
	quotaDynamoDB = resourceQuota{"resource-based policy", "DynamoDB", 20 * 1024, false, `Amazon DynamoDB API Reference, PutResourcePolicy`}
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

// resourcePolicySize reports a resource policy over its service's quota,
// measured on the document as loaded (an overlay's own indentation
// counts: minify a policy written near its quota).
func resourcePolicySize(a arn.ARN, p *policy.Policy) (msg string, over bool) {
	q, ok := quotaOf(a)
	if !ok {
		return "", false
	}
	src := p.Source()
	n, unit := len(src), "byte"
	if q.chars {
		n, unit = policy.Size(src, true), "character"
	}
	if n <= q.limit {
		return "", false
	}
	return fmt.Sprintf("the %s of %s is %d %ss, over %s's %d-%s quota (%s; white space counted, as loaded): %s never stored it",
		q.what, a, n, unit, q.service, q.limit, unit, q.source, q.service), true
}
