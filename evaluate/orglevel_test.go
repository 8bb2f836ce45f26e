package evaluate

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestOrgLevelsNamed: SCP levels are listed root first and the account
// last (AWS Organizations User Guide, "Inheritance for service control
// policies"), and an explanation names the level that decided as the root,
// an OU or the account.
func TestOrgLevelsNamed(t *testing.T) {
	all := policy.MustParse("all", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	none := policy.MustParse("none", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`)
	for _, c := range []struct {
		levels [][]*policy.Policy
		want   string
	}{
		{[][]*policy.Policy{{none}, {all}, {all}}, "no service control policy attached to the root (level 0) allows"},
		{[][]*policy.Policy{{all}, {none}, {all}}, "no service control policy attached to an OU (level 1) allows"},
		{[][]*policy.Policy{{all}, {all}, {none}}, "no service control policy attached to the account (level 2) allows"},
	} {
		res, err := Evaluate(Policies{Identity: []*policy.Policy{all}, SCPs: c.levels}, Request{
			Principal: "arn:aws:iam::111111111111:user/alice", Action: "s3:GetObject",
			Resource: "arn:aws:s3:::photos/cat.jpg", ResourceAccount: "111111111111",
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.SCPLevels != 3 || !strings.Contains(res.String(), c.want) {
			t.Errorf("SCPLevels %d, text %q; want 3 and %q", res.SCPLevels, res.String(), c.want)
		}
	}
	for _, c := range []struct {
		i, n int
		want string
	}{{0, 1, "root"}, {0, 3, "root"}, {1, 3, "OU"}, {2, 3, "account"}, {1, 2, "account"}} {
		if got := OrgLevel(c.i, c.n); got != c.want {
			t.Errorf("OrgLevel(%d, %d) = %q, want %q", c.i, c.n, got, c.want)
		}
	}
}
