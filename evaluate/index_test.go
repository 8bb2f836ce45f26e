package evaluate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/policy"
)

var (
	genActions   = []string{"s3:GetObject", "s3:getobject", "s3:Get*", "s3:*", "*", "ec2:DescribeInstances", "ec2:Describe*", "s?:GetObject", "*:GetObject", "dynamodb:GetItem", "iam:PassRole"}
	genResources = []string{"*", "arn:aws:s3:::photos/*", "arn:aws:s3:::photos", "arn:aws:s3:::photos/2024/*", "arn:aws:s3:::photo*", "arn:aws:s3:::other/*",
		"arn:aws:s3:::photos/${aws:username}/*", "arn:aws:ec2:*:111111111111:instance/*", "arn:aws:ec2:us-east-1:111111111111:instance/i-1",
		"arn:aws:dynamodb:us-east-1:111111111111:table/t", "arn:aws:s3:::photos/2024/cat.jpg", "arn:aws:iam::111111111111:role/app"}
	genRequests = []struct{ action, resource string }{
		{"s3:GetObject", "arn:aws:s3:::photos/2024/cat.jpg"}, {"s3:GetObject", "arn:aws:s3:::photos/alice/x"},
		{"s3:ListBucket", "arn:aws:s3:::photos"}, {"ec2:DescribeInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-1"},
		{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111111111111:table/t"}, {"iam:PassRole", "arn:aws:iam::111111111111:role/app"},
		{"s3:PutObject", "arn:aws:s3:::other/a"}, {"sqs:SendMessage", "*"},
	}
)

// randomPolicy writes n statements drawn from the vocabularies above.
func randomPolicy(rng *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		effect := "Allow"
		if rng.IntN(5) == 0 {
			effect = "Deny"
		}
		actKey, resKey := "Action", "Resource"
		if rng.IntN(8) == 0 {
			actKey = "NotAction"
		}
		if rng.IntN(8) == 0 {
			resKey = "NotResource"
		}
		acts := []string{pick(genActions)}
		if rng.IntN(3) == 0 {
			acts = append(acts, pick(genActions))
		}
		res := []string{pick(genResources)}
		if rng.IntN(3) == 0 {
			res = append(res, pick(genResources))
		}
		fmt.Fprintf(&b, `{"Effect":%q,%q:%s,%q:%s}`, effect, actKey, jsonList(acts), resKey, jsonList(res))
	}
	b.WriteString("]}")
	return b.String()
}

func jsonList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// TestIndexAgreesWithScan checks that the statement index only filters:
// over random large policies and requests, the indexed decision and
// explanation equal those of a full scan.
func TestIndexAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		src := randomPolicy(rng, indexThreshold+rng.IntN(40))
		pol, err := policy.ParseString("random.json", src)
		if err != nil {
			t.Fatalf("generated policy does not parse: %v\n%s", err, src)
		}
		// The index is the subject, not whether AWS would store the
		// generated policy: compile it unchecked.
		indexed, _ := CompileUnchecked(Policies{Identity: []*policy.Policy{pol}})
		if indexed.identityRules.idx == nil {
			t.Fatal("large policy has no index")
		}
		scanned, _ := CompileUnchecked(Policies{Identity: []*policy.Policy{pol}})
		scanned.identityRules.idx = nil
		for _, rq := range genRequests {
			req, err := Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: rq.action, Resource: rq.resource, ResourceAccount: "111111111111"}.Prepare()
			if err != nil {
				t.Fatal(err)
			}
			if a, b := indexed.Decide(req), scanned.Decide(req); a != b {
				t.Fatalf("trial %d %v: indexed %v, scan %v\n%s", trial, rq, a, b, src)
			}
			if diff := cmp.Diff(scanned.Explain(req), indexed.Explain(req)); diff != "" {
				t.Fatalf("trial %d %v: explanation differs (-scan +indexed):\n%s", trial, rq, diff)
			}
		}
	}
}

// TestARNHead: the head of an ARN is its text up to the first '/' or ':'
// of the resource part (the sixth component); without one it is the whole
// ARN, which an index can file only as an exact resource.
func TestARNHead(t *testing.T) {
	for _, tc := range []struct {
		arn, head string
		complete  bool
	}{
		{"arn:aws:s3:::photos/2024/cat.jpg", "arn:aws:s3:::photos/", true},
		{"arn:aws:dynamodb:us-east-1:111111111111:table/t1", "arn:aws:dynamodb:us-east-1:111111111111:table/", true},
		{"arn:aws:sns:us-east-1:111111111111:topic:sub", "arn:aws:sns:us-east-1:111111111111:topic:", true},
		{"arn:aws:s3:::photos", "arn:aws:s3:::photos", false},
		{"arn:aws:s3:::", "arn:aws:s3:::", false},
		{"arn:aws:s3::", "arn:aws:s3::", false},
		{"", "", false},
	} {
		if h, complete := arnHead(tc.arn); h != tc.head || complete != tc.complete {
			t.Errorf("arnHead(%q) = %q, %t; want %q, %t", tc.arn, h, complete, tc.head, tc.complete)
		}
	}
}
