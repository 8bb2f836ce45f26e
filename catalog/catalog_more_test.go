package catalog

import (
	"testing"
)

func TestResourceTypesAndARNs(t *testing.T) {
	rt, ok := LookupResourceType("s3", "bucket")
	if !ok || len(rt.ARNs) != 1 || rt.ARNs[0] != "arn:${Partition}:s3:::${BucketName}" {
		t.Fatalf("s3 bucket = %+v, %t", rt, ok)
	}
	a, ok := LookupAction("iam", "passrole")
	if !ok || a.Name != "PassRole" || len(a.Resources) != 1 || a.Resources[0].Type != "role" || !a.Resources[0].Required {
		t.Fatalf("iam:PassRole = %+v", a)
	}
	if !a.SupportsKey("iam:PassedToService") || a.SupportsKey("s3:prefix") {
		t.Errorf("iam:PassRole keys wrong: %v", a.ConditionKeys)
	}
	// An ARN format with two alternatives is split in two.
	rt, ok = LookupResourceType("apigateway", "Authorizers")
	if ok && len(rt.ARNs) < 2 {
		t.Errorf("apigateway Authorizers ARNs = %v", rt.ARNs)
	}
	if len(ResourceTypes("nosuchservice")) != 0 || len(ResourceTypes("s3")) < 5 {
		t.Errorf("ResourceTypes wrong")
	}
}

func TestConditionKeys(t *testing.T) {
	tests := []struct {
		reason, key string
		typ         KeyType
		global, ok  bool
	}{
		{"a global key, other letter case", "AWS:SourceIP", IPAddress, true, true},
		{"a global tag key with its tag", "aws:ResourceTag/team", String, true, true},
		{"a global multivalued key", "aws:TagKeys", ArrayOfString, true, true},
		{"a service key", "s3:prefix", String, false, true},
		{"a service key with a <key> placeholder", "s3:ExistingObjectTag/owner", String, false, true},
		{"an identity provider's key", "token.actions.githubusercontent.com:sub", String, false, true},
		{"an identity provider's key with a template prefix", "github.com/enterprises/acme:actor", String, false, true},
		{"a misspelt global key", "aws:SourceIpp", "", false, false},
		{"a misspelt service key", "s3:prefixx", "", false, false},
		{"a tag key with no tag", "aws:ResourceTag/", "", false, false},
	}
	for _, tt := range tests {
		k, ok := LookupKey(tt.key)
		if ok != tt.ok || (ok && (k.Type != tt.typ || k.Global() != tt.global)) {
			t.Errorf("%s: LookupKey(%q) = %+v, %t", tt.reason, tt.key, k, ok)
		}
	}
	if !ArrayOfString.Multivalued() || String.Multivalued() || ArrayOfARN.Elem() != ARN {
		t.Errorf("KeyType methods wrong")
	}
	if !KeyPrefixKnown("accounts.google.com") || KeyPrefixKnown("nosuch") {
		t.Errorf("KeyPrefixKnown wrong")
	}
}

func TestRCPServices(t *testing.T) {
	if !RCPSupported("s3") || !RCPSupported("sts") || RCPSupported("ec2") {
		t.Errorf("RCP services: s3 %t sts %t ec2 %t", RCPSupported("s3"), RCPSupported("sts"), RCPSupported("ec2"))
	}
	if ServiceName("s3") != "Amazon S3" {
		t.Errorf("ServiceName(s3) = %q", ServiceName("s3"))
	}
}

// BenchmarkLoad measures the first use of the catalog: decompressing and
// indexing it, then parsing one service.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		load()
		s := cat.services["s3"]
		s.parse()
	}
}

// BenchmarkLoadAllServices measures parsing every service too.
func BenchmarkLoadAllServices(b *testing.B) {
	for b.Loop() {
		load()
		for _, s := range cat.services {
			s.parse()
		}
	}
}
