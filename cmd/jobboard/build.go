package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

func runBuild(ctx context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("build", l.Sprintf("build [-C folder] [-out folder] [-now YYYY-MM-DD] [-drafts]"),
		l.Sprintf("Build checks content/ and writes the web site into public/. If anything is\n"+
			"wrong, it reports every mistake and leaves the previous public/ as it was."), l, stderr)
	sf.register(fs, l)
	out := fs.String("out", "", l.Sprintf("write the site into this `folder`: a new or empty one, or a site jobboard built, which is replaced (default: public/ in the site folder)"))
	minify := fs.Bool("minify", true, l.Sprintf("minify HTML, CSS, JSON-LD and XML (-minify=false for readable output)"))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("build takes no arguments")
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	cfg.Out = *out
	cfg.NoMinify = !*minify
	res, err := build.Run(ctx, cfg)
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics, l)
	}
	var oerr *build.OutError
	if errors.As(err, &oerr) {
		return refusedOut(*out, oerr)
	}
	var cerr *content.ContentError
	if errors.As(err, &cerr) {
		fmt.Fprintln(stderr, l.Sprintf("build stopped: nothing was written"))
		return errReported
	}
	if err != nil {
		return err
	}
	dest := cfg.Out
	if dest == "" {
		dest = filepath.Join(cfg.Root, "public")
	}
	kept := ""
	if res.Kept > 0 {
		// Said so that whoever deploys by modification time knows
		// what will be uploaded.
		kept = l.Sprintf(", %d of them unchanged since the last build", res.Kept)
	}
	fmt.Fprintln(stdout, l.Sprintf("built %d pages (%d files, %.1f KB%s) into %s in %s",
		res.Pages, res.Files, float64(res.Bytes)/1024, kept, dest, res.Duration.Round(time.Millisecond)))
	return nil
}

// refusedOut is the usage error of an output folder the build refused
// (given with -out, or the default when out is ""): what it is, what the
// build would have done, and what to do instead.
func refusedOut(out string, oerr *build.OutError) error {
	if out == "" {
		return usagef("%s: %s. Nothing was written. Move what you keep there elsewhere, or build into an empty or new folder, e.g. -out site",
			oerr.Out, oerr.Reason)
	}
	other := "public"
	if filepath.Base(filepath.Clean(out)) == "public" {
		other = "site"
	}
	return usagef("-out %s: %s. Nothing was written. Choose an empty or new folder, e.g. -out %s", out, oerr.Reason, other)
}
