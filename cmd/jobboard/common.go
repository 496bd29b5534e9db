package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/jobboard/jobboard"
	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// siteFlags are the flags every command that reads content shares.
type siteFlags struct {
	dir    string
	now    string
	drafts bool
}

func (f *siteFlags) register(fs *flag.FlagSet, l msg.Lang) {
	fs.StringVar(&f.dir, "C", ".", l.Sprintf("the site's `folder` (the one holding content/)"))
	fs.StringVar(&f.now, "now", "", l.Sprintf("treat this `date` (YYYY-MM-DD) as today, to decide which postings are closed (default: today in the site's time zone)"))
	fs.BoolVar(&f.drafts, "drafts", false, l.Sprintf("include postings marked draft: true"))
}

// config turns the flags into a build configuration.
func (f *siteFlags) config() (build.Config, error) {
	if st, err := os.Stat(f.dir); err != nil || !st.IsDir() {
		return build.Config{}, usagef("-C %s: no such folder", f.dir)
	}
	cfg := build.Config{Root: f.dir, Drafts: f.drafts, Theme: jobboard.Theme}
	if f.now != "" {
		d, err := content.ParseDate(f.now)
		if err != nil {
			return cfg, usagef("-now %q: give a date as YYYY-MM-DD", f.now)
		}
		cfg.Today = d
	}
	return cfg, nil
}

// printDiagnostics prints diags in language l, one a line, then their
// count.
func printDiagnostics(w io.Writer, diags content.Diagnostics, l msg.Lang) {
	for _, d := range diags {
		fmt.Fprintln(w, d.In(l))
	}
	if len(diags) > 0 {
		fmt.Fprintln(w, diags.Summary(l))
	}
}
