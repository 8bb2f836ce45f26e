package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

var testExports = []string{
	"../testdata/accounts/dev-page1.json",
	"../testdata/accounts/dev-page2.json",
	"../testdata/accounts/audit.json",
}

func loadTest(t testing.TB) *account.Set {
	t.Helper()
	set, err := account.LoadFiles(testExports, "../testdata/accounts/overlay.json", account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestAuthorize runs the hand-written exports: each case cites the AWS page
// whose rule it pins, and names the policy the explanation must cite.
func TestAuthorize(t *testing.T) {
	set := loadTest(t)
	const (
		alice   = "arn:aws:iam::111111111111:user/engineering/alice"
		bob     = "arn:aws:iam::111111111111:user/bob"
		dave    = "arn:aws:iam::111111111111:user/contractors/dave"
		carol   = "arn:aws:iam::222222222222:user/carol"
		auditor = "arn:aws:iam::111111111111:role/CrossAccountAuditor"
		slr     = "arn:aws:iam::111111111111:role/aws-service-role/ops.apigateway.amazonaws.com/AWSServiceRoleForAPIGateway"
	)
	cases := []struct {
		reason    string
		principal string
		action    string
		resource  string
		ctx       map[string][]string
		want      evaluate.Decision
		cite      string // a policy the explanation names
	}{
		{"IAM User Guide, Versioning IAM policies: only the default version (v2) is in effect", alice, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", nil, evaluate.Allow, "arn:aws:iam::111111111111:policy/team/S3Photos"},
		{"IAM User Guide, Versioning IAM policies: the non-default v1 (s3:*) grants nothing", alice, "s3:PutObject", "arn:aws:s3:::photos/cat.jpg", nil, evaluate.ImplicitDeny, ""},
		{"IAM User Guide, IAM user groups: a member gets the group's inline policy", alice, "s3:ListBucket", "arn:aws:s3:::photos", nil, evaluate.Allow, "ListPhotos"},
		{"IAM User Guide, IAM policy elements: Variables: ${aws:username} is the user's name", alice, "s3:GetObject", "arn:aws:s3:::home/alice/notes.txt", nil, evaluate.Allow, "ReadOwnPrefix"},
		{"IAM User Guide, Variables: another user's prefix does not match", alice, "s3:GetObject", "arn:aws:s3:::home/bob/notes.txt", nil, evaluate.ImplicitDeny, ""},
		{"AWS managed policy IAMUserChangePassword through a group, ${aws:username} on the user's own ARN", bob, "iam:ChangePassword", "arn:aws:iam::111111111111:user/bob", nil, evaluate.Allow, "arn:aws:iam::aws:policy/IAMUserChangePassword"},
		{"IAMUserChangePassword does not cover another user", bob, "iam:ChangePassword", "arn:aws:iam::111111111111:user/engineering/alice", nil, evaluate.ImplicitDeny, ""},
		{"IAM User Guide, Permissions boundaries: the boundary allows GetObject and the identity policy s3:*", dave, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", nil, evaluate.Allow, "arn:aws:iam::111111111111:policy/ReadOnlyBoundary"},
		{"IAM User Guide, Permissions boundaries: what the boundary does not allow is denied", dave, "s3:PutObject", "arn:aws:s3:::photos/cat.jpg", nil, evaluate.ImplicitDeny, ""},
		{"AWS Organizations User Guide, SCP evaluation: a Deny in the OU's SCP wins over the identity Allow", alice, "s3:DeleteObject", "arn:aws:s3:::photos/cat.jpg", nil, evaluate.ExplicitDeny, "DenyPhotoDeletes"},
		{"AWS Organizations User Guide, Service control policies: SCPs do not affect service-linked roles", slr, "s3:DeleteObject", "arn:aws:s3:::photos/cat.jpg", nil, evaluate.Allow, "Cleanup"},
		{"IAM User Guide, third-party access: the external ID matches", carol, "sts:AssumeRole", auditor, map[string][]string{"sts:ExternalId": {"Unique-Ext-4711"}}, evaluate.Allow, "the trust policy of " + auditor},
		{"IAM User Guide, third-party access: a wrong external ID is refused", carol, "sts:AssumeRole", auditor, map[string][]string{"sts:ExternalId": {"guess"}}, evaluate.ImplicitDeny, ""},
		{"IAM User Guide, third-party access: no external ID is refused", carol, "sts:AssumeRole", auditor, nil, evaluate.ImplicitDeny, ""},
		{"IAM User Guide, Cross-account policy evaluation logic: the bucket policy of the other account allows", carol, "s3:GetObject", "arn:aws:s3:::shared-logs/2026/12/07.log", nil, evaluate.Allow, "shared-logs bucket policy"},
		{"IAM User Guide, Cross-account policy evaluation logic: the identity policy alone is not enough", carol, "s3:PutObject", "arn:aws:s3:::shared-logs/x", nil, evaluate.ImplicitDeny, ""},
		{"URL-encoded inline policy of a role (the IAM API's form)", "arn:aws:sts::111111111111:assumed-role/CrossAccountAuditor/audit-1", "s3:GetObject", "arn:aws:s3:::shared-logs/x", nil, evaluate.Allow, "ReadSharedLogs"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			res, err := set.Authorize(account.Request{Principal: c.principal, Action: c.action, Resource: c.resource, Context: c.ctx})
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != c.want {
				t.Fatalf("got %v, want %v\n%s", res.Decision, c.want, res)
			}
			if c.cite != "" && !strings.Contains(res.String(), c.cite) {
				t.Fatalf("the explanation does not name %s:\n%s", c.cite, res)
			}
			if c.cite != "" && !strings.Contains(res.String(), "testdata/accounts/") {
				t.Fatalf("the explanation does not place the statement in its file:\n%s", res)
			}
		})
	}
}

// TestURLEncodedPosition: a statement of a URL-encoded document is placed
// at the document in the file and at its line:col in the decoded text.
func TestURLEncodedPosition(t *testing.T) {
	res, err := loadTest(t).Authorize(account.Request{Principal: "arn:aws:iam::111111111111:role/CrossAccountAuditor", Action: "s3:GetObject", Resource: "arn:aws:s3:::shared-logs/x"})
	if err != nil {
		t.Fatal(err)
	}
	want := "../testdata/accounts/dev-page2.json:16:39 (URL-encoded document; statement at 1:38 of the decoded text)"
	if len(res.Reasons) == 0 || res.Reasons[0].Position != want {
		t.Fatalf("got %+v, want position %s", res.Reasons, want)
	}
}

// TestWhoCan: the external ID is a key the request does not fix, so carol
// is conditional; with it she is allowed.
func TestWhoCan(t *testing.T) {
	set := loadTest(t)
	q := account.Query{Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/CrossAccountAuditor"}
	got, err := set.WhoCan(q)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Principal != "arn:aws:iam::222222222222:user/carol" || got[0].Verdict != account.Conditional || strings.Join(got[0].Keys, ",") != "sts:ExternalId" {
		t.Fatalf("got %+v", got)
	}
	q.Context = map[string][]string{"sts:ExternalId": {"Unique-Ext-4711"}}
	got, _ = set.WhoCan(q)
	if len(got) != 1 || got[0].Verdict != account.Allowed || len(got[0].Reasons) == 0 {
		t.Fatalf("got %+v", got)
	}
	got, _ = set.WhoCan(account.Query{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg"})
	var names []string
	for _, a := range got {
		names = append(names, a.Principal+" "+a.Verdict.String())
	}
	want := "arn:aws:iam::111111111111:user/contractors/dave allowed|arn:aws:iam::111111111111:user/engineering/alice allowed"
	if strings.Join(names, "|") != want {
		t.Fatalf("got %q, want %q", names, want)
	}
}

func TestActions(t *testing.T) {
	got, err := loadTest(t).Actions("arn:aws:iam::111111111111:user/contractors/dave", "arn:aws:s3:::photos/cat.jpg",
		[]string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var v []string
	for _, a := range got {
		v = append(v, a.Verdict.String())
	}
	// DeleteObject: the boundary does not allow it (and the SCP denies it).
	if strings.Join(v, ",") != "allowed,denied,denied" {
		t.Fatalf("got %v", v)
	}
}

// TestPrincipalErrors: a principal that is not loaded is an error, which
// names the ARN with the path when only the path was left out.
func TestPrincipalErrors(t *testing.T) {
	set := loadTest(t)
	_, err := set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject", Resource: "*"})
	var pe *account.PrincipalError
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "arn:aws:iam::111111111111:user/engineering/alice") {
		t.Fatalf("got %v", err)
	}
	_, err = set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:user/bob", Action: "s3:GetObject", Resource: "*",
		Context: map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111111111111:role/Admin"}}})
	var re *evaluate.RequestError
	if !errors.As(err, &re) {
		t.Fatalf("a principal key in the context must be refused, got %v", err)
	}
}

func TestRoot(t *testing.T) {
	set := loadTest(t)
	res, err := set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:root", Action: "s3:PutObject", Resource: "arn:aws:s3:::photos/x"})
	if err != nil || res.Decision != evaluate.Allow {
		t.Fatalf("the root user has full access to its account: %v %v", res, err)
	}
	res, _ = set.Authorize(account.Request{Principal: "arn:aws:iam::111111111111:root", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::photos/x"})
	if res.Decision != evaluate.ExplicitDeny {
		t.Fatalf("SCPs restrict the root user of a member account: %v", res)
	}
}

// TestSession: a session's policies limit its role's (IAM User Guide,
// "Session policies"), and its caller facts reach conditions.
func TestSession(t *testing.T) {
	set := loadTest(t)
	const sess = "arn:aws:sts::111111111111:assumed-role/CrossAccountAuditor/s1"
	onlyList := policy.MustParse("only-list", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`)
	caller := evaluate.Caller{ARN: "arn:aws:iam::111111111111:role/CrossAccountAuditor", SessionName: "s1", UserID: "AROAQAUDITOR00000001:s1", Temporary: true}
	r := account.Request{Principal: sess, Action: "s3:GetObject", Resource: "arn:aws:s3:::shared-logs/x", Session: &account.Session{Policies: []*policy.Policy{onlyList}, Caller: caller}}
	if res, err := set.Authorize(r); err != nil || res.Decision != evaluate.ImplicitDeny {
		t.Fatalf("the session policy does not allow GetObject: %v %v", res, err)
	}
	r.Action, r.Resource = "s3:ListBucket", "arn:aws:s3:::shared-logs"
	res, err := set.Authorize(r)
	if err != nil || res.Decision != evaluate.Allow || !strings.Contains(res.String(), `session policy "only-list"`) {
		t.Fatalf("both allow ListBucket: %v %v", res, err)
	}
	r.Session.Caller.ARN = "arn:aws:iam::111111111111:role/Other"
	var pe *account.PrincipalError
	if _, err := set.Authorize(r); !errors.As(err, &pe) {
		t.Fatalf("a session of another role must be refused: %v", err)
	}
}
