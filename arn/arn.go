// Package arn parses, validates and builds Amazon Resource Names (ARNs).
//
// An ARN has the form
//
//	arn:partition:service:region:account-id:resource
//
// where the resource may itself contain ':' and '/'. See "Amazon Resource
// Names (ARNs)" in the AWS General Reference
// (https://docs.aws.amazon.com/general/latest/gr/aws-arns-and-namespaces.html)
// and "IAM identifiers" in the IAM User Guide
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
//
// The [ARN] type is modelled on net/netip.Addr: a small, immutable,
// comparable value whose zero value is invalid. It keeps the original string
// and the offsets of its fields, so accessors return substrings without
// allocating, and two ARNs are == exactly when their strings are equal.
//
// Parse accepts only concrete ARNs: '*' and '?' are rejected because in IAM
// policies they are wildcards, and a value that names one resource must not
// silently match many.
package arn

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ARN is an immutable, parsed Amazon Resource Name.
//
// The zero value is not a valid ARN: IsValid reports false, String returns ""
// and every accessor returns "". ARN values are comparable with == and can be
// used as map keys; equal ARNs have equal strings.
type ARN struct {
	s string
	// Byte offsets in s of the ':' that ends the partition, service, region
	// and account fields. The partition starts at offset 4, after "arn:".
	// uint32 keeps the struct at two words plus a string header.
	partEnd, svcEnd, regEnd, acctEnd uint32
}

// prefix is the literal every ARN starts with.
const prefix = "arn:"

// ParseError describes why a string is not a valid ARN. Offset says where
// so that tools can point at the defect instead of echoing the whole input.
type ParseError struct {
	Input  string // the string given to Parse
	Offset int    // byte offset in Input of the defect, 0 <= Offset <= len(Input)
	Msg    string // what is wrong, without the input
}

// Error formats the error as
// `arn: parsing "INPUT": MSG (at byte OFFSET)`.
func (e *ParseError) Error() string {
	return "arn: parsing " + strconv.Quote(e.Input) + ": " + e.Msg +
		" (at byte " + strconv.Itoa(e.Offset) + ")"
}

// FieldError reports an invalid argument to one of the constructors (User,
// Role, AssumedRole, FederatedUser, Root) or to ARN.RoleARN. It names the
// argument rather than a byte offset because the ARN was never written out.
type FieldError struct {
	Field string // argument name, e.g. "partition", "account", "path", "user name"
	Value string // the rejected value
	Msg   string // what is wrong with it
}

// Error formats the error as `arn: invalid FIELD "VALUE": MSG`.
func (e *FieldError) Error() string {
	return "arn: invalid " + e.Field + " " + strconv.Quote(e.Value) + ": " + e.Msg
}

// Parse parses s as a concrete ARN. It requires the "arn:" prefix, a partition
// accepted by ValidPartition, a non-empty service of [a-z0-9-], a region that
// is empty or [a-z0-9-], an account that is empty, 12 digits or the literal
// "aws" (AWS managed policies, arn:aws:iam::aws:policy/...), and a non-empty
// resource. The resource may contain ':' and '/' but no '*' or '?' (wildcards),
// no ASCII control characters and no invalid UTF-8, so that the text form
// survives JSON and logs unchanged.
//
// On failure the error is a *ParseError.
func Parse(s string) (ARN, error) {
	if uint64(len(s)) > math.MaxUint32 {
		return ARN{}, &ParseError{Input: s, Offset: 0, Msg: "ARN too long"}
	}
	if !strings.HasPrefix(s, prefix) {
		// Point at the first byte that differs from "arn:".
		off := 0
		for off < len(s) && off < len(prefix) && s[off] == prefix[off] {
			off++
		}
		return ARN{}, perr(s, off, `missing "arn:" prefix`)
	}
	var ends [4]int
	start := len(prefix)
	for i := range ends {
		j := strings.IndexByte(s[start:], ':')
		if j < 0 {
			return ARN{}, perr(s, len(s), "too few fields: want arn:partition:service:region:account-id:resource")
		}
		ends[i] = start + j
		start = ends[i] + 1
	}
	a := ARN{s: s, partEnd: uint32(ends[0]), svcEnd: uint32(ends[1]), regEnd: uint32(ends[2]), acctEnd: uint32(ends[3])}

	// Wildcards anywhere are reported first and precisely: a pattern given
	// where a concrete ARN is expected is the most likely mistake.
	if i := strings.IndexAny(s, "*?"); i >= 0 {
		return ARN{}, perr(s, i, "wildcard "+strconv.QuoteRune(rune(s[i]))+" not allowed in a concrete ARN")
	}

	if p := a.Partition(); !ValidPartition(p) {
		return ARN{}, perr(s, len(prefix), "invalid partition "+strconv.Quote(p))
	}
	svcStart := ends[0] + 1
	if svc := a.Service(); svc == "" {
		return ARN{}, perr(s, svcStart, "empty service")
	} else if i := indexNotLowerAlnumDash(svc); i >= 0 {
		return ARN{}, perr(s, svcStart+i, "invalid character "+strconv.QuoteRune(rune(svc[i]))+" in service "+strconv.Quote(svc))
	}
	regStart := ends[1] + 1
	if reg := a.Region(); reg != "" {
		if i := indexNotLowerAlnumDash(reg); i >= 0 {
			return ARN{}, perr(s, regStart+i, "invalid character "+strconv.QuoteRune(rune(reg[i]))+" in region "+strconv.Quote(reg))
		}
	}
	if acct := a.Account(); acct != "" && acct != "aws" && !IsAccountID(acct) {
		return ARN{}, perr(s, ends[2]+1, "invalid account ID "+strconv.Quote(acct)+` (want 12 digits, "aws" or empty)`)
	}
	resStart := ends[3] + 1
	res := s[resStart:]
	if res == "" {
		return ARN{}, perr(s, resStart, "empty resource")
	}
	for i := 0; i < len(res); {
		c := res[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return ARN{}, perr(s, resStart+i, "control character "+strconv.QuoteRune(rune(c))+" in resource")
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(res[i:])
		if r == utf8.RuneError && n == 1 {
			return ARN{}, perr(s, resStart+i, "invalid UTF-8 in resource")
		}
		i += n
	}
	return a, nil
}

// perr builds a *ParseError; a helper keeps Parse readable.
func perr(s string, off int, msg string) *ParseError {
	return &ParseError{Input: s, Offset: off, Msg: msg}
}

// indexNotLowerAlnumDash returns the index of the first byte of s outside
// [a-z0-9-], or -1. Service namespaces and region codes use only these.
func indexNotLowerAlnumDash(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return i
		}
	}
	return -1
}

// MustParse is like Parse but panics on error. It is meant for tests,
// examples and package-level variables holding constant ARNs.
func MustParse(s string) ARN {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

// IsValid reports whether a holds a parsed ARN. The zero ARN is invalid,
// which lets struct fields of type ARN mean "not set".
func (a ARN) IsValid() bool { return a.s != "" }

// String returns the ARN exactly as parsed, or "" for the zero value.
// It does not allocate.
func (a ARN) String() string { return a.s }

// AppendText implements encoding.TextAppender, appending the ARN's text
// (nothing for the zero value) to b.
func (a ARN) AppendText(b []byte) ([]byte, error) {
	return append(b, a.s...), nil
}

// MarshalText implements encoding.TextMarshaler. The zero ARN marshals to
// empty text, which UnmarshalText turns back into the zero ARN.
func (a ARN) MarshalText() ([]byte, error) {
	return a.AppendText(make([]byte, 0, len(a.s)))
}

// UnmarshalText implements encoding.TextUnmarshaler. Empty text yields the
// zero ARN without error, as with netip.Addr, so optional fields round-trip.
func (a *ARN) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*a = ARN{}
		return nil
	}
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*a = p
	return nil
}

// Compare returns an integer comparing a and b by their strings, so that
// slices of ARNs sort deterministically with slices.SortFunc(s, ARN.Compare).
// The zero ARN sorts first.
func (a ARN) Compare(b ARN) int { return strings.Compare(a.s, b.s) }

// Partition returns the partition, such as "aws" or "aws-cn".
func (a ARN) Partition() string {
	if a.s == "" {
		return ""
	}
	return a.s[len(prefix):a.partEnd]
}

// Service returns the service namespace, such as "iam" or "s3".
func (a ARN) Service() string {
	if a.s == "" {
		return ""
	}
	return a.s[a.partEnd+1 : a.svcEnd]
}

// Region returns the region code, or "" for global resources such as IAM.
func (a ARN) Region() string {
	if a.s == "" {
		return ""
	}
	return a.s[a.svcEnd+1 : a.regEnd]
}

// Account returns the account field: 12 digits, "aws" for AWS managed
// policies, or "" for resources without an owner account (S3 buckets).
func (a ARN) Account() string {
	if a.s == "" {
		return ""
	}
	return a.s[a.regEnd+1 : a.acctEnd]
}

// Resource returns everything after the fifth colon, such as
// "user/division/alice" or "function:my-fn:1".
func (a ARN) Resource() string {
	if a.s == "" {
		return ""
	}
	return a.s[a.acctEnd+1:]
}

// knownPartitions lists partition identifiers. The general reference page
// "Amazon Resource Names (ARNs)" documents aws, aws-cn and aws-us-gov; the
// isolated and sovereign partitions come from the AWS SDK partition metadata
// (partitions.json: aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc).
var knownPartitions = [...]string{
	"aws", "aws-cn", "aws-us-gov",
	"aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
	"aws-eusc",
}

// ValidPartition reports whether p is a known AWS partition. Unknown
// partitions are rejected because a typo there ("amazon", "aws-gov") would
// otherwise produce an ARN that never matches anything.
func ValidPartition(p string) bool {
	for _, k := range knownPartitions {
		if p == k {
			return true
		}
	}
	return false
}

// IsAccountID reports whether s is an AWS account ID: exactly 12 ASCII
// digits, without hyphens (General Reference, "Amazon Resource Names").
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
