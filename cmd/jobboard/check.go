package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

func runCheck(ctx context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("check", l.Sprintf("check [-C folder] [-now YYYY-MM-DD] [-drafts]"),
		l.Sprintf("Check reads every file of content/ and reports every mistake it finds, as\n"+
			"file:line: field: message, without writing anything. It runs the whole\n"+
			"build in memory, so layouts are checked too. It exits with status 1 when\n"+
			"there is an error; warnings alone do not fail."), l, stderr)
	sf.register(fs, l)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("check takes no arguments")
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	discard := func(string, []byte) error { return nil }
	res, err := build.NewBuilder(cfg).Generate(ctx, discard)
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics, l)
	}
	var cerr *content.ContentError
	if errors.As(err, &cerr) {
		return errReported
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, l.Sprintf("no errors: %d pages would be built", res.Pages))
	return nil
}
