package account_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamsim/iamsim/account"
)

// sizedPolicy is a resource policy on resource allowing action, padded in
// a condition value to exactly n bytes, or n characters when pad is a
// two-byte character.
func sizedPolicy(t *testing.T, resource, action string, n int, pad string) string {
	t.Helper()
	doc := func(p string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"` + action +
			`","Resource":"` + resource + `","Condition":{"StringEquals":{"aws:PrincipalTag/team":"` + p + `"}}}]}`
	}
	base := len(doc(""))
	if pad == "a" {
		return doc(strings.Repeat(pad, n-base))
	}
	d := doc(strings.Repeat(pad, n-base))
	if utf8.RuneCountInString(d) != n {
		t.Fatalf("padding: %d characters, want %d", utf8.RuneCountInString(d), n)
	}
	return d
}

// TestResourcePolicyQuotas: a resource-based policy over the size quota
// its service documents was never stored, so it is refused at load with
// the quota and its size (each page in the case's name); one at the quota
// loads. Characters, not bytes, where the service counts characters.
func TestResourcePolicyQuotas(t *testing.T) {
	cases := []struct {
		reason, resource, action string
		limit                    int
		chars                    bool
		want                     string
	}{
		{"Amazon S3 User Guide, Bucket policies and user policies: 20 KB", "arn:aws:s3:::b", "s3:GetObject", 20480, false, "the bucket policy of arn:aws:s3:::b is 20481 bytes, over S3's 20480-byte quota"},
		{"Amazon SQS Developer Guide, Amazon SQS policy quotas: 8,192 bytes", "arn:aws:sqs:us-east-1:111111111111:q", "sqs:SendMessage", 8192, false,
			"the queue policy of arn:aws:sqs:us-east-1:111111111111:q is 8193 bytes, over SQS's 8192-byte quota"},
		{"Amazon SNS Developer Guide, API permissions reference, Policy quotas: 30 kb", "arn:aws:sns:us-east-1:111111111111:t", "sns:Publish", 30720, false,
			"the topic policy of arn:aws:sns:us-east-1:111111111111:t is 30721 bytes, over SNS's 30720-byte quota"},
		{"AWS KMS Developer Guide, Creating a key policy: 32,768 bytes", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "kms:Decrypt", 32768, false,
			"is 32769 bytes, over KMS's 32768-byte quota"},
		{"AWS Lambda Developer Guide, Lambda quotas: function resource-based policy 20 KB", "arn:aws:lambda:us-east-1:111111111111:function:f", "lambda:InvokeFunction", 20480, false,
			"the function policy of arn:aws:lambda:us-east-1:111111111111:function:f is 20481 bytes, over Lambda's 20480-byte quota"},
		{"AWS Secrets Manager API Reference, PutResourcePolicy: 20,480 characters", "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbCdEf", "secretsmanager:GetSecretValue", 20480, true,
			"is 20481 characters, over Secrets Manager's 20480-character quota"},
		{"Amazon ECR API Reference, SetRepositoryPolicy: 10,240 characters", "arn:aws:ecr:us-east-1:111111111111:repository/r", "ecr:BatchGetImage", 10240, true,
			"the repository policy of arn:aws:ecr:us-east-1:111111111111:repository/r is 10241 characters, over ECR's 10240-character quota"},
		{"Amazon DynamoDB API Reference, PutResourcePolicy: 20 KB, white space counted", "arn:aws:dynamodb:us-east-1:111111111111:table/t", "dynamodb:GetItem", 20480, false,
			"is 20481 bytes, over DynamoDB's 20480-byte quota"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			pad := "a"
			if c.chars {
				pad = "é" // two bytes, one character
			}
			overlay := func(doc string) *account.File {
				ov := file("ov.json", `{"resourcePolicies":[{"arn":"`+c.resource+`","account":"111111111111","policy":`+doc+`}]}`)
				return &ov
			}
			at := sizedPolicy(t, c.resource, c.action, c.limit, pad)
			if c.chars && len(at) <= c.limit {
				t.Fatalf("the policy at the quota is only %d bytes: it tells characters from bytes only over %d", len(at), c.limit)
			}
			if _, err := account.Load([]account.File{file("u.json", oneUser)}, overlay(at), account.Options{}); err != nil {
				t.Fatalf("a policy at the quota is refused: %v", err)
			}
			over := overlay(sizedPolicy(t, c.resource, c.action, c.limit+1, pad))
			wantLoadError(t, []account.File{file("u.json", oneUser)}, over, account.Options{}, "ov.json:1:22: resourcePolicies[0]: ", c.want)
			if _, err := account.Load([]account.File{file("u.json", oneUser)}, over, account.Options{}); !errors.Is(err, account.ErrPolicyTooLarge) {
				t.Fatalf("not ErrPolicyTooLarge: %v", err)
			}
		})
	}
}

// countedPolicy is a resource policy on resource of n statements, each
// naming the given actions.
func countedPolicy(resource string, n int, actions ...string) string {
	var st []string
	for i := range n {
		st = append(st, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["%s"],"Resource":"%s"}`,
			i, strings.Join(actions, `","`), resource))
	}
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(st, ",") + `]}`
}

// TestResourcePolicyCountQuotas: the statements of a queue or topic policy
// and the actions of a queue policy's statement are counted too (Amazon SQS
// Developer Guide, "Amazon SQS policy quotas": Statements 20, Actions per
// statement 7; Amazon SNS Developer Guide, "Amazon SNS API permissions:
// Actions and resources reference": Statements 100).
func TestResourcePolicyCountQuotas(t *testing.T) {
	const queue, topic = "arn:aws:sqs:us-east-1:111111111111:q", "arn:aws:sns:us-east-1:111111111111:t"
	seven := []string{"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"}
	cases := []struct {
		reason, resource, doc, want string // want "": loads
	}{
		{"20 statements in a queue policy load", queue, countedPolicy(queue, 20, "sqs:SendMessage"), ""},
		{"21 statements in a queue policy", queue, countedPolicy(queue, 21, "sqs:SendMessage"), "the queue policy of " + queue + " has 21 statements, over SQS's quota of 20"},
		{"7 actions in a queue policy statement load", queue, countedPolicy(queue, 1, seven...), ""},
		{"8 actions in a queue policy statement", queue, countedPolicy(queue, 2, append(seven, "sqs:TagQueue")...), "names 8 actions in Statement[0], over SQS's quota of 7 per statement"},
		{"8 NotAction entries count as actions", queue, strings.Replace(countedPolicy(queue, 1, append(seven, "sqs:TagQueue")...), `"Action"`, `"NotAction"`, 1), "names 8 actions in Statement[0]"},
		{"100 statements in a topic policy load", topic, countedPolicy(topic, 100, "sns:Publish"), ""},
		{"101 statements in a topic policy", topic, countedPolicy(topic, 101, "sns:Publish"), "the topic policy of " + topic + " has 101 statements, over SNS's quota of 100"},
		{"8 actions in a topic policy statement load: SNS documents no such quota", topic, countedPolicy(topic, 1, "sns:Publish", "sns:Subscribe", "sns:Receive",
			"sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:ListSubscriptionsByTopic"), ""},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			ov := file("ov.json", `{"resourcePolicies":[{"arn":"`+c.resource+`","account":"111111111111","policy":`+c.doc+`}]}`)
			set, err := account.Load([]account.File{file("u.json", oneUser)}, &ov, account.Options{})
			if c.want == "" {
				if err != nil || set == nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantLoadError(t, []account.File{file("u.json", oneUser)}, &ov, account.Options{}, "ov.json:1:22: resourcePolicies[0]: ", c.want)
			if !errors.Is(err, account.ErrPolicyTooLarge) {
				t.Fatalf("not ErrPolicyTooLarge: %v", err)
			}
		})
	}
}
