package policy

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// doc writes a version 2012-10-17 policy of the given statements.
func doc(stmts ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ", ") + `]}`
}

const (
	s3Read    = `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}`
	bucketPol = `{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}`
	trustEC2  = `{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`
	scpDeny   = `{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}`
	rcpDeny   = `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`
)

func TestValidateCodes(t *testing.T) {
	tests := []struct {
		code   string
		kind   Kind
		src    string
		want   bool     // whether the code is reported
		sev    Severity // its severity, when reported
		reason string
	}{
		{"MISSING_VERSION", Identity, `{"Statement": ` + s3Read + `}`, true, Error, "a managed policy needs Version 2012-10-17"},
		{"MISSING_VERSION", Resource, `{"Statement": ` + bucketPol + `}`, true, Warning, "a bucket policy without Version is accepted, with variables read literally"},
		{"MISSING_VERSION", Identity, doc(s3Read), false, Error, "Version present"},
		{"INVALID_VERSION", Identity, `{"Version": "2008-10-17", "Statement": ` + s3Read + `}`, true, Error, "managed policies are 2012-10-17 or later"},
		{"INVALID_VERSION", Resource, `{"Version": "2008-10-17", "Statement": ` + bucketPol + `}`, false, Error, "a bucket policy may be 2008-10-17"},
		{"MISSING_VERSION", SCP, `{"Statement": ` + scpDeny + `}`, true, Error, "Organizations, 'SCP syntax' > 'Version element': every SCP must include Version 2012-10-17"},
		{"INVALID_VERSION", SCP, `{"Version": "2008-10-17", "Statement": ` + scpDeny + `}`, true, Error, "an SCP's Version is 2012-10-17"},
		{"VARIABLE_UNSUPPORTED_IN_VERSION", Resource, `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}}`, true, Error, "variables are literal text before 2012-10-17"},
		{"VARIABLE_UNSUPPORTED_IN_VERSION", Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}`), false, Error, "version 2012-10-17 reads variables"},
		{"UNSUPPORTED_PRINCIPAL", Identity, doc(bucketPol), true, Error, "an identity policy names no principal"},
		{"SCP_SYNTAX_ERROR_PRINCIPAL", SCP, doc(`{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}`), true, Error, "an SCP names no principal"},
		{"UNSUPPORTED_PRINCIPAL", Resource, doc(bucketPol), false, Error, "a resource policy does"},
		{"MISSING_PRINCIPAL", Resource, doc(s3Read), true, Error, "a resource policy statement needs a principal"},
		{"MISSING_PRINCIPAL", Trust, doc(`{"Effect": "Allow", "Action": "sts:AssumeRole"}`), true, Error, "a trust policy statement needs a principal"},
		{"MISSING_PRINCIPAL", Resource, doc(bucketPol), false, Error, "it has one"},
		{"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Trust, doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}`), true, Error, "trust policies do not support NotPrincipal"},
		{"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", Resource, doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`), false, Error, "bucket policies do"},
		{"ALLOW_WITH_NOT_PRINCIPAL", Resource, doc(`{"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`), true, SecurityWarning, "Allow with NotPrincipal grants everyone else"},
		{"ALLOW_WITH_NOT_PRINCIPAL", Resource, doc(`{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`), false, Error, "Deny with NotPrincipal is the supported use"},
		{"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Trust, doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`), true, Error, "a trust policy has no Resource"},
		{"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", Trust, doc(trustEC2), false, Error, "without Resource"},
		{"MISSING_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject"}`), true, Error, "an identity policy statement needs Resource"},
		{"MISSING_RESOURCE", InlineRole, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::x"}`), false, Error, "NotResource will do"},
		{"MISSING_RESOURCE", Trust, doc(trustEC2), false, Error, "not in a trust policy"},
		{"MISSING_RESOURCE", Resource, doc(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}`), false, Error, "an ECR repository policy's statements govern the repository"},
		{"MISSING_RESOURCE", Resource, doc(`{"Effect": "Deny", "Principal": "*", "Action": "ECR:*"}`), false, Error, "ecr:* in any case is ECR's"},
		{"MISSING_RESOURCE", Resource, doc(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": ["ecr:BatchGetImage", "s3:GetObject"]}`), true, Error, "an S3 action needs its bucket named"},
		{"MISSING_RESOURCE", Resource, doc(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "*"}`), true, Error, "every action is not ECR's"},
		{"MISSING_RESOURCE", Resource, doc(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "NotAction": "ecr:DeleteRepository"}`), true, Error, "NotAction reaches every service"},
		{"MISSING_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "ecr:BatchGetImage"}`), true, Error, "an identity policy names its resources, ECR's too"},
		{"UNSUPPORTED_SID", Identity, doc(`{"Sid": "read-photos", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), true, Error, "IAM Sids are alphanumeric"},
		{"UNSUPPORTED_SID", Resource, doc(`{"Sid": "read-photos", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`), false, Error, "bucket policy Sids may hold more"},
		{"UNSUPPORTED_SID", Identity, doc(`{"Sid": "ReadPhotos2", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), false, Error, "alphanumeric"},
		{"MISMATCHED_ACTION_FOR_PRINCIPAL", Trust, doc(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/idp"}, "Action": "sts:AssumeRoleWithWebIdentity"}`), true, Error, "a SAML provider goes with AssumeRoleWithSAML"},
		{"MISMATCHED_ACTION_FOR_PRINCIPAL", Trust, doc(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/idp"}, "Action": "sts:AssumeRoleWithSAML"}`), false, Error, "it does"},
		{"MISMATCHED_ACTION_FOR_PRINCIPAL", Trust, doc(`{"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "NotAction": "sts:AssumeRoleWithSAML"}`), false, Error, "with NotAction the listed action is not granted"},
		{"TRUST_POLICY_NON_STS_ACTION", Trust, doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["sts:AssumeRole", "s3:GetObject"]}`), true, Warning, "a trust policy governs sts: actions"},
		{"TRUST_POLICY_NON_STS_ACTION", Trust, doc(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["STS:AssumeRole", "STS:TagSession"]}`), false, Error, "actions are case-insensitive: STS: is sts:"},
		{"TRUST_POLICY_ALLOWS_ANY_PRINCIPAL", Trust, doc(`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}`), true, SecurityWarning, "anyone can assume the role"},
		{"TRUST_POLICY_ALLOWS_ANY_PRINCIPAL", Trust, doc(`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}`), false, Error, "a condition narrows it"},
		{"RCP_SYNTAX_ERROR_PRINCIPAL", RCP, doc(`{"Effect": "Deny", "Principal": {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}`), true, Error, "RCP principals are *"},
		{"RCP_SYNTAX_ERROR_PRINCIPAL", RCP, doc(rcpDeny), false, Error, "*"},
		{"RCP_SYNTAX_ERROR_NOTACTION", RCP, doc(`{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}`), true, Error, "RCPs have no NotAction"},
		{"RCP_SYNTAX_ERROR_NOTACTION", RCP, doc(rcpDeny), false, Error, "Action"},
		{"RCP_SYNTAX_ERROR_ALLOW", RCP, doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}`), true, Error, "Allow only as RCPFullAWSAccess"},
		{"RCP_SYNTAX_ERROR_ALLOW", RCP, doc(`{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`), false, Error, "RCPFullAWSAccess"},
		{"RCP_STAR_ACTION", RCP, doc(`{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}`), true, Error, "no * action in a customer RCP"},
		{"RCP_STAR_ACTION", RCP, doc(rcpDeny), false, Error, "s3:*"},
		{"ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES", Identity, doc(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`), true, SecurityWarning, "administrator access"},
		{"ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES", Identity, doc(`{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`), false, Error, "conditioned"},
		{"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "iam:Pass*", "Resource": "*"}`), true, SecurityWarning, "pass any role"},
		{"PASS_ROLE_WITH_STAR_IN_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app"}`), false, Error, "named roles"},
		{"ALLOW_WITH_NOT_ACTION", Identity, doc(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), true, Warning, "grants every other action"},
		{"ALLOW_WITH_NOT_ACTION", Identity, doc(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}`), false, Error, "Deny"},
		{"ALLOW_WITH_NOT_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"}`), true, Warning, "grants every other resource"},
		{"ALLOW_WITH_NOT_RESOURCE", Identity, doc(`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"}`), false, Error, "Deny"},
		{"PUBLIC_ACCESS", Resource, doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}`), true, SecurityWarning, "anyone"},
		{"PUBLIC_ACCESS", Resource, doc(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}`), false, Error, "narrowed to an organization"},
		{"FORALLVALUES_WITH_SINGLE_VALUED_KEY", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-1"}}}`), true, SecurityWarning, "true when the key is absent"},
		{"FORALLVALUES_WITH_SINGLE_VALUED_KEY", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": "team"}}}`), false, Error, "multivalued key"},
		{"FOR_ANY_VALUE_WITH_SINGLE_VALUED_KEY", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:username": "bob"}}}`), true, Warning, "not needed"},
		{"FOR_ANY_VALUE_WITH_SINGLE_VALUED_KEY", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "bob"}}}`), false, Error, "plain operator"},
		{"MISSING_QUALIFIER", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}}}`), true, Error, "aws:TagKeys holds several values"},
		{"MISSING_QUALIFIER", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}}`), false, Error, "qualified"},
		{"REDUNDANT_ACTION", Identity, doc(`{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}`), true, Suggestion, "covered by a wildcard"},
		{"REDUNDANT_ACTION", Identity, doc(`{"Effect": "Allow", "Action": ["s3:GetObject", "S3:GETOBJECT"], "Resource": "*"}`), true, Suggestion, "the same action in another case"},
		{"REDUNDANT_ACTION", Identity, doc(`{"Effect": "Allow", "Action": ["s3:Get*", "s3:PutObject"], "Resource": "*"}`), false, Error, "distinct"},
		{"REDUNDANT_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x"]}`), true, Suggestion, "covered"},
		{"REDUNDANT_RESOURCE", Identity, doc(`{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b"]}`), false, Error, "the bucket is not an object"},
		{"REDUNDANT_STATEMENT", Identity, doc(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Sid": "B", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}`), true, Suggestion, "the same statement, Sid aside"},
		{"REDUNDANT_STATEMENT", Identity, doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}`), false, Error, "different effects"},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/%s/%v", tt.code, tt.kind, tt.want)
		t.Run(name, func(t *testing.T) {
			p, err := ParseString("v.json", tt.src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var found []*Finding
			for _, f := range p.Validate(tt.kind) {
				if string(f.Code) == tt.code {
					found = append(found, f)
				}
			}
			switch {
			case tt.want && len(found) == 0:
				t.Errorf("%s: no %s finding; got %v", tt.reason, tt.code, p.Validate(tt.kind))
			case !tt.want && len(found) > 0:
				t.Errorf("%s: unexpected %v", tt.reason, found)
			case tt.want && found[0].Severity != tt.sev:
				t.Errorf("%s: severity %v, want %v", tt.reason, found[0].Severity, tt.sev)
			}
		})
	}
}

// TestValidateOrder checks that Validate returns Parse's findings and its
// own, sorted by offset, and leaves the policy's findings alone.
func TestValidateOrder(t *testing.T) {
	p := MustParse("o.json", "{\n\"Statement\": [\n"+
		`{"Effect": "Allow", "Principal": "*", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*", "Condition": {"NumericEquals": {"s3:max-keys": "x"}}}`+
		"\n]}")
	fs := p.Validate(Resource)
	var codes []string
	for i, f := range fs {
		codes = append(codes, string(f.Code))
		if i > 0 && f.Pos.Offset < fs[i-1].Pos.Offset {
			t.Errorf("%v before %v", fs[i-1], f)
		}
	}
	want := "MISSING_VERSION REDUNDANT_ACTION UNSUPPORTED_ACTION_FOR_CONDITION_KEY TYPE_MISMATCH_NUMBER"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("codes %s, want %s", got, want)
	}
	if n := len(p.Findings()); n != 1 {
		t.Errorf("Validate changed Policy.Findings: %d findings", n)
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		src    string
		ws     bool
		want   int
		reason string
	}{
		{`{"a": "b"}`, false, 9, "the space after the colon is not counted"},
		{`{"a": "b"}`, true, 10, "SCPs count it"},
		{"{\n\t\"a\" :\r\n \"b c\"\n}", false, 11, "space, tab, CR and LF outside strings are left out; inside they count"},
		{"{\n\t\"a\" :\r\n \"b c\"\n}", true, 18, "all counted"},
		{`{"é": "€"}`, false, 9, "characters, not bytes"},
		{`{"a\"b": "\u00e9"}`, false, 17, "escapes count as written; an escaped quote does not end the string"},
		{``, false, 0, "empty"},
	}
	for _, tt := range tests {
		if got := Size([]byte(tt.src), tt.ws); got != tt.want {
			t.Errorf("Size(%q, %v) = %d, want %d: %s", tt.src, tt.ws, got, tt.want, tt.reason)
		}
	}
}

// TestValidateSizeQuota builds, for every kind with a quota, a policy of
// exactly the quota (accepted) and one character over (rejected), both with
// white space that the quota does or does not count.
func TestValidateSizeQuota(t *testing.T) {
	bases := map[Kind]string{
		Identity: s3Read, InlineUser: s3Read, InlineGroup: s3Read, InlineRole: s3Read, Boundary: s3Read,
		Session: s3Read, Resource: bucketPol, Trust: trustEC2, SCP: scpDeny, RCP: rcpDeny, VPCE: bucketPol,
	}
	for kind := Kind(0); kind < numKinds; kind++ {
		limit, ws := kind.SizeQuota()
		base, ok := bases[kind]
		if !ok || limit == 0 {
			t.Errorf("kind %v: no base statement or no quota", kind)
			continue
		}
		for _, over := range []int{0, 1} {
			// The Id pads the policy to limit+over counted characters; the
			// indentation is white space outside strings.
			head := "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [" + base + "],\n    \"Id\": \""
			n := Size([]byte(head+"\"}"), ws)
			src := head + strings.Repeat("x", limit+over-n) + "\"}"
			if got := Size([]byte(src), ws); got != limit+over {
				t.Fatalf("kind %v: built a policy of %d, want %d", kind, got, limit+over)
			}
			p, err := ParseString("size.json", src)
			if err != nil {
				t.Fatal(err)
			}
			var sized []*Finding
			for _, f := range p.Validate(kind) {
				if strings.HasPrefix(string(f.Code), "POLICY_SIZE_EXCEEDS_") {
					sized = append(sized, f)
				} else if f.Severity == Error {
					t.Errorf("kind %v: unexpected %v", kind, f)
				}
			}
			if got := len(sized) > 0; got != (over == 1) {
				t.Errorf("kind %v, %d characters over the %d quota (white space counted: %v): POLICY_SIZE_EXCEEDED %v", kind, over, limit, ws, sized)
			}
			if over == 1 && len(sized) > 0 && sized[0].Pos.IsValid() {
				t.Errorf("the size finding has a position: %v", sized[0].Pos)
			}
		}
	}
	// AWS Organizations User Guide, "Quotas for AWS Organizations": "Service
	// control policies: 5,120 characters", "Resource control policies: 5,120
	// characters".
	if limit, ws := SCP.SizeQuota(); limit != 5120 || !ws {
		t.Errorf("SCP quota %d, %v; want 5120 counting white space", limit, ws)
	}
	if limit, ws := RCP.SizeQuota(); limit != 5120 || !ws {
		t.Errorf("RCP quota %d, %v; want 5120 counting white space", limit, ws)
	}
	if limit, ws := Identity.SizeQuota(); limit != 6144 || ws {
		t.Errorf("managed policy quota %d, %v; want 6144 without white space", limit, ws)
	}
}

func TestKindText(t *testing.T) {
	for k := Kind(0); k < numKinds; k++ {
		b, _ := k.MarshalText()
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("kind %v: round trip gave %v, %v", k, back, err)
		}
	}
	if _, err := ParseKind("managed"); err == nil {
		t.Error("ParseKind accepted an unknown kind")
	}
}

func TestCheck(t *testing.T) {
	p, fs := Check("c.json", []byte(`{"Statement": {"Effect": "allow", "Action": "s3:x", "Resource": "*"}}`), Identity)
	// The misspelt action is reported although the statement has another
	// error (issue 9: check reports an invalid action even then).
	if p != nil || len(fs) != 2 || fs[0].Code != CodeInvalidEffect || fs[1].Code != CodeInvalidAction || !HasErrors(fs) {
		t.Errorf("Check of an invalid policy: %v %v", p, fs)
	}
	p, fs = Check("c.json", []byte(doc(s3Read)), Identity)
	if p == nil || HasErrors(fs) {
		t.Errorf("Check of a valid policy: %v", fs)
	}
}

// TestRedundantResourcePosition checks that REDUNDANT_RESOURCE is reported
// at the redundant ARN, as REDUNDANT_ACTION is at the redundant action (IAM
// User Guide, "IAM Access Analyzer policy check reference" > "Suggestion –
// Redundant resource": the role/jane-admin and role/jane-s3only ARNs that
// role/jane* covers are the ones to remove).
func TestRedundantResourcePosition(t *testing.T) {
	src := "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"iam:GetRole\", \"Resource\": [\n" +
		"  \"arn:aws:iam::111122223333:role/jane-admin\",\n" +
		"  \"arn:aws:iam::111122223333:role/jane*\"]}}"
	_, fs := Check("p.json", []byte(src), Identity)
	for _, f := range fs {
		if f.Code == CodeRedundantResource {
			if f.Pos.Line != 2 || f.Pos.Column != 3 {
				t.Errorf("REDUNDANT_RESOURCE at %d:%d, want 2:3 (the redundant ARN)", f.Pos.Line, f.Pos.Column)
			}
			return
		}
	}
	t.Fatalf("no REDUNDANT_RESOURCE: %v", fs)
}

// TestImproveIPRangePosition checks that IMPROVE_IP_RANGE is reported at
// the CIDR block it is about, as TYPE_MISMATCH_IP_RANGE is (IAM User Guide,
// "IAM Access Analyzer policy check reference" > "Suggestion – Improve IP
// range": "The non-zero bits in the IP address after the masked bits are
// ignored. Replace address with {{value}}", one value).
func TestImproveIPRangePosition(t *testing.T) {
	src := "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\",\n" +
		"  \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\n" +
		"    \"203.0.113.0/24\",\n" +
		"    \"198.51.100.7/24\"]}}}}"
	_, fs := Check("p.json", []byte(src), Identity)
	for _, f := range fs {
		if f.Code == CodeImproveIPRange {
			if f.Pos.Line != 4 || f.Pos.Column != 5 {
				t.Errorf("IMPROVE_IP_RANGE at %d:%d, want 4:5 (the value)", f.Pos.Line, f.Pos.Column)
			}
			return
		}
	}
	t.Fatalf("no IMPROVE_IP_RANGE: %v", fs)
}

// TestVariableUnsupportedInVersionPosition checks that
// VARIABLE_UNSUPPORTED_IN_VERSION is reported at each value that holds a
// variable read as literal text, as the other variable findings
// (MISSING_BRACE_IN_VARIABLE, MISSING_QUOTE_IN_VARIABLE) are: IAM User
// Guide, "IAM JSON policy elements: Version" ("variables such as
// ${aws:username} aren't recognized as variables and are instead treated
// as literal strings in the policy"); "IAM Access Analyzer policy check
// reference" > "Error – Variable unsupported in version".
func TestVariableUnsupportedInVersionPosition(t *testing.T) {
	src := "{\"Version\": \"2008-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\",\n" +
		"  \"Resource\": \"arn:aws:s3:::b/${aws:userid}/*\",\n" +
		"  \"Condition\": {\"StringLike\": {\"s3:prefix\": [\"a\", \"${aws:userid}/*\"]}}}}"
	_, fs := Check("p.json", []byte(src), Resource)
	var got []string
	for _, f := range fs {
		if f.Code == CodeVariableUnsupportedInVersion {
			got = append(got, fmt.Sprintf("%d:%d", f.Pos.Line, f.Pos.Column))
		}
	}
	if want := []string{"2:15", "3:51"}; !slices.Equal(got, want) {
		t.Errorf("VARIABLE_UNSUPPORTED_IN_VERSION at %v, want %v (the values that hold a variable)", got, want)
	}
}

// TestPrincipalFindingsAtTheirPrincipal checks that the Access Analyzer
// findings about one principal entry are reported at that entry, as the
// principal format errors of Parse are (IAM User Guide, "IAM Access
// Analyzer policy check reference": "Error – Federated principal not
// supported", "General Warning – Invalid role reference", "Suggestion –
// Redundant principal in role trust policy").
func TestPrincipalFindingsAtTheirPrincipal(t *testing.T) {
	for _, tt := range []struct {
		kind      Kind
		principal string
		code      Code
		col       int
	}{
		{Resource, `{"Federated": "cognito-identity.amazonaws.com"}`, CodeFederatedPrincipalNotSupported, 30},
		{Resource, `{"AWS": ["111122223333", "AROAJQABLZS4A3QDU576Q"]}`, CodeInvalidRoleReference, 41},
		{Trust, `{"AWS": ["arn:aws:iam::111122223333:role/Deploy", "arn:aws:sts::111122223333:assumed-role/Deploy/ci"]}`, CodeRedundantPrincipalInRoleTrustPolicy, 66},
	} {
		rest := `, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}`
		if tt.kind == Trust {
			rest = `, "Action": "sts:AssumeRole"}}`
		}
		src := "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\",\n  \"Principal\": " + tt.principal + rest
		_, fs := Check("p.json", []byte(src), tt.kind)
		var f *Finding
		for _, g := range fs {
			if g.Code == tt.code {
				f = g
			}
		}
		if f == nil {
			t.Errorf("%s not reported: %v", tt.code, fs)
			continue
		}
		if f.Pos.Line != 2 || f.Pos.Column != tt.col {
			t.Errorf("%s at %d:%d, want 2:%d (the principal it is about)", tt.code, f.Pos.Line, f.Pos.Column, tt.col)
		}
	}
}
