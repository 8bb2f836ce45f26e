package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/policy"
)

// denyAllSCP is an SCP that denies everything, so that a test sees at once
// whether the organization's SCPs bind an account.
const denyAllSCP = `[{"name":"FullAWSAccess"},{"name":"DenyAll","document":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}}]`

// userIn is an export page holding user u of an account, allowed s3:GetObject.
func userIn(acct string) string {
	return `{"UserDetailList":[{"UserName":"u","Path":"/","Arn":"arn:aws:iam::` + acct + `:user/u",
"UserPolicyList":[{"PolicyName":"read","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}]}]}`
}

// orgPlacing is an overlay whose organization (management account
// 999999999999) places the given accounts at its root, under an SCP that
// denies everything; accounts is the overlay's own accounts list.
func orgPlacing(accounts string, placed ...string) string {
	var members []string
	for _, id := range placed {
		members = append(members, `{"id":"`+id+`","scps":[{"name":"FullAWSAccess"}]}`)
	}
	return `{"accounts":[` + accounts + `],
"organization":{"id":"o-a1b2c3d4e5","managementAccount":"999999999999","root":{"id":"r-ab12","scps":` + denyAllSCP + `,
"accounts":[` + strings.Join(members, ",") + `]}}}`
}

// TestOrganizationMembership: once an organization is loaded, every loaded
// account is placed in it, is its management account, or is declared
// standalone; anything else is refused with ErrOrganization at the
// organization's or the declaration's file:line:col (AWS Organizations
// User Guide, "AWS Organizations terminology and concepts": each account
// of an organization is in its root or in one OU; AWS Organizations API
// Reference, AlreadyInOrganizationException: "An account can belong to
// only one organization at a time").
func TestOrganizationMembership(t *testing.T) {
	const bucketPolicy = `"resourcePolicies":[{"arn":"arn:aws:sqs:us-east-1:222222222222:q","account":"222222222222","policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}}]`
	cases := []struct {
		reason string
		export string
		ov     string
		want   []string // nil: loads
	}{
		{"a typo in the organization's account list: the exported account is left out, so its SCPs would silently not apply",
			userIn("111111111111"), orgPlacing("", "111111111112"),
			[]string{"ov.json:2:16: organization: account 111111111111 (loaded at a.json:1:20 UserDetailList[0]) is neither placed in the organization's root or an OU nor its management account"}},
		{"near miss: the exported account is placed", userIn("111111111111"), orgPlacing("", "111111111111"), nil},
		{"near miss: the exported account is the management account, not placed", userIn("999999999999"), orgPlacing(""), nil},
		{"near miss: the exported account is declared standalone", userIn("111111111111"), orgPlacing(`{"id":"111111111111","standalone":true}`), nil},
		{"near miss: the organization places an account no file loads (a member that was not exported)", userIn("111111111111"), orgPlacing("", "111111111111", "333333333333"), nil},
		{"an account the overlay names but the organization leaves out", userIn("111111111111"), orgPlacing(`{"id":"222222222222","name":"audit"}`, "111111111111"),
			[]string{"organization: account 222222222222 (loaded at ov.json:1:14 accounts[0]) is neither placed"}},
		{"the owner of a resource policy is left out: its RCPs would silently not apply", userIn("111111111111"),
			strings.Replace(orgPlacing("", "111111111111"), `{"accounts":[]`, `{"accounts":[],`+bucketPolicy, 1),
			[]string{"organization: account 222222222222 (loaded at ov.json:1:36 resourcePolicies[0]) is neither placed"}},
		{"near miss: the owner of a resource policy is placed", userIn("111111111111"),
			strings.Replace(orgPlacing("", "111111111111", "222222222222"), `{"accounts":[]`, `{"accounts":[],`+bucketPolicy, 1), nil},
		{"a standalone account the organization places", userIn("111111111111"), orgPlacing(`{"id":"111111111111","standalone":true}`, "111111111111"),
			[]string{"ov.json:1:14: accounts[0].standalone: account 111111111111 is declared standalone, but the organization places it at ov.json:3:13 organization.root.accounts[0]"}},
		{"a standalone account that is the management account", userIn("111111111111"), orgPlacing(`{"id":"999999999999","standalone":true}`, "111111111111"),
			[]string{"ov.json:1:14: accounts[0].standalone: account 999999999999 is declared standalone, but the organization names it its management account"}},
		{"standalone of the wrong form", userIn("111111111111"), orgPlacing(`{"id":"111111111111","standalone":"yes"}`, "111111111111"),
			[]string{`ov.json:1:48: accounts[0].standalone: want a boolean, found "yes"`}},
		{"an account declared standalone and not, by two entries", userIn("111111111111"),
			orgPlacing(`{"id":"222222222222","standalone":true},{"id":"222222222222","standalone":false}`, "111111111111"),
			[]string{"ov.json:1:88: accounts[1].standalone: account 222222222222 is declared standalone false here and true at accounts[0].standalone"}},
		{"near miss: two entries of an account, both standalone", userIn("111111111111"),
			orgPlacing(`{"id":"222222222222","standalone":true},{"id":"222222222222","name":"audit","standalone":true}`, "111111111111"), nil},
		{"near miss: standalone without an organization", userIn("111111111111"), `{"accounts":[{"id":"111111111111","standalone":true}]}`, nil},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			ov := file("ov.json", c.ov)
			set, err := account.Load([]account.File{file("a.json", c.export)}, &ov, account.Options{})
			if c.want == nil {
				if err != nil || set == nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantLoadError(t, []account.File{file("a.json", c.export)}, &ov, account.Options{}, c.want...)
			if !strings.Contains(c.reason, "wrong form") && !errors.Is(err, account.ErrOrganization) {
				t.Fatalf("not ErrOrganization: %v", err)
			}
		})
	}
}

// TestStandaloneIsOutside: a declared standalone account has no SCP and no
// organization keys, while a placed one is bound by the SCPs (AWS
// Organizations User Guide, "Removing a member account from an
// organization": a standalone account "is no longer subject to any
// policies").
func TestStandaloneIsOutside(t *testing.T) {
	ov := file("ov.json", orgPlacing(`{"id":"222222222222","standalone":true}`, "111111111111"))
	set, err := account.Load([]account.File{file("a.json", userIn("111111111111")), file("b.json", userIn("222222222222"))}, &ov, account.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for acct, want := range map[string]evaluate.Decision{"111111111111": evaluate.ExplicitDeny, "222222222222": evaluate.Allow} {
		res, err := set.Authorize(account.Request{Principal: "arn:aws:iam::" + acct + ":user/u", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
		if err != nil || res.Decision != want {
			t.Errorf("%s: got %v %v, want %v", acct, res, err, want)
		}
	}
	if _, _, ok := set.OrgOf("222222222222"); ok {
		t.Error("a standalone account is in the organization")
	}
}

// TestOrganizationMembershipBuilt: accounts written in Go follow the same
// rule, and a failed build returns no Set.
func TestOrganizationMembershipBuilt(t *testing.T) {
	build := func(standalone bool) (*account.Set, error) {
		var b account.Builder
		b.AddUser(account.User{Account: "222222222222", Name: "u"})
		b.AddAccount(account.Account{ID: "222222222222", Standalone: standalone})
		b.SetOrganization(account.Organization{ManagementAccount: mgmt, Root: account.Unit{SCPs: []*policy.Policy{account.FullAWSAccess},
			Accounts: []account.Member{{ID: member, SCPs: []*policy.Policy{account.FullAWSAccess}}}}})
		return b.Build(account.Options{})
	}
	set, err := build(false)
	if set != nil || !errors.Is(err, account.ErrOrganization) || !strings.Contains(err.Error(), "Organization: account 222222222222 (loaded at User[0]) is neither placed") {
		t.Fatalf("got %v %v", set, err)
	}
	if set, err := build(true); err != nil || set == nil {
		t.Fatalf("a standalone account: %v", err)
	}
}
