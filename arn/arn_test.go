package arn

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		in                                  string
		reason                              string
		partition, service, region, account string
		resource                            string
	}{
		{"arn:aws:iam::111111111111:user/alice", "plain IAM user", "aws", "iam", "", "111111111111", "user/alice"},
		{"arn:aws:s3:::my-bucket/key/with:colon", "S3 has no region or account; resource may contain '/' and ':'", "aws", "s3", "", "", "my-bucket/key/with:colon"},
		{"arn:aws:lambda:us-east-1:123456789012:function:my-fn:1", "resource-type:resource-id:qualifier form", "aws", "lambda", "us-east-1", "123456789012", "function:my-fn:1"},
		{"arn:aws:iam::aws:policy/AdministratorAccess", "AWS managed policy uses account \"aws\"", "aws", "iam", "", "aws", "policy/AdministratorAccess"},
		{"arn:aws-cn:ec2:cn-north-1:123456789012:vpc/vpc-1", "China partition", "aws-cn", "ec2", "cn-north-1", "123456789012", "vpc/vpc-1"},
		{"arn:aws-us-gov:sns:us-gov-west-1:123456789012:topic", "GovCloud partition", "aws-us-gov", "sns", "us-gov-west-1", "123456789012", "topic"},
		{"arn:aws-iso-f:s3:::b", "isolated partition", "aws-iso-f", "s3", "", "", "b"},
		{"arn:aws-eusc:s3:::b", "European Sovereign Cloud partition", "aws-eusc", "s3", "", "", "b"},
		{"arn:aws:s3:::ünïcode", "non-ASCII UTF-8 is allowed in the resource", "aws", "s3", "", "", "ünïcode"},
		{"arn:aws:iam::111111111111::", "resource is everything after the fifth colon, even a lone colon", "aws", "iam", "", "111111111111", ":"},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) (%s): unexpected error %v", tt.in, tt.reason, err)
			continue
		}
		if !a.IsValid() {
			t.Errorf("Parse(%q) (%s): IsValid = false", tt.in, tt.reason)
		}
		if got := a.String(); got != tt.in {
			t.Errorf("Parse(%q).String() = %q (%s)", tt.in, got, tt.reason)
		}
		got := [5]string{a.Partition(), a.Service(), a.Region(), a.Account(), a.Resource()}
		want := [5]string{tt.partition, tt.service, tt.region, tt.account, tt.resource}
		if got != want {
			t.Errorf("Parse(%q) fields = %q, want %q (%s)", tt.in, got, want, tt.reason)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		in      string
		reason  string
		offset  int
		msgPart string
	}{
		{"", "empty input", 0, `missing "arn:" prefix`},
		{"arx:aws:s3:::b", "wrong prefix points at first differing byte", 2, `missing "arn:" prefix`},
		{"ARN:aws:s3:::b", "prefix is case-sensitive", 0, `missing "arn:" prefix`},
		{"arn:aws:s3::b", "only five fields", 13, "too few fields"},
		{"arn:aws:s3:::", "empty resource", 13, "empty resource"},
		{"arn:amazon:s3:::x", "unknown partition", 4, `invalid partition "amazon"`},
		{"arn::s3:::x", "empty partition", 4, `invalid partition ""`},
		{"arn:aws::::x", "empty service", 8, "empty service"},
		{"arn:aws:S3:::x", "upper-case service", 8, "invalid character 'S' in service"},
		{"arn:aws:s3:us_east_1::x", "underscore in region", 13, "invalid character '_' in region"},
		{"arn:aws:iam::12345678901:user/a", "11-digit account", 13, "invalid account ID"},
		{"arn:aws:iam::1234-5678-9012:user/a", "hyphenated account", 13, "invalid account ID"},
		{"arn:aws:iam::AWS:policy/x", "account literal is lower-case aws only", 13, "invalid account ID"},
		{"arn:aws:s3:::bucket/*", "wildcard * in resource", 20, "wildcard '*'"},
		{"arn:aws:s3:::b?cket", "wildcard ? in resource", 14, "wildcard '?'"},
		{"arn:aws:iam::*:root", "wildcard in account is reported as wildcard", 13, "wildcard '*'"},
		{"arn:aws:s3:::a\nb", "control character in resource", 14, "control character"},
		{"arn:aws:s3:::a\xffb", "invalid UTF-8 in resource", 14, "invalid UTF-8"},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) (%s) = %v, want error", tt.in, tt.reason, a)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) (%s): error %T, want *ParseError", tt.in, tt.reason, err)
			continue
		}
		if pe.Input != tt.in || pe.Offset != tt.offset || !strings.Contains(pe.Msg, tt.msgPart) {
			t.Errorf("Parse(%q) (%s): got {Offset:%d Msg:%q}, want {Offset:%d Msg containing %q}",
				tt.in, tt.reason, pe.Offset, pe.Msg, tt.offset, tt.msgPart)
		}
		if a != (ARN{}) {
			t.Errorf("Parse(%q) (%s): returned non-zero ARN on error", tt.in, tt.reason)
		}
	}
}

func TestParseErrorString(t *testing.T) {
	_, err := Parse("arn:amazon:s3:::x")
	want := `arn: parsing "arn:amazon:s3:::x": invalid partition "amazon" (at byte 4)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"bad\") did not panic")
		}
	}()
	MustParse("bad")
}

func TestZeroValue(t *testing.T) {
	var a ARN
	if a.IsValid() {
		t.Error("zero ARN is valid")
	}
	got := []string{a.String(), a.Partition(), a.Service(), a.Region(), a.Account(), a.Resource(), a.Path(), a.Name(), a.SessionName()}
	for i, s := range got {
		if s != "" {
			t.Errorf("zero ARN accessor %d = %q, want \"\"", i, s)
		}
	}
	if k := a.Kind(); k != KindOther {
		t.Errorf("zero ARN Kind = %v, want Other", k)
	}
	b, err := a.MarshalText()
	if err != nil || len(b) != 0 {
		t.Errorf("zero MarshalText = %q, %v; want empty, nil", b, err)
	}
}

func TestValidPartition(t *testing.T) {
	tests := []struct {
		p      string
		reason string
		want   bool
	}{
		{"aws", "commercial", true},
		{"aws-cn", "China", true},
		{"aws-us-gov", "GovCloud", true},
		{"aws-iso", "isolated", true},
		{"aws-iso-b", "isolated", true},
		{"aws-iso-e", "isolated", true},
		{"aws-iso-f", "isolated", true},
		{"aws-eusc", "European Sovereign Cloud", true},
		{"", "empty", false},
		{"AWS", "case-sensitive", false},
		{"aws-gov", "plausible typo", false},
		{"aws ", "trailing space", false},
	}
	for _, tt := range tests {
		if got := ValidPartition(tt.p); got != tt.want {
			t.Errorf("ValidPartition(%q) = %v, want %v (%s)", tt.p, got, tt.want, tt.reason)
		}
	}
}

func TestIsAccountID(t *testing.T) {
	tests := []struct {
		s      string
		reason string
		want   bool
	}{
		{"123456789012", "12 digits", true},
		{"000000000000", "leading zeros are significant", true},
		{"12345678901", "11 digits", false},
		{"1234567890123", "13 digits", false},
		{"12345678901a", "letter", false},
		{"١٢٣٤٥٦٧٨٩٠١٢", "non-ASCII digits", false},
		{"aws", "managed-policy owner is not an account ID", false},
	}
	for _, tt := range tests {
		if got := IsAccountID(tt.s); got != tt.want {
			t.Errorf("IsAccountID(%q) = %v, want %v (%s)", tt.s, got, tt.want, tt.reason)
		}
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		in                  string
		reason              string
		kind                Kind
		path, name, session string
	}{
		{"arn:aws:iam::111111111111:root", "account root", KindRoot, "", "", ""},
		{"arn:aws:iam::111111111111:user/alice", "user without path has path /", KindUser, "/", "alice", ""},
		{"arn:aws:iam::111111111111:user/division/alice", "user with path", KindUser, "/division/", "alice", ""},
		{"arn:aws:iam::111111111111:group/a/b/Devs", "group with nested path", KindGroup, "/a/b/", "Devs", ""},
		{"arn:aws:iam::111111111111:role/service/PhotoReader", "role with path", KindRole, "/service/", "PhotoReader", ""},
		{"arn:aws:iam::111111111111:instance-profile/web", "instance profile", KindInstanceProfile, "/", "web", ""},
		{"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "AWS managed policy", KindPolicy, "/job-function/", "ViewOnlyAccess", ""},
		{"arn:aws:iam::111111111111:policy/mine", "customer managed policy", KindPolicy, "/", "mine", ""},
		{"arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc", "assumed-role session; path unknown", KindAssumedRole, "", "PhotoReader", "i-0abc"},
		{"arn:aws:sts::111111111111:federated-user/bob", "federated user: name doubles as session", KindFederatedUser, "", "bob", "bob"},
		{"arn:aws-cn:iam::111111111111:role/r", "other partition", KindRole, "/", "r", ""},

		{"arn:aws:s3:::bucket", "non-IAM ARN", KindOther, "", "", ""},
		{"arn:aws:iam::111111111111:user/", "empty user name", KindOther, "", "", ""},
		{"arn:aws:iam::111111111111:user/a b", "space in name", KindOther, "", "", ""},
		{"arn:aws:iam::111111111111:user/pa th/a", "space in path", KindOther, "", "", ""},
		{"arn:aws:iam::aws:user/alice", "only policies may be owned by aws", KindOther, "", "", ""},
		{"arn:aws:iam:::root", "root needs an account", KindOther, "", "", ""},
		{"arn:aws:iam:us-east-1:111111111111:user/a", "IAM identities are global", KindOther, "", "", ""},
		{"arn:aws:sts::111111111111:assumed-role/OnlyRole", "session name missing", KindOther, "", "", ""},
		{"arn:aws:sts::111111111111:assumed-role/R/s/extra", "too many segments", KindOther, "", "", ""},
		{"arn:aws:sts::111111111111:federated-user/", "empty federated name", KindOther, "", "", ""},
		{"arn:aws:iam::111111111111:assumed-role/R/s", "assumed-role belongs to sts", KindOther, "", "", ""},
		{"arn:aws:sts::111111111111:role/R", "role belongs to iam", KindOther, "", "", ""},
		{"arn:aws:iam::111111111111:users/alice", "type must match exactly", KindOther, "", "", ""},
	}
	for _, tt := range tests {
		a := MustParse(tt.in)
		if got := a.Kind(); got != tt.kind {
			t.Errorf("%q.Kind() = %v, want %v (%s)", tt.in, got, tt.kind, tt.reason)
		}
		if got := a.Path(); got != tt.path {
			t.Errorf("%q.Path() = %q, want %q (%s)", tt.in, got, tt.path, tt.reason)
		}
		if got := a.Name(); got != tt.name {
			t.Errorf("%q.Name() = %q, want %q (%s)", tt.in, got, tt.name, tt.reason)
		}
		if got := a.SessionName(); got != tt.session {
			t.Errorf("%q.SessionName() = %q, want %q (%s)", tt.in, got, tt.session, tt.reason)
		}
	}
}

func TestKindString(t *testing.T) {
	tests := []struct {
		k      Kind
		reason string
		want   string
	}{
		{KindOther, "first", "Other"},
		{KindAssumedRole, "multi-word", "AssumedRole"},
		{KindPolicy, "last", "Policy"},
		{Kind(200), "out of range", "Kind(200)"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q (%s)", tt.k, got, tt.want, tt.reason)
		}
	}
}

func TestRoleARN(t *testing.T) {
	tests := []struct {
		in, path string
		reason   string
		want     string // "" means error
	}{
		{"arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc", "", "empty path gives no path segment", "arn:aws:iam::111111111111:role/PhotoReader"},
		{"arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc", "/", "root path gives no path segment", "arn:aws:iam::111111111111:role/PhotoReader"},
		{"arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc", "/service/", "path inserted", "arn:aws:iam::111111111111:role/service/PhotoReader"},
		{"arn:aws-cn:sts::111111111111:assumed-role/R/s", "/a/b/", "partition preserved", "arn:aws-cn:iam::111111111111:role/a/b/R"},
		{"arn:aws:sts::111111111111:assumed-role/R/s", "service/", "path must begin with /", ""},
		{"arn:aws:sts::111111111111:assumed-role/R/s", "/service", "path must end with /", ""},
		{"arn:aws:sts::111111111111:assumed-role/R/s", "/a*/", "wildcard in path", ""},
		{"arn:aws:iam::111111111111:role/R", "/", "not a session", ""},
		{"arn:aws:sts::111111111111:federated-user/bob", "/", "federated user has no role", ""},
	}
	for _, tt := range tests {
		got, err := MustParse(tt.in).RoleARN(tt.path)
		if tt.want == "" {
			var fe *FieldError
			if err == nil || !errors.As(err, &fe) {
				t.Errorf("%q.RoleARN(%q) = %v, %v; want *FieldError (%s)", tt.in, tt.path, got, err, tt.reason)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("%q.RoleARN(%q) = %v, %v; want %s (%s)", tt.in, tt.path, got, err, tt.want, tt.reason)
			continue
		}
		if got.Kind() != KindRole {
			t.Errorf("%q.RoleARN(%q).Kind() = %v (%s)", tt.in, tt.path, got.Kind(), tt.reason)
		}
	}
}

func TestConstructors(t *testing.T) {
	const acct = "111111111111"
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		reason string
		build  func() (ARN, error)
		want   string // "" means error
		field  string // FieldError.Field when want == ""
	}{
		{"user, default path", func() (ARN, error) { return User("aws", acct, "", "alice") }, "arn:aws:iam::111111111111:user/alice", ""},
		{"user, explicit root path", func() (ARN, error) { return User("aws", acct, "/", "alice") }, "arn:aws:iam::111111111111:user/alice", ""},
		{"user with path", func() (ARN, error) { return User("aws", acct, "/division/", "alice") }, "arn:aws:iam::111111111111:user/division/alice", ""},
		{"user name allows _+=,.@-", func() (ARN, error) { return User("aws", acct, "", "a_b+c=d,e.f@g-h") }, "arn:aws:iam::111111111111:user/a_b+c=d,e.f@g-h", ""},
		{"user name 64 bytes", func() (ARN, error) { return User("aws", acct, "", long(64)) }, "arn:aws:iam::111111111111:user/" + long(64), ""},
		{"user name 65 bytes", func() (ARN, error) { return User("aws", acct, "", long(65)) }, "", "user name"},
		{"empty user name", func() (ARN, error) { return User("aws", acct, "", "") }, "", "user name"},
		{"user name with slash", func() (ARN, error) { return User("aws", acct, "", "a/b") }, "", "user name"},
		{"bad partition", func() (ARN, error) { return User("amazon", acct, "", "a") }, "", "partition"},
		{"bad account", func() (ARN, error) { return User("aws", "aws", "", "a") }, "", "account"},
		{"path without trailing slash", func() (ARN, error) { return User("aws", acct, "/x", "a") }, "", "path"},
		{"path with space", func() (ARN, error) { return User("aws", acct, "/a b/", "a") }, "", "path"},
		{"path with DEL", func() (ARN, error) { return User("aws", acct, "/a\x7f/", "a") }, "", "path"},
		{"path 512 bytes", func() (ARN, error) { return User("aws", acct, "/"+long(510)+"/", "a") }, "arn:aws:iam::111111111111:user/" + long(510) + "/a", ""},
		{"path 513 bytes", func() (ARN, error) { return User("aws", acct, "/"+long(511)+"/", "a") }, "", "path"},
		{"path may contain ':'", func() (ARN, error) { return Role("aws", acct, "/a:b/", "r") }, "arn:aws:iam::111111111111:role/a:b/r", ""},
		{"role", func() (ARN, error) { return Role("aws-us-gov", acct, "/service/", "PhotoReader") }, "arn:aws-us-gov:iam::111111111111:role/service/PhotoReader", ""},
		{"role name with space", func() (ARN, error) { return Role("aws", acct, "", "a b") }, "", "role name"},
		{"assumed role", func() (ARN, error) { return AssumedRole("aws", acct, "PhotoReader", "i-0abc") }, "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc", ""},
		{"session name 1 byte", func() (ARN, error) { return AssumedRole("aws", acct, "R", "s") }, "", "session name"},
		{"session name 64 bytes", func() (ARN, error) { return AssumedRole("aws", acct, "R", long(64)) }, "arn:aws:sts::111111111111:assumed-role/R/" + long(64), ""},
		{"session name 65 bytes", func() (ARN, error) { return AssumedRole("aws", acct, "R", long(65)) }, "", "session name"},
		{"assumed role empty role", func() (ARN, error) { return AssumedRole("aws", acct, "", "ss") }, "", "role name"},
		{"federated user", func() (ARN, error) { return FederatedUser("aws", acct, "bob") }, "arn:aws:sts::111111111111:federated-user/bob", ""},
		{"federated user 1 byte", func() (ARN, error) { return FederatedUser("aws", acct, "b") }, "", "federated user name"},
		{"federated user 33 bytes", func() (ARN, error) { return FederatedUser("aws", acct, long(33)) }, "", "federated user name"},
		{"root", func() (ARN, error) { return Root("aws", acct) }, "arn:aws:iam::111111111111:root", ""},
		{"root bad account", func() (ARN, error) { return Root("aws", "1") }, "", "account"},
	}
	for _, tt := range tests {
		got, err := tt.build()
		if tt.want == "" {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%s: got %v, %v; want *FieldError", tt.reason, got, err)
			} else if fe.Field != tt.field {
				t.Errorf("%s: FieldError.Field = %q, want %q (%v)", tt.reason, fe.Field, tt.field, err)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("%s: got %v, %v; want %s", tt.reason, got, err, tt.want)
		}
	}
}

func TestFieldErrorString(t *testing.T) {
	_, err := User("aws", "111111111111", "", "a b")
	want := `arn: invalid user name "a b": may contain only letters, digits and _+=,.@-`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestIsServicePrincipal(t *testing.T) {
	tests := []struct {
		s      string
		reason string
		want   bool
	}{
		{"ec2.amazonaws.com", "common form", true},
		{"lambda.amazonaws.com", "common form", true},
		{"ec2.amazonaws.com.cn", "China suffix", true},
		{"states.us-east-1.amazonaws.com", "regional service principal", true},
		{"elasticmapreduce.amazonaws.com", "long name", true},
		{"amazonaws.com", "suffix alone", false},
		{".amazonaws.com", "empty label", false},
		{"ec2..amazonaws.com", "empty inner label", false},
		{"EC2.amazonaws.com", "upper case", false},
		{"-ec2.amazonaws.com", "leading hyphen", false},
		{"*.amazonaws.com", "wildcard", false},
		{"ec2.amazonaws.org", "wrong suffix", false},
		{"arn:aws:iam::111111111111:root", "an ARN is not a service principal", false},
		{"", "empty", false},
	}
	for _, tt := range tests {
		if got := IsServicePrincipal(tt.s); got != tt.want {
			t.Errorf("IsServicePrincipal(%q) = %v, want %v (%s)", tt.s, got, tt.want, tt.reason)
		}
	}
}

func TestTextRoundTrip(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"arn:aws:iam::111111111111:user/division/alice", "identity"},
		{"arn:aws:s3:::bucket/key:with:colons", "resource with colons"},
		{"", "zero value"},
	}
	for _, tt := range tests {
		var a ARN
		if tt.in != "" {
			a = MustParse(tt.in)
		}
		b, err := a.MarshalText()
		if err != nil || string(b) != tt.in {
			t.Errorf("MarshalText(%q) = %q, %v (%s)", tt.in, b, err, tt.reason)
		}
		ab, err := a.AppendText([]byte("x"))
		if err != nil || string(ab) != "x"+tt.in {
			t.Errorf("AppendText(%q) = %q, %v (%s)", tt.in, ab, err, tt.reason)
		}
		back := MustParse("arn:aws:s3:::preset") // must be overwritten, even by empty text
		if err := back.UnmarshalText(b); err != nil || back != a {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v (%s)", b, back, err, a, tt.reason)
		}

		// Through encoding/json, as a struct field and as a map key.
		type doc struct {
			P ARN          `json:"p"`
			M map[ARN]bool `json:"m"`
		}
		in := doc{P: a, M: map[ARN]bool{a: true}}
		j, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("json.Marshal (%s): %v", tt.reason, err)
		}
		var out doc
		if err := json.Unmarshal(j, &out); err != nil || out.P != a || !out.M[a] {
			t.Errorf("json round trip of %q via %s = %+v, %v (%s)", tt.in, j, out, err, tt.reason)
		}
	}
}

func TestUnmarshalTextError(t *testing.T) {
	var a ARN
	err := a.UnmarshalText([]byte("arn:aws:s3:::*"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Offset != 13 {
		t.Errorf("UnmarshalText(wildcard) error = %v, want *ParseError at 13", err)
	}
	if a.IsValid() {
		t.Errorf("UnmarshalText failure modified receiver: %v", a)
	}
}

func TestCompare(t *testing.T) {
	in := []ARN{
		MustParse("arn:aws:s3:::b"),
		{},
		MustParse("arn:aws:iam::111111111111:root"),
		MustParse("arn:aws:s3:::a"),
	}
	slices.SortFunc(in, ARN.Compare)
	var got []string
	for _, a := range in {
		got = append(got, a.String())
	}
	want := []string{"", "arn:aws:iam::111111111111:root", "arn:aws:s3:::a", "arn:aws:s3:::b"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
	if c := MustParse("arn:aws:s3:::a").Compare(MustParse("arn:aws:s3:::a")); c != 0 {
		t.Errorf("Compare(equal) = %d", c)
	}
}

// TestAllocs proves the accessors are views into the original string.
func TestAllocs(t *testing.T) {
	arns := []ARN{
		MustParse("arn:aws:iam::111111111111:user/division/alice"),
		MustParse("arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc"),
		MustParse("arn:aws:sts::111111111111:federated-user/bob"),
		MustParse("arn:aws:s3:::bucket/key"),
		{},
	}
	var sink string
	var ksink Kind
	for _, a := range arns {
		n := testing.AllocsPerRun(100, func() {
			sink = a.String()
			sink = a.Partition()
			sink = a.Service()
			sink = a.Region()
			sink = a.Account()
			sink = a.Resource()
			sink = a.Path()
			sink = a.Name()
			sink = a.SessionName()
			ksink = a.Kind()
			_ = a.IsValid()
			_ = a.Compare(a)
		})
		if n != 0 {
			t.Errorf("accessors on %q allocate %v times per run, want 0", a, n)
		}
	}
	_, _ = sink, ksink

	buf := make([]byte, 0, 128)
	a := arns[0]
	if n := testing.AllocsPerRun(100, func() { buf, _ = a.AppendText(buf[:0]) }); n != 0 {
		t.Errorf("AppendText into sized buffer allocates %v times, want 0", n)
	}
	s := a.String()
	if n := testing.AllocsPerRun(100, func() { _, _ = Parse(s) }); n != 0 {
		t.Errorf("successful Parse allocates %v times, want 0", n)
	}
}

func ExampleParse() {
	a, err := Parse("arn:aws:iam::111111111111:user/division/alice")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Partition(), a.Service(), a.Account())
	fmt.Println(a.Kind(), a.Path(), a.Name())

	_, err = Parse("arn:amazon:s3:::x")
	fmt.Println(err)
	// Output:
	// aws iam 111111111111
	// User /division/ alice
	// arn: parsing "arn:amazon:s3:::x": invalid partition "amazon" (at byte 4)
}

func ExampleARN_RoleARN() {
	session := MustParse("arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc")
	fmt.Println(session.Kind(), session.Name(), session.SessionName())

	// The session ARN does not carry the role's path; supply it if known.
	role, err := session.RoleARN("/service/")
	if err != nil {
		panic(err)
	}
	fmt.Println(role)

	role, _ = session.RoleARN("")
	fmt.Println(role)
	// Output:
	// AssumedRole PhotoReader i-0abc
	// arn:aws:iam::111111111111:role/service/PhotoReader
	// arn:aws:iam::111111111111:role/PhotoReader
}
