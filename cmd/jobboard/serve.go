package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/jobboard/jobboard/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("serve", "serve [-C folder] [-addr 127.0.0.1:1313] [-drafts] [-now YYYY-MM-DD]",
		"Serve previews the site on this computer while you edit it. It builds the\n"+
			"site, serves it at the address shown, and rebuilds it each time a file of\n"+
			"content/, layouts/ or assets/ is saved; open pages reload by themselves.\n"+
			"When a saved file has a mistake, the terminal and the page list every\n"+
			"problem, and the last version that worked stays on show until it is fixed.\n"+
			"Nothing is written to public/. Stop it with Ctrl-C.", stderr)
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "listen on this `host:port`; port 0 picks a free one. With a host other than 127.0.0.1, [::1] or localhost, other machines may see the preview")
	debounce := fs.Duration("debounce", serve.DefaultDebounce, "wait this long after the last change before rebuilding")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("serve takes no arguments")
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	// Readable pages: the author may look at the source, and minifying
	// only slows each rebuild down.
	cfg.NoMinify = true
	srv, err := serve.New(serve.Config{Build: cfg, Addr: *addr, Debounce: *debounce, Log: stderr})
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w: is another jobboard serve running? Stop it, or give another port: -addr 127.0.0.1:0 picks a free one", err)
	}
	if err != nil {
		return err
	}
	if srv.Exposed() {
		// The preview is for the author: say so when others can see it.
		what := "changes not yet published included"
		if sf.drafts {
			what = "drafts included"
		}
		fmt.Fprintf(stderr, "warning: -addr %s is reachable from other machines on the network: anyone who can reach it sees the preview, %s.\n", *addr, what)
	}
	fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", srv.URL())
	if sf.drafts {
		fmt.Fprintln(stdout, "drafts are shown")
	}
	start := time.Now()
	err = srv.Run(ctx)
	fmt.Fprintf(stdout, "stopped after %s\n", time.Since(start).Round(time.Second))
	return err
}
