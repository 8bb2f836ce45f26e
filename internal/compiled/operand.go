package compiled

import (
	"encoding/base64"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Operand is one compiled value of a condition, read once at parse time in
// the way its operator needs: a Template for string operators, a number or
// a boolean inline, and an ARN pattern, a time, a CIDR prefix or decoded
// bytes behind an interface (see ARN, Time, Prefix and Bytes). When the text
// cannot be read as the operator needs (a Numeric operand "abc", say) Valid
// is false and the operand never matches; Parse reports that as a finding.
//
// The less common readings live outside the struct because every small
// policy holds an Operand inline (policy.Policy's arena): 112 bytes instead
// of 272 keep a two-statement policy in one 1 KB allocation, and the
// garbage collector runs in proportion to the bytes a parse allocates.
type Operand struct {
	Raw      string   // the value as written in the policy
	Template Template // string operators: the value with wildcards and variables
	Number   float64  // Numeric operators
	typed    any      // Arn: *ARNPattern; Date: time.Time; IpAddress: netip.Prefix; Binary: the decoded bytes (string)
	Pos      int32    // byte offset of the value in the source
	Bool     bool     // Bool and Null operators
	Valid    bool     // false when Raw cannot be read for the operator
}

// noARN is the zero pattern, which ARN returns for an operand of another
// family (an Arn operator's operand always has a pattern of its own).
var noARN = &ARNPattern{}

// ARN returns the pattern of an Arn operator's operand (read only).
func (o *Operand) ARN() *ARNPattern {
	if p, ok := o.typed.(*ARNPattern); ok {
		return p
	}
	return noARN
}

// HasVariables reports whether the operand holds a policy variable, which
// only string and Arn operators read (an operand of another family with
// one is not Valid).
func (o *Operand) HasVariables() bool { return o.Template.hasVar || o.ARN().HasVariables() }

// Time returns the time of a Date operator's operand.
func (o *Operand) Time() time.Time { t, _ := o.typed.(time.Time); return t }

// Prefix returns the CIDR block of an IpAddress operator's operand (a
// single address is a full-length prefix).
func (o *Operand) Prefix() netip.Prefix { p, _ := o.typed.(netip.Prefix); return p }

// Bytes returns the decoded bytes of a BinaryEquals operand.
func (o *Operand) Bytes() string { b, _ := o.typed.(string); return b }

// ParseNumber reads a Numeric operand or context value: an integer or a
// decimal number, as the Numeric condition operators take them.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "xXpP_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// dateLayouts are the W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime),
// which the Date condition operators take, plus the same forms without a
// time zone (read as UTC) and with a "+hhmm" offset.
var dateLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006-01",
}

// ParseDate reads a Date operand or context value: one of the W3C forms of
// ISO 8601 (YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD,
// YYYY-MM-DDThh:mm:ss.sTZD) or epoch seconds (IAM User Guide, "Condition
// operators" > "Date condition operators"). A string of digits is epoch
// seconds.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if isDigits(s) || (s[0] == '-' && isDigits(s[1:])) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > 253402300799 || n < -62135596800 {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			// A time zone can push 9999-12-31 into year 10000, which no
			// ISO 8601 date in four digits can name: out of range.
			if u := t.UTC(); u.Year() >= 1 && u.Year() <= 9999 {
				return u, true
			}
			return time.Time{}, false
		}
	}
	return time.Time{}, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseBool reads a Bool or Null operand: "true" or "false", in any letter case.
func ParseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// ParseIP reads an IpAddress operand or an address from the request: an
// IPv4 or IPv6 CIDR block, or a single address (a /32 or /128 block).
func ParseIP(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		// PrefixFrom would drop a zone (fe80::1%eth0) silently.
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// ParseBinary decodes a BinaryEquals operand or context value (base64).
func ParseBinary(s string) (string, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return string(b), true
		}
	}
	return "", false
}

// noVariables marks an operand that holds a policy variable where its
// operator takes none: "You can't use a policy variable with ... Numeric,
// Date, Boolean, Binary, IP Address, or Null operators" (IAM User Guide,
// "IAM policy elements: Variables and tags"). The text is not a value of
// the operator's type, so the operand never matches.
func noVariables(o *Operand, op Operator) (string, string, bool, *VarError) {
	o.Valid = false
	return CodeInvalidVariableForOperator, "the " + op.String() + " operator does not take policy variables: \"" + o.Raw + "\" is read as text and never matches", false, nil
}

// CompileOperand reads one value for op into o, which must be the zero
// Operand (it is filled in place: an Operand is large). It returns, when
// the value is a defect, a message and whether IAM rejects the policy for
// it (fatal) or Access Analyzer only warns (then the operand is !Valid).
func CompileOperand(o *Operand, op Operator, raw string, pos int, variables bool) (code, msg string, fatal bool, verr *VarError) {
	o.Raw, o.Pos, o.Valid = raw, int32(pos), true
	syntax := Syntax{Wildcards: op.usesWildcards(), Variables: variables}
	switch op.Family() {
	case FamilyString:
		o.Template, verr = compileTemplate(raw, syntax)
	case FamilyARN:
		arn, err := compileARNPattern(raw, syntax)
		o.typed, verr = &arn, err
	case FamilyNumeric:
		if variables && strings.Contains(raw, "${") {
			return noVariables(o, op)
		}
		if o.Number, o.Valid = ParseNumber(raw); !o.Valid {
			return CodeTypeMismatchNumber, "the Numeric operator " + op.String() + " has the value \"" + raw + "\", which is not a number: the condition never matches", false, nil
		}
	case FamilyDate:
		if variables && strings.Contains(raw, "${") {
			return noVariables(o, op)
		}
		t, ok := ParseDate(raw)
		if !ok {
			o.Valid = false
			return CodeTypeMismatchDate, "the Date operator " + op.String() + " has the value \"" + raw + "\", which is neither an ISO 8601 date nor epoch seconds", true, nil
		}
		o.typed = t
	case FamilyBool:
		if variables && strings.Contains(raw, "${") {
			return noVariables(o, op)
		}
		if o.Bool, o.Valid = ParseBool(raw); !o.Valid {
			return CodeTypeMismatchBoolean, "the Bool operator has the value \"" + raw + "\", which is neither true nor false: the condition never matches", false, nil
		}
	case FamilyNull:
		if o.Bool, o.Valid = ParseBool(raw); !o.Valid {
			return CodeTypeMismatchBoolean, "the Null operator takes true or false, not \"" + raw + "\": the condition never matches", false, nil
		}
	case FamilyIP:
		p, ok := ParseIP(raw)
		if !ok {
			o.Valid = false
			return CodeTypeMismatchIPRange, "the IP address operator " + op.String() + " has the value \"" + raw + "\", which is not an IP address or CIDR block: the condition never matches", false, nil
		}
		o.typed = p
	case FamilyBinary:
		b, ok := ParseBinary(raw)
		if !ok {
			o.Valid = false
			return CodeTypeMismatchString, "BinaryEquals has the value \"" + raw + "\", which is not base64: the condition never matches", false, nil
		}
		o.typed = b
	}
	return "", "", false, verr
}
