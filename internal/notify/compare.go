// Package notify tells search engines which posting pages changed since
// the site was last published: it compares the record of the postings
// (see feeds.Record) of the published site with the one of a new build,
// and sends the pages added, changed, closed or removed to IndexNow and
// to Google's Indexing API. Unchanged pages are never sent.
package notify

import (
	"cmp"
	"slices"

	"github.com/jobboard/jobboard/internal/feeds"
)

// Kind is what happened to a posting page since the last publication.
type Kind string

const (
	Added   Kind = "added"   // a new open posting
	Changed Kind = "changed" // its JobPosting changed, or it opened again
	Closed  Kind = "closed"  // closed by its date: the page stays and says so
	Removed Kind = "removed" // gone from the content: the page is gone (404)
)

// urgency orders the kinds: filled jobs first, so that candidates stop
// applying to them, when a quota lets only some pages through.
var urgency = map[Kind]int{Removed: 0, Closed: 1, Changed: 2, Added: 3}

// A Change is one posting page to send.
type Change struct {
	URL  string
	Kind Kind
}

// Compare returns the changes from the record prev to next, removed and
// closed pages first, then changed and added ones, each kind by URL, and
// the number of posting pages unchanged. A page first published closed is
// not sent: no search engine knew it open.
func Compare(prev, next feeds.Record) (changes []Change, unchanged int) {
	was := make(map[string]feeds.RecordPosting, len(prev.Postings))
	for _, p := range prev.Postings {
		was[p.URL] = p
	}
	for _, p := range next.Postings {
		old, ok := was[p.URL]
		delete(was, p.URL)
		var kind Kind
		switch {
		case p.Status == feeds.Closed && (!ok || old.Status == feeds.Closed):
			unchanged++
			continue
		case p.Status == feeds.Closed:
			kind = Closed
		case !ok:
			kind = Added
		case old.Status == feeds.Closed || old.Hash != p.Hash:
			kind = Changed
		default:
			unchanged++
			continue
		}
		changes = append(changes, Change{URL: p.URL, Kind: kind})
	}
	for u := range was {
		changes = append(changes, Change{URL: u, Kind: Removed})
	}
	slices.SortFunc(changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(urgency[a.Kind], urgency[b.Kind]), cmp.Compare(a.URL, b.URL))
	})
	return changes, unchanged
}
