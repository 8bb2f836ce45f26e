package evaluate

import (
	"testing"

	"github.com/iamsim/iamsim/arn"
)

var quickSeeds = []string{
	"arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123",
	"arn:aws:iam::111111111111:user/alice", "arn:aws:iam::111111111111:role/Reader",
	"arn:aws:iam::111111111111:role/apps/Reader", "arn:aws:iam::111111111111:root",
	"arn:aws:sts::111111111111:federated-user/bob", "arn:aws-cn:iam::111111111111:user/a",
	"arn:aws:sts::111111111111:assumed-role/R/s/extra", "arn:aws:sts::111111111111:assumed-role/R/",
	"arn:aws:iam::11111111111:user/a", "arn:aws:iam::aws:user/a", "arn:aws:iam:us-east-1:111111111111:user/a",
	"arn:aws:iam::111111111111:user/", "arn:aws:iam::111111111111:user/a*", "arn:aws:iam::111111111111:user/é",
	"arn:nope:iam::111111111111:user/a", "arn:aws:s3:::bucket", "arn:aws:iam::111111111111:saml-provider/x",
	"arn:aws:sts::111111111111:federated-user/", "arn:aws:iam::111111111111:rootx", "",
}

// checkQuick fails when quickPrincipal accepts s differently from arn.Parse
// and ARN.Kind, or accepts what they refuse.
func checkQuick(t *testing.T, s string) {
	kind, partition, account, name, ok := quickPrincipal(s)
	if !ok {
		return
	}
	a, err := arn.Parse(s)
	if err != nil {
		t.Fatalf("%q: quickPrincipal accepts what arn.Parse refuses: %v", s, err)
	}
	if a.Kind() != kind || a.Partition() != partition || a.Account() != account || a.Name() != name {
		t.Errorf("%q: quick (%v %q %q %q), arn (%v %q %q %q)", s, kind, partition, account, name, a.Kind(), a.Partition(), a.Account(), a.Name())
	}
	if kind == arn.KindRole && a.Path() != "/" {
		t.Errorf("%q: a role with a path taken quickly", s)
	}
	// A Prepared's memo answers as quickPrincipal, the first time (which
	// fills it) and the second (which reads it), and for another ARN after.
	var p Prepared
	for range 2 {
		k, pa, ac, n, ok := p.quickPrincipal(s)
		if !ok || k != kind || pa != partition || ac != account || n != name {
			t.Errorf("%q: memo (%v %q %q %q %t), quick (%v %q %q %q)", s, k, pa, ac, n, ok, kind, partition, account, name)
		}
	}
	if p.memo.arn != s {
		t.Errorf("%q: not remembered", s)
	}
	other := quickSeeds[1]
	if k, _, _, n, _ := p.quickPrincipal(other); k != arn.KindUser || n != "alice" {
		t.Errorf("%q after %q: %v %q, want the user alice", other, s, k, n)
	}
}

// TestQuickPrincipal: the one-pass reading of common principal ARNs agrees
// with package arn, and takes the workload's session.
func TestQuickPrincipal(t *testing.T) {
	for _, s := range quickSeeds {
		checkQuick(t, s)
	}
	for _, s := range quickSeeds[:3] {
		if _, _, _, _, ok := quickPrincipal(s); !ok {
			t.Errorf("%q: not taken quickly", s)
		}
	}
}

func FuzzQuickPrincipal(f *testing.F) {
	for _, s := range quickSeeds {
		f.Add(s)
	}
	f.Fuzz(checkQuick)
}
