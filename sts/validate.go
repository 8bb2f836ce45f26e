package sts

import (
	"regexp"
	"strconv"
	"unicode"
)

// Patterns of the STS API's parameters (AWS STS API Reference, each
// parameter's "Pattern"), as the messages quote them.
const (
	patName       = `[\w+=,.@-]*`
	patExternalID = `[\w+=,.@:\/-]*`
	patSerial     = `[\w+=/:,.@-]*`
	patTokenCode  = `[\d]*`
	patPolicy     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	patARN        = `[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`
	patTagKey     = `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`
	patTagValue   = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`
)

func isWord(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

func nameRune(r rune) bool {
	return isWord(r) || r == '+' || r == '=' || r == ',' || r == '.' || r == '@' || r == '-'
}

func externalIDRune(r rune) bool { return nameRune(r) || r == ':' || r == '/' }

func serialRune(r rune) bool { return nameRune(r) || r == ':' || r == '/' }

func digitRune(r rune) bool { return r >= '0' && r <= '9' }

func policyRune(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xFF }

func arnRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7E || r == 0x85 ||
		r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func tagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.In(r, unicode.Z) || unicode.IsNumber(r) ||
		r == '_' || r == '.' || r == ':' || r == '/' || r == '=' || r == '+' || r == '-' || r == '@'
}

// roleARNShape is what STS accepts as a role ARN before looking the role up
// (the malformed values AWS answers "<value> is invalid" to; sts-wire.md
// §4.2).
var roleARNShape = regexp.MustCompile(`^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^:]+$`)

// Tag is a session tag (AWS STS API Reference, "Tag").
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// Limits of the STS API (AWS STS API Reference; IAM User Guide, "IAM and AWS
// STS quotas").
const (
	MaxSessionTags       = 50
	MaxPolicyArns        = 10
	MaxPolicyPlaintext   = 2048
	MinDuration          = 900
	MaxRoleDuration      = 43200
	MaxTokenDuration     = 129600
	ChainedMaxDuration   = 3600
	DefaultRoleDuration  = 3600
	DefaultTokenDuration = 43200
	RootTokenMaxDuration = 3600
)

func checkDuration(c *constraintErrors, d *int, max int) {
	if d == nil {
		return
	}
	v := strconv.Itoa(*d)
	switch {
	case *d < MinDuration:
		c.add(v, "durationSeconds", "have value greater than or equal to "+strconv.Itoa(MinDuration))
	case *d > max:
		c.add(v, "durationSeconds", "have value less than or equal to "+strconv.Itoa(max))
	}
}

func checkRoleSessionName(c *constraintErrors, s string) {
	c.length(s, "roleSessionName", 2, 64)
	c.pattern(s, "roleSessionName", patName, nameRune)
}

func checkARN(c *constraintErrors, s, member string) {
	c.length(s, member, 20, 2048)
	c.pattern(s, member, patARN, arnRune)
}

func checkPolicyText(c *constraintErrors, s string) {
	if s == "" {
		return
	}
	c.length(s, "policy", 1, MaxPolicyPlaintext)
	c.pattern(s, "policy", patPolicy, policyRune)
}

func checkSourceIdentity(c *constraintErrors, s string) {
	if s == "" {
		return
	}
	c.length(s, "sourceIdentity", 2, 64)
	c.pattern(s, "sourceIdentity", patName, nameRune)
}

func checkMFAParams(c *constraintErrors, serial, code string) {
	if serial != "" {
		c.length(serial, "serialNumber", 9, 256)
		c.pattern(serial, "serialNumber", patSerial, serialRune)
	}
	if code != "" {
		c.length(code, "tokenCode", 6, 6)
		c.pattern(code, "tokenCode", patTokenCode, digitRune)
	}
}

func checkTags(c *constraintErrors, tags []Tag, transitive []string) {
	if len(tags) > MaxSessionTags {
		c.add(tagListText(tags), "tags", "have length less than or equal to "+strconv.Itoa(MaxSessionTags))
	}
	for i, t := range tags {
		m := "tags." + strconv.Itoa(i+1) + ".member."
		c.length(t.Key, m+"key", 1, 128)
		c.pattern(t.Key, m+"key", patTagKey, tagRune)
		c.length(t.Value, m+"value", 0, 256)
		c.pattern(t.Value, m+"value", patTagValue, tagRune)
	}
	if len(transitive) > MaxSessionTags {
		c.add("["+joinComma(transitive)+"]", "transitiveTagKeys", "have length less than or equal to "+strconv.Itoa(MaxSessionTags))
	}
	for i, k := range transitive {
		m := "transitiveTagKeys." + strconv.Itoa(i+1) + ".member"
		c.length(k, m, 1, 128)
		c.pattern(k, m, patTagKey, tagRune)
	}
}

func tagListText(tags []Tag) string {
	s := "["
	for i, t := range tags {
		if i > 0 {
			s += ", "
		}
		s += "Tag(key=" + t.Key + ", value=" + t.Value + ")"
	}
	return s + "]"
}

func joinComma(ss []string) string {
	s := ""
	for i, v := range ss {
		if i > 0 {
			s += ", "
		}
		s += v
	}
	return s
}
