package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/serve"
)

func runServe(ctx context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlagSet("serve", l.Sprintf("serve [-C folder] [-addr 127.0.0.1:1313] [-drafts] [-now YYYY-MM-DD]"),
		l.Sprintf("Serve previews the site on this computer while you edit it. It builds the\n"+
			"site, serves it at the address shown, and rebuilds it each time a file of\n"+
			"content/, layouts/ or assets/ is saved; open pages reload by themselves.\n"+
			"When a saved file has a mistake, the terminal and the page list every\n"+
			"problem, and the last version that worked stays on show until it is fixed.\n"+
			"Nothing is written to public/. Stop it with Ctrl-C."), l, stderr)
	sf.register(fs, l)
	addr := fs.String("addr", "127.0.0.1:1313", l.Sprintf("listen on this `host:port`; port 0 picks a free one. With a host other than 127.0.0.1, [::1] or localhost, other machines may see the preview"))
	debounce := fs.Duration("debounce", serve.DefaultDebounce, l.Sprintf("wait this `duration` after the last change before rebuilding"))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments")
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	// Readable pages: the author may look at the source, and minifying
	// only slows each rebuild down.
	cfg.NoMinify = true
	srv, err := serve.New(serve.Config{Build: cfg, Addr: *addr, Debounce: *debounce, Log: stderr, Lang: l})
	if errors.Is(err, syscall.EADDRINUSE) {
		return msg.Errorf("%w: is another jobboard serve running? Stop it, or give another port: -addr 127.0.0.1:0 picks a free one", err)
	}
	if err != nil {
		return err
	}
	if srv.Exposed() {
		// The preview is for the author: say so when others can see it.
		what := msg.New("changes not yet published included")
		if sf.drafts {
			what = msg.New("drafts included")
		}
		fmt.Fprintln(stderr, l.Sprintf("warning: -addr %s is reachable from other machines on the network: anyone who can reach it sees the preview, %s.", *addr, what))
	}
	fmt.Fprintln(stdout, l.Sprintf("serving %s (Ctrl-C to stop)", srv.URL()))
	if sf.drafts {
		fmt.Fprintln(stdout, l.Sprintf("drafts are shown"))
	}
	start := time.Now()
	err = srv.Run(ctx)
	fmt.Fprintln(stdout, l.Sprintf("stopped after %s", time.Since(start).Round(time.Second)))
	return err
}
