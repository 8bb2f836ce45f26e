// Command iamsim is an offline AWS IAM policy evaluator: it validates policy
// files, runs scenario files and answers "would this request be allowed?"
// the way aws iam simulate-custom-policy does, without calling AWS.
//
// Usage:
//
//	iamsim check [--kind KIND] [--json] FILE...
//	iamsim eval [--json] FILE...
//	iamsim simulate --policy FILE... --action A... --resource R... [flags]
//	iamsim version (or iamsim --version)
//	iamsim help [COMMAND]
//
// The command names, flags, output lines and JSON fields are a contract that
// scripts rely on; see the usage text of each command (iamsim help COMMAND).
//
// Exit status: 0 on success; 1 when check finds an ERROR or eval finds a
// decision that differs from its scenario's expect; 2 on a usage error or
// input that cannot be read or loaded.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/iamsim/iamsim/scenario"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // an ERROR finding, or a decision that differs from its expect
	exitUsage = 2 // a usage error, or input that cannot be read or loaded
)

const usageText = `usage: iamsim <command> [arguments]

iamsim evaluates AWS IAM policies offline.

Commands:
  assume-role --account FILE... (--caller ARN | --session FILE) --role-arn ARN --role-session-name NAME [flags]
        assume a role as AWS STS would and print the session
  authorize --account FILE... [--overlay FILE] --principal ARN --action A --resource R [flags]
        authorize a loaded principal's request, gathering every policy AWS weighs
  check [--kind KIND] [--json] FILE...
        validate policy files
  eval [--json] FILE...
        run scenario files and compare each decision with its expect
  simulate --policy FILE... --action A... --resource R... [flags]
        evaluate policies for actions and resources, like aws iam simulate-custom-policy
        (--resource-policy FILE alone: may a service or account assume a role?)
  serve --account FILE... [--overlay FILE] [--listen ADDR] [--instance ID=PROFILE...] [flags]
        serve AWS STS and the EC2 instance metadata service to real AWS SDKs
  version (or --version)
        print the version
  who-can --account FILE... [--overlay FILE] --action A --resource R [flags]
        list the loaded users and roles that may do an action on a resource
  help [COMMAND]
        print this help, or the help of a command (help eval: the scenario format)

Exit status: 0 on success, 1 when check finds an ERROR or eval a mismatch,
2 on a usage error or input that cannot be read or loaded.
`

// command is one subcommand: its usage text and its body. run gets the
// arguments after the command name.
type command struct {
	usage string
	run   func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"assume-role": {assumeRoleUsage, runAssumeRole},
		"authorize":   {authorizeUsage, runAuthorize},
		"check":       {checkUsage, runCheck},
		"eval":        {evalUsage, runEval},
		"simulate":    {simulateUsage, runSimulate},
		"version":     {versionUsage, runVersion},
		"serve":       {serveUsage, runServe},
		"who-can":     {whoCanUsage, runWhoCan},
	}
}

// run is the whole program: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, shortUsage)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if name == "help" && len(rest) > 0 {
			return runHelp(rest, stdout, stderr)
		}
		fmt.Fprint(stdout, usageText)
		return exitOK
	case "--version", "-version":
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "iamsim: unknown command %q%s\n%s", name, didYouMean(name), shortUsage)
		return exitUsage
	}
	return c.run(rest, stdin, stdout, stderr)
}

// didYouMean names the command a mistyped name is closest to (two edits
// at most), as " (did you mean NAME?)", or "".
func didYouMean(name string) string {
	best, bestDist := "", 3
	for c := range commands {
		if d := editDistance(name, c); d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Levenshtein distance of two short words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// shortUsage is what a usage error without a command prints: the synopsis
// and where the help is, not the whole help.
const shortUsage = `usage: iamsim <command> [arguments]
Run "iamsim help" for the commands, "iamsim help COMMAND" for one.
`

const helpUsage = `usage: iamsim help [COMMAND]

Prints the commands, or the flags, output and exit status of one command.
"iamsim help eval" also prints the scenario file format (scenario/FORMAT.md,
which ships in the module as scenario.Format).
`

// runHelp prints the help of the command named in args.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprintf(stderr, "iamsim help: one command at a time, not %d\n%s", len(args), shortUsage)
		return exitUsage
	}
	switch args[0] {
	case "help":
		fmt.Fprint(stdout, helpUsage)
		return exitOK
	case "eval":
		fmt.Fprint(stdout, evalUsage)
		fmt.Fprint(stdout, "\n", scenario.Format)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "iamsim help: unknown command %q\n%s", args[0], shortUsage)
		return exitUsage
	}
	fmt.Fprint(stdout, c.usage)
	return exitOK
}

const versionUsage = `usage: iamsim version

Prints "iamsim " and the module version, or "devel" for a build from a work tree.
`

func runVersion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("version")
	pos, code := parseFlags(fs, args, versionUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageError(stderr, "version", versionUsage, "unexpected argument %q", pos[0])
	}
	fmt.Fprintf(stdout, "iamsim %s\n", moduleVersion())
	return exitOK
}

// moduleVersion is the main module's version from the build information:
// a tag such as v0.3.0 for "go install ...@v0.3.0", else "devel".
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// newFlagSet returns a FlagSet that reports nothing itself: parseFlags
// prints errors and usage.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args with fs and returns the positional arguments.
// Flags may come after positional arguments: Go's flag package stops at the
// first non-flag, so parseFlags takes it and parses the rest again. "--"
// ends the flags. code is -1 when the command should go on; otherwise it is
// the exit status, after the usage was printed (to stdout for -h, to stderr
// with the error for a bad flag).
func parseFlags(fs *flag.FlagSet, args []string, usage string, stdout, stderr io.Writer) (pos []string, code int) {
	onceOnly(fs)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return nil, exitOK
			}
			return nil, usageError(stderr, fs.Name(), usage, "%v", err)
		}
		rest := fs.Args()
		if endedByDashDash(fs, args, len(args)-len(rest)) {
			return append(pos, rest...), -1
		}
		if len(rest) == 0 {
			return pos, -1
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// ownFlag marks the flag values of this package, which decide for
// themselves whether a flag may be repeated (listFlag adds, onceFlag
// refuses a second value).
type ownFlag interface{ ownFlag() }

func (*listFlag) ownFlag()        {}
func (*onceFlag) ownFlag()        {}
func (*contextFlag) ownFlag()     {}
func (*tagFlag) ownFlag()         {}
func (publicAccessFlag) ownFlag() {}
func (*onceValue) ownFlag()       {}

// onceValue is a string or number flag of package flag that refuses a
// second value: Go's flag package keeps the last one silently, so that
// "check --kind trust --kind identity" checked an identity policy and
// "simulate --resource-account A --resource-account B" decided for B.
type onceValue struct {
	flag.Value
	set bool
}

func (o *onceValue) Set(s string) error {
	if o.set {
		return errors.New("given more than once")
	}
	// Go's integer flags read 0x10 as 16, 0o17 as 15 and 1_0 as 10: a
	// count or quota on iamsim's command line is decimal.
	if g, ok := o.Value.(flag.Getter); ok {
		if _, isInt := g.Get().(int); isInt && !isDecimal(s) {
			return errors.New("not a decimal number")
		}
	}
	o.set = true
	return o.Value.Set(s)
}

// isDecimal reports whether s is an optional minus sign and one or more
// decimal digits.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
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

// onceOnly makes every string and number flag of fs refuse a second
// value, as onceFlag does; boolean flags and this package's own values are
// left as they are.
func onceOnly(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if _, own := f.Value.(ownFlag); own {
			return
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			return
		}
		f.Value = &onceValue{Value: f.Value}
	})
}

// endedByDashDash reports whether fs.Parse, having consumed the first n of
// args, stopped because it met the "--" terminator rather than a non-flag
// argument. A "--" that is the value of a flag before it (--policy --) is
// not a terminator.
func endedByDashDash(fs *flag.FlagSet, args []string, n int) bool {
	if n == 0 || args[n-1] != "--" {
		return false
	}
	if n < 2 {
		return true
	}
	prev := args[n-2]
	if !strings.HasPrefix(prev, "-") || prev == "-" || prev == "--" || strings.Contains(prev, "=") {
		return true
	}
	f := fs.Lookup(strings.TrimPrefix(strings.TrimPrefix(prev, "-"), "-"))
	if f == nil {
		return true
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return true
	}
	return false // "--" was the value of prev
}

// usageError prints "iamsim NAME: message", then the command's synopsis
// (its usage up to the first blank line) and, when the usage says more,
// where to read it, all to stderr, and returns exitUsage. A mistyped flag
// deserves one line of why, not the whole help.
func usageError(stderr io.Writer, name, usage, format string, args ...any) int {
	synopsis, more, _ := strings.Cut(usage, "\n\n")
	fmt.Fprintf(stderr, "iamsim %s: %s\n\n%s\n", name, fmt.Sprintf(format, args...), strings.TrimSuffix(synopsis, "\n"))
	if strings.TrimSpace(more) != "" {
		fmt.Fprintf(stderr, "Run \"iamsim help %s\" for its flags and output.\n", name)
	}
	return exitUsage
}

// listFlag is a flag that may be repeated; each occurrence adds one value.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " ") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// onceFlag is a string flag that may be given at most once.
type onceFlag struct {
	value string
	set   bool
}

func (o *onceFlag) String() string { return o.value }

func (o *onceFlag) Set(s string) error {
	if o.set {
		return errors.New("given more than once")
	}
	o.value, o.set = s, true
	return nil
}
