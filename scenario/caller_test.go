package scenario_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/scenario"
)

func TestLoadCaller(t *testing.T) {
	src := `{"request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "caller": {
  "arn": "arn:aws:iam::111111111111:role/apps/AppRole", "sessionName": "s1", "userId": "AROAEXAMPLE:s1",
  "tags": {"team": "photos", "cost-center": "42"}, "sourceIdentity": "alice", "tokenIssueTime": "2024-06-01T12:00:00Z",
  "federatedProvider": "arn:aws:iam::111111111111:oidc-provider/example.com", "temporary": true, "mfaAuthTime": "2024-06-01T11:59:00Z"}}}`
	e := scenario.Load("c.json", []byte(src))[0]
	if e.Err != nil {
		t.Fatal(e.Err)
	}
	c := e.Scenario.Request.Caller
	want := evaluate.Caller{
		ARN: "arn:aws:iam::111111111111:role/apps/AppRole", SessionName: "s1", UserID: "AROAEXAMPLE:s1",
		Tags: map[string]string{"team": "photos", "cost-center": "42"}, SourceIdentity: "alice",
		TokenIssueTime:    time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC),
		FederatedProvider: "arn:aws:iam::111111111111:oidc-provider/example.com", Temporary: true,
		MFAAuthTime: time.Date(2024, 6, 1, 11, 59, 0, 0, time.UTC),
	}
	if c == nil || c.ARN != want.ARN || c.SessionName != want.SessionName || c.UserID != want.UserID ||
		len(c.Tags) != 2 || c.Tags["team"] != "photos" || c.Tags["cost-center"] != "42" || c.SourceIdentity != want.SourceIdentity ||
		!c.TokenIssueTime.Equal(want.TokenIssueTime) || c.FederatedProvider != want.FederatedProvider ||
		c.Temporary != want.Temporary || !c.MFAAuthTime.Equal(want.MFAAuthTime) {
		t.Errorf("caller\n got %+v\nwant %+v", c, want)
	}
	// The principal is derived from the caller: a request with a caller
	// and no principal is a request.
	res, err := e.Scenario.Run()
	if err != nil || res.Principal != "arn:aws:sts::111111111111:assumed-role/AppRole/s1" {
		t.Errorf("Run = %v, %v", res, err)
	}
}

func TestLoadCallerErrors(t *testing.T) {
	tests := []struct{ reason, caller, want string }{
		{"not an object", `"x"`, `request.caller: caller is an object`},
		{"no arn", `{"sessionName": "s"}`, `request.caller: caller needs an arn`},
		{"an unknown field", `{"arn": "arn:aws:iam::111111111111:user/a", "mfa": true}`, `request.caller.mfa: unknown field "mfa"`},
		{"a number for a string", `{"arn": 7}`, `request.caller.arn: must be a string, not the number 7`},
		{"a date that is not one", `{"arn": "arn:aws:iam::111111111111:user/a", "tokenIssueTime": "yesterday"}`, `request.caller.tokenIssueTime: "yesterday" is not an ISO 8601 date`},
		{"temporary as a string", `{"arn": "arn:aws:iam::111111111111:user/a", "temporary": "true"}`, `request.caller.temporary: must be true or false`},
		{"tags as a list", `{"arn": "arn:aws:iam::111111111111:user/a", "tags": ["a"]}`, `request.caller.tags: tags is an object`},
		{"a tag that is not a string", `{"arn": "arn:aws:iam::111111111111:user/a", "tags": {"a": 1}}`, `request.caller.tags.a: must be a string`},
		{"a repeated tag", `{"arn": "arn:aws:iam::111111111111:user/a", "tags": {"a": "1", "a": "2"}}`, `request.caller.tags.a: the key "a" appears twice`},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			src := `{"request": {"action": "s3:GetObject", "resource": "*", "caller": ` + tt.caller + `}}`
			e := scenario.Load("c.json", []byte(src))[0]
			if e.Err == nil || !strings.Contains(e.Err.Error(), tt.want) {
				t.Errorf("error %v, want %q", e.Err, tt.want)
			}
		})
	}
}

// The engine's refusals of a caller are placed at the caller's field.
func TestRunCallerErrors(t *testing.T) {
	tests := []struct{ reason, caller, want string }{
		{"a session name for a user", `{"arn": "arn:aws:iam::111111111111:user/a", "sessionName": "s"}`, `^c\.json:1:126: request\.caller\.sessionName: is given for a caller that is not a role`},
		// Either key may be the one found second.
		{"tags that differ in case only", `{"arn": "arn:aws:iam::111111111111:user/a", "tags": {"team": "a", "Team": "b"}}`, `^c\.json:1:(120: request\.caller\.tags\.team|133: request\.caller\.tags\.Team): is given twice in different letter case`},
		{"a session ARN", `{"arn": "arn:aws:sts::111111111111:assumed-role/R/s"}`, `^c\.json:1:75: request\.caller\.arn: is a session ARN`},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			src := `{"request": {"action": "s3:GetObject", "resource": "*", "caller": ` + tt.caller + `}}`
			e := scenario.Load("c.json", []byte(src))[0]
			if e.Err != nil {
				t.Fatal(e.Err)
			}
			_, err := e.Scenario.Run()
			var re *evaluate.RequestError
			if !errors.As(err, &re) || !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("Run error %v, want a RequestError matching %q", err, tt.want)
			}
		})
	}
}

// TestRefusedRequests runs ../testdata/refused: each request is refused at
// the context key that tries to override the caller, never decided.
func TestRefusedRequests(t *testing.T) {
	want := map[string]string{
		"caller-context-override.json": ":13:7: request.context.aws:PrincipalArn: is set by the Caller",
		"caller-tag-override.json":     ":14:7: request.context.aws:PrincipalTag/team: is set by the Caller",
	}
	files, _ := filepath.Glob("../testdata/refused/*.json")
	if len(files) != len(want) {
		t.Fatalf("files %q, want the %d of the table", files, len(want))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		e := scenario.Load(file, data)[0]
		if e.Err != nil {
			t.Fatalf("%s: %v", file, e.Err)
		}
		res, err := e.Scenario.Run()
		var se *scenario.Error
		if res != nil || !errors.As(err, &se) || !strings.HasPrefix(err.Error(), file+want[filepath.Base(file)]) {
			t.Errorf("%s: Run = %v, %v; want %q", file, res, err, want[filepath.Base(file)])
		}
	}
}
