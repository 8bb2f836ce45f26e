package policy

// The compiled form of policies, which only the decision engine reads, lives
// in internal/compiled. These aliases keep package evaluate compiling until
// it imports internal/compiled itself; they are not part of what a user of
// this package writes or reads.

import (
	"net/netip"
	"time"

	"github.com/iamsim/iamsim/internal/compiled"
)

// Template is compiled.Template.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type Template = compiled.Template

// ARNPattern is compiled.ARNPattern.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type ARNPattern = compiled.ARNPattern

// Operator is compiled.Operator.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type Operator = compiled.Operator

// Family is compiled.Family.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type Family = compiled.Family

// SetQualifier is compiled.SetQualifier.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type SetQualifier = compiled.SetQualifier

// Operand is compiled.Operand.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type Operand = compiled.Operand

// Vars is compiled.Vars.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type Vars = compiled.Vars

// Clause is compiled.Clause.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type Clause = compiled.Clause

// PrincipalSet is compiled.PrincipalSet.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type PrincipalSet = compiled.PrincipalSet

// AWSPrincipalKind is compiled.AWSPrincipalKind.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type AWSPrincipalKind = compiled.AWSPrincipalKind

// AWSPrincipal is compiled.AWSPrincipal.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
type AWSPrincipal = compiled.AWSPrincipal

// The condition operators, as compiled defines them.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
const (
	InvalidOperator           = compiled.InvalidOperator
	StringEquals              = compiled.StringEquals
	StringNotEquals           = compiled.StringNotEquals
	StringEqualsIgnoreCase    = compiled.StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase = compiled.StringNotEqualsIgnoreCase
	StringLike                = compiled.StringLike
	StringNotLike             = compiled.StringNotLike
	NumericEquals             = compiled.NumericEquals
	NumericNotEquals          = compiled.NumericNotEquals
	NumericLessThan           = compiled.NumericLessThan
	NumericLessThanEquals     = compiled.NumericLessThanEquals
	NumericGreaterThan        = compiled.NumericGreaterThan
	NumericGreaterThanEquals  = compiled.NumericGreaterThanEquals
	DateEquals                = compiled.DateEquals
	DateNotEquals             = compiled.DateNotEquals
	DateLessThan              = compiled.DateLessThan
	DateLessThanEquals        = compiled.DateLessThanEquals
	DateGreaterThan           = compiled.DateGreaterThan
	DateGreaterThanEquals     = compiled.DateGreaterThanEquals
	Bool                      = compiled.Bool
	BinaryEquals              = compiled.BinaryEquals
	IPAddress                 = compiled.IPAddress
	NotIPAddress              = compiled.NotIPAddress
	ArnEquals                 = compiled.ArnEquals
	ArnLike                   = compiled.ArnLike
	ArnNotEquals              = compiled.ArnNotEquals
	ArnNotLike                = compiled.ArnNotLike
	Null                      = compiled.Null
)

// The operator families, as compiled defines them.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
const (
	FamilyInvalid = compiled.FamilyInvalid
	FamilyString  = compiled.FamilyString
	FamilyNumeric = compiled.FamilyNumeric
	FamilyDate    = compiled.FamilyDate
	FamilyBool    = compiled.FamilyBool
	FamilyBinary  = compiled.FamilyBinary
	FamilyIP      = compiled.FamilyIP
	FamilyARN     = compiled.FamilyARN
	FamilyNull    = compiled.FamilyNull
)

// The set qualifiers, as compiled defines them.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
const (
	SingleValued = compiled.SingleValued
	ForAllValues = compiled.ForAllValues
	ForAnyValue  = compiled.ForAnyValue
)

// The AWS principal forms, as compiled defines them.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
const (
	AWSAll      = compiled.AWSAll
	AWSAccount  = compiled.AWSAccount
	AWSARN      = compiled.AWSARN
	AWSUniqueID = compiled.AWSUniqueID
)

// ParseNumber is compiled.ParseNumber.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
func ParseNumber(s string) (float64, bool) { return compiled.ParseNumber(s) }

// ParseDate is compiled.ParseDate.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
func ParseDate(s string) (time.Time, bool) { return compiled.ParseDate(s) }

// ParseBool is compiled.ParseBool.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
func ParseBool(s string) (bool, bool) { return compiled.ParseBool(s) }

// ParseIP is compiled.ParseIP.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
func ParseIP(s string) (netip.Prefix, bool) { return compiled.ParseIP(s) }

// ParseBinary is compiled.ParseBinary.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
func ParseBinary(s string) (string, bool) { return compiled.ParseBinary(s) }

// FoldAction is compiled.FoldAction.
//
// Internal: kept only until evaluate imports internal/compiled (a "Deprecated:"
// mark would fail staticcheck on evaluate meanwhile); not for users.
func FoldAction(s string) string { return compiled.FoldAction(s) }
