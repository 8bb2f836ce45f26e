package policy

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPolicyUnmarshalJSON checks that json.Unmarshal into a struct holding
// a *Policy parses the fragment, with positions relative to it, and that a
// policy Parse refuses is an error, not an empty policy.
func TestPolicyUnmarshalJSON(t *testing.T) {
	var holder struct {
		Name   string
		Policy *Policy
	}
	src := `{"Name": "guard", "Policy": {"Version": "2012-10-17",
"Statement": {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}}}`
	if err := json.Unmarshal([]byte(src), &holder); err != nil {
		t.Fatal(err)
	}
	rules := holder.Policy.Rules()
	if len(rules) != 1 || rules[0].Effect() != Deny {
		t.Fatalf("rules %v", rules)
	}
	if pos := holder.Policy.Position(rules[0].Offset()); pos.Line != 2 || pos.Column != 14 || pos.Offset != 39 {
		t.Errorf("the statement is at %+v, want 2:14 of the fragment", pos)
	}
	bad := `{"Policy": {"Statement": {"Effect": "deny", "Action": "s3:DeleteObject", "Resource": "*"}}}`
	holder.Policy = nil
	err := json.Unmarshal([]byte(bad), &holder)
	var list ErrorList
	if !errors.As(err, &list) || list[0].Code != CodeInvalidEffect {
		t.Errorf("an invalid policy: %v", err)
	}
	if holder.Policy != nil && len(holder.Policy.Rules()) != 0 {
		t.Errorf("an invalid policy left rules: %v", holder.Policy)
	}
}

func TestDocumentJSON(t *testing.T) {
	src := `{"Version": "2012-10-17", "Id": "x", "Statement": [
{"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*"],
 "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": true}, "StringEquals": {"aws:username": []}}},
{"Effect": "Deny", "NotPrincipal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:root"], "Service": "ec2.amazonaws.com"}, "NotAction": [], "NotResource": "*"}]}`
	var d Document
	if err := json.Unmarshal([]byte(src), &d); err != nil {
		t.Fatal(err)
	}
	want := Document{Version: Version2012, ID: "x", Statement: []Statement{
		{Sid: "A", Effect: Allow, Principal: Everyone(), Action: []string{"s3:GetObject"}, Resource: []string{"arn:aws:s3:::b/*"},
			Condition: Condition{"NumericLessThan": {"s3:max-keys": {"10"}}, "Bool": {"aws:SecureTransport": {"true"}}, "StringEquals": {"aws:username": {}}}},
		{Effect: Deny, NotPrincipal: Principal{"AWS": {"123456789012", "arn:aws:iam::123456789012:root"}, "Service": {"ec2.amazonaws.com"}}, NotAction: []string{}, NotResource: []string{"*"}},
	}}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Fatalf("Unmarshal (-want +got):\n%s", diff)
	}
	// The parser reads the same Document from the same text.
	if diff := cmp.Diff(MustParse("d.json", src).Document(), d); diff != "" {
		t.Errorf("Unmarshal differs from Parse (-Parse +Unmarshal):\n%s", diff)
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Document
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("Marshal then Unmarshal (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		`{"Statement": {"Effect": "Allow", "Effect": "Deny"}}`, `{"Statement": {"Action": 3}}`,
		`{"Statement": {"action": "s3:GetObject"}}`, `{"Statement": {"Principal": "me"}}`,
		`{"Statement": {"Condition": {"Bool": {"aws:SecureTransport": null}}}}`, `[]`, `{`,
	} {
		if err := json.Unmarshal([]byte(bad), new(Document)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestEveryoneIsFresh checks that changing one Everyone() leaves the next alone.
func TestEveryoneIsFresh(t *testing.T) {
	e := Everyone()
	e["AWS"] = []string{"123456789012"}
	if len(Everyone()) != 1 {
		t.Error("Everyone() shares its map")
	}
}
