package iamtest_test

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/iamtest"
)

const (
	editor = "arn:aws:iam::111111111111:role/app/PhotoEditor" // not in the photos account
	other  = "arn:aws:s3:::billing/2026.csv"
)

// TestMatrix: the whole design in one call; a wrong cell fails once, with
// a diff of the differing cells only and each one's explanation.
func TestMatrix(t *testing.T) {
	set := photosAccounts(t)
	m := iamtest.Matrix{
		Principals:      []string{reader},
		Actions:         []string{"s3:GetObject", "s3:PutObject"},
		Resources:       []string{photo, other},
		ResourceAccount: "111111111111",
		Context:         map[string][]string{"aws:SecureTransport": {"true"}},
		Want:            map[iamtest.Cell]iamtest.Want{{reader, "s3:GetObject", photo}: iamtest.Allow},
		Else:            iamtest.Denied,
	}
	iamtest.CheckMatrix(t, iamtest.Accounts(set), m)

	m.Want = map[iamtest.Cell]iamtest.Want{{reader, "s3:GetObject", photo}: iamtest.Allow, {reader, "s3:PutObject", photo}: iamtest.Allow}
	got := record(t, func(tb testing.TB) { iamtest.CheckMatrix(tb, iamtest.Accounts(set), m) })
	if len(got) != 1 || !containsAll(got[0], "access matrix: 1 of 4 cells differ (-want +got):",
		"- \t\""+reader+" s3:PutObject "+photo+"\":   \"Allow\",", "+ \t\""+reader+" s3:PutObject "+photo+"\":   \"ImplicitDeny\",",
		reader+" s3:PutObject "+photo+": want Allow, got ImplicitDeny\n    why: ImplicitDeny",
		`near miss: Deny statement 0 "DenyInsecureTransport" of the resource policy photos bucket policy:26:21: Bool aws:SecureTransport "false" did not match "true"`) {
		t.Errorf("failures:\n%s", strings.Join(got, "\n---\n"))
	}
}

// TestMatrixMalformed: every malformed cell is reported: a cell that wants
// nothing (no Else), a Want for a cell outside the matrix, a principal the
// accounts do not hold.
func TestMatrixMalformed(t *testing.T) {
	m := iamtest.Matrix{
		Principals: []string{reader, editor},
		Actions:    []string{"s3:GetObject"},
		Resources:  []string{photo},
		Want: map[iamtest.Cell]iamtest.Want{
			{reader, "s3:GetObject", photo}: iamtest.Allow,
			{reader, "s3:GetObject", other}: iamtest.Denied,
		},
	}
	got := record(t, func(tb testing.TB) { iamtest.CheckMatrix(tb, iamtest.Accounts(photosAccounts(t)), m) })
	all := strings.Join(got, "\n")
	if len(got) != 2 || !containsAll(all, "malformed matrix cell: Want names "+reader+" s3:GetObject "+other+", which is not a cell",
		"malformed matrix cell: "+editor+" s3:GetObject "+photo+": the case says nothing of what it wants") {
		t.Errorf("failures:\n%s", all)
	}
}
