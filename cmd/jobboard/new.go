package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jobboard/jobboard"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/scaffold"
)

func runNew(ctx context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", l.Sprintf("new [-C folder] [-now YYYY-MM-DD] [-from old-name] <name>"),
		l.Sprintf("New starts a posting: it writes content/postings/<name>.<language>.md for\n"+
			"every language of content/site.yaml, from layouts/archetypes/. The file of\n"+
			"the default language holds the facts (contract, salary, dates, ...), with\n"+
			"comments saying what each one means; the others hold the translated text.\n"+
			"The posting starts as a draft, posted today. The name becomes the web\n"+
			"address of the posting: lower-case letters, digits and hyphens, like\n"+
			"mediateur-interculturel-calais. With -from, the new posting starts as a\n"+
			"copy of an old one, to relist a job."), l, stderr)
	dir := fs.String("C", ".", l.Sprintf("the site's `folder` (the one holding content/)"))
	now := fs.String("now", "", l.Sprintf("use this `date` (YYYY-MM-DD) as the posted date (default: today in the site's time zone)"))
	from := fs.String("from", "", l.Sprintf("start from the old `posting` of this name, to relist a job: its text and facts are kept, "+
		"the dates of the old listing cleared (posted today, no expires, start to give again)"))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		return usagef("new needs the name of the posting, like: jobboard new mediateur-interculturel-calais")
	case 1:
	default:
		return usagef("new takes one name; flags go before it: jobboard new -C site name")
	}
	if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
		return usagef("-C %s: no such folder", *dir)
	}
	var today content.Date
	if *now != "" {
		d, err := content.ParseDate(*now)
		if err != nil {
			return usagef("-now %q: give a date as YYYY-MM-DD", *now)
		}
		today = d
	}
	var res *scaffold.Result
	var err error
	if *from != "" {
		res, err = scaffold.Relist(*dir, *from, fs.Arg(0), today)
	} else {
		res, err = scaffold.Posting(*dir, jobboard.Theme, fs.Arg(0), today)
	}
	if errors.Is(err, scaffold.ErrNoPosting) {
		return usagef("new -from %s: %s", *from, err)
	}
	var serr *scaffold.SlugError
	if errors.As(err, &serr) {
		return usagef("new: the name %s", serr)
	}
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		fmt.Fprintln(stdout, l.Sprintf("created %s", f))
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, l.Sprintf("note: %s", n))
	}
	fmt.Fprint(stdout, l.Sprintf("\nNext: edit these files (the facts are in %s), then run\n"+
		"\tjobboard serve -drafts\nto preview the draft at http://127.0.0.1:1313/. "+
		"Remove the line \"draft: true\" when it is ready to publish.\n", res.Files[0]))
	return nil
}
