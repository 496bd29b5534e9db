package main

import (
	"context"
	"fmt"
	"io"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("check", "check [-C folder] [-now YYYY-MM-DD] [-drafts]",
		"Check reads every file of content/ and reports every mistake it finds,\n"+
			"as file:line: field: message, without writing anything. It exits with\n"+
			"status 1 when there is an error; warnings alone do not fail.", stderr)
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("check takes no arguments")
	}
	site, _, err := sf.load(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "content is fine: %d postings, %d employers\n", len(site.Postings), len(site.Organizations))
	return nil
}
