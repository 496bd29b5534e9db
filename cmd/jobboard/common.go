package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jobboard/jobboard/internal/content"
)

// siteFlags are the flags every command that reads content shares.
type siteFlags struct {
	dir    string
	now    string
	drafts bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "C", ".", "the site's `folder` (the one holding content/, layouts/ and assets/)")
	fs.StringVar(&f.now, "now", "", "treat this `date` (YYYY-MM-DD) as today, to decide which postings are closed (default: today in the site's time zone)")
	fs.BoolVar(&f.drafts, "drafts", false, "include postings marked draft: true")
}

// today resolves -now in the site's time zone.
func (f *siteFlags) today(loc *time.Location) (content.Date, error) {
	if f.now == "" {
		return content.DateOf(time.Now().In(loc)), nil
	}
	d, err := content.ParseDate(f.now)
	if err != nil {
		return content.Date{}, usageError(fmt.Sprintf("-now %q: give a date as YYYY-MM-DD", f.now))
	}
	return d, nil
}

// load reads and validates the site, printing every diagnostic to w.
func (f *siteFlags) load(w io.Writer) (*content.Site, content.Date, error) {
	if st, err := os.Stat(f.dir); err != nil || !st.IsDir() {
		return nil, content.Date{}, usageError(fmt.Sprintf("-C %s: no such folder", f.dir))
	}
	today, err := f.today(time.Local)
	if err != nil {
		return nil, content.Date{}, err
	}
	site, diags := content.Load(os.DirFS(f.dir), content.Options{Drafts: f.drafts, Today: today})
	printDiagnostics(w, diags)
	if site == nil {
		return nil, today, errReported
	}
	if f.now == "" { // today, in the site's zone rather than the machine's
		today = content.DateOf(time.Now().In(site.TimeZone))
	}
	return site, today, nil
}

func printDiagnostics(w io.Writer, diags content.Diagnostics) {
	for _, d := range diags {
		fmt.Fprintln(w, d)
	}
	if len(diags) > 0 {
		fmt.Fprintln(w, diags.Summary())
	}
}
