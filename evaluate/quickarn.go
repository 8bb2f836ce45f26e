package evaluate

import (
	"strings"

	"github.com/iamsim/iamsim/arn"
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
	rest, found := strings.CutPrefix(s, "arn:")
	if !found {
		return
	}
	i := strings.IndexByte(rest, ':')
	if i < 0 || !arn.ValidPartition(rest[:i]) {
		return
	}
	partition, rest = rest[:i], rest[i+1:]
	var service string
	switch {
	case strings.HasPrefix(rest, "sts::"):
		service, rest = "sts", rest[len("sts::"):]
	case strings.HasPrefix(rest, "iam::"):
		service, rest = "iam", rest[len("iam::"):]
	default:
		return
	}
	if len(rest) < 13 || rest[12] != ':' || !arn.IsAccountID(rest[:12]) {
		return
	}
	account, rest = rest[:12], rest[13:]
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
	if n, ok := cut("federated-user/"); ok {
		return arn.KindFederatedUser, partition, account, n, true
	}
	if r, found := strings.CutPrefix(rest, "assumed-role/"); found {
		role, session, found := strings.Cut(r, "/")
		if found && isNameText(role) && isNameText(session) {
			return arn.KindAssumedRole, partition, account, role, true
		}
	}
	return
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
