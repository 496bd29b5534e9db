package notify

import (
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/jobboard/jobboard/internal/msg"
)

// sendIndexNow posts every change to IndexNow and prints each URL with
// the answer to its request. It reports whether every request was taken.
func sendIndexNow(ctx context.Context, opt Options, changes []Change, w io.Writer) bool {
	if opt.DryRun {
		for _, c := range changes {
			opt.say(w, "IndexNow %s %s: dry run, not sent", column(c.Kind), c.URL)
		}
		opt.say(w, "IndexNow: %s would be sent to %s", pages(len(changes)), opt.IndexNowEndpoint)
		return true
	}
	urls := make([]string, len(changes))
	for i, c := range changes {
		urls[i] = c.URL
	}
	ix := IndexNow{
		Endpoint:    opt.IndexNowEndpoint,
		Key:         opt.IndexNowKey,
		KeyLocation: opt.BaseURL + opt.IndexNowKey + ".txt",
		Client:      opt.Client,
	}
	at, received := 0, 0
	var refusal Answer
	for _, a := range ix.Send(ctx, urls) {
		batch := changes[at : at+min(len(changes)-at, indexNowBatch)]
		var short msg.Localized = a
		if !a.OK {
			// What the refusal means is said once, below.
			short, refusal = msg.New("refused"), a
			if a.Status != 0 {
				short = msg.New("%d refused", a.Status)
			}
		}
		for _, c := range batch {
			opt.say(w, "IndexNow %s %s: %s", column(c.Kind), c.URL, short)
		}
		at += len(batch)
		if a.OK {
			received += len(batch)
		}
	}
	if received == len(changes) {
		opt.say(w, "IndexNow: %s sent to %s, received", pages(received), opt.IndexNowEndpoint)
		return true
	}
	if len(changes) == 1 {
		opt.say(w, "IndexNow: 1 of 1 page not received by %s: %s", opt.IndexNowEndpoint, refusal)
		return false
	}
	opt.say(w, "IndexNow: %d of %s not received by %s: %s", len(changes)-received, pages(len(changes)), opt.IndexNowEndpoint, refusal)
	return false
}

// pages is "1 page" or "n pages" ("0 page" in French, which counts
// nothing in the singular).
func pages(n int) msg.Text {
	switch n {
	case 0:
		return msg.New("0 pages")
	case 1:
		return msg.New("1 page")
	}
	return msg.New("%d pages", n)
}

// kindWords are the words of the kinds, in the column of each page.
var kindWords = map[Kind]msg.Text{
	Added:   msg.New("added"),
	Changed: msg.New("changed"),
	Closed:  msg.New("closed"),
	Removed: msg.New("removed"),
}

// column is a kind's word padded to the longest word of the kinds in the
// language printed, and one space more, so that the URLs after it line
// up (in English as wide as "%-8s").
type column Kind

func (c column) In(l msg.Lang) string {
	width := 0
	for _, t := range kindWords {
		width = max(width, utf8.RuneCountInString(t.In(l)))
	}
	word := string(c)
	if t, ok := kindWords[Kind(c)]; ok {
		word = t.In(l)
	}
	return word + strings.Repeat(" ", max(width+1-utf8.RuneCountInString(word), 0))
}

// sendGoogle publishes the changes to Google one by one, the first
// GoogleQuota of them (filled jobs first: see Compare), and prints each
// URL with Google's answer, then the pages left out. It stops at the
// first refusal of the quota or of the sign-in, which would refuse the
// rest alike. It reports whether every page sent was received.
func sendGoogle(ctx context.Context, opt Options, changes []Change, w io.Writer) bool {
	due := changes[:min(len(changes), max(opt.GoogleQuota, 0))]
	received, refused := 0, 0
	stopped := false
	for i, c := range due {
		typ := Type(c.Kind)
		if opt.DryRun {
			opt.say(w, "Google   %s %s %s: dry run, not sent", column(c.Kind), c.URL, typ)
			continue
		}
		a := opt.Google.Publish(ctx, c.URL, typ)
		opt.say(w, "Google   %s %s %s: %s", column(c.Kind), c.URL, typ, a)
		if a.OK {
			received++
			continue
		}
		refused++
		if a.Err != nil || a.Status == 429 || a.Status == 401 || a.Status == 403 {
			due, stopped = due[:i+1], true
			break
		}
	}
	left := changes[len(due):]
	for _, c := range left {
		opt.say(w, "Google   %s %s: not sent", column(c.Kind), c.URL)
	}
	summary := msg.New("Google: %s sent to %s, %d received, %d refused", pages(len(due)), opt.Google.Endpoint, received, refused)
	if opt.DryRun {
		summary = msg.New("Google: %s would be sent to %s", pages(len(due)), opt.Google.Endpoint)
	}
	var rest msg.Text
	switch {
	case len(left) > 0 && stopped:
		rest = msg.New("; %d not sent after that refusal", len(left))
	case len(left) > 0:
		rest = msg.New("; %d not sent, over the quota of %d a day (-google-quota): Google finds them when it next reads the sitemap", len(left), opt.GoogleQuota)
	}
	opt.say(w, "%s%s", summary, rest)
	return refused == 0
}
