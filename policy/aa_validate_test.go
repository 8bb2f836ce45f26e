package policy

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// aaFinding returns the first finding of code c that Check reports.
func aaFinding(t *testing.T, kind Kind, src string, c Code) *Finding {
	t.Helper()
	_, fs := Check("p.json", []byte(src), kind)
	i := slices.IndexFunc(fs, func(f *Finding) bool { return f.Code == c })
	if i < 0 {
		return nil
	}
	return fs[i]
}

// TestAAFindingsAtTheirElement checks that Access Analyzer's checks are
// reported at the line and column of the entry they are about.
func TestAAFindingsAtTheirElement(t *testing.T) {
	src := `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["s3:ListBucket", "iam:PassRole"],
    "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:us-east-1::logs"],
    "Condition": {"StringEquals": {"aws:SourceIpp": "x"}}
  }]
}`
	tests := []struct {
		code      Code
		line, col int
	}{
		{CodeARNRegionNotAllowed, 6, 41},
		{CodeInvalidGlobalConditionKey, 7, 36},
	}
	for _, tt := range tests {
		f := aaFinding(t, Identity, src, tt.code)
		if f == nil {
			t.Errorf("%s not reported", tt.code)
			continue
		}
		if f.Pos.Line != tt.line || f.Pos.Column != tt.col {
			t.Errorf("%s at %d:%d, want %d:%d", tt.code, f.Pos.Line, f.Pos.Column, tt.line, tt.col)
		}
	}
}

// TestOIDCFindingsAtTheirClause checks that the OIDC claim checks are
// reported at the condition key they are about, in a trust policy.
func TestOIDCFindingsAtTheirClause(t *testing.T) {
	src := `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
      "StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}
    }
  }]
}`
	for _, tt := range []struct {
		code      Code
		line, col int
	}{
		{CodeConfirmAudienceClaimType, 8, 24},
		{CodeSpecificGitHubRepoAndBranchRecommended, 9, 22},
	} {
		f := aaFinding(t, Trust, src, tt.code)
		if f == nil {
			t.Errorf("%s not reported", tt.code)
			continue
		}
		if f.Pos.Line != tt.line || f.Pos.Column != tt.col {
			t.Errorf("%s at %d:%d, want %d:%d", tt.code, f.Pos.Line, f.Pos.Column, tt.line, tt.col)
		}
	}
}

// TestIssue13Defects pins the defects of issue 13 §4.
func TestIssue13Defects(t *testing.T) {
	// A trust policy with "Principal": {} gets the empty-object suggestion,
	// not an ERROR about its action.
	_, fs := Check("t.json", []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{},"Action":"sts:AssumeRole"}]}`), Trust)
	for _, f := range fs {
		if f.Code == CodeMismatchedActionForPrincipal {
			t.Errorf("Principal {}: %v", f)
		}
	}
	// PASS_ROLE_WITH_STAR_IN_RESOURCE: not on AWS's own SCP and RCP, not
	// with iam:PassedToService.
	for _, c := range []struct {
		kind Kind
		file string
	}{{SCP, "FullAWSAccess.scp.json"}, {RCP, "RCPFullAWSAccess.rcp.json"}} {
		src, err := os.ReadFile(filepath.Join("testdata", "aa_managed", c.file))
		if err != nil {
			t.Fatal(err)
		}
		if _, fs := Check(c.file, src, c.kind); len(fs) != 0 {
			t.Errorf("%s: %v", c.file, fs)
		}
	}
	if f := aaFinding(t, Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}`, CodePassRoleWithStarInResource); f != nil {
		t.Errorf("PassRole with iam:PassedToService: %v", f)
	}
	// EMPTY_ARRAY_PRINCIPAL fires on {"AWS": []}.
	if f := aaFinding(t, Resource, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, CodeEmptyArrayPrincipal); f == nil {
		t.Error("EMPTY_ARRAY_PRINCIPAL not reported")
	}
	// An empty ForAllValues or IfExists list matches when the key is
	// absent: its own code, and a message that does not say "never".
	for _, c := range []struct {
		op   string
		code Code
	}{
		{"ForAllValues:StringEquals", CodeEmptyArrayConditionForAllValues},
		{"StringEqualsIfExists", CodeEmptyArrayConditionIfExists},
		{"ForAnyValue:StringEquals", CodeEmptyArrayConditionForAnyValue},
		{"StringEquals", CodeEmptyArrayCondition},
	} {
		src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"` + c.op + `":{"aws:TagKeys":[]}}}]}`
		f := aaFinding(t, Identity, src, c.code)
		switch {
		case f == nil:
			t.Errorf("%s: %s not reported", c.op, c.code)
		case c.code != CodeEmptyArrayConditionForAnyValue && c.code != CodeEmptyArrayCondition && strings.Contains(f.Message, "never"):
			t.Errorf("%s: %q", c.op, f.Message)
		}
	}
	// Duplicate Sids: an ERROR in IAM's policies, a WARNING elsewhere.
	dup := `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},{"Sid":"A","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`
	if f := aaFinding(t, Resource, dup, CodeUniqueSidsRecommended); f == nil || f.Severity != Warning {
		t.Errorf("bucket policy with duplicate Sids: %v", f)
	}
	if f := aaFinding(t, Resource, dup, CodeUniqueSidsRequired); f != nil {
		t.Errorf("bucket policy with duplicate Sids: %v", f)
	}
}

// TestAWSManagedPolicies checks that iamsim reports on AWS's own managed
// policies only what Access Analyzer reports on them (IAM User Guide,
// "IAM policy validation check reference": the AWS managed policies each
// check names) and iamsim's own warnings.
func TestAWSManagedPolicies(t *testing.T) {
	want := map[string][]Code{
		"AdministratorAccess.identity.json": {CodePassRoleWithStarInActionAndResource, CodeCreateSLRWithStarInActionAndResource, CodeAllowAllActionsOnAllResources},
		"IAMFullAccess.identity.json":       {CodePassRoleWithStarInActionAndResource, CodeCreateSLRWithStarInActionAndResource},
		"PowerUserAccess.identity.json":     {CodeCreateSLRWithStarInResource, CodeAllowWithNotAction},
		"ReadOnlyAccess.identity.json":      {CodePolicySizeExceedsIdentityQuota},
		"SecurityAudit.identity.json":       {CodePolicySizeExceedsIdentityQuota},
		"ViewOnlyAccess.identity.json":      {CodePolicySizeExceedsIdentityQuota},
	}
	// Codes AWS managed policies may carry as AA reports them: actions and
	// services AWS retired (AA's reference lists managed policies with
	// invalid actions) and redundancies.
	tolerated := []Code{CodeInvalidAction, CodeInvalidServiceInAction, CodeRedundantAction, CodeRedundantResource}
	files, _ := filepath.Glob(filepath.Join("testdata", "aa_managed", "*.json"))
	if len(files) < 8 {
		t.Fatalf("%d files", len(files))
	}
	for _, file := range files {
		name := filepath.Base(file)
		place := strings.TrimSuffix(name, ".json")
		kind, err := ParseKind(place[strings.LastIndexByte(place, '.')+1:])
		if err != nil {
			t.Fatal(err)
		}
		src, _ := os.ReadFile(file)
		_, fs := Check(name, src, kind)
		got := map[Code]bool{}
		for _, f := range fs {
			got[f.Code] = true
			if !slices.Contains(want[name], f.Code) && !slices.Contains(tolerated, f.Code) {
				t.Errorf("%v", f)
			}
		}
		for _, c := range want[name] {
			if !got[c] {
				t.Errorf("%s: %s not reported", name, c)
			}
		}
	}
}

// TestOIDCTrustPoliciesStored checks the trust policies AWS and GitHub
// document for web identity federation (GitHub Docs, "Configuring OpenID
// Connect in Amazon Web Services"; Amazon EKS User Guide, "Assign IAM roles
// to Kubernetes service accounts"): no ERROR, in particular no
// UNSUPPORTED_ACTION_FOR_CONDITION_KEY for a provider's claim keys, which
// AssumeRoleWithWebIdentity gives for every OIDC provider.
func TestOIDCTrustPoliciesStored(t *testing.T) {
	for _, src := range []string{
		aaPolicy(`"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}}`),
		aaPolicy(`"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub":"system:serviceaccount:default:my-service-account","oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud":"sts.amazonaws.com"}}`),
	} {
		_, fs := Check("trust.json", []byte(src), Trust)
		for _, f := range fs {
			if f.Severity == Error || f.Code == CodeSpecificGitHubRepoAndBranchRecommended {
				t.Errorf("%v", f)
			}
		}
		if !slices.ContainsFunc(fs, func(f *Finding) bool { return f.Code == CodeConfirmAudienceClaimType }) {
			t.Errorf("no %s: %v", CodeConfirmAudienceClaimType, fs)
		}
	}
}
