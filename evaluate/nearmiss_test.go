package evaluate

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestNearMisses: an explanation names the statements that matched the
// action, resource and principal but failed a condition, with the clause
// that failed.
func TestNearMisses(t *testing.T) {
	stmt := func(effect, cond string) string {
		return `{"Sid":"S","Effect":"` + effect + `","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}`
	}
	doc := func(stmts ...string) string {
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	}
	tests := []struct {
		reason  string
		policy  string
		ctx     ctx
		want    []string // NearMiss.String() of each, in order
		inText  string   // a part of Result.String(); "" for none
		outText string   // must not be in Result.String()
	}{
		{"a value that did not match",
			doc(stmt("Allow", `{"StringEquals":{"aws:SourceVpc":"vpc-111"}}`)), ctx{"aws:SourceVpc": {"vpc-999"}},
			[]string{`StringEquals aws:SourceVpc "vpc-111" did not match "vpc-999"`},
			`It would have been allowed by statement "S" of the identity-based policy (p.json:1:38), whose condition StringEquals aws:SourceVpc "vpc-111" did not match "vpc-999".`, ""},
		{"a key absent from the request",
			doc(stmt("Allow", `{"Bool":{"aws:SecureTransport":"true"}}`)), nil,
			[]string{`Bool aws:SecureTransport "true" failed: the key is absent from the request`}, "whose condition Bool aws:SecureTransport", ""},
		{"the first clause that failed is named",
			doc(stmt("Allow", `{"StringEquals":{"aws:SourceVpc":"vpc-999"},"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]}}`)), ctx{"aws:SourceVpc": {"vpc-999"}, "aws:SourceIp": {"203.0.113.5"}},
			[]string{`IpAddress aws:SourceIp ["10.0.0.0/8", "192.0.2.0/24"] did not match "203.0.113.5"`}, "IpAddress aws:SourceIp", ""},
		{"a negated operator that matched",
			doc(stmt("Allow", `{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}`)), ctx{"aws:RequestedRegion": {"eu-west-1"}},
			[]string{`StringNotEquals aws:RequestedRegion "eu-west-1" matched "eu-west-1"`}, "StringNotEquals", ""},
		{"a Deny near miss is reported, not offered as what would allow",
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, stmt("Deny", `{"StringEquals":{"aws:SourceVpc":"vpc-111"}}`)), ctx{"aws:SourceVpc": {"vpc-999"}},
			[]string{`StringEquals aws:SourceVpc "vpc-111" did not match "vpc-999"`}, "", "would have been"},
		{"a statement of another action is no near miss",
			doc(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`), nil,
			nil, "no identity-based policy allows", "would have been"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			res, err := Evaluate(Policies{Identity: []*policy.Policy{mustPolicy(t, tt.policy)}}, userRequest(tt.ctx))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range res.NearMisses {
				got = append(got, n.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("near misses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			text := res.String()
			if tt.inText != "" && !strings.Contains(text, tt.inText) {
				t.Errorf("String() = %s\nwant it to hold %s", text, tt.inText)
			}
			if tt.outText != "" && strings.Contains(text, tt.outText) {
				t.Errorf("String() = %s\nwant it not to hold %s", text, tt.outText)
			}
		})
	}
}

// TestNearMissJSON: the near misses are in the JSON form too.
func TestNearMissJSON(t *testing.T) {
	p := mustPolicy(t, `{"Version":"2012-10-17","Statement":[{"Sid":"Vpc","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-111"}}}]}`)
	res, err := Evaluate(Policies{Identity: []*policy.Policy{p}}, userRequest(ctx{"aws:SourceVpc": {"vpc-999"}}))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		NearMisses []struct {
			Policy, Sid, Condition, Reason, Effect, Type string
		} `json:"nearMisses"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.NearMisses) != 1 {
		t.Fatalf("JSON near misses: %s", b)
	}
	n := back.NearMisses[0]
	if n.Policy != "p.json" || n.Sid != "Vpc" || n.Effect != "Allow" || n.Type != "identity" ||
		n.Condition != `StringEquals aws:SourceVpc "vpc-111"` || n.Reason != `did not match "vpc-999"` {
		t.Errorf("JSON near miss %+v", n)
	}
}

// TestNearMissesOnlyInExplain: Decide reports nothing and allocates
// nothing for a near miss.
func TestNearMissesOnlyInExplain(t *testing.T) {
	set, err := Compile(Policies{Identity: []*policy.Policy{allowIf(t, `{"StringEquals":{"aws:SourceVpc":"vpc-111"}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	p := mustPrepare(t, userRequest(ctx{"aws:SourceVpc": {"vpc-999"}}))
	if n := testing.AllocsPerRun(100, func() { set.Decide(p) }); n != 0 {
		t.Errorf("Decide allocates %v times with a near miss", n)
	}
}
