package sts

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"
)

// Secrets never appear in String, %v, errors, logs or JSON, except in the
// credentials document (issue 12 §3).
func TestSecretsDoNotLeak(t *testing.T) {
	s, _ := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "leak"})
	if err != nil {
		t.Fatal(err)
	}
	c := sess.Credentials()
	secrets := []string{c.SecretAccessKey.Reveal(), c.SessionToken.Reveal()}
	var logged strings.Builder
	lg := log.New(&logged, "", 0)
	lg.Print(sess, c)
	lg.Printf("%v %+v %#v %s %q %x", c, c, c, c.SecretAccessKey, c.SessionToken, c.SecretAccessKey)
	lg.Printf("%v %+v %#v", sess, *sess.Caller(), sess)
	lg.Printf("%v %#v", c.Document(), c.Document())
	j1, _ := json.Marshal(c)
	j2, _ := json.Marshal(struct{ S Secret }{c.SecretAccessKey})
	_, _, lookupErr := s.Lookup(c.AccessKeyID, "wrong"+c.SessionToken.Reveal())
	out := logged.String() + string(j1) + string(j2) + fmt.Sprint(lookupErr) + sess.String()
	for _, sec := range secrets {
		if sec == "" || strings.Contains(out, sec) {
			t.Fatalf("a secret leaked (or is empty) in:\n%s", out)
		}
	}
	if !strings.Contains(out, c.AccessKeyID) || !strings.Contains(out, redacted) {
		t.Errorf("the access key id and %q should show:\n%s", redacted, out)
	}
	doc, _ := json.Marshal(c.Document())
	for _, sec := range secrets {
		if !strings.Contains(string(doc), sec) {
			t.Errorf("the credentials document lacks a secret: %s", doc)
		}
	}
	var e *Error
	if !errors.As(lookupErr, &e) || e.Code != CodeInvalidClientTokenID {
		t.Errorf("Lookup with a wrong token = %v, want InvalidClientTokenId", lookupErr)
	}
}

func TestCredentialsDocumentShape(t *testing.T) {
	s, _ := newService(t)
	sess, err := s.AssumeRole(longTerm(t, s, alice), AssumeRoleInput{RoleArn: devRole, RoleSessionName: "doc"})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	b, _ := json.Marshal(sess.Credentials().Document())
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["Expiration"] != "2026-12-07T13:00:00Z" || m["AccessKeyId"] != sess.Credentials().AccessKeyID || len(m["SecretAccessKey"]) != 40 {
		t.Errorf("document %v", m)
	}
}
