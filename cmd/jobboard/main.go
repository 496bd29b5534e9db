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
	"strconv"
	"syscall"
	_ "time/tzdata" // dates are in the site's time zone, even on machines without a zone database

	"github.com/jobboard/jobboard/internal/content"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err when it has something to say and maps it to the exit
// status: 0 success, 1 content or build errors, 2 usage errors.
func exitCode(err error, stderr io.Writer) int {
	var uerr usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &uerr):
		fmt.Fprintln(stderr, err)
		return 2
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintln(stderr, "jobboard:", err)
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
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return usageError("missing command")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, args, stdout, stderr)
	case "check":
		return runCheck(ctx, args, stdout, stderr)
	case "init":
		return runInit(ctx, args, stdout, stderr)
	case "new":
		return runNew(ctx, args, stdout, stderr)
	case "serve":
		return runServe(ctx, args, stdout, stderr)
	case "notify":
		return runNotify(ctx, args, stdout, stderr)
	case "theme":
		return runTheme(ctx, args, stdout, stderr)
	case "version":
		return runVersion(ctx, args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usageText)
		return nil
	}
	if hint := content.Suggest(cmd, commands); hint != "" {
		return usageError(fmt.Sprintf(msgUnknownCommandHint, cmd, hint))
	}
	return usageError("unknown command " + strconv.Quote(cmd))
}

// commands are the names run knows, for the suggestion of a mistyped one.
var commands = []string{"build", "check", "init", "new", "serve", "theme", "version", "help"}

// msgUnknownCommandHint is the message of a mistyped command (what was
// typed, the command meant).
const msgUnknownCommandHint = "unknown command %q; did you mean %s?"

// usageError is a mistake on the command line (exit status 2).
type usageError string

func (e usageError) Error() string { return "jobboard: " + string(e) + " (see: jobboard help)" }

// newFlagSet makes the flag set of one command, with a usage message that
// says what the command does before listing its flags.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("jobboard "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: jobboard %s\n\n%s\n\nFlags:\n", synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns a flag mistake into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError(err.Error())
	}
	return nil
}
