package policy

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/iamsim/iamsim/catalog"
)

// regionForm is the form of an AWS Region name (us-east-1, us-gov-west-1,
// cn-north-1, eusc-de-east-1). The list of Regions itself is AWS's and
// changes: iamsim checks the form, not the membership, so a Region of the
// right form that does not exist is not reported (INVALID_ARN_REGION and
// INVALID_REGION are partial in that way).
var regionForm = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$`)

// aaResourceARN applies Access Analyzer's ARN checks to one Resource
// entry of a statement whose Action entries are actions (nil or notAction
// when the statement lists what it does not do): the service's letter
// case; the resource part against the ARN formats of the resource types of
// the ARN's service (Invalid ARN resource: "Resource ARN does not match the
// expected ARN format"); the Region and account against the formats the
// resource part fits, those of the resource types the statement's actions
// of that service apply to first (IAM User Guide, "IAM policy validation
// check reference": Invalid ARN service case, ARN Region not allowed,
// Missing ARN Region, Invalid ARN Region, ARN account not allowed, Missing
// ARN account, Invalid ARN account, Invalid ARN resource). An ARN whose
// service the catalog does not know is left alone: it may be newer than
// the snapshot. The grammar checks (arn: prefix, six fields, partition)
// are Parse's.
//
// cache holds the statement's ARN formats by service, which its resources
// share (nil for none).
func aaResourceARN(res string, actions []string, notAction bool, index int, cache map[string][]arnFormat) []aaNote {
	if res == "*" || !strings.HasPrefix(res, "arn:") {
		return nil
	}
	f := strings.SplitN(res, ":", 6)
	if len(f) < 6 {
		return nil
	}
	svc, region, account, part := f[2], f[3], f[4], f[5]
	var out []aaNote
	if hasPattern(svc) {
		if svc != "*" && strings.ContainsAny(svc, "*?") {
			// Suggestion – Wildcard in service name: arn:aws:*code*:… may
			// match services the author did not mean.
			return []aaNote{note(CodeWildcardInServiceName, aaResource, index, fmt.Sprintf("the service %q of the resource ARN has a wildcard: it may match services you do not mean; name the service", svc))}
		}
		return nil
	}
	if svc != strings.ToLower(svc) {
		out = append(out, note(CodeInvalidARNServiceCase, aaResource, index,
			fmt.Sprintf("the service %q of the resource ARN must be in lower case: %q", svc, strings.ToLower(svc))))
		svc = strings.ToLower(svc)
	}
	formats, ok := cache[svc]
	if !ok {
		formats = arnFormats(svc, actions, notAction)
		if cache != nil {
			cache[svc] = formats
		}
	}
	if len(formats) == 0 {
		return out
	}
	// The formats whose resource part the ARN's fits: the resource types
	// it may name. Its Region and account are checked against those.
	rtoks := resourceTokens(part)
	var fitting []arnFormat
	for _, ff := range formats {
		if globsIntersect(ff.toks, rtoks) {
			fitting = append(fitting, ff)
		}
	}
	if len(fitting) == 0 {
		// No resource type of the statement's actions fits: AA reports
		// the ARN when it fits no resource type of its service at all (an
		// ARN of the service's bucket for s3:GetObject is a valid ARN the
		// action never matches, which the engine shows; AA's check is of
		// the ARN's form).
		if !fitsAnyType(svc, rtoks) {
			return append(out, note(CodeInvalidARNResource, aaResource, index,
				fmt.Sprintf("the resource ARN %q matches no ARN format of the service %s (such as %s)", res, svc, strings.Join(formats[0].f, ":"))))
		}
		fitting = allFormats(svc)
	}
	return append(out, arnPlaceNotes(res, svc, region, account, fitting, index)...)
}

// arnPlaceNotes checks an ARN's Region and account against the ARN formats
// its resource part fits.
func arnPlaceNotes(res, svc, region, account string, fitting []arnFormat, index int) []aaNote {
	var out []aaNote
	anyRegion, anyNoRegion, anyAccount, anyNoAccount := false, false, false, false
	for _, af := range fitting {
		ff := af.f
		if ff[3] == "" {
			anyNoRegion = true
		} else {
			anyRegion = true
		}
		if ff[4] == "" {
			anyNoAccount = true
		} else {
			anyAccount = true
		}
	}
	// A Region or account left empty in an ARN with wildcards is how AWS's
	// own resources are named (arn:aws:ssm:*::document/AWS-*, documents
	// AWS owns): the Missing checks take literal ARNs only.
	literal := !hasPattern(res)
	switch {
	case region == "" && !anyNoRegion && literal:
		out = append(out, note(CodeMissingARNRegion, aaResource, index, fmt.Sprintf("add a Region to the %s resource ARN %q", svc, res)))
	case region != "" && !hasPattern(region) && !anyRegion:
		out = append(out, note(CodeARNRegionNotAllowed, aaResource, index, fmt.Sprintf("the service %s does not support a Region in the resource ARN %q", svc, res)))
	case region != "" && !hasPattern(region) && !regionForm.MatchString(region):
		out = append(out, note(CodeInvalidARNRegion, aaResource, index, fmt.Sprintf("the Region %q of the resource ARN is not an AWS Region name", region)))
	}
	switch {
	case account == "" && !anyNoAccount && literal:
		out = append(out, note(CodeMissingARNAccount, aaResource, index, fmt.Sprintf("add an account id to the %s resource ARN %q", svc, res)))
	case account != "" && !hasPattern(account) && !anyAccount:
		out = append(out, note(CodeARNAccountNotAllowed, aaResource, index, fmt.Sprintf("the service %s does not support an account id in the resource ARN %q", svc, res)))
	case account != "" && !hasPattern(account) && !isAccountField(account):
		out = append(out, note(CodeInvalidARNAccount, aaResource, index, fmt.Sprintf("the account %q of the resource ARN is not a 12-digit account id", account)))
	}
	return out
}

// fitsAnyType reports whether the resource part fits the ARN format of
// some resource type of the service.
func fitsAnyType(svc string, rtoks []globTok) bool {
	for _, ff := range allFormats(svc) {
		if globsIntersect(ff.toks, rtoks) {
			return true
		}
	}
	return false
}

func allFormats(svc string) []arnFormat {
	return arnFormats(svc, nil, true)
}

// hasPattern reports whether an ARN field holds a wildcard or a variable,
// which the checks of its form skip.
func hasPattern(s string) bool { return strings.ContainsAny(s, "*?$") }

// isAccountField accepts a 12-digit account id and "aws", the account of
// AWS managed policies (arn:aws:iam::aws:policy/…).
func isAccountField(s string) bool {
	if s == "aws" {
		return true
	}
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

// arnFormats returns the ARN formats, split in six fields, of the resource
// types that the statement's actions of service svc apply to; with no such
// action (a NotAction statement, or actions of other services only), those
// of every resource type of the service. Resource types no action lists
// are always included (see catalog.ResourceType.Unreferenced). Formats of
// another service (a few types name one) are left out; a format whose
// service is a placeholder (backup's recovery points: ${Vendor}) is kept.
func arnFormats(svc string, actions []string, notAction bool) []arnFormat {
	types := map[string]bool{}
	matched := false
	if !notAction {
		for _, a := range actions {
			asvc, name, ok := strings.Cut(a, ":")
			if a == "*" {
				asvc, name, ok = svc, "*", true
			}
			if !ok || !strings.EqualFold(asvc, svc) {
				continue
			}
			matched = true
			for t := range actionTypes(svc, name) {
				types[t] = true
			}
		}
	}
	var out []arnFormat
	for _, tf := range serviceFormats(svc) {
		if matched && !types[tf.lower] && !tf.unreferenced {
			continue
		}
		out = append(out, tf.formats...)
	}
	return out
}

// arnFormat is an ARN format split in six fields, with its resource part
// read as a pattern.
type arnFormat struct {
	f    []string
	toks []globTok
}

// typeFormats are a resource type's ARN formats.
type typeFormats struct {
	lower        string // the type's name in lower case
	unreferenced bool
	formats      []arnFormat
}

// formatCache holds each service's typeFormats, computed once.
var formatCache sync.Map // service prefix → []typeFormats

func serviceFormats(svc string) []typeFormats {
	if v, ok := formatCache.Load(svc); ok {
		return v.([]typeFormats)
	}
	var out []typeFormats
	for _, rt := range catalog.ResourceTypes(svc) {
		tf := typeFormats{lower: strings.ToLower(rt.Name), unreferenced: rt.Unreferenced}
		for _, f := range rt.ARNs {
			ff := strings.SplitN(f, ":", 6)
			if len(ff) == 6 && (strings.EqualFold(ff[2], svc) || strings.Contains(ff[2], "${")) {
				tf.formats = append(tf.formats, arnFormat{f: ff, toks: formatTokens(ff[5])})
			}
		}
		out = append(out, tf)
	}
	v, _ := formatCache.LoadOrStore(svc, out)
	return v.([]typeFormats)
}

// typesCache holds the resource types (lower case) of the actions an
// action pattern of a service matches, by service and pattern: policies
// repeat patterns such as s3:Get*. It keeps at most typesCacheMax entries,
// so that no input grows it without bound.
var (
	typesCache    sync.Map // service + "\x00" + pattern → map[string]bool
	typesCacheN   atomic.Int64
	typesCacheMax int64 = 4096
)

// actionTypes returns the resource types the actions of svc that match the
// action pattern name apply to. The map is shared: callers only read it.
func actionTypes(svc, name string) map[string]bool {
	key := svc + "\x00" + name
	if v, ok := typesCache.Load(key); ok {
		return v.(map[string]bool)
	}
	types := map[string]bool{}
	for _, info := range catalogActions(svc, name) {
		for _, r := range info.Resources {
			types[strings.ToLower(r.Type)] = true
		}
	}
	if typesCacheN.Load() < typesCacheMax {
		if _, loaded := typesCache.LoadOrStore(key, types); !loaded {
			typesCacheN.Add(1)
		}
	}
	return types
}

// catalogActions returns the catalog's actions of svc whose names match
// the action pattern name (wildcards * and ?, any letter case).
func catalogActions(svc, name string) []*catalog.ActionInfo {
	if !strings.ContainsAny(name, "*?") {
		if a, ok := catalog.LookupAction(svc, name); ok {
			return []*catalog.ActionInfo{a}
		}
		return nil
	}
	var out []*catalog.ActionInfo
	for _, a := range catalog.ActionInfos(svc) {
		if globFold(name, a.Name) {
			out = append(out, a)
		}
	}
	return out
}

// globFold matches s against a pattern of * and ?, ASCII letter case
// aside, without allocating: the classic backtracking to the last *.
func globFold(pattern, s string) bool {
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || lowerByte(pattern[p]) == lowerByte(s[i])):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p, mark = star+1, mark+1
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// A globTok is one token of a pattern: a literal byte, one byte of any
// value, or any run of bytes (empty included).
type globTok struct {
	kind byte // 'c' literal, '?' one byte, '*' any run
	c    byte
}

// formatTokens reads an ARN format's resource part: a placeholder such as
// ${BucketName} is one or more bytes of any value.
func formatTokens(s string) []globTok {
	var out []globTok
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "${") {
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				out = append(out, globTok{kind: '?'}, globTok{kind: '*'})
				i += j
				continue
			}
		}
		out = append(out, globTok{'c', s[i]})
	}
	return out
}

// resourceTokens reads a policy's resource part: * and ? are wildcards, a
// policy variable ${...} is any run of bytes.
func resourceTokens(s string) []globTok {
	var out []globTok
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '*':
			out = append(out, globTok{kind: '*'})
		case s[i] == '?':
			out = append(out, globTok{kind: '?'})
		case strings.HasPrefix(s[i:], "${") && strings.IndexByte(s[i:], '}') > 0:
			out = append(out, globTok{kind: '*'})
			i += strings.IndexByte(s[i:], '}')
		default:
			out = append(out, globTok{'c', s[i]})
		}
	}
	return out
}

// globsIntersect reports whether some text matches both patterns.
func globsIntersect(a, b []globTok) bool {
	memo := make([]int8, (len(a)+1)*(len(b)+1))
	var f func(i, j int) bool
	f = func(i, j int) bool {
		m := &memo[i*(len(b)+1)+j]
		if *m != 0 {
			return *m > 0
		}
		r := false
		switch {
		case i == len(a) && j == len(b):
			r = true
		case i < len(a) && a[i].kind == '*':
			r = f(i+1, j) || (j < len(b) && f(i, j+1))
		case j < len(b) && b[j].kind == '*':
			r = f(i, j+1) || (i < len(a) && f(i+1, j))
		case i < len(a) && j < len(b):
			r = (a[i].kind == '?' || b[j].kind == '?' || a[i].c == b[j].c) && f(i+1, j+1)
		}
		if r {
			*m = 1
		} else {
			*m = -1
		}
		return r
	}
	return f(0, 0)
}
