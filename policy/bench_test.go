package policy

import (
	"fmt"
	"strings"
	"testing"
)

const smallPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadPhotos",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"],
      "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}, "Bool": {"aws:SecureTransport": "true"}}
    }
  ]
}`

// largePolicy generates a policy of n statements of varied shapes.
func largePolicy(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"Sid": "S%d", "Effect": "Allow", "Action": ["s3:Get*", "ec2:Describe%d"], `+
			`"Resource": ["arn:aws:s3:::bucket-%d/*", "arn:aws:ec2:*:123456789012:instance/i-%d"], `+
			`"Condition": {"StringEquals": {"aws:PrincipalTag/team": "team-%d"}, "IpAddress": {"aws:SourceIp": "10.%d.0.0/16"}}}`,
			i, i, i, i, i, i%256)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct {
		name string
		src  []byte
	}{
		{"small", []byte(smallPolicy)},
		{"large", largePolicy(1000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("bench.json", bc.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	p, err := Parse("bench.json", largePolicy(1000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Validate(Identity)
	}
}

func BenchmarkMatchAction(b *testing.B) {
	p := MustParse("bench.json", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
		"Action": ["ec2:Describe*", "s3:Get*Acl", "s3:ListBucket", "sqs:*"], "Resource": "*"}}`)
	r := &p.Rules()[0]
	b.ReportAllocs()
	for b.Loop() {
		r.MatchAction("s3:getobjectacl")
		r.MatchAction("iam:createuser")
	}
}

func BenchmarkMatchResource(b *testing.B) {
	p := MustParse("bench.json", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
		"Resource": ["arn:aws:s3:::other", "arn:aws:logs:*:*:log-group:*", "arn:aws:s3:::home/${aws:username}/*"]}}`)
	r := &p.Rules()[0]
	vars := mapVars{"aws:username": "bob"}
	b.ReportAllocs()
	for b.Loop() {
		r.MatchResource("arn:aws:s3:::home/bob/2024/a.jpg", vars)
		r.MatchResource("arn:aws:s3:::home/eve/a.jpg", vars)
	}
}
