package compiled

import (
	"strings"
	"testing"
)

func FuzzTemplateMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"s3:Get*", "s3:GetObject"}, {"a?c", "aéc"}, {"*??", "€"}, {"home/${aws:username}/*", "home/bob/x"},
		{"${*}${?}${$}", "*?$"}, {"a*b*c", "abbbc"}, {"", ""}, {"${x, 'd'}", "d"},
	} {
		f.Add(s[0], s[1])
	}
	vars := mapVars{"aws:username": "bob"}
	f.Fuzz(func(t *testing.T, pattern, subject string) {
		for i, syntax := range []Syntax{{}, {Wildcards: true}, likeSyntax, {Wildcards: true}} {
			action := i == 3 // the last compiles pattern as an Action, in lower case
			tm, err := compileTemplate(pattern, syntax)
			if action {
				tm, err = compileAction(pattern, FoldAction(pattern)), nil
			}
			if err != nil {
				continue
			}
			tm.Match(subject, vars)
			tm.MatchFold(subject, vars)
			tm.Expand(vars)
			if lit, ok := tm.IsLiteral(); ok && !tm.Match(lit, vars) {
				t.Errorf("%q (%+v): the literal %q does not match itself", pattern, syntax, lit)
			}
			if !action && !strings.ContainsAny(pattern, "*?$") && !tm.Match(pattern, nil) {
				t.Errorf("%q (%+v): a literal pattern does not match itself", pattern, syntax)
			}
			if !action && !strings.ContainsAny(pattern, "*?$") && pattern != subject && tm.Match(subject, nil) {
				t.Errorf("%q (%+v): a literal pattern matches %q", pattern, syntax, subject)
			}
			if syntax.Wildcards {
				star, _ := compileTemplate("*", syntax)
				if !star.Match(subject, vars) {
					t.Errorf("* does not match %q", subject)
				}
			}
			if p, err := compileARNPattern(pattern, syntax); err == nil {
				p.Match(subject, vars)
			}
		}
	})
}
