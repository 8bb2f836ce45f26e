package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

const (
	photosExport  = "../../examples/photos/account.json"
	photosOverlay = "../../examples/photos/overlay.json"
	photoReader   = "arn:aws:iam::111111111111:role/app/PhotoReader"
)

// TestAuthorizePhotos is the "done when": Allow for PhotoReader
// s3:GetObject naming PhotosReadOnly (exit 0), ImplicitDeny for
// s3:PutObject (exit 1).
func TestAuthorizePhotos(t *testing.T) {
	code, out, errOut := runCmd(t, "", "authorize", "--account", photosExport, "--overlay", photosOverlay,
		"--principal", photoReader, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/cat.jpg")
	if code != exitOK || !strings.HasPrefix(out, "Allow: "+photoReader) || !strings.Contains(out, "managed policy arn:aws:iam::111111111111:policy/PhotosReadOnly") ||
		!strings.Contains(out, "examples/photos/account.json:81:29") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, "", "authorize", "--account", photosExport, "--overlay", photosOverlay,
		"--principal", "arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::photos/cat.jpg")
	if code != exitFail || !strings.HasPrefix(out, "ImplicitDeny: ") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

// TestAuthorizeExplicitDeny: the bucket policy of the overlay denies plain
// HTTP (Amazon S3 User Guide, bucket policy examples), exit 1.
func TestAuthorizeExplicitDeny(t *testing.T) {
	code, out, _ := runCmd(t, "", "authorize", "--account", photosExport, "--overlay", photosOverlay, "--json",
		"--principal", photoReader, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/cat.jpg",
		"--context", "aws:SecureTransport=false")
	var res struct {
		Decision string `json:"decision"`
		Reasons  []struct {
			Policy struct{ Name, Kind string }
			Sid    string
		}
		Explanation string
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if code != exitFail || res.Decision != "ExplicitDeny" || res.Explanation == "" {
		t.Fatalf("exit %d\n%s", code, out)
	}
	found := false
	for _, r := range res.Reasons {
		found = found || r.Policy.Kind == "resource" && r.Sid == "DenyInsecureTransport" && r.Policy.Name == "photos bucket policy"
	}
	if !found {
		t.Fatalf("the bucket policy's statement is not named:\n%s", out)
	}
}

func TestAuthorizeErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.json", "{\n  \"RoleDetailList\": [\n    {\"RoleName\": 3}\n  ]\n}\n")
	cases := []struct {
		reason string
		args   []string
		want   string
	}{
		{"no --account", []string{"--principal", photoReader, "--action", "a:b", "--resource", "*"}, "--account is required"},
		{"no --principal", []string{"--account", photosExport, "--action", "a:b", "--resource", "*"}, "are required"},
		{"a file that cannot be loaded: file:line:col and JSON path", []string{"--account", bad, "--principal", photoReader, "--action", "a:b", "--resource", "*"},
			"bad.json:3:18: RoleDetailList[0].RoleName: want a string, found the number 3"},
		{"an unknown principal", []string{"--account", photosExport, "--principal", "arn:aws:iam::111111111111:role/PhotoReader", "--action", "a:b", "--resource", "*"},
			"did you mean arn:aws:iam::111111111111:role/app/PhotoReader?"},
		{"a principal key in --context", []string{"--account", photosExport, "--principal", photoReader, "--action", "s3:GetObject", "--resource", "*", "--context", "aws:PrincipalTag/app=x"},
			"aws:PrincipalTag/app"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			code, _, errOut := runCmd(t, "", append([]string{"authorize"}, c.args...)...)
			if code != exitUsage || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr:\n%s\nwant %q", code, errOut, c.want)
			}
		})
	}
}

var testAccounts = []string{"--account", "../../testdata/accounts/dev-page1.json", "--account", "../../testdata/accounts/dev-page2.json",
	"--account", "../../testdata/accounts/audit.json", "--overlay", "../../testdata/accounts/overlay.json"}

// TestWhoCan: one principal per line with its verdict; the external ID is
// a key the request does not fix (IAM User Guide, "Access to AWS accounts
// owned by third parties").
func TestWhoCan(t *testing.T) {
	args := append([]string{"who-can"}, testAccounts...)
	code, out, errOut := runCmd(t, "", append(args, "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111111111111:role/CrossAccountAuditor")...)
	if code != exitOK || out != "arn:aws:iam::222222222222:user/carol conditional: sts:ExternalId\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, "", append(args, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/cat.jpg")...)
	want := "arn:aws:iam::111111111111:user/contractors/dave allowed\narn:aws:iam::111111111111:user/engineering/alice allowed\n"
	if code != exitOK || out != want {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", append(args, "--json", "--action", "ec2:RunInstances", "--resource", "*")...)
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, _, _ = runCmd(t, "", "who-can", "--action", "s3:GetObject")
	if code != exitUsage {
		t.Fatalf("a usage error exits %d", code)
	}
}

// TestMissingPoliciesSaid: with --allow-missing-policies every answer that
// depends on a policy left out says so: authorize's explanation (text and
// JSON) and who-can (on stderr, for each principal, listed or not).
func TestMissingPoliciesSaid(t *testing.T) {
	export := writeFile(t, t.TempDir(), "u.json", `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u",
"UserPolicyList":[{"PolicyName":"read","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}],
"AttachedManagedPolicies":[{"PolicyName":"Gone","PolicyArn":"arn:aws:iam::111111111111:policy/Gone"}]},
{"UserName":"v","Path":"/","Arn":"arn:aws:iam::111111111111:user/v","AttachedManagedPolicies":[{"PolicyName":"Gone","PolicyArn":"arn:aws:iam::111111111111:policy/Gone"}]}]}`)
	const gone = "arn:aws:iam::111111111111:policy/Gone"
	code, out, _ := runCmd(t, "", "authorize", "--account", export, "--allow-missing-policies",
		"--principal", "arn:aws:iam::111111111111:user/u", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k")
	if code != exitOK || !strings.Contains(out, "WARNING: "+gone+" is attached to the principal but was not loaded") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "authorize", "--account", export, "--allow-missing-policies", "--json",
		"--principal", "arn:aws:iam::111111111111:user/v", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k")
	var res struct {
		Missing []string `json:"missingPolicies"`
	}
	if code != exitFail || json.Unmarshal([]byte(out), &res) != nil || strings.Join(res.Missing, ",") != gone {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, errOut := runCmd(t, "", "who-can", "--account", export, "--allow-missing-policies", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k")
	if code != exitOK || out != "arn:aws:iam::111111111111:user/u allowed\n" ||
		!strings.Contains(errOut, "WARNING: arn:aws:iam::111111111111:user/u has attached policies that were not loaded ("+gone+")") ||
		!strings.Contains(errOut, "WARNING: arn:aws:iam::111111111111:user/v has attached policies") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	code, _, _ = runCmd(t, "", "authorize", "--account", export, "--principal", "arn:aws:iam::111111111111:user/u", "--action", "s3:GetObject", "--resource", "*")
	if code != exitUsage {
		t.Fatalf("without the opt-in a missing policy is a load error: exit %d", code)
	}
}

// TestQuotaFlags: an export from an account whose attached-policy quota
// was raised loads with --max-managed-policies; without it, the load error
// names the entity at file:line:col.
func TestQuotaFlags(t *testing.T) {
	var pols, att []string
	for i := range 11 {
		a := fmt.Sprintf("arn:aws:iam::111111111111:policy/P%d", i)
		pols = append(pols, `{"Arn":"`+a+`","PolicyVersionList":[{"VersionId":"v1","IsDefaultVersion":true,"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}`)
		att = append(att, `{"PolicyName":"P","PolicyArn":"`+a+`"}`)
	}
	export := writeFile(t, t.TempDir(), "u.json", `{"Policies":[`+strings.Join(pols, ",")+`],
"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::111111111111:user/u","AttachedManagedPolicies":[`+strings.Join(att, ",")+`]}]}`)
	args := []string{"authorize", "--account", export, "--principal", "arn:aws:iam::111111111111:user/u", "--action", "s3:GetObject", "--resource", "*"}
	code, _, errOut := runCmd(t, "", args...)
	if code != exitUsage || !strings.Contains(errOut, "u.json:2:19: UserDetailList[0].AttachedManagedPolicies: 11 managed policies are attached, over the quota of 10") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if code, out, errOut := runCmd(t, "", append(args, "--max-managed-policies", "20")...); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestAuthorizeSession: a request made with the credentials assume-role
// printed is authorized as that session (IAM User Guide, "Session
// policies": the role's policies and the session policy must both allow),
// explained with each policy's name; expired credentials are refused as
// AWS refuses them.
func TestAuthorizeSession(t *testing.T) {
	dir := t.TempDir()
	pol := writeFile(t, dir, "only-photos.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}`)
	code, out, errOut := runCmd(t, "", assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice",
		"--role-arn", "arn:aws:iam::111111111111:role/team/Dev", "--role-session-name", "cli", "--policy", pol)...)
	if code != 0 {
		t.Fatalf("assume-role: %d %s", code, errOut)
	}
	sess := writeFile(t, dir, "dev.json", out)
	authz := func(extra ...string) (int, string, string) {
		return runCmd(t, "", append(append([]string{"authorize"}, stsAccounts...), extra...)...)
	}
	code, out, errOut = authz("--session", sess, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/cat.jpg")
	if code != exitOK || !strings.HasPrefix(out, "Allow: arn:aws:iam::111111111111:role/team/Dev s3:GetObject on arn:aws:s3:::photos/cat.jpg (as arn:aws:sts::111111111111:assumed-role/Dev/cli)") ||
		!strings.Contains(out, `inline policy "dev" of arn:aws:iam::111111111111:role/team/Dev`) || !strings.Contains(out, "session policy") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	// The role allows s3:GetObject on every bucket; the session policy
	// only on photos.
	code, out, _ = authz("--session", sess, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::other/x", "--json")
	var res struct {
		Decision string `json:"decision"`
		Stage    string `json:"stage"`
	}
	if code != exitFail || json.Unmarshal([]byte(out), &res) != nil || res.Decision != "ImplicitDeny" {
		t.Fatalf("exit %d\n%s", code, out)
	}
	// Expired credentials: ExpiredToken, as the AWS CLI prints it.
	var f map[string]any
	data, _ := os.ReadFile(sess)
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	f["Credentials"].(map[string]any)["Expiration"] = "2001-01-01T00:00:00Z"
	old, _ := json.Marshal(f)
	expired := writeFile(t, dir, "expired.json", string(old))
	code, _, errOut = authz("--session", expired, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::photos/cat.jpg")
	if code != exitFail || !strings.HasPrefix(errOut, "An error occurred (ExpiredToken) when calling the GetObject operation:") {
		t.Fatalf("exit %d %q", code, errOut)
	}
	code, _, _ = authz("--session", sess, "--principal", "arn:aws:iam::111111111111:user/alice", "--action", "s3:GetObject", "--resource", "*")
	if code != exitUsage {
		t.Fatalf("--principal with --session: exit %d", code)
	}
}

// TestAuthorizeSessionInOrganization: a cross-account session on a
// resource of an organization's account (its organization keys derived
// from the overlay) is decided alike by sts and account.
func TestAuthorizeSessionInOrganization(t *testing.T) {
	args := append([]string{"assume-role"}, testAccounts...)
	code, out, errOut := runCmd(t, "", append(args, "--caller", "arn:aws:iam::222222222222:user/carol", "--external-id", "Unique-Ext-4711",
		"--role-arn", "arn:aws:iam::111111111111:role/CrossAccountAuditor", "--role-session-name", "audit")...)
	if code != 0 {
		t.Fatalf("assume-role: %d %s", code, errOut)
	}
	sess := writeFile(t, t.TempDir(), "audit.json", out)
	code, out, errOut = runCmd(t, "", append(append([]string{"authorize"}, testAccounts...), "--session", sess,
		"--action", "s3:GetObject", "--resource", "arn:aws:s3:::shared-logs/2026/12/07.log")...)
	if code != exitOK || !strings.Contains(out, "ReadSharedLogs") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}
