// Package workload is the benchmark workload of issue 4, shared by the
// engine's own benchmarks (evaluate/bench_test.go) and the peer comparison
// (the bench module): a role session asks s3:GetObject on a photo; the
// policy allows s3:GetObject on photos/* and denies it when aws:userid is
// not the application's.
package workload

import (
	"fmt"
	"strings"
)

// The request of the workload.
const (
	Session   = "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123"
	Role      = "arn:aws:iam::111111111111:role/PhotoReader"
	Account   = "111111111111"
	Action    = "s3:GetObject"
	Photo     = "arn:aws:s3:::photos/2024/cat.jpg"
	AppUserID = "AROAEXAMPLEID:i-0abc123"
)

// Small is the small policy: the two statements of the workload.
const Small = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"},
    {"Sid": "OnlyTheApp", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*",
     "Condition": {"StringNotEquals": {"aws:userid": "AROAEXAMPLEID:i-0abc123"}}}
  ]
}`

// Policy returns the workload's policy of n statements: Small for n <= 2,
// otherwise n-2 other statements (half of them s3:GetObject on other
// buckets, half other actions on DynamoDB tables) before the two of Small.
func Policy(n int) string {
	if n <= 2 {
		return Small
	}
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := 0; i < n-2; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-%d/*"},`, i)
		} else {
			fmt.Fprintf(&b, `{"Effect":"Allow","Action":["ec2:DescribeInstances","dynamodb:GetItem"],"Resource":"arn:aws:dynamodb:us-east-1:111111111111:table/t%d"},`, i)
		}
	}
	b.WriteString(`{"Sid":"ReadPhotos","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"},`)
	b.WriteString(`{"Sid":"OnlyTheApp","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*","Condition":{"StringNotEquals":{"aws:userid":"AROAEXAMPLEID:i-0abc123"}}}]}`)
	return b.String()
}
