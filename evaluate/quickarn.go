package evaluate

import (
	"strings"

	"github.com/iamsim/iamsim/arn"
	"github.com/iamsim/iamsim/internal/swar"
)

// quickPrincipal reads the principal ARNs requests carry most in one pass:
// an assumed-role session, a user or role without a path, a federated
// user, an account's root. It accepts only what arn.Parse accepts and
// ARN.Kind names as the kind it returns, with the same partition, account
// and name (TestQuickPrincipal, FuzzQuickPrincipal); for anything else ok
// is false and the caller asks package arn. arn.Parse scans the text
// several times over (its fields, wildcards, characters, then the kind):
// it was the largest part of preparing a request.
func quickPrincipal(s string) (kind arn.Kind, partition, account, name string, ok bool) {
	if len(s) < len("arn:aws:iam::111111111111:root") || s[:4] != "arn:" {
		return
	}
	rest := s[4:]
	if rest[:4] == "aws:" { // the commercial partition, most ARNs'
		partition, rest = rest[:3], rest[4:]
	} else {
		i := strings.IndexByte(rest, ':')
		if i < 0 || !arn.ValidPartition(rest[:i]) {
			return
		}
		partition, rest = rest[:i], rest[i+1:]
	}
	if len(rest) < len("iam::111111111111:") || rest[3:5] != "::" || rest[17] != ':' {
		return
	}
	service := rest[:3]
	if service != "sts" && service != "iam" {
		return
	}
	if !digits8(rest[5:13]) || !digits8(rest[9:17]) { // the 12 digits, as two words that overlap
		return
	}
	account, rest = rest[5:17], rest[18:]
	cut := func(prefix string) (string, bool) {
		n, found := strings.CutPrefix(rest, prefix)
		return n, found && isNameText(n)
	}
	if service == "iam" {
		if rest == "root" {
			return arn.KindRoot, partition, account, "", true
		}
		if n, ok := cut("user/"); ok {
			return arn.KindUser, partition, account, n, true
		}
		if n, ok := cut("role/"); ok {
			return arn.KindRole, partition, account, n, true
		}
		return
	}
	if r, found := strings.CutPrefix(rest, "assumed-role/"); found {
		if j := strings.IndexByte(r, '/'); j >= 0 && isNameText(r[:j]) && isNameText(r[j+1:]) {
			return arn.KindAssumedRole, partition, account, r[:j], true
		}
		return
	}
	if n, ok := cut("federated-user/"); ok {
		return arn.KindFederatedUser, partition, account, n, true
	}
	return
}

// digits8 reports whether the 8 bytes of s are all ASCII digits, testing
// them as one word: no byte has its high bit, none is below '0'
// ((x-0x30…)&^x has a high bit exactly when some byte is below 0x30), none
// above '9' (adding 0x46 carries a byte above 0x39 into its high bit).
func digits8(s string) bool {
	x := swar.Load(s, 0)
	return (x|(x+0x46*swar.Low))&swar.High == 0 && (x-0x30*swar.Low)&^x&swar.High == 0
}

// isNameText reports whether s is one or more of [\w+=,.@-], the
// characters of IAM names (IAM User Guide, "IAM and AWS STS quotas").
func isNameText(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !nameBytes[s[i]] {
			return false
		}
	}
	return true
}

var nameBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_+=,.@-", byte(c)) >= 0
	}
	return t
}()
