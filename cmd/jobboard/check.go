package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("check", "check [-C folder] [-now YYYY-MM-DD] [-drafts]",
		"Check reads every file of content/ and reports every mistake it finds, as\n"+
			"file:line: field: message, without writing anything. It runs the whole\n"+
			"build in memory, so layouts are checked too. It exits with status 1 when\n"+
			"there is an error; warnings alone do not fail.", stderr)
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("check takes no arguments")
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	discard := func(string, []byte) error { return nil }
	res, err := build.NewBuilder(cfg).Generate(ctx, discard)
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics)
	}
	var cerr *content.ContentError
	if errors.As(err, &cerr) {
		return errReported
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "no errors: %d pages would be built\n", res.Pages)
	return nil
}
