package compiled

import "strings"

// Operator is a condition operator without its ForAllValues:/ForAnyValue:
// qualifier and IfExists suffix (IAM User Guide, "IAM JSON policy elements:
// Condition operators"). The zero Operator is invalid.
type Operator uint8

// The condition operators, family by family.
const (
	InvalidOperator Operator = iota
	StringEquals
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IPAddress
	NotIPAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
	numOperators
)

var operatorNames = [numOperators]string{
	"", "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
	"StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
	"NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
	"DateGreaterThanEquals",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
}

// String returns the operator's name as IAM spells it.
func (o Operator) String() string {
	if o < numOperators && o != InvalidOperator {
		return operatorNames[o]
	}
	return "InvalidOperator"
}

// Family groups operators that read their operands the same way.
type Family uint8

// The operator families.
const (
	FamilyInvalid Family = iota
	FamilyString
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

// Family returns the operator's family.
func (o Operator) Family() Family {
	switch {
	case o >= StringEquals && o <= StringNotLike:
		return FamilyString
	case o >= NumericEquals && o <= NumericGreaterThanEquals:
		return FamilyNumeric
	case o >= DateEquals && o <= DateGreaterThanEquals:
		return FamilyDate
	case o == Bool:
		return FamilyBool
	case o == BinaryEquals:
		return FamilyBinary
	case o == IPAddress || o == NotIPAddress:
		return FamilyIP
	case o >= ArnEquals && o <= ArnNotLike:
		return FamilyARN
	case o == Null:
		return FamilyNull
	}
	return FamilyInvalid
}

// Negated reports whether the operator is a negation (StringNotEquals,
// NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals, ArnNotLike,
// StringNotEqualsIgnoreCase, StringNotLike). A negated operator matches when
// the key is absent (IAM User Guide, "Condition operators").
func (o Operator) Negated() bool {
	switch o {
	case StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike, NumericNotEquals,
		DateNotEquals, NotIPAddress, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// Positive returns the operator a negated operator negates, and o itself otherwise.
func (o Operator) Positive() Operator {
	switch o {
	case StringNotEquals:
		return StringEquals
	case StringNotEqualsIgnoreCase:
		return StringEqualsIgnoreCase
	case StringNotLike:
		return StringLike
	case NumericNotEquals:
		return NumericEquals
	case DateNotEquals:
		return DateEquals
	case NotIPAddress:
		return IPAddress
	case ArnNotEquals:
		return ArnEquals
	case ArnNotLike:
		return ArnLike
	}
	return o
}

// usesWildcards reports whether * and ? are wildcards in the operator's values.
func (o Operator) usesWildcards() bool {
	switch o {
	case StringLike, StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// SetQualifier is the ForAllValues: / ForAnyValue: prefix of an operator
// that compares a multivalued key. The zero value is no qualifier.
type SetQualifier uint8

// The set qualifiers.
const (
	SingleValued SetQualifier = iota
	ForAllValues
	ForAnyValue
)

// String returns "ForAllValues", "ForAnyValue", or "" for SingleValued.
func (q SetQualifier) String() string {
	switch q {
	case ForAllValues:
		return "ForAllValues"
	case ForAnyValue:
		return "ForAnyValue"
	}
	return ""
}

// parseOperator reads a full operator name such as
// "ForAnyValue:StringLikeIfExists". Operator names are case-sensitive.
func parseOperator(name string) (op Operator, q SetQualifier, ifExists bool, ok bool) {
	rest := name
	if r, found := strings.CutPrefix(rest, "ForAllValues:"); found {
		q, rest = ForAllValues, r
	} else if r, found := strings.CutPrefix(rest, "ForAnyValue:"); found {
		q, rest = ForAnyValue, r
	}
	if r, found := strings.CutSuffix(rest, "IfExists"); found {
		ifExists, rest = true, r
	}
	for i := StringEquals; i < numOperators; i++ {
		if operatorNames[i] == rest {
			return i, q, ifExists, true
		}
	}
	return InvalidOperator, q, ifExists, false
}

// suggestOperator returns the operator name closest to a misspelled one
// (letter case aside, or within two edits), or "".
func suggestOperator(name string) string {
	base := name
	prefix := ""
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		prefix, base = name[:i+1], name[i+1:]
		// The qualifier may be misspelled too (ForAnyValues:, forallvalues:).
		lower := strings.ToLower(prefix)
		dAll, dAny := editDistance(lower, "forallvalues:"), editDistance(lower, "foranyvalue:")
		switch {
		case dAll <= 2 && dAll <= dAny:
			prefix = "ForAllValues:"
		case dAny <= 2:
			prefix = "ForAnyValue:"
		default:
			return "" // no qualifier looks like this one
		}
	}
	suffix := ""
	if len(base) > len("IfExists") && strings.EqualFold(base[len(base)-len("IfExists"):], "IfExists") {
		suffix, base = "IfExists", base[:len(base)-len("IfExists")]
	}
	best, bestDist := "", 3
	for i := StringEquals; i < numOperators; i++ {
		n := operatorNames[i]
		if strings.EqualFold(n, base) {
			if s := prefix + n + suffix; s != name {
				return s
			}
			return ""
		}
		if d := editDistance(strings.ToLower(n), strings.ToLower(base)); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best == "" {
		return ""
	}
	if s := prefix + best + suffix; s != name {
		return s
	}
	return ""
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
