package sts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
)

func TestSessionFileRoundTrip(t *testing.T) {
	s, clk := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "file", SourceIdentity: "alice",
		Tags: []Tag{{"Dept", "eng"}}, TransitiveTagKeys: []string{"Dept"},
		Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	f, err := sess.File()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(f)
	if !strings.Contains(string(data), sess.Credentials().SecretAccessKey.Reveal()) || strings.Contains(f.String(), sess.Credentials().SecretAccessKey.Reveal()) {
		t.Error("the file carries the secret; its String does not")
	}
	s2, _ := New(testSet(t), &Config{Now: clk.now})
	back, err := s2.Import(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.ARN() != sess.ARN() || back.UserID() != sess.UserID() || back.SourceIdentity() != "alice" || back.Tags()["Dept"] != "eng" ||
		len(back.TransitiveTagKeys()) != 1 || !back.IssuedAt().Equal(sess.IssuedAt()) || len(back.Policies()) != 1 {
		t.Errorf("round trip: %v vs %v", back, sess)
	}
	if d, err := s2.Decide(back, Request{Action: "s3:PutObject", Resource: "*"}); err != nil || d != evaluate.ImplicitDeny {
		t.Errorf("the session policy came back: %v %v", d, err)
	}
	// Chaining from the imported session keeps its transitive tags.
	if _, err := s2.AssumeRole(back, AssumeRoleInput{RoleArn: "arn:aws:iam::111111111111:role/Chained", RoleSessionName: "ch", Tags: []Tag{{"dept", "x"}}}); err == nil {
		t.Error("the transitive tag was lost")
	}
	var m map[string]any
	json.Unmarshal(data, &m)
	m["Iamsim"].(map[string]any)["PrincipalArn"] = "arn:aws:iam::111111111111:role/RootTrust"
	forged, _ := json.Marshal(m)
	if _, err := s2.Import(forged); err == nil {
		t.Error("a file naming another role was accepted")
	}
}

// A session file that repeats a key (two "Expiration" members, of which
// encoding/json keeps the last) is refused by Import, as every JSON file
// iamsim reads is: a file that says two things is read as neither.
func TestImportRefusesRepeatedKeys(t *testing.T) {
	s, clk := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "dup"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := sess.File()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(f)
	s2, _ := New(testSet(t), &Config{Now: clk.now})
	if _, err := s2.Import(data); err != nil {
		t.Fatalf("the file as written: %v", err)
	}
	dup := strings.Replace(string(data), `"Expiration":`, `"Expiration":"2099-01-01T00:00:00Z","Expiration":`, 1)
	if dup == string(data) {
		t.Fatal("no Expiration in the file")
	}
	if _, err := s2.Import([]byte(dup)); err == nil || !strings.Contains(err.Error(), `"Expiration" appears twice`) {
		t.Errorf("a repeated Expiration: %v, want a refusal naming it", err)
	}
}
