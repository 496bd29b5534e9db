package notify

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/msg"
)

// Options say what Run compares and where it sends the changes.
type Options struct {
	Out      string // the folder of the new build
	Previous string // the published site's record: a folder, a file or an http(s) address; "": the one at BaseURL
	BaseURL  string // the site's base_url

	IndexNowKey      string // "": IndexNow is not told
	IndexNowEndpoint string
	Google           *Google // nil: Google is not told
	GoogleQuota      int     // the most URLs sent to Google

	DryRun bool         // print what would be sent, send nothing
	Client *http.Client // fetches the previous record and posts to IndexNow
	Lang   msg.Lang     // the language of what is printed and of the errors' words
}

// say prints the message format with args in opt.Lang, and a newline.
func (opt Options) say(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, opt.Lang.Sprintf(format, args...))
}

// ErrRefused is returned when an endpoint refused what it was sent, or
// could not be reached; what it answered was printed.
var ErrRefused error = msg.Sentinel("an endpoint refused the changes or could not be reached")

// Run compares the records, prints the changes, sends them and prints
// what each endpoint answered, then a summary.
func Run(ctx context.Context, opt Options, w io.Writer) error {
	next, err := ReadFolder(opt.Out)
	if err != nil {
		return err
	}
	prev, err := previous(ctx, opt, w)
	if err != nil {
		return err
	}
	changes, unchanged := Compare(prev, next)
	if opt.Previous == "" && len(next.Postings) > 0 && len(changes) == 0 && unchanged == len(next.Postings) && len(prev.Postings) == len(next.Postings) {
		// The usual mistake: notify run after a deploy with no -previous.
		// (Compared by URL: a record written by an earlier jobboard lists
		// the same postings in another order.)
		opt.say(w, "the site at base_url already publishes this build's record, so nothing is seen as changed:")
		opt.say(w, "before deploying, run jobboard notify -save-previous previous.json; after, jobboard notify -previous previous.json")
	}
	changes = onSite(changes, opt, w)
	opt.say(w, "%s; %d unchanged, not sent", count(changes), unchanged)
	if len(changes) == 0 {
		return nil
	}
	if opt.IndexNowKey == "" && opt.Google == nil {
		for _, c := range changes {
			opt.say(w, "%s %s", column(c.Kind), c.URL)
		}
		opt.say(w, "nothing sent: give indexnow_key in content/site.yaml, or -google-credentials")
		return nil
	}
	ok := true
	if opt.IndexNowKey != "" {
		ok = sendIndexNow(ctx, opt, changes, w) && ok
	}
	if opt.Google != nil {
		ok = sendGoogle(ctx, opt, changes, w) && ok
	}
	if !ok {
		return ErrRefused
	}
	return nil
}

// previous reads the record of the site as published; a site that has
// none is published for the first time: every open posting is added.
func previous(ctx context.Context, opt Options, w io.Writer) (feeds.Record, error) {
	where := opt.Previous
	if where == "" {
		where = opt.BaseURL
	}
	if !strings.HasPrefix(where, "http://") && !strings.HasPrefix(where, "https://") {
		opt.say(w, "the published record: %s", where)
		return ReadFolder(where)
	}
	u, err := RecordURL(where)
	if err != nil {
		return feeds.Record{}, err
	}
	opt.say(w, "the published record: %s", u)
	rec, found, err := Fetch(ctx, opt.Client, where)
	if err == nil && !found {
		opt.say(w, "%s is not there (404): a first publication, every open posting is new", u)
	}
	return rec, err
}

// onSite leaves out the pages that are not under opt.BaseURL (the site
// moved to another address): the endpoints refuse URLs of another site.
func onSite(changes []Change, opt Options, w io.Writer) []Change {
	kept := changes[:0]
	for _, c := range changes {
		if strings.HasPrefix(c.URL, opt.BaseURL) {
			kept = append(kept, c)
		} else {
			opt.say(w, "%s %s: not sent, not under base_url %s", column(c.Kind), c.URL, opt.BaseURL)
		}
	}
	return kept
}

// count says how many pages of each kind there are to send.
func count(changes []Change) msg.Text {
	n := map[Kind]int{}
	for _, c := range changes {
		n[c.Kind]++
	}
	// French says "ajoutées : 1": the word does not agree with the number.
	return msg.New("%s to send (%d added, %d changed, %d closed, %d removed)",
		pages(len(changes)), n[Added], n[Changed], n[Closed], n[Removed])
}

// SavePrevious writes the record of the site as published (opt.Previous,
// or the site at opt.BaseURL) into file, for a Run after the deployment
// to compare with: once deployed, the site publishes the new record. A
// site published for the first time gives a record with no posting.
func SavePrevious(ctx context.Context, opt Options, file string, w io.Writer) error {
	rec, err := previous(ctx, opt, w)
	if err != nil {
		return err
	}
	// Written whole or not at all: a half-written record would make the
	// next Run send pages that did not change.
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(file), ".previous-*.json")
	if err != nil {
		return err
	}
	err = feeds.WriteRecord(f, rec)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	opt.say(w, "saved the published record (%d posting pages) into %s: after deploying, run jobboard notify -previous %s", len(rec.Postings), file, file)
	return nil
}
