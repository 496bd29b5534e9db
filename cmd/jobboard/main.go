// Command jobboard turns a folder of job postings written in Markdown into a
// bilingual static web site. Run "jobboard help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	_ "time/tzdata" // dates are in the site's time zone, even on machines without a zone database

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The language of every message, chosen once, as other command-line
	// tools choose it, and passed down.
	l := msg.FromEnvOr(os.Getenv, systemLanguage)
	err := run(ctx, l, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, l, os.Stderr))
}

// exitCode prints err in language l when it has something to say and maps
// it to the exit status: 0 success, 1 content or build errors, 2 usage
// errors.
func exitCode(err error, l msg.Lang, stderr io.Writer) int {
	var uerr usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &uerr):
		fmt.Fprintln(stderr, uerr.In(l))
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintln(stderr, "jobboard:", l.Sprintf("%v", err))
		return 1
	}
}

// errReported means the problems were already printed, one per line.
var errReported = errors.New("problems reported")

const usageText = `jobboard publishes job postings as a bilingual web site.

Usage:

	jobboard <command> [flags]

Commands:

	build    turn content/ into the web site in public/
	check    look for mistakes in content/ without writing anything
	init     start a new job board in a folder: jobboard init [folder]
	new      start a new posting in every language: jobboard new <name>
	notify   after deploying, tell search engines which postings changed
	serve    preview the site on this computer while you edit it
	theme    list the built-in layouts and assets, or copy one to change it
	version  print the version of jobboard

Run "jobboard <command> -h" to see the flags of a command.
All commands work in the folder that holds content/, or in the one given with -C.
Messages are in French when LANG (or LC_MESSAGES, LC_ALL) starts with fr, like fr_FR.UTF-8,
or on Windows without them, when Windows is in French.
`

func run(ctx context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, l.Sprintf(usageText))
		return usagef("missing command")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, l, args, stdout, stderr)
	case "check":
		return runCheck(ctx, l, args, stdout, stderr)
	case "init":
		return runInit(ctx, l, args, stdout, stderr)
	case "new":
		return runNew(ctx, l, args, stdout, stderr)
	case "serve":
		return runServe(ctx, l, args, stdout, stderr)
	case "notify":
		return runNotify(ctx, l, args, stdout, stderr)
	case "theme":
		return runTheme(ctx, l, args, stdout, stderr)
	case "version":
		return runVersion(ctx, l, args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, l.Sprintf(usageText))
		return nil
	}
	if hint := content.Suggest(cmd, commands); hint != "" {
		return usagef(msgUnknownCommandHint, cmd, hint)
	}
	return usagef("unknown command %q", cmd)
}

// commands are the names run knows, for the suggestion of a mistyped one.
var commands = []string{"build", "check", "init", "new", "serve", "theme", "version", "help"}

// msgUnknownCommandHint is the message of a mistyped command (what was
// typed, the command meant).
const msgUnknownCommandHint = "unknown command %q; did you mean %s?"

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ text msg.Text }

// usagef is the usage error of the message format with args.
func usagef(format string, args ...any) error { return usageError{msg.New(format, args...)} }

func (e usageError) Error() string { return e.In(msg.English) }

// In is the error as printed in language l.
func (e usageError) In(l msg.Lang) string {
	return l.Sprintf("jobboard: %s (see: jobboard help)", e.text)
}

// newFlagSet makes the flag set of one command, with a usage message in
// language l that says what the command does (about, in l already) before
// listing its flags.
func newFlagSet(name, synopsis, about string, l msg.Lang, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("jobboard "+name, flag.ContinueOnError)
	// The flag package's own error line is in English: it is discarded,
	// and parseFlags says it again in language l (see flagError).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n == 0 { // version: no heading over nothing
			fmt.Fprint(stderr, l.Sprintf("Usage: jobboard %s\n\n%s\n", synopsis, about))
			return
		}
		fmt.Fprint(stderr, l.Sprintf("Usage: jobboard %s\n\n%s\n\nFlags:\n", synopsis, about))
		printDefaults(fs, l, stderr)
	}
	return fs
}

// printDefaults lists the flags of fs as flag.PrintDefaults does, with
// the default value said in language l.
func printDefaults(fs *flag.FlagSet, l msg.Lang, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		switch {
		case f.DefValue == "" || f.DefValue == "false" || f.DefValue == "0":
		case fmt.Sprintf("%T", f.Value) == "*flag.stringValue": // quoted, as flag.PrintDefaults does
			line += l.Sprintf(" (default %q)", f.DefValue)
		default:
			line += l.Sprintf(" (default %v)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// parseFlags parses args and turns a flag mistake into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{flagError(err, fs)}
	}
	return nil
}

// flagErrors are the errors of the flag package, as it words them, and
// how to say them (m: the parts of the error); the reason of an invalid
// value (a parse error) is left as the package gives it.
var flagErrors = []struct {
	re  *regexp.Regexp
	say func(m []string) msg.Text
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.*)$`),
		func(m []string) msg.Text { return msg.New("flag provided but not defined: -%s", m[1]) }},
	{regexp.MustCompile(`^flag needs an argument: -(.*)$`),
		func(m []string) msg.Text { return msg.New("flag needs an argument: -%s", m[1]) }},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -(\S+): (.*)$`),
		func(m []string) msg.Text { return msg.New("invalid value %q for flag -%s: %s", m[1], m[2], m[3]) }},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -(\S+): (.*)$`),
		func(m []string) msg.Text { return msg.New("invalid boolean value %q for -%s: %s", m[1], m[2], m[3]) }},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`),
		func(m []string) msg.Text { return msg.New("bad flag syntax: %s", m[1]) }},
}

// flagError is the message of err, an error of fs.Parse; a flag not
// defined is given the one meant, when one is near (-drafs: -drafts).
func flagError(err error, fs *flag.FlagSet) msg.Text {
	if m := undefinedFlagRE.FindStringSubmatch(err.Error()); m != nil {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if hint := content.Suggest(m[1], names); hint != "" {
			return msg.New("flag provided but not defined: -%s; did you mean -%s?", m[1], hint)
		}
	}
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(err.Error()); m != nil {
			return fe.say(m)
		}
	}
	return msg.Plain(err.Error())
}

var undefinedFlagRE = regexp.MustCompile(`^flag provided but not defined: -(.*)$`)
