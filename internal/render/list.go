package render

import (
	"github.com/jobboard/jobboard/internal/site"
)

// ListView is what the list layout receives as .List, on the list of open
// postings, the archive, and the contract and place filter pages.
type ListView struct {
	Filter    string  // the contract in words or the town, on filter pages
	Entries   []Entry // newest first
	Elsewhere []Entry // open postings that exist only in other languages
	Open      int     // open postings in the page's language, all filters
	Archive   string  // address of the archive
	Closed    int     // closed postings, for the archive link
	Contracts []Chip
	Places    []Chip
	All       Chip // every open posting: the list itself
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
	lv.All = Chip{Path: s.Href(site.ListPath(lang)), Count: lv.Open, Current: pg.Kind == site.ListPage}
	switch pg.Kind {
	case site.ContractPage:
		lv.Filter = r.must(lang, "contract."+string(pg.Filter.Contract))
	case site.PlacePage:
		lv.Filter = pg.Filter.City
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
