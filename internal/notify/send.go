package notify

import (
	"context"
	"fmt"
	"io"
)

// sendIndexNow posts every change to IndexNow and prints each URL with
// the answer to its request. It reports whether every request was taken.
func sendIndexNow(ctx context.Context, opt Options, changes []Change, w io.Writer) bool {
	if opt.DryRun {
		for _, c := range changes {
			fmt.Fprintf(w, "IndexNow %-8s %s: dry run, not sent\n", c.Kind, c.URL)
		}
		fmt.Fprintf(w, "IndexNow: %s would be sent to %s\n", pages(len(changes)), opt.IndexNowEndpoint)
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
		short := a.String()
		if !a.OK {
			// What the refusal means is said once, below.
			short, refusal = "refused", a
			if a.Status != 0 {
				short = fmt.Sprintf("%d refused", a.Status)
			}
		}
		for _, c := range batch {
			fmt.Fprintf(w, "IndexNow %-8s %s: %s\n", c.Kind, c.URL, short)
		}
		at += len(batch)
		if a.OK {
			received += len(batch)
		}
	}
	if received == len(changes) {
		fmt.Fprintf(w, "IndexNow: %s sent to %s, received\n", pages(received), opt.IndexNowEndpoint)
		return true
	}
	fmt.Fprintf(w, "IndexNow: %d of %s not received by %s: %s\n", len(changes)-received, pages(len(changes)), opt.IndexNowEndpoint, refusal)
	return false
}

// pages is "1 page" or "n pages".
func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
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
			fmt.Fprintf(w, "Google   %-8s %s %s: dry run, not sent\n", c.Kind, c.URL, typ)
			continue
		}
		a := opt.Google.Publish(ctx, c.URL, typ)
		fmt.Fprintf(w, "Google   %-8s %s %s: %s\n", c.Kind, c.URL, typ, a)
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
		fmt.Fprintf(w, "Google   %-8s %s: not sent\n", c.Kind, c.URL)
	}
	if opt.DryRun {
		fmt.Fprintf(w, "Google: %s would be sent to %s", pages(len(due)), opt.Google.Endpoint)
	} else {
		fmt.Fprintf(w, "Google: %s sent to %s, %d received, %d refused", pages(len(due)), opt.Google.Endpoint, received, refused)
	}
	switch {
	case len(left) > 0 && stopped:
		fmt.Fprintf(w, "; %d not sent after that refusal\n", len(left))
	case len(left) > 0:
		fmt.Fprintf(w, "; %d not sent, over the quota of %d a day (-google-quota): Google finds them when it next reads the sitemap\n", len(left), opt.GoogleQuota)
	default:
		fmt.Fprintln(w)
	}
	return refused == 0
}
