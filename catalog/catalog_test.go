package catalog

import (
	"strings"
	"testing"
)

func TestKnownActions(t *testing.T) {
	tests := []struct {
		reason          string
		prefix, action  string
		want, canonical string
		ok              bool
	}{
		{reason: "a real S3 action", prefix: "s3", action: "GetObject", canonical: "GetObject", ok: true},
		{reason: "letter case does not matter", prefix: "S3", action: "getobject", canonical: "GetObject", ok: true},
		{reason: "a misspelt action", prefix: "s3", action: "GetObjekt"},
		{reason: "STS role assumption", prefix: "sts", action: "AssumeRoleWithSAML", canonical: "AssumeRoleWithSAML", ok: true},
		{reason: "an unknown service", prefix: "nosuchservice", action: "GetObject"},
	}
	for _, tt := range tests {
		got, ok := Action(tt.prefix, tt.action)
		if ok != tt.ok || got != tt.canonical {
			t.Errorf("%s: Action(%q, %q) = %q, %t; want %q, %t", tt.reason, tt.prefix, tt.action, got, ok, tt.canonical, tt.ok)
		}
	}
}

func TestCatalogIsComplete(t *testing.T) {
	if n := len(Services()); n < 300 {
		t.Errorf("the catalog lists %d services, want the full set (over 300)", n)
	}
	for _, svc := range []string{"s3", "ec2", "iam", "sts", "kms", "dynamodb", "lambda"} {
		if !KnownService(svc) || len(Actions(svc)) < 5 {
			t.Errorf("service %s missing or nearly empty: %d actions", svc, len(Actions(svc)))
		}
	}
	if v := Version(); !strings.HasPrefix(v, "0.") {
		t.Errorf("Version() = %q", v)
	}
}

func TestNoAllocationsAfterLoad(t *testing.T) {
	Action("s3", "GetObject")
	if n := testing.AllocsPerRun(100, func() { Action("s3", "getobject") }); n != 0 {
		t.Errorf("Action allocates %v times", n)
	}
}
