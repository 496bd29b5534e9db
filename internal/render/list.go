package render

import (
	"github.com/jobboard/jobboard/internal/site"
)

// ListView is what the list layout receives as .List, on the list of open
// postings, the archive, and the contract and place filter pages.
type ListView struct {
	Filter    string  // the contract or remote work in words, or the town, on filter pages
	Entries   []Entry // newest first
	Elsewhere []Entry // open postings that exist only in other languages
	Open      int     // open postings in the page's language, all filters
	Archive   string  // address of the archive
	Closed    int     // closed postings, for the archive link
	Contracts []Chip
	Places    []Chip
	Remotes   []Chip // remote work: hybrid, full
	All       Chip   // every open posting: the list itself
	Pager     *Pager // the list's pages; nil when it has one
	Feed      string // the Atom feed of the filter, on filter pages
}

// FilterName is a filter in words in lang: the contract ("CDI"), the
// town as written, the remote work ("Télétravail partiel").
func (r *Renderer) FilterName(lang string, f site.Filter) string {
	switch {
	case f.Contract != "":
		return r.must(lang, "contract."+string(f.Contract))
	case f.Remote != "":
		return r.must(lang, "remote."+f.Remote)
	}
	return f.City
}

// Pager links to every page of a list, so that each is one click from
// any other (a list of 10,000 postings has 200 pages of 50).
type Pager struct {
	Number     int // the page shown, from 1
	Links      []PageLink
	Prev, Next string // the pages before and after; "" for none
}

// PageLink is a link to one page of a list.
type PageLink struct {
	Number  int
	Href    string
	Current bool // aria-current="page"
}

// pager is the pager of a page of a list; nil when the list has one page.
func pager(s *site.Site, pg *site.Page) *Pager {
	if pg.PageCount < 2 {
		return nil
	}
	p := &Pager{Number: pg.Number, Links: make([]PageLink, pg.PageCount)}
	for i := range p.Links {
		n := i + 1
		p.Links[i] = PageLink{Number: n, Href: s.Href(site.PagePath(pg.First.Path, n)), Current: n == pg.Number}
	}
	if pg.Number > 1 {
		p.Prev = p.Links[pg.Number-2].Href
	}
	if pg.Number < pg.PageCount {
		p.Next = p.Links[pg.Number].Href
	}
	return p
}

// Entry is one posting in a list.
type Entry struct {
	Lang    string // the posting's language when it is not the page's, else ""
	Dir     string
	Path    string
	Title   string
	Summary string
	Org     string
	City    string
	Facts   FactsText
}

// Chip is one filter: a link to the pre-built page of a contract or a town,
// with the number of open postings it lists.
type Chip struct {
	Text    string
	Path    string
	Count   int
	Current bool // the page shows this filter: aria-current="page"
}

func (r *Renderer) listView(s *site.Site, pg *site.Page, lang string, keying bool) *ListView {
	lv := &ListView{Archive: s.Href(site.ArchivePath(lang)), Closed: pg.ClosedSeen}
	for _, f := range pg.Contracts {
		lv.Open += f.Count
		lv.Contracts = append(lv.Contracts, Chip{Text: r.must(lang, "contract."+string(f.Contract)), Path: s.Href(f.Path), Count: f.Count,
			Current: pg.Kind == site.ContractPage && f.Path == pg.Path})
	}
	for _, f := range pg.Places {
		lv.Places = append(lv.Places, Chip{Text: f.City, Path: s.Href(f.Path), Count: f.Count,
			Current: pg.Kind == site.PlacePage && f.Path == pg.Path})
	}
	for _, f := range pg.Remotes {
		lv.Remotes = append(lv.Remotes, Chip{Text: r.must(lang, "remote."+f.Remote), Path: s.Href(f.Path), Count: f.Count,
			Current: pg.Kind == site.RemotePage && f.Path == pg.Path})
	}
	lv.All = Chip{Path: s.Href(site.ListPath(lang)), Count: lv.Open, Current: pg.Kind == site.ListPage && pg.Number <= 1}
	lv.Pager = pager(s, pg)
	if path := site.FilterFeedPath(pg); path != "" {
		lv.Filter = r.FilterName(lang, pg.Filter)
		lv.Feed = s.Href(path)
	}
	if !keying {
		lv.Entries = r.entries(s, pg.Entries, lang)
		lv.Elsewhere = r.entries(s, pg.Elsewhere, lang)
	}
	return lv
}

// entries describes list entries in the page's language; an entry in
// another language keeps its own title and summary, marked with its lang.
func (r *Renderer) entries(s *site.Site, es []*site.Entry, lang string) []Entry {
	var out []Entry
	for _, e := range es {
		out = append(out, r.Entry(s, e, lang))
	}
	return out
}

// EntryContext is what the "entry" partial receives: the page, and the
// entry as .E.
type EntryContext struct {
	*View
	E Entry
}

// With pairs the page with one of its entries, for the "entry" partial.
func (v *View) With(e Entry) EntryContext { return EntryContext{v, e} }
